//! Safe wrappers over `csrc/longdouble.c`.
//!
//! Why C: Redis computes INCRBYFLOAT in C's `long double` (80-bit extended precision on
//! x86-64) and prints it with `%.17Lf`; Rust has no such type, and f64 gives other digits
//! (`INCRBYFLOAT k 0.1` then `0.2` must answer `0.3`). Float arguments go through the C
//! library's `strtod` for the same reason: it decides what Redis accepts (hex floats, `1e500`).

use std::os::raw::{c_char, c_int};

use bytes::Bytes;

/// Redis's `MAX_LONG_DOUBLE_CHARS`: room for any long double printed with `%.17Lf`.
const LD_TEXT_MAX: usize = 5 * 1024;

/// Texts shorter than this are NUL-terminated on the stack before `strtod`.
const STACK_TEXT_MAX: usize = 128;

extern "C" {
    fn ringkv_incrbyfloat(
        current: *const c_char,
        current_len: usize,
        incr: *const c_char,
        incr_len: usize,
        out: *mut c_char,
        out_cap: usize,
    ) -> c_int;

    fn ringkv_string2d(text: *const c_char, len: usize, out: *mut f64) -> c_int;

    fn ringkv_sort_strtod(text: *const c_char, out: *mut f64) -> c_int;

    fn ringkv_timeout_ms(text: *const c_char, len: usize, out: *mut i64) -> c_int;
}

/// Why an INCRBYFLOAT could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncrFloatError {
    /// The stored value is not a valid float.
    BadCurrent,
    /// The increment is not a valid float.
    BadIncrement,
    /// The sum is NaN or infinite.
    NanOrInfinity,
}

/// `current + incr` computed and printed exactly as Redis's INCRBYFLOAT (and HINCRBYFLOAT)
/// does; `current` is `None` for a missing key, which counts as 0.
pub fn incr_by_float(current: Option<&[u8]>, incr: &[u8]) -> Result<Bytes, IncrFloatError> {
    let current = current.unwrap_or(b"0");
    let mut out = vec![0u8; LD_TEXT_MAX];
    // SAFETY: both inputs are valid for their lengths and only read; `out` is writable for
    // `out.len()` bytes, and the shim writes at most that many (snprintf is bounded).
    let written = unsafe {
        ringkv_incrbyfloat(
            current.as_ptr().cast(),
            current.len(),
            incr.as_ptr().cast(),
            incr.len(),
            out.as_mut_ptr().cast(),
            out.len(),
        )
    };
    match written {
        -1 => Err(IncrFloatError::BadCurrent),
        -2 => Err(IncrFloatError::BadIncrement),
        -3 => Err(IncrFloatError::NanOrInfinity),
        // No room cannot happen with LD_TEXT_MAX bytes; Redis then stores an empty string.
        n if n < 0 => Ok(Bytes::new()),
        n => {
            out.truncate(n as usize);
            Ok(Bytes::from(out))
        }
    }
}

/// Parses a float as Redis's `string2d` (the C library's `strtod`, whole text consumed, no
/// leading space, no overflow, no underflow to zero, no NaN).
pub fn string2d(text: &[u8]) -> Option<f64> {
    // strtod reads up to a NUL: an embedded one would end the text early, which Redis rejects.
    if text.is_empty() || text.contains(&0) {
        return None;
    }
    let mut stack = [0u8; STACK_TEXT_MAX];
    let heap;
    let terminated: &[u8] = if text.len() < STACK_TEXT_MAX {
        stack[..text.len()].copy_from_slice(text);
        &stack[..=text.len()]
    } else {
        heap = [text, b"\0"].concat();
        &heap
    };
    let mut value = 0.0f64;
    // SAFETY: `terminated` is NUL-terminated after `text.len()` bytes, and `value` is a valid
    // place for one f64.
    let ok = unsafe { ringkv_string2d(terminated.as_ptr().cast(), text.len(), &mut value) };
    (ok == 1).then_some(value)
}

/// Parses a sort key as SORT does: `strtod` over the text up to its first NUL, leading space
/// allowed, the empty text is 0, overflow, underflow and NaN refused.
pub fn sort_strtod(text: &[u8]) -> Option<f64> {
    let text = text
        .iter()
        .position(|&b| b == 0)
        .map_or(text, |nul| &text[..nul]);
    let terminated = [text, b"\0"].concat();
    let mut value = 0.0f64;
    // SAFETY: `terminated` ends with a NUL and holds no other, and `value` is a valid place
    // for one f64.
    let ok = unsafe { ringkv_sort_strtod(terminated.as_ptr().cast(), &mut value) };
    (ok == 1).then_some(value)
}

/// A timeout in seconds as whole milliseconds, computed as Redis 7.0 computes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutMs {
    /// Not a float by `string2ld`'s rules.
    NotAFloat,
    /// The milliseconds, rounded up (negative when the text is).
    Ms(i64),
    /// Outside `i64` (infinities included).
    Overflow,
}

/// Parses a timeout in seconds as Redis 7.0's blocking commands do: a long double times
/// 1000, rounded up, so that tiny timeouts wait one millisecond and tiny negative ones round
/// up to zero.
pub fn timeout_ms(text: &[u8]) -> TimeoutMs {
    let mut value = 0i64;
    // SAFETY: `text` is valid for `text.len()` bytes and only read (the shim copies it into
    // its own NUL-terminated buffer); `value` is a valid place for one i64 (`long long`).
    let code = unsafe { ringkv_timeout_ms(text.as_ptr().cast(), text.len(), &mut value) };
    match code {
        1 => TimeoutMs::Ms(value),
        2 => TimeoutMs::Overflow,
        _ => TimeoutMs::NotAFloat,
    }
}
