//! XAUTOCLAIM: claims the idle pending entries from a cursor on, SCAN-like.

use engine::stream::StreamId;
use resp::Reply;

use super::propagate;
use super::{group_of, with_group};
use crate::families::either;
use crate::families::stream::parse::parse_interval_id;
use crate::families::stream::read_stream;
use crate::families::stream::reply::{entry_reply, id_reply};
use crate::{errors, parse, Args, ShardCtx};

/// PEL entries examined per entry claimed at most (Redis's `attempts_factor`).
const ATTEMPTS_FACTOR: u64 = 10;
/// COUNT above which Redis fails to allocate its buffer of deleted IDs (16 bytes each): it
/// asks malloc for `COUNT * 16` bytes up front; past a terabyte no machine of ours has it.
const ALLOCATABLE_COUNT: u64 = 1 << 36;
/// COUNT's largest value: Redis's `LONG_MAX / max(sizeof(streamID), attempts_factor)`.
const MAX_COUNT: i64 = i64::MAX / 16;

/// `XAUTOCLAIM key group consumer min-idle-time start [COUNT n] [JUSTID]`: `[next cursor,
/// claimed entries (or IDs), IDs of deleted entries dropped from the PEL]`.
pub fn xautoclaim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(autoclaim(ctx, args))
}

fn autoclaim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let (key, name, consumer) = (args.get(1), args.get(2), args.get(3));
    let min_idle = parse::int(args.get(4))
        .map_err(|_| errors::err(errors::XAUTOCLAIM_MIN_IDLE))?
        .max(0);
    let (mut start, exclusive) = parse_interval_id(args.get(5), 0)?;
    if exclusive {
        start = start
            .next()
            .ok_or_else(|| errors::err(errors::INVALID_START_INTERVAL))?;
    }
    let (mut count, mut justid) = (100u64, false);
    let mut j = 6;
    while j < args.len() {
        if parse::is(args.get(j), "count") && j + 1 < args.len() {
            count = match parse::int(args.get(j + 1)) {
                Ok(n) if (1..=MAX_COUNT).contains(&n) => n as u64,
                _ => return Err(errors::err(errors::XAUTOCLAIM_COUNT)),
            };
            j += 1;
        } else if parse::is(args.get(j), "justid") {
            justid = true;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        j += 1;
    }
    let now_ms = ctx.now_ms;
    let stream = with_group(read_stream(ctx, key)?, key, name)?;
    if count > ALLOCATABLE_COUNT {
        return Err(errors::err(errors::XAUTOCLAIM_COUNT_TOO_HIGH));
    }
    let mut attempts = count * ATTEMPTS_FACTOR;
    let (mut claimed, mut deleted, mut records) = (Vec::new(), Vec::new(), Vec::new());
    let (mut dirty, mut cursor) = (0, Some(start));
    while let Some(at) = cursor {
        if attempts == 0 || count == 0 {
            break;
        }
        attempts -= 1;
        let group = group_of(stream, name)?;
        let Some((&id, nack)) = group.pel.range(at..).next() else {
            cursor = None;
            break;
        };
        cursor = id.next();
        let idle = now_ms as i64 - nack.delivery_time as i64;
        let entry = stream.get(id);
        let group = group_of(stream, name)?;
        let Some(entry) = entry else {
            if let Some(nack) = group.pel.get(&id) {
                records.push(propagate::xclaim(key, name, id, nack, group.last_id));
            }
            group.remove_pending(id);
            deleted.push(id_reply(id));
            dirty += 1;
            count -= 1;
            continue;
        };
        if min_idle > 0 && idle < min_idle {
            continue;
        }
        dirty += u64::from(group.touch_consumer(consumer, now_ms));
        let deliveries = group.pel.get(&id).map_or(1, |n| n.delivery_count);
        let deliveries = if justid { deliveries } else { deliveries + 1 };
        let last_id = group.last_id;
        let nack = group.assign(id, consumer, now_ms, deliveries);
        records.push(propagate::xclaim(key, name, id, nack, last_id));
        claimed.push(if justid {
            id_reply(id)
        } else {
            entry_reply(&entry)
        });
        dirty += 1;
        count -= 1;
    }
    let group = group_of(stream, name)?;
    let next = cursor
        .and_then(|at| group.pel.range(at..).next().map(|(id, _)| *id))
        .unwrap_or(StreamId::MIN);
    ctx.dirty(dirty);
    ctx.shard.propagate.instead(records);
    Ok(Reply::Array(vec![
        id_reply(next),
        Reply::Array(claimed),
        Reply::Array(deleted),
    ]))
}
