//! Random set commands, valid and invalid.
//!
//! Random removals must not make the two servers' data differ, or every later reply would.
//! SPOP therefore only runs on [`POP_KEYS`], kept out of [`super::gen::KEYS`]: they are filled
//! by copying a regular key with a `*STORE` command, and only commands whose effect on their
//! *size* is deterministic touch them (SPOP, SRANDMEMBER, SCARD, the `*STORE` commands, SET).
//! Their members may differ between the servers, but never their sizes, so DBSIZE and KEYS
//! agree. (SPOP on a regular key would not do even with a count above the size: the
//! generator's mutations may cut the count off, leaving a random single pop.)

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, string_cmds};
use crate::compare::Compare;

/// Keys that SPOP may change at random, on two shards for 2 and 4 shards and one sharing the
/// `{t}` tag of the regular keys.
const POP_KEYS: &[&str] = &["pop", "{t}pop"];

/// Members: integers (intset), strings (listpack), a long one (hashtable at once).
const MEMBERS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "7",
    "-1",
    "10",
    "100",
    "70000",
    "9223372036854775807",
    "-9223372036854775808",
    "007",
    "1.5",
    "",
    "a",
    "b",
    "c",
    "abc",
    "hello world",
    "\u{0}\u{ff}",
    "a-member-of-sixty-five-bytes-is-too-long-for-a-listpack-by-default",
];

/// Counts for SPOP and SRANDMEMBER, valid and not (never a huge negative SRANDMEMBER count:
/// Redis would try to send that many members).
const COUNTS: &[&str] = &[
    "0", "1", "2", "3", "5", "20", "-1", "-3", "-20", "1000", "abc", "1.5", "",
];

fn member(g: &mut Generator) -> &'static str {
    // The long member only now and then, so that sets stay compact for a while.
    if g.chance(3) {
        MEMBERS[MEMBERS.len() - 1]
    } else {
        g.pick(&MEMBERS[..MEMBERS.len() - 1])
    }
}

fn members(g: &mut Generator, max: usize) -> Vec<&'static str> {
    let count = 1 + g.rng().below(max);
    (0..count).map(|_| member(g)).collect()
}

/// Many members at once, to cross the 128 (listpack) and 512 (intset) entry limits.
fn many_members(g: &mut Generator) -> Vec<String> {
    let count = 30 + g.rng().below(250);
    let strings = g.chance(25);
    (0..count)
        .map(|_| {
            if strings {
                format!("s{}", g.rng().below(300))
            } else {
                g.rng().below(800).to_string()
            }
        })
        .collect()
}

/// SADD key member...
pub fn sadd(g: &mut Generator) -> Generated {
    let key = g.key();
    Cmd::new("SADD").arg(key).args(members(g, 5)).done()
}

/// SADD key with hundreds of members.
pub fn sadd_many(g: &mut Generator) -> Generated {
    let key = g.key();
    Cmd::new("SADD").arg(key).args(many_members(g)).done()
}

/// SREM key member..., sometimes many.
pub fn srem(g: &mut Generator) -> Generated {
    let key = g.key();
    if g.chance(15) {
        return Cmd::new("SREM").arg(key).args(many_members(g)).done();
    }
    Cmd::new("SREM").arg(key).args(members(g, 4)).done()
}

/// SISMEMBER, SMISMEMBER, SCARD.
pub fn membership(g: &mut Generator) -> Generated {
    let key = g.key();
    match g.rng().below(3) {
        0 => Cmd::new("SISMEMBER").arg(key).arg(member(g)).done(),
        1 => Cmd::new("SMISMEMBER").arg(key).args(members(g, 4)).done(),
        _ => Cmd::new("SCARD").arg(key).done(),
    }
}

/// SMEMBERS key
pub fn smembers(g: &mut Generator) -> Generated {
    Cmd::new("SMEMBERS")
        .arg(g.key())
        .compare(Compare::Unordered)
        .done()
}

/// SMOVE source destination member
pub fn smove(g: &mut Generator) -> Generated {
    let (src, dst) = (g.key(), g.key());
    Cmd::new("SMOVE").arg(src).arg(dst).arg(member(g)).done()
}

/// SINTER / SUNION / SDIFF key...
pub fn algebra(g: &mut Generator) -> Generated {
    let name = g.pick(&["SINTER", "SUNION", "SDIFF"]);
    let keys = g.keys(3);
    Cmd::new(name).args(keys).compare(Compare::Unordered).done()
}

