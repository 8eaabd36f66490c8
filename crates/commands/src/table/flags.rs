//! Command flags and ACL categories as Redis names them, in the order `COMMAND INFO` prints them.

/// Redis command flags (a bit set). Printed in [`FLAG_NAMES`] order.
pub mod flag {
    pub const WRITE: u64 = 1 << 0;
    pub const READONLY: u64 = 1 << 1;
    pub const DENYOOM: u64 = 1 << 2;
    pub const MODULE: u64 = 1 << 3;
    pub const ADMIN: u64 = 1 << 4;
    pub const PUBSUB: u64 = 1 << 5;
    pub const NOSCRIPT: u64 = 1 << 6;
    pub const BLOCKING: u64 = 1 << 7;
    pub const LOADING: u64 = 1 << 8;
    pub const STALE: u64 = 1 << 9;
    pub const SKIP_MONITOR: u64 = 1 << 10;
    pub const SKIP_SLOWLOG: u64 = 1 << 11;
    pub const ASKING: u64 = 1 << 12;
    pub const FAST: u64 = 1 << 13;
    pub const NO_AUTH: u64 = 1 << 14;
    pub const MAY_REPLICATE: u64 = 1 << 15;
    pub const SENTINEL: u64 = 1 << 16;
    pub const ONLY_SENTINEL: u64 = 1 << 17;
    pub const NO_MANDATORY_KEYS: u64 = 1 << 18;
    pub const PROTECTED: u64 = 1 << 19;
    pub const MODULE_GETKEYS: u64 = 1 << 20;
    pub const MODULE_NO_CLUSTER: u64 = 1 << 21;
    pub const NO_ASYNC_LOADING: u64 = 1 << 22;
    pub const NO_MULTI: u64 = 1 << 23;
    pub const MOVABLE_KEYS: u64 = 1 << 24;
    pub const ALLOW_BUSY: u64 = 1 << 25;
    pub const MODULE_GETCHANNELS: u64 = 1 << 26;
    pub const TOUCHES_ARBITRARY_KEYS: u64 = 1 << 27;
}

/// Flag names in the order Redis prints them.
pub const FLAG_NAMES: &[(u64, &str)] = &[
    (flag::WRITE, "write"),
    (flag::READONLY, "readonly"),
    (flag::DENYOOM, "denyoom"),
    (flag::MODULE, "module"),
    (flag::ADMIN, "admin"),
    (flag::PUBSUB, "pubsub"),
    (flag::NOSCRIPT, "noscript"),
    (flag::BLOCKING, "blocking"),
    (flag::LOADING, "loading"),
    (flag::STALE, "stale"),
    (flag::SKIP_MONITOR, "skip_monitor"),
    (flag::SKIP_SLOWLOG, "skip_slowlog"),
    (flag::ASKING, "asking"),
    (flag::FAST, "fast"),
    (flag::NO_AUTH, "no_auth"),
    (flag::MAY_REPLICATE, "may_replicate"),
    (flag::SENTINEL, "sentinel"),
    (flag::ONLY_SENTINEL, "only_sentinel"),
    (flag::NO_MANDATORY_KEYS, "no_mandatory_keys"),
    (flag::PROTECTED, "protected"),
    (flag::MODULE_GETKEYS, "module_getkeys"),
    (flag::MODULE_NO_CLUSTER, "module_no_cluster"),
    (flag::NO_ASYNC_LOADING, "no_async_loading"),
    (flag::NO_MULTI, "no_multi"),
    (flag::MOVABLE_KEYS, "movablekeys"),
    (flag::ALLOW_BUSY, "allow_busy"),
    (flag::MODULE_GETCHANNELS, "module_getchannels"),
    (flag::TOUCHES_ARBITRARY_KEYS, "touches_arbitrary_keys"),
];

