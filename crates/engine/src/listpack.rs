//! Redis's listpack byte format (not ringkv's own `engine::Pack`): what RDB files carry for
//! small hashes, sorted sets and list nodes, and what stream nodes are kept in, so that a
//! stream's DUMP and its node splits are Redis's to the byte.
//!
//! Layout: total bytes (u32 LE), element count (u16 LE, 65535 when unknown), entries, `0xFF`.
//! Each entry is an encoding byte (plus length or integer bytes), the data, and a "backlen":
//! the size of encoding and data, written to be read backwards.
//!
//! A [`Listpack`] is always complete (header and end marker in place), so it can be appended
//! to, walked and edited in place; entries are addressed by byte offset, valid until the next
//! change before them.

use crate::value::parse_i64;

/// Bytes of the header.
pub const HEADER: usize = 6;
/// The end marker.
const EOF: u8 = 0xFF;
/// The element count that means "count them".
const COUNT_UNKNOWN: u16 = u16::MAX;

/// One element read from a listpack or ziplist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element<'a> {
    /// An integer entry.
    Int(i64),
    /// A string entry.
    Str(&'a [u8]),
}

impl Element<'_> {
    /// The element's bytes (integers in decimal).
    pub fn to_vec(&self) -> Vec<u8> {
        match *self {
            Element::Int(n) => n.to_string().into_bytes(),
            Element::Str(s) => s.to_vec(),
        }
    }

    /// The element as an integer: integer entries, and strings that spell one.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            Element::Int(n) => Some(n),
            Element::Str(s) => parse_i64(s),
        }
    }

    /// Whether the element's bytes equal `other` (integers compared in decimal).
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        match *self {
            Element::Str(s) => s == other,
            Element::Int(n) => parse_i64(other) == Some(n),
        }
    }
}

/// A listpack, with the encodings Redis picks for what is appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listpack {
    buf: Vec<u8>,
    count: usize,
}

impl Default for Listpack {
    fn default() -> Self {
        Listpack::new()
    }
}

impl Listpack {
    /// An empty listpack.
    pub fn new() -> Listpack {
        let mut lp = Listpack {
            buf: vec![0; HEADER],
            count: 0,
        };
        lp.buf.push(EOF);
        lp.write_header();
        lp
    }

    /// A listpack from its bytes, checking the structure (every entry decodes, sizes agree).
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Listpack> {
        let count = parse(&bytes).ok()?.len();
        Some(Listpack { buf: bytes, count })
    }

    /// Appends bytes as Redis's `lpAppend` does: as an integer when they spell one.
    pub fn push_bytes(&mut self, s: &[u8]) {
        match parse_i64(s) {
            Some(n) => self.push_int(n),
            None => self.push_str(s),
        }
    }

    /// Appends an integer in the smallest encoding that holds it.
    pub fn push_int(&mut self, v: i64) {
        let mut entry = Vec::with_capacity(10);
        encode_int(&mut entry, v);
        self.push_encoded(entry);
    }

    /// Appends a string entry (no integer conversion).
    pub fn push_str(&mut self, s: &[u8]) {
        let mut entry = Vec::with_capacity(s.len() + 6);
        encode_str(&mut entry, s);
        self.push_encoded(entry);
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Total size in bytes, header and end marker included (`lpBytes`).
    pub fn total_bytes(&self) -> usize {
        self.buf.len()
    }

    /// The listpack's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The finished listpack's bytes.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    /// The offset of the first entry, if any.
    pub fn first(&self) -> Option<usize> {
        (self.buf[HEADER] != EOF).then_some(HEADER)
    }

    /// The offset of the entry after the one at `at`, if any.
    pub fn next(&self, at: usize) -> Option<usize> {
        let (_, size) = entry(self.buf.get(at..)?)?;
        let next = at + size + backlen_size(size as u64);
        (*self.buf.get(next)? != EOF).then_some(next)
    }

    /// The offset of the last entry, if any.
    pub fn last(&self) -> Option<usize> {
        self.prev(self.buf.len() - 1)
    }

    /// The offset of the entry before the one at `at` (or before the end marker), if any.
    pub fn prev(&self, at: usize) -> Option<usize> {
        if at <= HEADER {
            return None;
        }
        // The backlen reads backwards: the byte just before `at` is its least significant
        // group; a set top bit means another, more significant group precedes it.
        let mut size: u64 = 0;
        let mut shift = 0;
        let mut p = at;
        loop {
            p -= 1;
            let byte = *self.buf.get(p)?;
            size |= u64::from(byte & 127) << shift;
            shift += 7;
            if byte & 128 == 0 || p <= HEADER {
                break;
            }
        }
        p.checked_sub(size as usize)
            .filter(|&start| start >= HEADER)
    }

    /// The element at `at`.
    pub fn get(&self, at: usize) -> Option<Element<'_>> {
        entry(self.buf.get(at..)?).map(|(element, _)| element)
    }

