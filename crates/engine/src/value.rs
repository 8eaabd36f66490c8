//! Value types: strings here; the collections in their own modules.

use bytes::Bytes;

use crate::hash::HashValue;
use crate::list::ListValue;
use crate::set::SetValue;
use crate::stream::StreamValue;
use crate::zset::ZSetValue;

/// Strings up to this length are reported as `embstr`, as Redis does.
const EMBSTR_MAX_LEN: usize = 44;

/// A value stored under a key.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string (bytes, possibly held as an integer).
    Str(StrValue),
    /// A list.
    List(ListValue),
    /// A hash.
    Hash(HashValue),
    /// A set.
    Set(SetValue),
    /// A sorted set.
    ZSet(ZSetValue),
    /// A stream (boxed: it is larger than the slot every key pays for).
    Stream(Box<StreamValue>),
}

impl Value {
    /// The name `TYPE` reports.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "string",
            Value::List(_) => "list",
            Value::Hash(_) => "hash",
            Value::Set(_) => "set",
            Value::ZSet(_) => "zset",
            Value::Stream(_) => "stream",
        }
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match self {
            Value::Str(s) => s.encoding(),
            Value::List(l) => l.encoding(),
            Value::Hash(h) => h.encoding(),
            Value::Set(s) => s.encoding(),
            Value::ZSet(z) => z.encoding(),
            Value::Stream(_) => "stream",
        }
    }

    /// Whether the value is an empty collection, which Redis never keeps under a key.
    pub fn is_empty_collection(&self) -> bool {
        match self {
            Value::Str(_) => false,
            Value::List(l) => l.is_empty(),
            Value::Hash(h) => h.is_empty(),
            Value::Set(s) => s.is_empty(),
            Value::ZSet(z) => z.is_empty(),
            // An emptied stream stays, with its IDs and groups, as in Redis.
            Value::Stream(_) => false,
        }
    }

    /// A string value from bytes, with Redis's choice of encoding.
    pub fn string(bytes: &[u8]) -> Value {
        Value::Str(StrValue::from_bytes(bytes))
    }
}

/// A string value. The variant follows Redis's object encodings so `OBJECT ENCODING` agrees.
#[derive(Debug, Clone, PartialEq)]
pub enum StrValue {
    /// A canonical decimal integer (`int`).
    Int(i64),
    /// A short string held in the entry itself (`embstr`): no allocation, no pointer to chase.
    Inline(InlineStr),
    /// Immutable bytes as written by SET-like commands (`embstr` up to 44 bytes, else `raw`).
    Shared(Bytes),
    /// Bytes changed in place by APPEND or SETRANGE (`raw`), grown amortised.
    Growable(Vec<u8>),
}

impl StrValue {
    /// The encoding Redis picks for a freshly written string: `int` when the bytes are a
    /// canonical 64-bit integer of at most 20 characters.
    pub fn from_bytes(bytes: &[u8]) -> StrValue {
        if bytes.len() <= 20 {
            if let Some(n) = parse_i64(bytes) {
                return StrValue::Int(n);
            }
        }
        match InlineStr::new(bytes) {
            Some(inline) => StrValue::Inline(inline),
            None => StrValue::Shared(Bytes::copy_from_slice(bytes)),
        }
    }

    /// The string's bytes as a shareable buffer (no copy for `Shared`).
    pub fn to_bytes(&self) -> Bytes {
        match self {
            StrValue::Int(n) => Bytes::from(n.to_string()),
            StrValue::Inline(s) => Bytes::copy_from_slice(s.as_bytes()),
            StrValue::Shared(b) => b.clone(),
            StrValue::Growable(v) => Bytes::copy_from_slice(v),
        }
    }

