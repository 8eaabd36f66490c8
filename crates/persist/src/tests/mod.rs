//! Tests across the crate: payload bytes against Redis 7.0's, round trips of every type and
//! size, files with every opcode, and the encodings older versions wrote.

mod files;
mod legacy;
mod payload;
mod roundtrip;
mod stream;

use engine::{EncodingLimits, HashValue, ListValue, SetValue, Value, ZSetValue};

/// Bytes from a hex string.
pub(crate) fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

pub(crate) fn list(items: &[&[u8]], limits: &EncodingLimits) -> Value {
    let mut list = ListValue::new();
    for item in items {
        list.push_back(item, limits);
    }
    Value::List(list)
}

pub(crate) fn hash(pairs: &[(&[u8], &[u8])], limits: &EncodingLimits) -> Value {
    let mut hash = HashValue::new();
    for (f, v) in pairs {
        hash.insert(f, v, limits);
    }
    Value::Hash(hash)
}

pub(crate) fn set(members: &[&[u8]], limits: &EncodingLimits) -> Value {
    let mut set = SetValue::with_hint(members[0], members.len(), limits);
    for m in members {
        set.insert(m, limits);
    }
    Value::Set(set)
}

pub(crate) fn zset(pairs: &[(f64, &[u8])], limits: &EncodingLimits) -> Value {
    let mut zset = ZSetValue::new();
    for (score, member) in pairs {
        zset.insert(member, *score, limits);
    }
    Value::ZSet(zset)
}
