//! A value's type byte and body, in the encoding Redis would save for an object in the same
//! encoding: compact encodings as one listpack or intset blob, large ones element by element.

use engine::{HashValue, ListValue, PackItem, SetValue, StrValue, Value, ZSetValue};

use super::string::{write_binary_double, write_int, write_len, write_string};
use crate::format::{container, types};
use crate::{intset, listpack::ListpackWriter};

/// Appends the type byte of `value`, then its body.
pub fn write_value(out: &mut Vec<u8>, value: &Value) {
    out.push(value_type(value));
    write_body(out, value);
}

/// The RDB type Redis saves an object of this type and encoding as.
pub fn value_type(value: &Value) -> u8 {
    match value {
        Value::Str(_) => types::STRING,
        Value::List(_) => types::LIST_QUICKLIST_2,
        Value::Hash(h) if h.encoding() == "listpack" => types::HASH_LISTPACK,
        Value::Hash(_) => types::HASH,
        Value::Set(s) if s.is_intset() => types::SET_INTSET,
        Value::Set(_) => types::SET,
        Value::ZSet(z) if z.encoding() == "listpack" => types::ZSET_LISTPACK,
        Value::ZSet(_) => types::ZSET_2,
        Value::Stream(_) => types::STREAM_LISTPACKS_2,
    }
}

/// Appends the body of `value`, in the form [`value_type`] names.
pub fn write_body(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Str(s) => write_str(out, s),
        Value::List(list) => write_list(out, list),
        Value::Hash(hash) => write_hash(out, hash),
        Value::Set(set) => write_set(out, set),
        Value::ZSet(zset) => write_zset(out, zset),
        Value::Stream(stream) => super::stream::write_stream(out, stream),
    }
}

/// A string: integer-held ones as Redis saves an `int`-encoded object.
fn write_str(out: &mut Vec<u8>, s: &StrValue) {
    match s {
        StrValue::Int(n) => write_int(out, *n),
        other => other.with_bytes(|bytes| write_string(out, bytes)),
    }
}

/// Appends one element to a Redis listpack.
fn push_item(lp: &mut ListpackWriter, item: PackItem<'_>) {
    match item {
        PackItem::Int(n) => lp.push_int(n),
        other => other.with_bytes(|bytes| lp.push_bytes(bytes)),
    }
}

/// A list as a quicklist of listpacks, one per node as the list holds them.
fn write_list(out: &mut Vec<u8>, list: &ListValue) {
    let nodes: Vec<_> = list.node_packs().filter(|pack| !pack.is_empty()).collect();
    write_len(out, nodes.len() as u64);
    for pack in nodes {
        write_len(out, container::PACKED);
        let mut lp = ListpackWriter::new();
        for item in pack.iter() {
            push_item(&mut lp, item);
        }
        write_string(out, &lp.finish());
    }
}

/// A hash: a listpack of field, value, ... while compact, else field/value strings.
fn write_hash(out: &mut Vec<u8>, hash: &HashValue) {
    if is_listpack(hash.encoding()) {
        let mut lp = ListpackWriter::new();
        for (field, value) in hash.iter() {
            push_item(&mut lp, field);
            push_item(&mut lp, value);
        }
        write_string(out, &lp.finish());
    } else {
        write_len(out, hash.len() as u64);
        for (field, value) in hash.iter() {
            field.with_bytes(|b| write_string(out, b));
            value.with_bytes(|b| write_string(out, b));
        }
    }
}

/// A set: an intset while all-integer and compact, else member strings (version 10 has no
/// set listpack).
fn write_set(out: &mut Vec<u8>, set: &SetValue) {
    if set.is_intset() {
        let mut values: Vec<i64> = set.iter().filter_map(|item| item.as_int()).collect();
        values.sort_unstable();
        write_string(out, &intset::build(&values));
    } else {
        write_len(out, set.len() as u64);
        for member in set.iter() {
            member.with_bytes(|b| write_string(out, b));
        }
    }
}

/// A sorted set: a listpack of member, score, ... while compact; else members with binary
/// scores, highest score first as Redis walks its skiplist from the tail.
fn write_zset(out: &mut Vec<u8>, zset: &ZSetValue) {
    if is_listpack(zset.encoding()) {
        let mut lp = ListpackWriter::new();
        for (member, score) in zset.iter() {
            lp.push_bytes(member);
            push_score(&mut lp, score);
        }
        write_string(out, &lp.finish());
    } else {
        let pairs: Vec<_> = zset.iter().collect();
        write_len(out, pairs.len() as u64);
        for (member, score) in pairs.into_iter().rev() {
            write_string(out, member);
            write_binary_double(out, score);
        }
    }
}

/// A score in a listpack as Redis stores it: an integer when the double is one (within
/// half the `long long` range), else its `%.17g` text.
fn push_score(lp: &mut ListpackWriter, score: f64) {
    match score_as_int(score) {
        Some(n) => lp.push_int(n),
        None => lp.push_bytes(resp::format_double(score).as_bytes()),
    }
}

/// Redis's `double2ll`: the integer equal to `d`, when `|d|` is at most `LLONG_MAX / 2`.
fn score_as_int(d: f64) -> Option<i64> {
    let bound = (i64::MAX / 2) as f64;
    if !(d >= -bound && d <= bound) {
        return None;
    }
    let n = d as i64;
    (n as f64 == d).then_some(n)
}

/// Whether an encoding name is the compact one saved as a listpack.
fn is_listpack(encoding: &str) -> bool {
    encoding == "listpack"
}
