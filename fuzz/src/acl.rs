//! Fuzz harness for the ACL rule parser (`crates/acl`), shared by the libFuzzer target
//! `acl_rules` and the stable loop.
//!
//! One input is `[flags][name]\n[rule]\n[rule]...`: the first byte holds flags, the rest is cut
//! on `\n` into the user name and one ACL SETUSER argument per piece (so rules may hold any byte
//! but `\n`, NUL and other whitespace included). Flag bit 0 is `acl-pubsub-default
//! allchannels`; bit 1 applies the rules in two ACL SETUSER calls (first half, then the rest to
//! the now existing user) instead of one.
//!
//! Checks (any violation panics, which the fuzzer reports as a crash):
//! 1. nothing panics: `Users::set_user`, `User::apply` one rule at a time, and
//!    `Users::from_acl_file` on the raw payload;
//! 2. round trip: a user built by `set_user`, by `apply` one rule at a time (errors skipped),
//!    or loaded from the raw payload, written as its ACL LIST / ACL SAVE line and loaded back by
//!    `from_acl_file`, is equal (`==`) to the original, and describes to the same line again.
//!
//! Some users cannot survive that line format in Redis 7.0 either (see [`Hazard`], each case
//! checked against `redis-server`); a round trip that fails for one of them is tolerated only
//! when the rules contain that hazard, and counted ([`tolerated`]), never skipped silently.

use std::sync::atomic::{AtomicU64, Ordering};

use acl::user::merge_selector_args;
use acl::{User, Users};

/// A known limit of the ACL LIST / ACL SAVE line format, shared with Redis 7.0: rules that
/// build a user whose description does not load back as the same user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hazard {
    /// `+select|a b`: a first argument with whitespace is stored as is and written unquoted,
    /// so the line splits it into two rules (Redis: `user c off resetchannels -@all
    /// +select|a b`).
    FirstArgSpace,
    /// `%RW~*` (or `%R~*` then `%W~*`) is a plain pattern `*`, not `allkeys`, but describes as
    /// `~*`, which loads back as `allkeys` (and refuses any later pattern; Redis: `ACL SETUSER a
    /// %RW~* ~x` lists as `~* ~x`).
    PercentStar,
    /// A selector token with a quote, whitespace or a trailing `)` (given quoted in
    /// `(~"a\"b")`): written unquoted inside `( ... )`, it is re-split differently (Redis:
    /// `(~a"b resetchannels -@all)`).
    SelectorToken,
}

impl Hazard {
    /// Every hazard, in the order of [`tolerated`]'s counts.
    pub const ALL: [Hazard; 3] = [
        Hazard::FirstArgSpace,
        Hazard::PercentStar,
        Hazard::SelectorToken,
    ];
}

static TOLERATED: [AtomicU64; 3] = [AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0)];

/// How many failed round trips each hazard explained so far, in [`Hazard::ALL`] order.
pub fn tolerated() -> [(Hazard, u64); 3] {
    Hazard::ALL.map(|h| (h, TOLERATED[h as usize].load(Ordering::Relaxed)))
}

/// Runs every ACL check on one fuzz input; panics on the first invariant that does not hold.
pub fn check_acl_rules(data: &[u8]) {
    let flags = data.first().copied().unwrap_or(0);
    let payload = data.get(1..).unwrap_or(&[]);
    let all_channels = flags & 1 != 0;
    let mut pieces = payload.split(|&c| c == b'\n');
    let name = pieces.next().unwrap_or(&[]);
    let rules: Vec<&[u8]> = pieces.collect();
    // set_user joins selectors split over several arguments before applying them.
    let joined_hazard = merge_selector_args(&rules)
        .ok()
        .and_then(|joined| hazard_of(&joined));

    let mut users = Users::new();
    let applied = if flags & 2 != 0 {
        let (first, rest) = rules.split_at(rules.len() / 2);
        users
            .set_user(name, first, all_channels)
            .and_then(|()| users.set_user(name, rest, all_channels))
    } else {
        users.set_user(name, &rules, all_channels)
    };
    if applied.is_ok() {
        let user = users.get(name).expect("set_user stored the user");
        check_round_trip(user, all_channels, joined_hazard, "set_user");
    }

    let mut user = User::new(name, all_channels);
    for rule in &rules {
        // Errors are expected here; what matters is the state the rules that did apply leave.
        let _ = user.apply(rule, all_channels);
    }
    // A name with spaces is refused by ACL SETUSER and the file, so it has no line to load.
    if !acl::selector::has_spaces(name) {
        check_round_trip(&user, all_channels, hazard_of(&rules), "apply");
    }

    check_acl_file(payload, all_channels);
}

/// Loads the raw payload as an ACL file; every user it yields must round-trip too.
fn check_acl_file(text: &[u8], all_channels: bool) {
    let Ok(users) = Users::from_acl_file(text, "fuzz.acl", all_channels) else {
        return;
    };
    for user in users.iter() {
        let hazard = file_hazard_of(text, &user.name);
        check_round_trip(user, all_channels, hazard, "from_acl_file");
    }
}

