//! INFO: Redis's sections and field names, with figures gathered from every shard.

use std::fmt::Write;

use bytes::Bytes;
use commands::Args;
use engine::DB_COUNT;
use resp::Reply;

use crate::alloc;
use crate::conn::session::Session;
use crate::shard::mesh::JobOutput;
use crate::shard::stats::ShardStats;
use crate::shared::{now_ms, now_us};

use super::connection::REDIS_VERSION;

/// What one shard reports.
struct ShardSnapshot {
    stats: ShardStats,
    /// Per database: keys, keys with a deadline, average ttl (ms).
    dbs: Vec<(usize, usize, u64)>,
    clients: usize,
    /// Connections waiting in a blocking command.
    blocked: usize,
    expired_keys: u64,
    dirty: u64,
    reads: (u64, u64, u64),
    hits: (u64, u64),
    aof: AofSnapshot,
}

/// One shard's AOF for INFO persistence.
#[derive(Debug, Clone, Default)]
struct AofSnapshot {
    running: bool,
    size: u64,
    base_size: u64,
    failed: bool,
}

const DEFAULT_SECTIONS: &[&str] = &[
    "server",
    "clients",
    "memory",
    "persistence",
    "stats",
    "replication",
    "cpu",
    "modules",
    "errorstats",
    "cluster",
    "keyspace",
];
const ALL_EXTRA: &[&str] = &["commandstats", "latencystats", "ringkv"];

/// INFO [section ...].
pub async fn info(session: &mut Session, args: Args<'_>) -> Reply {
    let wanted = wanted_sections(&args);
    let snapshots = gather(session).await;
    let mut total = ShardStats::default();
    for s in &snapshots {
        total.merge(&s.stats);
    }
    let mut text = String::new();
    for section in DEFAULT_SECTIONS.iter().chain(ALL_EXTRA) {
        if !wanted.iter().any(|w| w == section) {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\r\n");
        }
        render_section(session, section, &snapshots, &total, &mut text);
    }
    Reply::Verbatim("txt", Bytes::from(text))
}

fn wanted_sections(args: &Args<'_>) -> Vec<String> {
    let mut wanted = Vec::new();
    if args.len() == 1 {
        wanted.extend(DEFAULT_SECTIONS.iter().map(|s| s.to_string()));
    }
    for arg in args.iter_from(1) {
        let name = String::from_utf8_lossy(arg).to_ascii_lowercase();
        match name.as_str() {
            "default" => wanted.extend(DEFAULT_SECTIONS.iter().map(|s| s.to_string())),
            "all" | "everything" => wanted.extend(
                DEFAULT_SECTIONS
                    .iter()
                    .chain(ALL_EXTRA)
                    .map(|s| s.to_string()),
            ),
            _ => wanted.push(name),
        }
    }
    wanted
}

async fn gather(session: &mut Session) -> Vec<ShardSnapshot> {
    let outputs = session
        .shard
        .run_on_all(|_| {
            Box::new(|shard| {
                let now = now_ms();
                let state = shard.state.borrow();
                let dbs = state
                    .data
                    .dbs()
                    .map(|(_, db)| (db.len(), db.volatile_len(), db.avg_ttl_ms(now)))
                    .collect();
                JobOutput::Other(Box::new(ShardSnapshotSend {
                    stats: shard.stats.borrow().clone(),
                    dbs,
                    clients: shard.clients.borrow().len(),
                    blocked: shard.parked.len(),
                    expired_keys: state.data.expired_keys(),
                    dirty: state.dirty,
                    hits: (state.keyspace_hits, state.keyspace_misses),
                    reads: (
                        shard.net.direct_reads.get(),
                        shard.net.waited_reads.get(),
                        shard.net.sweeper_sleeps.get(),
                    ),
                    aof: AofSnapshot {
                        running: shard.aof.running.get(),
                        size: shard.aof.file_size.get(),
                        base_size: shard.aof.base_size.get(),
                        failed: shard.aof.last_error.borrow().is_some(),
                    },
                }))
            })
        })
        .await;
    outputs
        .into_iter()
        .flatten()
        .filter_map(|o| match o {
            JobOutput::Other(any) => any.downcast::<ShardSnapshotSend>().ok(),
            _ => None,
        })
        .map(|s| ShardSnapshot {
            stats: s.stats,
            dbs: s.dbs,
            clients: s.clients,
            blocked: s.blocked,
            expired_keys: s.expired_keys,
            dirty: s.dirty,
            reads: s.reads,
            hits: s.hits,
            aof: s.aof,
        })
        .collect()
}

