//! Splitting a script line into arguments with redis-cli's quoting rules.

/// Why a line cannot be split into arguments.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    /// A quote is opened and never closed.
    #[error("unbalanced quotes")]
    Unbalanced,
    /// A closing quote is followed by something other than whitespace.
    #[error("closing quote must be followed by a space or nothing at all")]
    TextAfterQuote,
}

/// Splits `line` like redis-cli: bare words, `"double quoted"` with `\n \r \t \b \a \\ \" \xHH`
/// escapes, and `'single quoted'` where only `\'` is an escape.
pub fn split_args(line: &str) -> Result<Vec<Vec<u8>>, SplitError> {
    let bytes = line.as_bytes();
    let mut args = Vec::new();
    let mut pos = 0;
    loop {
        while pos < bytes.len() && is_space(bytes[pos]) {
            pos += 1;
        }
        if pos == bytes.len() {
            return Ok(args);
        }
        let (arg, next) = split_one(bytes, pos)?;
        args.push(arg);
        pos = next;
    }
}

/// Reads one argument starting at `pos`; returns it and the position after it.
fn split_one(bytes: &[u8], mut pos: usize) -> Result<(Vec<u8>, usize), SplitError> {
    let mut arg = Vec::new();
    while pos < bytes.len() {
        match bytes[pos] {
            b if is_space(b) => break,
            b'"' => pos = double_quoted(bytes, pos + 1, &mut arg)?,
            b'\'' => pos = single_quoted(bytes, pos + 1, &mut arg)?,
            b => {
                arg.push(b);
                pos += 1;
            }
        }
    }
    Ok((arg, pos))
}

/// Reads a double-quoted section whose body starts at `pos`; returns the position after it.
fn double_quoted(bytes: &[u8], mut pos: usize, arg: &mut Vec<u8>) -> Result<usize, SplitError> {
    loop {
        let b = *bytes.get(pos).ok_or(SplitError::Unbalanced)?;
        match b {
            b'"' => return after_quote(bytes, pos + 1),
            b'\\' if bytes.get(pos + 1) == Some(&b'x') && hex_pair(bytes, pos + 2).is_some() => {
                arg.push(hex_pair(bytes, pos + 2).expect("checked by the guard"));
                pos += 4;
            }
            b'\\' => {
                let escaped = *bytes.get(pos + 1).ok_or(SplitError::Unbalanced)?;
                arg.push(match escaped {
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'b' => 0x08,
                    b'a' => 0x07,
                    other => other,
                });
                pos += 2;
            }
            _ => {
                arg.push(b);
                pos += 1;
            }
        }
    }
}

/// Reads a single-quoted section whose body starts at `pos`; returns the position after it.
fn single_quoted(bytes: &[u8], mut pos: usize, arg: &mut Vec<u8>) -> Result<usize, SplitError> {
    loop {
        let b = *bytes.get(pos).ok_or(SplitError::Unbalanced)?;
        match b {
            b'\\' if bytes.get(pos + 1) == Some(&b'\'') => {
                arg.push(b'\'');
                pos += 2;
            }
            b'\'' => return after_quote(bytes, pos + 1),
            _ => {
                arg.push(b);
                pos += 1;
            }
        }
    }
}

fn after_quote(bytes: &[u8], pos: usize) -> Result<usize, SplitError> {
    match bytes.get(pos) {
        None => Ok(pos),
        Some(&b) if is_space(b) => Ok(pos),
        Some(_) => Err(SplitError::TextAfterQuote),
    }
}

fn hex_pair(bytes: &[u8], pos: usize) -> Option<u8> {
    let text = std::str::from_utf8(bytes.get(pos..pos + 2)?).ok()?;
    u8::from_str_radix(text, 16).ok()
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(line: &str) -> Vec<String> {
        split_args(line)
            .expect("valid line")
            .into_iter()
            .map(|a| String::from_utf8_lossy(&a).into_owned())
            .collect()
    }

    #[test]
    fn bare_words_split_on_whitespace() {
        assert_eq!(split("  SET  k\tv "), ["SET", "k", "v"]);
        assert!(split("   ").is_empty());
    }

    #[test]
    fn double_quotes_keep_spaces_and_decode_escapes() {
        assert_eq!(split(r#"SET "a b" "x\n\"y\"""#), ["SET", "a b", "x\n\"y\""]);
        assert_eq!(split_args(r#""\x00\xff""#), Ok(vec![vec![0u8, 0xff]]));
        assert_eq!(split(r#""""#), [""]);
    }

    #[test]
    fn single_quotes_only_unescape_single_quotes() {
        assert_eq!(split(r#"'a\n' 'it\'s'"#), ["a\\n", "it's"]);
    }

    #[test]
    fn bad_quoting_is_reported() {
        assert_eq!(split_args("GET \"k"), Err(SplitError::Unbalanced));
        assert_eq!(split_args("GET 'k"), Err(SplitError::Unbalanced));
        assert_eq!(split_args("GET \"k\"x"), Err(SplitError::TextAfterQuote));
    }
}
