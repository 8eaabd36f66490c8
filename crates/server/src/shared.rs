//! Process-wide state: configuration and identity. Not on the data path: shards copy the
//! settings they need and are told when they change.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::RwLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use config::Config;

/// State shared by every shard.
pub struct Shared {
    /// The configuration (CONFIG GET/SET).
    pub config: RwLock<Config>,
    /// The config file given at start-up, for CONFIG REWRITE and INFO.
    pub config_file: Option<PathBuf>,
    /// Number of shards.
    pub shards: usize,
    /// The TCP port actually listened on.
    pub port: u16,
    /// A random 40-hex-digit id for this run (INFO `run_id`).
    pub run_id: String,
    /// When the server started.
    pub started: Instant,
    /// Unix seconds at start.
    pub started_unix_s: u64,
    /// The next client id (process-wide, like Redis's).
    next_client_id: AtomicU64,
    /// Whether shards are pinned to cores.
    pub pinned: bool,
    /// The next transaction id: the global order of cross-shard transactions.
    next_tx_id: AtomicU64,
    /// Command names changed by `rename-command`.
    pub renames: crate::renames::Renames,
    /// Open client connections on every shard (`maxclients`).
    connected: std::sync::atomic::AtomicI64,
    /// ACL users and the ACL log.
    pub acl: crate::permissions::AclState,
    /// While the AOF loads: clients get `-LOADING`.
    pub loading: std::sync::atomic::AtomicBool,
    /// AOF rewrites: one at a time, and their outcome for INFO.
    pub aof_rewrite: crate::aof::rewrite::RewriteStatus,
    /// RDB snapshots: in progress, last save, INFO figures.
    pub rdb: crate::snapshot::RdbStatus,
}

impl Shared {
    /// Shared state for a server with `shards` shards on `port`.
    pub fn new(
        config: Config,
        config_file: Option<PathBuf>,
        shards: usize,
        port: u16,
        pinned: bool,
        renames: crate::renames::Renames,
        users: acl::Users,
    ) -> Self {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Shared {
            config: RwLock::new(config),
            config_file,
            shards,
            port,
            run_id: random_hex(40),
            started: Instant::now(),
            started_unix_s: now.as_secs(),
            next_client_id: AtomicU64::new(1),
            pinned,
            next_tx_id: AtomicU64::new(1),
            renames,
            connected: std::sync::atomic::AtomicI64::new(0),
            acl: crate::permissions::AclState::new(users),
            loading: std::sync::atomic::AtomicBool::new(false),
            aof_rewrite: crate::aof::rewrite::RewriteStatus::new(),
            rdb: crate::snapshot::RdbStatus::new(now.as_secs()),
        }
    }

    /// A fresh client id.
    pub fn next_client_id(&self) -> u64 {
        self.next_client_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Adds `delta` to the process-wide count of open connections, returning the new count.
    pub fn clients_connected(&self, delta: i64) -> i64 {
        self.connected.fetch_add(delta, Ordering::Relaxed) + delta
    }

    /// A new transaction id, unique in the process.
    pub fn next_tx_id(&self) -> u64 {
        self.next_tx_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Reads the configuration.
    pub fn with_config<R>(&self, f: impl FnOnce(&Config) -> R) -> R {
        let guard = self
            .config
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&guard)
    }

    /// Changes the configuration.
    pub fn with_config_mut<R>(&self, f: impl FnOnce(&mut Config) -> R) -> R {
        let mut guard = self
            .config
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut guard)
    }
}

/// Unix time in milliseconds.
#[inline]
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Unix time in microseconds.
pub fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

/// `n` random hex digits from the OS's randomness (falls back to the clock).
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n.div_ceil(2)];
    let filled = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .is_ok();
    if !filled {
        let mut x = now_us() | 1;
        for b in &mut bytes {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = x as u8;
        }
    }
    let mut s: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    s.truncate(n);
    s
}
