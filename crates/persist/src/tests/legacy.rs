//! The encodings older Redis versions wrote, built by hand.

use engine::{EncodingLimits, Value};

use super::{hash, list, set, zset};
use crate::format::types;
use crate::listpack::ListpackWriter;
use crate::read::{load_value, Source};
use crate::write::{write_len, write_string};

fn load(t: u8, body: &[u8]) -> Value {
    let mut src = Source::new(body);
    load_value(&mut src, t, &EncodingLimits::default())
        .unwrap()
        .unwrap()
}

/// A ziplist of strings and small integers, as Redis 6 wrote them.
fn ziplist(items: &[&[u8]]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut prev = 0u8;
    for item in items {
        let start = body.len();
        body.push(prev);
        match engine::value::parse_i64(item).filter(|n| (0..=12).contains(n)) {
            Some(n) => body.push(0xF1 + n as u8),
            None => {
                body.push(item.len() as u8);
                body.extend_from_slice(item);
            }
        }
        prev = (body.len() - start) as u8;
    }
    let mut zl = ((11 + body.len()) as u32).to_le_bytes().to_vec();
    zl.extend_from_slice(&[0, 0, 0, 0]);
    zl.extend_from_slice(&(items.len() as u16).to_le_bytes());
    zl.extend_from_slice(&body);
    zl.push(0xFF);
    zl
}

fn blob(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    write_string(&mut out, bytes);
    out
}

#[test]
fn plain_lists_ziplists_and_quicklists_of_ziplists() {
    let limits = EncodingLimits::default();
    let expected = list(&[b"a", b"7", b"bc"], &limits);
    let mut plain = Vec::new();
    write_len(&mut plain, 3);
    for item in [&b"a"[..], b"7", b"bc"] {
        write_string(&mut plain, item);
    }
    assert_eq!(load(types::LIST, &plain), expected);
    let zl = ziplist(&[b"a", b"7", b"bc"]);
    assert_eq!(load(types::LIST_ZIPLIST, &blob(&zl)), expected);
    let mut quick = Vec::new();
    write_len(&mut quick, 2);
    write_string(&mut quick, &ziplist(&[b"a", b"7"]));
    write_string(&mut quick, &ziplist(&[b"bc"]));
    assert_eq!(load(types::LIST_QUICKLIST, &quick), expected);
    // A quicklist-2 with a plain node.
    let mut quick2 = Vec::new();
    write_len(&mut quick2, 2);
    write_len(&mut quick2, 2);
    let mut lp = ListpackWriter::new();
    lp.push_bytes(b"a");
    lp.push_bytes(b"7");
    write_string(&mut quick2, &lp.finish());
    write_len(&mut quick2, 1);
    write_string(&mut quick2, b"bc");
    assert_eq!(load(types::LIST_QUICKLIST_2, &quick2), expected);
}

#[test]
fn hashes_from_zipmaps_and_ziplists() {
    let expected = hash(&[(b"f", b"v"), (b"n", b"5")], &EncodingLimits::default());
    let zm = b"\x02\x01f\x01\x00v\x01n\x01\x00\x35\xff";
    assert_eq!(load(types::HASH_ZIPMAP, &blob(zm)), expected);
    let zl = ziplist(&[b"f", b"v", b"n", b"5"]);
    assert_eq!(load(types::HASH_ZIPLIST, &blob(&zl)), expected);
}

#[test]
fn sorted_sets_with_text_scores_and_ziplists() {
    let expected = zset(
        &[(1.5, b"a"), (f64::INFINITY, b"b"), (3.0, b"c")],
        &EncodingLimits::default(),
    );
    let mut text = Vec::new();
    write_len(&mut text, 3);
    write_string(&mut text, b"a");
    text.extend_from_slice(b"\x031.5");
    write_string(&mut text, b"b");
    text.push(254);
    write_string(&mut text, b"c");
    text.extend_from_slice(b"\x013");
    assert_eq!(load(types::ZSET, &text), expected);
    let zl = ziplist(&[b"a", b"1.5", b"c", b"3", b"b", b"inf"]);
    assert_eq!(load(types::ZSET_ZIPLIST, &blob(&zl)), expected);
}

#[test]
fn set_listpacks_from_redis_7_2() {
    let mut lp = ListpackWriter::new();
    for m in [&b"x"[..], b"10", b"yz"] {
        lp.push_bytes(m);
    }
    let expected = set(&[b"x", b"10", b"yz"], &EncodingLimits::default());
    assert_eq!(load(types::SET_LISTPACK, &blob(&lp.finish())), expected);
}
