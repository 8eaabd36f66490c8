//! Stream ID arguments, parsed exactly as Redis 7.0 parses them (`streamGenericParseIDOrReply`):
//! `<ms>-<seq>` or `<ms>` (the sequence then defaults per command), `-` and `+` where allowed,
//! each number read by Redis's `string2ull` (a strict decimal, or else whatever C's `strtoull`
//! accepts: leading blanks, a sign, leading zeros).

use engine::stream::StreamId;
use resp::Reply;

use crate::errors;
use crate::parse::strtoull;

/// Redis copies an ID argument into a 128-byte buffer and rejects longer ones.
const MAX_ID_LEN: usize = 127;

/// An ID argument of XADD: `*`, `<ms>-*`, or a whole ID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddId {
    /// `*`: the next ID by the clock.
    Auto,
    /// `<ms>-*`: this millisecond, the next free sequence.
    AutoSeq(u64),
    /// An explicit ID.
    Exact(StreamId),
}

/// An ID where `-` (`0-0`) and `+` (the largest ID) are allowed; `<ms>` alone takes
/// `missing_seq` as its sequence.
pub(crate) fn parse_id(arg: &[u8], missing_seq: u64) -> Result<StreamId, Reply> {
    match arg {
        b"-" => Ok(StreamId::MIN),
        b"+" => Ok(StreamId::MAX),
        _ => parse_strict_id(arg, missing_seq),
    }
}

/// An ID where `-` and `+` are not allowed (XDEL, XADD's MINID, XSETID, XREAD, ...).
pub(crate) fn parse_strict_id(arg: &[u8], missing_seq: u64) -> Result<StreamId, Reply> {
    match parse_parts(arg, false)? {
        (ms, Some(Some(seq))) => Ok(StreamId::new(ms, seq)),
        (ms, None) => Ok(StreamId::new(ms, missing_seq)),
        (_, Some(None)) => Err(invalid()),
    }
}

/// XADD's ID argument (`*` is recognised by the option parser before this, as in Redis, but
/// is accepted here too).
pub(crate) fn parse_add_id(arg: &[u8]) -> Result<AddId, Reply> {
    if arg == b"*" {
        return Ok(AddId::Auto);
    }
    match parse_parts(arg, true)? {
        (ms, Some(Some(seq))) => Ok(AddId::Exact(StreamId::new(ms, seq))),
        (ms, Some(None)) => Ok(AddId::AutoSeq(ms)),
        (ms, None) => Ok(AddId::Exact(StreamId::new(ms, 0))),
    }
}

/// A range bound of XRANGE/XREVRANGE: `(` makes it exclusive (and strict); the result is the
/// inclusive bound and whether it was exclusive.
pub(crate) fn parse_interval_id(arg: &[u8], missing_seq: u64) -> Result<(StreamId, bool), Reply> {
    match arg.split_first() {
        Some((b'(', rest)) if !rest.is_empty() => Ok((parse_strict_id(rest, missing_seq)?, true)),
        _ => Ok((parse_id(arg, missing_seq)?, false)),
    }
}

/// The milliseconds and the sequence part: `None` when there is no `-`, `Some(None)` for a
/// `*` sequence (only when `seq_star` allows it).
fn parse_parts(arg: &[u8], seq_star: bool) -> Result<(u64, Option<Option<u64>>), Reply> {
    if arg.len() > MAX_ID_LEN || arg == b"-" || arg == b"+" {
        return Err(invalid());
    }
    // Redis works on a C string: an embedded NUL ends it.
    let arg = arg.split(|&b| b == 0).next().unwrap_or(&[]);
    let Some(dash) = arg.iter().position(|&b| b == b'-') else {
        return Ok((string2ull(arg).ok_or_else(invalid)?, None));
    };
    let ms = string2ull(&arg[..dash]).ok_or_else(invalid)?;
    let seq_part = &arg[dash + 1..];
    if seq_star && seq_part == b"*" {
        return Ok((ms, Some(None)));
    }
    let seq = string2ull(seq_part).ok_or_else(invalid)?;
    Ok((ms, Some(Some(seq))))
}

fn invalid() -> Reply {
    errors::err(errors::INVALID_STREAM_ID)
}

/// Redis's `string2ull`: a canonical signed 64-bit decimal (negative ones rejected), or else
/// C's `strtoull` over the whole text.
pub(crate) fn string2ull(text: &[u8]) -> Option<u64> {
    if let Some(n) = std::str::from_utf8(text)
        .ok()
        .filter(|t| is_canonical_i64(t))
        .and_then(|t| t.parse::<i64>().ok())
    {
        return u64::try_from(n).ok();
    }
    strtoull(text)
}

/// Whether Redis's `string2ll` would read `t` (no sign but `-`, no leading zeros, no blanks).
fn is_canonical_i64(t: &str) -> bool {
    let digits = t.strip_prefix('-').unwrap_or(t);
    if t == "0" {
        return true;
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0')
}
