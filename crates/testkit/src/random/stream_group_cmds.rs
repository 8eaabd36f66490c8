//! Random consumer group commands (XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM,
//! XINFO), valid and invalid, over streams fed by XADD with explicit IDs. Replies that show
//! idle or seen times are compared by shape; delivery times are pinned with XCLAIM's TIME.

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, string_cmds};
use crate::compare::Compare;

/// Group names: two real ones and a rare missing one.
const GROUPS: &[&str] = &["g1", "g1", "g2", "g2", "nogroup"];
/// Consumer names.
const CONSUMERS: &[&str] = &["c1", "c2", "c3"];
/// IDs for XACK, XCLAIM, XDEL and SETID, valid and invalid.
const IDS: &[&str] = &[
    "1-1", "2-0", "3-1", "5", "7-2", "10-0", "20-1", "50-0", "0", "0-1", "bad", "-", "+",
];

fn group(g: &mut Generator) -> &'static str {
    g.pick(GROUPS)
}

fn consumer(g: &mut Generator) -> &'static str {
    g.pick(CONSUMERS)
}

fn ids(g: &mut Generator) -> Vec<&'static str> {
    let n = 1 + g.rng().below(3);
    (0..n).map(|_| g.pick(IDS)).collect()
}

/// XADD key <ms>-<seq|*> f v: explicit IDs, so both servers store the same entries.
pub fn xadd(g: &mut Generator) -> Generated {
    let ms = 1 + g.rng().below(60);
    let id = if g.chance(70) {
        format!("{ms}-*")
    } else {
        format!("{ms}-{}", g.rng().below(3))
    };
    Cmd::new("XADD")
        .arg(g.key())
        .arg(id)
        .arg("f")
        .arg(g.value())
        .done()
}

/// XDEL key id...
pub fn xdel(g: &mut Generator) -> Generated {
    let key = g.key();
    Cmd::new("XDEL").arg(key).args(ids(g)).done()
}

/// XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]
pub fn xgroup_create(g: &mut Generator) -> Generated {
    let (key, name) = (g.key(), group(g));
    let id = g.pick(&["0", "$", "$", "5-0", "bad", "-"]);
    let mut cmd = Cmd::new("XGROUP").arg("CREATE").arg(key).arg(name).arg(id);
    if g.chance(50) {
        cmd = cmd.arg("MKSTREAM");
    }
    if g.chance(20) {
        cmd = cmd
            .arg("ENTRIESREAD")
            .arg(g.pick(&["0", "3", "-1", "-2", "x"]));
    }
    cmd.done()
}

/// XGROUP SETID key group id|$ [ENTRIESREAD n]
pub fn xgroup_setid(g: &mut Generator) -> Generated {
    let (key, name) = (g.key(), group(g));
    let id = g.pick(&["0", "$", "3-0", "bad", "+"]);
    let mut cmd = Cmd::new("XGROUP").arg("SETID").arg(key).arg(name).arg(id);
    if g.chance(30) {
        cmd = cmd.arg("ENTRIESREAD").arg(g.pick(&["0", "2", "-1", "-3"]));
    }
    cmd.done()
}

/// XGROUP DESTROY / CREATECONSUMER / DELCONSUMER
pub fn xgroup_other(g: &mut Generator) -> Generated {
    let (key, name) = (g.key(), group(g));
    match g.rng().below(5) {
        0 => Cmd::new("XGROUP").arg("DESTROY").arg(key).arg(name).done(),
        1 | 2 => {
            let c = consumer(g);
            Cmd::new("XGROUP")
                .arg("CREATECONSUMER")
                .arg(key)
                .arg(name)
                .arg(c)
                .done()
        }
        _ => {
            let c = consumer(g);
            Cmd::new("XGROUP")
                .arg("DELCONSUMER")
                .arg(key)
                .arg(name)
                .arg(c)
                .done()
        }
    }
}

/// XREADGROUP GROUP g c [COUNT n] [NOACK] STREAMS key... id... over one or two keys.
pub fn xreadgroup(g: &mut Generator) -> Generated {
    let (name, c) = (group(g), consumer(g));
    let mut cmd = Cmd::new("XREADGROUP").arg("GROUP").arg(name).arg(c);
    if g.chance(50) {
        cmd = cmd.arg("COUNT").arg(g.pick(&["1", "2", "0", "-1", "x"]));
    }
    if g.chance(15) {
        cmd = cmd.arg("NOACK");
    }
    let keys = g.keys(2);
    let starts: Vec<&str> = keys
        .iter()
        .map(|_| g.pick(&[">", ">", ">", "0", "2-0", "$", "bad"]))
        .collect();
    cmd.arg("STREAMS").args(keys).args(starts).done()
}

