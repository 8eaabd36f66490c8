//! Whole files: header, aux fields, databases, checksums, and what is refused.

use engine::{EncodingLimits, Value};

use super::list;
use crate::format::{opcodes, types};
use crate::write::{write_len, write_string};
use crate::{Decoder, Encoder, Item, KeyEntry, RdbError, SnapshotInfo};

fn limits() -> EncodingLimits {
    EncodingLimits::default()
}

/// A file with every section Redis 7.0 writes.
fn sample_file() -> Vec<u8> {
    let mut enc = Encoder::new(Vec::new());
    enc.header().unwrap();
    enc.standard_aux(&SnapshotInfo {
        ctime_s: 1_700_000_000,
        used_mem: 1 << 40,
        aof_base: false,
    })
    .unwrap();
    enc.function(b"#!lua name=lib\n").unwrap();
    enc.select_db(0).unwrap();
    enc.resize_db(2, 1).unwrap();
    enc.key(0, b"a", &Value::string(b"1"), None).unwrap();
    enc.key(0, b"b", &list(&[b"x"], &limits()), Some(1 << 41))
        .unwrap();
    enc.key(3, b"c", &Value::string(b"z"), None).unwrap();
    enc.finish().unwrap()
}

#[test]
fn every_section_reads_back() {
    let file = sample_file();
    assert_eq!(&file[..9], b"REDIS0010");
    let items: Vec<Item> = Decoder::new(&file[..], limits())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let names: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Aux { name, .. } => Some(String::from_utf8_lossy(name).into_owned()),
            _ => None,
        })
        .collect();
    assert_eq!(
        names,
        ["redis-ver", "redis-bits", "ctime", "used-mem", "aof-base"]
    );
    assert!(items.contains(&Item::Aux {
        name: "redis-ver".into(),
        value: "7.2.4".into()
    }));
    assert!(items.contains(&Item::Aux {
        name: "used-mem".into(),
        value: "1099511627776".into()
    }));
    assert!(items.contains(&Item::Function("#!lua name=lib\n".into())));
    assert!(items.contains(&Item::ResizeDb {
        db: 0,
        keys: 2,
        expires: 1
    }));
    let keys: Vec<(u32, &[u8], Option<i64>)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Key(k) => Some((k.db, &k.key[..], k.expire_at_ms)),
            _ => None,
        })
        .collect();
    assert_eq!(
        keys,
        [
            (0, &b"a"[..], None),
            (0, b"b", Some(1 << 41)),
            (3, b"c", None)
        ]
    );
}

#[test]
fn checksum_is_verified_unless_zero() {
    let mut file = sample_file();
    let n = file.len();
    // The value of the last key, "z": still a well-formed file, but not the one summed.
    assert_eq!(file[n - 10], b'z');
    file[n - 10] = b'y';
    let err = Decoder::new(&file[..], limits())
        .unwrap()
        .find_map(Result::err);
    assert!(matches!(err, Some(RdbError::Checksum { .. })), "{err:?}");
    let mut unchecked = sample_file();
    unchecked[n - 8..].fill(0);
    assert!(Decoder::new(&unchecked[..], limits())
        .unwrap()
        .all(|i| i.is_ok()));
}

#[test]
fn truncated_files_and_bad_headers_fail() {
    let file = sample_file();
    let truncated = &file[..file.len() - 12];
    assert!(Decoder::new(truncated, limits())
        .unwrap()
        .any(|i| i.is_err()));
    assert!(matches!(
        Decoder::new(&b"RUBBISH00"[..], limits()),
        Err(RdbError::BadSignature)
    ));
    assert!(matches!(
        Decoder::new(&b"REDIS0012"[..], limits()),
        Err(RdbError::UnsupportedVersion(12))
    ));
}

/// A file of raw records after a version-11 header.
fn raw_file(body: &[u8]) -> Vec<u8> {
    let mut file = b"REDIS0011".to_vec();
    file.extend_from_slice(body);
    file.push(opcodes::EOF);
    let crc = crate::crc64::crc64(0, &file);
    file.extend_from_slice(&crc.to_le_bytes());
    file
}

#[test]
fn modules_are_refused_by_key() {
    for t in [types::MODULE_2, types::MODULE_PRE_GA] {
        let mut body = vec![t];
        write_string(&mut body, b"events");
        write_len(&mut body, 0);
        let file = raw_file(&body);
        let err = Decoder::new(&file[..], limits())
            .unwrap()
            .find_map(Result::err)
            .unwrap();
        let text = err.to_string();
        assert!(
            text.contains("'events'") && text.contains(&format!("type {t}")),
            "{text}"
        );
    }
    let file = raw_file(&[opcodes::MODULE_AUX, 1]);
    let err = Decoder::new(&file[..], limits())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert!(matches!(err, RdbError::UnsupportedOpcode(_)));
    let file = raw_file(&[100]);
    let err = Decoder::new(&file[..], limits())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert!(matches!(err, RdbError::UnknownType(100)));
}

