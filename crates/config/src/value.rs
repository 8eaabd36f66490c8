//! A parameter's current value, its default, and how CONFIG GET prints it.

use crate::parse::format_percentile;
use crate::registry::{Kind, Param, Special, Unit};
use crate::special::keyspace_events_to_string;

/// Bytes in a mebibyte.
const MB: u64 = 1024 * 1024;

/// One `save <seconds> <changes>` point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavePoint {
    /// Seconds since the last save.
    pub seconds: i64,
    /// Writes since the last save (a C `int` in Redis, so it prints as one).
    pub changes: i32,
}

/// The client classes of `client-output-buffer-limit`, in Redis's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientClass {
    /// Ordinary clients.
    Normal,
    /// Replicas (`slave` / `replica`).
    Replica,
    /// Pub/Sub subscribers.
    Pubsub,
}

impl ClientClass {
    /// Position in [`OutputLimits`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The name CONFIG GET prints.
    pub fn name(self) -> &'static str {
        match self {
            ClientClass::Normal => "normal",
            ClientClass::Replica => "slave",
            ClientClass::Pubsub => "pubsub",
        }
    }

    /// Every class, in printing order.
    pub const ALL: [ClientClass; 3] = [
        ClientClass::Normal,
        ClientClass::Replica,
        ClientClass::Pubsub,
    ];
}

/// One class's output buffer limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputLimit {
    /// Disconnect at once above this many bytes (0: no limit).
    pub hard_bytes: u64,
    /// Disconnect when above this many bytes for `soft_seconds` (0: no limit).
    pub soft_bytes: u64,
    /// How long the soft limit may be exceeded.
    pub soft_seconds: i64,
}

/// Limits of the three client classes, indexed by [`ClientClass::index`].
pub type OutputLimits = [OutputLimit; 3];

/// Redis's default output buffer limits.
pub const DEFAULT_OUTPUT_LIMITS: OutputLimits = [
    OutputLimit {
        hard_bytes: 0,
        soft_bytes: 0,
        soft_seconds: 0,
    },
    OutputLimit {
        hard_bytes: 256 * MB,
        soft_bytes: 64 * MB,
        soft_seconds: 60,
    },
    OutputLimit {
        hard_bytes: 32 * MB,
        soft_bytes: 8 * MB,
        soft_seconds: 60,
    },
];

/// Redis's default `save` points.
pub const DEFAULT_SAVE: [SavePoint; 3] = [
    SavePoint {
        seconds: 3600,
        changes: 1,
    },
    SavePoint {
        seconds: 300,
        changes: 100,
    },
    SavePoint {
        seconds: 60,
        changes: 10000,
    },
];

/// Redis's default `oom-score-adj-values`.
pub const DEFAULT_OOM_VALUES: [i32; 3] = [0, 200, 800];

/// ringkv's default `bind`: loopback only, the line Redis ships in its redis.conf.
pub const DEFAULT_BIND: [&str; 2] = ["127.0.0.1", "-::1"];

/// A parameter's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `yes` / `no`.
    Bool(bool),
    /// An enum's value (an OR of flags for bit-flag enums).
    Enum(u32),
    /// A number, held wide enough for every C type Redis uses.
    Num(i128),
    /// Text.
    Str(String),
    /// `save` points.
    Save(Vec<SavePoint>),
    /// `client-output-buffer-limit`.
    OutputLimits(OutputLimits),
    /// `oom-score-adj-values`.
    OomValues([i32; 3]),
    /// `notify-keyspace-events` flags.
    KeyspaceEvents(u32),
    /// `bind` addresses.
    Bind(Vec<String>),
    /// `replicaof` host and port, or none.
    ReplicaOf(Option<(String, u16)>),
    /// `latency-tracking-info-percentiles`.
    Percentiles(Vec<f64>),
    /// `dir`.
    Dir(String),
}

