//! `FieldValue`: one field and its value in a single allocation, the key type of the
//! `hashtable` encoding.
//!
//! Layout: the field's length as a LEB128 varint, the field, then the value. The table sees the
//! field through `AsRef<[u8]>` and stores no separate value (`V = ()`), so a slot is a hash and
//! a boxed slice (24 bytes) and each pair costs one heap allocation instead of two.

use std::fmt;

/// Most bytes a LEB128 varint of a `usize` takes.
const MAX_VARINT_LEN: usize = 10;

/// A field-value pair packed into one boxed buffer.
#[derive(Clone, PartialEq, Eq)]
pub(super) struct FieldValue(Box<[u8]>);

impl FieldValue {
    /// Packs `field` and `value`.
    pub(super) fn new(field: &[u8], value: &[u8]) -> FieldValue {
        let mut prefix = [0u8; MAX_VARINT_LEN];
        let prefix_len = write_varint(field.len(), &mut prefix);
        let mut bytes = Vec::with_capacity(prefix_len + field.len() + value.len());
        bytes.extend_from_slice(prefix.get(..prefix_len).unwrap_or_default());
        bytes.extend_from_slice(field);
        bytes.extend_from_slice(value);
        FieldValue(bytes.into_boxed_slice())
    }

    /// The field.
    pub(super) fn field(&self) -> &[u8] {
        let (start, end) = self.field_bounds();
        self.0.get(start..end).unwrap_or_default()
    }

    /// The value.
    pub(super) fn value(&self) -> &[u8] {
        let (_, end) = self.field_bounds();
        self.0.get(end..).unwrap_or_default()
    }

    /// Bytes allocated for the pair.
    pub(super) fn heap_size(&self) -> usize {
        self.0.len()
    }

    /// Where the field starts and ends in the buffer.
    fn field_bounds(&self) -> (usize, usize) {
        let (len, prefix_len) = read_varint(&self.0);
        (prefix_len, prefix_len.saturating_add(len))
    }
}

impl fmt::Debug for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("FieldValue")
            .field(&String::from_utf8_lossy(self.field()))
            .field(&String::from_utf8_lossy(self.value()))
            .finish()
    }
}

impl AsRef<[u8]> for FieldValue {
    /// The field: what the table hashes and compares.
    fn as_ref(&self) -> &[u8] {
        self.field()
    }
}

/// Writes `n` as LEB128 (7 bits a byte, low first) into `out`; returns the bytes written.
fn write_varint(mut n: usize, out: &mut [u8; MAX_VARINT_LEN]) -> usize {
    let mut written = 0;
    for byte in out.iter_mut() {
        written += 1;
        if n < 0x80 {
            *byte = n as u8;
            break;
        }
        *byte = (n as u8 & 0x7f) | 0x80;
        n >>= 7;
    }
    written
}

/// Reads a LEB128 `usize` from the front of `bytes`: the number and the bytes it took.
#[inline]
fn read_varint(bytes: &[u8]) -> (usize, usize) {
    // The common case, a field shorter than 128 bytes, in one byte.
    if let Some(&first) = bytes.first() {
        if first < 0x80 {
            return (usize::from(first), 1);
        }
    }
    let mut n = 0usize;
    for (i, &byte) in bytes.iter().take(MAX_VARINT_LEN).enumerate() {
        n |= usize::from(byte & 0x7f) << (7 * i);
        if byte < 0x80 {
            return (n, i + 1);
        }
    }
    (n, bytes.len().min(MAX_VARINT_LEN))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_and_value_round_trip_across_prefix_lengths() {
        for len in [0usize, 1, 127, 128, 300, 16_383, 16_384, 70_000] {
            let field = vec![b'f'; len];
            for value in [&b""[..], b"v", b"a longer value"] {
                let pair = FieldValue::new(&field, value);
                assert_eq!(pair.field(), &field[..], "field of length {len}");
                assert_eq!(pair.value(), value, "value after a field of length {len}");
                assert_eq!(pair.as_ref(), &field[..]);
            }
        }
    }

    #[test]
    fn one_allocation_holds_prefix_field_and_value() {
        let pair = FieldValue::new(b"field:0000001", b"value:0000001");
        assert_eq!(pair.heap_size(), 1 + 13 + 13);
    }

    #[test]
    fn varints_use_seven_bits_a_byte() {
        let mut buf = [0u8; MAX_VARINT_LEN];
        assert_eq!(write_varint(127, &mut buf), 1);
        assert_eq!(write_varint(128, &mut buf), 2);
        assert_eq!(read_varint(&buf[..2]), (128, 2));
        assert_eq!(write_varint(usize::MAX, &mut buf), MAX_VARINT_LEN);
        assert_eq!(read_varint(&buf), (usize::MAX, MAX_VARINT_LEN));
    }
}
