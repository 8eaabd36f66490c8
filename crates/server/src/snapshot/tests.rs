//! The walk's point-in-time view: pre-images, keys created or deleted mid-walk, expiry.

use std::sync::atomic::AtomicUsize;
use std::sync::mpsc::{channel, Receiver};
use std::sync::Arc;

use commands::ShardState;
use engine::{DbIndex, Value};
use persist::{Decoder, Item};

use super::walk::{Piece, ShardWalk, Sink};

const T0: u64 = 1_000_000;

fn walk() -> (ShardWalk, Receiver<Piece>) {
    let (tx, rx) = channel();
    let sink = Sink {
        tx,
        queued: Arc::new(AtomicUsize::new(0)),
    };
    (ShardWalk::new(T0, sink), rx)
}

fn set(state: &mut ShardState, key: &str, value: &str, deadline: Option<u64>) {
    let value = Value::Str(engine::value::StrValue::from_bytes(value.as_bytes()));
    state
        .data
        .db(DbIndex(0))
        .set(key.as_bytes(), value, deadline, T0);
}

/// The keys and string values the walk wrote, decoded as a file.
fn written(rx: Receiver<Piece>) -> Vec<(String, String, Option<i64>)> {
    let mut file = b"REDIS0010".to_vec();
    for piece in rx.try_iter() {
        if let Piece::Records(bytes) = piece {
            file.extend_from_slice(&bytes);
        }
    }
    file.push(0xff);
    file.extend_from_slice(&[0; 8]);
    let mut decoder = Decoder::new(&file[..], engine::EncodingLimits::default()).unwrap();
    let mut out = Vec::new();
    while let Some(item) = decoder.next_item().unwrap() {
        if let Item::Key(k) = item {
            let Value::Str(s) = &k.value else {
                panic!("not a string")
            };
            out.push((
                String::from_utf8_lossy(&k.key).into_owned(),
                String::from_utf8_lossy(&s.to_bytes()).into_owned(),
                k.expire_at_ms,
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn the_file_holds_the_start_state_whatever_changes_during_the_walk() {
    let mut state = ShardState::new(7);
    for i in 0..500 {
        set(&mut state, &format!("k{i}"), "v0", None);
    }
    set(&mut state, "old", "x", Some(T0 - 1));
    set(&mut state, "soon", "s", Some(T0 + 10));
    let (mut w, rx) = walk();
    let mut round = 0;
    loop {
        // Between steps: overwrite a few keys, delete some, create new ones.
        for i in (round * 7..round * 7 + 7).map(|i| i % 500) {
            let key = format!("k{i}");
            w.pre_image(&mut state, DbIndex(0), key.as_bytes(), true, T0 + 50);
            if i % 3 == 0 {
                state.data.db(DbIndex(0)).remove(key.as_bytes(), T0 + 50);
            } else {
                set(&mut state, &key, "v1", None);
            }
            let new = format!("new{round}-{i}");
            w.pre_image(&mut state, DbIndex(0), new.as_bytes(), true, T0 + 50);
            set(&mut state, &new, "n", None);
        }
        // A read after "soon"'s deadline reclaims it: the walk must have it first.
        w.pre_image(&mut state, DbIndex(0), b"soon", false, T0 + 50);
        state.data.db(DbIndex(0)).lookup(b"soon", T0 + 50);
        round += 1;
        if w.step(&mut state, 16) {
            break;
        }
    }
    w.finish();
    let keys = written(rx);
    assert_eq!(
        keys.len(),
        501,
        "every start key once, nothing new, nothing expired"
    );
    assert!(keys
        .iter()
        .all(|(k, v, _)| (k.starts_with('k') && v == "v0") || k == "soon"));
    let soon = keys.iter().find(|(k, _, _)| k == "soon").unwrap();
    assert_eq!(soon.2, Some((T0 + 10) as i64));
}

#[test]
fn draining_a_database_writes_its_remaining_keys() {
    let mut state = ShardState::new(9);
    for i in 0..100 {
        set(&mut state, &format!("k{i}"), "v0", None);
    }
    let (mut w, rx) = walk();
    w.step(&mut state, 10);
    w.drain_all(&mut state);
    state.data.db(DbIndex(0)).clear();
    assert!(w.step(&mut state, 10));
    w.finish();
    assert_eq!(written(rx).len(), 100);
}