/// The sendable form of a snapshot (ShardStats is plain data).
struct ShardSnapshotSend {
    stats: ShardStats,
    dbs: Vec<(usize, usize, u64)>,
    clients: usize,
    blocked: usize,
    expired_keys: u64,
    dirty: u64,
    reads: (u64, u64, u64),
    hits: (u64, u64),
    aof: AofSnapshot,
}

fn render_section(
    session: &Session,
    section: &str,
    shards: &[ShardSnapshot],
    total: &ShardStats,
    out: &mut String,
) {
    match section {
        "server" => server(session, out),
        "clients" => clients(session, shards, out),
        "memory" => memory(session, out),
        "persistence" => persistence(session, shards, out),
        "stats" => stats(shards, total, out),
        "replication" => replication(session, out),
        "cpu" => cpu(out),
        "modules" => out.push_str("# Modules\r\n"),
        "errorstats" => errorstats(total, out),
        "cluster" => out.push_str("# Cluster\r\ncluster_enabled:0\r\n"),
        "keyspace" => keyspace(shards, out),
        "commandstats" => commandstats(total, out),
        "latencystats" => out.push_str("# Latencystats\r\n"),
        "ringkv" => ringkv(session, shards, out),
        _ => {}
    }
}

fn line(out: &mut String, key: &str, value: impl std::fmt::Display) {
    let _ = write!(out, "{key}:{value}\r\n");
}

fn server(session: &Session, out: &mut String) {
    let shared = &session.shard.shared;
    let uptime = shared.started.elapsed().as_secs();
    let hz = shared.with_config(|c| c.hz());
    let uname = uname();
    out.push_str("# Server\r\n");
    line(out, "redis_version", REDIS_VERSION);
    line(out, "redis_git_sha1", "00000000");
    line(out, "redis_git_dirty", 0);
    line(out, "redis_build_id", "0");
    line(out, "redis_mode", "standalone");
    line(out, "os", uname);
    line(out, "arch_bits", 64);
    line(out, "monotonic_clock", "POSIX clock_gettime");
    line(out, "multiplexing_api", "io_uring");
    line(out, "atomicvar_api", "c11-builtin");
    line(out, "gcc_version", "0.0.0");
    line(out, "process_id", std::process::id());
    line(out, "process_supervised", "no");
    line(out, "run_id", &shared.run_id);
    line(out, "tcp_port", shared.port);
    line(out, "server_time_usec", now_us());
    line(out, "uptime_in_seconds", uptime);
    line(out, "uptime_in_days", uptime / 86400);
    line(out, "hz", hz);
    line(out, "configured_hz", hz);
    line(out, "lru_clock", (now_ms() / 1000) & ((1 << 24) - 1));
    let exe = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    line(out, "executable", exe);
    let config_file = shared
        .config_file
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    line(out, "config_file", config_file);
    line(out, "io_threads_active", 0);
    line(out, "ringkv_version", env!("CARGO_PKG_VERSION"));
}

