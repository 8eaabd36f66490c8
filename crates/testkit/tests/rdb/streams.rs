//! Streams and HyperLogLogs across servers: the same commands build the same values in
//! redis-server and in ringkv; DUMP payloads of streams without consumers and of HLLs are
//! byte-identical, payloads cross both ways through RESTORE, and SAVE files cross both ways
//! (ringkv's passing redis-check-rdb), with another shard count, every value read back equal:
//! entries, counters, groups, pending entries with their owners and delivery counts,
//! consumers; HLL bytes and counts.

use testkit::{Client, Server, Value};

use super::save::{ok, start};
use super::{check_rdb, have_redis, scratch_dir, Redis};

/// Streams named with the commands that build them (explicit IDs and times, so that both
/// servers hold the same data), and whether their DUMP payloads must be identical (consumers
/// carry the time they were last seen, which differs between the servers).
fn streams() -> Vec<(&'static str, Vec<Vec<String>>, bool)> {
    let cmd = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let mut big = Vec::new();
    for i in 1..=350 {
        // Field sets change now and then, so nodes hold both entry layouts.
        let fields = if i % 50 == 0 { "other" } else { "field" };
        big.push(cmd(&format!("XADD x:big {i}-1 {fields} value-{i} n {i}")));
    }
    big.extend(
        [
            "XDEL x:big 5-1 6-1 100-1 101-1 350-1",
            "XTRIM x:big MAXLEN 300",
        ]
        .map(cmd),
    );
    vec![
        (
            "x:small",
            [
                "XADD x:small 1-1 a 1 b 2",
                "XADD x:small 1-2 a 3 b 4",
                "XADD x:small 2-0 c x",
            ]
            .map(cmd)
            .to_vec(),
            true,
        ),
        ("x:big", big, true),
        (
            "x:emptied",
            [
                "XADD x:emptied 5-5 f v",
                "XDEL x:emptied 5-5",
                "XGROUP CREATE x:emptied g $",
            ]
            .map(cmd)
            .to_vec(),
            true,
        ),
        (
            "x:setid",
            [
                "XADD x:setid 10-0 f 1",
                "XADD x:setid 11-0 f 2",
                "XSETID x:setid 20-0 ENTRIESADDED 9 MAXDELETEDID 15-0",
            ]
            .map(cmd)
            .to_vec(),
            true,
        ),
        (
            "x:groups",
            [
                "XADD x:groups 1-1 a 1 b 2",
                "XADD x:groups 1-2 a 3 b 4",
                "XADD x:groups 2-0 c x",
                "XADD x:groups 3-0 a 300 b -5000",
                "XGROUP CREATE x:groups g1 0",
                "XGROUP CREATE x:groups 7 $ ENTRIESREAD 3",
                "XREADGROUP GROUP g1 alice COUNT 2 STREAMS x:groups >",
                "XCLAIM x:groups g1 bob 0 1-2 TIME 1700000000000 RETRYCOUNT 5",
                "XCLAIM x:groups g1 alice 0 1-1 TIME 1700000000001 RETRYCOUNT 2",
                "XGROUP CREATECONSUMER x:groups g1 carol",
                "XDEL x:groups 2-0",
            ]
            .map(cmd)
            .to_vec(),
            false,
        ),
    ]
}

/// HyperLogLogs: sparse, dense (past `hll-sparse-max-bytes`), and merged.
fn hlls() -> Vec<Vec<String>> {
    let many: Vec<String> = (0..3000).map(|i| format!("e{i}")).collect();
    let mut dense = vec!["PFADD".to_string(), "h:dense".to_string()];
    dense.extend(many);
    vec![
        ["PFADD", "h:sparse", "a", "b", "c"]
            .map(str::to_string)
            .to_vec(),
        dense,
        ["PFMERGE", "{h:sparse}merged", "{h:sparse}x"]
            .map(str::to_string)
            .to_vec(),
        ["PFADD", "{h:sparse}x", "z"].map(str::to_string).to_vec(),
        ["PFMERGE", "{h:sparse}x", "{h:sparse}merged"]
            .map(str::to_string)
            .to_vec(),
    ]
}

const HLL_KEYS: [&str; 3] = ["h:sparse", "h:dense", "{h:sparse}x"];

/// An HLL's bytes, then its count (which may refresh the cached count in its bytes).
fn read_hll(c: &mut Client, key: &str) -> Vec<Value> {
    vec![
        c.call(&["GET", key]).unwrap(),
        c.call(&["PFCOUNT", key]).unwrap(),
    ]
}

fn build(c: &mut Client) {
    for command in hlls() {
        let reply = c.call(&command).unwrap();
        assert!(
            !matches!(reply, Value::Error(_)),
            "{:?}: {reply:?}",
            &command[..2]
        );
    }
    for (_, commands, _) in streams() {
        for command in commands {
            let reply = c.call(&command).unwrap();
            assert!(!matches!(reply, Value::Error(_)), "{command:?}: {reply:?}");
        }
    }
}

