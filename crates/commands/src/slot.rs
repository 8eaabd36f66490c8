//! Key → hash slot → shard, exactly as Redis Cluster maps keys to slots.

/// Number of hash slots.
pub const SLOT_COUNT: u16 = 16384;

/// The hash slot of `key`: CRC16 of its hash tag (the part between the first `{` and the
/// next `}`, when non-empty) or of the whole key, modulo 16384.
#[inline]
pub fn slot_of(key: &[u8]) -> u16 {
    crc16(hash_tag(key)) % SLOT_COUNT
}

/// The part of `key` that is hashed.
#[inline]
pub fn hash_tag(key: &[u8]) -> &[u8] {
    if let Some(open) = memchr_byte(b'{', key) {
        if let Some(close) = memchr_byte(b'}', &key[open + 1..]) {
            if close > 0 {
                return &key[open + 1..open + 1 + close];
            }
        }
    }
    key
}

/// The shard owning `slot` when there are `shards` shards: contiguous slot ranges, so that
/// `CLUSTER SLOTS` can later describe them.
#[inline]
pub fn shard_of_slot(slot: u16, shards: usize) -> usize {
    slot as usize * shards / SLOT_COUNT as usize
}

/// The shard owning `key`.
#[inline]
pub fn shard_of(key: &[u8], shards: usize) -> usize {
    if shards == 1 {
        return 0;
    }
    shard_of_slot(slot_of(key), shards)
}

/// `items` grouped by the shard owning `key_of(item)`, groups in order of first appearance.
pub fn group_by_shard<T>(
    items: impl IntoIterator<Item = T>,
    key_of: impl Fn(&T) -> &[u8],
    shards: usize,
) -> Vec<(usize, Vec<T>)> {
    let mut groups: Vec<(usize, Vec<T>)> = Vec::new();
    for item in items {
        let owner = shard_of(key_of(&item), shards);
        match groups.iter_mut().find(|(s, _)| *s == owner) {
            Some((_, group)) => group.push(item),
            None => groups.push((owner, vec![item])),
        }
    }
    groups
}

fn memchr_byte(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == needle)
}

/// CRC16-CCITT (XModem), polynomial 0x1021, as Redis Cluster uses.
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in bytes {
        crc = (crc << 8) ^ CRC16_TABLE[((crc >> 8) as u8 ^ b) as usize];
    }
    crc
}

const CRC16_TABLE: [u16; 256] = build_table();

const fn build_table() -> [u16; 256] {
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = (i as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_match_redis_cluster_keyslot() {
        // Values from `CLUSTER KEYSLOT` on a real cluster.
        assert_eq!(crc16(b"123456789"), 0x31c3);
        assert_eq!(slot_of(b"foo"), 12182);
        assert_eq!(slot_of(b"bar"), 5061);
        assert_eq!(
            slot_of(b"{user1000}.following"),
            slot_of(b"{user1000}.followers")
        );
        assert_eq!(slot_of(b"foo{}{bar}"), slot_of(b"foo{}{bar}"));
        assert_eq!(hash_tag(b"foo{}{bar}"), b"foo{}{bar}");
        assert_eq!(hash_tag(b"foo{{bar}}zap"), b"{bar");
        assert_eq!(hash_tag(b"foo{bar}{zap}"), b"bar");
    }

    #[test]
    fn shards_own_contiguous_slot_ranges() {
        assert_eq!(shard_of_slot(0, 4), 0);
        assert_eq!(shard_of_slot(4095, 4), 0);
        assert_eq!(shard_of_slot(4096, 4), 1);
        assert_eq!(shard_of_slot(16383, 4), 3);
    }
}
