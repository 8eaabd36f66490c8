//! Finding a command's keys from its key specs, as Redis's `getKeysUsingKeySpecs` does.

use crate::table::{BeginSearch, CommandId, CommandSpec, FindKeys};
use crate::Args;

/// Appends the argument indices of every key of `args` to `out` (which is cleared first).
/// Arguments that do not fit the specs yield no keys; the handler then reports the error.
pub fn key_positions(spec: &CommandSpec, args: &Args<'_>, out: &mut Vec<usize>) {
    out.clear();
    if !for_each_key(spec, args, |pos, _| out.push(pos)) {
        out.clear();
    }
}

/// Like [`key_positions`], with each key's key-spec flags (`key_flag` bits): what ACL key
/// patterns are checked against.
pub fn keys_with_flags(spec: &CommandSpec, args: &Args<'_>, out: &mut Vec<(usize, u32)>) {
    out.clear();
    if !for_each_key(spec, args, |pos, flags| out.push((pos, flags))) {
        out.clear();
    }
    if spec.id == CommandId::Set {
        if let Some((_, flags)) = out.first_mut() {
            *flags = set_key_flags(args);
        }
    }
    if spec.id == CommandId::Sort {
        if let Some(store) = sort_store_key(args) {
            use crate::table::key_flag as kf;
            out.push((store, kf::OW | kf::UPDATE));
        }
    }
}

/// SORT's STORE destination, which no key spec can describe: the argument after the last
/// STORE, skipping the arguments of LIMIT, GET and BY (Redis's `sortGetKeys`).
fn sort_store_key(args: &Args<'_>) -> Option<usize> {
    let mut store = None;
    let mut i = 2;
    while i < args.len() {
        let option = args.get(i);
        if option.eq_ignore_ascii_case(b"limit") {
            i += 2;
        } else if option.eq_ignore_ascii_case(b"get") || option.eq_ignore_ascii_case(b"by") {
            i += 1;
        } else if option.eq_ignore_ascii_case(b"store") && i + 1 < args.len() {
            store = Some(i + 1);
        }
        i += 1;
    }
    store
}

/// SET's key spec has variable flags: it reads the old value only with GET (Redis's
/// `setGetKeys`), so a write-only key pattern allows a plain SET.
fn set_key_flags(args: &Args<'_>) -> u32 {
    use crate::table::key_flag as kf;
    if args.iter_from(3).any(|a| a.eq_ignore_ascii_case(b"get")) {
        kf::RW | kf::ACCESS | kf::UPDATE
    } else {
        kf::OW | kf::UPDATE
    }
}

/// Calls `emit` with every key position and its spec's flags; false when the arguments are
/// too few for a spec (then there are no keys at all).
fn for_each_key(spec: &CommandSpec, args: &Args<'_>, mut emit: impl FnMut(usize, u32)) -> bool {
    let argc = args.len() as i64;
    for key_spec in spec.key_specs {
        let Some(first) = begin_index(key_spec.begin, args) else {
            continue;
        };
        let (first, last, step) = match key_spec.find {
            FindKeys::Range {
                last_key,
                step,
                limit,
            } => {
                let last = if last_key >= 0 {
                    first + last_key as i64
                } else if limit <= 1 {
                    argc + last_key as i64
                } else {
                    first + ((argc - first) / limit as i64 + last_key as i64)
                };
                (first, last, step as i64)
            }
            FindKeys::KeyNum {
                key_num_idx,
                first_key,
                step,
            } => {
                let idx = first + key_num_idx as i64;
                let Some(numkeys) = args
                    .try_get(idx as usize)
                    .and_then(engine::value::parse_i64)
                    .filter(|n| *n >= 0)
                else {
                    continue;
                };
                let start = first + first_key as i64;
                (start, start + (numkeys - 1) * step as i64, step as i64)
            }
            FindKeys::Unknown => continue,
        };
        if step <= 0 {
            continue;
        }
        let mut i = first;
        while i <= last {
            if i >= argc || i < 1 {
                // Too few arguments for the spec: no keys; the handler reports the error.
                return false;
            }
            emit(i as usize, key_spec.flags);
            i += step;
        }
    }
    true
}

fn begin_index(begin: BeginSearch, args: &Args<'_>) -> Option<i64> {
    let argc = args.len() as i64;
    match begin {
        BeginSearch::Index(i) => Some(i as i64),
        BeginSearch::Keyword {
            keyword,
            start_from,
        } => {
            let (start, end, dir) = if start_from > 0 {
                (start_from as i64, argc - 1, 1)
            } else {
                (argc + start_from as i64, 0, -1)
            };
            let mut i = start;
            while (dir > 0 && i <= end) || (dir < 0 && i >= end) {
                if i < 0 || i >= argc {
                    break;
                }
                if args
                    .get(i as usize)
                    .eq_ignore_ascii_case(keyword.as_bytes())
                {
                    return Some(i + 1);
                }
                i += dir;
            }
            None
        }
        BeginSearch::Unknown => None,
    }
}
