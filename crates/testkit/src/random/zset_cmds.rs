//! Random sorted set commands, valid and invalid.
//!
//! BYLEX commands are only defined by Redis on sets whose scores are all equal (on others
//! the answer depends on the encoding's walk), so two keys, [`LEX_KEYS`], only ever hold
//! score 0 and only the lex commands, ZADD with 0, ZREM and pops touch them; every other
//! maker writes to [`SCORE_KEYS`]. Plain sets are never created: they are valid inputs of
//! ZUNION & co. only once the set type lands.

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, string_cmds};
use crate::compare::Compare;

/// Keys whose members all score 0 (lexical ranges are well defined on them).
const LEX_KEYS: &[&str] = &["x", "{t}c"];

/// Keys with any scores: plain keys on several shards and `{t}` keys on one.
const SCORE_KEYS: &[&str] = &["a", "b", "c", "d", "{t}a", "{t}b", "k:1", "k:2", "n", "num"];

/// Score arguments: integers, decimals, extremes, infinities, signed zero, and bad texts.
const SCORES: &[&str] = &[
    "0", "1", "-1", "2", "3", "10", "2.5", "0.1", "0.2", "-0.3", "1e300", "-1e300", "inf", "-inf",
    "+inf", "-0", "1.5e-10", "0x10", "100", "7", "abc", "nan", "", "1 ",
];

/// Members: short, integer-like, binary, and one past `zset-max-listpack-value`.
const MEMBERS: &[&str] = &[
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "m1",
    "m2",
    "m10",
    "1",
    "2",
    "-5",
    "10",
    "",
    "hello",
    "\u{0}\u{1}",
    "zz",
    "a-member-that-is-longer-than-sixty-four-bytes-so-the-set-leaves-listpack",
];

/// Score range bounds, valid and not.
const SCORE_BOUNDS: &[&str] = &[
    "-inf", "+inf", "inf", "0", "1", "(1", "2", "(2.5", "3", "(0.1", "10", "-1", "(", "", "1e300",
    "abc", "((1",
];

/// Lexical range bounds, valid and not.
const LEX_BOUNDS: &[&str] = &[
    "-", "+", "[a", "(a", "[c", "(d", "[m1", "(m10", "[", "(", "[zz", "a", "+x",
];

/// Rank arguments, valid and not.
const RANKS: &[&str] = &[
    "0",
    "1",
    "2",
    "-1",
    "-2",
    "-3",
    "5",
    "10",
    "100",
    "-200",
    "9223372036854775807",
    "abc",
];

fn score_key(g: &mut Generator) -> &'static str {
    g.pick(SCORE_KEYS)
}

fn lex_key(g: &mut Generator) -> &'static str {
    g.pick(LEX_KEYS)
}

/// A score key mostly, sometimes a lex key (reads that do not depend on lex order).
fn any_key(g: &mut Generator) -> &'static str {
    if g.chance(20) {
        lex_key(g)
    } else {
        score_key(g)
    }
}

fn member(g: &mut Generator) -> &'static str {
    g.pick(MEMBERS)
}

fn score(g: &mut Generator) -> &'static str {
    // Mostly valid scores, so that sets fill up.
    if g.chance(90) {
        g.pick(&SCORES[..20])
    } else {
        g.pick(SCORES)
    }
}

/// ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member ..., options sometimes conflicting.
fn zadd(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("ZADD").arg(score_key(g));
    for flag in ["NX", "XX", "GT", "LT", "CH", "INCR"] {
        if g.chance(8) {
            cmd = cmd.arg(flag);
        }
    }
    for _ in 0..1 + g.rng().below(4) {
        cmd = cmd.arg(score(g)).arg(member(g));
    }
    cmd.done()
}

/// ZADD of many generated members, so that sets grow past 128 entries.
fn zadd_many(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("ZADD").arg(score_key(g));
    for _ in 0..15 + g.rng().below(45) {
        let n = g.rng().below(300);
        let s = g.rng().below(50);
        cmd = cmd.arg(s.to_string()).arg(format!("m{n}"));
    }
    cmd.done()
}

