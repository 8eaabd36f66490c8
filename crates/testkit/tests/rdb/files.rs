//! Whole files both ways: ringkv → redis-check-rdb and redis-server; redis-server SAVE →
//! ringkv's decoder.

use engine::EncodingLimits;
use persist::{Decoder, Encoder, Item, SnapshotInfo};

use crate::dataset::{data_of, engine_value, normal, read, write};
use crate::{check_rdb, dataset, have_redis, scratch_dir, Redis};

#[test]
fn ringkv_files_pass_redis_check_rdb_and_load_in_redis() {
    if !have_redis() {
        return;
    }
    let dir = scratch_dir("to-redis");
    let limits = EncodingLimits::default();
    let keys = dataset();
    let mut enc = Encoder::new(Vec::new());
    enc.header().unwrap();
    enc.standard_aux(&SnapshotInfo {
        ctime_s: 1_700_000_000,
        used_mem: 1 << 20,
        aof_base: false,
    })
    .unwrap();
    for db in [0, 3, 15] {
        let in_db: Vec<_> = keys.iter().filter(|k| k.db == db).collect();
        enc.select_db(db).unwrap();
        let expires = in_db.iter().filter(|k| k.expire_at_ms.is_some()).count();
        enc.resize_db(in_db.len() as u64, expires as u64).unwrap();
        for k in in_db {
            enc.key(
                db,
                k.name.as_bytes(),
                &engine_value(&k.data, &limits),
                k.expire_at_ms,
            )
            .unwrap();
        }
    }
    let file = enc.finish().unwrap();
    std::fs::write(dir.join("ringkv.rdb"), &file).unwrap();
    check_rdb(&dir.join("ringkv.rdb"));

    let redis = Redis::start(&dir, "ringkv.rdb");
    let mut c = redis.client();
    for k in &keys {
        let (data, deadline) = read(&mut c, k);
        assert_eq!(
            data,
            normal(&k.data),
            "{} as loaded by redis-server",
            k.name
        );
        assert_eq!(deadline, k.expire_at_ms, "{} deadline", k.name);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn redis_files_load_through_the_decoder() {
    if !have_redis() {
        return;
    }
    let dir = scratch_dir("from-redis");
    let keys = dataset();
    let redis = Redis::start(&dir, "dump.rdb");
    let mut c = redis.client();
    for k in &keys {
        write(&mut c, k);
    }
    // A list whose nodes Redis compresses, and an empty-string key in another database.
    assert!(matches!(
        c.call(&["SAVE"]).unwrap(),
        testkit::Value::Simple(_)
    ));
    let file = std::fs::read(dir.join("dump.rdb")).unwrap();
    let decoder = Decoder::new(&file[..], EncodingLimits::default()).unwrap();
    assert_eq!(decoder.version(), 10);
    let mut seen = 0;
    let mut aux = Vec::new();
    for item in decoder {
        match item.unwrap() {
            Item::Key(entry) => {
                let k = keys
                    .iter()
                    .find(|k| k.name.as_bytes() == &entry.key[..])
                    .unwrap_or_else(|| panic!("unexpected key {:?}", entry.key));
                assert_eq!(entry.db, k.db, "{}", k.name);
                assert_eq!(
                    data_of(&entry.value),
                    normal(&k.data),
                    "{} as decoded",
                    k.name
                );
                assert_eq!(entry.expire_at_ms, k.expire_at_ms, "{} deadline", k.name);
                seen += 1;
            }
            Item::Aux { name, .. } => aux.push(String::from_utf8_lossy(&name).into_owned()),
            _ => {}
        }
    }
    assert_eq!(seen, keys.len());
    assert!(aux.contains(&"redis-ver".to_string()) && aux.contains(&"ctime".to_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compressed_list_nodes_from_redis_decode() {
    if !have_redis() {
        return;
    }
    let dir = scratch_dir("compressed");
    let redis = Redis::start(&dir, "dump.rdb");
    let mut c = redis.client();
    c.call(&["CONFIG", "SET", "list-compress-depth", "1"])
        .unwrap();
    c.call(&["CONFIG", "SET", "list-max-listpack-size", "4"])
        .unwrap();
    let items: Vec<String> = (0..50)
        .map(|i| format!("element-number-{i:04}-padding-padding"))
        .collect();
    let mut args = vec!["RPUSH".to_string(), "cl".to_string()];
    args.extend(items.iter().cloned());
    c.call(&args).unwrap();
    c.call(&["SAVE"]).unwrap();
    let file = std::fs::read(dir.join("dump.rdb")).unwrap();
    let entries: Vec<_> = Decoder::new(&file[..], EncodingLimits::default())
        .unwrap()
        .filter_map(|i| match i.unwrap() {
            Item::Key(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(entries.len(), 1);
    let crate::Data::List(got) = data_of(&entries[0].value) else {
        panic!("not a list")
    };
    assert_eq!(
        got,
        items
            .iter()
            .map(|s| s.as_bytes().to_vec())
            .collect::<Vec<_>>()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
