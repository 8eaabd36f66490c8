//! Request parsing: RESP multibulk frames and inline commands, in place, resumable.
//!
//! The parser reports where each argument lies instead of copying it. A partial frame keeps its
//! progress in [`RequestParser`], so a 512 MB bulk arriving in 64 KiB reads is scanned once.

use crate::ProtocolError;

/// Longest inline request, and longest `*`/`$` header line, Redis accepts (PROTO_INLINE_MAX_SIZE).
pub const INLINE_MAX_LEN: usize = 64 * 1024;
/// Largest multibulk count a client that still has to authenticate may send.
const UNAUTH_MAX_MULTIBULK: i64 = 10;
/// Largest bulk length a client that still has to authenticate may send.
const UNAUTH_MAX_BULK: i64 = 16 * 1024;

/// Where one argument lies: a byte offset and a length, relative to the frame's first byte
/// (or to the scratch buffer, for inline commands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArgSpan {
    /// Offset of the argument's first byte.
    pub start: u32,
    /// Length of the argument in bytes.
    pub len: u32,
}

impl ArgSpan {
    /// The argument's bytes within `buf`.
    #[inline]
    pub fn of<'a>(&self, buf: &'a [u8]) -> &'a [u8] {
        &buf[self.start as usize..(self.start + self.len) as usize]
    }
}

/// Limits the parser enforces on every request.
#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    /// `proto-max-bulk-len`: the largest bulk string accepted.
    pub max_bulk_len: i64,
    /// Whether the client must still authenticate (tighter header limits then).
    pub auth_required: bool,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            max_bulk_len: 512 * 1024 * 1024,
            auth_required: false,
        }
    }
}

/// The outcome of one parse step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parsed {
    /// A whole multibulk command of `consumed` bytes; its spans index the input buffer.
    Frame { consumed: usize },
    /// A whole inline command of `consumed` bytes; its spans index the scratch buffer.
    Inline { consumed: usize },
    /// An empty request (`*0`, `*-1`, a blank line) of `consumed` bytes: nothing to run.
    Empty { consumed: usize },
    /// More bytes are needed; at least `need` bytes in all when known (0 when not).
    Incomplete { need: usize },
}

/// Progress through a multibulk frame that has not fully arrived.
#[derive(Debug, Clone, Copy)]
struct Partial {
    /// Arguments still to read.
    remaining: usize,
    /// Offset of the next unread byte of the frame.
    pos: usize,
}

/// A resumable request parser. One per connection.
#[derive(Debug, Default)]
pub struct RequestParser {
    partial: Option<Partial>,
    spans: Vec<ArgSpan>,
    scratch: Vec<u8>,
}

impl RequestParser {
    /// A parser with no request in progress.
    pub fn new() -> Self {
        Self::default()
    }

    /// The argument spans of the last complete command.
    pub fn spans(&self) -> &[ArgSpan] {
        &self.spans
    }

    /// The buffer holding the arguments of the last inline command.
    pub fn scratch(&self) -> &[u8] {
        &self.scratch
    }

    /// Whether a multibulk frame is partly read.
    pub fn in_progress(&self) -> bool {
        self.partial.is_some()
    }

    /// Parses the request that starts at `buf[0]`. `buf` must start at the same byte on every
    /// call until the request completes (the caller may append to it).
    pub fn parse(&mut self, buf: &[u8], limits: &RequestLimits) -> Result<Parsed, ProtocolError> {
        if self.partial.is_none() {
            if buf.is_empty() {
                return Ok(Parsed::Incomplete { need: 0 });
            }
            if buf[0] != b'*' {
                return self.parse_inline(buf);
            }
            self.spans.clear();
            match parse_multibulk_header(buf, limits)? {
                Header::Incomplete => return Ok(Parsed::Incomplete { need: 0 }),
                Header::Empty(consumed) => return Ok(Parsed::Empty { consumed }),
                Header::Count { count, pos } => {
                    // Reserve modestly: a hostile count must not allocate before data arrives.
                    self.spans.reserve(count.min(1024));
                    self.partial = Some(Partial {
                        remaining: count,
                        pos,
                    });
                }
            }
        }
        self.parse_bulks(buf, limits)
    }

    fn parse_bulks(&mut self, buf: &[u8], limits: &RequestLimits) -> Result<Parsed, ProtocolError> {
        let mut partial = self
            .partial
            .expect("parse_bulks runs only with a frame in progress");
        while partial.remaining > 0 {
            let rest = &buf[partial.pos..];
            let Some(cr) = memchr::memchr(b'\r', rest) else {
                if rest.len() > INLINE_MAX_LEN {
                    self.partial = None;
                    return Err(ProtocolError::TooBigBulkCount);
                }
                break;
            };
            if cr + 2 > rest.len() {
                break;
            }
            if rest[0] != b'$' {
                self.partial = None;
                return Err(ProtocolError::ExpectedDollar(rest[0] as char));
            }
            let len = match parse_i64(&rest[1..cr]) {
                Some(len) if len >= 0 && len <= limits.max_bulk_len => len,
                _ => {
                    self.partial = None;
                    return Err(ProtocolError::InvalidBulkLength);
                }
            };
            if limits.auth_required && len > UNAUTH_MAX_BULK {
                self.partial = None;
                return Err(ProtocolError::UnauthenticatedBulkLength);
            }
            let data_start = partial.pos + cr + 2;
            let data_end = data_start + len as usize;
            if buf.len() < data_end + 2 {
                self.partial = Some(partial);
                return Ok(Parsed::Incomplete { need: data_end + 2 });
            }
            if data_end > u32::MAX as usize {
                // Spans are 32-bit; proto-max-bulk-len is capped below 4 GiB by configuration.
                self.partial = None;
                return Err(ProtocolError::InvalidBulkLength);
            }
            self.spans.push(ArgSpan {
                start: data_start as u32,
                len: len as u32,
            });
            partial.pos = data_end + 2;
            partial.remaining -= 1;
        }
        if partial.remaining > 0 {
            self.partial = Some(partial);
            return Ok(Parsed::Incomplete { need: 0 });
        }
        self.partial = None;
        Ok(Parsed::Frame {
            consumed: partial.pos,
        })
    }

