//! The reply value model: what a command answers, before it is encoded for RESP2 or RESP3.

use std::borrow::Cow;

use bytes::Bytes;

/// An error reply: the message without the leading `-`, e.g. `ERR syntax error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplyError(pub Cow<'static, str>);

impl ReplyError {
    /// An error with a message known at compile time.
    pub const fn fixed(message: &'static str) -> Self {
        ReplyError(Cow::Borrowed(message))
    }

    /// An error with a message built at run time.
    pub fn owned(message: String) -> Self {
        ReplyError(Cow::Owned(message))
    }

    /// The full message, e.g. `WRONGTYPE Operation against ...`.
    pub fn message(&self) -> &str {
        &self.0
    }

    /// The error code: the first word (`ERR`, `WRONGTYPE`, ...), as INFO errorstats counts it.
    pub fn code(&self) -> &str {
        self.0.split(' ').next().unwrap_or("ERR")
    }
}

impl std::fmt::Display for ReplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Longest bulk string a [`Reply::InlineBulk`] holds.
pub const INLINE_BULK_MAX: usize = 30;

/// A short bulk string held in the reply itself: no allocation, no reference count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineBulk {
    len: u8,
    data: [u8; INLINE_BULK_MAX],
}

impl InlineBulk {
    /// `bytes` held inline, when short enough.
    #[inline]
    pub fn new(bytes: &[u8]) -> Option<Self> {
        if bytes.len() > INLINE_BULK_MAX {
            return None;
        }
        let mut data = [0u8; INLINE_BULK_MAX];
        data[..bytes.len()].copy_from_slice(bytes);
        Some(InlineBulk {
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

/// One reply. RESP3-only shapes degrade to their RESP2 forms when encoded for RESP2.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A simple string, `+OK`.
    Status(Cow<'static, str>),
    /// An error, `-ERR ...`.
    Error(ReplyError),
    /// An integer, `:1`.
    Int(i64),
    /// A bulk string.
    Bulk(Bytes),
    /// A short bulk string stored inline (same wire form as `Bulk`).
    InlineBulk(InlineBulk),
    /// A missing value: `$-1` in RESP2, `_` in RESP3.
    Nil,
    /// A missing array: `*-1` in RESP2, `_` in RESP3.
    NilArray,
    /// An array.
    Array(Vec<Reply>),
    /// A map: a flat array of pairs in RESP2.
    Map(Vec<(Reply, Reply)>),
    /// A set: an array in RESP2.
    Set(Vec<Reply>),
    /// Ordered pairs (ZRANGE ... WITHSCORES): an array of two-element arrays in RESP3, one
    /// flat array in RESP2. Not a map: the order matters and keys may repeat.
    Pairs(Vec<(Reply, Reply)>),
    /// Keyed results (XREAD, XREADGROUP): a map in RESP3, an array of two-element arrays in
    /// RESP2.
    KeyedArrays(Vec<(Reply, Reply)>),
    /// A double: a bulk string in RESP2.
    Double(f64),
    /// A boolean: the integer 1 or 0 in RESP2.
    Bool(bool),
    /// A verbatim string with a three-letter format (`txt`): a bulk string in RESP2.
    Verbatim(&'static str, Bytes),
    /// A big number: a bulk string in RESP2.
    BigNumber(Bytes),
    /// An out-of-band push message: an array in RESP2.
    Push(Vec<Reply>),
}

impl Reply {
    /// `+OK`.
    pub const OK: Reply = Reply::Status(Cow::Borrowed("OK"));

    /// A simple string known at compile time.
    pub const fn status(s: &'static str) -> Reply {
        Reply::Status(Cow::Borrowed(s))
    }

    /// An error reply with a fixed message.
    pub const fn error(message: &'static str) -> Reply {
        Reply::Error(ReplyError::fixed(message))
    }

    /// A bulk string copied from a slice (inline when short: no allocation).
    pub fn bulk(bytes: &[u8]) -> Reply {
        match InlineBulk::new(bytes) {
            Some(inline) => Reply::InlineBulk(inline),
            None => Reply::Bulk(Bytes::copy_from_slice(bytes)),
        }
    }

    /// The bytes of a bulk reply, inline or not.
    pub fn as_bulk(&self) -> Option<&[u8]> {
        match self {
            Reply::Bulk(b) => Some(b),
            Reply::InlineBulk(b) => Some(b.as_bytes()),
            _ => None,
        }
    }

    /// A bulk string from a static slice, without copying.
    pub const fn bulk_static(bytes: &'static [u8]) -> Reply {
        Reply::Bulk(Bytes::from_static(bytes))
    }

    /// A bulk string holding an integer's decimal form.
    pub fn bulk_int(value: i64) -> Reply {
        Reply::Bulk(Bytes::from(value.to_string()))
    }

    /// An array of bulk strings.
    pub fn bulk_array<I: IntoIterator<Item = Bytes>>(items: I) -> Reply {
        Reply::Array(items.into_iter().map(Reply::Bulk).collect())
    }

    /// Whether this reply is an error.
    pub fn is_error(&self) -> bool {
        matches!(self, Reply::Error(_))
    }
}

impl From<ReplyError> for Reply {
    fn from(e: ReplyError) -> Self {
        Reply::Error(e)
    }
}

/// Equality as the client sees it: a bulk string is equal whether it is held inline or not.
impl PartialEq for Reply {
    fn eq(&self, other: &Self) -> bool {
        use Reply::*;
        if let (Some(a), Some(b)) = (self.as_bulk(), other.as_bulk()) {
            return a == b;
        }
        match (self, other) {
            (Status(a), Status(b)) => a == b,
            (Error(a), Error(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Nil, Nil) | (NilArray, NilArray) => true,
            (Array(a), Array(b)) | (Set(a), Set(b)) | (Push(a), Push(b)) => a == b,
            (Map(a), Map(b)) | (Pairs(a), Pairs(b)) | (KeyedArrays(a), KeyedArrays(b)) => a == b,
            (Double(a), Double(b)) => a == b,
            (Bool(a), Bool(b)) => a == b,
            (Verbatim(f, a), Verbatim(g, b)) => f == g && a == b,
            (BigNumber(a), BigNumber(b)) => a == b,
            _ => false,
        }
    }
}