fn uname() -> String {
    let read = |p: &str| {
        std::fs::read_to_string(p)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    format!(
        "Linux {} {}",
        read("/proc/sys/kernel/osrelease"),
        std::env::consts::ARCH
    )
}

fn clients(session: &Session, shards: &[ShardSnapshot], out: &mut String) {
    let maxclients = session.shard.shared.with_config(|c| c.maxclients());
    out.push_str("# Clients\r\n");
    line(
        out,
        "connected_clients",
        shards.iter().map(|s| s.clients).sum::<usize>(),
    );
    line(out, "cluster_connections", 0);
    line(out, "maxclients", maxclients);
    line(out, "client_recent_max_input_buffer", 0);
    line(out, "client_recent_max_output_buffer", 0);
    line(
        out,
        "blocked_clients",
        shards.iter().map(|s| s.blocked).sum::<usize>(),
    );
    line(out, "tracking_clients", 0);
    line(out, "pubsub_clients", 0);
    line(out, "watching_clients", 0);
    line(out, "clients_in_timeout_table", 0);
    line(out, "total_watched_keys", 0);
    line(out, "total_blocking_keys", 0);
    line(out, "total_blocking_keys_on_nokey", 0);
}

/// Bytes as Redis's bytesToHuman prints them.
pub fn human_bytes(n: u64) -> String {
    let n = n as f64;
    const UNITS: [(&str, f64); 5] = [
        ("P", 1024f64 * 1024.0 * 1024.0 * 1024.0 * 1024.0),
        ("T", 1024f64 * 1024.0 * 1024.0 * 1024.0),
        ("G", 1024f64 * 1024.0 * 1024.0),
        ("M", 1024f64 * 1024.0),
        ("K", 1024f64),
    ];
    for (unit, size) in UNITS {
        if n >= size {
            return format!("{:.2}{unit}", n / size);
        }
    }
    format!("{}B", n as u64)
}

fn memory(session: &Session, out: &mut String) {
    let used = alloc::used_bytes();
    let peak = alloc::peak_bytes().max(used);
    let rss = rss_bytes();
    let (maxmemory, policy) = session
        .shard
        .shared
        .with_config(|c| (c.maxmemory(), c.maxmemory_policy()));
    let total_system = total_system_memory();
    out.push_str("# Memory\r\n");
    line(out, "used_memory", used);
    line(out, "used_memory_human", human_bytes(used));
    line(out, "used_memory_rss", rss);
    line(out, "used_memory_rss_human", human_bytes(rss));
    line(out, "used_memory_peak", peak);
    line(out, "used_memory_peak_human", human_bytes(peak));
    line(
        out,
        "used_memory_peak_perc",
        format!("{:.2}%", used as f64 * 100.0 / peak.max(1) as f64),
    );
    line(out, "used_memory_startup", alloc::startup_bytes());
    line(
        out,
        "used_memory_dataset",
        used.saturating_sub(alloc::startup_bytes()),
    );
    line(out, "total_system_memory", total_system);
    line(out, "total_system_memory_human", human_bytes(total_system));
    line(out, "maxmemory", maxmemory);
    line(out, "maxmemory_human", human_bytes(maxmemory));
    line(out, "maxmemory_policy", policy);
    line(
        out,
        "mem_fragmentation_ratio",
        format!("{:.2}", rss as f64 / used.max(1) as f64),
    );
    line(out, "mem_allocator", "libc");
    line(out, "lazyfree_pending_objects", 0);
    line(out, "lazyfreed_objects", 0);
}

fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    pages * 4096
}

