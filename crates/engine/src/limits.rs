//! The size limits that decide when a collection leaves its compact encoding, from the
//! `*-max-listpack-*` and `set-max-intset-entries` configuration values.

/// Encoding thresholds, as Redis 7.2 names and defaults them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodingLimits {
    /// `list-max-listpack-size`: positive, entries per node; negative, -1..-5 select a node
    /// size of 4, 8, 16, 32 or 64 KiB.
    pub list_max_listpack_size: i64,
    /// `hash-max-listpack-entries`.
    pub hash_max_listpack_entries: usize,
    /// `hash-max-listpack-value`: longest field or value, in bytes.
    pub hash_max_listpack_value: usize,
    /// `set-max-intset-entries`.
    pub set_max_intset_entries: usize,
    /// `set-max-listpack-entries`.
    pub set_max_listpack_entries: usize,
    /// `set-max-listpack-value`: longest member, in bytes.
    pub set_max_listpack_value: usize,
    /// `zset-max-listpack-entries`.
    pub zset_max_listpack_entries: usize,
    /// `zset-max-listpack-value`: longest member, in bytes.
    pub zset_max_listpack_value: usize,
    /// `stream-node-max-bytes` and `stream-node-max-entries`.
    pub stream_node: crate::stream::NodeLimits,
}

impl Default for EncodingLimits {
    fn default() -> Self {
        EncodingLimits {
            list_max_listpack_size: -2,
            hash_max_listpack_entries: 512,
            hash_max_listpack_value: 64,
            set_max_intset_entries: 512,
            set_max_listpack_entries: 128,
            set_max_listpack_value: 64,
            zset_max_listpack_entries: 128,
            zset_max_listpack_value: 64,
            stream_node: crate::stream::NodeLimits::default(),
        }
    }
}
