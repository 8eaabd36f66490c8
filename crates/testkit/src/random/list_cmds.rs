//! Random list commands, valid and invalid. Pushes sometimes carry dozens of values so that a
//! few keys grow to hundreds of elements and cross the quicklist threshold (long values
//! make a few hundred elements pass the default 8 KiB node size).

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, string_cmds};

/// Weighted command makers of the family's mix.
pub const TABLE: &[(usize, Make)] = &[
    (20, push),
    (5, pop),
    (3, llen),
    (6, lrange),
    (4, lindex),
    (4, lset),
    (4, linsert),
    (4, lrem),
    (1, ltrim),
    (5, lpos),
    (4, lmove),
    (2, rpoplpush),
    (4, lmpop),
    (1, key_cmds::del),
    (1, key_cmds::exists),
    (2, key_cmds::type_of),
    (1, key_cmds::rename),
    (1, key_cmds::copy),
    (1, string_cmds::set),
    (1, string_cmds::get),
];

/// Index arguments: in range, past either end, the i64 edges, invalid.
const INDEXES: &[&str] = &[
    "0",
    "1",
    "2",
    "-1",
    "-2",
    "5",
    "-5",
    "17",
    "50",
    "-50",
    "150",
    "300",
    "-300",
    "1000",
    "9223372036854775807",
    "-9223372036854775808",
    "abc",
    "1.5",
];

/// An element: from the shared pool, a short pool that repeats a lot (so LREM, LPOS and
/// LINSERT find matches), a numbered one, or a long one.
fn element(g: &mut Generator) -> String {
    match g.rng().below(20) {
        0..=5 => g.value().to_string(),
        6..=12 => g.pick(&["a", "b", "c", "1", "2", "x"]).to_string(),
        13..=15 => format!("e{}", g.rng().below(500)),
        // Long values: a few dozen of them fill an 8 KiB node.
        _ => format!("{:-<150}", g.rng().below(1000)),
    }
}

fn index(g: &mut Generator) -> &'static str {
    g.pick(INDEXES)
}

fn side(g: &mut Generator) -> &'static str {
    if g.chance(3) {
        g.pick(&["UP", "middle", ""])
    } else {
        g.pick(&["LEFT", "RIGHT", "left", "Right"])
    }
}

/// LPUSH / RPUSH / LPUSHX / RPUSHX key element...: usually a few values, sometimes dozens.
pub fn push(g: &mut Generator) -> Generated {
    let name = g.pick(&["LPUSH", "RPUSH", "LPUSH", "RPUSH", "LPUSHX", "RPUSHX"]);
    let count = if g.chance(25) {
        30 + g.rng().below(90)
    } else {
        1 + g.rng().below(4)
    };
    let values: Vec<String> = (0..count).map(|_| element(g)).collect();
    Cmd::new(name).arg(g.key()).args(values).done()
}

/// LPOP / RPOP key [count], counts valid and not.
pub fn pop(g: &mut Generator) -> Generated {
    let name = g.pick(&["LPOP", "RPOP"]);
    let cmd = Cmd::new(name).arg(g.key());
    match g.rng().below(6) {
        0..=2 => cmd.done(),
        3 => cmd.arg(g.pick(&["0", "1", "3", "20", "2", "1000"])).done(),
        4 => cmd.arg(g.int()).done(),
        _ => cmd.arg(g.pick(&["-1", "abc", "2"])).done(),
    }
}

/// LLEN key
pub fn llen(g: &mut Generator) -> Generated {
    Cmd::new("LLEN").arg(g.key()).done()
}

/// LRANGE key start stop
pub fn lrange(g: &mut Generator) -> Generated {
    let key = g.key();
    let (start, stop) = if g.chance(30) {
        ("0", "-1")
    } else {
        (index(g), index(g))
    };
    Cmd::new("LRANGE").arg(key).arg(start).arg(stop).done()
}

/// LINDEX key index
pub fn lindex(g: &mut Generator) -> Generated {
    Cmd::new("LINDEX").arg(g.key()).arg(index(g)).done()
}