#[test]
fn lru_and_lfu_hints_are_skipped_and_seconds_deadlines_read() {
    let mut body = vec![opcodes::SELECTDB, 2, opcodes::EXPIRETIME];
    body.extend_from_slice(&1000i32.to_le_bytes());
    body.extend_from_slice(&[opcodes::IDLE, 0x40, 0x10, opcodes::FREQ, 7, types::STRING]);
    write_string(&mut body, b"k");
    write_string(&mut body, b"v");
    // An empty list is skipped, as Redis skips it.
    body.push(types::LIST);
    write_string(&mut body, b"empty");
    write_len(&mut body, 0);
    let file = raw_file(&body);
    let mut decoder = Decoder::new(&file[..], limits()).unwrap();
    let Some(Item::Key(entry)) = decoder.next_item().unwrap() else {
        panic!()
    };
    assert_eq!((entry.db, entry.expire_at_ms), (2, Some(1_000_000)));
    assert_eq!(entry.value, Value::string(b"v"));
    assert_eq!(decoder.next_item().unwrap(), None);
    assert_eq!(decoder.empty_keys_skipped(), 1);
}

/// A stream body in the 5.0-6.2 format (type 15, no counters) or the 7.2 one (type 21,
/// consumers' active time): one node with entries 1-0 and 2-0, a group `g` at 1-0 with 1-0
/// pending for consumer `c`.
fn stream_body(t: u8) -> Vec<u8> {
    let mut stream = engine::StreamValue::new();
    let limits = engine::stream::NodeLimits::default();
    stream.append(engine::stream::StreamId::new(1, 0), &[b"f", b"v"], limits);
    stream.append(engine::stream::StreamId::new(2, 0), &[b"f", b"w"], limits);
    let mut body = vec![t];
    write_string(&mut body, b"events");
    write_len(&mut body, 1);
    for (master, lp) in &stream.nodes {
        write_string(&mut body, &master.to_be_bytes());
        write_string(&mut body, lp.as_bytes());
    }
    write_len(&mut body, 2);
    write_len(&mut body, 2);
    write_len(&mut body, 0);
    if t != types::STREAM_LISTPACKS {
        for n in [1, 0, 0, 0, 2] {
            write_len(&mut body, n);
        }
    }
    write_len(&mut body, 1);
    write_string(&mut body, b"g");
    write_len(&mut body, 1);
    write_len(&mut body, 0);
    if t != types::STREAM_LISTPACKS {
        write_len(&mut body, 1);
    }
    write_len(&mut body, 1);
    body.extend_from_slice(&engine::stream::StreamId::new(1, 0).to_be_bytes());
    body.extend_from_slice(&1_700_000_000_000u64.to_le_bytes());
    write_len(&mut body, 2);
    write_len(&mut body, 1);
    write_string(&mut body, b"c");
    body.extend_from_slice(&1_700_000_000_001u64.to_le_bytes());
    if t == types::STREAM_LISTPACKS_3 {
        body.extend_from_slice(&1_700_000_000_002u64.to_le_bytes());
    }
    write_len(&mut body, 1);
    body.extend_from_slice(&engine::stream::StreamId::new(1, 0).to_be_bytes());
    body
}

#[test]
fn streams_of_the_older_and_newer_formats_load() {
    for t in [types::STREAM_LISTPACKS, types::STREAM_LISTPACKS_3] {
        let file = raw_file(&stream_body(t));
        let items: Vec<_> = Decoder::new(&file[..], limits())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let stream = items
            .iter()
            .find_map(|item| match item {
                Item::Key(KeyEntry {
                    value: Value::Stream(s),
                    ..
                }) => Some(s),
                _ => None,
            })
            .expect("the stream loads");
        assert_eq!(stream.len(), 2, "type {t}");
        assert_eq!(stream.first_id, engine::stream::StreamId::new(1, 0));
        assert_eq!(stream.entries_added, 2);
        let group = &stream.groups[&bytes::Bytes::from("g")];
        // The old format has no read count: it is estimated from the stream (1 entry read).
        assert_eq!(group.entries_read, Some(1), "type {t}");
        let pending = &group.pel[&engine::stream::StreamId::new(1, 0)];
        assert_eq!(
            (pending.delivery_count, &pending.consumer[..]),
            (2, &b"c"[..])
        );
        assert_eq!(
            group.consumers[&bytes::Bytes::from("c")].seen_time,
            1_700_000_000_001
        );
    }
}
