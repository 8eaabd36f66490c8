//! RDB interoperability with the real redis-server 7.0: ringkv's files load in Redis and pass
//! `redis-check-rdb`, Redis's files load through ringkv's decoder, and DUMP/RESTORE payloads
//! cross both ways (byte-identical where both sides use the same encoding). Skipped, loudly,
//! without redis-server.

mod dataset;
mod dump_restore;
mod files;
mod save;
mod streams;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use testkit::{free_port, Client, Value};

pub use dataset::{dataset, Data, Key};

const REDIS_SERVER: &str = "/usr/bin/redis-server";
const REDIS_CHECK_RDB: &str = "/usr/bin/redis-check-rdb";

/// Whether the oracle is installed; says so loudly when it is not.
pub fn have_redis() -> bool {
    let ok = Path::new(REDIS_SERVER).exists() && Path::new(REDIS_CHECK_RDB).exists();
    if !ok {
        eprintln!("\n!!!!!!!! redis-server / redis-check-rdb missing: RDB oracle tests NOT run !!!!!!!!\n");
    }
    ok
}

/// A redis-server whose data directory and file this test chooses; killed on drop.
pub struct Redis {
    child: Child,
    /// Its port.
    pub port: u16,
}

impl Redis {
    /// Starts redis-server loading (and saving to) `dir/file`.
    pub fn start(dir: &Path, file: &str) -> Redis {
        let port = free_port();
        let child = Command::new(REDIS_SERVER)
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--dbfilename", file])
            .arg("--dir")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawning redis-server");
        // Owned at once, so that a failure below still kills and reaps it.
        let redis = Redis { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        // Polls until the server answers; bounded by the deadline.
        while Instant::now() < deadline {
            if let Ok(mut c) = Client::connect(port) {
                if c.call(&["PING"])
                    .is_ok_and(|v| v == Value::Simple(b"PONG".to_vec()))
                {
                    return redis;
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("redis-server did not start on {port}");
    }

    /// A connection.
    pub fn client(&self) -> Client {
        Client::connect(self.port).expect("connecting to redis-server")
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh scratch directory under the system's temp dir.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ringkv-rdb-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating a scratch dir");
    dir
}

/// Runs `redis-check-rdb` on `path`, panicking with its output unless it accepts the file.
pub fn check_rdb(path: &Path) {
    let out = Command::new(REDIS_CHECK_RDB)
        .arg(path)
        .output()
        .expect("running redis-check-rdb");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && text.contains("RDB looks OK"),
        "redis-check-rdb refused the file:\n{text}"
    );
}
