//! XINFO STREAM (and FULL), GROUPS, CONSUMERS and HELP: maps in RESP3, flat arrays in RESP2.

use bytes::Bytes;
use engine::stream::{ConsumerGroup, StreamId, StreamValue};
use resp::Reply;

use crate::families::either;
use crate::families::stream::read_stream;
use crate::families::stream::reply::{entries_reply, entry_reply, id_reply};
use crate::{errors, parse, Args, ShardCtx};

/// XINFO HELP's lines, as Redis 7.0 prints them.
const HELP: &[&str] = &[
    "XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CONSUMERS <key> <groupname>",
    "    Show consumers of <groupname>.",
    "GROUPS <key>",
    "    Show the stream consumer groups.",
    "STREAM <key> [FULL [COUNT <count>]",
    "    Show information about the stream.",
    "HELP",
    "    Prints this help.",
];

/// XINFO FULL's default COUNT.
const FULL_DEFAULT_COUNT: usize = 10;

/// XINFO HELP.
pub fn xinfo_help(_args: Args<'_>) -> Reply {
    Reply::Array(HELP.iter().map(|line| Reply::status(line)).collect())
}

fn field(name: &'static str, value: Reply) -> (Reply, Reply) {
    (Reply::bulk_static(name.as_bytes()), value)
}

fn existing<'c>(ctx: &'c mut ShardCtx<'_>, key: &[u8]) -> Result<&'c mut StreamValue, Reply> {
    read_stream(ctx, key)?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))
}

fn syntax(args: Args<'_>) -> Reply {
    errors::subcommand_syntax("XINFO", args.get(1))
}

fn opt_int(value: Option<u64>) -> Reply {
    value.map_or(Reply::Nil, |n| Reply::Int(n as i64))
}

/// `XINFO CONSUMERS key group`: name, pending, idle of each consumer, in name order.
pub fn xinfo_consumers(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let now_ms = ctx.now_ms as i64;
        let (key, name) = (args.get(2), args.get(3));
        let stream = existing(ctx, key)?;
        if args.len() != 4 {
            return Err(syntax(args));
        }
        let group = stream
            .groups
            .get(name)
            .ok_or_else(|| errors::no_group_for_key(key, name))?;
        let rows = group
            .consumers
            .iter()
            .map(|(name, c)| {
                Reply::Map(vec![
                    field("name", Reply::Bulk(name.clone())),
                    field("pending", Reply::Int(c.pel.len() as i64)),
                    field("idle", Reply::Int(now_ms - c.seen_time as i64)),
                ])
            })
            .collect();
        Ok(Reply::Array(rows))
    })())
}

/// `XINFO GROUPS key`: each group's name, consumers, pending, last delivered ID, entries
/// read and lag.
pub fn xinfo_groups(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let stream = existing(ctx, args.get(2))?;
        if args.len() != 3 {
            return Err(syntax(args));
        }
        let rows = stream
            .groups
            .iter()
            .map(|(name, g)| {
                Reply::Map(vec![
                    field("name", Reply::Bulk(name.clone())),
                    field("consumers", Reply::Int(g.consumers.len() as i64)),
                    field("pending", Reply::Int(g.pel.len() as i64)),
                    field("last-delivered-id", id_reply(g.last_id)),
                    field("entries-read", opt_int(g.entries_read)),
                    field("lag", stream.group_lag(g).map_or(Reply::Nil, Reply::Int)),
                ])
            })
            .collect();
        Ok(Reply::Array(rows))
    })())
}

/// `XINFO STREAM key [FULL [COUNT n]]`.
pub fn xinfo_stream(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let stream = existing(ctx, args.get(2))?;
        let full = match args.len() {
            3 => None,
            4 if parse::is(args.get(3), "full") => Some(FULL_DEFAULT_COUNT),
            6 if parse::is(args.get(3), "full") && parse::is(args.get(4), "count") => {
                Some(parse::int(args.get(5))?.max(0) as usize)
            }
            _ => return Err(syntax(args)),
        };
        Ok(match full {
            None => summary(stream),
            Some(count) => full_info(stream, (count > 0).then_some(count)),
        })
    })())
}

fn header(stream: &StreamValue) -> Vec<(Reply, Reply)> {
    vec![
        field("length", Reply::Int(stream.len() as i64)),
        field("radix-tree-keys", Reply::Int(stream.nodes.len() as i64)),
        field(
            "radix-tree-nodes",
            Reply::Int(stream.radix_tree_nodes() as i64),
        ),
        field("last-generated-id", id_reply(stream.last_id)),
        field("max-deleted-entry-id", id_reply(stream.max_deleted_id)),
        field("entries-added", Reply::Int(stream.entries_added as i64)),
        field("recorded-first-entry-id", id_reply(stream.first_id)),
    ]
}

fn summary(stream: &StreamValue) -> Reply {
    let mut fields = header(stream);
    let first = stream.range(StreamId::MIN, StreamId::MAX, Some(1));
    let last = stream.rev_range(StreamId::MIN, StreamId::MAX, Some(1));
    let edge = |entries: &[_]| entries.first().map_or(Reply::Nil, entry_reply);
    fields.push(field("groups", Reply::Int(stream.groups.len() as i64)));
    fields.push(field("first-entry", edge(&first)));
    fields.push(field("last-entry", edge(&last)));
    Reply::Map(fields)
}

fn full_info(stream: &StreamValue, count: Option<usize>) -> Reply {
    let mut fields = header(stream);
    let entries = stream.range(StreamId::MIN, StreamId::MAX, count);
    fields.push(field("entries", entries_reply(&entries)));
    let groups = stream
        .groups
        .iter()
        .map(|(name, g)| full_group(stream, name, g, count))
        .collect();
    fields.push(field("groups", Reply::Array(groups)));
    Reply::Map(fields)
}

fn full_group(
    stream: &StreamValue,
    name: &Bytes,
    g: &ConsumerGroup,
    count: Option<usize>,
) -> Reply {
    let limit = count.unwrap_or(usize::MAX);
    let pel = g
        .pel
        .iter()
        .take(limit)
        .map(|(id, nack)| {
            Reply::Array(vec![
                id_reply(*id),
                Reply::Bulk(nack.consumer.clone()),
                Reply::Int(nack.delivery_time as i64),
                Reply::Int(nack.delivery_count as i64),
            ])
        })
        .collect();
    let consumers = g
        .consumers
        .iter()
        .map(|(cname, c)| {
            let pel = c
                .pel
                .iter()
                .take(limit)
                .filter_map(|id| Some((*id, g.pel.get(id)?)))
                .map(|(id, nack)| {
                    Reply::Array(vec![
                        id_reply(id),
                        Reply::Int(nack.delivery_time as i64),
                        Reply::Int(nack.delivery_count as i64),
                    ])
                })
                .collect();
            Reply::Map(vec![
                field("name", Reply::Bulk(cname.clone())),
                field("seen-time", Reply::Int(c.seen_time as i64)),
                field("pel-count", Reply::Int(c.pel.len() as i64)),
                field("pending", Reply::Array(pel)),
            ])
        })
        .collect();
    Reply::Map(vec![
        field("name", Reply::Bulk(name.clone())),
        field("last-delivered-id", id_reply(g.last_id)),
        field("entries-read", opt_int(g.entries_read)),
        field("lag", stream.group_lag(g).map_or(Reply::Nil, Reply::Int)),
        field("pel-count", Reply::Int(g.pel.len() as i64)),
        field("pending", Reply::Array(pel)),
        field("consumers", Reply::Array(consumers)),
    ])
}
