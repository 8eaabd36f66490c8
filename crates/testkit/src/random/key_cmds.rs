//! Random keyspace commands, valid and invalid.
//!
//! Expiry is generated so that both servers must agree exactly: relative deadlines are far in
//! the future (nothing expires during a run) and are never compared with GT/LT against each
//! other, because two relative deadlines set in the same millisecond tie on one server and not
//! on the other. TTL readings of relative deadlines are compared with a small tolerance.

use super::gen::{Cmd, Generated, Generator};
use crate::compare::Compare;

const DBS: &[&str] = &["0", "1", "2", "16", "-1", "x"];

/// DEL / UNLINK key...
pub fn del(g: &mut Generator) -> Generated {
    let name = if g.chance(30) { "UNLINK" } else { "DEL" };
    let keys = g.keys(4);
    Cmd::new(name).args(keys).done()
}

/// EXISTS key... (repeats count once each)
pub fn exists(g: &mut Generator) -> Generated {
    let keys = g.keys(5);
    Cmd::new("EXISTS").args(keys).done()
}

/// TYPE key
pub fn type_of(g: &mut Generator) -> Generated {
    Cmd::new("TYPE").arg(g.key()).done()
}

/// EXPIRE / PEXPIRE with a relative time: far-future times take NX/XX only; zero, negative
/// and invalid times take any flag, including incompatible pairs.
pub fn expire(g: &mut Generator) -> Generated {
    let millis = g.chance(40);
    let name = if millis { "PEXPIRE" } else { "EXPIRE" };
    let key = g.key();
    let cmd = Cmd::new(name).arg(key);
    if g.chance(70) {
        let time = if millis { g.rel_ms() } else { g.rel_secs() };
        let flag = g.pick(&["", "", "NX", "XX"]);
        return with_flag(cmd.arg(time), flag).done();
    }
    let time = g.pick(&["0", "-1", "-100", "abc", "9223372036854775807", "1.5"]);
    let flag = g.pick(&["", "NX", "XX", "GT", "LT", "NX XX", "GT LT", "NX GT", "FOO"]);
    with_flag(cmd.arg(time), flag).done()
}

/// EXPIREAT / PEXPIREAT with absolute times and every flag.
pub fn expire_at(g: &mut Generator) -> Generated {
    let millis = g.chance(40);
    let name = if millis { "PEXPIREAT" } else { "EXPIREAT" };
    let key = g.key();
    let time = match (g.chance(15), millis) {
        (true, _) => g.bad_time(),
        (false, true) => g.abs_ms(),
        (false, false) => g.abs_secs(),
    };
    let flag = g.pick(&["", "", "NX", "XX", "GT", "LT", "GT LT"]);
    with_flag(Cmd::new(name).arg(key).arg(time), flag).done()
}

fn with_flag(cmd: Cmd, flags: &str) -> Cmd {
    cmd.args(flags.split_whitespace())
}

/// TTL / PTTL / EXPIRETIME / PEXPIRETIME, tolerant of relative deadlines set a few
/// milliseconds apart on the two servers.
pub fn ttl(g: &mut Generator) -> Generated {
    let (name, tolerance) = g.rng().pick_copy(&[
        ("TTL", 2),
        ("PTTL", 3000),
        ("EXPIRETIME", 2),
        ("PEXPIRETIME", 3000),
    ]);
    Cmd::new(name)
        .arg(g.key())
        .compare(Compare::Near(tolerance))
        .done()
}

/// PERSIST key
pub fn persist(g: &mut Generator) -> Generated {
    Cmd::new("PERSIST").arg(g.key()).done()
}

/// KEYS pattern, compared as a multiset.
pub fn keys(g: &mut Generator) -> Generated {
    let pattern = g.pick(&[
        "*", "{t}*", "k:*", "?", "[ab]*", "[^a]*", "*a*", "nomatch", "\\{t\\}a", "k:[1-2]",
    ]);
    Cmd::new("KEYS")
        .arg(pattern)
        .compare(Compare::Unordered)
        .done()
}

/// RANDOMKEY: which key is random, so only nil-versus-key is compared.
pub fn randomkey(_: &mut Generator) -> Generated {
    Cmd::new("RANDOMKEY").compare(Compare::Shape).done()
}

/// RENAME / RENAMENX src dst (src may equal dst)
pub fn rename(g: &mut Generator) -> Generated {
    let name = if g.chance(40) { "RENAMENX" } else { "RENAME" };
    Cmd::new(name).arg(g.key()).arg(g.key()).done()
}

/// COPY src dst [DB n] [REPLACE]
pub fn copy(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("COPY").arg(g.key()).arg(g.key());
    if g.chance(30) {
        cmd = cmd.arg("DB").arg(g.pick(DBS));
    }
    if g.chance(40) {
        cmd = cmd.arg("REPLACE");
    }
    cmd.done()
}

/// MOVE key db
pub fn move_key(g: &mut Generator) -> Generated {
    Cmd::new("MOVE").arg(g.key()).arg(g.pick(DBS)).done()
}

/// SWAPDB a b
pub fn swapdb(g: &mut Generator) -> Generated {
    let (a, b) = (g.pick(&["0", "1", "2"]), g.pick(DBS));
    Cmd::new("SWAPDB").arg(a).arg(b).done()
}

/// SELECT db, mostly back to 0 so that most commands collide in one database.
pub fn select(g: &mut Generator) -> Generated {
    let db = if g.chance(60) { "0" } else { g.pick(DBS) };
    Cmd::new("SELECT").arg(db).done()
}

/// TOUCH key...
pub fn touch(g: &mut Generator) -> Generated {
    let keys = g.keys(4);
    Cmd::new("TOUCH").args(keys).done()
}

/// DBSIZE
pub fn dbsize(_: &mut Generator) -> Generated {
    Cmd::new("DBSIZE").done()
}

/// OBJECT ENCODING key: encodings are part of the contract (int, embstr, raw).
pub fn object(g: &mut Generator) -> Generated {
    Cmd::new("OBJECT").arg("ENCODING").arg(g.key()).done()
}

/// FLUSHDB, rarely FLUSHALL, with or without ASYNC/SYNC.
pub fn flush(g: &mut Generator) -> Generated {
    let name = if g.chance(20) { "FLUSHALL" } else { "FLUSHDB" };
    let mode = g.pick(&["", "", "ASYNC", "SYNC"]);
    with_flag(Cmd::new(name), mode).done()
}
