//! XADD.

use engine::stream::StreamId;
use resp::Reply;

use super::parse::AddId;
use super::reply::id_reply;
use super::trim_args::{log_record, parse_add_trim};
use super::write_or_create_stream;
use crate::families::either;
use crate::{errors, Args, ShardCtx};

/// `XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value ...`
pub fn xadd(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(add(ctx, args))
}

fn add(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let limits = ctx.shard.settings.limits.stream_node;
    let parsed = parse_add_trim(args, true, limits.max_entries)?;
    let pairs_len = args.len().saturating_sub(parsed.id_at + 1);
    if pairs_len < 2 || pairs_len % 2 == 1 {
        return Err(errors::wrong_arity("xadd"));
    }
    if parsed.id == AddId::Exact(StreamId::MIN) {
        return Err(errors::err(errors::XADD_ID_ZERO));
    }
    let key = args.get(1);
    if parsed.no_mkstream && super::write_stream(ctx, key)?.is_none() {
        return Ok(Reply::Nil);
    }
    let now_ms = ctx.now_ms;
    let stream = write_or_create_stream(ctx, key)?;
    if stream.last_id == StreamId::MAX {
        return Err(errors::err(errors::STREAM_EXHAUSTED));
    }
    let id = next_id(parsed.id, stream.last_id, now_ms)?;
    if id <= stream.last_id {
        return Err(errors::err(errors::XADD_ID_TOO_SMALL));
    }
    let pairs: Vec<&[u8]> = args.iter_from(parsed.id_at + 1).collect();
    stream.append(id, &pairs, limits);
    if let Some(spec) = parsed.trim {
        stream.trim(spec);
    }
    let approx = parsed.trim.is_some_and(|spec| spec.approx);
    let chosen = !matches!(parsed.id, AddId::Exact(_));
    if approx || chosen {
        let record = log_record(args, &parsed, stream, chosen.then_some(id));
        ctx.shard.propagate.instead(vec![record]);
    }
    ctx.dirty(1);
    Ok(id_reply(id))
}

/// The ID an XADD asks for, given the stream's last ID and the clock (Redis's
/// `streamNextID` for `*`). The caller has ruled out a last ID that is the largest.
fn next_id(asked: AddId, last: StreamId, now_ms: u64) -> Result<StreamId, Reply> {
    match asked {
        AddId::Exact(id) => Ok(id),
        AddId::AutoSeq(ms) if ms == last.ms => last
            .seq
            .checked_add(1)
            .map(|seq| StreamId::new(ms, seq))
            .ok_or_else(|| errors::err(errors::XADD_SEQ_EXHAUSTED)),
        AddId::AutoSeq(ms) => Ok(StreamId::new(ms, 0)),
        AddId::Auto if now_ms > last.ms => Ok(StreamId::new(now_ms, 0)),
        AddId::Auto => last
            .next()
            .ok_or_else(|| errors::err(errors::STREAM_EXHAUSTED)),
    }
}
