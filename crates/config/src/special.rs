//! Parameters with their own syntax (`save`, `client-output-buffer-limit`, `bind`, ...) and the
//! extra checks of some string parameters. Error texts are Redis's, byte for byte.

use crate::parse::{memtoull, string2d, strtoll_whole};
use crate::registry::Check;
use crate::value::{OutputLimit, OutputLimits, SavePoint, Value};

/// Keyspace notifications (`K`).
pub const NOTIFY_KEYSPACE: u32 = 1 << 0;
/// Keyevent notifications (`E`).
pub const NOTIFY_KEYEVENT: u32 = 1 << 1;
/// Generic commands (`g`).
pub const NOTIFY_GENERIC: u32 = 1 << 2;
/// String commands (`$`).
pub const NOTIFY_STRING: u32 = 1 << 3;
/// List commands (`l`).
pub const NOTIFY_LIST: u32 = 1 << 4;
/// Set commands (`s`).
pub const NOTIFY_SET: u32 = 1 << 5;
/// Hash commands (`h`).
pub const NOTIFY_HASH: u32 = 1 << 6;
/// Sorted set commands (`z`).
pub const NOTIFY_ZSET: u32 = 1 << 7;
/// Expirations (`x`).
pub const NOTIFY_EXPIRED: u32 = 1 << 8;
/// Evictions (`e`).
pub const NOTIFY_EVICTED: u32 = 1 << 9;
/// Stream commands (`t`).
pub const NOTIFY_STREAM: u32 = 1 << 10;
/// Key misses (`m`).
pub const NOTIFY_KEY_MISS: u32 = 1 << 11;
/// Module events (`d`).
pub const NOTIFY_MODULE: u32 = 1 << 13;
/// New keys (`n`).
pub const NOTIFY_NEW: u32 = 1 << 14;
/// Everything `A` stands for (not `m`, not `n`).
pub const NOTIFY_ALL: u32 = NOTIFY_GENERIC
    | NOTIFY_STRING
    | NOTIFY_LIST
    | NOTIFY_SET
    | NOTIFY_HASH
    | NOTIFY_ZSET
    | NOTIFY_EXPIRED
    | NOTIFY_EVICTED
    | NOTIFY_STREAM
    | NOTIFY_MODULE;

/// Letters in the order Redis prints them when `A` does not cover them all.
const CLASS_LETTERS: [(u32, char); 11] = [
    (NOTIFY_GENERIC, 'g'),
    (NOTIFY_STRING, '$'),
    (NOTIFY_LIST, 'l'),
    (NOTIFY_SET, 's'),
    (NOTIFY_HASH, 'h'),
    (NOTIFY_ZSET, 'z'),
    (NOTIFY_EXPIRED, 'x'),
    (NOTIFY_EVICTED, 'e'),
    (NOTIFY_STREAM, 't'),
    (NOTIFY_MODULE, 'd'),
    (NOTIFY_NEW, 'n'),
];

/// Most addresses `bind` takes.
const BIND_MAX: usize = 16;

/// Where a value comes from: `save` accumulates across the lines of a config text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// CONFIG SET: the value replaces the old one.
    Set,
    /// A config text; `first_save` is true until the text's first `save` line resets defaults.
    Text {
        /// No `save` line has been read yet.
        first_save: bool,
    },
}

/// `save`: pairs of seconds (at least 1) and changes (at least 0).
pub fn parse_save(args: &[Vec<u8>], current: &Value, source: Source) -> Result<Value, String> {
    let args: &[Vec<u8>] = if args.len() == 1 && args[0].is_empty() {
        &[]
    } else {
        args
    };
    let reset_always = args.is_empty();
    if args.len() % 2 != 0 {
        return Err("Invalid save parameters".into());
    }
    let mut points = Vec::with_capacity(args.len() / 2);
    for pair in args.chunks(2) {
        let seconds = strtoll_whole(&pair[0], 10).filter(|s| *s >= 1);
        let changes = strtoll_whole(&pair[1], 10).filter(|c| *c >= 0);
        match (seconds, changes) {
            // Redis keeps `changes` in a C int.
            (Some(seconds), Some(changes)) => points.push(SavePoint {
                seconds,
                changes: changes as i32,
            }),
            _ => return Err("Invalid save parameters".into()),
        }
    }
    let keep_current = matches!(source, Source::Text { first_save: false }) && !reset_always;
    if keep_current {
        if let Value::Save(existing) = current {
            let mut all = existing.clone();
            all.extend(points);
            return Ok(Value::Save(all));
        }
    }
    Ok(Value::Save(points))
}

