//! Redis's glob-style matcher (`stringmatchlen`), byte for byte.
//!
//! KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET and ACL key patterns all use this one matcher, so
//! its corner cases (unterminated classes, reversed ranges, a trailing backslash) must agree with
//! Redis exactly. Two guards keep hostile patterns cheap, as in Redis 7: a search that failed for
//! the rest of the pattern after a `*` is not retried from later offsets (`skip_longer`), and
//! recursion stops at a nesting depth of 1000.

/// Deepest `*` recursion before a pattern is declared not to match (Redis's limit).
const MAX_NESTING: u32 = 1000;

/// Whether `string` matches the glob `pattern`; `nocase` folds ASCII letters.
pub fn glob_match(pattern: &[u8], string: &[u8], nocase: bool) -> bool {
    let mut skip_longer = false;
    match_from(pattern, string, nocase, &mut skip_longer, 0)
}

/// The byte at `i`, or 0 past the end: Redis reads the C string's terminator there.
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

fn fold(byte: u8, nocase: bool) -> u8 {
    if nocase {
        byte.to_ascii_lowercase()
    } else {
        byte
    }
}

fn match_from(
    mut pattern: &[u8],
    mut string: &[u8],
    nocase: bool,
    skip_longer: &mut bool,
    nesting: u32,
) -> bool {
    if nesting > MAX_NESTING {
        return false;
    }
    while !pattern.is_empty() && !string.is_empty() {
        match pattern[0] {
            b'*' => return match_star(pattern, string, nocase, skip_longer, nesting),
            b'?' => string = &string[1..],
            b'[' => {
                let (matched, rest) = match_class(&pattern[1..], string[0], nocase);
                if !matched {
                    return false;
                }
                // `rest` starts at the closing `]` (or is empty when the class never closed).
                pattern = rest;
                string = &string[1..];
            }
            first => {
                let literal = if first == b'\\' && pattern.len() >= 2 {
                    pattern = &pattern[1..];
                    pattern[0]
                } else {
                    first
                };
                if fold(literal, nocase) != fold(string[0], nocase) {
                    return false;
                }
                string = &string[1..];
            }
        }
        pattern = pattern.get(1..).unwrap_or_default();
        if string.is_empty() {
            while pattern.first() == Some(&b'*') {
                pattern = &pattern[1..];
            }
            break;
        }
    }
    pattern.is_empty() && string.is_empty()
}

/// `pattern` starts at a `*`: try the rest of the pattern at every later offset of `string`.
fn match_star(
    mut pattern: &[u8],
    mut string: &[u8],
    nocase: bool,
    skip_longer: &mut bool,
    nesting: u32,
) -> bool {
    while pattern.len() > 1 && pattern[1] == b'*' {
        pattern = &pattern[1..];
    }
    if pattern.len() == 1 {
        return true;
    }
    while !string.is_empty() {
        if match_from(&pattern[1..], string, nocase, skip_longer, nesting + 1) {
            return true;
        }
        if *skip_longer {
            return false;
        }
        string = &string[1..];
    }
    // The rest of the pattern matched nowhere in the rest of the string, so no earlier `*`
    // can help by consuming more: every caller up the stack may stop at once.
    *skip_longer = true;
    false
}

