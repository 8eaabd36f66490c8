//! SORT and SORT_RO: the elements of a list, set or sorted set, ordered by their numeric
//! value, their bytes (ALPHA) or the values other keys hold (BY), optionally projected
//! through other keys (GET) and stored as a list (STORE). Redis's `sortCommandGeneric`.

mod options;
mod pattern;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;

use bytes::Bytes;
use engine::{ListValue, Value};
use resp::Reply;

use crate::families::access;
use crate::families::string::longdouble::sort_strtod;
use crate::{errors, Args, ShardCtx};

use options::SortOptions;

/// SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]
/// [STORE destination].
pub fn sort(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    sort_generic(ctx, args, false).unwrap_or_else(|e| e)
}

/// SORT_RO: SORT without STORE.
pub fn sort_ro(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    sort_generic(ctx, args, true).unwrap_or_else(|e| e)
}

/// The kind of collection being sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    List,
    Set,
    ZSet,
    /// A missing key sorts as an empty list.
    Missing,
}

/// One element and what it sorts by.
struct SortItem {
    element: Bytes,
    score: f64,
    /// ALPHA with BY: the looked-up value, `None` when missing (sorts first).
    by_value: Option<Bytes>,
}

fn sort_generic(ctx: &mut ShardCtx<'_>, args: Args<'_>, read_only: bool) -> Result<Reply, Reply> {
    let key = args.get(1);
    // Redis reads the options, with their errors, before it looks at the key.
    let mut options = SortOptions::parse(ctx, args, read_only)?;
    let (kind, len) = peek(ctx, key)?;
    if options.dont_sort && kind == Kind::Set && options.store.is_some() {
        // A set's iteration order is arbitrary: what is stored must not depend on it.
        options.dont_sort = false;
        options.alpha = true;
        options.by = None;
    }
    let (mut start, mut end) = limit_range(options.limit, len as i64);
    let direct = options.dont_sort && matches!(kind, Kind::List | Kind::ZSet);
    let mut items = if direct {
        let items = load_range(ctx, key, kind, start, end, options.desc);
        end -= start;
        start = 0;
        items
    } else {
        load_all(ctx, key, kind)
    };
    if !options.dont_sort {
        let convertible = score_items(ctx, &mut items, &options);
        sort_items(&mut items, &options);
        if !convertible {
            return Err(errors::err(errors::SORT_NOT_DOUBLE));
        }
    }
    let selected: &[SortItem] = match usize::try_from(start) {
        Ok(first) if end >= start && first < items.len() => {
            &items[first..=(end as usize).min(items.len() - 1)]
        }
        _ => &[],
    };
    let output = project(ctx, selected, &options);
    Ok(match options.store {
        None => Reply::Array(
            output
                .into_iter()
                .map(|v| v.map_or(Reply::Nil, Reply::Bulk))
                .collect(),
        ),
        Some(destination) => store(ctx, destination, output),
    })
}

/// The type and length of the collection under `key`, or WRONGTYPE.
fn peek(ctx: &mut ShardCtx<'_>, key: &[u8]) -> Result<(Kind, usize), Reply> {
    let (found, shape) = match access::entry(ctx, key) {
        None => (false, Ok((Kind::Missing, 0))),
        Some(entry) => (
            true,
            match &entry.value {
                Value::List(l) => Ok((Kind::List, l.len())),
                Value::Set(s) => Ok((Kind::Set, s.len())),
                Value::ZSet(z) => Ok((Kind::ZSet, z.len())),
                _ => Err(errors::err(errors::WRONG_TYPE)),
            },
        ),
    };
    ctx.count_read(found);
    shape
}

/// LIMIT's offset and count as the inclusive range of output positions, Redis's sanity
/// rules: a negative offset is 0, a negative count means "to the end", an offset past the
/// end selects nothing.
fn limit_range(limit: Option<(i64, i64)>, len: i64) -> (i64, i64) {
    let (offset, count) = limit.unwrap_or((0, -1));
    let start = offset.max(0);
    let mut end = if count < 0 {
        len - 1
    } else {
        start.saturating_add(count) - 1
    };
    if start >= len {
        return (len - 1, len - 2);
    }
    if end >= len {
        end = len - 1;
    }
    (start, end)
}

fn item(element: Bytes) -> SortItem {
    SortItem {
        element,
        score: 0.0,
        by_value: None,
    }
}

/// Every element, in the collection's own order.
fn load_all(ctx: &mut ShardCtx<'_>, key: &[u8], kind: Kind) -> Vec<SortItem> {
    let Some(entry) = access::entry(ctx, key) else {
        return Vec::new();
    };
    match (&entry.value, kind) {
        (Value::List(l), _) => l.iter().map(|e| item(e.to_bytes())).collect(),
        (Value::Set(s), _) => s.iter().map(|e| item(e.to_bytes())).collect(),
        (Value::ZSet(z), _) => z
            .iter()
            .map(|(m, _)| item(Bytes::copy_from_slice(m)))
            .collect(),
        _ => Vec::new(),
    }
}