fn total_system_memory() -> u64 {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

fn persistence(session: &Session, shards: &[ShardSnapshot], out: &mut String) {
    let aof = shards.iter().any(|s| s.aof.running);
    let loading = session
        .shard
        .shared
        .loading
        .load(std::sync::atomic::Ordering::Acquire);
    out.push_str("# Persistence\r\n");
    line(out, "loading", loading as u8);
    line(out, "async_loading", 0);
    line(out, "current_cow_peak", 0);
    line(out, "current_cow_size", 0);
    line(out, "current_cow_size_age", 0);
    line(out, "current_fork_perc", "0.00");
    line(out, "current_save_keys_processed", 0);
    line(out, "current_save_keys_total", 0);
    line(
        out,
        "rdb_changes_since_last_save",
        shards.iter().map(|s| s.dirty).sum::<u64>(),
    );
    let rdb = &session.shard.shared.rdb;
    let now_s = crate::shared::now_ms() / 1000;
    let get = |a: &std::sync::atomic::AtomicU64| a.load(std::sync::atomic::Ordering::Acquire);
    let in_progress = rdb.in_progress.load(std::sync::atomic::Ordering::Acquire);
    line(out, "rdb_bgsave_in_progress", in_progress as u8);
    line(out, "rdb_last_save_time", get(&rdb.last_save_s));
    let ok = rdb.last_ok.load(std::sync::atomic::Ordering::Acquire);
    line(out, "rdb_last_bgsave_status", if ok { "ok" } else { "err" });
    let last = rdb
        .last_duration_s
        .load(std::sync::atomic::Ordering::Acquire);
    line(out, "rdb_last_bgsave_time_sec", last);
    line(
        out,
        "rdb_current_bgsave_time_sec",
        rdb.current_duration_s(now_s),
    );
    line(out, "rdb_saves", get(&rdb.saves));
    line(out, "rdb_last_cow_size", 0);
    line(out, "rdb_last_load_keys_expired", get(&rdb.loaded_expired));
    line(out, "rdb_last_load_keys_loaded", get(&rdb.loaded_keys));
    line(out, "aof_enabled", aof as u8);
    let rewrite = &session.shard.shared.aof_rewrite;
    let load = |v: &std::sync::atomic::AtomicBool| v.load(std::sync::atomic::Ordering::Acquire);
    line(out, "aof_rewrite_in_progress", load(&rewrite.running) as u8);
    line(out, "aof_rewrite_scheduled", 0);
    line(
        out,
        "aof_last_rewrite_time_sec",
        rewrite
            .last_seconds
            .load(std::sync::atomic::Ordering::Acquire),
    );
    line(out, "aof_current_rewrite_time_sec", -1);
    let status = if load(&rewrite.last_failed) {
        "err"
    } else {
        "ok"
    };
    line(out, "aof_last_bgrewrite_status", status);
    line(
        out,
        "aof_rewrites",
        rewrite.done.load(std::sync::atomic::Ordering::Acquire),
    );
    line(out, "aof_rewrites_consecutive_failures", 0);
    let failed = shards.iter().any(|s| s.aof.failed);
    line(
        out,
        "aof_last_write_status",
        if failed { "err" } else { "ok" },
    );
    line(out, "aof_last_cow_size", 0);
    line(out, "module_fork_in_progress", 0);
    line(out, "module_fork_last_cow_size", 0);
    if aof {
        let size: u64 = shards.iter().map(|s| s.aof.size).sum();
        line(out, "aof_current_size", size);
        line(
            out,
            "aof_base_size",
            shards.iter().map(|s| s.aof.base_size).sum::<u64>(),
        );
        line(out, "aof_pending_rewrite", 0);
        line(out, "aof_buffer_length", 0);
        line(out, "aof_pending_bio_fsync", 0);
        line(out, "aof_delayed_fsync", 0);
    }
}

fn stats(shards: &[ShardSnapshot], total: &ShardStats, out: &mut String) {
    out.push_str("# Stats\r\n");
    line(
        out,
        "total_connections_received",
        total.total_connections_received,
    );
    line(
        out,
        "total_commands_processed",
        total.total_commands_processed,
    );
    line(out, "instantaneous_ops_per_sec", 0);
    line(out, "total_net_input_bytes", total.net_input_bytes);
    line(out, "total_net_output_bytes", total.net_output_bytes);
    line(out, "total_net_repl_input_bytes", 0);
    line(out, "total_net_repl_output_bytes", 0);
    line(out, "instantaneous_input_kbps", "0.00");
    line(out, "instantaneous_output_kbps", "0.00");
    line(out, "rejected_connections", total.rejected_connections);
    line(out, "sync_full", 0);
    line(out, "sync_partial_ok", 0);
    line(out, "sync_partial_err", 0);
    line(
        out,
        "expired_keys",
        shards.iter().map(|s| s.expired_keys).sum::<u64>(),
    );
    line(out, "expired_stale_perc", "0.00");
    line(out, "expired_time_cap_reached_count", 0);
    line(out, "evicted_keys", 0);
    line(out, "evicted_clients", 0);
    line(
        out,
        "keyspace_hits",
        shards.iter().map(|s| s.hits.0).sum::<u64>(),
    );
    line(
        out,
        "keyspace_misses",
        shards.iter().map(|s| s.hits.1).sum::<u64>(),
    );
    line(out, "pubsub_channels", 0);
    line(out, "pubsub_patterns", 0);
    line(out, "pubsubshard_channels", 0);
    line(out, "latest_fork_usec", 0);
    line(out, "total_forks", 0);
    line(out, "migrate_cached_sockets", 0);
    line(out, "tracking_total_keys", 0);
    line(out, "unexpected_error_replies", 0);
    line(out, "total_error_replies", total.total_error_replies);
    line(out, "dump_payload_sanitizations", 0);
    line(out, "total_reads_processed", 0);
    line(out, "total_writes_processed", 0);
    line(out, "io_threaded_reads_processed", 0);
    line(out, "io_threaded_writes_processed", 0);
    line(out, "acl_access_denied_auth", 0);
    line(out, "acl_access_denied_cmd", 0);
    line(out, "acl_access_denied_key", 0);
    line(out, "acl_access_denied_channel", 0);
}

fn replication(session: &Session, out: &mut String) {
    out.push_str("# Replication\r\n");
    line(out, "role", "master");
    line(out, "connected_slaves", 0);
    line(out, "master_failover_state", "no-failover");
    line(out, "master_replid", &session.shard.shared.run_id);
    line(
        out,
        "master_replid2",
        "0000000000000000000000000000000000000000",
    );
    line(out, "master_repl_offset", 0);
    line(out, "second_repl_offset", -1);
    line(out, "repl_backlog_active", 0);
    line(out, "repl_backlog_size", 1048576);
    line(out, "repl_backlog_first_byte_offset", 0);
    line(out, "repl_backlog_histlen", 0);
}

fn cpu(out: &mut String) {
    let (user, sys) = rusage(libc::RUSAGE_SELF);
    let (cuser, csys) = rusage(libc::RUSAGE_CHILDREN);
    out.push_str("# CPU\r\n");
    line(out, "used_cpu_sys", format!("{sys:.6}"));
    line(out, "used_cpu_user", format!("{user:.6}"));
    line(out, "used_cpu_sys_children", format!("{csys:.6}"));
    line(out, "used_cpu_user_children", format!("{cuser:.6}"));
}

fn rusage(who: i32) -> (f64, f64) {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    };
    let secs = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    (secs(usage.ru_utime), secs(usage.ru_stime))
}

