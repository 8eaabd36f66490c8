//! Argument parsers with Redis's exact rules and errors.

use resp::Reply;

use crate::errors;

/// An integer argument (`string2ll` rules), else `ERR value is not an integer or out of range`.
pub fn int(arg: &[u8]) -> Result<i64, Reply> {
    engine::value::parse_i64(arg).ok_or_else(|| errors::err(errors::NOT_INTEGER))
}

/// A float argument judged by the C library's `strtod` exactly as Redis's `string2d` judges
/// it (no spaces, no NaN, hex floats accepted, `1e500` and `1e-400` refused), else
/// `ERR value is not a valid float`.
pub fn float(arg: &[u8]) -> Result<f64, Reply> {
    crate::families::string::longdouble::string2d(arg).ok_or_else(|| errors::err(errors::NOT_FLOAT))
}

/// Whether `arg` equals `keyword`, ignoring ASCII case.
#[inline]
pub fn is(arg: &[u8], keyword: &str) -> bool {
    arg.eq_ignore_ascii_case(keyword.as_bytes())
}

/// An integer argument that must fit in 32 bits, as Redis's `getIntFromObjectOrReply`: not an
/// integer gives `ERR value is not an integer or out of range`, outside i32 gives
/// `ERR value is out of range, value must between ...`.
pub fn int32(arg: &[u8]) -> Result<i32, Reply> {
    let value = int(arg)?;
    i32::try_from(value).map_err(|_| errors::err(errors::INT32_OUT_OF_RANGE))
}

/// C's `strtoull` in base 10, failing unless it consumes all of a non-empty text: leading
/// blanks, one sign (a `-` negates modulo 2^64), at least one digit, no overflow.
pub(crate) fn strtoull(text: &[u8]) -> Option<u64> {
    let mut rest = text;
    while let Some((&b, tail)) = rest.split_first() {
        if !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            break;
        }
        rest = tail;
    }
    let negative = rest.first() == Some(&b'-');
    if matches!(rest.first(), Some(b'-') | Some(b'+')) {
        rest = &rest[1..];
    }
    if rest.is_empty() || !rest.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut value: u64 = 0;
    for &digit in rest {
        value = value
            .checked_mul(10)?
            .checked_add(u64::from(digit - b'0'))?;
    }
    Some(if negative {
        value.wrapping_neg()
    } else {
        value
    })
}
