//! Reply encoding for RESP2 and RESP3, appended to the connection's output buffer.

use crate::Reply;

/// The protocol version a connection speaks (`HELLO 2|3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Protocol {
    /// RESP2, the default.
    #[default]
    Resp2,
    /// RESP3, after `HELLO 3`.
    Resp3,
}

/// Appends `reply` to `out` in the given protocol.
pub fn encode(reply: &Reply, proto: Protocol, out: &mut Vec<u8>) {
    let resp3 = proto == Protocol::Resp3;
    match reply {
        Reply::Status(s) => line(out, b'+', s.as_bytes()),
        Reply::Error(e) => line(out, b'-', &sanitize(e.message())),
        Reply::Int(n) => write_int(out, *n),
        Reply::Bulk(b) => write_bulk(out, b),
        Reply::InlineBulk(b) => write_bulk(out, b.as_bytes()),
        Reply::Nil if resp3 => out.extend_from_slice(b"_\r\n"),
        Reply::Nil => out.extend_from_slice(b"$-1\r\n"),
        Reply::NilArray if resp3 => out.extend_from_slice(b"_\r\n"),
        Reply::NilArray => out.extend_from_slice(b"*-1\r\n"),
        Reply::Array(items) => encode_items(b'*', items, proto, out),
        Reply::Set(items) => encode_items(if resp3 { b'~' } else { b'*' }, items, proto, out),
        Reply::Push(items) => encode_items(if resp3 { b'>' } else { b'*' }, items, proto, out),
        Reply::Map(pairs) => {
            if resp3 {
                header(out, b'%', pairs.len());
            } else {
                header(out, b'*', pairs.len() * 2);
            }
            for (k, v) in pairs {
                encode(k, proto, out);
                encode(v, proto, out);
            }
        }
        Reply::Pairs(pairs) => {
            if resp3 {
                header(out, b'*', pairs.len());
            } else {
                header(out, b'*', pairs.len() * 2);
            }
            for (first, second) in pairs {
                if resp3 {
                    header(out, b'*', 2);
                }
                encode(first, proto, out);
                encode(second, proto, out);
            }
        }
        Reply::KeyedArrays(pairs) => {
            header(out, if resp3 { b'%' } else { b'*' }, pairs.len());
            for (key, value) in pairs {
                if !resp3 {
                    header(out, b'*', 2);
                }
                encode(key, proto, out);
                encode(value, proto, out);
            }
        }
        Reply::Double(d) => {
            let text = format_double(*d);
            if resp3 {
                line(out, b',', text.as_bytes());
            } else {
                write_bulk(out, text.as_bytes());
            }
        }
        Reply::Bool(b) if resp3 => out.extend_from_slice(if *b { b"#t\r\n" } else { b"#f\r\n" }),
        Reply::Bool(b) => write_int(out, *b as i64),
        Reply::Verbatim(format, text) if resp3 => {
            header(out, b'=', text.len() + 4);
            out.extend_from_slice(format.as_bytes());
            out.push(b':');
            out.extend_from_slice(text);
            out.extend_from_slice(b"\r\n");
        }
        Reply::Verbatim(_, text) => write_bulk(out, text),
        Reply::BigNumber(n) if resp3 => line(out, b'(', n),
        Reply::BigNumber(n) => write_bulk(out, n),
    }
}

fn encode_items(kind: u8, items: &[Reply], proto: Protocol, out: &mut Vec<u8>) {
    header(out, kind, items.len());
    for item in items {
        encode(item, proto, out);
    }
}

/// Error and status lines cannot carry CR or LF; Redis replaces them with spaces.
fn sanitize(message: &str) -> std::borrow::Cow<'_, [u8]> {
    if message.bytes().any(|b| b == b'\r' || b == b'\n') {
        message
            .bytes()
            .map(|b| if b == b'\r' || b == b'\n' { b' ' } else { b })
            .collect()
    } else {
        std::borrow::Cow::Borrowed(message.as_bytes())
    }
}

fn line(out: &mut Vec<u8>, kind: u8, body: &[u8]) {
    out.push(kind);
    out.extend_from_slice(body);
    out.extend_from_slice(b"\r\n");
}

fn header(out: &mut Vec<u8>, kind: u8, len: usize) {
    out.push(kind);
    push_decimal(out, len as i64);
    out.extend_from_slice(b"\r\n");
}

/// Appends an integer reply, `:<n>\r\n`.
#[inline]
pub fn write_int(out: &mut Vec<u8>, n: i64) {
    out.push(b':');
    push_decimal(out, n);
    out.extend_from_slice(b"\r\n");
}

