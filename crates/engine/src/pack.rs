//! A packed sequence: strings, integers and floats back to back in one contiguous buffer, the
//! compact encoding of small lists, hashes, sets and sorted sets (Redis's listpack plays this
//! role; this is ringkv's own format).
//!
//! Each entry is `header | payload | backlen`:
//! - `header` is a varint `h`; its low two bits say the kind: `00` a string of `h >> 2` bytes,
//!   `01` an integer (zigzag of `h >> 2`, no payload), `10` an `f64` (8 bytes, little endian).
//! - `backlen` is the size of header and payload, written so it reads backwards from the end
//!   of the entry: that is what lets the sequence be walked from the tail (RPOP, LINDEX -1).
//!
//! Short strings cost two bytes more than their length, small integers two or three bytes in
//! all. Entries are found by byte offset, as with a listpack: offsets stay valid until the
//! next change.

use bytes::Bytes;

use crate::value::{format_i64, parse_i64};

const KIND_STR: u64 = 0;
const KIND_INT: u64 = 1;
const KIND_FLOAT: u64 = 2;

/// Integers with a magnitude below this are packed as integers; longer ones as their text.
const INT_LIMIT: i64 = 1 << 60;

/// One entry of a [`Pack`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PackItem<'a> {
    /// Bytes that are not a canonical integer (or an integer too large to pack).
    Str(&'a [u8]),
    /// A canonical decimal integer, held as its value.
    Int(i64),
    /// A float (sorted-set scores).
    Float(f64),
}

impl<'a> PackItem<'a> {
    /// The item an argument becomes: an integer when the bytes are a canonical one.
    pub fn from_bytes(bytes: &'a [u8]) -> PackItem<'a> {
        if bytes.len() <= 19 {
            if let Some(n) = parse_i64(bytes) {
                if (-INT_LIMIT..INT_LIMIT).contains(&n) {
                    return PackItem::Int(n);
                }
            }
        }
        PackItem::Str(bytes)
    }

    /// Runs `f` over the item's bytes (integers in decimal) without allocating.
    pub fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match *self {
            PackItem::Str(s) => f(s),
            PackItem::Int(n) => {
                let mut buf = [0u8; 20];
                f(format_i64(n, &mut buf))
            }
            PackItem::Float(x) => f(x.to_string().as_bytes()),
        }
    }

    /// The item's bytes, owned.
    pub fn to_bytes(&self) -> Bytes {
        match *self {
            PackItem::Str(s) => Bytes::copy_from_slice(s),
            _ => self.with_bytes(Bytes::copy_from_slice),
        }
    }

    /// The item's bytes as a vector.
    pub fn to_vec(&self) -> Vec<u8> {
        self.with_bytes(<[u8]>::to_vec)
    }

    /// Whether the item's bytes equal `other`.
    #[inline]
    pub fn eq_bytes(&self, other: &[u8]) -> bool {
        match *self {
            PackItem::Str(s) => s == other,
            // A canonical integer has exactly one spelling, and parse_i64 accepts only it.
            PackItem::Int(n) => other.len() <= 20 && parse_i64(other) == Some(n),
            PackItem::Float(_) => self.with_bytes(|b| b == other),
        }
    }

    /// The integer, when the item is one.
    pub fn as_int(&self) -> Option<i64> {
        match *self {
            PackItem::Int(n) => Some(n),
            PackItem::Str(s) => parse_i64(s),
            PackItem::Float(_) => None,
        }
    }

    /// The float, when the item is one.
    pub fn as_float(&self) -> Option<f64> {
        match *self {
            PackItem::Float(x) => Some(x),
            PackItem::Int(n) => Some(n as f64),
            PackItem::Str(_) => None,
        }
    }

    /// Length of the item's bytes.
    pub fn byte_len(&self) -> usize {
        match *self {
            PackItem::Str(s) => s.len(),
            _ => self.with_bytes(<[u8]>::len),
        }
    }
}

/// A packed sequence of items. Cloning copies one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pack {
    buf: Vec<u8>,
    len: usize,
}

impl Pack {
    /// An empty pack.
    pub fn new() -> Pack {
        Pack::default()
    }

    /// Number of entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no entries.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Bytes used by the entries (what `list-max-listpack-size` limits when negative).
    #[inline]
    pub fn byte_len(&self) -> usize {
        self.buf.len()
    }

    /// Heap bytes held, for memory accounting.
    pub fn heap_size(&self) -> usize {
        self.buf.capacity()
    }

    /// Offset of the first entry.
    #[inline]
    pub fn first(&self) -> Option<usize> {
        (!self.buf.is_empty()).then_some(0)
    }

    /// Offset of the last entry.
    pub fn last(&self) -> Option<usize> {
        self.prev(self.buf.len())
    }

