//! redis-cli-like rendering of replies and commands, for readable failure messages.

use super::value::Value;

/// Renders a reply the way `redis-cli` prints it (types of RESP3 scalars spelled out).
pub fn render(value: &Value) -> String {
    render_lines(value).join("\n")
}

/// Quotes bytes as `redis-cli` does: double quotes, with `\n`, `\"`, `\xHH` escapes.
pub fn quote(bytes: &[u8]) -> String {
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

/// Renders a command as one script line that [`crate::split_args`] reads back unchanged:
/// plain words stay bare, anything else is quoted.
pub fn command_line(args: &[Vec<u8>]) -> String {
    let words: Vec<String> = args
        .iter()
        .map(|arg| {
            let plain = !arg.is_empty()
                && arg
                    .iter()
                    .all(|&b| b.is_ascii_graphic() && b != b'"' && b != b'\'' && b != b'\\');
            if plain {
                String::from_utf8_lossy(arg).into_owned()
            } else {
                quote(arg)
            }
        })
        .collect();
    words.join(" ")
}

/// Shows raw reply bytes on one line with CR/LF and non-printable bytes escaped, truncated so
/// that a 20 MB bulk does not flood a failure message.
pub fn escape_raw(bytes: &[u8], max_len: usize) -> String {
    let shown = &bytes[..bytes.len().min(max_len)];
    let quoted = quote(shown);
    if bytes.len() > max_len {
        format!("{quoted}... ({} bytes in all)", bytes.len())
    } else {
        quoted
    }
}

fn render_lines(value: &Value) -> Vec<String> {
    match value {
        Value::Simple(text) => vec![String::from_utf8_lossy(text).into_owned()],
        Value::Error(text) | Value::BlobError(text) => {
            vec![format!("(error) {}", String::from_utf8_lossy(text))]
        }
        Value::Integer(n) => vec![format!("(integer) {n}")],
        Value::Bulk(bytes) => vec![quote(bytes)],
        Value::NullBulk | Value::NullArray | Value::Null => vec!["(nil)".to_string()],
        Value::Double(text) => vec![format!("(double) {}", String::from_utf8_lossy(text))],
        Value::Boolean(b) => vec![format!("({b})")],
        Value::BigNumber(text) => {
            vec![format!("(big number) {}", String::from_utf8_lossy(text))]
        }
        Value::Verbatim { format, text } => vec![format!(
            "(verbatim {}) {}",
            String::from_utf8_lossy(format),
            quote(text)
        )],
        Value::Array(items) => render_items(items, ")", "(empty array)"),
        Value::Push(items) => render_items(items, ")", "(empty push)"),
        Value::Set(items) => render_items(items, "~", "(empty set)"),
        Value::Map(pairs) => render_pairs(pairs, "#", "(empty hash)"),
        Value::Attribute { attrs, value } => {
            let mut lines = render_pairs(attrs, "|", "(empty attribute)");
            lines.extend(render_lines(value));
            lines
        }
    }
}

fn render_items(items: &[Value], marker: &str, empty: &str) -> Vec<String> {
    if items.is_empty() {
        return vec![empty.to_string()];
    }
    let width = items.len().to_string().len();
    let mut lines = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let prefix = format!("{:>width$}{marker} ", i + 1);
        nest(&mut lines, &prefix, render_lines(item));
    }
    lines
}

fn render_pairs(pairs: &[(Value, Value)], marker: &str, empty: &str) -> Vec<String> {
    if pairs.is_empty() {
        return vec![empty.to_string()];
    }
    let width = pairs.len().to_string().len();
    let mut lines = Vec::new();
    for (i, (key, value)) in pairs.iter().enumerate() {
        let key = render_lines(key).join(" ");
        let prefix = format!("{:>width$}{marker} {key} => ", i + 1);
        nest(&mut lines, &prefix, render_lines(value));
    }
    lines
}

/// Appends `child` under `prefix`: the first line after it, the rest aligned below.
fn nest(lines: &mut Vec<String>, prefix: &str, child: Vec<String>) {
    let pad = " ".repeat(prefix.chars().count());
    for (j, line) in child.into_iter().enumerate() {
        let head = if j == 0 { prefix } else { pad.as_str() };
        lines.push(format!("{head}{line}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(bytes: &[u8]) -> String {
        render(&Value::decode(bytes).expect("well-formed"))
    }

    #[test]
    fn scalars_render_like_redis_cli() {
        assert_eq!(show(b"+OK\r\n"), "OK");
        assert_eq!(show(b":3\r\n"), "(integer) 3");
        assert_eq!(show(b"$-1\r\n"), "(nil)");
        assert_eq!(show(b"$4\r\na\"\n\x01\r\n"), "\"a\\\"\\n\\x01\"");
        assert_eq!(show(b"-ERR x\r\n"), "(error) ERR x");
        assert_eq!(show(b"*0\r\n"), "(empty array)");
    }

    #[test]
    fn nested_arrays_indent_under_their_index() {
        let text = show(b"*2\r\n*2\r\n:1\r\n:2\r\n$1\r\nc\r\n");
        assert_eq!(text, "1) 1) (integer) 1\n   2) (integer) 2\n2) \"c\"");
    }

    #[test]
    fn maps_render_key_arrow_value() {
        assert_eq!(show(b"%1\r\n+a\r\n:1\r\n"), "1# a => (integer) 1");
    }

    #[test]
    fn command_line_quotes_only_what_needs_it() {
        let args = vec![b"SET".to_vec(), b"a b".to_vec(), Vec::new(), b"x".to_vec()];
        assert_eq!(command_line(&args), "SET \"a b\" \"\" x");
    }
}
