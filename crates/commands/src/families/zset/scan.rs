//! ZSCAN: the cursor first, then the key, then the options (`scanGenericCommand`'s order).

use bytes::Bytes;
use engine::ZSetValue;
use resp::Reply;

use crate::families::access;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// ZSCAN's COUNT when none is given.
const DEFAULT_COUNT: usize = 10;

/// ZSCAN key cursor [MATCH pattern] [COUNT count]
pub fn zscan(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let Some(cursor) = parse_cursor(args.get(2)) else {
        return errors::err(errors::INVALID_CURSOR);
    };
    let zset = match access::read::<ZSetValue>(ctx, args.get(1)) {
        Ok(Some(zset)) => zset,
        Ok(None) => return scan_reply(0, Vec::new()),
        Err(e) => return e,
    };
    let (count, pattern) = match scan_options(args) {
        Ok(options) => options,
        Err(e) => return e,
    };
    let mut found = Vec::new();
    let next = zset.scan(cursor, count, |member, score| {
        if pattern.is_none_or(|p| engine::glob::glob_match(p, member, false)) {
            found.push(Reply::bulk(member));
            // Scores travel as text, as Redis copies them out of the set.
            found.push(Reply::Bulk(Bytes::from(resp::format_double(score))));
        }
    });
    scan_reply(next, found)
}

fn scan_reply(cursor: u64, items: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(Bytes::from(cursor.to_string())),
        Reply::Array(items),
    ])
}

/// COUNT and MATCH, in any order, the last one winning; `*` matches all without testing.
fn scan_options(args: Args<'_>) -> Result<(usize, Option<&[u8]>), Reply> {
    let (mut count, mut pattern) = (DEFAULT_COUNT, None);
    let mut i = 3;
    while let Some(option) = args.try_get(i) {
        let Some(value) = args.try_get(i + 1) else {
            return Err(errors::err(errors::SYNTAX));
        };
        if is(option, "count") {
            let n = parse::int(value)?;
            if n < 1 {
                return Err(errors::err(errors::SYNTAX));
            }
            count = usize::try_from(n).unwrap_or(usize::MAX);
        } else if is(option, "match") {
            pattern = (value != b"*").then_some(value);
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 2;
    }
    Ok((count, pattern))
}

/// A cursor as Redis reads it with `strtoul`: decimal with an optional sign (a negative one
/// wraps around), empty meaning 0, nothing after the digits but a NUL, and no overflow.
fn parse_cursor(arg: &[u8]) -> Option<u64> {
    let arg = arg.split(|&b| b == 0).next().unwrap_or_default();
    if arg.is_empty() {
        return Some(0);
    }
    let (negative, digits) = match arg.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, arg),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut value: u64 = 0;
    for &digit in digits {
        value = value
            .checked_mul(10)?
            .checked_add(u64::from(digit - b'0'))?;
    }
    Some(if negative {
        value.wrapping_neg()
    } else {
        value
    })
}
