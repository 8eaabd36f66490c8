//! LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence
//! of two strings, by the textbook dynamic programme, walked back exactly as Redis walks it so
//! that the same matches come out in the same order.

use bytes::Bytes;
use engine::Value;
use resp::Reply;

use super::{either, lookup};
use crate::{errors, parse, Args, ShardCtx};

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN].
pub fn lcs(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(lcs_inner(ctx, args))
}

fn lcs_inner(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    // Redis looks both keys up and checks their types before reading any option.
    let a = operand(ctx, args.get(1));
    let b = operand(ctx, args.get(2));
    let (Some(a), Some(b)) = (a, b) else {
        return Err(errors::err(errors::LCS_NOT_STRINGS));
    };
    let options = LcsOptions::parse(args)?;
    // Positions are 32-bit in Redis's table; longer strings are refused.
    if a.len() >= u32::MAX as usize - 1 || b.len() >= u32::MAX as usize - 1 {
        return Err(errors::err(errors::LCS_TOO_LONG));
    }
    let table = Table::build(&a, &b, ctx.shard.settings.proto_max_bulk_len)?;
    let total = table.at(a.len(), b.len());
    if options.len && !options.idx {
        return Ok(Reply::Int(total as i64));
    }
    let walk = walk_back(&a, &b, &table, options.min_match_len);
    if !options.idx {
        return Ok(Reply::Bulk(Bytes::from(walk.common)));
    }
    let matches = walk
        .matches
        .iter()
        .map(|m| m.reply(options.with_match_len))
        .collect();
    Ok(Reply::Map(vec![
        (Reply::bulk_static(b"matches"), Reply::Array(matches)),
        (Reply::bulk_static(b"len"), Reply::Int(total as i64)),
    ]))
}

/// The string under `key`, empty when missing, `None` when the key holds another type.
fn operand(ctx: &mut ShardCtx<'_>, key: &[u8]) -> Option<Bytes> {
    match lookup(ctx, key).map(|e| &e.value) {
        None => Some(Bytes::new()),
        Some(Value::Str(s)) => Some(s.to_bytes()),
        Some(_) => None,
    }
}

/// LCS's options.
#[derive(Debug, Default)]
struct LcsOptions {
    len: bool,
    idx: bool,
    with_match_len: bool,
    min_match_len: u64,
}

impl LcsOptions {
    fn parse(args: Args<'_>) -> Result<Self, Reply> {
        let mut options = LcsOptions::default();
        let mut i = 3;
        while let Some(arg) = args.try_get(i) {
            let has_value = i + 1 < args.len();
            if super::options::c_keyword_is(arg, "IDX") {
                options.idx = true;
            } else if super::options::c_keyword_is(arg, "LEN") {
                options.len = true;
            } else if super::options::c_keyword_is(arg, "WITHMATCHLEN") {
                options.with_match_len = true;
            } else if super::options::c_keyword_is(arg, "MINMATCHLEN") && has_value {
                // Redis reads the number at once (its error wins over later syntax errors)
                // and treats a negative one as 0.
                options.min_match_len = parse::int(args.get(i + 1))?.max(0) as u64;
                i += 1;
            } else {
                return Err(errors::err(errors::SYNTAX));
            }
            i += 1;
        }
        if options.idx && options.len {
            return Err(errors::err(errors::LCS_LEN_AND_IDX));
        }
        Ok(options)
    }
}

/// `cells[j + i * (b_len + 1)]` is the LCS length of `a[..i]` and `b[..j]`.
struct Table {
    cells: Vec<u32>,
    row_len: usize,
}

impl Table {
    /// Fills the table, refusing one whose size passes `proto-max-bulk-len` as Redis does.
    fn build(a: &[u8], b: &[u8], max_bytes: i64) -> Result<Table, Reply> {
        let row_len = b.len() + 1;
        let cell_count = (a.len() as u64 + 1) * row_len as u64;
        let size_bytes = cell_count.checked_mul(std::mem::size_of::<u32>() as u64);
        let size_bytes = size_bytes.filter(|&n| usize::try_from(n).is_ok());
        let Some(size_bytes) = size_bytes else {
            return Err(errors::err(errors::LCS_ALLOC_FAILED));
        };
        if size_bytes > max_bytes.max(0) as u64 {
            return Err(errors::err(errors::LCS_TABLE_TOO_BIG));
        }
        let mut cells = Vec::new();
        if cells.try_reserve_exact(cell_count as usize).is_err() {
            return Err(errors::err(errors::LCS_ALLOC_FAILED));
        }
        cells.resize(cell_count as usize, 0u32);
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                cells[j + i * row_len] = if a[i - 1] == b[j - 1] {
                    cells[(j - 1) + (i - 1) * row_len] + 1
                } else {
                    cells[j + (i - 1) * row_len].max(cells[(j - 1) + i * row_len])
                };
            }
        }
        Ok(Table { cells, row_len })
    }

    fn at(&self, i: usize, j: usize) -> usize {
        self.cells[j + i * self.row_len] as usize
    }
}

/// One run of matching bytes: inclusive ranges in each string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Match {
    a: (usize, usize),
    b: (usize, usize),
}

impl Match {
    fn len(&self) -> usize {
        self.a.1 - self.a.0 + 1
    }

    fn reply(&self, with_len: bool) -> Reply {
        let range = |(start, end): (usize, usize)| {
            Reply::Array(vec![Reply::Int(start as i64), Reply::Int(end as i64)])
        };
        let mut parts = vec![range(self.a), range(self.b)];
        if with_len {
            parts.push(Reply::Int(self.len() as i64));
        }
        Reply::Array(parts)
    }
}

/// What walking the table back from its corner yields.
struct Walk {
    /// The common subsequence.
    common: Vec<u8>,
    /// Runs of at least the minimum length, from the ends of the strings backwards.
    matches: Vec<Match>,
}

/// Walks from `(a.len(), b.len())` to an edge, collecting the common bytes and the runs
/// (Redis's order: on a tie it steps through `b` first).
fn walk_back(a: &[u8], b: &[u8], table: &Table, min_match_len: u64) -> Walk {
    let mut remaining = table.at(a.len(), b.len());
    let mut common = vec![0u8; remaining];
    let mut matches = Vec::new();
    let mut run: Option<Match> = None;
    let (mut i, mut j) = (a.len(), b.len());
    while i > 0 && j > 0 {
        let mut emit = false;
        if a[i - 1] == b[j - 1] {
            common[remaining - 1] = a[i - 1];
            match run.as_mut() {
                None => {
                    run = Some(Match {
                        a: (i - 1, i - 1),
                        b: (j - 1, j - 1),
                    })
                }
                // Contiguous with the run so far: extend it backwards.
                Some(m) if m.a.0 == i && m.b.0 == j => {
                    m.a.0 -= 1;
                    m.b.0 -= 1;
                }
                Some(_) => emit = true,
            }
            // A run that reached the start of either string is complete.
            emit |= run.is_some_and(|m| m.a.0 == 0 || m.b.0 == 0);
            remaining -= 1;
            i -= 1;
            j -= 1;
        } else {
            if table.at(i - 1, j) > table.at(i, j - 1) {
                i -= 1;
            } else {
                j -= 1;
            }
            emit = run.is_some();
        }
        if emit {
            if let Some(m) = run.take() {
                if min_match_len == 0 || m.len() as u64 >= min_match_len {
                    matches.push(m);
                }
            }
        }
    }
    Walk { common, matches }
}
