//! A user: flags, passwords, the root selector and any further selectors.

use crate::describe;
use crate::error::RuleError;
use crate::password::{self, PasswordHash};
use crate::selector::Selector;

/// Payload sanitisation for RESTORE (recorded and described; ringkv always sanitises).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sanitize {
    /// `sanitize-payload`.
    Always,
    /// `skip-sanitize-payload`.
    Skip,
}

/// One ACL user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The user name.
    pub name: Box<[u8]>,
    /// `on` (may authenticate) or `off`.
    pub enabled: bool,
    /// Any password works.
    pub nopass: bool,
    /// `sanitize-payload` / `skip-sanitize-payload`, when either was given.
    pub sanitize: Option<Sanitize>,
    /// Hashes of the valid passwords, in the order added.
    pub passwords: Vec<PasswordHash>,
    /// The permissions given outside parentheses.
    pub root: Selector,
    /// `(...)` selectors, in the order added.
    pub selectors: Vec<Selector>,
}

impl User {
    /// A new user as ACL SETUSER creates it: off, no passwords, no permissions.
    pub fn new(name: &[u8], all_channels: bool) -> Self {
        User {
            name: name.into(),
            enabled: false,
            nopass: false,
            sanitize: None,
            passwords: Vec::new(),
            root: Selector::new(all_channels),
            selectors: Vec::new(),
        }
    }

    /// The default user of a fresh server: on, nopass, every command, key and channel.
    pub fn new_default() -> Self {
        let mut user = User::new(b"default", false);
        for op in ["+@all", "~*", "&*", "on", "nopass"] {
            user.apply(op.as_bytes(), false).ok();
        }
        user
    }

    /// A nameless user with `root` as its only selector (to check one selector alone).
    pub fn with_root(root: Selector) -> Self {
        User {
            root,
            ..User::new(b"", false)
        }
    }

    /// Applies one rule. `all_channels` is `acl-pubsub-default` (for `reset` and new
    /// selectors).
    pub fn apply(&mut self, op: &[u8], all_channels: bool) -> Result<(), RuleError> {
        let is = |word: &str| op.eq_ignore_ascii_case(word.as_bytes());
        if op.is_empty() {
            return Ok(());
        }
        if is("on") {
            self.enabled = true;
        } else if is("off") {
            self.enabled = false;
        } else if is("skip-sanitize-payload") {
            self.sanitize = Some(Sanitize::Skip);
        } else if is("sanitize-payload") {
            self.sanitize = Some(Sanitize::Always);
        } else if is("nopass") {
            self.nopass = true;
            self.passwords.clear();
        } else if is("resetpass") {
            self.nopass = false;
            self.passwords.clear();
        } else if op[0] == b'>' || op[0] == b'#' {
            let hash = if op[0] == b'>' {
                password::hash(&op[1..])
            } else {
                password::parse_hash(&op[1..]).ok_or(RuleError::BadHash)?
            };
            if !self.passwords.contains(&hash) {
                self.passwords.push(hash);
            }
            self.nopass = false;
        } else if op[0] == b'<' || op[0] == b'!' {
            let hash = if op[0] == b'<' {
                password::hash(&op[1..])
            } else {
                password::parse_hash(&op[1..]).ok_or(RuleError::BadHash)?
            };
            let at = self.passwords.iter().position(|p| *p == hash);
            self.passwords.remove(at.ok_or(RuleError::NoSuchPassword)?);
        } else if op[0] == b'(' && op.last() == Some(&b')') {
            let body = &op[1..op.len() - 1];
            let args = config::split_args(body).ok_or(RuleError::Syntax)?;
            let mut selector = Selector::new(all_channels);
            for arg in args {
                selector.apply(&arg)?;
            }
            self.selectors.push(selector);
        } else if is("clearselectors") {
            self.selectors.clear();
        } else if is("reset") {
            self.reset(all_channels);
        } else {
            self.root.apply(op)?;
        }
        Ok(())
    }

    fn reset(&mut self, all_channels: bool) {
        self.nopass = false;
        self.passwords.clear();
        self.root = Selector::new(all_channels);
        self.enabled = false;
        self.sanitize = Some(Sanitize::Always);
        self.selectors.clear();
    }

    /// Whether `password` authenticates this user (an enabled one).
    pub fn accepts(&self, clear: &[u8]) -> bool {
        if !self.enabled {
            return false;
        }
        if self.nopass {
            return true;
        }
        let hash = password::hash(clear);
        // Compare against every password so the time does not say which one matched.
        self.passwords
            .iter()
            .fold(false, |found, p| found | password::same(p, &hash))
    }

    /// The user's flags as ACL GETUSER lists them.
    pub fn flags(&self) -> Vec<&'static str> {
        let mut flags = vec![if self.enabled { "on" } else { "off" }];
        if self.nopass {
            flags.push("nopass");
        }
        match self.sanitize {
            Some(Sanitize::Skip) => flags.push("skip-sanitize-payload"),
            Some(Sanitize::Always) => flags.push("sanitize-payload"),
            None => {}
        }
        flags
    }

    /// The selectors a command may be allowed by: the root one first.
    pub fn all_selectors(&self) -> impl Iterator<Item = &Selector> {
        std::iter::once(&self.root).chain(self.selectors.iter())
    }

    /// The user as rules, the way ACL LIST and the ACL file write it (without `user NAME`).
    pub fn describe(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for flag in self.flags() {
            out.extend_from_slice(flag.as_bytes());
            out.push(b' ');
        }
        for hash in &self.passwords {
            out.push(b'#');
            out.extend_from_slice(hash);
            out.push(b' ');
        }
        out.extend_from_slice(&describe::selector(&self.root));
        for selector in &self.selectors {
            out.extend_from_slice(b" (");
            out.extend_from_slice(&describe::selector(selector));
            out.push(b')');
        }
        out
    }

    /// The line ACL LIST prints and ACL SAVE writes: `user NAME rules...`.
    pub fn config_line(&self) -> Vec<u8> {
        let mut line = b"user ".to_vec();
        line.extend_from_slice(&self.name);
        line.push(b' ');
        line.extend_from_slice(&self.describe());
        line
    }
}

/// Joins rules split over several arguments back into one selector, as Redis allows
/// (`(~x` `+get)` is `(~x +get)`). Returns the index of an unclosed `(` as the error.
pub fn merge_selector_args(args: &[&[u8]]) -> Result<Vec<Vec<u8>>, usize> {
    let mut merged = Vec::new();
    let mut open: Option<(usize, Vec<u8>)> = None;
    for (i, arg) in args.iter().enumerate() {
        // An opening argument starts a selector afresh, even inside another (as Redis does).
        if arg.first() == Some(&b'(') && arg.last() != Some(&b')') {
            open = Some((i, arg.to_vec()));
            continue;
        }
        if let Some((start, mut selector)) = open.take() {
            selector.push(b' ');
            selector.extend_from_slice(arg);
            if arg.last() == Some(&b')') {
                merged.push(selector);
            } else {
                open = Some((start, selector));
            }
            continue;
        }
        merged.push(arg.to_vec());
    }
    match open {
        Some((start, _)) => Err(start),
        None => Ok(merged),
    }
}
