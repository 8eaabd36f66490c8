//! Password hashing and comparison as Redis does it: hex SHA-256, compared in constant time.

use sha2::{Digest, Sha256};

/// A stored password: 64 lower-case hex digits of its SHA-256.
pub type PasswordHash = [u8; 64];

/// The hex SHA-256 of `clear`.
pub fn hash(clear: &[u8]) -> PasswordHash {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(clear);
    let mut out = [0u8; 64];
    for (i, byte) in digest.iter().enumerate() {
        out[2 * i] = HEX[(byte >> 4) as usize];
        out[2 * i + 1] = HEX[(byte & 0xf) as usize];
    }
    out
}

/// `text` as a stored hash, if it is exactly 64 lower-case hex digits.
pub fn parse_hash(text: &[u8]) -> Option<PasswordHash> {
    let valid = text.len() == 64 && text.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'));
    valid.then(|| {
        let mut out = [0u8; 64];
        out.copy_from_slice(text);
        out
    })
}

/// Whether two hashes are equal, looking at every byte whatever the first difference: the
/// time taken says nothing about how much of a guess was right.
pub fn same(a: &PasswordHash, b: &PasswordHash) -> bool {
    let mut diff = 0u8;
    for (x, y) in a.iter().zip(b.iter()) {
        diff |= x ^ y;
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_hex_sha256() {
        // echo -n p1 | sha256sum, as Redis printed it for `>p1`.
        assert_eq!(
            &hash(b"p1"),
            b"f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a"
        );
    }

    #[test]
    fn parse_hash_wants_64_lower_hex_digits() {
        assert!(parse_hash(&hash(b"x")).is_some());
        assert!(parse_hash(b"abc").is_none());
        assert!(parse_hash(&[b'A'; 64]).is_none());
    }

    #[test]
    fn same_compares_whole_hashes() {
        assert!(same(&hash(b"a"), &hash(b"a")));
        assert!(!same(&hash(b"a"), &hash(b"b")));
    }
}