/// SINTERSTORE / SUNIONSTORE / SDIFFSTORE destination key...
pub fn algebra_store(g: &mut Generator) -> Generated {
    let name = g.pick(&["SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"]);
    let dst = g.key();
    let keys = g.keys(3);
    Cmd::new(name).arg(dst).args(keys).done()
}

/// SINTERCARD numkeys key... [LIMIT limit], with bad numkeys and limits.
pub fn sintercard(g: &mut Generator) -> Generated {
    let keys = g.keys(3);
    let numkeys = if g.chance(85) {
        keys.len().to_string()
    } else {
        g.pick(&["0", "-1", "abc", "5"]).to_string()
    };
    let cmd = Cmd::new("SINTERCARD").arg(numkeys).args(keys);
    match g.rng().below(6) {
        0 => cmd.arg("LIMIT").arg(g.pick(&["0", "1", "2", "-1", "x"])),
        1 => cmd.arg("LIMIT").arg("1"),
        2 => cmd.arg(g.pick(&["LIMIT", "FOO"])),
        _ => cmd,
    }
    .done()
}

/// SRANDMEMBER key [count]: random, so compared by shape.
pub fn srandmember(g: &mut Generator) -> Generated {
    let key = g.key();
    let cmd = Cmd::new("SRANDMEMBER").arg(key);
    let cmd = if g.chance(75) {
        cmd.arg(g.pick(COUNTS))
    } else {
        cmd
    };
    cmd.compare(Compare::Shape).done()
}

/// SSCAN key 0 with a COUNT large enough that both servers finish in one call (Redis's
/// cursors over a hashtable follow its own bucket order), or a bad cursor.
pub fn sscan(g: &mut Generator) -> Generated {
    let key = g.key();
    if g.chance(20) {
        // Only cursors that stay invalid when the mutations cut the options off: a valid one
        // with the options gone would scan with COUNT 10, where the servers' pages differ.
        let cursor = g.pick(&["abc", "1.5", "-", "99999999999999999999"]);
        return Cmd::new("SSCAN")
            .arg(key)
            .arg(cursor)
            .arg("COUNT")
            .arg("0")
            .done();
    }
    let cmd = Cmd::new("SSCAN")
        .arg(key)
        .arg("0")
        .arg("COUNT")
        .arg("10000");
    let cmd = if g.chance(50) {
        cmd.arg("MATCH")
            .arg(g.pick(&["*", "1*", "a*", "?", "s1*", "[0-3]"]))
    } else {
        cmd
    };
    cmd.compare(Compare::Scan).done()
}

/// Fills a pop key with a copy of regular keys (identical on both servers).
pub fn fill_pop_key(g: &mut Generator) -> Generated {
    let name = g.pick(&["SUNIONSTORE", "SUNIONSTORE", "SINTERSTORE", "SDIFFSTORE"]);
    let dst = g.pick(POP_KEYS);
    let keys = g.keys(2);
    Cmd::new(name).arg(dst).args(keys).done()
}

/// SPOP, SRANDMEMBER, SCARD or SET on a pop key.
pub fn pop_key_command(g: &mut Generator) -> Generated {
    let key = g.pick(POP_KEYS);
    match g.rng().below(10) {
        0..=2 => Cmd::new("SPOP").arg(key).compare(Compare::Shape).done(),
        3..=5 => Cmd::new("SPOP")
            .arg(key)
            .arg(g.pick(COUNTS))
            .compare(Compare::Shape)
            .done(),
        6 => Cmd::new("SRANDMEMBER")
            .arg(key)
            .arg(g.pick(COUNTS))
            .compare(Compare::Shape)
            .done(),
        7 => Cmd::new("SET").arg(key).arg("v").done(),
        _ => Cmd::new("SCARD").arg(key).done(),
    }
}

/// Weighted command makers of the family's mix.
pub const TABLE: &[(usize, Make)] = &[
    (14, sadd),
    (2, sadd_many),
    (7, srem),
    (8, membership),
    (4, smembers),
    (5, smove),
    (6, algebra),
    (5, algebra_store),
    (3, sintercard),
    (3, srandmember),
    (1, sscan),
    (3, fill_pop_key),
    (6, pop_key_command),
    (2, string_cmds::set),
    (2, key_cmds::del),
    (1, key_cmds::exists),
    (1, key_cmds::type_of),
    (1, key_cmds::expire),
    (1, key_cmds::rename),
    (1, key_cmds::copy),
    (1, key_cmds::move_key),
    (1, key_cmds::flush),
];
