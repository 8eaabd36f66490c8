//! Parsing of score ranges (`1.5`, `(1.5`, `-inf`), lexical ranges (`[a`, `(a`, `-`, `+`) and
//! rank ranges, with Redis's rules and errors.

use engine::zset::{LexBound, ScoreBound};
use resp::Reply;

use crate::errors;

/// `min max` of ZRANGEBYSCORE and friends, or `ERR min or max is not a float`.
pub(super) fn score_range(min: &[u8], max: &[u8]) -> Result<(ScoreBound, ScoreBound), Reply> {
    match (score_bound(min), score_bound(max)) {
        (Some(min), Some(max)) => Ok((min, max)),
        _ => Err(errors::err(errors::MIN_MAX_NOT_FLOAT)),
    }
}

/// `min max` of ZRANGEBYLEX and friends, or `ERR min or max not valid string range item`.
pub(super) fn lex_range(min: &[u8], max: &[u8]) -> Result<(LexBound, LexBound), Reply> {
    match (lex_bound(min), lex_bound(max)) {
        (Some(min), Some(max)) => Ok((min, max)),
        _ => Err(errors::err(errors::MIN_MAX_NOT_LEX)),
    }
}

/// One score bound as Redis's `zslParseRange` reads it: an optional `(` for exclusive, then
/// a number as the C library's `strtod` reads it up to the first NUL (leading white space
/// skipped, overflow to ±inf and underflow accepted, NaN refused, the empty text being 0).
fn score_bound(arg: &[u8]) -> Option<ScoreBound> {
    match arg.split_first() {
        Some((b'(', rest)) => strtod_whole(rest).map(ScoreBound::Exclusive),
        _ => strtod_whole(arg).map(ScoreBound::Inclusive),
    }
}

/// `strtod(text, &end)` followed by Redis's `end[0] == '\0' && !isnan(value)` check.
fn strtod_whole(text: &[u8]) -> Option<f64> {
    // C sees the argument only up to its first NUL byte.
    let text = text.split(|&b| b == 0).next().unwrap_or_default();
    if text.is_empty() {
        // No conversion: strtod returns 0 and leaves `end` at the (empty) text.
        return Some(0.0);
    }
    let start = text.iter().position(|b| !is_c_space(*b))?;
    let number = &text[start..];
    if let Ok(value) = crate::parse::float(number) {
        return Some(value);
    }
    // Redis's float parser refuses what overflows or underflows; strtod here does not, it
    // gives ±inf or a (possibly zero) tiny value. Rust's parser agrees with strtod on those
    // decimal texts.
    let text = std::str::from_utf8(number).ok()?;
    let value: f64 = text.parse().ok()?;
    let plain = text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'));
    (plain && !value.is_nan()).then_some(value)
}

/// C's `isspace` in the "C" locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// One lexical bound as Redis's `zslParseLexRangeItem` reads it.
fn lex_bound(arg: &[u8]) -> Option<LexBound> {
    // `+` and `-` must stand alone, as C sees the text (up to a NUL).
    let alone = arg.get(1).is_none_or(|&b| b == 0);
    match arg.split_first()? {
        (b'+', _) if alone => Some(LexBound::Max),
        (b'-', _) if alone => Some(LexBound::Min),
        (b'(', rest) => Some(LexBound::Exclusive(rest.to_vec())),
        (b'[', rest) => Some(LexBound::Inclusive(rest.to_vec())),
        _ => None,
    }
}

/// Ranks `start..end` (end exclusive) of a `start stop` rank range over `len` members, with
/// negative indices counting from the end, as ZRANGE and ZREMRANGEBYRANK clamp them; `None`
/// when the range is empty.
pub(super) fn rank_span(start: i64, stop: i64, len: usize) -> Option<(usize, usize)> {
    let len = len as i64;
    let start = if start < 0 { len + start } else { start }.max(0);
    let stop = if stop < 0 { len + stop } else { stop };
    if start > stop || start >= len {
        return None;
    }
    let stop = stop.min(len - 1);
    Some((start as usize, stop as usize + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_bounds_follow_strtod() {
        assert_eq!(score_bound(b"1.5"), Some(ScoreBound::Inclusive(1.5)));
        assert_eq!(score_bound(b"(1.5"), Some(ScoreBound::Exclusive(1.5)));
        assert_eq!(score_bound(b""), Some(ScoreBound::Inclusive(0.0)));
        assert_eq!(score_bound(b"("), Some(ScoreBound::Exclusive(0.0)));
        assert_eq!(score_bound(b" 1"), Some(ScoreBound::Inclusive(1.0)));
        assert_eq!(score_bound(b"1\0x"), Some(ScoreBound::Inclusive(1.0)));
        assert_eq!(
            score_bound(b"1e500"),
            Some(ScoreBound::Inclusive(f64::INFINITY))
        );
        assert_eq!(
            score_bound(b"-inf"),
            Some(ScoreBound::Inclusive(f64::NEG_INFINITY))
        );
        assert_eq!(score_bound(b"1e-400"), Some(ScoreBound::Inclusive(0.0)));
        for bad in [&b"  "[..], b"nan", b"(nan", b"1 ", b"abc", b"1e", b"(("] {
            assert_eq!(score_bound(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn lex_bounds_need_a_prefix() {
        assert_eq!(lex_bound(b"-"), Some(LexBound::Min));
        assert_eq!(lex_bound(b"+"), Some(LexBound::Max));
        assert_eq!(lex_bound(b"+\0"), Some(LexBound::Max));
        assert_eq!(lex_bound(b"[a"), Some(LexBound::Inclusive(b"a".to_vec())));
        assert_eq!(lex_bound(b"("), Some(LexBound::Exclusive(Vec::new())));
        for bad in [&b""[..], b"a", b"+x", b"-x"] {
            assert_eq!(lex_bound(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn rank_spans_clamp_like_redis() {
        assert_eq!(rank_span(0, -1, 3), Some((0, 3)));
        assert_eq!(rank_span(-100, 100, 3), Some((0, 3)));
        assert_eq!(rank_span(2, 1, 3), None);
        assert_eq!(rank_span(3, 5, 3), None);
        assert_eq!(rank_span(0, -4, 3), None);
        assert_eq!(rank_span(i64::MIN, i64::MAX, 3), Some((0, 3)));
        assert_eq!(rank_span(0, 0, 0), None);
    }
}
