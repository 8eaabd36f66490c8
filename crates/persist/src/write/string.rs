//! The RDB's primitive encodings, appended to a buffer: lengths, strings (integer-encoded or
//! LZF-compressed when Redis would) and binary doubles.

use engine::value::parse_i64;

use crate::format::enc;
use crate::lzf;

/// Strings longer than this are tried with LZF: shorter ones never gain.
const LZF_MIN_LEN: usize = 20;
/// Strings up to this long are tried as integers (`-2147483648` is 11 characters).
const INT_MAX_LEN: usize = 11;

/// Appends a length: 6, 14, 32 or 64 bits, big endian after the tag.
pub fn write_len(out: &mut Vec<u8>, len: u64) {
    if len < 1 << 6 {
        out.push(len as u8);
    } else if len < 1 << 14 {
        out.extend_from_slice(&[0x40 | (len >> 8) as u8, len as u8]);
    } else if let Ok(len) = u32::try_from(len) {
        out.push(0x80);
        out.extend_from_slice(&len.to_be_bytes());
    } else {
        out.push(0x81);
        out.extend_from_slice(&len.to_be_bytes());
    }
}

/// Appends a string as Redis's `rdbSaveRawString` with `rdbcompression yes`: a short
/// canonical integer within 32 bits as an integer encoding, a long string LZF-compressed when
/// that saves at least four bytes, else length and bytes.
pub fn write_string(out: &mut Vec<u8>, s: &[u8]) {
    if s.len() <= INT_MAX_LEN {
        if let Some(n) = parse_i64(s) {
            if write_small_int(out, n) {
                return;
            }
        }
    }
    if s.len() > LZF_MIN_LEN {
        if let Some(packed) = lzf::compress(s, s.len() - 4) {
            out.push(0xC0 | enc::LZF);
            write_len(out, packed.len() as u64);
            write_len(out, s.len() as u64);
            out.extend_from_slice(&packed);
            return;
        }
    }
    write_raw(out, s);
}

/// Appends a string without trying integer or LZF encodings.
pub fn write_raw(out: &mut Vec<u8>, s: &[u8]) {
    write_len(out, s.len() as u64);
    out.extend_from_slice(s);
}

/// Appends an integer as a string: an integer encoding when it fits 32 bits, else digits.
pub fn write_int(out: &mut Vec<u8>, n: i64) {
    if !write_small_int(out, n) {
        write_raw(out, n.to_string().as_bytes());
    }
}

/// Appends the 8, 16 or 32-bit integer encoding of `n`; false when it needs more bits.
fn write_small_int(out: &mut Vec<u8>, n: i64) -> bool {
    if let Ok(v) = i8::try_from(n) {
        out.extend_from_slice(&[0xC0 | enc::INT8, v as u8]);
    } else if let Ok(v) = i16::try_from(n) {
        out.push(0xC0 | enc::INT16);
        out.extend_from_slice(&v.to_le_bytes());
    } else if let Ok(v) = i32::try_from(n) {
        out.push(0xC0 | enc::INT32);
        out.extend_from_slice(&v.to_le_bytes());
    } else {
        return false;
    }
    true
}

/// Appends a double as 8 bytes, little endian (`ZSET_2` scores).
pub fn write_binary_double(out: &mut Vec<u8>, d: f64) {
    out.extend_from_slice(&d.to_le_bytes());
}