/// Appends a bulk string reply, `$<len>\r\n<bytes>\r\n`.
#[inline]
pub fn write_bulk(out: &mut Vec<u8>, bytes: &[u8]) {
    out.reserve(bytes.len() + 16);
    header(out, b'$', bytes.len());
    out.extend_from_slice(bytes);
    out.extend_from_slice(b"\r\n");
}

fn push_decimal(out: &mut Vec<u8>, n: i64) {
    let mut buf = [0u8; 20];
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
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

/// Formats a double as Redis 7.0's replies do: `%.17g`, with `inf`, `-inf` and `nan`.
pub fn format_double(d: f64) -> String {
    if d.is_nan() {
        return "nan".to_string();
    }
    if d.is_infinite() {
        return if d > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    format_g(d, 17)
}

/// C's `%.<precision>g`.
fn format_g(d: f64, precision: usize) -> String {
    if d == 0.0 {
        return if d.is_sign_negative() { "-0" } else { "0" }.to_string();
    }
    let sci = format!("{:.*e}", precision - 1, d);
    let (mantissa, exp) = sci.split_once('e').expect("{:e} always has an exponent");
    let exp: i32 = exp.parse().expect("{:e} exponent is an integer");
    if exp < -4 || exp >= precision as i32 {
        let mantissa = trim_fraction_zeros(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exp.abs())
    } else {
        let decimals = (precision as i32 - 1 - exp).max(0) as usize;
        trim_fraction_zeros(&format!("{:.*}", decimals, d)).to_string()
    }
}

fn trim_fraction_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(r: &Reply, p: Protocol) -> String {
        let mut out = Vec::new();
        encode(r, p, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn doubles_print_like_percent_17g() {
        assert_eq!(format_double(0.1), "0.10000000000000001");
        assert_eq!(format_double(1.5), "1.5");
        assert_eq!(format_double(3.0), "3");
        assert_eq!(format_double(1e20), "1e+20");
        assert_eq!(format_double(1.0e-5), "1.0000000000000001e-05");
        assert_eq!(format_double(f64::INFINITY), "inf");
        assert_eq!(format_double(-2.5), "-2.5");
    }

    #[test]
    fn resp3_shapes_degrade_to_resp2() {
        let map = Reply::Map(vec![(Reply::bulk(b"a"), Reply::Int(1))]);
        assert_eq!(enc(&map, Protocol::Resp2), "*2\r\n$1\r\na\r\n:1\r\n");
        assert_eq!(enc(&map, Protocol::Resp3), "%1\r\n$1\r\na\r\n:1\r\n");
        assert_eq!(enc(&Reply::Nil, Protocol::Resp3), "_\r\n");
        assert_eq!(enc(&Reply::Bool(true), Protocol::Resp2), ":1\r\n");
        assert_eq!(enc(&Reply::Double(1.5), Protocol::Resp2), "$3\r\n1.5\r\n");
        assert_eq!(enc(&Reply::Double(1.5), Protocol::Resp3), ",1.5\r\n");
    }

    #[test]
    fn pairs_are_flat_in_resp2_and_nested_in_resp3() {
        let keyed = Reply::KeyedArrays(vec![(Reply::bulk(b"k"), Reply::Int(1))]);
        assert_eq!(
            enc(&keyed, Protocol::Resp2),
            "*1\r\n*2\r\n$1\r\nk\r\n:1\r\n"
        );
        assert_eq!(enc(&keyed, Protocol::Resp3), "%1\r\n$1\r\nk\r\n:1\r\n");
        let pairs = Reply::Pairs(vec![(Reply::bulk(b"a"), Reply::Double(1.0))]);
        assert_eq!(enc(&pairs, Protocol::Resp2), "*2\r\n$1\r\na\r\n$1\r\n1\r\n");
        assert_eq!(
            enc(&pairs, Protocol::Resp3),
            "*1\r\n*2\r\n$1\r\na\r\n,1\r\n"
        );
        assert_eq!(enc(&Reply::Pairs(Vec::new()), Protocol::Resp3), "*0\r\n");
    }

    #[test]
    fn integers_encode_at_the_extremes() {
        assert_eq!(
            enc(&Reply::Int(i64::MIN), Protocol::Resp2),
            ":-9223372036854775808\r\n"
        );
        assert_eq!(enc(&Reply::Int(0), Protocol::Resp2), ":0\r\n");
    }

    #[test]
    fn error_lines_never_carry_newlines() {
        let e = Reply::Error(crate::ReplyError::owned("ERR a\r\nb".into()));
        assert_eq!(enc(&e, Protocol::Resp2), "-ERR a  b\r\n");
    }
}
