//! Server processes under test: ringkv and the reference `redis-server`.
//!
//! A [`Server`] is a guard: dropping it kills and reaps the process, so a failing test leaves
//! nothing running. Start-up is awaited by polling PING with a deadline, never a fixed sleep.

use std::collections::BTreeSet;
use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::client::Client;

/// Where Debian installs the reference server.
pub const REDIS_SERVER: &str = "/usr/bin/redis-server";

/// How long a server may take to answer its first PING.
const START_DEADLINE: Duration = Duration::from_secs(20);

/// How many fresh ports to try when another process takes ours between probe and bind.
const START_ATTEMPTS: usize = 4;

/// Returns a TCP port that was free on 127.0.0.1 a moment ago and that this process has not
/// handed out before. The memory matters: ringkv listens with SO_REUSEPORT, so two servers
/// given the same port would both start and silently share connections.
pub fn free_port() -> u16 {
    static HANDED_OUT: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
    loop {
        let listener =
            TcpListener::bind("127.0.0.1:0").expect("binding 127.0.0.1:0 for a free port");
        let port = listener
            .local_addr()
            .expect("a bound listener has a local address")
            .port();
        let mut seen = HANDED_OUT
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if seen.insert(port) {
            return port;
        }
    }
}

/// A running server process; killed and waited for on drop.
pub struct Server {
    child: Child,
    port: u16,
    name: String,
    log_path: PathBuf,
}

impl Server {
    /// Starts ringkv with `shards` shards on a free port and waits until it answers PING.
    /// Panics with instructions when the binary has not been built.
    pub fn ringkv(shards: usize) -> Server {
        Server::ringkv_with(shards, &[])
    }

    /// Starts ringkv as [`Server::ringkv`] does, with `extra` directives on its command line
    /// (e.g. `["--rename-command", "FLUSHALL", ""]`).
    pub fn ringkv_with(shards: usize, extra: &[&str]) -> Server {
        let binary = ringkv_binary();
        let shards = shards.to_string();
        Server::start(&format!("ringkv --shards {shards}"), |port| {
            let mut cmd = Command::new(&binary);
            cmd.args(["--port", &port.to_string(), "--bind", "127.0.0.1"]);
            cmd.args(["--shards", &shards, "--save", "", "--appendonly", "no"]);
            if running_as_root() {
                cmd.arg("--allow-root");
            }
            cmd.args(extra);
            cmd
        })
    }

    /// Starts the reference `redis-server` on a free port, or returns `None` (after saying so
    /// loudly) when it is not installed.
    pub fn redis() -> Option<Server> {
        if !Path::new(REDIS_SERVER).exists() {
            eprintln!(
                "\n!!!!!!!! {REDIS_SERVER} is missing: differential checks are NOT run. \
                 Install it (apt-get install -y redis-server) or run scripts/test. !!!!!!!!\n"
            );
            return None;
        }
        Some(Server::start("redis-server", |port| {
            let mut cmd = Command::new(REDIS_SERVER);
            cmd.args(["--port", &port.to_string(), "--bind", "127.0.0.1"]);
            cmd.args(["--save", "", "--appendonly", "no"]);
            cmd.args(["--enable-debug-command", "yes"]);
            cmd
        }))
    }

    /// Starts ringkv with nothing but a free port (and `--allow-root` when the tests run as
    /// root) and `extra`: its embedded defaults, as a user who just runs it gets them.
    pub fn ringkv_defaults(extra: &[&str]) -> Server {
        let binary = ringkv_binary();
        Server::start("ringkv (defaults)", |port| {
            let mut cmd = Command::new(&binary);
            cmd.args(["--port", &port.to_string()]);
            if running_as_root() {
                cmd.arg("--allow-root");
            }
            cmd.args(extra);
            cmd
        })
    }

    /// Everything the server has logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's process id (e.g. to read its memory use from `/proc/<pid>/status`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A human-readable name, e.g. `ringkv --shards 2`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Opens a new client connection; panics if the server does not accept it.
    pub fn client(&self) -> Client {
        Client::connect(self.port)
            .unwrap_or_else(|e| panic!("connecting to {} on {}: {e}", self.name, self.port))
    }

