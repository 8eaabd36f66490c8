//! SAVE, BGSAVE, save points and SHUTDOWN on the real binary: ringkv's snapshots pass
//! `redis-check-rdb` and load in redis-server with every key intact; Redis's load in ringkv
//! with another shard count; BGSAVE under concurrent writes holds exactly the state at its
//! start, within 10% of the memory used before it.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use testkit::{Client, Server, Value};

use super::dataset::{normal, read, write};
use super::{check_rdb, dataset, have_redis, scratch_dir, Redis};

/// ringkv on `dir/file`; `save`: the save points' words (none: no points).
pub(crate) fn start(dir: &Path, file: &str, shards: usize, save: &[&str]) -> Server {
    let dir = dir.to_str().unwrap();
    let mut args = vec!["--dir", dir, "--dbfilename", file, "--save"];
    args.extend(if save.is_empty() { &[""][..] } else { save });
    let server = Server::ringkv_with(shards, &args);
    wait_loaded(&mut server.client());
    server
}

/// Polls (bounded) until the server no longer answers -LOADING.
fn wait_loaded(c: &mut Client) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match c.call(&["DBSIZE"]).unwrap() {
            Value::Integer(_) => return,
            Value::Error(e) if e.starts_with(b"LOADING") => {}
            other => panic!("DBSIZE answered {other:?}"),
        }
        assert!(Instant::now() < deadline, "still loading after 30 s");
        thread::sleep(Duration::from_millis(5));
    }
}

fn info_field(c: &mut Client, section: &str, name: &str) -> String {
    let Value::Bulk(text) = c.call(&["INFO", section]).unwrap() else {
        panic!("INFO reply")
    };
    let text = String::from_utf8_lossy(&text).into_owned();
    let prefix = format!("{name}:");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix).map(str::to_string))
        .unwrap_or_else(|| panic!("{name} not in INFO {section}"))
}

/// Polls (bounded) until no snapshot is in progress.
fn wait_saved(c: &mut Client) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while info_field(c, "persistence", "rdb_bgsave_in_progress") != "0" {
        assert!(Instant::now() < deadline, "BGSAVE still running after 60 s");
        thread::sleep(Duration::from_millis(5));
    }
}

pub(crate) fn ok(v: Value) {
    assert_eq!(v, Value::Simple(b"OK".to_vec()));
}