fn errorstats(total: &ShardStats, out: &mut String) {
    out.push_str("# Errorstats\r\n");
    let mut errors: Vec<_> = total.errors.iter().collect();
    errors.sort();
    for (code, count) in errors {
        let _ = write!(out, "errorstat_{code}:count={count}\r\n");
    }
}

fn keyspace(shards: &[ShardSnapshot], out: &mut String) {
    out.push_str("# Keyspace\r\n");
    for db in 0..DB_COUNT {
        let keys: usize = shards.iter().map(|s| s.dbs[db].0).sum();
        if keys == 0 {
            continue;
        }
        let expires: usize = shards.iter().map(|s| s.dbs[db].1).sum();
        let ttl_sum: u64 = shards
            .iter()
            .map(|s| s.dbs[db].2 * s.dbs[db].1 as u64)
            .sum();
        let avg_ttl = if expires == 0 {
            0
        } else {
            ttl_sum / expires as u64
        };
        let _ = write!(
            out,
            "db{db}:keys={keys},expires={expires},avg_ttl={avg_ttl}\r\n"
        );
    }
}

fn commandstats(total: &ShardStats, out: &mut String) {
    out.push_str("# Commandstats\r\n");
    let mut all: Vec<_> = total.commands.iter().flatten().collect();
    all.sort_by_key(|(name, _)| *name);
    for (name, s) in all {
        let per_call = if s.calls == 0 {
            0.0
        } else {
            s.usec as f64 / s.calls as f64
        };
        let _ = write!(
            out,
            "cmdstat_{name}:calls={},usec={},usec_per_call={per_call:.2},rejected_calls={},failed_calls={}\r\n",
            s.calls, s.usec, s.rejected_calls, s.failed_calls
        );
    }
}

fn ringkv(session: &Session, shards: &[ShardSnapshot], out: &mut String) {
    out.push_str("# Ringkv\r\n");
    line(out, "shards", session.shard.count);
    line(
        out,
        "pinned",
        if session.shard.shared.pinned {
            "yes"
        } else {
            "no"
        },
    );
    for (i, s) in shards.iter().enumerate() {
        let keys: usize = s.dbs.iter().map(|d| d.0).sum();
        let _ = write!(
            out,
            "shard{i}:keys={keys},clients={},commands={},remote_commands={},multi_shard_commands={},\
             direct_reads={},waited_reads={},sweeper_sleeps={}\r\n",
            s.clients,
            s.stats.total_commands_processed,
            s.stats.remote_commands,
            s.stats.multi_shard_commands,
            s.reads.0,
            s.reads.1,
            s.reads.2
        );
    }
}