    fn start(name: &str, command_for: impl Fn(u16) -> Command) -> Server {
        let mut failures = Vec::new();
        for _ in 0..START_ATTEMPTS {
            let port = free_port();
            let log_path = std::env::temp_dir().join(format!(
                "testkit-{}-{}-{port}.log",
                name.split(' ').next().unwrap_or("server"),
                std::process::id()
            ));
            let log = File::create(&log_path)
                .unwrap_or_else(|e| panic!("creating log file {}: {e}", log_path.display()));
            let log_err = log.try_clone().expect("cloning a log file handle");
            let mut cmd = command_for(port);
            cmd.stdin(Stdio::null()).stdout(log).stderr(log_err);
            let child = cmd
                .spawn()
                .unwrap_or_else(|e| panic!("spawning {name} ({cmd:?}): {e}"));
            let mut server = Server {
                child,
                port,
                name: name.to_string(),
                log_path,
            };
            match server.wait_ready() {
                Ok(()) => return server,
                Err(why) => failures.push(format!("port {port}: {why}\n{}", server.log_tail())),
            }
        }
        panic!("{name} did not start:\n{}", failures.join("\n---\n"));
    }

    /// Polls PING until the server answers PONG, the process exits, or the deadline passes.
    fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + START_DEADLINE;
        let mut last_error = String::from("no attempt made");
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("process exited early with {status}"));
            }
            match ping(self.port) {
                Ok(()) => return Ok(()),
                Err(e) => last_error = e,
            }
            // A short poll interval, not synchronisation: the loop is bounded by the deadline.
            std::thread::sleep(Duration::from_millis(5));
        }
        Err(format!(
            "no PONG within {START_DEADLINE:?}; last error: {last_error}"
        ))
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        let from = lines.len().saturating_sub(30);
        format!(
            "--- last lines of {} ---\n{}",
            self.log_path.display(),
            lines[from..].join("\n")
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        // The process may already be gone; both calls failing is fine then.
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !std::thread::panicking() {
            let _ = std::fs::remove_file(&self.log_path);
        } else {
            eprintln!("{} log kept at {}", self.name, self.log_path.display());
        }
    }
}

fn ping(port: u16) -> Result<(), String> {
    let mut client = Client::connect(port).map_err(|e| format!("connect: {e}"))?;
    client
        .set_read_timeout(Duration::from_secs(2))
        .map_err(|e| e.to_string())?;
    let reply = client
        .call_raw(&["PING"])
        .map_err(|e| format!("PING: {e}"))?;
    // A server that wants a password first is up too.
    if reply == b"+PONG\r\n" || reply.starts_with(b"-NOAUTH") {
        Ok(())
    } else {
        Err(format!(
            "PING answered {:?}",
            String::from_utf8_lossy(&reply)
        ))
    }
}

/// The ringkv binary: `$RINGKV_BIN`, else the newest of target/{debug,release}/ringkv.
pub fn ringkv_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("RINGKV_BIN") {
        let path = PathBuf::from(path);
        assert!(
            path.exists(),
            "RINGKV_BIN points at {}, which does not exist",
            path.display()
        );
        return path;
    }
    let target = target_dir();
    let newest = ["debug", "release"]
        .iter()
        .map(|profile| target.join(profile).join("ringkv"))
        .filter_map(|path| Some((path.metadata().ok()?.modified().ok()?, path)))
        .max();
    match newest {
        Some((_, path)) => path,
        None => panic!(
            "ringkv binary not found under {}/{{debug,release}}/ringkv. Build it first with \
             `cargo build -p ringkv` (scripts/test does), or set RINGKV_BIN to its path.",
            target.display()
        ),
    }
}

/// The workspace root, two levels above this crate's manifest.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/testkit sits two levels below the workspace root")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        None => workspace_root().join("target"),
    }
}

/// Whether this process runs with effective uid 0. ringkv refuses to run as root unless told
/// otherwise, and tests in containers and CI often are root.
pub fn running_as_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        .is_some_and(|euid| euid == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_port_is_nonzero_and_bindable() {
        let port = free_port();
        assert_ne!(port, 0);
        TcpListener::bind(("127.0.0.1", port)).expect("the port is free again");
    }

    #[test]
    fn workspace_root_holds_the_workspace_manifest() {
        assert!(workspace_root().join("Cargo.toml").exists());
        assert!(workspace_root().join("crates/testkit").exists());
    }
}
