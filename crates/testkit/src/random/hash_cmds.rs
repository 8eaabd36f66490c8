//! Random hash commands, valid and invalid.
//!
//! Two keys ([`BIG_KEYS`]) take bulk inserts of hundreds of fields and the occasional value
//! over 64 bytes, so they cross both `hash-max-listpack-*` defaults and reach the `hashtable`
//! encoding. Every other key only ever holds fields from [`FIELDS`], fewer than HSCAN's
//! default COUNT: a scan of such a hash ends in one step on both servers whatever its
//! encoding, so its reply compares with [`Compare::Scan`]. Renames and copies stay within each
//! group of keys to keep that so; a scan of a big key (whose cursors are table positions that
//! differ between the servers) is sent but not compared, and the big keys' contents are
//! compared at the end of every run.

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, string_cmds};
use crate::compare::Compare;

/// Keys that grow past the compact encoding's limits.
const BIG_KEYS: &[&str] = &["k:1", "k:2"];

/// Keys that hold at most `FIELDS.len()` fields.
const SMALL_KEYS: &[&str] = &["a", "b", "c", "d", "{t}a", "{t}b", "{t}c", "n", "num", "x"];

/// Fields of every hash: text, integers (packed as integers in a listpack), a non-canonical
/// integer, the empty string and binary. Fewer than 10, HSCAN's default COUNT.
const FIELDS: &[&str] = &["a", "b", "c", "f", "1", "-5", "007", "", "\u{0}z"];

/// Bulk-inserted fields of the big keys are `g0` .. `g{BULK_FIELD_RANGE - 1}`.
const BULK_FIELD_RANGE: usize = 800;

/// A value longer than `hash-max-listpack-value` (64 bytes).
const LONG_VALUE: &str =
    "long-value-long-value-long-value-long-value-long-value-long-value-long-value";

/// Weighted command makers of the family's mix.
pub const TABLE: &[(usize, Make)] = &[
    (12, hset),
    (6, hset_bulk),
    (3, hsetnx),
    (6, hget),
    (3, hmget),
    (3, hexists),
    (3, hlen),
    (3, hstrlen),
    (3, hgetall),
    (2, hkeys),
    (2, hvals),
    (5, hdel),
    (5, hincrby),
    (4, hincrbyfloat),
    (5, hrandfield),
    (4, hscan),
    (2, rename),
    (1, copy),
    (2, key_cmds::del),
    (1, key_cmds::exists),
    (2, key_cmds::type_of),
    (1, key_cmds::expire),
    (1, key_cmds::ttl),
    (1, key_cmds::persist),
    (3, key_cmds::object),
    (1, key_cmds::dbsize),
    (1, key_cmds::keys),
    (1, key_cmds::randomkey),
    (1, key_cmds::move_key),
    (1, key_cmds::select),
    (1, string_cmds::set),
    (1, string_cmds::get),
];

/// A field for `key`: from [`FIELDS`], or a bulk field on a big key.
fn field(g: &mut Generator, key: &str) -> String {
    if BIG_KEYS.contains(&key) && g.chance(40) {
        return format!("g{}", g.rng().below(BULK_FIELD_RANGE));
    }
    g.pick(FIELDS).to_string()
}

/// A value: the shared pool, sometimes longer than the compact encoding allows.
fn value(g: &mut Generator) -> &'static str {
    if g.chance(3) {
        LONG_VALUE
    } else {
        g.value()
    }
}

/// HSET / HMSET key field value [field value ...]
pub fn hset(g: &mut Generator) -> Generated {
    let name = if g.chance(20) { "HMSET" } else { "HSET" };
    let key = g.key();
    let mut cmd = Cmd::new(name).arg(key);
    for _ in 0..1 + g.rng().below(4) {
        let field = field(g, key);
        cmd = cmd.arg(field).arg(value(g));
    }
    cmd.done()
}

