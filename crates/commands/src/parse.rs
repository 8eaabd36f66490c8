//! Argument parsers with Redis's exact rules and errors.

use resp::Reply;

use crate::errors;

/// An integer argument (`string2ll` rules), else `ERR value is not an integer or out of range`.
pub fn int(arg: &[u8]) -> Result<i64, Reply> {
    engine::value::parse_i64(arg).ok_or_else(|| errors::err(errors::NOT_INTEGER))
}

/// A float argument as Redis's `strtold`-based parsing accepts it (no NaN), else
/// `ERR value is not a valid float`.
pub fn float(arg: &[u8]) -> Result<f64, Reply> {
    parse_f64(arg).ok_or_else(|| errors::err(errors::NOT_FLOAT))
}

/// Parses a float as Redis's `string2d`/`getDoubleFromObject`: no spaces, no NaN, `inf` allowed.
pub fn parse_f64(arg: &[u8]) -> Option<f64> {
    if arg.is_empty() || arg[0].is_ascii_whitespace() || arg[arg.len() - 1].is_ascii_whitespace() {
        return None;
    }
    let text = std::str::from_utf8(arg).ok()?;
    let lower = text.to_ascii_lowercase();
    let value = match lower.trim_start_matches(['+', '-']) {
        "inf" | "infinity" => {
            if lower.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
        _ => text.parse::<f64>().ok()?,
    };
    if value.is_nan() {
        return None;
    }
    Some(value)
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

/// A float argument judged by the C library's `strtod` exactly as Redis's `string2d` judges
/// it (hex floats accepted, `1e500` and `1e-400` refused), else `ERR value is not a valid
/// float`. Prefer it to [`float`] where Redis parses with `getDoubleFromObject`.
pub fn float_strtod(arg: &[u8]) -> Result<f64, Reply> {
    crate::families::string::longdouble::string2d(arg).ok_or_else(|| errors::err(errors::NOT_FLOAT))
}
