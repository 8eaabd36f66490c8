//! A stream as the commands that rebuild it, in the forms Redis's AOF rewrite uses: XADD
//! with each entry's ID, XSETID for the counters, XGROUP CREATE for each group with its read
//! count, and XCLAIM ... FORCE for each pending entry (XGROUP CREATECONSUMER for consumers
//! that own none).

use engine::stream::StreamId;
use engine::StreamValue;

use super::record::Record;

/// Appends the commands that create `key` holding `stream`.
pub fn rebuild(key: &[u8], stream: &StreamValue, out: &mut Vec<Record>) {
    let entries = stream.range(StreamId::MIN, StreamId::MAX, None);
    if entries.is_empty() {
        // An empty stream: add one entry and trim it away at once.
        out.push(cmd(&[
            b"XADD",
            key,
            b"MAXLEN",
            b"0",
            &id(stream.last_id),
            b"x",
            b"y",
        ]));
    }
    for entry in entries {
        let mut record = cmd(&[b"XADD", key, &id(entry.id)]);
        record.extend(entry.pairs.iter().map(|p| p.to_vec()));
        out.push(record);
    }
    out.push(cmd(&[
        b"XSETID",
        key,
        &id(stream.last_id),
        b"ENTRIESADDED",
        stream.entries_added.to_string().as_bytes(),
        b"MAXDELETEDID",
        &id(stream.max_deleted_id),
    ]));
    for (name, group) in &stream.groups {
        let read = group.entries_read.map_or(-1, |n| n as i64).to_string();
        out.push(cmd(&[
            b"XGROUP",
            b"CREATE",
            key,
            name,
            &id(group.last_id),
            b"ENTRIESREAD",
            read.as_bytes(),
        ]));
        for (consumer, state) in &group.consumers {
            if state.pel.is_empty() {
                out.push(cmd(&[b"XGROUP", b"CREATECONSUMER", key, name, consumer]));
            }
            for pending_id in &state.pel {
                let Some(pending) = group.pel.get(pending_id) else {
                    continue;
                };
                out.push(cmd(&[
                    b"XCLAIM",
                    key,
                    name,
                    consumer,
                    b"0",
                    &id(*pending_id),
                    b"TIME",
                    pending.delivery_time.to_string().as_bytes(),
                    b"RETRYCOUNT",
                    pending.delivery_count.to_string().as_bytes(),
                    b"JUSTID",
                    b"FORCE",
                ]));
            }
        }
    }
}

fn id(id: StreamId) -> Vec<u8> {
    id.to_string().into_bytes()
}

fn cmd(parts: &[&[u8]]) -> Record {
    parts.iter().map(|p| p.to_vec()).collect()
}
