//! Random HyperLogLog commands, valid and invalid: PFADD of few or many elements (growing
//! keys across the sparse-to-dense threshold), PFCOUNT and PFMERGE over tagged and untagged
//! keys, PFDEBUG, GET of the exact bytes, corruption by APPEND/SETRANGE, SET and DEL.

use super::gen::{Cmd, Generated, Generator, Make};
use super::{key_cmds, list_cmds, string_cmds};

/// Elements: a shared pool so that adds collide, plus a wide numeric range so keys grow.
fn element(g: &mut Generator) -> String {
    if g.chance(20) {
        g.value().to_string()
    } else {
        let bound = if g.chance(50) { 500 } else { 50_000 };
        format!("e{}", g.rng().below(bound))
    }
}

/// PFADD key [element ...]: none, a few or a few hundred elements.
pub fn pfadd(g: &mut Generator) -> Generated {
    let count = match g.rng().below(10) {
        0 => 0,
        1..=6 => 1 + g.rng().below(5),
        _ => 50 + g.rng().below(400),
    };
    let elements: Vec<String> = (0..count).map(|_| element(g)).collect();
    Cmd::new("PFADD").arg(g.key()).args(elements).done()
}

/// PFCOUNT key [key ...]: one key (cache refresh) or a union.
pub fn pfcount(g: &mut Generator) -> Generated {
    let keys = if g.chance(60) {
        vec![g.key()]
    } else {
        g.keys(4)
    };
    Cmd::new("PFCOUNT").args(keys).done()
}

/// PFMERGE destkey [sourcekey ...]
pub fn pfmerge(g: &mut Generator) -> Generated {
    let dest = g.key();
    let sources = if g.chance(10) { Vec::new() } else { g.keys(3) };
    Cmd::new("PFMERGE").arg(dest).args(sources).done()
}

/// PFDEBUG subcommand key, with an unknown subcommand now and then. GETREG's 16384 registers
/// are compared as well.
pub fn pfdebug(g: &mut Generator) -> Generated {
    let subcommand = g.pick(&[
        "GETREG", "decode", "ENCODING", "todense", "Encoding", "nosuch",
    ]);
    Cmd::new("PFDEBUG").arg(subcommand).arg(g.key()).done()
}

/// GET key: the HyperLogLog's exact bytes, cache included.
pub fn get(g: &mut Generator) -> Generated {
    Cmd::new("GET").arg(g.key()).done()
}

/// APPEND key tail: garbage after the opcodes (a corrupt sparse HyperLogLog, or a dense one of
/// the wrong length), including bytes that decode as ZERO, XZERO and VAL opcodes.
pub fn corrupt_append(g: &mut Generator) -> Generated {
    let tail: &[u8] = match g.rng().below(4) {
        0 => b"\x00",
        1 => b"\x41",
        // Kept UTF-8 (error replies echo arguments as text): both bytes decode as VALs.
        2 => "\u{e9}".as_bytes(),
        _ => b"x",
    };
    Cmd::new("APPEND").arg(g.key()).arg(tail).done()
}

/// SETRANGE key offset byte: rewrites a header or opcode byte.
pub fn corrupt_setrange(g: &mut Generator) -> Generated {
    let offset = g.pick(&["4", "15", "16", "17", "18", "20"]);
    let byte: &[u8] = match g.rng().below(4) {
        0 => b"\x00",
        1 => b"\x7f",
        2 => "\u{e9}".as_bytes(),
        _ => b"\x01",
    };
    Cmd::new("SETRANGE")
        .arg(g.key())
        .arg(offset)
        .arg(byte)
        .done()
}

/// Weighted makers.
pub const TABLE: &[(usize, Make)] = &[
    (30, pfadd),
    (14, pfcount),
    (8, pfmerge),
    (6, pfdebug),
    (8, get),
    (2, corrupt_append),
    (2, corrupt_setrange),
    (2, string_cmds::set),
    (3, key_cmds::del),
    (1, key_cmds::exists),
    (1, key_cmds::type_of),
    (1, key_cmds::rename),
    (1, key_cmds::copy),
    (1, list_cmds::push),
];
