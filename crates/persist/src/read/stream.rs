//! Streams of the three formats Redis writes: `STREAM_LISTPACKS` (5.0 to 6.2),
//! `STREAM_LISTPACKS_2` (7.0: first ID, largest deleted ID, entries added, groups' read
//! counts) and `STREAM_LISTPACKS_3` (7.2: consumers' active time). Every node is checked
//! before it is kept, and every pending entry must belong to exactly one consumer.

use std::collections::BTreeMap;
use std::io::Read;

use bytes::Bytes;
use engine::listpack::Listpack;
use engine::stream::{node, Consumer, ConsumerGroup, PendingEntry, StreamId};
use engine::{StreamValue, Value};

use super::source::Source;
use crate::error::RdbError;
use crate::format::types;

fn corrupt(what: &str) -> RdbError {
    RdbError::corrupt(format!("stream: {what}"))
}

/// Reads a stream body of type `t`.
pub(crate) fn load_stream<R: Read>(src: &mut Source<R>, t: u8) -> Result<Value, RdbError> {
    let mut stream = StreamValue::new();
    let mut live_total: u64 = 0;
    for _ in 0..src.count()? {
        let key = src.string()?;
        let master = StreamId::from_be_bytes(&key).ok_or_else(|| corrupt("node key"))?;
        let lp = Listpack::from_bytes(src.string()?).ok_or_else(|| corrupt("listpack"))?;
        let (live, _, _) = node::validate(&lp, master).ok_or_else(|| corrupt("node"))?;
        if stream
            .nodes
            .last_key_value()
            .is_some_and(|(m, _)| *m >= master)
        {
            return Err(corrupt("nodes out of order"));
        }
        live_total += live as u64;
        stream.nodes.insert(master, lp);
    }
    stream.length = src.length()?;
    if stream.length != live_total {
        return Err(corrupt("length does not match the nodes"));
    }
    stream.last_id = read_id(src)?;
    if stream
        .edge_id(true)
        .is_some_and(|last| last > stream.last_id)
    {
        return Err(corrupt("an entry lies after the last ID"));
    }
    if t == types::STREAM_LISTPACKS {
        stream.first_id = stream.edge_id(false).unwrap_or(StreamId::MIN);
        stream.entries_added = stream.length;
    } else {
        stream.first_id = read_id(src)?;
        stream.max_deleted_id = read_id(src)?;
        stream.entries_added = src.length()?;
    }
    for _ in 0..src.count()? {
        let name = Bytes::from(src.string()?);
        let group = load_group(src, t, &stream)?;
        if stream.groups.insert(name, group).is_some() {
            return Err(corrupt("duplicate group"));
        }
    }
    Ok(Value::Stream(Box::new(stream)))
}

fn load_group<R: Read>(
    src: &mut Source<R>,
    t: u8,
    stream: &StreamValue,
) -> Result<ConsumerGroup, RdbError> {
    let last_id = read_id(src)?;
    let entries_read = if t == types::STREAM_LISTPACKS {
        stream.estimate_entries_read(last_id)
    } else {
        // "Unknown" is saved as -1, a 64-bit length.
        match src.length()? {
            u64::MAX => None,
            n => Some(n),
        }
    };
    let mut pel = BTreeMap::new();
    for _ in 0..src.count()? {
        let id = raw_id(src)?;
        let delivery_time = u64::from_le_bytes(src.array()?);
        let delivery_count = src.length()?;
        let entry = PendingEntry {
            delivery_time,
            delivery_count,
            consumer: Bytes::new(),
        };
        if pel.insert(id, entry).is_some() {
            return Err(corrupt("duplicate pending entry"));
        }
    }
    let mut consumers = BTreeMap::new();
    let mut owned = 0usize;
    for _ in 0..src.count()? {
        let name = Bytes::from(src.string()?);
        let seen_time = u64::from_le_bytes(src.array()?);
        if t == types::STREAM_LISTPACKS_3 {
            let _active_time: [u8; 8] = src.array()?;
        }
        let mut consumer = Consumer {
            seen_time,
            ..Consumer::default()
        };
        for _ in 0..src.count()? {
            let id = raw_id(src)?;
            let entry = pel
                .get_mut(&id)
                .ok_or_else(|| corrupt("a consumer owns an entry the group has not pending"))?;
            if !entry.consumer.is_empty() || !consumer.pel.insert(id) {
                return Err(corrupt("a pending entry has two owners"));
            }
            entry.consumer = name.clone();
            owned += 1;
        }
        if consumers.insert(name, consumer).is_some() {
            return Err(corrupt("duplicate consumer"));
        }
    }
    if owned != pel.len() {
        return Err(corrupt("a pending entry has no owner"));
    }
    Ok(ConsumerGroup {
        last_id,
        entries_read,
        pel,
        consumers,
    })
}

fn read_id<R: Read>(src: &mut Source<R>) -> Result<StreamId, RdbError> {
    Ok(StreamId::new(src.length()?, src.length()?))
}

fn raw_id<R: Read>(src: &mut Source<R>) -> Result<StreamId, RdbError> {
    let bytes: [u8; 16] = src.array()?;
    StreamId::from_be_bytes(&bytes).ok_or_else(|| corrupt("ID"))
}
