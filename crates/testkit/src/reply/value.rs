//! A decoded RESP2/RESP3 reply, for assertions that care about meaning rather than bytes.

use super::frame::FrameError;

/// One decoded reply. Text is kept as bytes: replies are binary-safe.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value {
    /// `+text`
    Simple(Vec<u8>),
    /// `-text`
    Error(Vec<u8>),
    /// `:n`
    Integer(i64),
    /// `$n payload`
    Bulk(Vec<u8>),
    /// `$-1`, the RESP2 null bulk.
    NullBulk,
    /// `*-1`, the RESP2 null array.
    NullArray,
    /// `_`, the RESP3 null.
    Null,
    /// `*n ...`
    Array(Vec<Value>),
    /// `%n ...`, pairs in wire order.
    Map(Vec<(Value, Value)>),
    /// `~n ...`
    Set(Vec<Value>),
    /// `>n ...`
    Push(Vec<Value>),
    /// `|n ...` followed by the reply the attributes annotate.
    Attribute {
        /// The attribute pairs.
        attrs: Vec<(Value, Value)>,
        /// The annotated reply.
        value: Box<Value>,
    },
    /// `,text`, kept as text so that `inf` and exact digits survive.
    Double(Vec<u8>),
    /// `#t` or `#f`
    Boolean(bool),
    /// `(digits`
    BigNumber(Vec<u8>),
    /// `=n fmt:text`
    Verbatim {
        /// The three-byte format, e.g. `txt`.
        format: Vec<u8>,
        /// The text after `fmt:`.
        text: Vec<u8>,
    },
    /// `!n payload`
    BlobError(Vec<u8>),
}

impl Value {
    /// Decodes the first reply in `buf`, returning it and the number of bytes it used.
    pub fn parse(buf: &[u8]) -> Result<(Value, usize), FrameError> {
        let mut pos = 0;
        let value = parse_at(buf, &mut pos)?;
        Ok((value, pos))
    }

    /// Decodes a buffer that must hold exactly one complete reply.
    pub fn decode(buf: &[u8]) -> Result<Value, FrameError> {
        let (value, used) = Value::parse(buf)?;
        if used != buf.len() {
            return Err(FrameError::BadNumber(used));
        }
        Ok(value)
    }

    /// True for `-` and `!` replies.
    pub fn is_error(&self) -> bool {
        matches!(self, Value::Error(_) | Value::BlobError(_))
    }

    /// The integer of a `:` reply.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }

    /// The bytes of a simple string, bulk string, verbatim text or error.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Simple(b) | Value::Bulk(b) | Value::Error(b) | Value::BlobError(b) => Some(b),
            Value::Verbatim { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The elements of an array, set or push reply.
    pub fn as_items(&self) -> Option<&[Value]> {
        match self {
            Value::Array(v) | Value::Set(v) | Value::Push(v) => Some(v),
            _ => None,
        }
    }

    /// True for every null form (RESP2 null bulk, null array, RESP3 null).
    pub fn is_null(&self) -> bool {
        matches!(self, Value::NullBulk | Value::NullArray | Value::Null)
    }

    /// The value stored under a simple-string or bulk key of a map reply.
    pub fn map_get(&self, key: &str) -> Option<&Value> {
        let Value::Map(pairs) = self else {
            return None;
        };
        let key = key.as_bytes();
        pairs
            .iter()
            .find(|(k, _)| k.as_bytes() == Some(key))
            .map(|(_, v)| v)
    }
}

fn parse_at(buf: &[u8], pos: &mut usize) -> Result<Value, FrameError> {
    let start = *pos;
    let kind = *buf.get(start).ok_or(FrameError::BadNumber(start))?;
    let line = read_line(buf, pos)?;
    let value = match kind {
        b'+' => Value::Simple(line.to_vec()),
        b'-' => Value::Error(line.to_vec()),
        b':' => Value::Integer(parse_num(line, start)?),
        b',' => Value::Double(line.to_vec()),
        b'(' => Value::BigNumber(line.to_vec()),
        b'_' => Value::Null,
        b'#' => Value::Boolean(line == b"t"),
        b'$' | b'!' | b'=' => parse_blob(kind, line, buf, pos, start)?,
        b'*' if line == b"-1" => Value::NullArray,
        b'*' => Value::Array(parse_items(buf, pos, parse_num(line, start)?)?),
        b'~' => Value::Set(parse_items(buf, pos, parse_num(line, start)?)?),
        b'>' => Value::Push(parse_items(buf, pos, parse_num(line, start)?)?),
        b'%' => Value::Map(parse_pairs(buf, pos, parse_num(line, start)?)?),
        b'|' => {
            let attrs = parse_pairs(buf, pos, parse_num(line, start)?)?;
            let value = Box::new(parse_at(buf, pos)?);
            Value::Attribute { attrs, value }
        }
        byte => {
            return Err(FrameError::UnknownType {
                byte,
                offset: start,
            })
        }
    };
    Ok(value)
}

fn parse_blob(
    kind: u8,
    line: &[u8],
    buf: &[u8],
    pos: &mut usize,
    start: usize,
) -> Result<Value, FrameError> {
    if kind == b'$' && line == b"-1" {
        return Ok(Value::NullBulk);
    }
    let len: usize = parse_num(line, start)?;
    let end = pos.checked_add(len).ok_or(FrameError::BadNumber(start))?;
    let payload = buf.get(*pos..end).ok_or(FrameError::BadNumber(start))?;
    if buf.get(end..end + 2) != Some(b"\r\n".as_slice()) {
        return Err(FrameError::MissingCrlf(end));
    }
    *pos = end + 2;
    Ok(match kind {
        b'$' => Value::Bulk(payload.to_vec()),
        b'!' => Value::BlobError(payload.to_vec()),
        _ => {
            let split = payload.len().min(3);
            let text_from = (split + 1).min(payload.len());
            Value::Verbatim {
                format: payload[..split].to_vec(),
                text: payload[text_from..].to_vec(),
            }
        }
    })
}

fn parse_items(buf: &[u8], pos: &mut usize, count: usize) -> Result<Vec<Value>, FrameError> {
    (0..count).map(|_| parse_at(buf, pos)).collect()
}

fn parse_pairs(
    buf: &[u8],
    pos: &mut usize,
    count: usize,
) -> Result<Vec<(Value, Value)>, FrameError> {
    (0..count)
        .map(|_| Ok((parse_at(buf, pos)?, parse_at(buf, pos)?)))
        .collect()
}

/// Returns the header line after the type byte and moves `pos` past its CRLF.
fn read_line<'a>(buf: &'a [u8], pos: &mut usize) -> Result<&'a [u8], FrameError> {
    let from = *pos + 1;
    let tail = buf.get(from..).ok_or(FrameError::BadNumber(*pos))?;
    let len = tail
        .windows(2)
        .position(|w| w == b"\r\n")
        .ok_or(FrameError::MissingCrlf(*pos))?;
    *pos = from + len + 2;
    Ok(&tail[..len])
}

