//! XREADGROUP, split so the server can block on it: [`parse_xreadgroup`] reads the
//! arguments, [`serve_xreadgroup`] checks the keys and groups and delivers.
//!
//! `>` delivers entries after the group's last delivered ID, adding them to the consumer's
//! pending list (unless NOACK); an ID reads the consumer's own pending entries after it
//! again, counting a new delivery for each, and shows entries deleted since as `[id, nil]`.

use std::time::Duration;

use bytes::Bytes;
use engine::stream::{StreamId, StreamValue};
use resp::Reply;

use super::group_of;
use super::propagate::{self, Record};
use crate::families::either;
use crate::families::stream::parse::parse_strict_id;
use crate::families::stream::read::parse_read_options;
use crate::families::stream::read_stream;
use crate::families::stream::reply::{entry_reply, id_reply};
use crate::{errors, Args, ShardCtx};

/// Where XREADGROUP reads a stream from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupStart {
    /// `>`: entries never delivered to the group.
    New,
    /// The consumer's pending entries after this ID.
    History(StreamId),
    /// An ID argument Redis rejects when it reaches it (after checking the key before it).
    Invalid(&'static str),
}

/// A parsed XREADGROUP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XreadgroupRequest {
    /// The group.
    pub group: Bytes,
    /// The consumer (created on first use).
    pub consumer: Bytes,
    /// NOACK: deliveries are not added to the pending lists.
    pub noack: bool,
    /// Entries per stream at most (`None`, or COUNT 0: no limit).
    pub count: Option<usize>,
    /// The streams, in argument order.
    pub keys: Vec<Bytes>,
    /// Where each stream is read from, one per key.
    pub ids: Vec<GroupStart>,
    /// BLOCK's timeout; `Some(Duration::ZERO)` blocks without a deadline, as in Redis.
    pub block: Option<Duration>,
}

/// Parses `XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] [NOACK] STREAMS key ... id
/// ...` in Redis's order; errors in the IDs wait for [`serve_xreadgroup`].
pub fn parse_xreadgroup(args: Args<'_>) -> Result<XreadgroupRequest, Reply> {
    let options = parse_read_options(args, true)?;
    let (group, consumer) = options
        .group
        .ok_or_else(|| errors::err(errors::XREADGROUP_MISSING_GROUP))?;
    let (at, n) = (options.streams_at, options.streams);
    Ok(XreadgroupRequest {
        group: Bytes::copy_from_slice(group),
        consumer: Bytes::copy_from_slice(consumer),
        noack: options.noack,
        count: options.count,
        keys: (0..n)
            .map(|k| Bytes::copy_from_slice(args.get(at + k)))
            .collect(),
        ids: (0..n).map(|k| parse_start(args.get(at + n + k))).collect(),
        block: options.block,
    })
}

fn parse_start(arg: &[u8]) -> GroupStart {
    match arg {
        b">" => GroupStart::New,
        b"$" => GroupStart::Invalid(errors::XREADGROUP_DOLLAR),
        _ => parse_strict_id(arg, 0)
            .map(GroupStart::History)
            .unwrap_or(GroupStart::Invalid(errors::INVALID_STREAM_ID)),
    }
}

/// Checks every key (type, group, then its ID, in argument order, as Redis does) and
/// delivers: `Ok(Some(reply))` when some stream was served, `Ok(None)` when every stream is
/// read with `>` and has nothing new (the caller may block, or answer a nil array).
pub fn serve_xreadgroup(
    ctx: &mut ShardCtx<'_>,
    request: &XreadgroupRequest,
) -> Result<Option<Reply>, Reply> {
    for (key, start) in request.keys.iter().zip(&request.ids) {
        let stream = read_stream(ctx, key)?;
        if !stream.is_some_and(|s| s.groups.contains_key(&request.group)) {
            return Err(errors::no_key_or_group(
                key,
                &request.group,
                errors::XREADGROUP_NOGROUP_SUFFIX,
            ));
        }
        if let GroupStart::Invalid(message) = start {
            return Err(errors::err(message));
        }
    }
    let mut served = Vec::new();
    let mut records = Vec::new();
    for (key, start) in request.keys.iter().zip(&request.ids) {
        if let Some(entries) = serve_key(ctx, request, key, *start, &mut records)? {
            served.push((Reply::Bulk(key.clone()), entries));
        }
    }
    // Never logged as itself: replaying a read would deliver whatever is there by then.
    ctx.shard.propagate.instead(records);
    Ok((!served.is_empty()).then_some(Reply::KeyedArrays(served)))
}