    /// The integer at `at`, when the entry there is one.
    pub fn get_int(&self, at: usize) -> Option<i64> {
        self.get(at).and_then(|e| e.as_int())
    }

    /// Replaces the entry at `at` with an integer (`lpReplaceInteger`); the entries after it
    /// move when the encoding's size changes. Returns the offset of the entry after it.
    pub fn replace_int(&mut self, at: usize, v: i64) -> Option<usize> {
        let (_, size) = entry(self.buf.get(at..)?)?;
        let old_len = size + backlen_size(size as u64);
        let mut encoded = Vec::with_capacity(10);
        encode_int(&mut encoded, v);
        finish_entry(&mut encoded);
        let new_len = encoded.len();
        self.buf.splice(at..at + old_len, encoded);
        self.write_header();
        (self.buf[at + new_len] != EOF).then_some(at + new_len)
    }

    /// Appends an encoded entry (without its backlen) before the end marker.
    fn push_encoded(&mut self, mut entry: Vec<u8>) {
        finish_entry(&mut entry);
        self.buf.pop();
        self.buf.extend_from_slice(&entry);
        self.buf.push(EOF);
        self.count += 1;
        self.write_header();
    }

    fn write_header(&mut self) {
        let total = self.buf.len() as u32;
        let count = u16::try_from(self.count).unwrap_or(COUNT_UNKNOWN);
        self.buf[0..4].copy_from_slice(&total.to_le_bytes());
        self.buf[4..6].copy_from_slice(&count.to_le_bytes());
    }
}

fn encode_int(b: &mut Vec<u8>, v: i64) {
    match v {
        0..=127 => b.push(v as u8),
        -4096..=4095 => {
            let u = (v as u64) & 0x1fff;
            b.extend_from_slice(&[0xC0 | (u >> 8) as u8, u as u8]);
        }
        -32768..=32767 => {
            b.push(0xF1);
            b.extend_from_slice(&(v as i16).to_le_bytes());
        }
        -8_388_608..=8_388_607 => {
            b.push(0xF2);
            b.extend_from_slice(&(v as i32).to_le_bytes()[..3]);
        }
        -2_147_483_648..=2_147_483_647 => {
            b.push(0xF3);
            b.extend_from_slice(&(v as i32).to_le_bytes());
        }
        _ => {
            b.push(0xF4);
            b.extend_from_slice(&v.to_le_bytes());
        }
    }
}

fn encode_str(b: &mut Vec<u8>, s: &[u8]) {
    let len = s.len();
    if len < 64 {
        b.push(0x80 | len as u8);
    } else if len < 4096 {
        b.extend_from_slice(&[0xE0 | (len >> 8) as u8, len as u8]);
    } else {
        b.push(0xF0);
        b.extend_from_slice(&(len as u32).to_le_bytes());
    }
    b.extend_from_slice(s);
}

/// Appends the backlen of the entry that `b` holds.
fn finish_entry(b: &mut Vec<u8>) {
    let l = b.len() as u64;
    let groups = backlen_size(l);
    // Most significant group first; every byte but the first has the top bit set.
    for i in (0..groups).rev() {
        let bits = ((l >> (7 * i)) & 127) as u8;
        b.push(if i == groups - 1 { bits } else { bits | 128 });
    }
}

/// Why a listpack's bytes were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed(pub &'static str);

/// The elements of a listpack, checking its structure.
pub fn parse(lp: &[u8]) -> Result<Vec<Element<'_>>, Malformed> {
    if lp.len() < HEADER + 1 {
        return Err(Malformed("too short"));
    }
    let total = u32::from_le_bytes([lp[0], lp[1], lp[2], lp[3]]) as usize;
    if total != lp.len() || lp[lp.len() - 1] != EOF {
        return Err(Malformed("size or end marker"));
    }
    let declared = u16::from_le_bytes([lp[4], lp[5]]);
    let mut elements = Vec::new();
    let mut p = HEADER;
    while lp[p] != EOF {
        let (element, size) = entry(&lp[p..lp.len() - 1]).ok_or(Malformed("entry"))?;
        let backlen = backlen_size(size as u64);
        if p + size + backlen >= lp.len() {
            return Err(Malformed("entry past the end"));
        }
        elements.push(element);
        p += size + backlen;
    }
    if p != lp.len() - 1 || (declared != COUNT_UNKNOWN && usize::from(declared) != elements.len()) {
        return Err(Malformed("element count"));
    }
    Ok(elements)
}

