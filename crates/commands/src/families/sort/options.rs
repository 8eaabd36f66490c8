//! SORT's SQL-like options, parsed in Redis's order and with its errors.

use resp::Reply;

use crate::parse::{self, is};
use crate::{errors, Args, ShardCtx};

/// What a SORT command asks for.
#[derive(Debug, Default)]
pub(super) struct SortOptions<'a> {
    /// DESC.
    pub desc: bool,
    /// ALPHA: compare as byte strings instead of numbers.
    pub alpha: bool,
    /// LIMIT offset count (offset 0 and count -1 when absent).
    pub limit: Option<(i64, i64)>,
    /// BY pattern; `None` sorts by the elements themselves.
    pub by: Option<&'a [u8]>,
    /// BY with a pattern without `*`: keep the collection's own order.
    pub dont_sort: bool,
    /// GET patterns, in order.
    pub gets: Vec<&'a [u8]>,
    /// STORE destination.
    pub store: Option<&'a [u8]>,
}

impl<'a> SortOptions<'a> {
    /// Parses options from argument 2 on; SORT_RO (`read_only`) has no STORE.
    pub fn parse(ctx: &ShardCtx<'_>, args: Args<'a>, read_only: bool) -> Result<Self, Reply> {
        let mut options = SortOptions::default();
        let mut i = 2;
        while i < args.len() {
            let word = args.get(i);
            let left = args.len() - i - 1;
            if is(word, "asc") {
                options.desc = false;
            } else if is(word, "desc") {
                options.desc = true;
            } else if is(word, "alpha") {
                options.alpha = true;
            } else if is(word, "limit") && left >= 2 {
                let offset = parse::int(args.get(i + 1))?;
                let count = parse::int(args.get(i + 2))?;
                options.limit = Some((offset, count));
                i += 2;
            } else if is(word, "store") && left >= 1 && !read_only {
                options.store = Some(args.get(i + 1));
                i += 1;
            } else if is(word, "by") && left >= 1 {
                let pattern = args.get(i + 1);
                options.by = Some(pattern);
                options.dont_sort = !pattern.contains(&b'*');
                if !options.dont_sort && !pattern_is_local(ctx, pattern) {
                    return Err(errors::err(errors::SORT_BY_DENIED));
                }
                if !options.dont_sort && !ctx.reads_any_key {
                    return Err(errors::err(errors::SORT_BY_ACL_DENIED));
                }
                i += 1;
            } else if is(word, "get") && left >= 1 {
                let pattern = args.get(i + 1);
                if pattern != b"#" && !pattern_is_local(ctx, pattern) {
                    return Err(errors::err(errors::SORT_GET_DENIED));
                }
                if !ctx.reads_any_key {
                    return Err(errors::err(errors::SORT_GET_ACL_DENIED));
                }
                options.gets.push(pattern);
                i += 1;
            } else {
                return Err(errors::err(errors::SYNTAX));
            }
            i += 1;
        }
        Ok(options)
    }
}

/// Whether every key `pattern` can form lives on this shard, so that SORT can read it here.
/// With one shard every key does. With several, the pattern must pin a hash slot of this
/// shard (a `{tag}` before any glob character), as Redis Cluster requires one of the key's
/// slot; and a command running on a scratch copy of its keys (its STORE key on another
/// shard) sees no other key at all.
fn pattern_is_local(ctx: &ShardCtx<'_>, pattern: &[u8]) -> bool {
    match ctx.shard.home {
        None => false,
        Some(home) if home.count == 1 => true,
        Some(home) => pattern_slot(pattern).is_some_and(|slot| home.owns_slot(slot)),
    }
}

/// The one hash slot every key matching `pattern` hashes to, if the pattern pins one: Redis's
/// `patternHashSlot`, which gives up on a glob character or escape before a `{tag}`.
pub(super) fn pattern_slot(pattern: &[u8]) -> Option<u16> {
    let mut open: Option<usize> = None;
    let mut whole_key = false;
    for (i, &b) in pattern.iter().enumerate() {
        match b {
            b'*' | b'?' | b'[' | b'\\' => return None,
            b'{' if open.is_none() && !whole_key => open = Some(i),
            b'}' if !whole_key => {
                if let Some(start) = open {
                    if i == start + 1 {
                        // An empty tag `{}`: the whole key is hashed.
                        whole_key = true;
                    } else {
                        return Some(
                            crate::slot::crc16(&pattern[start + 1..i]) % crate::slot::SLOT_COUNT,
                        );
                    }
                }
            }
            _ => {}
        }
    }
    Some(crate::slot::crc16(pattern) % crate::slot::SLOT_COUNT)
}
