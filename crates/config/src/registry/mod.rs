//! The parameter registry: what each configuration parameter is, as data.
//!
//! One [`Param`] per parameter, in [`table::PARAMS`]. Everything else (parsing, CONFIG GET/SET,
//! rewrite) is driven by these entries, so adding a parameter is one line in the table.

mod table;

pub use table::PARAMS;

/// Behaviour flags of a parameter (Redis's `*_CONFIG` flags that matter to us).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags(u16);

impl Flags {
    /// Settable at run time with CONFIG SET.
    pub const MODIFIABLE: Flags = Flags(0);
    /// Only settable at start-up (file or command line).
    pub const IMMUTABLE: Flags = Flags(1);
    /// CONFIG SET needs `enable-protected-configs`.
    pub const PROTECTED: Flags = Flags(1 << 1);
    /// The value is a secret: redact it from logs, SLOWLOG and MONITOR.
    pub const SENSITIVE: Flags = Flags(1 << 2);
    /// Left out of CONFIG GET patterns; only an exact name finds it.
    pub const HIDDEN: Flags = Flags(1 << 3);
    /// CONFIG SET refuses it while a dataset is loading.
    pub const DENY_LOADING: Flags = Flags(1 << 4);
    /// Takes several arguments in a file line; CONFIG SET splits its value on spaces.
    pub const MULTI_ARG: Flags = Flags(1 << 5);

    /// Both sets of flags together.
    pub const fn with(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }
}

/// How a numeric parameter reads and prints its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A plain integer.
    Plain,
    /// Bytes, accepting `k`, `kb`, `m`, `mb`, `g`, `gb` suffixes.
    Memory,
    /// Bytes, or a percentage (`10%`, stored negated as Redis does).
    MemoryPercent,
    /// An octal number (`unixsocketperm`).
    Octal,
}

/// Bounds and default of a numeric parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumSpec {
    /// Smallest accepted value.
    pub min: i128,
    /// Largest accepted value.
    pub max: i128,
    /// Value at start-up.
    pub default: i128,
    /// Parsing and printing rule.
    pub unit: Unit,
    /// Redis stores it in an unsigned C type: parsed negatives wrap to huge values.
    pub unsigned: bool,
    /// Redis silently clamps into `min..=max` instead of refusing (`hz`).
    pub clamp: Option<(i128, i128)>,
}

/// Extra validation of a string parameter, with Redis's error text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Anything goes.
    None,
    /// A file name without a directory (`dbfilename`).
    DbFilename,
    /// A non-empty file name without a directory (`appendfilename`).
    AofFilename,
    /// A non-empty directory name without a parent (`appenddirname`).
    AofDirname,
    /// A host name of letters, digits, `-` and `.` (`cluster-announce-hostname`).
    Hostname,
    /// A valid `proc-title-template`.
    ProcTitle,
}

/// Parameters with their own syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    /// `save <seconds> <changes> ...`.
    Save,
    /// `client-output-buffer-limit <class> <hard> <soft> <seconds> ...`.
    ClientOutputBufferLimit,
    /// `oom-score-adj-values <master> <replica> <bgchild>`.
    OomScoreAdjValues,
    /// `notify-keyspace-events <flags>`.
    NotifyKeyspaceEvents,
    /// `bind <addr> ...`.
    Bind,
    /// `replicaof <host> <port>`.
    ReplicaOf,
    /// `latency-tracking-info-percentiles <p> ...`.
    LatencyPercentiles,
    /// `dir <path>`.
    Dir,
}

/// The type of a parameter's value and its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `yes` / `no`.
    Bool {
        /// Value at start-up.
        default: bool,
    },
    /// One name out of a list; several values may share an id (the first name prints).
    Enum {
        /// Accepted names and the value each stands for.
        choices: &'static [(&'static str, u32)],
        /// Value at start-up.
        default: u32,
        /// Several names may be given at once and their values OR together.
        bit_flags: bool,
    },
    /// An integer, memory size or percentage.
    Num(NumSpec),
    /// Free text.
    Str {
        /// Value at start-up.
        default: &'static str,
        /// Extra validation.
        check: Check,
        /// Redis keeps an empty value as NULL: CONFIG REWRITE then drops the directive.
        empty_is_null: bool,
    },
    /// A parameter with its own syntax.
    Special(Special),
}

/// One configuration parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The name Redis prints.
    pub name: &'static str,
    /// The old name that still works (`slaveof` for `replicaof`).
    pub alias: Option<&'static str>,
    /// Behaviour flags.
    pub flags: Flags,
    /// Value type and default.
    pub kind: Kind,
}

impl Param {
    /// Whether the parameter has all of `flags`.
    pub fn has(&self, flags: Flags) -> bool {
        self.flags.contains(flags)
    }
}

/// A parameter found by name: its index in [`PARAMS`] and whether the alias was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index in [`PARAMS`].
    pub index: usize,
    /// The caller named the parameter by its alias.
    pub via_alias: bool,
}

impl Found {
    /// The registry entry.
    pub fn param(&self) -> &'static Param {
        &PARAMS[self.index]
    }

    /// The name this lookup used, as Redis prints it (lower case, alias or main name).
    pub fn name(&self) -> &'static str {
        let param = self.param();
        match (self.via_alias, param.alias) {
            (true, Some(alias)) => alias,
            _ => param.name,
        }
    }
}

/// Finds a parameter by name or alias, ignoring ASCII case as Redis does.
pub fn lookup(name: &[u8]) -> Option<Found> {
    PARAMS.iter().enumerate().find_map(|(index, param)| {
        if param.name.as_bytes().eq_ignore_ascii_case(name) {
            Some(Found {
                index,
                via_alias: false,
            })
        } else if param
            .alias
            .is_some_and(|a| a.as_bytes().eq_ignore_ascii_case(name))
        {
            Some(Found {
                index,
                via_alias: true,
            })
        } else {
            None
        }
    })
}

/// Every name CONFIG GET can report, with its lookup: main names and aliases, in table order.
pub fn all_names() -> impl Iterator<Item = Found> {
    PARAMS.iter().enumerate().flat_map(|(index, param)| {
        let main = Some(Found {
            index,
            via_alias: false,
        });
        let alias = param.alias.map(|_| Found {
            index,
            via_alias: true,
        });
        main.into_iter().chain(alias)
    })
}