/// LSET key index element
pub fn lset(g: &mut Generator) -> Generated {
    let key = g.key();
    let at = index(g);
    Cmd::new("LSET").arg(key).arg(at).arg(element(g)).done()
}

/// LINSERT key BEFORE|AFTER pivot element, sometimes with a bad position word.
pub fn linsert(g: &mut Generator) -> Generated {
    let key = g.key();
    let place = if g.chance(5) {
        "ABOVE"
    } else {
        g.pick(&["BEFORE", "AFTER", "before", "after"])
    };
    let pivot = element(g);
    Cmd::new("LINSERT")
        .arg(key)
        .arg(place)
        .arg(pivot)
        .arg(element(g))
        .done()
}

/// LREM key count element
pub fn lrem(g: &mut Generator) -> Generated {
    let key = g.key();
    let count = g.pick(&["0", "1", "2", "-1", "-2", "5", "-5", "abc"]);
    Cmd::new("LREM").arg(key).arg(count).arg(element(g)).done()
}

/// LTRIM key start stop: mostly gentle trims, so that lists stay long.
pub fn ltrim(g: &mut Generator) -> Generated {
    let key = g.key();
    let (start, stop) = match g.rng().below(4) {
        0 => ("1", "-1"),
        1 => ("0", "-2"),
        2 => ("0", g.pick(&["150", "300", "-10"])),
        _ => (index(g), index(g)),
    };
    Cmd::new("LTRIM").arg(key).arg(start).arg(stop).done()
}

/// LPOS key element [RANK r] [COUNT n] [MAXLEN m], options in random order, some invalid.
pub fn lpos(g: &mut Generator) -> Generated {
    let mut options: Vec<Vec<&str>> = Vec::new();
    if g.chance(40) {
        options.push(vec![
            "RANK",
            g.pick(&["1", "2", "-1", "-3", "0", "abc", "5"]),
        ]);
    }
    if g.chance(40) {
        options.push(vec!["COUNT", g.pick(&["0", "1", "2", "5", "-1", "abc"])]);
    }
    if g.chance(30) {
        options.push(vec!["MAXLEN", g.pick(&["0", "1", "10", "100", "-1"])]);
    }
    if g.chance(3) {
        options.push(vec![g.pick(&["RANK", "COUNT", "FOO"])]);
    }
    g.rng().shuffle(&mut options);
    let key = g.key();
    Cmd::new("LPOS")
        .arg(key)
        .arg(element(g))
        .args(options.into_iter().flatten())
        .done()
}

/// LMOVE source destination LEFT|RIGHT LEFT|RIGHT, source and destination often equal.
pub fn lmove(g: &mut Generator) -> Generated {
    let source = g.key();
    let destination = if g.chance(25) { source } else { g.key() };
    let from = side(g);
    let to = side(g);
    Cmd::new("LMOVE")
        .arg(source)
        .arg(destination)
        .arg(from)
        .arg(to)
        .done()
}

/// RPOPLPUSH source destination
pub fn rpoplpush(g: &mut Generator) -> Generated {
    let source = g.key();
    let destination = if g.chance(25) { source } else { g.key() };
    Cmd::new("RPOPLPUSH").arg(source).arg(destination).done()
}

/// LMPOP numkeys key... LEFT|RIGHT [COUNT n], with numkeys sometimes wrong.
pub fn lmpop(g: &mut Generator) -> Generated {
    let keys = g.keys(3);
    let numkeys = if g.chance(8) {
        g.pick(&["0", "-1", "abc", "9"]).to_string()
    } else {
        keys.len().to_string()
    };
    let from = side(g);
    let mut cmd = Cmd::new("LMPOP").arg(numkeys).args(keys).arg(from);
    if g.chance(50) {
        cmd = cmd
            .arg("COUNT")
            .arg(g.pick(&["1", "2", "10", "100", "0", "-1", "abc"]));
    }
    cmd.done()
}
