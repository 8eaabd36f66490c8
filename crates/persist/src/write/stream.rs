//! A stream as Redis 7.0 saves one (`STREAM_LISTPACKS_2`): its nodes as they are, then its
//! counters and IDs, then each consumer group with its PEL and consumers.

use engine::stream::{ConsumerGroup, StreamId};
use engine::StreamValue;

use super::string::{write_len, write_string};

/// Appends the body of a stream.
pub fn write_stream(out: &mut Vec<u8>, stream: &StreamValue) {
    write_len(out, stream.nodes.len() as u64);
    for (master, lp) in &stream.nodes {
        write_string(out, &master.to_be_bytes());
        write_string(out, lp.as_bytes());
    }
    write_len(out, stream.length);
    write_id(out, stream.last_id);
    write_id(out, stream.first_id);
    write_id(out, stream.max_deleted_id);
    write_len(out, stream.entries_added);
    write_len(out, stream.groups.len() as u64);
    for (name, group) in &stream.groups {
        write_string(out, name);
        write_group(out, group);
    }
}

fn write_group(out: &mut Vec<u8>, group: &ConsumerGroup) {
    write_id(out, group.last_id);
    // Redis stores "unknown" (-1) as the 64-bit length of its two's complement.
    write_len(out, group.entries_read.unwrap_or(u64::MAX));
    write_len(out, group.pel.len() as u64);
    for (id, pending) in &group.pel {
        out.extend_from_slice(&id.to_be_bytes());
        out.extend_from_slice(&pending.delivery_time.to_le_bytes());
        write_len(out, pending.delivery_count);
    }
    write_len(out, group.consumers.len() as u64);
    for (name, consumer) in &group.consumers {
        write_string(out, name);
        out.extend_from_slice(&consumer.seen_time.to_le_bytes());
        write_len(out, consumer.pel.len() as u64);
        for id in &consumer.pel {
            out.extend_from_slice(&id.to_be_bytes());
        }
    }
}

fn write_id(out: &mut Vec<u8>, id: StreamId) {
    write_len(out, id.ms);
    write_len(out, id.seq);
}