/// ZADD key [NX|XX] [CH] 0 member ... on a lex key.
fn zadd_lex(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("ZADD").arg(lex_key(g));
    if g.chance(10) {
        cmd = cmd.arg(g.pick(&["NX", "XX", "CH"]));
    }
    for _ in 0..1 + g.rng().below(5) {
        let m = if g.chance(30) {
            format!("m{}", g.rng().below(200))
        } else {
            member(g).to_string()
        };
        cmd = cmd.arg("0").arg(m);
    }
    cmd.done()
}

/// ZINCRBY key increment member
fn zincrby(g: &mut Generator) -> Generated {
    let (key, incr, m) = (score_key(g), score(g), member(g));
    Cmd::new("ZINCRBY").arg(key).arg(incr).arg(m).done()
}

/// ZREM key member ...
fn zrem(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("ZREM").arg(any_key(g));
    for _ in 0..1 + g.rng().below(3) {
        cmd = cmd.arg(member(g));
    }
    cmd.done()
}

/// ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK.
fn point_read(g: &mut Generator) -> Generated {
    let key = any_key(g);
    let m = member(g);
    // ZRANK and ZREVRANK take 7.2's WITHSCORE: an extra argument is a syntax error for us
    // and an arity error for the 7.0 oracle, so the mix's appended junk would differ; their
    // replies are checked by the scripts and unit tests instead.
    match g.rng().below(5) {
        0 => Cmd::new("ZCARD").arg(key),
        1 => Cmd::new("ZSCORE").arg(key).arg(m),
        2 => Cmd::new("ZMSCORE").arg(key).arg(m).arg(member(g)),
        3 => Cmd::new("ZRANK").arg(key).arg(m).compare(Compare::Skip),
        _ => Cmd::new("ZREVRANK").arg(key).arg(m).compare(Compare::Skip),
    }
    .done()
}

/// ZCOUNT on any key, ZLEXCOUNT on a lex key.
fn counts(g: &mut Generator) -> Generated {
    if g.chance(50) {
        let key = any_key(g);
        let (min, max) = (g.pick(SCORE_BOUNDS), g.pick(SCORE_BOUNDS));
        Cmd::new("ZCOUNT").arg(key).arg(min).arg(max).done()
    } else {
        let key = lex_key(g);
        let (min, max) = (g.pick(LEX_BOUNDS), g.pick(LEX_BOUNDS));
        Cmd::new("ZLEXCOUNT").arg(key).arg(min).arg(max).done()
    }
}

/// Random `[LIMIT offset count]`.
fn limit(g: &mut Generator, cmd: Cmd) -> Cmd {
    if g.chance(30) {
        let offset = g.pick(&["0", "1", "2", "-1", "50", "x"]);
        let count = g.pick(&["0", "1", "3", "-1", "200"]);
        cmd.arg("LIMIT").arg(offset).arg(count)
    } else {
        cmd
    }
}

/// ZRANGE in its unified form: ranks, BYSCORE or BYLEX (on lex keys), REV, LIMIT,
/// WITHSCORES, in random order and sometimes conflicting.
fn zrange(g: &mut Generator) -> Generated {
    let store = g.chance(20);
    let by = g.rng().below(3);
    let (key, low, high) = match by {
        0 => (any_key(g), g.pick(RANKS), g.pick(RANKS)),
        1 => (any_key(g), g.pick(SCORE_BOUNDS), g.pick(SCORE_BOUNDS)),
        _ => (lex_key(g), g.pick(LEX_BOUNDS), g.pick(LEX_BOUNDS)),
    };
    let mut cmd = if store {
        Cmd::new("ZRANGESTORE").arg(score_key(g)).arg(key)
    } else {
        Cmd::new("ZRANGE").arg(key)
    };
    cmd = cmd.arg(low).arg(high);
    let mut options: Vec<&str> = Vec::new();
    match by {
        1 => options.push("BYSCORE"),
        2 => options.push("BYLEX"),
        _ => {}
    }
    if g.chance(40) {
        options.push("REV");
    }
    if g.chance(40) {
        options.push("WITHSCORES");
    }
    g.rng().shuffle(&mut options);
    limit(g, cmd.args(options)).done()
}

