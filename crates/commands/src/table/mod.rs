//! The declarative command table: one [`CommandSpec`] per command and subcommand.
//!
//! The table is the contract: dispatch checks arity and flags from it, `COMMAND INFO/DOCS`
//! answer from it, routing finds keys through its key specs, and (later) ACL categories come
//! from it. Its facts must equal what `COMMAND INFO` prints on the real Redis; a differential
//! test checks exactly that. Handlers are bound by [`crate::route`] with an exhaustive match
//! on [`CommandId`], so an entry without a handler does not compile.

mod flags;
mod id;
mod lookup;

mod connection;
mod connection_client;
mod hash;
mod hyperloglog;
mod keyspace;
mod keyspace_expire;
mod keyspace_sort;
mod list;
mod list_blocking;
mod list_edit;
mod server;
mod server_acl;
mod server_persistence;
mod set;
mod set_algebra;
mod stream;
mod stream_group;
mod stream_info;
mod string;
mod string_counters;
mod string_ranges;
mod transaction;
mod zset;
mod zset_algebra;
mod zset_blocking;
mod zset_range;

pub use flags::{acl, flag, implicit_acl, key_flag, ACL_NAMES, FLAG_NAMES, KEY_FLAG_NAMES};
pub use id::CommandId;
pub use lookup::{all_commands, lookup, lookup_subcommand};

/// Where key search begins (Redis key-spec `begin_search`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BeginSearch {
    /// Keys start at this argument index.
    Index(i32),
    /// Keys start after `keyword`, searched from `start_from` (negative: from the end).
    Keyword {
        keyword: &'static str,
        start_from: i32,
    },
    /// Not describable; the command finds its keys itself.
    Unknown,
}

/// How keys are found from the beginning (Redis key-spec `find_keys`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindKeys {
    /// Keys up to `last_key` (relative; negative counts from the end), every `step`; `limit`
    /// divides the remaining arguments when `last_key` is negative.
    Range {
        last_key: i32,
        step: i32,
        limit: i32,
    },
    /// A count at `key_num_idx`, then keys from `first_key`, every `step` (all relative).
    KeyNum {
        key_num_idx: i32,
        first_key: i32,
        step: i32,
    },
    /// Not describable.
    Unknown,
}

/// One key specification of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    /// Free-text notes Redis prints (empty when none).
    pub notes: &'static str,
    /// `key_flag` bits.
    pub flags: u32,
    /// Where the search begins.
    pub begin: BeginSearch,
    /// How keys are found.
    pub find: FindKeys,
}

/// The documentation `COMMAND DOCS` returns. Summaries are ringkv's own words; every other
/// field is a fact copied from Redis, printed only when non-empty, as Redis does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Docs {
    /// One sentence on what the command does.
    pub summary: &'static str,
    /// The Redis version that introduced it.
    pub since: &'static str,
    /// The command group (`string`, `generic`, `connection`, `server`, ...).
    pub group: &'static str,
    /// Time complexity.
    pub complexity: &'static str,
    /// `doc_flag` bits (`deprecated`, `syscmd`).
    pub doc_flags: u8,
    /// The version that deprecated the command (empty when it is not deprecated).
    pub deprecated_since: &'static str,
    /// What to use instead of a deprecated command (empty when none).
    pub replaced_by: &'static str,
    /// Changes by version: `(version, description)`, oldest first.
    pub history: &'static [(&'static str, &'static str)],
    /// The argument tree, as Redis documents it.
    pub arguments: &'static [Arg],
}

/// Documentation flag bits, in the order Redis prints them.
pub mod doc_flag {
    /// The command is deprecated.
    pub const DEPRECATED: u8 = 1 << 0;
    /// A system command, not meant for clients.
    pub const SYSCMD: u8 = 1 << 1;
    /// Bit and printed name of each flag, in Redis's order.
    pub const NAMES: &[(u8, &str)] = &[(DEPRECATED, "deprecated"), (SYSCMD, "syscmd")];
}

/// Argument flag bits, in the order Redis prints them.
pub mod arg_flag {
    /// The argument may be left out.
    pub const OPTIONAL: u8 = 1 << 0;
    /// The argument may repeat.
    pub const MULTIPLE: u8 = 1 << 1;
    /// The argument repeats together with its token.
    pub const MULTIPLE_TOKEN: u8 = 1 << 2;
    /// Bit and printed name of each flag, in Redis's order.
    pub const NAMES: &[(u8, &str)] = &[
        (OPTIONAL, "optional"),
        (MULTIPLE, "multiple"),
        (MULTIPLE_TOKEN, "multiple_token"),
    ];
}

