//! Every parameter of Redis 7.2's `CONFIG GET *`, plus ringkv's own, with Redis's bounds,
//! defaults and flags (read from Redis's `config.c` and checked against a live 7.0 server).
//!
//! Order follows Redis's table: booleans, strings, enums, numbers, then special syntaxes.
//! Parameters new in 7.2 are marked `// 7.2`; ringkv's own are marked `// ringkv`.

use super::{Check, Flags, Kind, NumSpec, Param, Special, Unit};

const M: Flags = Flags::MODIFIABLE;
const IMM: Flags = Flags::IMMUTABLE;
const HID: Flags = Flags::HIDDEN;
const SENS: Flags = Flags::SENSITIVE;
const MULTI: Flags = Flags::MULTI_ARG;

const INT_MIN: i128 = i32::MIN as i128;
const INT_MAX: i128 = i32::MAX as i128;
const UINT_MAX: i128 = u32::MAX as i128;
const LONG_MAX: i128 = i64::MAX as i128;
const ULLONG_MAX: i128 = u64::MAX as i128;
const MB: i128 = 1024 * 1024;

const PROTECTED_ACTION: &[(&str, u32)] = &[("no", 0), ("yes", 1), ("local", 2)];
const SHUTDOWN_FLAGS: &[(&str, u32)] = &[
    ("default", 0),
    ("save", 1),
    ("nosave", 2),
    ("now", 4),
    ("force", 8),
];
const MAXMEMORY_POLICIES: &[(&str, u32)] = &[
    ("volatile-lru", 0),
    ("volatile-lfu", 1),
    ("volatile-random", 2),
    ("volatile-ttl", 3),
    ("allkeys-lru", 4),
    ("allkeys-lfu", 5),
    ("allkeys-random", 6),
    ("noeviction", 7),
];
const SYSLOG_FACILITIES: &[(&str, u32)] = &[
    ("user", 0),
    ("local0", 1),
    ("local1", 2),
    ("local2", 3),
    ("local3", 4),
    ("local4", 5),
    ("local5", 6),
    ("local6", 7),
    ("local7", 8),
];
/// `nothing` is new in 7.2.
pub(crate) const LOGLEVELS: &[(&str, u32)] = &[
    ("debug", 0),
    ("verbose", 1),
    ("notice", 2),
    ("warning", 3),
    ("nothing", 4),
];

impl Param {
    const fn alias(mut self, alias: &'static str) -> Param {
        self.alias = Some(alias);
        self
    }
}

const fn param(name: &'static str, flags: Flags, kind: Kind) -> Param {
    Param {
        name,
        alias: None,
        flags,
        kind,
    }
}

const fn yn(name: &'static str, flags: Flags, default: bool) -> Param {
    param(name, flags, Kind::Bool { default })
}

const fn one_of(
    name: &'static str,
    flags: Flags,
    choices: &'static [(&str, u32)],
    d: u32,
) -> Param {
    param(
        name,
        flags,
        Kind::Enum {
            choices,
            default: d,
            bit_flags: false,
        },
    )
}

const fn num_full(name: &'static str, flags: Flags, spec: NumSpec) -> Param {
    param(name, flags, Kind::Num(spec))
}

const fn spec(min: i128, max: i128, default: i128, unit: Unit, unsigned: bool) -> NumSpec {
    NumSpec {
        min,
        max,
        default,
        unit,
        unsigned,
        clamp: None,
    }
}

/// A signed plain integer.
const fn int(name: &'static str, flags: Flags, min: i128, max: i128, d: i128) -> Param {
    num_full(name, flags, spec(min, max, d, Unit::Plain, false))
}

/// An unsigned plain integer.
const fn uint(name: &'static str, flags: Flags, min: i128, max: i128, d: i128) -> Param {
    num_full(name, flags, spec(min, max, d, Unit::Plain, true))
}

