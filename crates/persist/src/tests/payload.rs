//! DUMP payloads byte for byte against redis-server 7.0.15's for the same commands.

use engine::{EncodingLimits, Value};

use super::{hash, hex, list, set, zset};
use crate::dump::{dump, restore, verify, PayloadError};

fn check(value: Value, redis_hex: &str) {
    let expected = hex(redis_hex);
    assert_eq!(hex_of(&dump(&value)), hex_of(&expected), "{value:?}");
    let back = restore(&expected, &EncodingLimits::default()).expect("redis payload restores");
    assert_eq!(back, value);
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn strings_match_redis() {
    check(
        Value::string(b"hello"),
        "000568656c6c6f0a006372df766534200a",
    );
    check(Value::string(b"123"), "00c07b0a0048e253e1007a67b9");
    check(
        Value::string(b"12345678901"),
        "000b31323334353637383930310a00304e52d727176510",
    );
    check(
        Value::string(b"-100000"),
        "00c26079feff0a00a1ca8470cc216d9d",
    );
    // 50 bytes of a repeated pattern: LZF-compressed exactly as Redis does.
    check(
        Value::string(&b"abcdefghij".repeat(5)),
        "00c312320a6162636465666768696a61e01c0901696a0a00bf2c58b7291aaf30",
    );
}

#[test]
fn compact_collections_match_redis() {
    let limits = EncodingLimits::default();
    check(
        list(&[b"a", b"1", b"300", b"-5000"], &limits),
        "120102131300000004008161020101c12c02f178ec03ff0a00d56bc50bc57ed608",
    );
    check(
        hash(&[(b"f", b"v"), (b"x", b"70000")], &limits),
        "1015150000000400816602817602817802f270110104ff0a007d3ebd9a4e5c5a99",
    );
    check(
        set(&[b"1", b"2", b"3"], &limits),
        "0b0e02000000030000000100020003000a00a5025ce26d6e4d1b",
    );
    check(
        zset(&[(1.0, b"a"), (2.5, b"b"), (-0.0, b"c"), (f64::INFINITY, b"d")], &limits),
        "11212100000008008163020001816102010181620283322e350481640283696e6604ff0a00583ef00dc78a37d0",
    );
}

#[test]
fn scores_in_listpacks_and_lzf_match_redis() {
    // Integral scores within half the long long range are integers; others their %.17g
    // text; the listpack is long enough to be LZF-compressed.
    let z = zset(
        &[
            (1e17, b"a"),
            (-0.0, b"b"),
            (0.1, b"c"),
            (1e300, b"d"),
            (4503599627370496.0, b"e"),
            (-4503599627370495.0, b"f"),
        ],
        &EncodingLimits::default(),
    );
    check(z, "11c3405240670a670000000c00816602f4012009110000f0ff09816202000181630293302e3130e00500053114816502f420262000041000098161400c0c8a5d784563010981640297312ee0052f083031652b33303018ff0a00b9ff1a8b16a5f9f8");
}

#[test]
fn large_sorted_sets_are_written_from_the_highest_score() {
    let limits = EncodingLimits {
        zset_max_listpack_entries: 1,
        ..EncodingLimits::default()
    };
    let z = zset(&[(1.0, b"a"), (2.0, b"b"), (3.0, b"c")], &limits);
    let expected =
        hex("050301630000000000000840016200000000000000400161000000000000f03f0a00a91cb304ca068424");
    assert_eq!(dump(&z), expected);
    assert_eq!(restore(&expected, &limits).unwrap(), z);
}

#[test]
fn large_hashes_restore_from_redis() {
    let payload = hex("04020266320276320266310276310a008b6523ec6bc03cf6");
    let limits = EncodingLimits {
        hash_max_listpack_entries: 1,
        ..EncodingLimits::default()
    };
    let value = restore(&payload, &limits).unwrap();
    assert_eq!(value.encoding(), "hashtable");
    let Value::Hash(h) = &value else { panic!() };
    assert!(h.get(b"f1").unwrap().eq_bytes(b"v1") && h.get(b"f2").unwrap().eq_bytes(b"v2"));
}

#[test]
fn bad_payloads_get_redis_errors() {
    let limits = EncodingLimits::default();
    let good = dump(&Value::string(b"hello"));
    assert_eq!(
        restore(b"short", &limits),
        Err(PayloadError::VersionOrChecksum)
    );
    let mut flipped = good.clone();
    flipped[3] ^= 1;
    assert_eq!(
        restore(&flipped, &limits),
        Err(PayloadError::VersionOrChecksum)
    );
    // A newer version than ringkv reads, with a correct checksum.
    let mut newer = good[..good.len() - 10].to_vec();
    newer.extend_from_slice(&12u16.to_le_bytes());
    let crc = crate::crc64::crc64(0, &newer);
    newer.extend_from_slice(&crc.to_le_bytes());
    assert_eq!(verify(&newer), Err(PayloadError::VersionOrChecksum));
    // A valid frame around a body that is not a value.
    let mut junk = vec![0x0f, 0x01, b'x'];
    junk.extend_from_slice(&10u16.to_le_bytes());
    let crc = crate::crc64::crc64(0, &junk);
    junk.extend_from_slice(&crc.to_le_bytes());
    assert_eq!(restore(&junk, &limits), Err(PayloadError::BadData));
    // An empty list is refused as Redis refuses it.
    let mut empty = vec![0x12, 0x00];
    empty.extend_from_slice(&10u16.to_le_bytes());
    let crc = crate::crc64::crc64(0, &empty);
    empty.extend_from_slice(&crc.to_le_bytes());
    assert_eq!(restore(&empty, &limits), Err(PayloadError::BadData));
}
