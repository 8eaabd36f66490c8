//! Redis's listpack byte format (not ringkv's own `engine::Pack`): what RDB files carry for
//! small hashes, sorted sets and list nodes.
//!
//! Layout: total bytes (u32 LE), element count (u16 LE, 65535 when unknown), entries, `0xFF`.
//! Each entry is an encoding byte (plus length or integer bytes), the data, and a "backlen":
//! the size of encoding and data, written to be read backwards.

use engine::value::parse_i64;

use crate::error::RdbError;

/// Bytes of the header.
const HEADER: usize = 6;
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
}

/// Builds a listpack entry by entry, with the encodings Redis picks.
#[derive(Debug, Clone)]
pub struct ListpackWriter {
    buf: Vec<u8>,
    count: usize,
}

impl Default for ListpackWriter {
    fn default() -> Self {
        ListpackWriter::new()
    }
}

impl ListpackWriter {
    /// An empty listpack.
    pub fn new() -> ListpackWriter {
        ListpackWriter {
            buf: vec![0; HEADER],
            count: 0,
        }
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
        let start = self.buf.len();
        let b = &mut self.buf;
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
        self.finish_entry(start);
    }

    /// Appends a string entry (no integer conversion).
    pub fn push_str(&mut self, s: &[u8]) {
        let start = self.buf.len();
        let len = s.len();
        if len < 64 {
            self.buf.push(0x80 | len as u8);
        } else if len < 4096 {
            self.buf
                .extend_from_slice(&[0xE0 | (len >> 8) as u8, len as u8]);
        } else {
            self.buf.push(0xF0);
            self.buf.extend_from_slice(&(len as u32).to_le_bytes());
        }
        self.buf.extend_from_slice(s);
        self.finish_entry(start);
    }

    /// Number of entries so far.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no entry was added.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The finished listpack.
    pub fn finish(mut self) -> Vec<u8> {
        self.buf.push(EOF);
        let total = self.buf.len() as u32;
        let count = u16::try_from(self.count).unwrap_or(COUNT_UNKNOWN);
        self.buf[0..4].copy_from_slice(&total.to_le_bytes());
        self.buf[4..6].copy_from_slice(&count.to_le_bytes());
        self.buf
    }

    /// Writes the backlen of the entry that started at `start`.
    fn finish_entry(&mut self, start: usize) {
        let l = (self.buf.len() - start) as u64;
        let groups = match l {
            0..=127 => 1,
            128..=16382 => 2,
            16383..=2_097_150 => 3,
            2_097_151..=268_435_454 => 4,
            _ => 5,
        };
        // Most significant group first; every byte but the first has the top bit set.
        for i in (0..groups).rev() {
            let bits = ((l >> (7 * i)) & 127) as u8;
            self.buf
                .push(if i == groups - 1 { bits } else { bits | 128 });
        }
        self.count += 1;
    }
}

/// The elements of a listpack, checking its structure.
pub fn parse(lp: &[u8]) -> Result<Vec<Element<'_>>, RdbError> {
    let bad = |what: &str| RdbError::corrupt(format!("listpack: {what}"));
    if lp.len() < HEADER + 1 {
        return Err(bad("too short"));
    }
    let total = u32::from_le_bytes([lp[0], lp[1], lp[2], lp[3]]) as usize;
    if total != lp.len() || lp[lp.len() - 1] != EOF {
        return Err(bad("size or end marker"));
    }
    let declared = u16::from_le_bytes([lp[4], lp[5]]);
    let mut elements = Vec::new();
    let mut p = HEADER;
    while lp[p] != EOF {
        let (element, size) = entry(&lp[p..lp.len() - 1]).ok_or_else(|| bad("entry"))?;
        let backlen = backlen_size(size as u64);
        if p + size + backlen >= lp.len() {
            return Err(bad("entry past the end"));
        }
        elements.push(element);
        p += size + backlen;
    }
    if p != lp.len() - 1 || (declared != COUNT_UNKNOWN && usize::from(declared) != elements.len()) {
        return Err(bad("element count"));
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
        let mut w = ListpackWriter::new();
        for s in [&b"a"[..], b"1", b"300", b"-5000"] {
            w.push_bytes(s);
        }
        let expected = b"\x13\x00\x00\x00\x04\x00\x81a\x02\x01\x01\xc1,\x02\xf1x\xec\x03\xff";
        assert_eq!(w.finish(), expected.to_vec());
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
        fn round_trip(items in proptest::collection::vec(element_strategy(), 0..40)) {
            let mut w = ListpackWriter::new();
            for item in &items {
                w.push_bytes(item);
            }
            let lp = w.finish();
            let back: Vec<Vec<u8>> = parse(&lp).unwrap().iter().map(Element::to_vec).collect();
            prop_assert_eq!(back, items);
        }
    }
}