/// A memory size in a signed C type.
const fn mem(name: &'static str, flags: Flags, min: i128, max: i128, d: i128) -> Param {
    num_full(name, flags, spec(min, max, d, Unit::Memory, false))
}

/// A memory size in an unsigned C type.
const fn umem(name: &'static str, flags: Flags, min: i128, max: i128, d: i128) -> Param {
    num_full(name, flags, spec(min, max, d, Unit::Memory, true))
}

const fn text(name: &'static str, flags: Flags, default: &'static str, null: bool) -> Param {
    param(
        name,
        flags,
        Kind::Str {
            default,
            check: Check::None,
            empty_is_null: null,
        },
    )
}

/// A string that Redis stores as NULL when empty (most optional paths and addresses).
const fn opt(name: &'static str, flags: Flags) -> Param {
    text(name, flags, "", true)
}

const fn checked(name: &'static str, flags: Flags, default: &'static str, check: Check) -> Param {
    param(
        name,
        flags,
        Kind::Str {
            default,
            check,
            empty_is_null: false,
        },
    )
}

const fn special(name: &'static str, flags: Flags, which: Special) -> Param {
    param(name, flags, Kind::Special(which))
}

/// Every parameter, in Redis's table order.
pub static PARAMS: &[Param] = &[
    yn("rdbchecksum", IMM, true),
    yn("daemonize", IMM, false),
    yn("io-threads-do-reads", IMM, false),
    yn("always-show-logo", IMM, false),
    yn("protected-mode", M, true),
    yn("rdbcompression", M, true),
    yn("rdb-del-sync-files", M, false),
    yn("activerehashing", M, true),
    yn("stop-writes-on-bgsave-error", M, true),
    yn("set-proc-title", IMM, true),
    yn("dynamic-hz", M, true),
    yn("lazyfree-lazy-eviction", M, false),
    yn("lazyfree-lazy-expire", M, false),
    yn("lazyfree-lazy-server-del", M, false),
    yn("lazyfree-lazy-user-del", M, false),
    yn("lazyfree-lazy-user-flush", M, false),
    yn("repl-disable-tcp-nodelay", M, false),
    yn("repl-diskless-sync", M, true),
    yn("aof-rewrite-incremental-fsync", M, true),
    yn("no-appendfsync-on-rewrite", M, false),
    yn("cluster-require-full-coverage", M, true),
    yn("rdb-save-incremental-fsync", M, true),
    yn("aof-load-truncated", M, true),
    yn("aof-use-rdb-preamble", M, true),
    yn("aof-timestamp-enabled", M, false),
    yn("cluster-replica-no-failover", M, false).alias("cluster-slave-no-failover"),
    yn("replica-lazy-flush", M, false).alias("slave-lazy-flush"),
    yn("replica-serve-stale-data", M, true).alias("slave-serve-stale-data"),
    yn("replica-read-only", M, true).alias("slave-read-only"),
    yn("replica-ignore-maxmemory", M, true).alias("slave-ignore-maxmemory"),
    yn("jemalloc-bg-thread", M, true),
    yn("activedefrag", M, false),
    yn("syslog-enabled", IMM, false),
    yn("cluster-enabled", IMM, false),
    yn("appendonly", Flags::DENY_LOADING, false),
    yn("cluster-allow-reads-when-down", M, false),
    yn("cluster-allow-pubsubshard-when-down", M, true),
    yn("crash-log-enabled", M, true),
    yn("crash-memcheck-enabled", M, true),
    yn("use-exit-on-panic", HID, false),
    yn("disable-thp", IMM, true),
    yn("cluster-allow-replica-migration", M, true),
    yn("replica-announced", M, true),
    yn("latency-tracking", M, true),
    yn("aof-disable-auto-gc", M, false),
    yn("replica-ignore-disk-write-errors", M, false),
    yn("tls-cluster", M, false),
    yn("tls-replication", M, false),
    yn("tls-prefer-server-ciphers", M, false),
    yn("tls-session-caching", M, true),
    yn("allow-root", IMM, false), // ringkv
    // Strings.
    text("aclfile", IMM, "", false),
    opt("unixsocket", IMM),
    opt("pidfile", IMM),
    opt("replica-announce-ip", M).alias("slave-announce-ip"),
    opt("masteruser", SENS),
    opt("cluster-announce-ip", M),
    text("cluster-config-file", IMM, "nodes.conf", false),
    param(
        "cluster-announce-hostname",
        M,
        Kind::Str {
            default: "",
            check: Check::Hostname,
            empty_is_null: true,
        },
    ),
    opt("cluster-announce-human-nodename", M), // 7.2
    text("syslog-ident", IMM, "redis", false),
    checked(
        "dbfilename",
        Flags::PROTECTED,
        "dump.rdb",
        Check::DbFilename,
    ),
    checked("appendfilename", IMM, "appendonly.aof", Check::AofFilename),
    checked("appenddirname", IMM, "appendonlydir", Check::AofDirname),
    opt("server_cpulist", IMM),
    opt("bio_cpulist", IMM),
    opt("aof_rewrite_cpulist", IMM),
    opt("bgsave_cpulist", IMM),
    text("ignore-warnings", M, "", false),
    checked(
        "proc-title-template",
        M,
        "{title} {listen-addr} {server-mode}",
        Check::ProcTitle,
    ),
    opt("bind-source-addr", M),
    text("logfile", IMM, "", false),
    text("locale-collate", M, "", false), // 7.2
    opt("masterauth", SENS),
    opt("requirepass", SENS),
    opt("tls-cert-file", M),
    opt("tls-key-file", M),
    opt("tls-key-file-pass", SENS),
    opt("tls-client-cert-file", M),
    opt("tls-client-key-file", M),
    opt("tls-client-key-file-pass", SENS),
    opt("tls-dh-params-file", M),
    opt("tls-ca-cert-file", M),
    opt("tls-ca-cert-dir", M),
    opt("tls-protocols", M),
    opt("tls-ciphers", M),
    opt("tls-ciphersuites", M),
    // Enums.
    one_of(
        "supervised",
        IMM,
        &[("upstart", 0), ("systemd", 1), ("auto", 2), ("no", 3)],
        3,
    ),
    one_of("syslog-facility", IMM, SYSLOG_FACILITIES, 1),
    one_of(
        "repl-diskless-load",
        Flags::DENY_LOADING,
        &[("disabled", 0), ("on-empty-db", 1), ("swapdb", 2)],
        0,
    ),
    one_of("loglevel", M, LOGLEVELS, 2),
    one_of("maxmemory-policy", M, MAXMEMORY_POLICIES, 7),
    one_of(
        "appendfsync",
        M,
        &[("everysec", 0), ("always", 1), ("no", 2)],
        0,
    ),
    one_of(
        "oom-score-adj",
        M,
        &[("no", 0), ("yes", 1), ("relative", 1), ("absolute", 2)],
        0,
    ),
    one_of(
        "acl-pubsub-default",
        M,
        &[("allchannels", 1), ("resetchannels", 0)],
        0,
    ),
    one_of(
        "sanitize-dump-payload",
        M,
        &[("no", 0), ("yes", 1), ("clients", 2)],
        0,
    ),
    one_of("enable-protected-configs", IMM, PROTECTED_ACTION, 0),
    one_of("enable-debug-command", IMM, PROTECTED_ACTION, 0),
    one_of("enable-module-command", IMM, PROTECTED_ACTION, 0),
    one_of(
        "cluster-preferred-endpoint-type",
        M,
        &[("ip", 0), ("hostname", 1), ("unknown-endpoint", 2)],
        0,
    ),
    one_of(
        "propagation-error-behavior",
        M,
        &[("ignore", 0), ("panic", 1), ("panic-on-replicas", 2)],
        0,
    ),
    param(
        "shutdown-on-sigint",
        MULTI,
        Kind::Enum {
            choices: SHUTDOWN_FLAGS,
            default: 0,
            bit_flags: true,
        },
    ),
    param(
        "shutdown-on-sigterm",
        MULTI,
        Kind::Enum {
            choices: SHUTDOWN_FLAGS,
            default: 0,
            bit_flags: true,
        },
    ),
    one_of(
        "tls-auth-clients",
        M,
        &[("no", 0), ("yes", 1), ("optional", 2)],
        1,
    ),
    // Signed int.
    int("databases", IMM, 1, INT_MAX, 16),
    int("port", M, 0, 65535, 6379),
    int("io-threads", IMM, 1, 128, 1),
    int("auto-aof-rewrite-percentage", M, 0, INT_MAX, 100),
    int("cluster-replica-validity-factor", M, 0, INT_MAX, 10)
        .alias("cluster-slave-validity-factor"),
    int("list-max-listpack-size", M, INT_MIN, INT_MAX, -2).alias("list-max-ziplist-size"),
    int("tcp-keepalive", M, 0, INT_MAX, 300),
    int("cluster-migration-barrier", M, 0, INT_MAX, 1),
    int("active-defrag-cycle-min", M, 1, 99, 1),
    int("active-defrag-cycle-max", M, 1, 99, 25),
    int("active-defrag-threshold-lower", M, 0, 1000, 10),
    int("active-defrag-threshold-upper", M, 0, 1000, 100),
    int("lfu-log-factor", M, 0, INT_MAX, 10),
    int("lfu-decay-time", M, 0, INT_MAX, 1),
    int("replica-priority", M, 0, INT_MAX, 100).alias("slave-priority"),
    int("repl-diskless-sync-delay", M, 0, INT_MAX, 5),
    int("maxmemory-samples", M, 1, INT_MAX, 5),
    int("maxmemory-eviction-tenacity", M, 0, 100, 10),
    int("timeout", M, 0, INT_MAX, 0),
    int("replica-announce-port", M, 0, 65535, 0).alias("slave-announce-port"),
    int("tcp-backlog", IMM, 0, INT_MAX, 511),
    int("cluster-port", IMM, 0, 65535, 0),
    int("cluster-announce-bus-port", M, 0, 65535, 0),
    int("cluster-announce-port", M, 0, 65535, 0),
    int("cluster-announce-tls-port", M, 0, 65535, 0),
    int("repl-timeout", M, 1, INT_MAX, 60),
    int("repl-ping-replica-period", M, 1, INT_MAX, 10).alias("repl-ping-slave-period"),
    int("list-compress-depth", M, 0, INT_MAX, 0),
    int("rdb-key-save-delay", HID, INT_MIN, INT_MAX, 0),
    int("key-load-delay", HID, INT_MIN, INT_MAX, 0),
    int("active-expire-effort", M, 1, 10, 1),
    num_full(
        "hz",
        M,
        NumSpec {
            clamp: Some((1, 500)),
            ..spec(0, INT_MAX, 10, Unit::Plain, false)
        },
    ),
    int("min-replicas-to-write", M, 0, INT_MAX, 0).alias("min-slaves-to-write"),
    int("min-replicas-max-lag", M, 0, INT_MAX, 10).alias("min-slaves-max-lag"),
    int("watchdog-period", HID, 0, INT_MAX, 0),
    int("shutdown-timeout", M, 0, INT_MAX, 10),
    int("repl-diskless-sync-max-replicas", M, 0, INT_MAX, 0),
    int("tls-port", M, 0, 65535, 0),
    int("tls-session-cache-size", M, 0, INT_MAX, 20 * 1024),
    int("tls-session-cache-timeout", M, 0, INT_MAX, 300),
    int("shards", IMM, 0, 1024, 0), // ringkv; 0 = one per CPU
    int("spin-before-park-us", M, 0, 1_000_000, 0), // ringkv: conn/reader.rs sweeps instead
    // Unsigned int, unsigned long, long long.
    uint("maxclients", M, 1, UINT_MAX, 10000),
    num_full("unixsocketperm", IMM, spec(0, 0o777, 0, Unit::Octal, true)),
    uint("socket-mark-id", IMM, 0, UINT_MAX, 0),
    int("active-defrag-max-scan-fields", M, 1, LONG_MAX, 1000),
    int("slowlog-max-len", M, 0, LONG_MAX, 128),
    int("acllog-max-len", M, 0, LONG_MAX, 128),
    int("busy-reply-threshold", M, 0, LONG_MAX, 5000).alias("lua-time-limit"),
    int("cluster-node-timeout", M, 0, LONG_MAX, 15000),
    int("slowlog-log-slower-than", M, -1, LONG_MAX, 10000),
    int("latency-monitor-threshold", M, 0, LONG_MAX, 0),
    mem("proto-max-bulk-len", M, MB, LONG_MAX, 512 * MB),
    int("stream-node-max-entries", M, 0, LONG_MAX, 100),
    mem("repl-backlog-size", M, 1, LONG_MAX, MB),
    // Unsigned long long and size_t.
    umem("maxmemory", M, 0, ULLONG_MAX, 0),
    umem("cluster-link-sendbuf-limit", M, 0, ULLONG_MAX, 0),
    uint("hash-max-listpack-entries", M, 0, LONG_MAX, 512).alias("hash-max-ziplist-entries"),
    uint("set-max-intset-entries", M, 0, LONG_MAX, 512),
    uint("set-max-listpack-entries", M, 0, LONG_MAX, 128), // 7.2
    umem("set-max-listpack-value", M, 0, LONG_MAX, 64),    // 7.2
    uint("zset-max-listpack-entries", M, 0, LONG_MAX, 128).alias("zset-max-ziplist-entries"),
    umem("active-defrag-ignore-bytes", M, 1, LONG_MAX, 100 * MB),
    umem("hash-max-listpack-value", M, 0, LONG_MAX, 64).alias("hash-max-ziplist-value"),
    umem("stream-node-max-bytes", M, 0, LONG_MAX, 4096),
    umem("zset-max-listpack-value", M, 0, LONG_MAX, 64).alias("zset-max-ziplist-value"),
    umem("hll-sparse-max-bytes", M, 0, LONG_MAX, 3000),
    uint("tracking-table-max-keys", M, 0, LONG_MAX, 1_000_000),
    umem("client-query-buffer-limit", M, MB, LONG_MAX, 1024 * MB),
    num_full(
        "maxmemory-clients",
        M,
        spec(-100, LONG_MAX, 0, Unit::MemoryPercent, false),
    ),
    int("repl-backlog-ttl", M, 0, LONG_MAX, 3600),
    mem("auto-aof-rewrite-min-size", M, 0, LONG_MAX, 64 * MB),
    int(
        "loading-process-events-interval-bytes",
        HID,
        1024,
        INT_MAX,
        2 * MB,
    ),
    // Special syntaxes.
    special(
        "dir",
        Flags::PROTECTED.with(Flags::DENY_LOADING),
        Special::Dir,
    ),
    special("save", MULTI, Special::Save),
    special(
        "client-output-buffer-limit",
        MULTI,
        Special::ClientOutputBufferLimit,
    ),
    special("oom-score-adj-values", MULTI, Special::OomScoreAdjValues),
    special("notify-keyspace-events", M, Special::NotifyKeyspaceEvents),
    special("bind", MULTI, Special::Bind),
    special("replicaof", IMM.with(MULTI), Special::ReplicaOf).alias("slaveof"),
    special(
        "latency-tracking-info-percentiles",
        MULTI,
        Special::LatencyPercentiles,
    ),
];
