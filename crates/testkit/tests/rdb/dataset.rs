//! A dataset with every type at sizes on both sides of Redis's default encoding limits, and
//! the ways to write it (commands, engine values) and read it back (type-aware reads).

use engine::{EncodingLimits, HashValue, ListValue, SetValue, Value as EngineValue, ZSetValue};
use testkit::{Client, Value};

/// A value as plain data; collections sorted where their order is not theirs to keep.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    Str(Vec<u8>),
    List(Vec<Vec<u8>>),
    Hash(Vec<(Vec<u8>, Vec<u8>)>),
    Set(Vec<Vec<u8>>),
    ZSet(Vec<(Vec<u8>, f64)>),
}

/// One key of the dataset.
#[derive(Debug, Clone)]
pub struct Key {
    pub db: u32,
    pub name: String,
    pub data: Data,
    pub expire_at_ms: Option<i64>,
    /// Whether Redis 7.0 and ringkv encode it the same way, so DUMP payloads are equal.
    pub same_encoding: bool,
}

fn b(s: impl ToString) -> Vec<u8> {
    s.to_string().into_bytes()
}

fn key(db: u32, name: &str, data: Data, same_encoding: bool) -> Key {
    Key {
        db,
        name: name.to_string(),
        data,
        expire_at_ms: None,
        same_encoding,
    }
}

/// Every type and encoding size, with deadlines and several databases.
pub fn dataset() -> Vec<Key> {
    let far = 4_102_444_800_000; // 2100-01-01
    let long = "0123456789abcdef".repeat(5);
    let mut keys = vec![
        key(0, "s:int", Data::Str(b(-123456)), true),
        key(0, "s:bigint", Data::Str(b(i64::MIN)), true),
        key(0, "s:short", Data::Str(b("hello")), true),
        key(0, "s:lzf", Data::Str(b"abcdefghij".repeat(40)), true),
        key(
            0,
            "s:random",
            Data::Str((0..300u32).map(|i| (i * 7919 % 251) as u8).collect()),
            true,
        ),
        key(0, "s:empty", Data::Str(vec![]), true),
        key(
            0,
            "l:small",
            Data::List(vec![
                b("a"),
                b(1),
                b(-300),
                b(70000),
                b(i64::MAX),
                long.clone().into_bytes(),
            ]),
            true,
        ),
        key(
            0,
            "l:big",
            Data::List((0..5000).map(|i| b(format!("item-{i}"))).collect()),
            true,
        ),
        key(
            0,
            "h:small",
            Data::Hash((0..10).map(|i| (b(format!("f{i}")), b(i * 1000))).collect()),
            true,
        ),
        key(
            0,
            "h:many",
            Data::Hash((0..600).map(|i| (b(format!("f{i}")), b(i))).collect()),
            false,
        ),
        key(
            0,
            "h:long",
            Data::Hash(vec![(b("f"), b(&long)), (b("g"), b("x"))]),
            false,
        ),
        key(
            0,
            "z:small",
            Data::ZSet(vec![
                (b("a"), 1.0),
                (b("b"), 0.1),
                (b("c"), -0.0),
                (b("d"), 1e300),
                (b("e"), f64::INFINITY),
                (b("f"), 1e17),
            ]),
            true,
        ),
        key(
            0,
            "z:many",
            Data::ZSet(
                (0..300)
                    .map(|i| (b(format!("m{i}")), i as f64 / 3.0))
                    .collect(),
            ),
            true,
        ),
        key(
            0,
            "z:long",
            Data::ZSet(vec![
                (long.clone().into_bytes(), 2.5),
                (b("x"), f64::NEG_INFINITY),
            ]),
            true,
        ),
        key(
            0,
            "set:ints",
            Data::Set((0..20).map(|i| b(i * 1_000_003 - 7)).collect()),
            true,
        ),
        key(
            0,
            "set:manyints",
            Data::Set((0..600).map(b).collect()),
            false,
        ),
        key(
            0,
            "set:strs",
            Data::Set((0..20).map(|i| b(format!("m{i}"))).collect()),
            false,
        ),
        key(
            0,
            "set:manystrs",
            Data::Set((0..300).map(|i| b(format!("m{i}"))).collect()),
            false,
        ),
        key(3, "db3:s", Data::Str(b("in db 3")), true),
        key(15, "db15:l", Data::List(vec![b("x")]), true),
    ];
    keys[2].expire_at_ms = Some(far);
    keys[7].expire_at_ms = Some(far + 1);
    keys[18].expire_at_ms = Some(far + 2);
    keys
}

/// The engine value of `data`, built as the commands would build it.
pub fn engine_value(data: &Data, limits: &EncodingLimits) -> EngineValue {
    match data {
        Data::Str(s) => EngineValue::string(s),
        Data::List(items) => {
            let mut list = ListValue::new();
            items.iter().for_each(|i| list.push_back(i, limits));
            EngineValue::List(list)
        }
        Data::Hash(pairs) => {
            let mut hash = HashValue::new();
            pairs.iter().for_each(|(f, v)| {
                hash.insert(f, v, limits);
            });
            EngineValue::Hash(hash)
        }
        Data::Set(members) => {
            let mut set = SetValue::with_hint(&members[0], members.len(), limits);
            members.iter().for_each(|m| {
                set.insert(m, limits);
            });
            EngineValue::Set(set)
        }
        Data::ZSet(pairs) => {
            let mut zset = ZSetValue::new();
            pairs.iter().for_each(|(m, s)| {
                zset.insert(m, *s, limits);
            });
            EngineValue::ZSet(zset)
        }
    }
}