fn parse_num<T: std::str::FromStr>(line: &[u8], offset: usize) -> Result<T, FrameError> {
    std::str::from_utf8(line)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(FrameError::BadNumber(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> Value {
        Value::decode(bytes).expect("well-formed")
    }

    #[test]
    fn resp2_scalars_decode_to_their_variants() {
        assert_eq!(decode(b"+OK\r\n"), Value::Simple(b"OK".to_vec()));
        assert_eq!(decode(b"-ERR no\r\n"), Value::Error(b"ERR no".to_vec()));
        assert_eq!(decode(b":-7\r\n"), Value::Integer(-7));
        assert_eq!(decode(b"$3\r\na\r\n\r\n"), Value::Bulk(b"a\r\n".to_vec()));
        assert_eq!(decode(b"$-1\r\n"), Value::NullBulk);
        assert_eq!(decode(b"*-1\r\n"), Value::NullArray);
    }

    #[test]
    fn resp3_types_decode_with_their_payloads() {
        assert_eq!(decode(b"_\r\n"), Value::Null);
        assert_eq!(decode(b"#f\r\n"), Value::Boolean(false));
        assert_eq!(decode(b",inf\r\n"), Value::Double(b"inf".to_vec()));
        assert_eq!(decode(b"(12345678901234567890\r\n").as_bytes(), None);
        let verbatim = decode(b"=9\r\ntxt:hello\r\n");
        assert_eq!(verbatim.as_bytes(), Some(b"hello".as_slice()));
        let map = decode(b"%2\r\n+a\r\n:1\r\n$1\r\nb\r\n~1\r\n:2\r\n");
        assert_eq!(map.map_get("a"), Some(&Value::Integer(1)));
        assert_eq!(map.map_get("b"), Some(&Value::Set(vec![Value::Integer(2)])));
    }

    #[test]
    fn attribute_wraps_the_following_reply() {
        let value = decode(b"|1\r\n+k\r\n+v\r\n:5\r\n");
        let Value::Attribute { attrs, value } = value else {
            panic!("not an attribute");
        };
        assert_eq!(attrs.len(), 1);
        assert_eq!(*value, Value::Integer(5));
    }

    #[test]
    fn trailing_bytes_make_decode_fail() {
        assert!(Value::decode(b"+OK\r\n+OK\r\n").is_err());
        assert_eq!(Value::parse(b"+OK\r\n+OK\r\n").map(|(_, n)| n), Ok(5));
    }
}
