//! A key's whole value as AOF records (`DEL`, then the commands that rebuild it, then its
//! deadline): what a write that gathered keys from several shards logs.

use engine::pack::PackItem;
use engine::Value;

use super::record::Record;

/// Elements per rebuilding command: long values take several commands, none of them huge.
const CHUNK: usize = 128;

/// Records that make `key` hold `value` (or not exist, for `None`) with `expire_at_ms`.
pub fn records(key: &[u8], value: Option<&Value>, expire_at_ms: Option<u64>) -> Vec<Record> {
    let mut out = vec![vec![b"DEL".to_vec(), key.to_vec()]];
    let Some(value) = value else {
        return out;
    };
    rebuild(key, value, &mut out);
    if let Some(at) = expire_at_ms {
        out.push(vec![
            b"PEXPIREAT".to_vec(),
            key.to_vec(),
            at.to_string().into_bytes(),
        ]);
    }
    out
}

/// The commands that create `key` holding `value` (no DEL, no deadline).
pub fn rebuild(key: &[u8], value: &Value, out: &mut Vec<Record>) {
    match value {
        Value::Str(s) => out.push(vec![b"SET".to_vec(), key.to_vec(), s.to_bytes().to_vec()]),
        Value::List(list) => chunked(out, b"RPUSH", key, list.iter().map(|i| vec![i.to_vec()])),
        Value::Hash(hash) => chunked(
            out,
            b"HSET",
            key,
            hash.iter().map(|(f, v)| vec![f.to_vec(), v.to_vec()]),
        ),
        Value::Set(set) => chunked(
            out,
            b"SADD",
            key,
            set.iter().map(|m: PackItem<'_>| vec![m.to_vec()]),
        ),
        Value::ZSet(zset) => chunked(
            out,
            b"ZADD",
            key,
            zset.iter()
                .map(|(m, score)| vec![resp::format_double(score).into_bytes(), m.to_vec()]),
        ),
        Value::Stream(stream) => super::stream_value::rebuild(key, stream, out),
    }
}

fn chunked(
    out: &mut Vec<Record>,
    name: &[u8],
    key: &[u8],
    items: impl Iterator<Item = Vec<Vec<u8>>>,
) {
    let mut record: Record = vec![name.to_vec(), key.to_vec()];
    let mut in_record = 0;
    for item in items {
        record.extend(item);
        in_record += 1;
        if in_record == CHUNK {
            out.push(std::mem::replace(
                &mut record,
                vec![name.to_vec(), key.to_vec()],
            ));
            in_record = 0;
        }
    }
    if in_record > 0 {
        out.push(record);
    }
}