/// HSET of 100 to 300 bulk fields on a big key: a few of these cross 512 fields.
pub fn hset_bulk(g: &mut Generator) -> Generated {
    let key = g.pick(BIG_KEYS);
    let mut cmd = Cmd::new("HSET").arg(key);
    for _ in 0..100 + g.rng().below(200) {
        let n = g.rng().below(BULK_FIELD_RANGE);
        let value = if g.chance(80) {
            format!("v{n}")
        } else {
            value(g).to_string()
        };
        cmd = cmd.arg(format!("g{n}")).arg(value);
    }
    cmd.done()
}

/// HSETNX key field value
pub fn hsetnx(g: &mut Generator) -> Generated {
    let key = g.key();
    let field = field(g, key);
    Cmd::new("HSETNX").arg(key).arg(field).arg(value(g)).done()
}

/// HGET key field
pub fn hget(g: &mut Generator) -> Generated {
    let key = g.key();
    let field = field(g, key);
    Cmd::new("HGET").arg(key).arg(field).done()
}

/// HMGET key field [field ...]
pub fn hmget(g: &mut Generator) -> Generated {
    let key = g.key();
    let fields: Vec<String> = (0..1 + g.rng().below(5)).map(|_| field(g, key)).collect();
    Cmd::new("HMGET").arg(key).args(fields).done()
}

/// HEXISTS key field
pub fn hexists(g: &mut Generator) -> Generated {
    let key = g.key();
    let field = field(g, key);
    Cmd::new("HEXISTS").arg(key).arg(field).done()
}

/// HLEN key
pub fn hlen(g: &mut Generator) -> Generated {
    Cmd::new("HLEN").arg(g.key()).done()
}

/// HSTRLEN key field
pub fn hstrlen(g: &mut Generator) -> Generated {
    let key = g.key();
    let field = field(g, key);
    Cmd::new("HSTRLEN").arg(key).arg(field).done()
}

/// HGETALL key: pairs in any order (a hashtable's order is its own).
pub fn hgetall(g: &mut Generator) -> Generated {
    Cmd::new("HGETALL")
        .arg(g.key())
        .compare(Compare::UnorderedPairs)
        .done()
}

/// HKEYS key
pub fn hkeys(g: &mut Generator) -> Generated {
    Cmd::new("HKEYS")
        .arg(g.key())
        .compare(Compare::Unordered)
        .done()
}

/// HVALS key
pub fn hvals(g: &mut Generator) -> Generated {
    Cmd::new("HVALS")
        .arg(g.key())
        .compare(Compare::Unordered)
        .done()
}

/// HDEL key field [field ...]; on a big key sometimes a run of bulk fields.
pub fn hdel(g: &mut Generator) -> Generated {
    let key = g.key();
    let count = if BIG_KEYS.contains(&key) && g.chance(30) {
        50
    } else {
        1 + g.rng().below(3)
    };
    let fields: Vec<String> = (0..count).map(|_| field(g, key)).collect();
    Cmd::new("HDEL").arg(key).args(fields).done()
}

/// HINCRBY key field increment, valid and invalid increments.
pub fn hincrby(g: &mut Generator) -> Generated {
    let key = g.key();
    let field = field(g, key);
    let by = if g.chance(70) {
        g.pick(&["1", "-1", "5", "100", "-3"])
    } else {
        g.int()
    };
    Cmd::new("HINCRBY").arg(key).arg(field).arg(by).done()
}

/// HINCRBYFLOAT key field increment, valid and invalid increments.
pub fn hincrbyfloat(g: &mut Generator) -> Generated {
    let key = g.key();
    let field = field(g, key);
    let by = g.float();
    Cmd::new("HINCRBYFLOAT").arg(key).arg(field).arg(by).done()
}

