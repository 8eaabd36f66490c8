//! Random string-family commands, valid and invalid.

use super::gen::{Cmd, Generated, Generator};

/// GET key
pub fn get(g: &mut Generator) -> Generated {
    Cmd::new("GET").arg(g.key()).done()
}

/// SET key value with a random mix of expiry, condition and GET options, in random order,
/// sometimes conflicting.
pub fn set(g: &mut Generator) -> Generated {
    let mut options: Vec<Vec<&str>> = Vec::new();
    match g.rng().below(10) {
        0 => options.push(vec!["EX", g.rel_secs()]),
        1 => options.push(vec!["PX", g.rel_ms()]),
        2 => options.push(vec!["EXAT", g.future_secs()]),
        3 => options.push(vec!["PXAT", g.future_ms()]),
        4 => options.push(vec!["KEEPTTL"]),
        5 => {
            let unit = g.pick(&["EX", "PX", "EXAT", "PXAT"]);
            options.push(vec![unit, g.bad_time()]);
        }
        _ => {}
    }
    match g.rng().below(6) {
        0 => options.push(vec!["NX"]),
        1 => options.push(vec!["XX"]),
        _ => {}
    }
    if g.chance(25) {
        options.push(vec!["GET"]);
    }
    if g.chance(4) {
        let conflict = g.rng().below(4);
        options.push(match conflict {
            0 => vec!["EX", "1000"],
            1 => vec!["NX"],
            2 => vec!["KEEPTTL"],
            _ => vec!["PX"],
        });
    }
    g.rng().shuffle(&mut options);
    let key = g.key();
    let value = g.value();
    Cmd::new("SET")
        .arg(key)
        .arg(value)
        .args(options.into_iter().flatten())
        .done()
}

/// SETNX key value
pub fn setnx(g: &mut Generator) -> Generated {
    Cmd::new("SETNX").arg(g.key()).arg(g.value()).done()
}

/// SETEX / PSETEX key ttl value, with valid and invalid ttls.
pub fn setex(g: &mut Generator) -> Generated {
    let millis = g.chance(50);
    let ttl = match (g.chance(20), millis) {
        (true, _) => g.bad_time(),
        (false, true) => g.rel_ms(),
        (false, false) => g.rel_secs(),
    };
    let name = if millis { "PSETEX" } else { "SETEX" };
    Cmd::new(name).arg(g.key()).arg(ttl).arg(g.value()).done()
}

/// GETSET key value
pub fn getset(g: &mut Generator) -> Generated {
    Cmd::new("GETSET").arg(g.key()).arg(g.value()).done()
}

/// GETDEL key
pub fn getdel(g: &mut Generator) -> Generated {
    Cmd::new("GETDEL").arg(g.key()).done()
}

/// GETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST]
pub fn getex(g: &mut Generator) -> Generated {
    let cmd = Cmd::new("GETEX").arg(g.key());
    match g.rng().below(8) {
        0 => cmd.args(["EX", g.rel_secs()]),
        1 => cmd.args(["PX", g.rel_ms()]),
        2 => cmd.args(["EXAT", g.abs_secs()]),
        3 => cmd.args(["PXAT", g.abs_ms()]),
        4 => cmd.arg("PERSIST"),
        5 => cmd.args([g.pick(&["EX", "PX", "EXAT", "PXAT"]), g.bad_time()]),
        6 => cmd.args(["EX", "1000", "PERSIST"]),
        _ => cmd,
    }
    .done()
}

/// MGET key...
pub fn mget(g: &mut Generator) -> Generated {
    let keys = g.keys(6);
    Cmd::new("MGET").args(keys).done()
}

/// MSET / MSETNX key value..., sometimes with an odd argument count.
pub fn mset(g: &mut Generator) -> Generated {
    let name = if g.chance(30) { "MSETNX" } else { "MSET" };
    let mut cmd = Cmd::new(name);
    for _ in 0..1 + g.rng().below(4) {
        cmd = cmd.arg(g.key()).arg(g.value());
    }
    if g.chance(5) {
        cmd = cmd.arg(g.key());
    }
    cmd.done()
}

/// APPEND key value
pub fn append(g: &mut Generator) -> Generated {
    Cmd::new("APPEND").arg(g.key()).arg(g.value()).done()
}

/// STRLEN key
pub fn strlen(g: &mut Generator) -> Generated {
    Cmd::new("STRLEN").arg(g.key()).done()
}

/// INCR / DECR / INCRBY / DECRBY, over keys that often hold non-integers.
pub fn incr_family(g: &mut Generator) -> Generated {
    let key = g.key();
    match g.rng().below(4) {
        0 => Cmd::new("INCR").arg(key),
        1 => Cmd::new("DECR").arg(key),
        2 => Cmd::new("INCRBY").arg(key).arg(g.int()),
        _ => Cmd::new("DECRBY").arg(key).arg(g.int()),
    }
    .done()
}

/// INCRBYFLOAT key increment
pub fn incrbyfloat(g: &mut Generator) -> Generated {
    Cmd::new("INCRBYFLOAT").arg(g.key()).arg(g.float()).done()
}

const INDEXES: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "-1",
    "-2",
    "-5",
    "10",
    "100",
    "-100",
    "9223372036854775807",
    "-9223372036854775808",
    "x",
];

/// GETRANGE / SUBSTR key start end
pub fn getrange(g: &mut Generator) -> Generated {
    let name = if g.chance(20) { "SUBSTR" } else { "GETRANGE" };
    let key = g.key();
    let (start, end) = (g.pick(INDEXES), g.pick(INDEXES));
    Cmd::new(name).arg(key).arg(start).arg(end).done()
}

/// SETRANGE key offset value, including negative and oversized offsets.
pub fn setrange(g: &mut Generator) -> Generated {
    let offset = g.pick(&["0", "1", "3", "10", "40", "-1", "536870912", "x"]);
    Cmd::new("SETRANGE")
        .arg(g.key())
        .arg(offset)
        .arg(g.value())
        .done()
}

/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]
pub fn lcs(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("LCS").arg(g.key()).arg(g.key());
    if g.chance(30) {
        cmd = cmd.arg("LEN");
    }
    if g.chance(40) {
        cmd = cmd.arg("IDX");
    }
    if g.chance(30) {
        cmd = cmd
            .arg("MINMATCHLEN")
            .arg(g.pick(&["0", "1", "2", "4", "-1", "x"]));
    }
    if g.chance(30) {
        cmd = cmd.arg("WITHMATCHLEN");
    }
    cmd.done()
}