/// `client-output-buffer-limit`: groups of class, hard, soft and seconds; only the named classes
/// change.
pub fn parse_output_limits(args: &[Vec<u8>], current: &Value) -> Result<Value, String> {
    if args.len() % 4 != 0 {
        return Err("Wrong number of arguments in buffer limit configuration.".into());
    }
    let mut limits: OutputLimits = match current {
        Value::OutputLimits(limits) => *limits,
        _ => crate::value::DEFAULT_OUTPUT_LIMITS,
    };
    let mut updates = Vec::new();
    for group in args.chunks(4) {
        let class = client_class(&group[0]).ok_or_else(|| {
            "Invalid client class specified in buffer limit configuration.".to_string()
        })?;
        let hard = memtoull(&group[1]);
        let soft = memtoull(&group[2]);
        let seconds = strtoll_whole(&group[3], 10).filter(|s| *s >= 0);
        match (hard, soft, seconds) {
            (Some(hard_bytes), Some(soft_bytes), Some(soft_seconds)) => updates.push((
                class,
                OutputLimit {
                    hard_bytes,
                    soft_bytes,
                    soft_seconds,
                },
            )),
            _ => {
                return Err(
                    "Error in hard, soft or soft_seconds setting in buffer limit \
                            configuration."
                        .into(),
                )
            }
        }
    }
    for (class, limit) in updates {
        limits[class] = limit;
    }
    Ok(Value::OutputLimits(limits))
}

fn client_class(name: &[u8]) -> Option<usize> {
    let lower = name.to_ascii_lowercase();
    match lower.as_slice() {
        b"normal" => Some(0),
        b"slave" | b"replica" => Some(1),
        b"pubsub" => Some(2),
        _ => None,
    }
}

/// `oom-score-adj-values`: exactly three integers within -2000..=2000.
pub fn parse_oom_values(args: &[Vec<u8>]) -> Result<Value, String> {
    if args.len() != 3 {
        return Err("wrong number of arguments".into());
    }
    let mut values = [0i32; 3];
    for (slot, arg) in values.iter_mut().zip(args) {
        match strtoll_whole(arg, 10).filter(|v| (-2000..=2000).contains(v)) {
            Some(v) => *slot = v as i32,
            None => {
                return Err(
                    "Invalid oom-score-adj-values, elements must be between -2000 and 2000.".into(),
                )
            }
        }
    }
    Ok(Value::OomValues(values))
}

/// `notify-keyspace-events`: one word of class letters.
pub fn parse_keyspace_events(args: &[Vec<u8>]) -> Result<Value, String> {
    let [classes] = args else {
        return Err("wrong number of arguments".into());
    };
    let mut flags = 0;
    for &c in classes {
        flags |= match c {
            b'A' => NOTIFY_ALL,
            b'K' => NOTIFY_KEYSPACE,
            b'E' => NOTIFY_KEYEVENT,
            b'm' => NOTIFY_KEY_MISS,
            other => match CLASS_LETTERS.iter().find(|(_, l)| *l as u8 == other) {
                Some((flag, _)) => *flag,
                None => return Err("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.".into()),
            },
        };
    }
    Ok(Value::KeyspaceEvents(flags))
}

/// Flags as Redis prints them: `A` when all of it is set, then `K`, `E`, `m`.
pub fn keyspace_events_to_string(flags: u32) -> String {
    let mut out = String::new();
    if flags & NOTIFY_ALL == NOTIFY_ALL {
        out.push('A');
    } else {
        out.extend(
            CLASS_LETTERS
                .iter()
                .filter(|(f, _)| flags & f != 0)
                .map(|(_, l)| *l),
        );
    }
    for (flag, letter) in [
        (NOTIFY_KEYSPACE, 'K'),
        (NOTIFY_KEYEVENT, 'E'),
        (NOTIFY_KEY_MISS, 'm'),
    ] {
        if flags & flag != 0 {
            out.push(letter);
        }
    }
    out
}