    /// Offset of the entry after the one at `offset`.
    #[inline]
    pub fn next(&self, offset: usize) -> Option<usize> {
        let end = self.entry_end(offset);
        (end < self.buf.len()).then_some(end)
    }

    /// Offset of the entry before `offset` (which may be the end of the buffer).
    pub fn prev(&self, offset: usize) -> Option<usize> {
        if offset == 0 {
            return None;
        }
        let (size, backlen_len) = read_backlen(&self.buf[..offset]);
        Some(offset - backlen_len - size)
    }

    /// The item at `offset`.
    #[inline]
    pub fn get(&self, offset: usize) -> PackItem<'_> {
        decode(&self.buf[offset..]).0
    }

    /// The item at `offset` and the offset of the next entry.
    #[inline]
    pub fn get_next(&self, offset: usize) -> (PackItem<'_>, Option<usize>) {
        let (item, size) = decode(&self.buf[offset..]);
        let end = offset + size + backlen_size(size);
        (item, (end < self.buf.len()).then_some(end))
    }

    /// Offset of entry `index`; negative counts from the tail (-1 is the last).
    pub fn seek(&self, index: i64) -> Option<usize> {
        let len = self.len as i64;
        let index = if index < 0 { len + index } else { index };
        if index < 0 || index >= len {
            return None;
        }
        if index < len / 2 {
            let mut offset = 0;
            for _ in 0..index {
                offset = self.entry_end(offset);
            }
            Some(offset)
        } else {
            let mut offset = self.buf.len();
            for _ in index..len {
                offset = self.prev(offset)?;
            }
            Some(offset)
        }
    }

    /// Every item from the head.
    pub fn iter(&self) -> PackIter<'_> {
        PackIter {
            pack: self,
            front: 0,
            back: self.buf.len(),
        }
    }

    /// The first entry at or after `from`, stepping `1 + skip` entries at a time, whose bytes
    /// equal `needle` (hash fields: skip 1 to step over the values).
    pub fn find(&self, from: usize, needle: &[u8], skip: usize) -> Option<usize> {
        let needle_item = PackItem::from_bytes(needle);
        let mut offset = from;
        while offset < self.buf.len() {
            let (item, size) = decode(&self.buf[offset..]);
            let hit = match (item, needle_item) {
                (PackItem::Str(a), PackItem::Str(b)) => a == b,
                (PackItem::Int(a), PackItem::Int(b)) => a == b,
                (PackItem::Float(_), _) => item.eq_bytes(needle),
                _ => false,
            };
            if hit {
                return Some(offset);
            }
            offset += size + backlen_size(size);
            for _ in 0..skip {
                if offset >= self.buf.len() {
                    return None;
                }
                offset = self.entry_end(offset);
            }
        }
        None
    }

    /// Appends bytes (packed as an integer when canonical).
    pub fn push_back(&mut self, bytes: &[u8]) {
        self.insert_item(self.buf.len(), PackItem::from_bytes(bytes));
    }

    /// Prepends bytes.
    pub fn push_front(&mut self, bytes: &[u8]) {
        self.insert_item(0, PackItem::from_bytes(bytes));
    }

    /// Appends an item as it is.
    pub fn push_item(&mut self, item: PackItem<'_>) {
        self.insert_item(self.buf.len(), item);
    }

    /// Inserts bytes before the entry at `offset` (or at the end when `offset` is the
    /// buffer's length), returning the new entry's offset.
    pub fn insert(&mut self, offset: usize, bytes: &[u8]) -> usize {
        self.insert_item(offset, PackItem::from_bytes(bytes))
    }

    /// Inserts an item before the entry at `offset`, returning the new entry's offset.
    pub fn insert_item(&mut self, offset: usize, item: PackItem<'_>) -> usize {
        let mut entry = Vec::with_capacity(16);
        encode(item, &mut entry);
        self.buf.reserve_exact(entry.len());
        self.buf.splice(offset..offset, entry);
        self.len += 1;
        offset
    }

    /// Replaces the entry at `offset` with bytes; the offset stays valid.
    pub fn replace(&mut self, offset: usize, bytes: &[u8]) {
        self.replace_item(offset, PackItem::from_bytes(bytes));
    }

    /// Replaces the entry at `offset` with an item.
    pub fn replace_item(&mut self, offset: usize, item: PackItem<'_>) {
        let end = self.entry_end(offset);
        let mut entry = Vec::with_capacity(16);
        encode(item, &mut entry);
        if entry.len() > end - offset {
            self.buf.reserve_exact(entry.len() - (end - offset));
        }
        self.buf.splice(offset..end, entry);
    }

    /// Removes the entry at `offset`; the same offset now names the next entry, if any.
    pub fn remove(&mut self, offset: usize) {
        self.remove_range(offset, 1);
    }

    /// Removes up to `count` entries starting at `offset`, returning how many went.
    pub fn remove_range(&mut self, offset: usize, count: usize) -> usize {
        let mut end = offset;
        let mut removed = 0;
        while removed < count && end < self.buf.len() {
            end = self.entry_end(end);
            removed += 1;
        }
        self.buf.drain(offset..end);
        self.len -= removed;
        self.shrink();
        removed
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.buf = Vec::new();
        self.len = 0;
    }

    /// Offset just past the entry at `offset`.
    #[inline]
    fn entry_end(&self, offset: usize) -> usize {
        let (_, size) = decode(&self.buf[offset..]);
        offset + size + backlen_size(size)
    }

    /// Gives memory back after large removals so a drained pack does not pin its peak size.
    fn shrink(&mut self) {
        if self.buf.capacity() > 64 && self.buf.len() < self.buf.capacity() / 2 {
            self.buf.shrink_to_fit();
        }
    }
}