/// The element at the start of `p` and the size of its encoding and data.
fn entry(p: &[u8]) -> Option<(Element<'_>, usize)> {
    let b0 = *p.first()?;
    let int_le = |n: usize| -> Option<i64> {
        let bytes = p.get(1..1 + n)?;
        let mut raw = [0u8; 8];
        raw[..n].copy_from_slice(bytes);
        let shift = 64 - 8 * n as u32;
        // Sign-extend from n bytes.
        Some((i64::from_le_bytes(raw) << shift) >> shift)
    };
    let string = |hdr: usize, len: usize| -> Option<(Element<'_>, usize)> {
        Some((Element::Str(p.get(hdr..hdr + len)?), hdr + len))
    };
    match b0 {
        0x00..=0x7F => Some((Element::Int(i64::from(b0)), 1)),
        0x80..=0xBF => string(1, usize::from(b0 & 0x3F)),
        0xC0..=0xDF => {
            let u = (u16::from(b0 & 0x1F) << 8) | u16::from(*p.get(1)?);
            // Sign-extend the 13-bit value.
            Some((Element::Int(i64::from(((u << 3) as i16) >> 3)), 2))
        }
        0xE0..=0xEF => string(2, (usize::from(b0 & 0x0F) << 8) | usize::from(*p.get(1)?)),
        0xF0 => {
            let len = u32::from_le_bytes(p.get(1..5)?.try_into().ok()?) as usize;
            string(5, len)
        }
        0xF1 => Some((Element::Int(int_le(2)?), 3)),
        0xF2 => Some((Element::Int(int_le(3)?), 4)),
        0xF3 => Some((Element::Int(int_le(4)?), 5)),
        0xF4 => Some((Element::Int(int_le(8)?), 9)),
        _ => None,
    }
}

/// Bytes the backlen of an entry of `l` bytes takes.
fn backlen_size(l: u64) -> usize {
    match l {
        0..=127 => 1,
        128..=16382 => 2,
        16383..=2_097_150 => 3,
        2_097_151..=268_435_454 => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_the_bytes_redis_dumps_for_a_small_list() {
        // From redis-server 7.0: RPUSH l a 1 300 -5000, the node of DUMP l.
        let mut w = Listpack::new();
        for s in [&b"a"[..], b"1", b"300", b"-5000"] {
            w.push_bytes(s);
        }
        let expected = b"\x13\x00\x00\x00\x04\x00\x81a\x02\x01\x01\xc1,\x02\xf1x\xec\x03\xff";
        assert_eq!(w.finish(), expected.to_vec());
    }

    #[test]
    fn replacing_an_integer_moves_what_follows_when_its_size_changes() {
        let mut lp = Listpack::new();
        for s in [&b"127"[..], b"x", b"5"] {
            lp.push_bytes(s);
        }
        let first = lp.first().unwrap();
        lp.replace_int(first, 128).unwrap();
        let mut expected = Listpack::new();
        for s in [&b"128"[..], b"x", b"5"] {
            expected.push_bytes(s);
        }
        assert_eq!(lp, expected);
        assert_eq!(lp.get(lp.last().unwrap()), Some(Element::Int(5)));
    }

    fn element_strategy() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            any::<i64>().prop_map(|n| n.to_string().into_bytes()),
            (-5000i64..5000).prop_map(|n| n.to_string().into_bytes()),
            proptest::collection::vec(any::<u8>(), 0..100),
            (0usize..3).prop_map(|k| vec![b'x'; [63, 4095, 20000][k]]),
        ]
    }

    proptest! {
        #[test]
        fn round_trip_and_walks_both_ways(items in proptest::collection::vec(element_strategy(), 0..40)) {
            let mut w = Listpack::new();
            for item in &items {
                w.push_bytes(item);
            }
            prop_assert_eq!(w.total_bytes(), w.as_bytes().len());
            let forward: Vec<Vec<u8>> =
                std::iter::successors(w.first(), |&at| w.next(at)).map(|at| w.get(at).unwrap().to_vec()).collect();
            let mut backward: Vec<Vec<u8>> =
                std::iter::successors(w.last(), |&at| w.prev(at)).map(|at| w.get(at).unwrap().to_vec()).collect();
            backward.reverse();
            prop_assert_eq!(&forward, &items);
            prop_assert_eq!(&backward, &items);
            let lp = w.finish();
            let back: Vec<Vec<u8>> = parse(&lp).unwrap().iter().map(Element::to_vec).collect();
            prop_assert_eq!(back, items);
        }
    }
}
