//! Random stream entry commands, valid and invalid.
//!
//! IDs are explicit so both servers hold the same entries: milliseconds come from a small
//! range and most adds use `<ms>-*`, which succeeds whenever the milliseconds are at least the
//! stream's last ones, so streams grow steadily (`*` is never sent: its IDs differ between
//! servers). CONFIG SET of tiny node limits makes streams cross node boundaries every few
//! entries, and DUMP compares the nodes, lengths and IDs byte for byte.

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, string_cmds};

/// Milliseconds of IDs; the largest are drawn most, so `<ms>-*` keeps succeeding.
const MS: &[&str] = &["1", "2", "3", "5", "8", "8", "8", "8", "9"];

/// Fields of entries: a few, so that nodes share their master fields often.
const FIELDS: &[&str] = &["f", "g", "a", "1", ""];

/// Weighted command makers of the family's mix.
pub const TABLE: &[(usize, Make)] = &[
    (24, xadd),
    (3, xlen),
    (6, xrange),
    (4, xrevrange),
    (5, xdel),
    (5, xtrim),
    (2, xsetid),
    (5, xread),
    (4, dump),
    (1, node_limits),
    (2, key_cmds::del),
    (1, key_cmds::exists),
    (1, key_cmds::type_of),
    (1, key_cmds::rename),
    (1, key_cmds::copy),
    (1, string_cmds::set),
];

/// An ID argument: mostly valid, small sequences, some special or invalid forms.
fn id(g: &mut Generator) -> String {
    match g.rng().below(20) {
        0 => g
            .pick(&[
                "-",
                "+",
                "x",
                "0-0",
                "1-*",
                "-1",
                "18446744073709551615-18446744073709551615",
            ])
            .to_string(),
        1 => g.pick(MS).to_string(),
        _ => format!("{}-{}", g.pick(MS), g.rng().below(6)),
    }
}

/// A range bound: an ID, `-`/`+`, sometimes exclusive.
fn bound(g: &mut Generator, open: &'static str) -> String {
    match g.rng().below(10) {
        0..=2 => open.to_string(),
        3..=4 => format!("({}", id(g)),
        _ => id(g),
    }
}

/// `MAXLEN|MINID [=|~] threshold [LIMIT n]`, sometimes malformed.
fn trim_args(g: &mut Generator, cmd: Cmd) -> Cmd {
    let maxlen = g.chance(60);
    let mut cmd = cmd.arg(if maxlen { "MAXLEN" } else { "MINID" });
    let marker = g.pick(&["~", "~", "=", ""]);
    if !marker.is_empty() {
        cmd = cmd.arg(marker);
    }
    cmd = if maxlen {
        cmd.arg(g.pick(&["0", "1", "2", "3", "5", "8", "-1", "x"]))
    } else {
        cmd.arg(id(g))
    };
    if g.chance(25) {
        cmd = cmd
            .arg("LIMIT")
            .arg(g.pick(&["0", "1", "2", "3", "6", "-1"]));
    }
    cmd
}

/// XADD key [NOMKSTREAM] [trim] <ms>-*|id field value [field value ...]
pub fn xadd(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("XADD").arg(g.key());
    if g.chance(10) {
        cmd = cmd.arg("NOMKSTREAM");
    }
    if g.chance(30) {
        cmd = trim_args(g, cmd);
    }
    let id = if g.chance(70) {
        format!("{}-*", g.pick(MS))
    } else {
        id(g)
    };
    cmd = cmd.arg(id);
    let pairs = 1 + g.rng().below(3);
    for _ in 0..pairs {
        cmd = cmd.arg(g.pick(FIELDS)).arg(g.value());
    }
    if g.chance(3) {
        cmd = cmd.arg("odd");
    }
    cmd.done()
}

/// XLEN key
pub fn xlen(g: &mut Generator) -> Generated {
    Cmd::new("XLEN").arg(g.key()).done()
}

fn with_count(g: &mut Generator, cmd: Cmd) -> Cmd {
    if g.chance(40) {
        cmd.arg("COUNT")
            .arg(g.pick(&["0", "1", "2", "5", "-1", "x"]))
    } else {
        cmd
    }
}

/// XRANGE key start end [COUNT n]
pub fn xrange(g: &mut Generator) -> Generated {
    let cmd = Cmd::new("XRANGE")
        .arg(g.key())
        .arg(bound(g, "-"))
        .arg(bound(g, "+"));
    with_count(g, cmd).done()
}

/// XREVRANGE key end start [COUNT n]
pub fn xrevrange(g: &mut Generator) -> Generated {
    let cmd = Cmd::new("XREVRANGE")
        .arg(g.key())
        .arg(bound(g, "+"))
        .arg(bound(g, "-"));
    with_count(g, cmd).done()
}

/// XDEL key id [id ...]
pub fn xdel(g: &mut Generator) -> Generated {
    let ids: Vec<String> = (0..1 + g.rng().below(3)).map(|_| id(g)).collect();
    Cmd::new("XDEL").arg(g.key()).args(ids).done()
}

/// XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT n]
pub fn xtrim(g: &mut Generator) -> Generated {
    let cmd = Cmd::new("XTRIM").arg(g.key());
    trim_args(g, cmd).done()
}

/// XSETID key id [ENTRIESADDED n] [MAXDELETEDID id]
pub fn xsetid(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("XSETID").arg(g.key()).arg(id(g));
    if g.chance(30) {
        cmd = cmd
            .arg("ENTRIESADDED")
            .arg(g.pick(&["0", "5", "100", "-1"]));
    }
    if g.chance(30) {
        cmd = cmd.arg("MAXDELETEDID").arg(id(g));
    }
    cmd.done()
}

/// XREAD [COUNT n] STREAMS key [key ...] id [id ...], never blocking.
pub fn xread(g: &mut Generator) -> Generated {
    let mut cmd = Cmd::new("XREAD");
    if g.chance(40) {
        cmd = cmd.arg("COUNT").arg(g.pick(&["0", "1", "2", "-1", "x"]));
    }
    let keys = g.keys(3);
    let ids: Vec<String> = keys
        .iter()
        .map(|_| if g.chance(20) { "$".to_string() } else { id(g) })
        .collect();
    cmd.arg("STREAMS").args(keys).args(ids).done()
}

/// DUMP key: nodes, length and IDs byte for byte.
pub fn dump(g: &mut Generator) -> Generated {
    Cmd::new("DUMP").arg(g.key()).done()
}

/// CONFIG SET of a node limit, small ones often.
pub fn node_limits(g: &mut Generator) -> Generated {
    if g.chance(70) {
        Cmd::new("CONFIG")
            .arg("SET")
            .arg("stream-node-max-entries")
            .arg(g.pick(&["2", "3", "4", "100", "0"]))
            .done()
    } else {
        Cmd::new("CONFIG")
            .arg("SET")
            .arg("stream-node-max-bytes")
            .arg(g.pick(&["0", "60", "120", "4096"]))
            .done()
    }
}