/// Iterator over a pack's items, from either end.
pub struct PackIter<'a> {
    pack: &'a Pack,
    front: usize,
    back: usize,
}

impl<'a> Iterator for PackIter<'a> {
    type Item = PackItem<'a>;

    #[inline]
    fn next(&mut self) -> Option<PackItem<'a>> {
        if self.front >= self.back {
            return None;
        }
        let (item, size) = decode(&self.pack.buf[self.front..]);
        self.front += size + backlen_size(size);
        Some(item)
    }
}

impl DoubleEndedIterator for PackIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front >= self.back {
            return None;
        }
        let offset = self.pack.prev(self.back)?;
        self.back = offset;
        Some(self.pack.get(offset))
    }
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(z: u64) -> i64 {
    ((z >> 1) as i64) ^ -((z & 1) as i64)
}

fn encode(item: PackItem<'_>, out: &mut Vec<u8>) {
    let start = out.len();
    match item {
        PackItem::Str(s) => {
            write_varint((s.len() as u64) << 2 | KIND_STR, out);
            out.extend_from_slice(s);
        }
        PackItem::Int(n) if (-INT_LIMIT..INT_LIMIT).contains(&n) => {
            write_varint(zigzag(n) << 2 | KIND_INT, out);
        }
        PackItem::Int(n) => {
            let mut buf = [0u8; 20];
            let text = format_i64(n, &mut buf);
            write_varint((text.len() as u64) << 2 | KIND_STR, out);
            out.extend_from_slice(text);
        }
        PackItem::Float(x) => {
            write_varint(KIND_FLOAT, out);
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    let size = out.len() - start;
    write_backlen(size, out);
}

/// The item at the start of `buf` and the size of its header and payload.
#[inline]
fn decode(buf: &[u8]) -> (PackItem<'_>, usize) {
    let (header, header_len) = read_varint(buf);
    match header & 3 {
        KIND_STR => {
            let len = (header >> 2) as usize;
            let end = header_len + len;
            (PackItem::Str(&buf[header_len..end]), end)
        }
        KIND_INT => (PackItem::Int(unzigzag(header >> 2)), header_len),
        _ => {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&buf[header_len..header_len + 8]);
            (PackItem::Float(f64::from_le_bytes(bytes)), header_len + 8)
        }
    }
}

#[inline]
fn write_varint(mut v: u64, out: &mut Vec<u8>) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline]
fn read_varint(buf: &[u8]) -> (u64, usize) {
    let mut value = 0u64;
    let mut shift = 0;
    for (i, &b) in buf.iter().enumerate() {
        value |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return (value, i + 1);
        }
        shift += 7;
    }
    (value, buf.len())
}

/// Bytes the backlen of an entry of `size` bytes takes.
#[inline]
fn backlen_size(size: usize) -> usize {
    match size {
        0..=0x7f => 1,
        0x80..=0x3fff => 2,
        0x4000..=0x1f_ffff => 3,
        0x20_0000..=0x0fff_ffff => 4,
        _ => 5,
    }
}

/// Writes `size` as 7-bit groups, highest first, so that the lowest group is the last byte;
/// every byte but the highest group's carries 0x80 to say "more to the left".
fn write_backlen(size: usize, out: &mut Vec<u8>) {
    let groups = backlen_size(size);
    for i in (0..groups).rev() {
        let group = ((size >> (7 * i)) & 0x7f) as u8;
        out.push(if i + 1 == groups { group } else { group | 0x80 });
    }
}

/// The size stored in the backlen ending `buf`, and the backlen's own length.
#[inline]
fn read_backlen(buf: &[u8]) -> (usize, usize) {
    let mut size = 0usize;
    let mut i = 0;
    loop {
        let b = buf[buf.len() - 1 - i];
        size |= ((b & 0x7f) as usize) << (7 * i);
        i += 1;
        if b & 0x80 == 0 || i == buf.len() {
            return (size, i);
        }
    }
}

#[cfg(test)]
mod tests;
