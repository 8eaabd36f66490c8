//! SSCAN.

use engine::SetValue;
use resp::Reply;

use super::member_reply;
use crate::families::access::read;
use crate::families::keyspace::parse_cursor;
use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// SSCAN's COUNT when none is given.
const DEFAULT_COUNT: usize = 10;

/// SSCAN key cursor [MATCH pattern] [COUNT count]: `[next cursor, members]`. Compact sets
/// come back whole with cursor 0, whatever the cursor, as in Redis.
pub fn sscan(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let Some(cursor) = parse_cursor(args.get(2)) else {
        return errors::err(errors::INVALID_CURSOR);
    };
    // Redis looks the key up before it reads the options: a missing key answers an empty
    // scan even when the options are wrong.
    let set = match read::<SetValue>(ctx, args.get(1)) {
        Ok(Some(set)) => set,
        Ok(None) => return scan_reply(0, Vec::new()),
        Err(e) => return e,
    };
    let (count, pattern) = match parse_options(args) {
        Ok(options) => options,
        Err(e) => return e,
    };
    let mut found = Vec::new();
    let next = set.scan(cursor, count, |item| {
        let keep =
            pattern.is_none_or(|p| item.with_bytes(|m| engine::glob::glob_match(p, m, false)));
        if keep {
            found.push(member_reply(item));
        }
    });
    scan_reply(next, found)
}

/// COUNT and MATCH, in any order, the last of each winning; anything else (TYPE included,
/// which only SCAN takes) is a syntax error.
fn parse_options(args: Args<'_>) -> Result<(usize, Option<&[u8]>), Reply> {
    let (mut count, mut pattern) = (DEFAULT_COUNT, None);
    let mut i = 3;
    while let Some(option) = args.try_get(i) {
        let value = args.try_get(i + 1);
        match value {
            Some(value) if is(option, "count") => {
                let n = parse::int(value)?;
                if n < 1 {
                    return Err(errors::err(errors::SYNTAX));
                }
                count = usize::try_from(n).unwrap_or(usize::MAX);
            }
            Some(value) if is(option, "match") => {
                pattern = (value != b"*").then_some(value);
            }
            _ => return Err(errors::err(errors::SYNTAX)),
        }
        i += 2;
    }
    Ok((count, pattern))
}

fn scan_reply(cursor: u64, members: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::bulk(cursor.to_string().as_bytes()),
        Reply::Array(members),
    ])
}