    fn parse_inline(&mut self, buf: &[u8]) -> Result<Parsed, ProtocolError> {
        let Some(newline) = memchr::memchr(b'\n', buf) else {
            if buf.len() > INLINE_MAX_LEN {
                return Err(ProtocolError::TooBigInline);
            }
            return Ok(Parsed::Incomplete { need: 0 });
        };
        let line_end = if newline > 0 && buf[newline - 1] == b'\r' {
            newline - 1
        } else {
            newline
        };
        self.spans.clear();
        self.scratch.clear();
        // Redis splits the line as a C string: it ends at the first NUL byte.
        let line = &buf[..line_end];
        let line = memchr::memchr(0, line).map_or(line, |nul| &line[..nul]);
        split_inline_args(line, &mut self.scratch, &mut self.spans)?;
        let consumed = newline + 1;
        if self.spans.is_empty() {
            return Ok(Parsed::Empty { consumed });
        }
        Ok(Parsed::Inline { consumed })
    }
}

enum Header {
    Incomplete,
    Empty(usize),
    Count { count: usize, pos: usize },
}

fn parse_multibulk_header(buf: &[u8], limits: &RequestLimits) -> Result<Header, ProtocolError> {
    let Some(cr) = memchr::memchr(b'\r', buf) else {
        if buf.len() > INLINE_MAX_LEN {
            return Err(ProtocolError::TooBigMultibulkCount);
        }
        return Ok(Header::Incomplete);
    };
    if cr + 2 > buf.len() {
        return Ok(Header::Incomplete);
    }
    let count = match parse_i64(&buf[1..cr]) {
        Some(count) if count <= i32::MAX as i64 => count,
        _ => return Err(ProtocolError::InvalidMultibulkLength),
    };
    if limits.auth_required && count > UNAUTH_MAX_MULTIBULK {
        return Err(ProtocolError::UnauthenticatedMultibulkLength);
    }
    if count <= 0 {
        return Ok(Header::Empty(cr + 2));
    }
    Ok(Header::Count {
        count: count as usize,
        pos: cr + 2,
    })
}

/// Parses a decimal integer exactly as Redis's `string2ll`: optional `-`, no `+`, no leading
/// zeros, no spaces, within i64.
pub(crate) fn parse_i64(s: &[u8]) -> Option<i64> {
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

/// Splits an inline request line into arguments with Redis's `sdssplitargs` rules: blanks
/// separate, `"..."` supports `\n \r \t \b \a \\ \" \xHH`, `'...'` supports `\'`, and a closing
/// quote must be followed by a blank or the end of the line.
fn split_inline_args(
    line: &[u8],
    out: &mut Vec<u8>,
    spans: &mut Vec<ArgSpan>,
) -> Result<(), ProtocolError> {
    let mut i = 0;
    loop {
        while i < line.len() && is_space(line[i]) {
            i += 1;
        }
        if i >= line.len() {
            return Ok(());
        }
        let start = out.len();
        i = split_one_arg(line, i, out)?;
        spans.push(ArgSpan {
            start: start as u32,
            len: (out.len() - start) as u32,
        });
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Reads one argument starting at `i`; returns the index after it.
fn split_one_arg(line: &[u8], mut i: usize, out: &mut Vec<u8>) -> Result<usize, ProtocolError> {
    let (mut in_double, mut in_single) = (false, false);
    loop {
        let Some(&c) = line.get(i) else {
            if in_double || in_single {
                return Err(ProtocolError::UnbalancedQuotes);
            }
            return Ok(i);
        };
        if in_double {
            if c == b'\\' && i + 3 < line.len() && line[i + 1] == b'x' {
                if let (Some(h), Some(l)) = (hex_value(line[i + 2]), hex_value(line[i + 3])) {
                    out.push(h * 16 + l);
                    i += 4;
                    continue;
                }
            }
            if c == b'\\' && i + 1 < line.len() {
                out.push(match line[i + 1] {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'b' => 0x08,
                    b'a' => 0x07,
                    other => other,
                });
                i += 2;
            } else if c == b'"' {
                if line.get(i + 1).is_some_and(|&n| !is_space(n)) {
                    return Err(ProtocolError::UnbalancedQuotes);
                }
                return Ok(i + 1);
            } else {
                out.push(c);
                i += 1;
            }
        } else if in_single {
            if c == b'\\' && line.get(i + 1) == Some(&b'\'') {
                out.push(b'\'');
                i += 2;
            } else if c == b'\'' {
                if line.get(i + 1).is_some_and(|&n| !is_space(n)) {
                    return Err(ProtocolError::UnbalancedQuotes);
                }
                return Ok(i + 1);
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            match c {
                b' ' | b'\n' | b'\r' | b'\t' => return Ok(i),
                b'"' => in_double = true,
                b'\'' => in_single = true,
                _ => out.push(c),
            }
            i += 1;
        }
    }
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests;