/// The type of a documented argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// Any string.
    String,
    /// An integer.
    Integer,
    /// A floating-point number.
    Double,
    /// A key name (see `key_spec_index`).
    Key,
    /// A glob-style pattern.
    Pattern,
    /// A Unix time.
    UnixTime,
    /// A token alone, with no value.
    PureToken,
    /// Exactly one of the nested arguments.
    OneOf,
    /// All of the nested arguments, in order.
    Block,
}

impl ArgKind {
    /// The name Redis prints for the type.
    pub fn name(self) -> &'static str {
        match self {
            ArgKind::String => "string",
            ArgKind::Integer => "integer",
            ArgKind::Double => "double",
            ArgKind::Key => "key",
            ArgKind::Pattern => "pattern",
            ArgKind::UnixTime => "unix-time",
            ArgKind::PureToken => "pure-token",
            ArgKind::OneOf => "oneof",
            ArgKind::Block => "block",
        }
    }
}

/// One documented argument of a command; empty strings and -1 mean "absent", as Redis leaves
/// those fields out of its reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// The argument's name.
    pub name: &'static str,
    /// Its type.
    pub kind: ArgKind,
    /// The key spec that describes it, for a key (-1: none).
    pub key_spec_index: i32,
    /// The literal token that precedes it (empty: none).
    pub token: &'static str,
    /// A short description (empty: none).
    pub summary: &'static str,
    /// The version that added it (empty: as old as the command).
    pub since: &'static str,
    /// The version that deprecated it (empty: not deprecated).
    pub deprecated_since: &'static str,
    /// `arg_flag` bits.
    pub flags: u8,
    /// Nested arguments of a `OneOf` or `Block`.
    pub args: &'static [Arg],
}

impl Arg {
    /// An argument with every optional field absent, for struct-update syntax.
    pub const EMPTY: Arg = Arg {
        name: "",
        kind: ArgKind::String,
        key_spec_index: -1,
        token: "",
        summary: "",
        since: "",
        deprecated_since: "",
        flags: 0,
        args: &[],
    };
}

/// One command or subcommand.
#[derive(Debug, Clone, Copy)]
pub struct CommandSpec {
    /// Which command this is; binds the handler.
    pub id: CommandId,
    /// Lower-case name; subcommands are `container|sub`.
    pub name: &'static str,
    /// Redis arity: exact argument count including the name, or at least `-arity`.
    pub arity: i32,
    /// `flag` bits (Redis's).
    pub flags: u64,
    /// Explicit `acl` bits; the implicit ones are derived from `flags`.
    pub acl: u32,
    /// Legacy first key position (0: none).
    pub first_key: i32,
    /// Legacy last key position (negative: from the end).
    pub last_key: i32,
    /// Legacy key step.
    pub key_step: i32,
    /// Command tips (`nondeterministic_output`, `request_policy:all_shards`, ...).
    pub tips: &'static [&'static str],
    /// Key specifications.
    pub key_specs: &'static [KeySpec],
    /// Subcommands of a container command (`CLIENT`, `CONFIG`, ...).
    pub subcommands: &'static [CommandSpec],
    /// Documentation.
    pub docs: Docs,
}

impl CommandSpec {
    /// Whether `argc` arguments (name included) satisfy the arity.
    #[inline]
    pub fn arity_ok(&self, argc: usize) -> bool {
        let argc = argc as i32;
        if self.arity >= 0 {
            argc == self.arity
        } else {
            argc >= -self.arity
        }
    }

    /// Whether the command has all of `bits`.
    #[inline]
    pub fn has(&self, bits: u64) -> bool {
        self.flags & bits == bits
    }

    /// Whether running the command may change its keys: write commands, and read-only ones
    /// whose key specs declare read-write access. That is PFCOUNT, which rewrites a
    /// HyperLogLog's cached count; Redis marks it `MAY_REPLICATE` internally (a flag COMMAND
    /// INFO does not show) and propagates it when it changed the key.
    #[inline]
    pub fn may_change_keys(&self) -> bool {
        self.has(flag::WRITE) || self.key_specs.iter().any(|k| k.flags & key_flag::RW != 0)
    }

    /// All ACL categories, implicit ones included.
    pub fn acl_categories(&self) -> u32 {
        implicit_acl(self.flags, self.acl)
    }

    /// The container's name for a subcommand (`client` of `client|info`), else the name.
    pub fn container_name(&self) -> &'static str {
        self.name.split('|').next().unwrap_or(self.name)
    }
}

/// Shorthand for a key spec with an index begin and a range find.
pub const fn range_spec(flags: u32, index: i32, last_key: i32, step: i32, limit: i32) -> KeySpec {
    KeySpec {
        notes: "",
        flags,
        begin: BeginSearch::Index(index),
        find: FindKeys::Range {
            last_key,
            step,
            limit,
        },
    }
}
