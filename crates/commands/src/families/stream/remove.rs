//! XDEL, XTRIM and XSETID: the writes that remove entries or move the stream's IDs.

use engine::stream::StreamId;
use resp::Reply;

use super::parse::parse_strict_id;
use super::trim_args::{log_record, parse_add_trim};
use super::write_stream;
use crate::families::either;
use crate::{errors, parse, Args, ShardCtx};

/// `XDEL key id [id ...]`
pub fn xdel(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(del(ctx, args))
}

fn del(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    // Redis looks the key up before it checks the IDs: a missing key answers 0 whatever they are.
    let Some(stream) = write_stream(ctx, args.get(1))? else {
        return Ok(Reply::Int(0));
    };
    let ids = args
        .iter_from(2)
        .map(|arg| parse_strict_id(arg, 0))
        .collect::<Result<Vec<StreamId>, Reply>>()?;
    let mut deleted = 0u64;
    let mut first_deleted = false;
    for id in ids {
        if stream.delete(id) {
            deleted += 1;
            first_deleted |= id == stream.first_id;
            stream.max_deleted_id = stream.max_deleted_id.max(id);
        }
    }
    if deleted > 0 {
        if stream.is_empty() {
            stream.first_id = StreamId::MIN;
        } else if first_deleted {
            stream.first_id = stream.edge_id(false).unwrap_or(StreamId::MIN);
        }
    }
    ctx.dirty(deleted);
    Ok(Reply::Int(deleted as i64))
}

/// `XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]`
pub fn xtrim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(trim(ctx, args))
}

fn trim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let node_max_entries = ctx.shard.settings.limits.stream_node.max_entries;
    let parsed = parse_add_trim(args, false, node_max_entries)?;
    let Some(stream) = write_stream(ctx, args.get(1))? else {
        return Ok(Reply::Int(0));
    };
    let Some(spec) = parsed.trim else {
        return Err(errors::err(errors::XTRIM_WITHOUT_STRATEGY));
    };
    let deleted = stream.trim(spec);
    if deleted > 0 && spec.approx {
        let record = log_record(args, &parsed, stream, None);
        ctx.shard.propagate.instead(vec![record]);
    }
    ctx.dirty(deleted);
    Ok(Reply::Int(deleted as i64))
}

/// `XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]`
pub fn xsetid(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(setid(ctx, args))
}

fn setid(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let id = parse_strict_id(args.get(2), 0)?;
    let mut entries_added: Option<u64> = None;
    let mut max_deleted = StreamId::MIN;
    let mut i = 3;
    while i < args.len() {
        let more = i + 1 < args.len();
        if parse::is(args.get(i), "entriesadded") && more {
            let n = parse::int(args.get(i + 1))?;
            if n < 0 {
                return Err(errors::err(errors::ENTRIES_ADDED_NEGATIVE));
            }
            entries_added = Some(n as u64);
        } else if parse::is(args.get(i), "maxdeletedid") && more {
            max_deleted = parse_strict_id(args.get(i + 1), 0)?;
            if id < max_deleted {
                return Err(errors::err(errors::XSETID_BELOW_GIVEN_MAX_DELETED));
            }
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 2;
    }
    let stream = write_stream(ctx, args.get(1))?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    // Redis 7.0 does not compare the ID with the stream's largest deleted ID (7.2 does).
    if !stream.is_empty() {
        let top = stream.edge_id(true).unwrap_or(StreamId::MIN);
        if id < top {
            return Err(errors::err(errors::XSETID_BELOW_TOP));
        }
        if entries_added.is_some_and(|n| n < stream.len()) {
            return Err(errors::err(errors::XSETID_ENTRIES_ADDED_BELOW_LENGTH));
        }
    }
    stream.last_id = id;
    if let Some(n) = entries_added {
        stream.entries_added = n;
    }
    if max_deleted != StreamId::MIN {
        stream.max_deleted_id = max_deleted;
    }
    ctx.dirty(1);
    Ok(Reply::OK)
}
