//! Key → hash slot → shard, computed independently of ringkv so that tests can pick keys that
//! are known to live on different shards.

/// Number of Redis Cluster hash slots.
pub const SLOTS: u32 = 16384;

/// CRC16-CCITT (XMODEM: polynomial 0x1021, initial value 0), the checksum Redis Cluster uses.
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The part of a key that is hashed: the text between the first `{` and the next `}` when it
/// is non-empty, else the whole key (Redis Cluster's hash-tag rule).
pub fn hash_tag(key: &[u8]) -> &[u8] {
    let Some(open) = key.iter().position(|&b| b == b'{') else {
        return key;
    };
    match key[open + 1..].iter().position(|&b| b == b'}') {
        Some(0) | None => key,
        Some(len) => &key[open + 1..open + 1 + len],
    }
}

/// The hash slot of a key.
pub fn key_slot(key: &[u8]) -> u32 {
    u32::from(crc16(hash_tag(key))) % SLOTS
}

/// The shard owning a key when `shards` shards split the slots into equal contiguous ranges.
pub fn shard_of(key: &[u8], shards: usize) -> usize {
    key_slot(key) as usize * shards / SLOTS as usize
}

/// Returns `"{prefix}{i}"` for the first `i` whose key lives on a shard other than `other`'s.
pub fn key_on_other_shard(prefix: &str, other: &[u8], shards: usize) -> String {
    let avoid = shard_of(other, shards);
    (0..)
        .map(|i| format!("{prefix}{i}"))
        .find(|key| shard_of(key.as_bytes(), shards) != avoid)
        .expect("some key hashes to another shard")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc16_matches_the_xmodem_check_value() {
        assert_eq!(crc16(b"123456789"), 0x31c3);
    }

    #[test]
    fn slots_match_redis_cluster_keyslot() {
        // Values printed by `CLUSTER KEYSLOT` on Redis 7.
        assert_eq!(key_slot(b"foo"), 12182);
        assert_eq!(key_slot(b"bar"), 5061);
        assert_eq!(key_slot(b"{user1000}.following"), key_slot(b"user1000"));
    }

    #[test]
    fn hash_tag_uses_first_non_empty_braces() {
        assert_eq!(hash_tag(b"{t}a"), b"t");
        assert_eq!(hash_tag(b"a{}b"), b"a{}b");
        assert_eq!(hash_tag(b"{}{t}"), b"{}{t}");
        assert_eq!(hash_tag(b"x{a}{b}"), b"a");
        assert_eq!(hash_tag(b"x{ab"), b"x{ab");
    }

    #[test]
    fn shard_of_splits_slots_in_contiguous_ranges() {
        assert_eq!(shard_of(b"bar", 2), 0);
        assert_eq!(shard_of(b"foo", 2), 1);
        assert_eq!(shard_of(b"foo", 4), 2);
        let other = key_on_other_shard("k", b"foo", 4);
        assert_ne!(shard_of(other.as_bytes(), 4), shard_of(b"foo", 4));
    }
}
