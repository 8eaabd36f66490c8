//! XPENDING: the group's pending entries, summed up or listed.

use engine::stream::{ConsumerGroup, StreamId};
use resp::Reply;

use super::with_group;
use crate::families::either;
use crate::families::stream::parse::parse_interval_id;
use crate::families::stream::read_stream;
use crate::families::stream::reply::id_reply;
use crate::{errors, parse, Args, ShardCtx};

/// XPENDING's extended form.
struct Listing<'a> {
    min_idle: i64,
    start: StreamId,
    end: StreamId,
    count: usize,
    consumer: Option<&'a [u8]>,
}

/// `XPENDING key group [[IDLE min-idle] start end count [consumer]]`.
pub fn xpending(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let n = args.len();
        if n != 3 && !(6..=9).contains(&n) {
            return Err(errors::err(errors::SYNTAX));
        }
        let listing = if n == 3 {
            None
        } else {
            Some(parse_listing(args)?)
        };
        let (key, name) = (args.get(1), args.get(2));
        let now_ms = ctx.now_ms as i64;
        let stream = with_group(read_stream(ctx, key)?, key, name)?;
        let group = stream
            .groups
            .get(name)
            .ok_or_else(|| errors::no_key_or_group(key, name, ""))?;
        Ok(match listing {
            None => summary(group),
            Some(listing) => list(group, &listing, now_ms),
        })
    })())
}

fn parse_listing(args: Args<'_>) -> Result<Listing<'_>, Reply> {
    let mut at = 3;
    let mut min_idle = 0;
    if parse::is(args.get(3), "idle") {
        min_idle = parse::int(args.get(4))?;
        if args.len() < 8 {
            return Err(errors::err(errors::SYNTAX));
        }
        at += 2;
    }
    let count = parse::int(args.get(at + 2))?.max(0) as usize;
    let (mut start, exclusive) = parse_interval_id(args.get(at), 0)?;
    if exclusive {
        start = start
            .next()
            .ok_or_else(|| errors::err(errors::INVALID_START_INTERVAL))?;
    }
    let (mut end, exclusive) = parse_interval_id(args.get(at + 1), u64::MAX)?;
    if exclusive {
        end = end
            .prev()
            .ok_or_else(|| errors::err(errors::INVALID_END_INTERVAL))?;
    }
    Ok(Listing {
        min_idle,
        start,
        end,
        count,
        consumer: args.try_get(at + 3),
    })
}

/// `[count, first id, last id, [[consumer, count], ...]]`, nils when nothing is pending.
fn summary(group: &ConsumerGroup) -> Reply {
    let (Some(first), Some(last)) = (group.pel.keys().next(), group.pel.keys().next_back()) else {
        return Reply::Array(vec![Reply::Int(0), Reply::Nil, Reply::Nil, Reply::NilArray]);
    };
    let owners = group
        .consumers
        .iter()
        .filter(|(_, c)| !c.pel.is_empty())
        .map(|(name, c)| {
            Reply::Array(vec![
                Reply::Bulk(name.clone()),
                Reply::bulk_int(c.pel.len() as i64),
            ])
        })
        .collect();
    Reply::Array(vec![
        Reply::Int(group.pel.len() as i64),
        id_reply(*first),
        id_reply(*last),
        Reply::Array(owners),
    ])
}

/// `[[id, consumer, idle ms, deliveries], ...]` in ID order.
fn list(group: &ConsumerGroup, listing: &Listing<'_>, now_ms: i64) -> Reply {
    if listing.start > listing.end || listing.count == 0 {
        return Reply::Array(Vec::new());
    }
    let ids: Box<dyn Iterator<Item = &StreamId>> = match listing.consumer {
        Some(name) => match group.consumers.get(name) {
            Some(consumer) => Box::new(consumer.pel.range(listing.start..=listing.end)),
            None => return Reply::Array(Vec::new()),
        },
        None => Box::new(
            group
                .pel
                .range(listing.start..=listing.end)
                .map(|(id, _)| id),
        ),
    };
    let rows = ids
        .filter_map(|id| Some((*id, group.pel.get(id)?)))
        .map(|(id, nack)| (id, nack, now_ms - nack.delivery_time as i64))
        .filter(|(_, _, idle)| listing.min_idle == 0 || *idle >= listing.min_idle)
        .take(listing.count)
        .map(|(id, nack, idle)| {
            Reply::Array(vec![
                id_reply(id),
                Reply::Bulk(nack.consumer.clone()),
                Reply::Int(idle),
                Reply::Int(nack.delivery_count as i64),
            ])
        })
        .collect();
    Reply::Array(rows)
}
