//! Typed views of the parameters the server reads.

use crate::config::Config;
use crate::registry::{lookup, Flags};
use crate::value::{ClientClass, OutputLimit, Value};

/// Who may use a protected feature (`enable-protected-configs`, `enable-debug-command`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtectedAction {
    /// Nobody.
    No,
    /// Everybody.
    Yes,
    /// Clients on loopback or a Unix socket.
    Local,
}

impl ProtectedAction {
    /// Whether a client (local or not) may use the feature.
    pub fn allows(self, client_is_local: bool) -> bool {
        match self {
            ProtectedAction::No => false,
            ProtectedAction::Yes => true,
            ProtectedAction::Local => client_is_local,
        }
    }
}

impl Config {
    /// A numeric parameter's value.
    pub fn number(&self, name: &str) -> i128 {
        match self.value(name) {
            Value::Num(n) => *n,
            _ => 0,
        }
    }

    /// A boolean parameter's value.
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.value(name), Value::Bool(true))
    }

    /// A string parameter's value (empty when unset).
    pub fn text(&self, name: &str) -> &str {
        match self.value(name) {
            Value::Str(s) | Value::Dir(s) => s,
            _ => "",
        }
    }

    /// Whether a parameter's value must be hidden from logs, SLOWLOG and MONITOR.
    pub fn is_sensitive(name: &[u8]) -> bool {
        lookup(name).is_some_and(|found| found.param().has(Flags::SENSITIVE))
    }

    fn number_as<T: TryFrom<i128> + Default>(&self, name: &str) -> T {
        T::try_from(self.number(name)).unwrap_or_default()
    }

    fn optional_text(&self, name: &str) -> Option<&str> {
        Some(self.text(name)).filter(|s| !s.is_empty())
    }

    /// `port`: the TCP port (0: no TCP listener).
    pub fn port(&self) -> u16 {
        self.number_as("port")
    }

    /// `bind`: the addresses to listen on; a leading `-` marks one that may be unavailable.
    pub fn bind(&self) -> Vec<String> {
        match self.value("bind") {
            Value::Bind(addrs) => addrs.clone(),
            _ => Vec::new(),
        }
    }

    /// `shards`: the shard count asked for, or `None` for one per CPU.
    pub fn shards(&self) -> Option<usize> {
        Some(self.number_as::<usize>("shards")).filter(|n| *n > 0)
    }

    /// Records the shard count chosen at start-up, so that CONFIG GET reports it.
    pub fn set_resolved_shards(&mut self, shards: usize) {
        self.store_internal("shards", Value::Num(shards as i128));
    }

    /// `dir`: the working directory.
    pub fn dir(&self) -> &str {
        self.text("dir")
    }

    /// Records the absolute working directory after the server changed into it, so that
    /// CONFIG GET and CONFIG REWRITE report it as Redis does.
    pub fn set_resolved_dir(&mut self, absolute: &str) {
        self.store_internal("dir", Value::Dir(absolute.to_string()));
    }

    /// `databases`: the number of logical databases.
    pub fn databases(&self) -> usize {
        self.number_as("databases")
    }

    /// `maxclients`.
    pub fn maxclients(&self) -> u64 {
        self.number_as("maxclients")
    }

    /// `timeout`: idle seconds before a client is closed (0: never).
    pub fn timeout_s(&self) -> u64 {
        self.number_as("timeout")
    }

    /// `proto-max-bulk-len`: the longest bulk string a request may carry.
    pub fn proto_max_bulk_len(&self) -> i64 {
        self.number_as("proto-max-bulk-len")
    }

    /// `client-query-buffer-limit`: the most bytes a client's unparsed input may take.
    pub fn client_query_buffer_limit(&self) -> u64 {
        self.number_as("client-query-buffer-limit")
    }

    /// `hz`: background task frequency, already clamped to 1..=500.
    pub fn hz(&self) -> u32 {
        self.number_as("hz")
    }

    /// `maxmemory`: the memory budget in bytes (0: none).
    pub fn maxmemory(&self) -> u64 {
        self.number_as("maxmemory")
    }

    /// `maxmemory-policy`, as its name (`noeviction`, `allkeys-lru`, ...).
    pub fn maxmemory_policy(&self) -> String {
        self.get_one("maxmemory-policy").unwrap_or_default()
    }

    /// `maxmemory-samples`.
    pub fn maxmemory_samples(&self) -> u32 {
        self.number_as("maxmemory-samples")
    }

    /// `appendonly`.
    pub fn appendonly(&self) -> bool {
        self.flag("appendonly")
    }

    /// `appendfsync`, as its name (`always`, `everysec`, `no`).
    pub fn appendfsync(&self) -> String {
        self.get_one("appendfsync").unwrap_or_default()
    }

    /// `requirepass`, when set.
    pub fn requirepass(&self) -> Option<&str> {
        self.optional_text("requirepass")
    }

    /// `protected-mode`.
    pub fn protected_mode(&self) -> bool {
        self.flag("protected-mode")
    }

    /// `allow-root`: ringkv refuses to run as root unless this is `yes`.
    pub fn allow_root(&self) -> bool {
        self.flag("allow-root")
    }

    /// `logfile`: empty means standard output.
    pub fn logfile(&self) -> &str {
        self.text("logfile")
    }

    /// `loglevel`, as its name (`debug`, `verbose`, `notice`, `warning`, `nothing`).
    pub fn loglevel(&self) -> String {
        self.get_one("loglevel").unwrap_or_default()
    }

    /// `pidfile`, when set.
    pub fn pidfile(&self) -> Option<&str> {
        self.optional_text("pidfile")
    }

    /// `daemonize`.
    pub fn daemonize(&self) -> bool {
        self.flag("daemonize")
    }

    /// `spin-before-park-us`: how long an idle shard spins before it sleeps.
    pub fn spin_before_park_us(&self) -> u64 {
        self.number_as("spin-before-park-us")
    }

    /// `save`: (seconds, changes) snapshot points; empty disables snapshots.
    pub fn save_points(&self) -> Vec<(u64, u64)> {
        match self.value("save") {
            Value::Save(points) => points
                .iter()
                .map(|p| (p.seconds.max(0) as u64, p.changes.max(0) as u64))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `dbfilename`.
    pub fn dbfilename(&self) -> &str {
        self.text("dbfilename")
    }

    /// `appendfilename`.
    pub fn appendfilename(&self) -> &str {
        self.text("appendfilename")
    }

    /// `appenddirname`.
    pub fn appenddirname(&self) -> &str {
        self.text("appenddirname")
    }

    /// `unixsocket`, when set.
    pub fn unixsocket(&self) -> Option<&str> {
        self.optional_text("unixsocket")
    }

    /// `tcp-backlog`.
    pub fn tcp_backlog(&self) -> u32 {
        self.number_as("tcp-backlog")
    }

    /// `tcp-keepalive` in seconds (0: off).
    pub fn tcp_keepalive_s(&self) -> u32 {
        self.number_as("tcp-keepalive")
    }

    /// `slowlog-log-slower-than` in microseconds (-1: off, 0: log everything).
    pub fn slowlog_log_slower_than_us(&self) -> i64 {
        self.number_as("slowlog-log-slower-than")
    }

    /// `slowlog-max-len`.
    pub fn slowlog_max_len(&self) -> u64 {
        self.number_as("slowlog-max-len")
    }

    /// `latency-monitor-threshold` in milliseconds (0: off).
    pub fn latency_monitor_threshold_ms(&self) -> u64 {
        self.number_as("latency-monitor-threshold")
    }

    /// `latency-tracking`.
    pub fn latency_tracking(&self) -> bool {
        self.flag("latency-tracking")
    }

    /// `latency-tracking-info-percentiles`.
    pub fn latency_tracking_info_percentiles(&self) -> Vec<f64> {
        match self.value("latency-tracking-info-percentiles") {
            Value::Percentiles(ps) => ps.clone(),
            _ => Vec::new(),
        }
    }

    /// `notify-keyspace-events` as flags (see [`crate::special`]'s `NOTIFY_*`).
    pub fn notify_keyspace_events(&self) -> u32 {
        match self.value("notify-keyspace-events") {
            Value::KeyspaceEvents(flags) => *flags,
            _ => 0,
        }
    }

    /// `client-output-buffer-limit` of one client class.
    pub fn client_output_buffer_limit(&self, class: ClientClass) -> OutputLimit {
        match self.value("client-output-buffer-limit") {
            Value::OutputLimits(limits) => limits[class.index()],
            _ => crate::value::DEFAULT_OUTPUT_LIMITS[class.index()],
        }
    }

    /// `replicaof`: the master's host and port, when this is a replica.
    pub fn replicaof(&self) -> Option<(String, u16)> {
        match self.value("replicaof") {
            Value::ReplicaOf(master) => master.clone(),
            _ => None,
        }
    }

    /// `enable-protected-configs`.
    pub fn enable_protected_configs(&self) -> ProtectedAction {
        self.protected_action("enable-protected-configs")
    }

    /// `enable-debug-command`.
    pub fn enable_debug_command(&self) -> ProtectedAction {
        self.protected_action("enable-debug-command")
    }

    /// `enable-module-command`.
    pub fn enable_module_command(&self) -> ProtectedAction {
        self.protected_action("enable-module-command")
    }

    fn protected_action(&self, name: &str) -> ProtectedAction {
        match self.enum_value(name) {
            1 => ProtectedAction::Yes,
            2 => ProtectedAction::Local,
            _ => ProtectedAction::No,
        }
    }

    fn store_internal(&mut self, name: &str, value: Value) {
        if let Some(found) = lookup(name.as_bytes()) {
            self.values[found.index] = value;
        }
    }
}