impl Value {
    /// The value a parameter starts with.
    pub fn default_for(param: &Param) -> Value {
        match param.kind {
            Kind::Bool { default } => Value::Bool(default),
            Kind::Enum { default, .. } => Value::Enum(default),
            Kind::Num(spec) => Value::Num(spec.default),
            Kind::Str { default, .. } => Value::Str(default.to_string()),
            Kind::Special(which) => default_special(which),
        }
    }

    /// The value as CONFIG GET prints it.
    pub fn render(&self, param: &Param) -> String {
        match (self, &param.kind) {
            (Value::Bool(b), _) => yes_no(*b).to_string(),
            (
                Value::Enum(v),
                Kind::Enum {
                    choices, bit_flags, ..
                },
            ) => enum_name(choices, *v, *bit_flags),
            (Value::Num(n), Kind::Num(spec)) => render_number(*n, spec.unit),
            (Value::Str(s) | Value::Dir(s), _) => s.clone(),
            (Value::Save(points), _) => points
                .iter()
                .map(|p| format!("{} {}", p.seconds, p.changes))
                .collect::<Vec<_>>()
                .join(" "),
            (Value::OutputLimits(limits), _) => render_output_limits(limits),
            (Value::OomValues(v), _) => format!("{} {} {}", v[0], v[1], v[2]),
            (Value::KeyspaceEvents(flags), _) => keyspace_events_to_string(*flags),
            (Value::Bind(addrs), _) => addrs.join(" "),
            (Value::ReplicaOf(Some((host, port))), _) => format!("{host} {port}"),
            (Value::ReplicaOf(None), _) => String::new(),
            (Value::Percentiles(ps), _) => ps
                .iter()
                .map(|p| format_percentile(*p))
                .collect::<Vec<_>>()
                .join(" "),
            // A value never takes a shape its kind does not have; print nothing if it did.
            (Value::Enum(_) | Value::Num(_), _) => String::new(),
        }
    }
}

fn default_special(which: Special) -> Value {
    match which {
        Special::Save => Value::Save(DEFAULT_SAVE.to_vec()),
        Special::ClientOutputBufferLimit => Value::OutputLimits(DEFAULT_OUTPUT_LIMITS),
        Special::OomScoreAdjValues => Value::OomValues(DEFAULT_OOM_VALUES),
        Special::NotifyKeyspaceEvents => Value::KeyspaceEvents(0),
        Special::Bind => Value::Bind(DEFAULT_BIND.iter().map(|s| s.to_string()).collect()),
        Special::ReplicaOf => Value::ReplicaOf(None),
        Special::LatencyPercentiles => Value::Percentiles(vec![50.0, 99.0, 99.9]),
        Special::Dir => Value::Dir(".".to_string()),
    }
}

/// `yes` or `no`.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Redis's `configEnumGetName`: an exact match first, else the flags' names in table order.
pub fn enum_name(choices: &[(&str, u32)], value: u32, bit_flags: bool) -> String {
    if let Some((name, _)) = choices.iter().find(|(_, v)| *v == value) {
        return (*name).to_string();
    }
    let mut names = Vec::new();
    let mut unmatched = value;
    for (name, v) in choices {
        if bit_flags && *v != 0 && *v == unmatched & *v {
            names.push(*name);
            unmatched &= !*v;
        }
    }
    if names.is_empty() || unmatched != 0 {
        return "unknown".to_string();
    }
    names.join(" ")
}

fn render_number(n: i128, unit: Unit) -> String {
    match unit {
        Unit::Octal => format!("{n:o}"),
        Unit::MemoryPercent if n < 0 => format!("{}%", -n),
        _ => n.to_string(),
    }
}

fn render_output_limits(limits: &OutputLimits) -> String {
    ClientClass::ALL
        .iter()
        .map(|class| {
            let l = limits[class.index()];
            format!(
                "{} {} {} {}",
                class.name(),
                l.hard_bytes,
                l.soft_bytes,
                l.soft_seconds
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}