    /// Runs `f` over the string's bytes without allocating.
    pub fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            StrValue::Int(n) => {
                let mut buf = [0u8; 20];
                f(format_i64(*n, &mut buf))
            }
            StrValue::Inline(s) => f(s.as_bytes()),
            StrValue::Shared(b) => f(b),
            StrValue::Growable(v) => f(v),
        }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        match self {
            StrValue::Int(n) => {
                let mut buf = [0u8; 20];
                format_i64(*n, &mut buf).len()
            }
            StrValue::Inline(s) => s.as_bytes().len(),
            StrValue::Shared(b) => b.len(),
            StrValue::Growable(v) => v.len(),
        }
    }

    /// Whether the string is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value as an integer, when it is one (Redis's `string2ll` rules).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            StrValue::Int(n) => Some(*n),
            StrValue::Inline(s) => parse_i64(s.as_bytes()),
            StrValue::Shared(b) => parse_i64(b),
            StrValue::Growable(v) => parse_i64(v),
        }
    }

    /// The bytes as a growable buffer, converting once (the value becomes `raw`).
    pub fn make_growable(&mut self) -> &mut Vec<u8> {
        if !matches!(self, StrValue::Growable(_)) {
            let bytes = self.with_bytes(|b| b.to_vec());
            *self = StrValue::Growable(bytes);
        }
        match self {
            StrValue::Growable(v) => v,
            _ => unreachable!("converted just above"),
        }
    }

    /// The name `OBJECT ENCODING` reports.
    pub fn encoding(&self) -> &'static str {
        match self {
            StrValue::Int(_) => "int",
            StrValue::Inline(_) => "embstr",
            StrValue::Shared(b) if b.len() <= EMBSTR_MAX_LEN => "embstr",
            StrValue::Shared(_) | StrValue::Growable(_) => "raw",
        }
    }
}

/// Longest string held inline.
pub const INLINE_MAX: usize = 30;

/// A string of at most [`INLINE_MAX`] bytes stored in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineStr {
    len: u8,
    data: [u8; INLINE_MAX],
}

impl InlineStr {
    /// `bytes` in place, when short enough.
    #[inline]
    pub fn new(bytes: &[u8]) -> Option<Self> {
        if bytes.len() > INLINE_MAX {
            return None;
        }
        let mut data = [0u8; INLINE_MAX];
        data[..bytes.len()].copy_from_slice(bytes);
        Some(InlineStr {
            len: bytes.len() as u8,
            data,
        })
    }

    /// The bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.data[..self.len as usize]
    }
}

/// Parses a decimal integer exactly as Redis's `string2ll`: optional `-`, no `+`, no leading
/// zeros, no spaces, within i64.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() > 20 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (negative, digits) = if s[0] == b'-' {
        (true, &s[1..])
    } else {
        (false, s)
    };
    if digits.is_empty() || !(b'1'..=b'9').contains(&digits[0]) {
        return None;
    }
    let mut value: u64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add((b - b'0') as u64)?;
    }
    if negative {
        if value > i64::MAX as u64 + 1 {
            return None;
        }
        Some((value as i64).wrapping_neg())
    } else {
        i64::try_from(value).ok()
    }
}

/// Writes `n` in decimal into `buf`, returning the used tail.
pub fn format_i64(n: i64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_fits_the_slot_a_string_needs() {
        // Every key pays for the largest variant: collections box what does not fit.
        assert!(std::mem::size_of::<Value>() <= 40);
        assert!(std::mem::size_of::<crate::Entry>() <= 56);
    }

    #[test]
    fn canonical_integers_are_int_encoded() {
        assert_eq!(StrValue::from_bytes(b"123").encoding(), "int");
        assert_eq!(
            StrValue::from_bytes(b"-9223372036854775808").encoding(),
            "int"
        );
        assert_eq!(StrValue::from_bytes(b"0123").encoding(), "embstr");
        assert_eq!(StrValue::from_bytes(b"+1").encoding(), "embstr");
        assert_eq!(StrValue::from_bytes(&[b'a'; 45]).encoding(), "raw");
    }

    #[test]
    fn int_strings_keep_their_bytes() {
        let v = StrValue::from_bytes(b"-42");
        assert_eq!(v.len(), 3);
        assert_eq!(&v.to_bytes()[..], b"-42");
        let mut v = v;
        v.make_growable().extend_from_slice(b"x");
        assert_eq!(&v.to_bytes()[..], b"-42x");
        assert_eq!(v.encoding(), "raw");
    }
}