#[test]
fn snapshots_cross_to_redis_and_back_with_any_shard_count() {
    if !have_redis() {
        return;
    }
    let dir = scratch_dir("save-cross");
    let keys = dataset();
    for (writer, reader) in [(2, 4), (4, 2)] {
        let ringkv = start(&dir, "ringkv.rdb", writer, &[]);
        let mut c = ringkv.client();
        ok(c.call(&["FLUSHALL"]).unwrap());
        keys.iter().for_each(|k| write(&mut c, k));
        ok(c.call(&["SAVE"]).unwrap());
        check_rdb(&dir.join("ringkv.rdb"));
        let redis = Redis::start(&dir, "ringkv.rdb");
        let mut r = redis.client();
        for k in &keys {
            let (data, deadline) = read(&mut r, k);
            assert_eq!(data, normal(&k.data), "{} in redis-server", k.name);
            assert_eq!(
                deadline, k.expire_at_ms,
                "{} deadline in redis-server",
                k.name
            );
        }
        // Redis's own file (over ringkv's), with its encodings, into ringkv with another
        // shard count.
        ok(r.call(&["SAVE"]).unwrap());
        drop(redis);
        for (file, shards) in [("ringkv.rdb", reader)] {
            let again = start(&dir, file, shards, &[]);
            let mut c = again.client();
            for k in &keys {
                let (data, deadline) = read(&mut c, k);
                assert_eq!(
                    data,
                    normal(&k.data),
                    "{} from {file} with {shards} shards",
                    k.name
                );
                assert_eq!(deadline, k.expire_at_ms, "{} deadline from {file}", k.name);
            }
            let loaded = info_field(&mut c, "persistence", "rdb_last_load_keys_loaded");
            assert_eq!(loaded, keys.len().to_string());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writers that overwrite `k0..n` with "v1", delete every 7th and create `new:*` until told
/// to stop; returns the handles.
fn writers(port: u16, n: usize, stop: &Arc<AtomicBool>) -> Vec<thread::JoinHandle<u64>> {
    (0..4)
        .map(|w| {
            let stop = stop.clone();
            thread::spawn(move || {
                let mut c = Client::connect(port).unwrap();
                let mut done = 0u64;
                let mut i = w;
                while !stop.load(Ordering::Relaxed) {
                    let key = format!("k{}", i % n);
                    if i % 7 == 0 {
                        c.call(&["DEL", &key]).unwrap();
                    } else {
                        c.call(&["SET", &key, "v1"]).unwrap();
                    }
                    c.call(&["SET", &format!("new:{w}:{i}"), "x"]).unwrap();
                    i += 4;
                    done += 1;
                }
                done
            })
        })
        .collect()
}

fn fill(c: &mut Client, n: usize, value: &str) {
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let mut args = vec!["MSET".to_string()];
        for i in chunk {
            args.push(format!("k{i}"));
            args.push(value.to_string());
        }
        ok(c.call(&args).unwrap());
    }
}

#[test]
fn bgsave_under_writes_holds_the_state_at_its_start() {
    let dir = scratch_dir("save-pit");
    let n = 100_000;
    for shards in [2, 4] {
        let server = start(&dir, "pit.rdb", shards, &[]);
        let mut c = server.client();
        fill(&mut c, n, "v0");
        let stop = Arc::new(AtomicBool::new(false));
        assert_eq!(
            c.call(&["BGSAVE"]).unwrap(),
            Value::Simple(b"Background saving started".to_vec())
        );
        let handles = writers(server.port(), n, &stop);
        wait_saved(&mut c);
        stop.store(true, Ordering::Relaxed);
        let writes: u64 = handles.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(
            info_field(&mut c, "persistence", "rdb_last_bgsave_status"),
            "ok"
        );
        eprintln!("{shards} shards: {writes} write pairs during BGSAVE");
        drop(server);
        let loaded = start(&dir, "pit.rdb", 6 - shards, &[]);
        let mut c = loaded.client();
        assert_eq!(c.call(&["DBSIZE"]).unwrap(), Value::Integer(n as i64));
        for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
            let mut args = vec!["MGET".to_string()];
            args.extend(chunk.iter().map(|i| format!("k{i}")));
            let Value::Array(values) = c.call(&args).unwrap() else {
                panic!("MGET")
            };
            assert!(values.iter().all(|v| *v == Value::Bulk(b"v0".to_vec())));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn used_memory(c: &mut Client) -> u64 {
    info_field(c, "memory", "used_memory").parse().unwrap()
}

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn memory_during_bgsave_under_writes_stays_within_ten_percent() {
    let dir = scratch_dir("save-mem");
    let n = 200_000;
    let server = start(&dir, "mem.rdb", 2, &[]);
    let mut c = server.client();
    fill(&mut c, n, &"v".repeat(100));
    let (before, rss_before) = (used_memory(&mut c), rss_kb(server.pid()));
    let stop = Arc::new(AtomicBool::new(false));
    // Overwrites with values of the same size, so the dataset itself does not grow.
    let handles: Vec<_> = (0..4)
        .map(|w| {
            let (stop, port) = (stop.clone(), server.port());
            thread::spawn(move || {
                let mut c = Client::connect(port).unwrap();
                let mut i = w;
                while !stop.load(Ordering::Relaxed) {
                    c.call(&["SET", &format!("k{}", i % 200_000), &"w".repeat(100)])
                        .unwrap();
                    i += 4;
                }
            })
        })
        .collect();
    ok_status(c.call(&["BGSAVE"]).unwrap());
    let (mut peak, mut rss_peak) = (before, rss_before);
    let deadline = Instant::now() + Duration::from_secs(60);
    while info_field(&mut c, "persistence", "rdb_bgsave_in_progress") == "1" {
        peak = peak.max(used_memory(&mut c));
        rss_peak = rss_peak.max(rss_kb(server.pid()));
        assert!(Instant::now() < deadline, "BGSAVE still running after 60 s");
    }
    stop.store(true, Ordering::Relaxed);
    handles.into_iter().for_each(|h| h.join().unwrap());
    eprintln!(
        "used_memory before {before} peak during BGSAVE {peak} ({:+.1}%); RSS before {rss_before} kB peak {rss_peak} kB ({:+.1}%)",
        (peak as f64 / before as f64 - 1.0) * 100.0,
        (rss_peak as f64 / rss_before as f64 - 1.0) * 100.0
    );
    assert!(
        peak <= before + before / 10 + (2 << 20),
        "used_memory {before} -> {peak}"
    );
    assert!(
        rss_peak <= rss_before + rss_before / 10 + 4096,
        "RSS {rss_before} -> {rss_peak} kB"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn ok_status(v: Value) {
    assert_eq!(v, Value::Simple(b"Background saving started".to_vec()));
}

#[test]
fn save_points_and_shutdown_write_snapshots() {
    let dir = scratch_dir("save-points");
    let server = start(&dir, "points.rdb", 2, &["1", "3"]);
    let mut c = server.client();
    let Value::Integer(first) = c.call(&["LASTSAVE"]).unwrap() else {
        panic!("LASTSAVE")
    };
    for i in 0..3 {
        ok(c.call(&["SET", &format!("p{i}"), "x"]).unwrap());
    }
    // The point "1 3" fires within about two seconds; poll LASTSAVE, bounded.
    let deadline = Instant::now() + Duration::from_secs(10);
    while c.call(&["LASTSAVE"]).unwrap() == Value::Integer(first) {
        assert!(Instant::now() < deadline, "no save within 10 s");
        thread::sleep(Duration::from_millis(20));
    }
    wait_saved(&mut c);
    assert_eq!(
        info_field(&mut c, "persistence", "rdb_changes_since_last_save"),
        "0"
    );
    assert!(dir.join("points.rdb").exists());
    // SHUTDOWN with save points set saves first; the next start finds the new key.
    ok(c.call(&["SET", "late", "y"]).unwrap());
    let _ = c.call(&["SHUTDOWN"]);
    drop(server);
    let again = start(&dir, "points.rdb", 4, &[]);
    let mut c = again.client();
    assert_eq!(
        c.call(&["GET", "late"]).unwrap(),
        Value::Bulk(b"y".to_vec())
    );
    assert_eq!(c.call(&["DBSIZE"]).unwrap(), Value::Integer(4));
    let _ = std::fs::remove_dir_all(&dir);
}
