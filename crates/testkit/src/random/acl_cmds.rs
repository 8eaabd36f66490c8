//! Random ACL rule sequences: ACL SETUSER with valid and invalid rules on a few users, read
//! back with ACL GETUSER / LIST (single-command rules compared as a set, as Redis prints them
//! in a random order) and checked with ACL DRYRUN.

use super::gen::{Cmd, Generated, Generator, Make};
use crate::compare::Compare;

const USERS: &[&str] = &["r0", "r1", "r2", "r3"];

/// Rules, valid and not, weighted towards the ones that change command bits.
const RULES: &[&str] = &[
    "on",
    "off",
    "nopass",
    "resetpass",
    ">p1",
    ">p2",
    "<p1",
    "<p2",
    "#f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a",
    "!f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a",
    "#bad",
    "~k*",
    "~*",
    "%R~r*",
    "%W~w*",
    "%RW~x*",
    "%R~k*",
    "allkeys",
    "resetkeys",
    "%~bad",
    "&c*",
    "&*",
    "allchannels",
    "resetchannels",
    "+@all",
    "-@all",
    "allcommands",
    "nocommands",
    "+@read",
    "-@read",
    "+@write",
    "-@write",
    "+@hash",
    "-@hash",
    "+@string",
    "-@string",
    "+@list",
    "-@list",
    "+@set",
    "-@sortedset",
    "+@keyspace",
    "-@keyspace",
    "+@dangerous",
    "-@dangerous",
    "+@admin",
    "-@admin",
    "+@fast",
    "-@slow",
    "+@connection",
    "-@transaction",
    "+@blocking",
    "+@stream",
    "-@pubsub",
    "+@scripting",
    "+@nosuch",
    "+get",
    "-get",
    "+set",
    "-set",
    "+hget",
    "-hget",
    "+del",
    "-flushall",
    "+config",
    "-config",
    "+config|get",
    "-config|set",
    "+client|kill",
    "-client",
    "+select|0",
    "+SELECT|1",
    "+get|x",
    "+debug|object",
    "+config|get|x",
    "+nosuch",
    "-nosuch",
    "+xadd",
    "-publish",
    "+acl|whoami",
    "skip-sanitize-payload",
    "sanitize-payload",
    "reset",
    "clearselectors",
    "(+get ~s*)",
    "(-@all +@list %R~l*)",
    "(+@all -@dangerous ~* &*)",
    "(~x",
    "bogus",
];

/// Commands ringkv serves, for DRYRUN.
const CALLS: &[&[&str]] = &[
    &["GET", "k1"],
    &["GET", "r1"],
    &["SET", "w1", "v"],
    &["SET", "w1", "v", "GET"],
    &["SET", "k1", "v"],
    &["DEL", "k1", "x1"],
    &["HGET", "k1", "f"],
    &["HSET", "x1", "f", "v"],
    &["LPUSH", "l1", "a"],
    &["FLUSHALL"],
    &["CONFIG", "GET", "maxmemory"],
    &["CONFIG", "SET", "maxmemory", "0"],
    &["SELECT", "0"],
    &["SELECT", "1"],
    &["CLIENT", "ID"],
    &["MSET", "k1", "v", "w1", "v"],
    &["SORT", "k1", "STORE", "w1"],
    &["ACL", "WHOAMI"],
    &["PING"],
];

fn user(g: &mut Generator) -> &'static str {
    g.pick(USERS)
}

/// ACL SETUSER user rule...
pub fn setuser(g: &mut Generator) -> Generated {
    let name = user(g);
    let count = 1 + g.rng().below(6);
    let rules: Vec<&str> = (0..count).map(|_| g.pick(RULES)).collect();
    Cmd::new("ACL").arg("SETUSER").arg(name).args(rules).done()
}

/// ACL GETUSER user
pub fn getuser(g: &mut Generator) -> Generated {
    let name = user(g);
    Cmd::new("ACL")
        .arg("GETUSER")
        .arg(name)
        .compare(Compare::AclRules)
        .done()
}

/// ACL LIST
pub fn list(_: &mut Generator) -> Generated {
    Cmd::new("ACL")
        .arg("LIST")
        .compare(Compare::AclRules)
        .done()
}

/// ACL DRYRUN user command...
pub fn dryrun(g: &mut Generator) -> Generated {
    let name = user(g);
    let call = *g.rng().pick(CALLS);
    Cmd::new("ACL")
        .arg("DRYRUN")
        .arg(name)
        .args(call.to_vec())
        .done()
}

/// ACL DELUSER user
pub fn deluser(g: &mut Generator) -> Generated {
    let name = user(g);
    Cmd::new("ACL").arg("DELUSER").arg(name).done()
}

/// The ACL mix: mostly rule changes and reads.
pub const TABLE: &[(usize, Make)] = &[
    (10, setuser),
    (6, getuser),
    (2, list),
    (6, dryrun),
    (1, deluser),
];
