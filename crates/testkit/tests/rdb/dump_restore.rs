//! DUMP in one server, RESTORE in the other, for every key of the dataset.

use testkit::{Client, Server, Value};

use crate::dataset::{normal, read, write};
use crate::{dataset, have_redis, scratch_dir, Redis};

fn dump(c: &mut Client, db: u32, name: &str) -> Vec<u8> {
    c.call(&["SELECT", &db.to_string()]).unwrap();
    match c.call(&["DUMP", name]).unwrap() {
        Value::Bulk(payload) => payload,
        other => panic!("DUMP {name}: {other:?}"),
    }
}

fn restore(c: &mut Client, db: u32, name: &str, payload: &[u8], at: Option<i64>) {
    c.call(&["SELECT", &db.to_string()]).unwrap();
    let ttl = at.map_or("0".to_string(), |at| at.to_string());
    let reply = c
        .call(&[
            b"RESTORE",
            name.as_bytes(),
            ttl.as_bytes(),
            payload,
            b"ABSTTL",
            b"REPLACE",
        ])
        .unwrap();
    assert_eq!(reply, Value::Simple(b"OK".to_vec()), "RESTORE {name}");
}

#[test]
fn payloads_cross_both_ways() {
    if !have_redis() {
        return;
    }
    let dir = scratch_dir("dump");
    let redis = Redis::start(&dir, "unused.rdb");
    let ringkv = Server::ringkv(2);
    let (mut r, mut k) = (redis.client(), ringkv.client());
    let keys = dataset();
    for key in &keys {
        write(&mut r, key);
        write(&mut k, key);
    }
    let mut identical = 0;
    for key in &keys {
        let from_redis = dump(&mut r, key.db, &key.name);
        let from_ringkv = dump(&mut k, key.db, &key.name);
        if key.same_encoding {
            assert_eq!(
                from_ringkv, from_redis,
                "DUMP {} differs from Redis's",
                key.name
            );
            identical += 1;
        }
        let copy = format!("{}:copy", key.name);
        restore(&mut k, key.db, &copy, &from_redis, key.expire_at_ms);
        restore(&mut r, key.db, &copy, &from_ringkv, key.expire_at_ms);
        let mut renamed = key.clone();
        renamed.name = copy;
        for (server, c) in [("ringkv", &mut k), ("redis", &mut r)] {
            let (data, deadline) = read(c, &renamed);
            assert_eq!(data, normal(&key.data), "{} restored in {server}", key.name);
            assert_eq!(
                deadline, key.expire_at_ms,
                "{} deadline in {server}",
                key.name
            );
        }
    }
    assert!(identical >= 14, "only {identical} identical payloads");
    let _ = std::fs::remove_dir_all(&dir);
}
