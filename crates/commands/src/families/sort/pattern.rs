//! SORT's BY and GET patterns: `#` names the element itself, `prefix*suffix` a string key
//! with the element substituted for the first `*`, and `prefix*suffix->field` a field of a
//! hash key.

use bytes::Bytes;
use engine::Value;

use crate::families::access;
use crate::ShardCtx;

/// The value `pattern` names for `element`: Redis's `lookupKeyByPattern`. `None` when the
/// key is missing or of the wrong type, the field is missing, or the pattern has no `*`.
pub(super) fn lookup(ctx: &mut ShardCtx<'_>, pattern: &[u8], element: &[u8]) -> Option<Bytes> {
    if pattern == b"#" {
        return Some(Bytes::copy_from_slice(element));
    }
    // Redis reads the pattern as a C string: it ends at the first NUL.
    let pattern = pattern
        .iter()
        .position(|&b| b == 0)
        .map_or(pattern, |nul| &pattern[..nul]);
    let star = memchr::memchr(b'*', pattern)?;
    let after = &pattern[star + 1..];
    // `->field` counts only after the `*` and with a non-empty field name.
    let (suffix, field) = match memchr::memmem::find(after, b"->") {
        Some(arrow) if arrow + 2 < after.len() => (&after[..arrow], Some(&after[arrow + 2..])),
        _ => (after, None),
    };
    let mut key = Vec::with_capacity(pattern.len() + element.len());
    key.extend_from_slice(&pattern[..star]);
    key.extend_from_slice(element);
    key.extend_from_slice(suffix);
    let (found, value) = match access::entry(ctx, &key) {
        None => (false, None),
        Some(entry) => match (&entry.value, field) {
            (Value::Str(s), None) => (true, Some(s.to_bytes())),
            (Value::Hash(h), Some(field)) => (true, h.get(field).map(|item| item.to_bytes())),
            _ => (true, None),
        },
    };
    ctx.count_read(found);
    value
}