/// The hazard in the `user NAME ...` line that defined `name`, read the way the loader reads it.
fn file_hazard_of(text: &[u8], name: &[u8]) -> Option<Hazard> {
    for raw in text.split(|&c| c == b'\n') {
        let line = acl::users::trim(raw, b" \t\r\n");
        let words: Vec<&[u8]> = line.split(|&c| c == b' ').collect();
        if words.len() >= 2 && words[0] == b"user" && words[1] == name {
            let merged = merge_selector_args(&words[2..]).ok()?;
            let rules: Vec<&[u8]> = merged
                .iter()
                .map(|w| acl::users::trim(w, b"\t\r\n"))
                .collect();
            return hazard_of(&rules);
        }
    }
    None
}

/// Writes `user` as its ACL file line, loads it back, and checks it comes back equal and
/// describes the same. A difference panics unless `hazard` explains it.
fn check_round_trip(user: &User, all_channels: bool, hazard: Option<Hazard>, source: &str) {
    let line = user.config_line();
    let mut text = line.clone();
    text.push(b'\n');
    let failure = match Users::from_acl_file(&text, "fuzz.acl", all_channels) {
        Err(error) => format!("the line does not load: {error}"),
        Ok(loaded) => match loaded.get(&user.name) {
            None => "the loaded file lacks the user".to_string(),
            Some(back) if **back != *user => {
                format!("it loads as a different user:\n  original {user:?}\n  loaded   {back:?}")
            }
            Some(back) => {
                assert_eq!(
                    String::from_utf8_lossy(&back.config_line()),
                    String::from_utf8_lossy(&line),
                    "an equal user describes differently"
                );
                return;
            }
        },
    };
    match hazard {
        Some(hazard) => {
            TOLERATED[hazard as usize].fetch_add(1, Ordering::Relaxed);
        }
        None => panic!(
            "ACL round trip ({source}) failed for line {:?}: {failure}",
            String::from_utf8_lossy(&line)
        ),
    }
}

/// The first [`Hazard`] among rules as `User::apply` takes them (selectors whole), if any.
pub fn hazard_of<R: AsRef<[u8]>>(rules: &[R]) -> Option<Hazard> {
    rules.iter().find_map(|op| {
        let op = op.as_ref();
        if op.len() >= 2 && op[0] == b'(' && op.last() == Some(&b')') {
            let tokens = config::split_args(&op[1..op.len() - 1])?;
            tokens.iter().find_map(|token| selector_token_hazard(token))
        } else {
            rule_hazard(op)
        }
    })
}

fn selector_token_hazard(token: &[u8]) -> Option<Hazard> {
    let breaks = |c: &u8| matches!(c, b'"' | b'\'') || is_space(*c);
    if token.iter().any(breaks) || token.last() == Some(&b')') {
        return Some(Hazard::SelectorToken);
    }
    rule_hazard(token)
}

fn rule_hazard(op: &[u8]) -> Option<Hazard> {
    if op.first() == Some(&b'+') {
        let bar = op.iter().rposition(|&c| c == b'|')?;
        return op[bar + 1..]
            .iter()
            .any(|&c| is_space(c))
            .then_some(Hazard::FirstArgSpace);
    }
    (op.first() == Some(&b'%') && op.ends_with(b"~*")).then_some(Hazard::PercentStar)
}

/// C's isspace: what the file loader and `split_args` may cut or trim on.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(flags: u8, lines: &[&str]) -> Vec<u8> {
        let mut data = vec![flags];
        data.extend_from_slice(lines.join("\n").as_bytes());
        data
    }

    #[test]
    fn ordinary_rules_round_trip() {
        let rules = [
            "u",
            "on",
            ">pw",
            "~k*",
            "%R~r*",
            "%W~w*",
            "&ch",
            "+@hash",
            "-hget",
            "(+get ~x)",
            "+select|0",
            "+config|get",
            "sanitize-payload",
        ];
        for flags in 0..4 {
            check_acl_rules(&input(flags, &rules));
        }
    }

    #[test]
    fn malformed_inputs_do_not_panic() {
        for data in [
            &b""[..],
            b"\x01",
            b"\x00a b\n+get",
            b"\x00u\n(~x\n+get",
            b"\x00u\n%\n%~\n(\n()\n!x\n<x\n#zz",
            b"\x02user a on\nuser a off\nuser (x ~y",
        ] {
            check_acl_rules(data);
        }
    }

    #[test]
    fn hazards_are_recognised() {
        assert_eq!(hazard_of(&[b"+select|a b"]), Some(Hazard::FirstArgSpace));
        assert_eq!(hazard_of(&[b"%RW~*"]), Some(Hazard::PercentStar));
        assert_eq!(hazard_of(&[b"(~\"a\\\"b\")"]), Some(Hazard::SelectorToken));
        assert_eq!(hazard_of(&[b"(~x) +get)"]), Some(Hazard::SelectorToken));
        assert_eq!(hazard_of(&[&b"+select|0"[..], b"~*", b"(~x +get)"]), None);
    }

    #[test]
    fn hazardous_rules_are_tolerated_and_counted() {
        let before = tolerated()[0].1;
        check_acl_rules(&input(0, &["u", "+select|a b"]));
        assert!(tolerated()[0].1 > before);
    }
}