/// ACL categories (a bit set). Printed in [`ACL_NAMES`] order.
pub mod acl {
    pub const KEYSPACE: u32 = 1 << 0;
    pub const READ: u32 = 1 << 1;
    pub const WRITE: u32 = 1 << 2;
    pub const SET: u32 = 1 << 3;
    pub const SORTEDSET: u32 = 1 << 4;
    pub const LIST: u32 = 1 << 5;
    pub const HASH: u32 = 1 << 6;
    pub const STRING: u32 = 1 << 7;
    pub const BITMAP: u32 = 1 << 8;
    pub const HYPERLOGLOG: u32 = 1 << 9;
    pub const GEO: u32 = 1 << 10;
    pub const STREAM: u32 = 1 << 11;
    pub const PUBSUB: u32 = 1 << 12;
    pub const ADMIN: u32 = 1 << 13;
    pub const FAST: u32 = 1 << 14;
    pub const SLOW: u32 = 1 << 15;
    pub const BLOCKING: u32 = 1 << 16;
    pub const DANGEROUS: u32 = 1 << 17;
    pub const CONNECTION: u32 = 1 << 18;
    pub const TRANSACTION: u32 = 1 << 19;
    pub const SCRIPTING: u32 = 1 << 20;
}

/// Category names in the order Redis prints them.
pub const ACL_NAMES: &[(u32, &str)] = &[
    (acl::KEYSPACE, "keyspace"),
    (acl::READ, "read"),
    (acl::WRITE, "write"),
    (acl::SET, "set"),
    (acl::SORTEDSET, "sortedset"),
    (acl::LIST, "list"),
    (acl::HASH, "hash"),
    (acl::STRING, "string"),
    (acl::BITMAP, "bitmap"),
    (acl::HYPERLOGLOG, "hyperloglog"),
    (acl::GEO, "geo"),
    (acl::STREAM, "stream"),
    (acl::PUBSUB, "pubsub"),
    (acl::ADMIN, "admin"),
    (acl::FAST, "fast"),
    (acl::SLOW, "slow"),
    (acl::BLOCKING, "blocking"),
    (acl::DANGEROUS, "dangerous"),
    (acl::CONNECTION, "connection"),
    (acl::TRANSACTION, "transaction"),
    (acl::SCRIPTING, "scripting"),
];

/// The categories Redis derives from flags, added to a command's explicit ones.
pub fn implicit_acl(flags: u64, explicit: u32) -> u32 {
    let mut cats = explicit;
    if flags & flag::WRITE != 0 {
        cats |= acl::WRITE;
    }
    if flags & flag::READONLY != 0 && explicit & acl::SCRIPTING == 0 {
        cats |= acl::READ;
    }
    if flags & flag::ADMIN != 0 {
        cats |= acl::ADMIN | acl::DANGEROUS;
    }
    if flags & flag::PUBSUB != 0 {
        cats |= acl::PUBSUB;
    }
    if flags & flag::FAST != 0 {
        cats |= acl::FAST;
    }
    if flags & flag::BLOCKING != 0 {
        cats |= acl::BLOCKING;
    }
    if cats & acl::FAST == 0 {
        cats |= acl::SLOW;
    }
    cats
}

/// Key-spec flags (a bit set). Printed in [`KEY_FLAG_NAMES`] order.
pub mod key_flag {
    pub const RO: u32 = 1 << 0;
    pub const RW: u32 = 1 << 1;
    pub const OW: u32 = 1 << 2;
    pub const RM: u32 = 1 << 3;
    pub const ACCESS: u32 = 1 << 4;
    pub const UPDATE: u32 = 1 << 5;
    pub const INSERT: u32 = 1 << 6;
    pub const DELETE: u32 = 1 << 7;
    pub const NOT_KEY: u32 = 1 << 8;
    pub const INCOMPLETE: u32 = 1 << 9;
    pub const VARIABLE_FLAGS: u32 = 1 << 10;
}

/// Key-spec flag names in the order Redis prints them.
pub const KEY_FLAG_NAMES: &[(u32, &str)] = &[
    (key_flag::RO, "RO"),
    (key_flag::RW, "RW"),
    (key_flag::OW, "OW"),
    (key_flag::RM, "RM"),
    (key_flag::ACCESS, "access"),
    (key_flag::UPDATE, "update"),
    (key_flag::INSERT, "insert"),
    (key_flag::DELETE, "delete"),
    (key_flag::NOT_KEY, "not_key"),
    (key_flag::INCOMPLETE, "incomplete"),
    (key_flag::VARIABLE_FLAGS, "variable_flags"),
];