/// Plain data from an engine value, in the normal form [`normal`] gives.
pub fn data_of(value: &EngineValue) -> Data {
    let data = match value {
        EngineValue::Str(s) => Data::Str(s.to_bytes().to_vec()),
        EngineValue::List(l) => Data::List(l.iter().map(|i| i.to_vec()).collect()),
        EngineValue::Hash(h) => {
            Data::Hash(h.iter().map(|(f, v)| (f.to_vec(), v.to_vec())).collect())
        }
        EngineValue::Set(s) => Data::Set(s.iter().map(|i| i.to_vec()).collect()),
        EngineValue::ZSet(z) => Data::ZSet(z.iter().map(|(m, s)| (m.to_vec(), s)).collect()),
        EngineValue::Stream(_) => unreachable!("the generated datasets hold no streams"),
    };
    normal(&data)
}

/// `data` with sets and hashes sorted and sorted sets in Redis's order (score, member), so
/// that reads from different servers compare. `-0` scores read back as 0.
pub fn normal(data: &Data) -> Data {
    match data {
        Data::Hash(p) => {
            let mut p = p.clone();
            p.sort();
            Data::Hash(p)
        }
        Data::Set(m) => {
            let mut m = m.clone();
            m.sort();
            Data::Set(m)
        }
        Data::ZSet(p) => {
            let mut p: Vec<_> = p
                .iter()
                .map(|(m, s)| (m.clone(), if *s == 0.0 { 0.0 } else { *s }))
                .collect();
            p.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
            Data::ZSet(p)
        }
        other => other.clone(),
    }
}

fn call(c: &mut Client, args: &[&[u8]]) -> Value {
    c.call(args).expect("server reply")
}

/// Writes `k` through commands in its database.
pub fn write(c: &mut Client, k: &Key) {
    call(c, &[b"SELECT", k.db.to_string().as_bytes()]);
    let name = k.name.as_bytes();
    let mut args: Vec<Vec<u8>> = Vec::new();
    let command: &[u8] = match &k.data {
        Data::Str(s) => {
            args.push(s.clone());
            b"SET"
        }
        Data::List(items) => {
            args.extend(items.iter().cloned());
            b"RPUSH"
        }
        Data::Hash(pairs) => {
            pairs
                .iter()
                .for_each(|(f, v)| args.extend([f.clone(), v.clone()]));
            b"HSET"
        }
        Data::Set(members) => {
            args.extend(members.iter().cloned());
            b"SADD"
        }
        Data::ZSet(pairs) => {
            pairs
                .iter()
                .for_each(|(m, s)| args.extend([b(s), m.clone()]));
            b"ZADD"
        }
    };
    let mut full: Vec<&[u8]> = vec![command, name];
    full.extend(args.iter().map(Vec::as_slice));
    assert!(
        !matches!(call(c, &full), Value::Error(_)),
        "writing {}",
        k.name
    );
    if let Some(at) = k.expire_at_ms {
        call(c, &[b"PEXPIREAT", name, at.to_string().as_bytes()]);
    }
}

fn bulks(v: Value) -> Vec<Vec<u8>> {
    match v {
        Value::Array(items) => items
            .into_iter()
            .map(|i| match i {
                Value::Bulk(b) => b,
                other => panic!("not a bulk: {other:?}"),
            })
            .collect(),
        other => panic!("not an array: {other:?}"),
    }
}

/// Reads `k` back with type-aware commands: its data (normalised) and deadline.
pub fn read(c: &mut Client, k: &Key) -> (Data, Option<i64>) {
    call(c, &[b"SELECT", k.db.to_string().as_bytes()]);
    let name = k.name.as_bytes();
    let data = match call(c, &[b"TYPE", name]) {
        Value::Simple(t) if t == b"string" => match call(c, &[b"GET", name]) {
            Value::Bulk(v) => Data::Str(v),
            other => panic!("GET {}: {other:?}", k.name),
        },
        Value::Simple(t) if t == b"list" => {
            Data::List(bulks(call(c, &[b"LRANGE", name, b"0", b"-1"])))
        }
        Value::Simple(t) if t == b"hash" => {
            let flat = bulks(call(c, &[b"HGETALL", name]));
            Data::Hash(
                flat.chunks(2)
                    .map(|p| (p[0].clone(), p[1].clone()))
                    .collect(),
            )
        }
        Value::Simple(t) if t == b"set" => Data::Set(bulks(call(c, &[b"SMEMBERS", name]))),
        Value::Simple(t) if t == b"zset" => {
            let flat = bulks(call(c, &[b"ZRANGE", name, b"0", b"-1", b"WITHSCORES"]));
            Data::ZSet(
                flat.chunks(2)
                    .map(|p| {
                        (
                            p[0].clone(),
                            String::from_utf8_lossy(&p[1]).parse().unwrap(),
                        )
                    })
                    .collect(),
            )
        }
        other => panic!("TYPE {}: {other:?}", k.name),
    };
    let deadline = match call(c, &[b"PEXPIRETIME", name]) {
        Value::Integer(-1) => None,
        Value::Integer(at) => Some(at),
        other => panic!("PEXPIRETIME {}: {other:?}", k.name),
    };
    (normal(&data), deadline)
}
