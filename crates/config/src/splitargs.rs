//! Redis's line tokenizer (`sdssplitargs`) and quoting (`sdscatrepr`), shared by redis.conf,
//! the command line and CONFIG REWRITE.

use crate::parse::is_c_space;

/// Splits a config line into arguments: blanks separate, `"..."` understands `\n \r \t \b \a`,
/// `\xHH` and `\<any>`, `'...'` understands `\'`. A closing quote must be followed by a blank
/// or the end. Returns `None` for unbalanced quotes.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while at(line, i) != 0 && is_c_space(at(line, i)) {
            i += 1;
        }
        if at(line, i) == 0 {
            return Some(args);
        }
        let (token, next) = read_token(line, i)?;
        args.push(token);
        i = next;
    }
}

/// The byte at `i`, or 0 past the end: Redis walks a NUL-terminated C string.
fn at(line: &[u8], i: usize) -> u8 {
    line.get(i).copied().unwrap_or(0)
}

/// Reads one argument from `i`; returns it and where reading stopped.
fn read_token(line: &[u8], mut i: usize) -> Option<(Vec<u8>, usize)> {
    let mut token = Vec::new();
    loop {
        match at(line, i) {
            b' ' | b'\n' | b'\r' | b'\t' => return Some((token, i + 1)),
            0 => return Some((token, i)),
            // A quote starts quoting even inside a word, and its closing quote ends the word.
            b'"' => return read_double_quoted(line, i + 1, &mut token).map(|end| (token, end)),
            b'\'' => return read_single_quoted(line, i + 1, &mut token).map(|end| (token, end)),
            c => {
                token.push(c);
                i += 1;
            }
        }
    }
}

/// Reads a `"..."` body starting after the opening quote; returns the index after the close.
fn read_double_quoted(line: &[u8], mut i: usize, out: &mut Vec<u8>) -> Option<usize> {
    loop {
        match (at(line, i), at(line, i + 1)) {
            (b'\\', b'x') if hex(at(line, i + 2)).is_some() && hex(at(line, i + 3)).is_some() => {
                out.push(hex(at(line, i + 2))? * 16 + hex(at(line, i + 3))?);
                i += 4;
            }
            (b'\\', next) if next != 0 => {
                out.push(unescape(next));
                i += 2;
            }
            (b'"', next) => return closing_quote_ok(next).then_some(i + 1),
            (0, _) => return None,
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// Reads a `'...'` body starting after the opening quote; returns the index after the close.
fn read_single_quoted(line: &[u8], mut i: usize, out: &mut Vec<u8>) -> Option<usize> {
    loop {
        match (at(line, i), at(line, i + 1)) {
            (b'\\', b'\'') => {
                out.push(b'\'');
                i += 2;
            }
            (b'\'', next) => return closing_quote_ok(next).then_some(i + 1),
            (0, _) => return None,
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// A closing quote must be followed by a blank or the end of the line.
fn closing_quote_ok(next: u8) -> bool {
    next == 0 || is_c_space(next)
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn unescape(c: u8) -> u8 {
    match c {
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'b' => 0x08,
        b'a' => 0x07,
        other => other,
    }
}

/// Quotes bytes the way `sdscatrepr` does, so that [`split_args`] reads them back unchanged.
pub fn repr(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{repr, split_args};

    fn split(line: &str) -> Option<Vec<String>> {
        split_args(line.as_bytes()).map(|args| {
            args.iter()
                .map(|a| String::from_utf8_lossy(a).into_owned())
                .collect()
        })
    }

    #[test]
    fn blanks_separate_arguments() {
        assert_eq!(
            split("save 900 1"),
            Some(vec!["save".into(), "900".into(), "1".into()])
        );
        assert_eq!(
            split("  bind\t1.2.3.4   ::1  "),
            Some(vec!["bind".into(), "1.2.3.4".into(), "::1".into()])
        );
        assert_eq!(split(""), Some(vec![]));
    }

    #[test]
    fn double_quotes_understand_escapes() {
        assert_eq!(
            split(r#"requirepass "a b\"c\x41\n""#),
            Some(vec!["requirepass".into(), "a b\"cA\n".into()])
        );
        assert_eq!(
            split(r#"save """#),
            Some(vec!["save".into(), String::new()])
        );
    }

    #[test]
    fn single_quotes_only_escape_the_quote() {
        assert_eq!(
            split(r"x 'it\'s \n'"),
            Some(vec!["x".into(), "it's \\n".into()])
        );
    }

    #[test]
    fn a_quote_inside_a_word_starts_quoting() {
        assert_eq!(split(r#"a"b c""#), Some(vec!["ab c".into()]));
    }

    #[test]
    fn unbalanced_or_glued_quotes_are_refused() {
        assert_eq!(split(r#"port "1"#), None);
        assert_eq!(split(r#""a"b"#), None);
        assert_eq!(split("'a"), None);
    }

    #[test]
    fn repr_round_trips_through_split() {
        let raw = b"a b\"c\\\x01\xff\n";
        let line = format!("x {}", repr(raw));
        let args = split_args(line.as_bytes()).expect("balanced");
        assert_eq!(args[1], raw.to_vec());
    }
}
