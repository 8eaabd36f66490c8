//! Redis's number readers (`string2ll`, `memtoull`, `strtoll`, `string2d`), reproduced so that
//! the same inputs are accepted and refused, with the same overflow behaviour.

/// Redis's strict integer reader: optional `-`, no `+`, no spaces, no leading zeros.
pub fn string2ll(s: &[u8]) -> Option<i64> {
    // Redis refuses anything of 21 bytes or more before looking at it.
    if s.is_empty() || s.len() >= 21 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    match digits.first() {
        Some(b'1'..=b'9') => {}
        _ => return None,
    }
    let mut magnitude: u64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        magnitude = magnitude
            .checked_mul(10)?
            .checked_add(u64::from(b - b'0'))?;
    }
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// Redis's memory reader: digits then an optional unit, case-insensitive. Overflow of the
/// digits saturates and the unit multiplies with wrap-around, as `strtoull` and C do.
pub fn memtoull(s: &[u8]) -> Option<u64> {
    if s.first() == Some(&b'-') {
        return None;
    }
    let digits_len = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let (digits, unit) = s.split_at(digits_len);
    let unit = unit.to_ascii_lowercase();
    let mul: u64 = match unit.as_slice() {
        b"" | b"b" => 1,
        b"k" => 1000,
        b"kb" => 1024,
        b"m" => 1000 * 1000,
        b"mb" => 1024 * 1024,
        b"g" => 1000 * 1000 * 1000,
        b"gb" => 1024 * 1024 * 1024,
        _ => return None,
    };
    if digits.len() >= 128 {
        return None;
    }
    // No digits reads as 0, as strtoull does (`kb` alone is 0 bytes).
    let value = digits.iter().fold(0u64, |acc, &b| {
        acc.checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
            .unwrap_or(u64::MAX)
    });
    Some(value.wrapping_mul(mul))
}

/// C's `strtoll(s, &end, radix)` followed by Redis's `*end == '\0'` check: leading white
/// space and a sign are allowed, no digits reads as 0, overflow saturates.
pub fn strtoll_whole(s: &[u8], radix: u32) -> Option<i64> {
    let mut rest = s;
    while let Some((first, tail)) = rest.split_first() {
        if !is_c_space(*first) {
            break;
        }
        rest = tail;
    }
    let negative = rest.first() == Some(&b'-');
    if matches!(rest.first(), Some(b'-' | b'+')) {
        rest = &rest[1..];
    }
    if rest.is_empty() {
        // Nothing parsed: `end` points at the start, which is only "whole" for an empty input.
        return if s.is_empty() { Some(0) } else { None };
    }
    let mut magnitude: i128 = 0;
    for &b in rest {
        let digit = (b as char).to_digit(radix)?;
        magnitude = (magnitude * i128::from(radix) + i128::from(digit)).min(1 << 64);
    }
    let signed = if negative { -magnitude } else { magnitude };
    Some(signed.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
}

/// C's `isspace` in the C locale.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Redis's `string2d`: the whole input must be a finite-or-infinite double, no leading space.
pub fn string2d(s: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(s).ok()?;
    if text.is_empty() || text.as_bytes().first().copied().is_some_and(is_c_space) {
        return None;
    }
    let value: f64 = text.parse().ok()?;
    if value.is_nan() {
        return None;
    }
    Some(value)
}

/// Redis's `yesnotoi`.
pub fn yes_no(s: &[u8]) -> Option<bool> {
    if s.eq_ignore_ascii_case(b"yes") {
        Some(true)
    } else if s.eq_ignore_ascii_case(b"no") {
        Some(false)
    } else {
        None
    }
}

/// `%f` followed by Redis's `trimDoubleString`: six decimals, trailing zeros and dot removed.
pub fn format_percentile(value: f64) -> String {
    let text = format!("{value:.6}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A byte count as CONFIG REWRITE writes it: the largest exact `gb`, `mb` or `kb` unit.
pub fn format_memory(bytes: i128) -> String {
    const KB: i128 = 1024;
    if bytes != 0 && bytes % (KB * KB * KB) == 0 {
        format!("{}gb", bytes / (KB * KB * KB))
    } else if bytes != 0 && bytes % (KB * KB) == 0 {
        format!("{}mb", bytes / (KB * KB))
    } else if bytes != 0 && bytes % KB == 0 {
        format!("{}kb", bytes / KB)
    } else {
        bytes.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string2ll_is_strict_like_redis() {
        assert_eq!(string2ll(b"0"), Some(0));
        assert_eq!(string2ll(b"-12"), Some(-12));
        assert_eq!(string2ll(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(string2ll(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b""[..],
            b"+5",
            b" 5",
            b"05",
            b"-0",
            b"-",
            b"5.0",
            b"1e2",
            b"9223372036854775808",
        ] {
            assert_eq!(string2ll(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn memtoull_reads_units_and_wraps_like_c() {
        assert_eq!(memtoull(b"1k"), Some(1000));
        assert_eq!(memtoull(b"1KB"), Some(1024));
        assert_eq!(memtoull(b"2gB"), Some(2 << 30));
        assert_eq!(memtoull(b"2B"), Some(2));
        assert_eq!(memtoull(b""), Some(0));
        assert_eq!(memtoull(b"kb"), Some(0));
        assert_eq!(memtoull(b"18446744073709551616"), Some(u64::MAX));
        assert_eq!(memtoull(b"20000000000gb"), Some(3_028_092_406_290_448_384));
        for bad in [&b"-5"[..], b" 1", b"1.5gb", b"10xb", b"1 kb"] {
            assert_eq!(memtoull(bad), None);
        }
    }

    #[test]
    fn strtoll_whole_accepts_spaces_and_signs() {
        assert_eq!(strtoll_whole(b" +12", 10), Some(12));
        assert_eq!(strtoll_whole(b"-3", 10), Some(-3));
        assert_eq!(strtoll_whole(b"", 10), Some(0));
        assert_eq!(strtoll_whole(b"12x", 10), None);
        assert_eq!(strtoll_whole(b"777", 8), Some(511));
        assert_eq!(strtoll_whole(b"8", 8), None);
    }

    #[test]
    fn percentiles_print_without_trailing_zeros() {
        assert_eq!(format_percentile(50.0), "50");
        assert_eq!(format_percentile(99.9), "99.9");
        assert_eq!(format_percentile(0.5), "0.5");
    }

    #[test]
    fn memory_rewrites_with_the_largest_exact_unit() {
        assert_eq!(format_memory(0), "0");
        assert_eq!(format_memory(1024 * 1024 * 1024), "1gb");
        assert_eq!(format_memory(64 * 1024 * 1024), "64mb");
        assert_eq!(format_memory(3000), "3000");
        assert_eq!(format_memory(4096), "4kb");
    }
}