/// One stream's part of the reply, `None` when `>` finds nothing new.
fn serve_key(
    ctx: &mut ShardCtx<'_>,
    request: &XreadgroupRequest,
    key: &[u8],
    start: GroupStart,
    records: &mut Vec<Record>,
) -> Result<Option<Reply>, Reply> {
    let now_ms = ctx.now_ms;
    let (group_name, consumer) = (&request.group[..], &request.consumer[..]);
    let stream = read_stream(ctx, key)?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    if start == GroupStart::New {
        let last = group_of(stream, group_name)?.last_id;
        if stream.last_live_id() <= last {
            return Ok(None);
        }
    }
    let created = group_of(stream, group_name)?.touch_consumer(consumer, now_ms);
    if created {
        records.push(propagate::create_consumer(key, group_name, consumer));
    }
    let reply = match start {
        GroupStart::History(after) => history(stream, request, key, after, now_ms, records)?,
        _ => deliver_new(stream, request, key, now_ms, records)?,
    };
    ctx.dirty(1 + u64::from(created));
    Ok(Some(reply))
}

/// Entries after the group's last delivered ID, now delivered to the consumer.
fn deliver_new(
    stream: &mut StreamValue,
    request: &XreadgroupRequest,
    key: &[u8],
    now_ms: u64,
    records: &mut Vec<Record>,
) -> Result<Reply, Reply> {
    let (group_name, consumer) = (&request.group[..], &request.consumer[..]);
    let from = group_of(stream, group_name)?.last_id.next();
    let entries = match from {
        Some(from) => stream.range(from, StreamId::MAX, request.count),
        None => Vec::new(),
    };
    for entry in &entries {
        stream.advance_group(group_name, entry.id);
        if !request.noack {
            let group = group_of(stream, group_name)?;
            let last_id = group.last_id;
            let nack = group.deliver(entry.id, consumer, now_ms);
            records.push(propagate::xclaim(key, group_name, entry.id, nack, last_id));
        }
    }
    if !entries.is_empty() {
        records.push(propagate::setid(
            key,
            group_name,
            group_of(stream, group_name)?,
        ));
    }
    Ok(Reply::Array(entries.iter().map(entry_reply).collect()))
}

/// The consumer's pending entries from just after `after`, each counted as delivered again;
/// entries deleted since are `[id, nil]`.
fn history(
    stream: &mut StreamValue,
    request: &XreadgroupRequest,
    key: &[u8],
    after: StreamId,
    now_ms: u64,
    records: &mut Vec<Record>,
) -> Result<Reply, Reply> {
    let (group_name, consumer) = (&request.group[..], &request.consumer[..]);
    let limit = request.count.unwrap_or(usize::MAX);
    let ids: Vec<StreamId> = match after.next() {
        Some(from) => group_of(stream, group_name)?
            .consumers
            .get(consumer)
            .map(|c| c.pel.range(from..).take(limit).copied().collect())
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(entry) = stream.get(id) else {
            out.push(Reply::Array(vec![id_reply(id), Reply::NilArray]));
            continue;
        };
        out.push(entry_reply(&entry));
        let group = group_of(stream, group_name)?;
        let last_id = group.last_id;
        if let Some(nack) = group.pel.get_mut(&id) {
            nack.delivery_time = now_ms;
            nack.delivery_count += 1;
            records.push(propagate::xclaim(key, group_name, id, nack, last_id));
        }
    }
    Ok(Reply::Array(out))
}

/// `XREADGROUP GROUP group consumer [COUNT n] [BLOCK ms] [NOACK] STREAMS key ... id ...`.
/// With nothing to serve it answers a nil array at once, BLOCK or not (the server wires
/// BLOCK).
pub fn xreadgroup(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let request = parse_xreadgroup(args)?;
        Ok(serve_xreadgroup(ctx, &request)?.unwrap_or(Reply::NilArray))
    })())
}