/// Matches `byte` against the class body after `[`; returns the verdict and the pattern from
/// the class's closing `]` on (empty when the pattern ended inside the class).
fn match_class(mut pattern: &[u8], byte: u8, nocase: bool) -> (bool, &[u8]) {
    let negate = at(pattern, 0) == b'^';
    if negate {
        pattern = &pattern[1..];
    }
    let mut matched = false;
    loop {
        let first = at(pattern, 0);
        if first == b'\\' && pattern.len() >= 2 {
            pattern = &pattern[1..];
            if pattern[0] == byte {
                matched = true;
            }
        } else if first == b']' && !pattern.is_empty() {
            break;
        } else if pattern.is_empty() {
            // An unterminated class ends the pattern; Redis steps back so that the caller's
            // step forward lands exactly on the end.
            return (matched != negate, pattern);
        } else if pattern.len() >= 3 && pattern[1] == b'-' {
            // Redis compares ranges as C `char`, which is signed on the platforms it ships
            // on: bytes from 0x80 up sort below 0x00.
            let (mut start, mut end) = (pattern[0] as i8, pattern[2] as i8);
            if start > end {
                std::mem::swap(&mut start, &mut end);
            }
            let lower = |b: i8| fold(b as u8, nocase) as i8;
            let c = lower(byte as i8);
            if c >= lower(start) && c <= lower(end) {
                matched = true;
            }
            pattern = &pattern[2..];
        } else if fold(first, nocase) == fold(byte, nocase) {
            matched = true;
        }
        pattern = &pattern[1..];
    }
    (matched != negate, pattern)
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    fn m(pattern: &str, string: &str) -> bool {
        glob_match(pattern.as_bytes(), string.as_bytes(), false)
    }

    #[test]
    fn star_matches_any_run() {
        assert!(m("*", "anything"));
        assert!(m("h*llo", "hllo"));
        assert!(m("h*llo", "heeeello"));
        assert!(m("a*b*c", "aXXbYYc"));
        assert!(!m("a*b*c", "aXXbYY"));
        assert!(m("foo**", "foo"));
    }

    #[test]
    fn an_empty_string_matches_only_an_empty_pattern() {
        // Redis's loop never runs on an empty string, so even `*` fails; KEYS and SCAN special
        // case the lone `*` before calling the matcher.
        assert!(m("", ""));
        assert!(!m("*", ""));
        assert!(!m("**", ""));
    }

    #[test]
    fn question_mark_matches_exactly_one_byte() {
        assert!(m("h?llo", "hello"));
        assert!(!m("h?llo", "hllo"));
        assert!(!m("?", ""));
        assert!(m("??", "ab"));
    }

    #[test]
    fn classes_match_listed_bytes_ranges_and_negations() {
        assert!(m("h[ae]llo", "hello"));
        assert!(m("h[ae]llo", "hallo"));
        assert!(!m("h[ae]llo", "hillo"));
        assert!(m("h[^e]llo", "hallo"));
        assert!(!m("h[^e]llo", "hello"));
        assert!(m("h[a-b]llo", "hbllo"));
        assert!(!m("h[a-b]llo", "hcllo"));
        assert!(m("[^a-c]", "d"));
        assert!(!m("[^a-c]", "b"));
    }

    #[test]
    fn reversed_ranges_are_swapped() {
        assert!(m("[z-a]", "q"));
        assert!(!m("[z-a]", "Q"));
    }

    #[test]
    fn backslash_escapes_special_bytes() {
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "a"));
        assert!(m("a\\?", "a?"));
        assert!(m("[\\]]", "]"));
        assert!(m("[\\-]", "-"));
        // A trailing backslash is a literal backslash.
        assert!(m("a\\", "a\\"));
    }

    #[test]
    fn unterminated_class_ends_the_pattern() {
        assert!(m("[abc", "b"));
        assert!(!m("[abc", "bx"));
        assert!(!m("x[", "x["));
        assert!(!m("x[", "x"));
    }

    #[test]
    fn range_can_consume_the_closing_bracket() {
        // As in Redis, `[a-]` reads `a-]` as a range and keeps scanning for a later `]`.
        assert!(m("[a-]x]", "x"));
        assert!(m("[a-]x]", "]"));
    }

    #[test]
    fn nocase_folds_ascii_letters_everywhere() {
        assert!(glob_match(b"HeLLo", b"hello", true));
        assert!(glob_match(b"h[A-C]llo", b"hbllo", true));
        assert!(glob_match(b"h[E]llo", b"hello", true));
        assert!(!glob_match(b"HeLLo", b"hello", false));
    }

    #[test]
    fn pathological_star_patterns_finish_quickly() {
        let text = "a".repeat(20_000);
        let pattern = "a*".repeat(40) + "b";
        assert!(!m(&pattern, &text));
        let many = "*a".repeat(500) + "*b";
        assert!(!m(&many, &text));
        assert!(m(&("*a".repeat(50) + "*"), &text));
    }

    #[test]
    fn nesting_deeper_than_a_thousand_stars_never_matches() {
        let pattern = "a*".repeat(1100);
        let text = "a".repeat(1100);
        assert!(!m(&pattern, &text));
        let shallow = "a*".repeat(900);
        assert!(m(&shallow, &"a".repeat(900)));
    }

    #[test]
    fn matching_works_on_binary_bytes() {
        assert!(glob_match(b"\x00*\xff", b"\x00abc\xff", false));
        assert!(glob_match(b"[\x01-\x03]", b"\x02", false));
    }

    #[test]
    fn ranges_compare_bytes_as_signed_chars_like_redis() {
        // [\x01-\xff] is the range -1..=1 once read as signed chars.
        assert!(glob_match(b"[\x01-\xff]", b"\xff", false));
        assert!(glob_match(b"[\x01-\xff]", b"\x00", false));
        assert!(!glob_match(b"[\x01-\xff]", b"\x80", false));
        assert!(!glob_match(b"[\x01-\xff]", b"a", false));
    }
}
