//! Random inputs for [`crate::acl::check_acl_rules`] in the stable loop: rule soups built from
//! the rule language's keywords, prefixes, real command and category names, then mutated.

use crate::SplitMix;

/// Rules that take no argument.
const WORDS: &[&str] = &[
    "on",
    "off",
    "nopass",
    "resetpass",
    "reset",
    "sanitize-payload",
    "skip-sanitize-payload",
    "allkeys",
    "resetkeys",
    "allchannels",
    "resetchannels",
    "allcommands",
    "nocommands",
    "clearselectors",
    "~*",
    "&*",
    "+@all",
    "-@all",
    "",
];

/// Short strings for patterns, passwords and first arguments, awkward ones included.
const FRAGMENTS: &[&[u8]] = &[
    b"k*", b"*", b"a", b"0", b"Abc", b"x y", b"\"", b"'", b")", b"(", b"\\", b"\t", b"\0", b"|",
    b"~", b"%", b"\xff",
];

/// Bytes the mutator inserts: the format's punctuation.
const PUNCTUATION: &[u8] = b"()~%&+-@|<>#! \t\r\"'\\\0RW*";

/// One input in the harness format: flags byte, name, then `\n`-separated rules.
pub fn generate_acl_input(rng: &mut SplitMix) -> Vec<u8> {
    let mut data = vec![rng.below(4) as u8];
    if rng.below(8) == 0 {
        data.extend_from_slice(&acl_file(rng));
    } else {
        let names: [&[u8]; 5] = [b"u", b"default", b"a b", b"", b"(x"];
        // Mostly valid names; now and then one set_user refuses or the file reads oddly.
        let choices = if rng.below(4) == 0 { 5 } else { 2 };
        data.extend_from_slice(names[rng.below(choices)]);
        for _ in 0..rng.below(12) {
            data.push(b'\n');
            data.extend_from_slice(&rule(rng, true));
        }
    }
    for _ in 0..rng.below(3) {
        mutate(&mut data, rng);
    }
    data
}

/// A few `user NAME rules...` lines, the way ACL SAVE writes them, with some damage.
fn acl_file(rng: &mut SplitMix) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..1 + rng.below(3) {
        out.extend_from_slice(if rng.below(8) == 0 { b"usr " } else { b"user " });
        out.extend_from_slice([&b"u"[..], b"v", b"default"][rng.below(3)]);
        for _ in 0..rng.below(8) {
            out.push(b' ');
            out.extend_from_slice(&rule(rng, true));
        }
        out.push(b'\n');
    }
    out
}

/// One rule; `selectors` allows a `(...)` (never nested).
fn rule(rng: &mut SplitMix, selectors: bool) -> Vec<u8> {
    let fragment = |rng: &mut SplitMix| FRAGMENTS[rng.below(FRAGMENTS.len())].to_vec();
    match rng.below(if selectors { 12 } else { 11 }) {
        0 | 1 => WORDS[rng.below(WORDS.len())].as_bytes().to_vec(),
        2 => [&b">"[..], b"<"][rng.below(2)]
            .iter()
            .copied()
            .chain(fragment(rng))
            .collect(),
        3 => hash_rule(rng),
        4 => {
            let flags = [
                &b"~"[..],
                b"%R~",
                b"%W~",
                b"%RW~",
                b"%wr~",
                b"%R",
                b"%~",
                b"%X~",
            ];
            [flags[rng.below(flags.len())], &fragment(rng)].concat()
        }
        5 => [&b"&"[..], &fragment(rng)].concat(),
        6 | 7 => command_rule(rng),
        8 => {
            let sign = [&b"+@"[..], b"-@"][rng.below(2)];
            let names = acl::category::NAMES;
            let name = names.get(rng.below(names.len() + 1)).unwrap_or(&"nosuch");
            [sign, name.as_bytes()].concat()
        }
        9 => [&b"+select|"[..], &fragment(rng)].concat(),
        10 => fragment(rng),
        _ => selector(rng),
    }
}

/// `#hash` / `!hash`: mostly well-formed, sometimes a digit short or upper case.
fn hash_rule(rng: &mut SplitMix) -> Vec<u8> {
    let mut out = vec![[b'#', b'!'][rng.below(2)]];
    let digits = b"0123456789abcdef";
    let len = [64, 64, 63][rng.below(3)];
    out.extend((0..len).map(|_| digits[rng.below(2)]));
    if rng.below(8) == 0 {
        out.make_ascii_uppercase();
    }
    out
}

/// `+cmd`, `-cmd`, `+container|sub`, `+cmd|firstarg` over the whole command universe.
fn command_rule(rng: &mut SplitMix) -> Vec<u8> {
    let command = acl::command::get(rng.below(acl::command::count()));
    let mut out = vec![[b'+', b'-'][rng.below(2)]];
    out.extend_from_slice(command.name.as_bytes());
    if rng.below(6) == 0 {
        out.push(b'|');
        out.extend_from_slice(FRAGMENTS[rng.below(FRAGMENTS.len())]);
    }
    if rng.below(10) == 0 {
        out.make_ascii_uppercase();
    }
    out
}

/// `(rule rule ...)`, sometimes quoted, sometimes split over several arguments.
fn selector(rng: &mut SplitMix) -> Vec<u8> {
    let mut out = b"(".to_vec();
    for i in 0..rng.below(4) {
        if i > 0 {
            // A newline splits the selector over SETUSER arguments, which set_user joins.
            out.push([b' ', b' ', b'\n'][rng.below(3)]);
        }
        let inner = rule(rng, false);
        if rng.below(6) == 0 {
            out.push(b'"');
            out.extend_from_slice(&inner);
            out.push(b'"');
        } else {
            out.extend_from_slice(&inner);
        }
    }
    if rng.below(10) != 0 {
        out.push(b')');
    }
    out
}

/// One byte-level mutation: flip, insert punctuation, delete, duplicate or truncate.
fn mutate(data: &mut Vec<u8>, rng: &mut SplitMix) {
    if data.len() < 2 {
        return;
    }
    let at = 1 + rng.below(data.len() - 1);
    match rng.below(5) {
        0 => data[at] ^= 1 << rng.below(8),
        1 => data.insert(at, PUNCTUATION[rng.below(PUNCTUATION.len())]),
        2 => {
            let end = (at + 1 + rng.below(4)).min(data.len());
            data.drain(at..end);
        }
        3 => {
            let end = (at + 1 + rng.below(16)).min(data.len());
            let copy = data[at..end].to_vec();
            data.splice(at..at, copy);
        }
        _ => data.truncate(at),
    }
}
