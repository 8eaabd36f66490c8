//! How two servers' replies to the same command are compared.

use std::mem::discriminant;

use crate::reply::value::Value;

/// A comparison rule for one command's replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// Byte-identical raw replies: the default.
    Exact,
    /// Aggregate replies hold the same elements in any order (KEYS, SMEMBERS).
    Unordered,
    /// Field-value pairs in any order: a flat array taken two by two, or a map (HGETALL,
    /// ZRANGE ... WITHSCORES of equal scores is still exact).
    UnorderedPairs,
    /// A cursor reply `[cursor, items]`: the cursor exact, the items in any order (HSCAN,
    /// SSCAN, ZSCAN of hashtable-encoded values, whose bucket order differs from Redis's).
    Scan,
    /// Same reply types and aggregate sizes, same errors and map keys; other scalars may differ
    /// (HELLO's version and id, CLIENT ID, RANDOMKEY with several keys).
    Shape,
    /// Integers may differ by at most this much when both are non-negative (TTLs of keys that
    /// were given relative deadlines a few milliseconds apart); anything else must be exact.
    Near(i64),
    /// ACL rule descriptions (ACL LIST, GETUSER): in every string, the single-command rules
    /// after the categories may come in any order, since Redis prints them in its command
    /// hash table's order, random per process. Everything else is exact.
    AclRules,
    /// Sent to both servers, replies not compared.
    Skip,
}

/// True when the two raw replies agree under `mode`.
pub fn replies_match(mode: Compare, left: &[u8], right: &[u8]) -> bool {
    if left == right {
        return true;
    }
    if mode == Compare::Exact {
        return false;
    }
    if mode == Compare::Skip {
        return true;
    }
    let (Ok(left), Ok(right)) = (Value::decode(left), Value::decode(right)) else {
        return false;
    };
    match mode {
        Compare::Unordered => unordered_eq(&left, &right),
        Compare::UnorderedPairs => unordered_pairs_eq(&left, &right),
        Compare::Scan => scan_eq(&left, &right),
        Compare::Shape => shape_eq(&left, &right),
        Compare::Near(tolerance) => near_eq(&left, &right, tolerance),
        Compare::AclRules => acl_rules(&left) == acl_rules(&right),
        Compare::Exact | Compare::Skip => unreachable!("handled above"),
    }
}

fn unordered_eq(left: &Value, right: &Value) -> bool {
    let sorted = |items: &[Value]| {
        let mut items = items.to_vec();
        items.sort();
        items
    };
    match (left, right) {
        (Value::Array(a), Value::Array(b))
        | (Value::Set(a), Value::Set(b))
        | (Value::Push(a), Value::Push(b)) => sorted(a) == sorted(b),
        _ => left == right,
    }
}

fn unordered_pairs_eq(left: &Value, right: &Value) -> bool {
    let pairs = |items: &[Value]| {
        let mut pairs: Vec<&[Value]> = items.chunks(2).collect();
        pairs.sort();
        pairs.into_iter().flatten().cloned().collect::<Vec<Value>>()
    };
    let sorted_map = |entries: &[(Value, Value)]| {
        let mut entries = entries.to_vec();
        entries.sort();
        entries
    };
    match (left, right) {
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && pairs(a) == pairs(b),
        (Value::Map(a), Value::Map(b)) => sorted_map(a) == sorted_map(b),
        _ => left == right,
    }
}

fn scan_eq(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Array(a), Value::Array(b)) if a.len() == 2 && b.len() == 2 => {
            a[0] == b[0] && unordered_eq(&a[1], &b[1])
        }
        _ => left == right,
    }
}

fn shape_eq(left: &Value, right: &Value) -> bool {
    match (left, right) {
        (Value::Error(_) | Value::BlobError(_), _) | (_, Value::Error(_) | Value::BlobError(_)) => {
            left == right
        }
        (Value::Array(a), Value::Array(b))
        | (Value::Set(a), Value::Set(b))
        | (Value::Push(a), Value::Push(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| shape_eq(x, y))
        }
        (Value::Map(a), Value::Map(b)) => pairs_shape_eq(a, b),
        (Value::Attribute { attrs: a, value: x }, Value::Attribute { attrs: b, value: y }) => {
            pairs_shape_eq(a, b) && shape_eq(x, y)
        }
        _ => discriminant(left) == discriminant(right),
    }
}

/// Map keys are field names, so they must match exactly; values only in shape.
fn pairs_shape_eq(left: &[(Value, Value)], right: &[(Value, Value)]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .all(|((k1, v1), (k2, v2))| k1 == k2 && shape_eq(v1, v2))
}