/// XACK key group id...
pub fn xack(g: &mut Generator) -> Generated {
    let (key, name) = (g.key(), group(g));
    Cmd::new("XACK").arg(key).arg(name).args(ids(g)).done()
}

/// XPENDING key group, or the extended form (idle times: compared by shape).
pub fn xpending(g: &mut Generator) -> Generated {
    let (key, name) = (g.key(), group(g));
    let cmd = Cmd::new("XPENDING").arg(key).arg(name);
    if g.chance(40) {
        return cmd.done();
    }
    let mut cmd = cmd;
    if g.chance(20) {
        cmd = cmd.arg("IDLE").arg(g.pick(&["0", "1000", "x"]));
    }
    let start = g.pick(&["-", "(1-1", "3", "bad"]);
    let end = g.pick(&["+", "(50-0", "20"]);
    cmd = cmd.arg(start).arg(end).arg(g.pick(&["10", "1", "0", "x"]));
    if g.chance(40) {
        cmd = cmd.arg(consumer(g));
    }
    cmd.compare(Compare::Shape).done()
}

/// XCLAIM key group consumer min-idle id... [TIME t] [RETRYCOUNT n] [FORCE] [JUSTID] [LASTID]
pub fn xclaim(g: &mut Generator) -> Generated {
    let (key, name, c) = (g.key(), group(g), consumer(g));
    let min_idle = g.pick(&["0", "0", "100000000", "x"]);
    let mut cmd = Cmd::new("XCLAIM")
        .arg(key)
        .arg(name)
        .arg(c)
        .arg(min_idle)
        .args(ids(g));
    if g.chance(60) {
        cmd = cmd.arg("TIME").arg(g.pick(&["1000", "2000", "-5"]));
    }
    if g.chance(30) {
        cmd = cmd.arg("RETRYCOUNT").arg(g.pick(&["0", "5", "-1", "x"]));
    }
    if g.chance(30) {
        cmd = cmd.arg("FORCE");
    }
    if g.chance(40) {
        cmd = cmd.arg("JUSTID");
    }
    if g.chance(15) {
        cmd = cmd.arg("LASTID").arg(g.pick(&["30-0", "1-1", "bad"]));
    }
    if g.chance(5) {
        cmd = cmd.arg("BOGUS");
    }
    cmd.done()
}

/// XAUTOCLAIM key group consumer min-idle start [COUNT n] [JUSTID]
pub fn xautoclaim(g: &mut Generator) -> Generated {
    let (key, name, c) = (g.key(), group(g), consumer(g));
    let min_idle = g.pick(&["0", "0", "100000000", "x"]);
    let start = g.pick(&["0", "-", "(1-1", "5-0", "bad"]);
    let mut cmd = Cmd::new("XAUTOCLAIM")
        .arg(key)
        .arg(name)
        .arg(c)
        .arg(min_idle)
        .arg(start);
    if g.chance(50) {
        cmd = cmd.arg("COUNT").arg(g.pick(&["1", "2", "0", "x"]));
    }
    if g.chance(40) {
        cmd = cmd.arg("JUSTID");
    }
    cmd.done()
}

/// XINFO GROUPS (exact), CONSUMERS and STREAM [FULL] (times and tree sizes: by shape).
pub fn xinfo(g: &mut Generator) -> Generated {
    let key = g.key();
    match g.rng().below(4) {
        0 | 1 => Cmd::new("XINFO").arg("GROUPS").arg(key).done(),
        2 => {
            let name = group(g);
            Cmd::new("XINFO")
                .arg("CONSUMERS")
                .arg(key)
                .arg(name)
                .compare(Compare::Shape)
                .done()
        }
        _ => {
            let mut cmd = Cmd::new("XINFO").arg("STREAM").arg(key);
            if g.chance(50) {
                cmd = cmd.arg("FULL");
            }
            cmd.compare(Compare::Shape).done()
        }
    }
}

/// Weighted makers.
pub const TABLE: &[(usize, Make)] = &[
    (8, xadd),
    (1, xdel),
    (4, xgroup_create),
    (1, xgroup_setid),
    (2, xgroup_other),
    (7, xreadgroup),
    (3, xack),
    (3, xpending),
    (3, xclaim),
    (2, xautoclaim),
    (3, xinfo),
    (1, key_cmds::del),
    (1, string_cmds::set),
];