/// `bind`: up to 16 addresses; a single empty argument means none.
pub fn parse_bind(args: &[Vec<u8>]) -> Result<Value, String> {
    if args.len() > BIND_MAX {
        return Err("Too many bind addresses specified.".into());
    }
    let args: &[Vec<u8>] = if args.len() == 1 && args[0].is_empty() {
        &[]
    } else {
        args
    };
    Ok(Value::Bind(args.iter().map(|a| lossy(a)).collect()))
}

/// `replicaof <host> <port>` or `replicaof no one`.
pub fn parse_replicaof(args: &[Vec<u8>]) -> Result<Value, String> {
    let [host, port] = args else {
        return Err("wrong number of arguments".into());
    };
    if host.eq_ignore_ascii_case(b"no") && port.eq_ignore_ascii_case(b"one") {
        return Ok(Value::ReplicaOf(None));
    }
    match strtoll_whole(port, 10).and_then(|p| u16::try_from(p).ok()) {
        Some(port) => Ok(Value::ReplicaOf(Some((lossy(host), port)))),
        None => Err("Invalid master port".into()),
    }
}

/// `latency-tracking-info-percentiles`: doubles within 0..=100; a single empty argument means
/// none.
pub fn parse_percentiles(args: &[Vec<u8>]) -> Result<Value, String> {
    let args: &[Vec<u8>] = if args.len() == 1 && args[0].is_empty() {
        &[]
    } else {
        args
    };
    let mut out = Vec::with_capacity(args.len());
    for arg in args {
        let p = string2d(arg)
            .ok_or_else(|| "Invalid latency-tracking-info-percentiles parameters".to_string())?;
        if !(0.0..=100.0).contains(&p) {
            return Err(
                "latency-tracking-info-percentiles parameters should sit between \
                        [0.0,100.0]"
                    .into(),
            );
        }
        out.push(p);
    }
    Ok(Value::Percentiles(out))
}

/// `dir`: one path. Changing directory is the server's job, which reports its own errors.
pub fn parse_dir(args: &[Vec<u8>]) -> Result<Value, String> {
    match args {
        [path] => Ok(Value::Dir(lossy(path))),
        _ => Err("wrong number of arguments".into()),
    }
}

/// Extra validation of string parameters, with Redis's error texts.
pub fn check_string(check: Check, value: &str) -> Result<(), &'static str> {
    let base_name = !value.contains('/');
    match check {
        Check::None => Ok(()),
        Check::DbFilename if !base_name => Err("dbfilename can't be a path, just a filename"),
        Check::AofFilename if value.is_empty() => Err("appendfilename can't be empty"),
        Check::AofFilename if !base_name => Err("appendfilename can't be a path, just a filename"),
        Check::AofDirname if value.is_empty() => Err("appenddirname can't be empty"),
        Check::AofDirname if !base_name => Err("appenddirname can't be a path, just a dirname"),
        Check::Hostname if value.len() >= 256 => Err("Hostnames must be less than 256 characters"),
        Check::Hostname
            if !value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.') =>
        {
            Err("Hostnames may only contain alphanumeric characters, hyphens or dots")
        }
        Check::ProcTitle if !valid_proc_title(value) => {
            Err("template format is invalid or contains unknown variables")
        }
        _ => Ok(()),
    }
}

/// Redis expands the template with an empty title and wants known variables, balanced
/// braces and something left after trimming spaces.
fn valid_proc_title(template: &str) -> bool {
    let mut expanded = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        expanded.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if after.is_empty() {
            return false;
        }
        if let Some(quoted) = after.strip_prefix('{') {
            expanded.push('{');
            rest = quoted;
            continue;
        }
        let Some(close) = after.find('}') else {
            return false;
        };
        match &after[..close] {
            "title" | "server-mode" => {}
            // These expand to something non-empty on a running server.
            "listen-addr" | "port" | "tls-port" | "unixsocket" | "config-file" => {
                expanded.push('x')
            }
            _ => return false,
        }
        rest = &after[close + 1..];
    }
    expanded.push_str(rest);
    !expanded.trim_matches(' ').is_empty()
}

/// Bytes from a config line as text; invalid UTF-8 is replaced rather than refused.
pub fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
