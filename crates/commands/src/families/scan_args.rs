//! The cursor and options of the SCAN family (SCAN, HSCAN, SSCAN, ZSCAN), parsed once with
//! Redis's rules and errors, and the shape of their replies.

use bytes::Bytes;
use resp::Reply;

use crate::parse::{self, is};
use crate::{errors, Args};

/// COUNT when none is given.
pub const DEFAULT_COUNT: usize = 10;

/// MATCH, COUNT and (SCAN only) TYPE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanArgs<'a> {
    /// About how many elements to visit.
    pub count: usize,
    /// Only elements matching this glob; `None` for all (`*` included).
    pub pattern: Option<&'a [u8]>,
    /// Only keys of this type (SCAN's TYPE); `None` for all.
    pub type_filter: Option<&'a [u8]>,
}

impl ScanArgs<'_> {
    /// Whether `element` passes MATCH, case-sensitively (Redis's `stringmatchlen`).
    #[inline]
    pub fn matches(&self, element: &[u8]) -> bool {
        self.pattern
            .is_none_or(|pattern| engine::glob::glob_match(pattern, element, false))
    }
}

/// A cursor as Redis reads it with `strtoul`: decimal with an optional sign (a negative one
/// wraps around), empty meaning 0, no leading space, nothing after the digits but a NUL, and
/// no overflow; else `ERR invalid cursor`.
pub fn parse_cursor(arg: &[u8]) -> Result<u64, Reply> {
    cursor_value(arg).ok_or_else(|| errors::err(errors::INVALID_CURSOR))
}

fn cursor_value(arg: &[u8]) -> Option<u64> {
    // C sees the argument only up to its first NUL byte; an empty one is cursor 0, and
    // Redis refuses the blanks strtoull would skip.
    let arg = arg.split(|&b| b == 0).next().unwrap_or_default();
    match arg.first() {
        None => Some(0),
        Some(b) if b.is_ascii_whitespace() || *b == 0x0b => None,
        Some(_) => crate::parse::strtoull(arg),
    }
}

/// The options from argument `from` on, in any order, the last of each winning; a COUNT below
/// 1, a dangling option, and anything else are `ERR syntax error` (TYPE too, unless
/// `accept_type`: only SCAN takes it).
pub fn parse_options(
    args: Args<'_>,
    from: usize,
    accept_type: bool,
) -> Result<ScanArgs<'_>, Reply> {
    let mut options = ScanArgs {
        count: DEFAULT_COUNT,
        pattern: None,
        type_filter: None,
    };
    let mut i = from;
    while let Some(option) = args.try_get(i) {
        let Some(value) = args.try_get(i + 1) else {
            return Err(errors::err(errors::SYNTAX));
        };
        if is(option, "count") {
            let count = parse::int(value)?;
            if count < 1 {
                return Err(errors::err(errors::SYNTAX));
            }
            options.count = usize::try_from(count).unwrap_or(usize::MAX);
        } else if is(option, "match") {
            // `*` matches everything: no need to test each element.
            options.pattern = (value != b"*").then_some(value);
        } else if accept_type && is(option, "type") {
            options.type_filter = Some(value);
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 2;
    }
    Ok(options)
}

/// `[next cursor, elements]`.
pub fn scan_reply(cursor: u64, elements: Vec<Reply>) -> Reply {
    Reply::Array(vec![
        Reply::Bulk(Bytes::from(cursor.to_string())),
        Reply::Array(elements),
    ])
}