/// `value` with the single-command rules of every rule string sorted: within each selector
/// (a stretch between parentheses), `+cmd` / `-cmd` tokens go last, in sorted order; the rest
/// keep their places.
fn acl_rules(value: &Value) -> Value {
    match value {
        Value::Bulk(bytes) | Value::Simple(bytes) => {
            let text = String::from_utf8_lossy(bytes);
            let mut out = String::new();
            for (i, part) in text.split(['(', ')']).enumerate() {
                if i > 0 {
                    out.push('|');
                }
                let (mut singles, others): (Vec<&str>, Vec<&str>) =
                    part.split(' ').partition(|t| {
                        (t.starts_with('+') || t.starts_with('-')) && !t[1..].starts_with('@')
                    });
                singles.sort_unstable();
                out.push_str(&[others, singles].concat().join(" "));
            }
            Value::Bulk(out.into_bytes())
        }
        Value::Array(items) => Value::Array(items.iter().map(acl_rules).collect()),
        Value::Set(items) => Value::Set(items.iter().map(acl_rules).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), acl_rules(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn near_eq(left: &Value, right: &Value, tolerance: i64) -> bool {
    match (left, right) {
        (Value::Integer(a), Value::Integer(b)) if *a >= 0 && *b >= 0 => {
            a.abs_diff(*b) <= tolerance.unsigned_abs()
        }
        _ => left == right,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acl_rules_ignore_the_order_of_single_commands_only() {
        let a = b"$34\r\n~k* -@all +@hash +set -get (+a -b)\r\n";
        let b = b"$34\r\n~k* -@all +@hash -get +set (-b +a)\r\n";
        assert!(replies_match(Compare::AclRules, a, b));
        let other_category = b"$34\r\n~k* -@all +@list -get +set (-b +a)\r\n";
        assert!(!replies_match(Compare::AclRules, a, other_category));
        let other_selector = b"$34\r\n~k* -@all +@hash -get +a (-b +set)\r\n";
        assert!(!replies_match(Compare::AclRules, a, other_selector));
    }

    #[test]
    fn exact_requires_identical_bytes() {
        assert!(replies_match(Compare::Exact, b"+OK\r\n", b"+OK\r\n"));
        assert!(!replies_match(Compare::Exact, b"+OK\r\n", b"$2\r\nOK\r\n"));
    }

    #[test]
    fn unordered_ignores_element_order_but_not_multiplicity() {
        let ab = b"*2\r\n$1\r\na\r\n$1\r\nb\r\n";
        let ba = b"*2\r\n$1\r\nb\r\n$1\r\na\r\n";
        let aa = b"*2\r\n$1\r\na\r\n$1\r\na\r\n";
        assert!(replies_match(Compare::Unordered, ab, ba));
        assert!(!replies_match(Compare::Unordered, ab, aa));
    }

    #[test]
    fn unordered_pairs_keep_each_field_with_its_value() {
        let ab = b"*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n";
        let ba = b"*4\r\n$1\r\nb\r\n$1\r\n2\r\n$1\r\na\r\n$1\r\n1\r\n";
        let swapped = b"*4\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n1\r\n";
        assert!(replies_match(Compare::UnorderedPairs, ab, ba));
        assert!(!replies_match(Compare::UnorderedPairs, ab, swapped));
        let map_ab = b"%2\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n:2\r\n";
        let map_ba = b"%2\r\n$1\r\nb\r\n:2\r\n$1\r\na\r\n:1\r\n";
        assert!(replies_match(Compare::UnorderedPairs, map_ab, map_ba));
    }

    #[test]
    fn scan_compares_the_cursor_exactly_and_the_items_as_a_multiset() {
        let one = b"*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n";
        let two = b"*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\na\r\n";
        let other_cursor = b"*2\r\n$1\r\n5\r\n*2\r\n$1\r\nb\r\n$1\r\na\r\n";
        assert!(replies_match(Compare::Scan, one, two));
        assert!(!replies_match(Compare::Scan, one, other_cursor));
    }

    #[test]
    fn shape_ignores_scalar_values_but_not_keys_types_or_errors() {
        let one = b"%2\r\n+version\r\n$6\r\n7.0.15\r\n+id\r\n:3\r\n";
        let two = b"%2\r\n+version\r\n$5\r\n7.2.4\r\n+id\r\n:9\r\n";
        let renamed = b"%2\r\n+ver\r\n$5\r\n7.2.4\r\n+id\r\n:9\r\n";
        assert!(replies_match(Compare::Shape, one, two));
        assert!(!replies_match(Compare::Shape, one, renamed));
        assert!(!replies_match(Compare::Shape, b"-ERR a\r\n", b"-ERR b\r\n"));
        assert!(!replies_match(Compare::Shape, b":1\r\n", b"$1\r\n1\r\n"));
    }

    #[test]
    fn near_tolerates_small_differences_between_non_negative_integers() {
        assert!(replies_match(Compare::Near(2), b":100\r\n", b":99\r\n"));
        assert!(!replies_match(Compare::Near(2), b":100\r\n", b":90\r\n"));
        assert!(!replies_match(Compare::Near(2), b":-1\r\n", b":0\r\n"));
    }
}