/// Positions `start..=end` of a list or sorted set in its own order (from the tail, or the
/// highest score, when `desc`): BY without `*` reads just the range LIMIT asks for.
fn load_range(
    ctx: &mut ShardCtx<'_>,
    key: &[u8],
    kind: Kind,
    start: i64,
    end: i64,
    desc: bool,
) -> Vec<SortItem> {
    if end < start {
        return Vec::new();
    }
    let (skip, take) = (start as usize, (end - start + 1) as usize);
    let Some(entry) = access::entry(ctx, key) else {
        return Vec::new();
    };
    match (&entry.value, kind) {
        (Value::List(l), _) if desc => l.iter().rev().skip(skip).take(take).map(to_item).collect(),
        (Value::List(l), _) => l.iter().skip(skip).take(take).map(to_item).collect(),
        (Value::ZSet(z), _) => {
            let len = z.len();
            let mut items = Vec::with_capacity(take.min(len));
            let (from, to) = if desc {
                (len.saturating_sub(skip + take), len.saturating_sub(skip))
            } else {
                (skip, skip + take)
            };
            z.visit_range(from, to, desc, |m, _| {
                items.push(item(Bytes::copy_from_slice(m)))
            });
            items
        }
        _ => Vec::new(),
    }
}

fn to_item(element: engine::PackItem<'_>) -> SortItem {
    item(element.to_bytes())
}

/// Fills in what each item sorts by; false when a numeric sort met a value that is not a
/// number (the whole command then fails, as Redis's `int_conversion_error`).
fn score_items(ctx: &mut ShardCtx<'_>, items: &mut [SortItem], options: &SortOptions<'_>) -> bool {
    let mut convertible = true;
    for item in items.iter_mut() {
        let by_value = match options.by {
            Some(pattern) => match pattern::lookup(ctx, pattern, &item.element) {
                Some(value) => value,
                // A missing BY value sorts as 0 (or first, with ALPHA).
                None => continue,
            },
            None => item.element.clone(),
        };
        if options.alpha {
            if options.by.is_some() {
                item.by_value = Some(by_value);
            }
        } else {
            match sort_strtod(&by_value) {
                Some(score) => item.score = score,
                None => convertible = false,
            }
        }
    }
    convertible
}

/// Orders items as Redis's `sortCompare`; the sort is stable, as glibc's qsort is for these
/// sizes, so items that compare equal keep the collection's order.
fn sort_items(items: &mut [SortItem], options: &SortOptions<'_>) {
    let compare = |a: &SortItem, b: &SortItem| -> Ordering {
        let order = if !options.alpha {
            a.score
                .partial_cmp(&b.score)
                .unwrap_or(Ordering::Equal)
                .then_with(|| a.element.cmp(&b.element))
        } else if options.by.is_some() {
            a.by_value.cmp(&b.by_value)
        } else {
            a.element.cmp(&b.element)
        };
        if options.desc {
            order.reverse()
        } else {
            order
        }
    };
    items.sort_by(compare);
}

/// What each selected item outputs: itself, or one value per GET pattern (`None` missing).
fn project(
    ctx: &mut ShardCtx<'_>,
    items: &[SortItem],
    options: &SortOptions<'_>,
) -> Vec<Option<Bytes>> {
    if options.gets.is_empty() {
        return items.iter().map(|i| Some(i.element.clone())).collect();
    }
    let mut output = Vec::with_capacity(items.len() * options.gets.len());
    for item in items {
        for pattern in &options.gets {
            output.push(pattern::lookup(ctx, pattern, &item.element));
        }
    }
    output
}

/// STORE: the output as a list at `destination` (missing GET values as empty strings),
/// replacing whatever was there; an empty output deletes the destination.
fn store(ctx: &mut ShardCtx<'_>, destination: &[u8], output: Vec<Option<Bytes>>) -> Reply {
    let count = output.len();
    if count == 0 {
        let now_ms = ctx.now_ms;
        if ctx.db().remove(destination, now_ms).is_some() {
            ctx.dirty(1);
        }
        return Reply::Int(0);
    }
    let limits = ctx.shard.settings.limits;
    let mut list = ListValue::new();
    for value in &output {
        list.push_back(value.as_deref().unwrap_or_default(), &limits);
    }
    access::store(ctx, destination, Value::List(list));
    ctx.dirty(count as u64);
    Reply::Int(count as i64)
}
