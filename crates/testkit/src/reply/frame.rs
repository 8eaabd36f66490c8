//! Finding where one RESP2/RESP3 reply ends in a byte buffer, without decoding it.
//!
//! The differential runner compares raw bytes, so the reader must know exactly where a reply
//! ends, including nested aggregates, maps, attributes and RESP3 scalars.

/// Why a byte sequence is not a well-formed RESP reply.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// The first byte of an element is not a RESP2/RESP3 type marker.
    #[error("unknown reply type byte {byte:#04x} at offset {offset}")]
    UnknownType {
        /// The offending byte.
        byte: u8,
        /// Where it was found.
        offset: usize,
    },
    /// A length or count header is not a valid number.
    #[error("malformed length or number at offset {0}")]
    BadNumber(usize),
    /// A bulk payload is not followed by CRLF.
    #[error("missing CRLF after bulk payload at offset {0}")]
    MissingCrlf(usize),
}

/// Returns the length in bytes of the first complete reply in `buf`, or `None` when `buf` holds
/// only a prefix of it.
pub fn frame_len(buf: &[u8]) -> Result<Option<usize>, FrameError> {
    // Elements still expected by each open aggregate, innermost last. Iterative rather than
    // recursive so that a deeply nested reply cannot overflow the test thread's stack.
    let mut pending: Vec<u64> = Vec::new();
    let mut pos = 0;
    loop {
        let Some(element) = element_header(buf, pos)? else {
            return Ok(None);
        };
        pos = element.next;
        if element.children > 0 {
            pending.push(element.children);
            continue;
        }
        // A finished element may complete its parent, which completes its own parent, ...
        loop {
            match pending.last_mut() {
                None => return Ok(Some(pos)),
                Some(left) => {
                    *left -= 1;
                    if *left > 0 {
                        break;
                    }
                    pending.pop();
                }
            }
        }
    }
}

/// One element's header: where the next element starts and how many child elements follow.
struct Header {
    next: usize,
    children: u64,
}

fn element_header(buf: &[u8], pos: usize) -> Result<Option<Header>, FrameError> {
    let Some(&kind) = buf.get(pos) else {
        return Ok(None);
    };
    let Some(line_end) = find_crlf(buf, pos + 1) else {
        return Ok(None);
    };
    let line = &buf[pos + 1..line_end];
    let next = line_end + 2;
    let children = match kind {
        b'+' | b'-' | b':' | b',' | b'_' | b'#' | b'(' => 0,
        b'$' | b'!' | b'=' => {
            let len = parse_count(line, kind == b'$', pos)?;
            let Some(len) = len else {
                return Ok(Some(Header { next, children: 0 }));
            };
            let end = next + len as usize;
            if buf.len() < end + 2 {
                return Ok(None);
            }
            if &buf[end..end + 2] != b"\r\n" {
                return Err(FrameError::MissingCrlf(end));
            }
            return Ok(Some(Header {
                next: end + 2,
                children: 0,
            }));
        }
        b'*' | b'~' | b'>' => parse_count(line, kind == b'*', pos)?.unwrap_or(0),
        b'%' => parse_count(line, false, pos)?.unwrap_or(0) * 2,
        // An attribute is followed by the reply it annotates; both count as one element.
        b'|' => parse_count(line, false, pos)?.unwrap_or(0) * 2 + 1,
        byte => return Err(FrameError::UnknownType { byte, offset: pos }),
    };
    Ok(Some(Header { next, children }))
}

/// Parses a length header; `Ok(None)` is the RESP2 null (`-1`) where `null_ok` allows it.
fn parse_count(line: &[u8], null_ok: bool, pos: usize) -> Result<Option<u64>, FrameError> {
    if null_ok && line == b"-1" {
        return Ok(None);
    }
    let text = std::str::from_utf8(line).map_err(|_| FrameError::BadNumber(pos))?;
    let count: u64 = text.parse().map_err(|_| FrameError::BadNumber(pos))?;
    // Bound the count so that `next + len` cannot overflow on garbage input.
    if count > (1 << 40) {
        return Err(FrameError::BadNumber(pos));
    }
    Ok(Some(count))
}

/// Index of the first `\r\n` at or after `from`. A plain scan suffices: replies in tests are
/// small, and big bulks are skipped by their length header, not scanned.
fn find_crlf(buf: &[u8], from: usize) -> Option<usize> {
    let tail = buf.get(from..)?;
    tail.windows(2).position(|w| w == b"\r\n").map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(bytes: &[u8]) -> Option<usize> {
        frame_len(bytes).expect("well-formed")
    }

    #[test]
    fn simple_replies_end_at_their_crlf() {
        assert_eq!(len(b"+OK\r\nextra"), Some(5));
        assert_eq!(len(b":12\r\n"), Some(5));
        assert_eq!(len(b"-ERR x\r\n"), Some(8));
        assert_eq!(len(b"_\r\n"), Some(3));
        assert_eq!(len(b",1.5\r\n"), Some(6));
        assert_eq!(len(b"#t\r\n"), Some(4));
        assert_eq!(len(b"(123\r\n"), Some(6));
    }

    #[test]
    fn bulk_payload_may_contain_crlf() {
        assert_eq!(len(b"$4\r\na\r\nb\r\n"), Some(10));
        assert_eq!(len(b"$-1\r\n"), Some(5));
        assert_eq!(len(b"=7\r\ntxt:abc\r\n"), Some(13));
        assert_eq!(len(b"!3\r\nERR\r\n"), Some(9));
    }

    #[test]
    fn partial_replies_need_more_bytes() {
        assert_eq!(len(b""), None);
        assert_eq!(len(b"+OK\r"), None);
        assert_eq!(len(b"$5\r\nab"), None);
        assert_eq!(len(b"*2\r\n:1\r\n"), None);
        assert_eq!(len(b"%1\r\n+a\r\n"), None);
        assert_eq!(len(b"|1\r\n+k\r\n+v\r\n"), None);
    }

    #[test]
    fn nested_aggregates_end_after_their_last_child() {
        let reply = b"*2\r\n*2\r\n:1\r\n:2\r\n%1\r\n+k\r\n~1\r\n$1\r\nx\r\n+next\r\n";
        assert_eq!(len(reply), Some(reply.len() - 7));
        assert_eq!(len(b"*0\r\n:1\r\n"), Some(4));
        assert_eq!(len(b"*-1\r\n"), Some(5));
        assert_eq!(len(b">2\r\n+a\r\n+b\r\n"), Some(12));
    }

    #[test]
    fn attribute_counts_with_the_reply_it_annotates() {
        let reply = b"|1\r\n+key\r\n+val\r\n*1\r\n:1\r\n";
        assert_eq!(len(reply), Some(reply.len()));
    }

    #[test]
    fn garbage_is_an_error_not_a_hang() {
        assert!(frame_len(b"?x\r\n").is_err());
        assert!(frame_len(b"$x\r\n").is_err());
        assert!(frame_len(b"$1\r\nabc\r\n").is_err());
        assert!(frame_len(b"%-1\r\n").is_err());
    }
}
