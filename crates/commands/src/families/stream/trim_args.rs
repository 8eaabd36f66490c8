//! The options XADD and XTRIM share (Redis's `streamParseAddOrTrimArgsOrReply`): MAXLEN or
//! MINID with `=` or `~`, LIMIT, and for XADD NOMKSTREAM and the ID; and the form a trim with
//! `~` is logged in, so that replaying it removes exactly what it removed.

use engine::stream::{node, StreamId, StreamValue, TrimSpec, TrimStrategy};
use resp::Reply;

use super::parse::{self, AddId};
use crate::{errors, parse as args_parse, Args};

/// Redis caps an approximate trim without LIMIT at this many entries.
const DEFAULT_APPROX_LIMIT: i64 = 10_000;

/// Parsed XADD/XTRIM options.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AddTrimArgs {
    /// The trim asked for, if any.
    pub(crate) trim: Option<TrimSpec>,
    /// Where the MAXLEN count or MINID ID sits (the `~` is just before it when approximate).
    pub(crate) strategy_at: usize,
    /// Where LIMIT's keyword sits, if given.
    pub(crate) limit_at: Option<usize>,
    /// NOMKSTREAM (XADD).
    pub(crate) no_mkstream: bool,
    /// XADD's ID and where it sits (the field/value pairs follow).
    pub(crate) id: AddId,
    /// Where XADD's ID sits; the end of the arguments for XTRIM.
    pub(crate) id_at: usize,
}

/// Parses the options from argument 2 on. `node_max_entries` is `stream-node-max-entries`,
/// which sets the default LIMIT of an approximate trim.
pub(crate) fn parse_add_trim(
    args: Args<'_>,
    xadd: bool,
    node_max_entries: usize,
) -> Result<AddTrimArgs, Reply> {
    let mut out = AddTrimArgs {
        trim: None,
        strategy_at: 0,
        limit_at: None,
        no_mkstream: false,
        id: AddId::Auto,
        id_at: args.len(),
    };
    let mut strategy: Option<TrimStrategy> = None;
    let mut approx = false;
    let mut limit: i64 = 0;
    let mut i = 2;
    while i < args.len() {
        let more = args.len() - 1 - i;
        let opt = args.get(i);
        let is = |name| args_parse::is(opt, name);
        if xadd && opt == b"*" {
            out.id_at = i;
            break;
        } else if (is("maxlen") || is("minid")) && more > 0 {
            if strategy.is_some() {
                return Err(errors::err(errors::TRIM_STRATEGY_TWICE));
            }
            let next = args.get(i + 1);
            approx = more >= 2 && next == b"~";
            if more >= 2 && (next == b"~" || next == b"=") {
                i += 1;
            }
            let value = args.get(i + 1);
            strategy = Some(if is("maxlen") {
                let max = args_parse::int(value)?;
                if max < 0 {
                    return Err(errors::err(errors::MAXLEN_NEGATIVE));
                }
                TrimStrategy::MaxLen(max as u64)
            } else {
                TrimStrategy::MinId(parse::parse_strict_id(value, 0)?)
            });
            i += 1;
            out.strategy_at = i;
        } else if is("limit") && more > 0 {
            limit = args_parse::int(args.get(i + 1))?;
            if limit < 0 {
                return Err(errors::err(errors::LIMIT_NEGATIVE));
            }
            out.limit_at = Some(i);
            i += 1;
        } else if xadd && is("nomkstream") {
            out.no_mkstream = true;
        } else if xadd {
            out.id = parse::parse_add_id(opt)?;
            out.id_at = i;
            break;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 1;
    }
    if limit != 0 && strategy.is_none() {
        return Err(errors::err(errors::LIMIT_WITHOUT_STRATEGY));
    }
    if !xadd && strategy.is_none() {
        return Err(errors::err(errors::XTRIM_WITHOUT_STRATEGY));
    }
    if out.limit_at.is_some() {
        if !approx {
            return Err(errors::err(errors::LIMIT_WITHOUT_APPROX));
        }
    } else if approx {
        limit = (node_max_entries as i64).wrapping_mul(100);
        if limit <= 0 || limit > DEFAULT_APPROX_LIMIT {
            limit = DEFAULT_APPROX_LIMIT;
        }
    }
    let Some(strategy) = strategy else {
        return Ok(out);
    };
    out.trim = Some(TrimSpec {
        strategy,
        approx,
        limit: limit as u64,
    });
    Ok(out)
}

/// The command as logged: XADD's chosen ID in place of `*` or `<ms>-*` (`chosen_id`), and
/// after an approximate trim (Redis's `streamRewriteApproxSpecifier` and
/// `streamRewriteTrimArgument`) `=` in place of `~` and what the trim left (the length, or
/// the first entry, deleted ones included) in place of the count or ID. LIMIT is dropped then:
/// replay trims exactly, which Redis gets by ignoring LIMIT for the commands it loads.
pub(crate) fn log_record(
    args: Args<'_>,
    parsed: &AddTrimArgs,
    stream: &StreamValue,
    chosen_id: Option<StreamId>,
) -> Vec<Vec<u8>> {
    let mut record: Vec<Vec<u8>> = args.iter().map(<[u8]>::to_vec).collect();
    if let (Some(id), Some(slot)) = (chosen_id, record.get_mut(parsed.id_at)) {
        *slot = id.to_string().into_bytes();
    }
    let Some(spec) = parsed.trim.filter(|spec| spec.approx) else {
        return record;
    };
    {
        let value = match spec.strategy {
            TrimStrategy::MaxLen(_) => stream.len().to_string(),
            TrimStrategy::MinId(_) => first_entry_with_tombstones(stream).to_string(),
        };
        if let Some(slot) = record.get_mut(parsed.strategy_at) {
            *slot = value.into_bytes();
        }
        if let Some(slot) = record.get_mut(parsed.strategy_at - 1) {
            *slot = b"=".to_vec();
        }
    }
    if let Some(at) = parsed.limit_at.filter(|at| at + 2 <= record.len()) {
        record.drain(at..at + 2);
    }
    record
}

/// The first entry's ID counting deleted ones (Redis's `streamGetEdgeID(s, 1, 0)`), the
/// largest ID when there is none.
fn first_entry_with_tombstones(stream: &StreamValue) -> StreamId {
    stream
        .nodes
        .iter()
        .find_map(|(master, lp)| node::NodeIter::new(lp, *master).next().map(|e| e.id))
        .unwrap_or(StreamId::MAX)
}