/// The legacy range commands.
fn legacy_range(g: &mut Generator) -> Generated {
    let name = g.pick(&[
        "ZRANGEBYSCORE",
        "ZREVRANGEBYSCORE",
        "ZREVRANGE",
        "ZRANGEBYLEX",
        "ZREVRANGEBYLEX",
    ]);
    let cmd = match name {
        "ZREVRANGE" => {
            let cmd = Cmd::new(name).arg(any_key(g));
            cmd.arg(g.pick(RANKS)).arg(g.pick(RANKS))
        }
        "ZRANGEBYLEX" | "ZREVRANGEBYLEX" => {
            let cmd = Cmd::new(name).arg(lex_key(g));
            cmd.arg(g.pick(LEX_BOUNDS)).arg(g.pick(LEX_BOUNDS))
        }
        _ => {
            let cmd = Cmd::new(name).arg(any_key(g));
            cmd.arg(g.pick(SCORE_BOUNDS)).arg(g.pick(SCORE_BOUNDS))
        }
    };
    let cmd = if g.chance(40) {
        cmd.arg("WITHSCORES")
    } else {
        cmd
    };
    limit(g, cmd).done()
}

/// ZREMRANGEBYRANK / ZREMRANGEBYSCORE on any key, ZREMRANGEBYLEX on a lex key.
fn zremrange(g: &mut Generator) -> Generated {
    match g.rng().below(3) {
        0 => {
            let key = any_key(g);
            let cmd = Cmd::new("ZREMRANGEBYRANK").arg(key);
            cmd.arg(g.pick(RANKS)).arg(g.pick(RANKS))
        }
        1 => {
            let key = any_key(g);
            let cmd = Cmd::new("ZREMRANGEBYSCORE").arg(key);
            cmd.arg(g.pick(SCORE_BOUNDS)).arg(g.pick(SCORE_BOUNDS))
        }
        _ => {
            let key = lex_key(g);
            let cmd = Cmd::new("ZREMRANGEBYLEX").arg(key);
            cmd.arg(g.pick(LEX_BOUNDS)).arg(g.pick(LEX_BOUNDS))
        }
    }
    .done()
}

/// ZPOPMIN / ZPOPMAX key [count]
fn zpop(g: &mut Generator) -> Generated {
    let name = g.pick(&["ZPOPMIN", "ZPOPMAX"]);
    let cmd = Cmd::new(name).arg(any_key(g));
    if g.chance(60) {
        cmd.arg(g.pick(&["0", "1", "2", "5", "-1", "x", "1000"]))
    } else {
        cmd
    }
    .done()
}

/// ZMPOP numkeys key ... MIN|MAX [COUNT n], numkeys sometimes wrong.
fn zmpop(g: &mut Generator) -> Generated {
    let keys: Vec<&str> = (0..1 + g.rng().below(3)).map(|_| any_key(g)).collect();
    let numkeys = if g.chance(10) {
        g.pick(&["0", "-1", "x", "9"]).to_string()
    } else {
        keys.len().to_string()
    };
    let cmd = Cmd::new("ZMPOP").arg(numkeys).args(keys);
    let cmd = cmd.arg(g.pick(&["MIN", "MAX", "max", "min", "MID"]));
    if g.chance(50) {
        cmd.arg("COUNT")
            .arg(g.pick(&["1", "2", "10", "0", "-1", "x"]))
    } else {
        cmd
    }
    .done()
}