/// What a stream holds, read with commands; fields that are times of this run (idle times,
/// seen times) are left out.
fn read(c: &mut Client, key: &str) -> Vec<Value> {
    let mut out = vec![
        c.call(&["TYPE", key]).unwrap(),
        c.call(&["XRANGE", key, "-", "+"]).unwrap(),
        without(
            c.call(&["XINFO", "STREAM", key]).unwrap(),
            &["radix-tree-nodes"],
        ),
    ];
    let groups_reply = c.call(&["XINFO", "GROUPS", key]).unwrap();
    out.push(groups_reply.clone());
    let Value::Array(groups) = groups_reply else {
        panic!("XINFO GROUPS {key}")
    };
    for group in groups {
        let Value::Array(fields) = group else {
            panic!("group")
        };
        let name = fields[1].clone();
        let Value::Bulk(name) = name else {
            panic!("group name")
        };
        let name = String::from_utf8(name).unwrap();
        if let Value::Array(consumers) = c.call(&["XINFO", "CONSUMERS", key, &name]).unwrap() {
            for consumer in consumers {
                out.push(without(consumer, &["idle", "inactive"]));
            }
        }
        // Each pending entry: ID, owner, (idle left out), delivery count.
        if let Value::Array(pending) = c.call(&["XPENDING", key, &name, "-", "+", "1000"]).unwrap()
        {
            for entry in pending {
                if let Value::Array(mut parts) = entry {
                    parts.remove(2);
                    out.push(Value::Array(parts));
                }
            }
        }
    }
    out
}

/// A flat field/value reply without the named fields.
fn without(reply: Value, names: &[&str]) -> Value {
    let Value::Array(items) = reply else {
        return reply;
    };
    let mut kept = Vec::new();
    for pair in items.chunks(2) {
        let skip = matches!(&pair[0], Value::Bulk(n) if names.iter().any(|x| n == x.as_bytes()));
        if !skip {
            kept.extend(pair.iter().cloned());
        }
    }
    Value::Array(kept)
}

fn dump(c: &mut Client, key: &str) -> Vec<u8> {
    match c.call(&["DUMP", key]).unwrap() {
        Value::Bulk(payload) => payload,
        other => panic!("DUMP {key}: {other:?}"),
    }
}

#[test]
fn streams_cross_through_dump_restore_and_rdb_files() {
    if !have_redis() {
        return;
    }
    let dir = scratch_dir("streams");
    let redis = Redis::start(&dir, "redis.rdb");
    let ringkv = start(&dir, "ringkv.rdb", 2, &[]);
    let (mut r, mut k) = (redis.client(), ringkv.client());
    build(&mut r);
    build(&mut k);
    let names: Vec<&str> = streams().iter().map(|(name, _, _)| *name).collect();
    for (name, _, identical) in streams() {
        assert_eq!(read(&mut k, name), read(&mut r, name), "{name} as built");
        let (ours, theirs) = (dump(&mut k, name), dump(&mut r, name));
        if identical {
            assert_eq!(ours, theirs, "DUMP {name} differs from Redis's");
        }
        let copy = format!("{{{name}}}copy");
        for (c, payload) in [(&mut k, &theirs), (&mut r, &ours)] {
            let reply = c
                .call(&[b"RESTORE", copy.as_bytes(), b"0", payload])
                .unwrap();
            assert_eq!(reply, Value::Simple(b"OK".to_vec()), "RESTORE {name}");
        }
        assert_eq!(
            read(&mut k, &copy),
            read(&mut r, name),
            "{name} restored in ringkv"
        );
        assert_eq!(
            read(&mut r, &copy),
            read(&mut r, name),
            "{name} restored in redis"
        );
    }
    for key in HLL_KEYS {
        assert_eq!(
            dump(&mut k, key),
            dump(&mut r, key),
            "DUMP {key} differs from Redis's"
        );
        assert_eq!(read_hll(&mut k, key), read_hll(&mut r, key), "{key}");
    }
    let expected: Vec<Vec<Value>> = names.iter().map(|n| read(&mut r, n)).collect();
    let expected_hll: Vec<Vec<Value>> = HLL_KEYS.iter().map(|k| read_hll(&mut r, k)).collect();

    // ringkv's file into redis-server.
    ok(k.call(&["SAVE"]).unwrap());
    check_rdb(&dir.join("ringkv.rdb"));
    drop(redis);
    let from_ringkv = Redis::start(&dir, "ringkv.rdb");
    let mut r2 = from_ringkv.client();
    for (name, want) in names.iter().zip(&expected) {
        assert_eq!(&read(&mut r2, name), want, "{name} loaded by redis-server");
    }
    for (key, want) in HLL_KEYS.iter().zip(&expected_hll) {
        assert_eq!(
            &read_hll(&mut r2, key),
            want,
            "{key} loaded by redis-server"
        );
    }
    // redis-server's file into ringkv with another shard count.
    ok(r2.call(&["SAVE"]).unwrap());
    drop(from_ringkv);
    drop(ringkv);
    let again: Server = start(&dir, "ringkv.rdb", 3, &[]);
    let mut k2 = again.client();
    for (name, want) in names.iter().zip(&expected) {
        assert_eq!(
            &read(&mut k2, name),
            want,
            "{name} loaded by ringkv from redis's file"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
