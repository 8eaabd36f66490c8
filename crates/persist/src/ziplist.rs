//! Read-only parsers for the compact formats older Redis versions wrote: the ziplist (lists,
//! hashes and sorted sets before 7.0) and the zipmap (hashes before 2.6).

use crate::error::RdbError;
use crate::listpack::Element;

/// Bytes of a ziplist header: total bytes, tail offset (u32 LE each), count (u16 LE).
const HEADER: usize = 10;
/// The end marker of both formats.
const END: u8 = 0xFF;

/// The elements of a ziplist, checking its structure.
pub fn parse(zl: &[u8]) -> Result<Vec<Element<'_>>, RdbError> {
    let bad = |what: &str| RdbError::corrupt(format!("ziplist: {what}"));
    if zl.len() < HEADER + 1 {
        return Err(bad("too short"));
    }
    let total = u32::from_le_bytes([zl[0], zl[1], zl[2], zl[3]]) as usize;
    if total != zl.len() || zl[zl.len() - 1] != END {
        return Err(bad("size or end marker"));
    }
    let declared = u16::from_le_bytes([zl[8], zl[9]]);
    let mut elements = Vec::new();
    let mut p = HEADER;
    while zl[p] != END {
        let (element, size) = entry(&zl[p..zl.len() - 1]).ok_or_else(|| bad("entry"))?;
        elements.push(element);
        p += size;
    }
    if declared != u16::MAX && usize::from(declared) != elements.len() {
        return Err(bad("element count"));
    }
    Ok(elements)
}

/// The element at the start of `p` (its previous-length field first) and its total size.
fn entry(p: &[u8]) -> Option<(Element<'_>, usize)> {
    let prevlen = if *p.first()? < 254 { 1 } else { 5 };
    let q = p.get(prevlen..)?;
    let enc = *q.first()?;
    let string = |hdr: usize, len: usize| -> Option<(Element<'_>, usize)> {
        Some((Element::Str(q.get(hdr..hdr + len)?), prevlen + hdr + len))
    };
    let int = |n: usize| -> Option<(Element<'_>, usize)> {
        let bytes = q.get(1..1 + n)?;
        let mut raw = [0u8; 8];
        raw[..n].copy_from_slice(bytes);
        let shift = 64 - 8 * n as u32;
        Some((
            Element::Int((i64::from_le_bytes(raw) << shift) >> shift),
            prevlen + 1 + n,
        ))
    };
    match enc >> 6 {
        0 => string(1, usize::from(enc & 0x3F)),
        1 => string(2, (usize::from(enc & 0x3F) << 8) | usize::from(*q.get(1)?)),
        2 => {
            let len = u32::from_be_bytes(q.get(1..5)?.try_into().ok()?) as usize;
            string(5, len)
        }
        _ => match enc {
            0xC0 => int(2),
            0xD0 => int(4),
            0xE0 => int(8),
            0xF0 => int(3),
            0xFE => int(1),
            0xF1..=0xFD => Some((Element::Int(i64::from(enc & 0x0F) - 1), prevlen + 1)),
            _ => None,
        },
    }
}

/// A field and its value, borrowed from a zipmap.
pub type ZipmapPair<'a> = (&'a [u8], &'a [u8]);

/// The field/value pairs of a zipmap, checking its structure.
pub fn parse_zipmap(zm: &[u8]) -> Result<Vec<ZipmapPair<'_>>, RdbError> {
    let bad = || RdbError::corrupt("zipmap: malformed");
    let mut pairs = Vec::new();
    let mut p = 1; // the first byte is a count hint
    loop {
        match zm.get(p) {
            Some(&END) => break,
            None => return Err(bad()),
            Some(_) => {}
        }
        let (field_len, used) = zipmap_len(&zm[p..]).ok_or_else(bad)?;
        p += used;
        let field = zm.get(p..p + field_len).ok_or_else(bad)?;
        p += field_len;
        let (value_len, used) = zipmap_len(zm.get(p..).ok_or_else(bad)?).ok_or_else(bad)?;
        p += used;
        let free = usize::from(*zm.get(p).ok_or_else(bad)?);
        p += 1;
        let value = zm.get(p..p + value_len).ok_or_else(bad)?;
        p += value_len + free;
        pairs.push((field, value));
    }
    if p != zm.len() - 1 {
        return Err(bad());
    }
    Ok(pairs)
}

/// A zipmap length: one byte below 254, else 254 and four bytes (little endian).
fn zipmap_len(p: &[u8]) -> Option<(usize, usize)> {
    match *p.first()? {
        n @ 0..=253 => Some((usize::from(n), 1)),
        254 => Some((
            u32::from_le_bytes(p.get(1..5)?.try_into().ok()?) as usize,
            5,
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A ziplist built by hand: prevlen, encoding, data for each entry.
    fn ziplist(entries: &[&[u8]]) -> Vec<u8> {
        let mut body = Vec::new();
        let mut prev = 0usize;
        for e in entries {
            let start = body.len();
            if prev < 254 {
                body.push(prev as u8);
            } else {
                body.push(254);
                body.extend_from_slice(&(prev as u32).to_le_bytes());
            }
            body.extend_from_slice(e);
            prev = body.len() - start;
        }
        let total = HEADER + body.len() + 1;
        let mut zl = (total as u32).to_le_bytes().to_vec();
        zl.extend_from_slice(&0u32.to_le_bytes());
        zl.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        zl.extend_from_slice(&body);
        zl.push(END);
        zl
    }

    #[test]
    fn every_ziplist_encoding_reads() {
        let long = [&[0x40u8, 100][..], &[b'y'; 100]].concat();
        let zl = ziplist(&[
            b"\x03abc",
            b"\xf1",
            b"\xfd",
            b"\xfe\x80",
            b"\xc0\x01\x80",
            b"\xf0\x00\x00\x80",
            b"\xd0\x00\x00\x00\x80",
            b"\xe0\x00\x00\x00\x00\x00\x00\x00\x80",
            &long,
        ]);
        let got = parse(&zl).unwrap();
        assert_eq!(
            &got[..8],
            &[
                Element::Str(b"abc"),
                Element::Int(0),
                Element::Int(12),
                Element::Int(-128),
                Element::Int(-32767),
                Element::Int(-8388608),
                Element::Int(i64::from(i32::MIN)),
                Element::Int(i64::MIN),
            ]
        );
        assert_eq!(got[8], Element::Str(&[b'y'; 100]));
    }

    #[test]
    fn zipmaps_read_with_free_space() {
        let zm = b"\x02\x01a\x02\x00xy\x01b\x01\x02z\x00\x00\xff";
        assert_eq!(
            parse_zipmap(zm).unwrap(),
            vec![(&b"a"[..], &b"xy"[..]), (&b"b"[..], &b"z"[..])]
        );
        assert!(parse_zipmap(b"\x01\x01a").is_err());
    }
}