/// ZRANDMEMBER key [count [WITHSCORES]]: only the shape is deterministic.
fn zrandmember(g: &mut Generator) -> Generated {
    let cmd = Cmd::new("ZRANDMEMBER").arg(any_key(g));
    let cmd = match g.rng().below(3) {
        0 => cmd,
        1 => cmd.arg(g.pick(&["0", "1", "3", "-3", "10", "200", "-20", "x"])),
        _ => {
            let count = g.pick(&["1", "2", "5", "-5", "300", "4611686018427387904"]);
            cmd.arg(count).arg("WITHSCORES")
        }
    };
    cmd.compare(Compare::Shape).done()
}

/// ZUNION / ZINTER / ZDIFF / their STORE forms / ZINTERCARD over keys of any shard.
fn algebra(g: &mut Generator) -> Generated {
    let name = g.pick(&[
        "ZUNION",
        "ZINTER",
        "ZDIFF",
        "ZUNIONSTORE",
        "ZINTERSTORE",
        "ZDIFFSTORE",
        "ZINTERCARD",
    ]);
    let keys: Vec<&str> = (0..1 + g.rng().below(3)).map(|_| any_key(g)).collect();
    let mut cmd = Cmd::new(name);
    if name.ends_with("STORE") {
        cmd = cmd.arg(score_key(g));
    }
    let numkeys = if g.chance(8) {
        g.pick(&["0", "x", "5"]).to_string()
    } else {
        keys.len().to_string()
    };
    let count = keys.len();
    cmd = cmd.arg(numkeys).args(keys);
    if g.chance(40) {
        cmd = cmd.arg("WEIGHTS");
        for _ in 0..count {
            cmd = cmd.arg(g.pick(&["1", "2", "0.5", "-1", "0", "inf", "x"]));
        }
    }
    if g.chance(40) {
        let how = g.pick(&["SUM", "MIN", "MAX", "avg"]);
        cmd = cmd.arg("AGGREGATE").arg(how);
    }
    if g.chance(40) {
        cmd = cmd.arg("WITHSCORES");
    }
    if name == "ZINTERCARD" && g.chance(50) {
        cmd = cmd.arg("LIMIT").arg(g.pick(&["0", "1", "2", "-1"]));
    }
    cmd.done()
}

/// ZSCAN key: bad cursors compared exactly; scans from 0 sent but not compared, because the
/// mix may cut their COUNT off and a large set's partial scans return the hash table's own
/// cursors (the scripts compare full scans).
fn zscan(g: &mut Generator) -> Generated {
    let cmd = Cmd::new("ZSCAN").arg(any_key(g));
    if g.chance(10) {
        let bad = g.pick(&["x", "-", "1 "]);
        return cmd.arg(bad).done();
    }
    let cmd = cmd.arg("0");
    let cmd = if g.chance(40) {
        cmd.arg("MATCH").arg(g.pick(&["m1*", "*", "[a-c]", "?"]))
    } else {
        cmd
    };
    let cmd = match g.rng().below(10) {
        0 => cmd.arg("COUNT").arg("0"),
        1 => cmd.arg("TYPE").arg("zset"),
        _ => cmd.arg("COUNT").arg("1000"),
    };
    cmd.compare(Compare::Skip).done()
}

/// A string written over a key, for WRONGTYPE on the next commands.
fn set_string(g: &mut Generator) -> Generated {
    if g.chance(50) {
        return string_cmds::set(g);
    }
    Cmd::new("SET").arg(any_key(g)).arg("v").done()
}

/// Weighted command makers of the family's mix.
pub const TABLE: &[(usize, Make)] = &[
    (12, zadd),
    (8, zadd_many),
    (6, zadd_lex),
    (5, zincrby),
    (5, zrem),
    (8, point_read),
    (5, counts),
    (10, zrange),
    (6, legacy_range),
    (4, zremrange),
    (5, zpop),
    (3, zmpop),
    (3, zrandmember),
    (8, algebra),
    (3, zscan),
    (2, set_string),
    (2, key_cmds::del),
    (1, key_cmds::exists),
    (1, key_cmds::type_of),
    (1, key_cmds::expire),
    (1, key_cmds::ttl),
    (1, key_cmds::object),
];