/// HRANDFIELD key [count [WITHVALUES]]: which fields come back is random, so only the
/// reply's shape (and errors) are compared.
pub fn hrandfield(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("HRANDFIELD").arg(g.key());
    if g.chance(75) {
        cmd = cmd.arg(g.pick(&[
            "0",
            "1",
            "2",
            "5",
            "-1",
            "-3",
            "-10",
            "1000",
            "abc",
            "-9223372036854775808",
            "4611686018427387904",
        ]));
        match g.rng().below(10) {
            0..=3 => cmd = cmd.arg("WITHVALUES"),
            4 => cmd = cmd.arg(g.pick(&["withvalues", "WITHVALUE", "junk"])),
            _ => {}
        }
    }
    cmd.compare(Compare::Shape).done()
}

/// HSCAN key cursor [MATCH pattern] [COUNT count]: valid scans from cursor 0 with a COUNT of
/// at least the small keys' size, and invalid cursors and options.
pub fn hscan(g: &mut Generator) -> Generated {
    let key = g.key();
    let compare = if BIG_KEYS.contains(&key) {
        Compare::Skip
    } else {
        Compare::Scan
    };
    let cursor = if g.chance(85) {
        "0"
    } else {
        g.pick(&["abc", "1.5", "18446744073709551616", " 0"])
    };
    let mut options: Vec<Vec<&str>> = Vec::new();
    if g.chance(40) {
        options.push(vec![
            "MATCH",
            g.pick(&["*", "a*", "?", "[ab]*", "g1*", "0*"]),
        ]);
    }
    if g.chance(40) {
        options.push(vec!["COUNT", g.pick(&["10", "100", "100000"])]);
    }
    if g.chance(8) {
        let bad = g.pick(&[
            "COUNT 0",
            "COUNT -1",
            "COUNT x",
            "TYPE hash",
            "MATCH",
            "NOVALUES",
        ]);
        options.push(bad.split_whitespace().collect());
    }
    g.rng().shuffle(&mut options);
    Cmd::new("HSCAN")
        .arg(key)
        .arg(cursor)
        .args(options.into_iter().flatten())
        .compare(compare)
        .done()
}

/// Two distinct keys of one group, so that big hashes stay under big keys.
fn key_pair(g: &mut Generator) -> (&'static str, &'static str) {
    let group = if g.chance(30) { BIG_KEYS } else { SMALL_KEYS };
    (g.pick(group), g.pick(group))
}

/// RENAME / RENAMENX src dst within one group of keys.
pub fn rename(g: &mut Generator) -> Generated {
    let name = if g.chance(40) { "RENAMENX" } else { "RENAME" };
    let (src, dst) = key_pair(g);
    Cmd::new(name).arg(src).arg(dst).done()
}

/// COPY src dst [REPLACE] within one group of keys.
pub fn copy(g: &mut Generator) -> Generated {
    let (src, dst) = key_pair(g);
    let mut cmd = Cmd::new("COPY").arg(src).arg(dst);
    if g.chance(50) {
        cmd = cmd.arg("REPLACE");
    }
    cmd.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::gen::{Mix, KEYS};

    #[test]
    fn big_and_small_keys_partition_the_key_pool() {
        let mut all: Vec<&str> = BIG_KEYS.iter().chain(SMALL_KEYS).copied().collect();
        all.sort_unstable();
        let mut pool = KEYS.to_vec();
        pool.sort_unstable();
        assert_eq!(all, pool);
        assert!(
            FIELDS.len() < 10,
            "small hashes must fit in one default HSCAN step"
        );
    }

    #[test]
    fn bulk_inserts_can_cross_the_default_entry_limit() {
        let mut g = Generator::with_mix(1, Mix::Hashes);
        let mut fields = std::collections::HashSet::new();
        for _ in 0..4 {
            let cmd = hset_bulk(&mut g);
            fields.extend(cmd.args.iter().skip(2).step_by(2).cloned());
        }
        assert!(fields.len() > 512, "{} fields", fields.len());
    }
}
