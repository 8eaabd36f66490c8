//! The set of users: creating, changing and deleting them, and the ACL file.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::RuleError;
use crate::selector::has_spaces;
use crate::user::{merge_selector_args, User};

/// Why ACL SETUSER refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetUserError {
    /// The name has a space or NUL.
    BadName,
    /// A `(` with no `)`: the argument where it opened.
    UnmatchedParenthesis(Vec<u8>),
    /// A rule failed: the rule and why.
    Rule(Vec<u8>, RuleError),
}

impl SetUserError {
    /// Redis's error line (without `ERR `).
    pub fn message(&self) -> Vec<u8> {
        match self {
            SetUserError::BadName => b"Usernames can't contain spaces or null characters".to_vec(),
            SetUserError::UnmatchedParenthesis(arg) => [
                b"Unmatched parenthesis in acl selector starting at '",
                &arg[..],
                b"'.",
            ]
            .concat(),
            SetUserError::Rule(op, why) => [
                b"Error in ACL SETUSER modifier '",
                &op[..],
                b"': ",
                why.to_string().as_bytes(),
            ]
            .concat(),
        }
    }
}

/// All users, by name (sorted, as Redis's radix tree lists them).
#[derive(Debug, Clone)]
pub struct Users {
    users: BTreeMap<Box<[u8]>, Arc<User>>,
}

impl Default for Users {
    fn default() -> Self {
        Users::new()
    }
}

impl Users {
    /// Only the default user, on, nopass, allowed everything.
    pub fn new() -> Self {
        let mut users = BTreeMap::new();
        users.insert(b"default"[..].into(), Arc::new(User::new_default()));
        Users { users }
    }

    /// The user named `name`.
    pub fn get(&self, name: &[u8]) -> Option<&Arc<User>> {
        self.users.get(name)
    }

    /// The default user.
    pub fn default_user(&self) -> &Arc<User> {
        self.users
            .get(&b"default"[..])
            .expect("the default user always exists")
    }

    /// All users, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<User>> {
        self.users.values()
    }

    /// ACL SETUSER: applies `rules` to a copy of the user (a new one if absent) and stores it
    /// only if every rule applied.
    pub fn set_user(
        &mut self,
        name: &[u8],
        rules: &[&[u8]],
        all_channels: bool,
    ) -> Result<(), SetUserError> {
        if has_spaces(name) {
            return Err(SetUserError::BadName);
        }
        let merged = merge_selector_args(rules)
            .map_err(|i| SetUserError::UnmatchedParenthesis(rules[i].to_vec()))?;
        let mut user = match self.users.get(name) {
            Some(existing) => (**existing).clone(),
            None => User::new(name, all_channels),
        };
        for op in &merged {
            user.apply(op, all_channels)
                .map_err(|e| SetUserError::Rule(op.clone(), e))?;
        }
        self.users.insert(name.into(), Arc::new(user));
        Ok(())
    }

    /// Removes users (never `default`); the number removed.
    pub fn delete(&mut self, names: &[&[u8]]) -> usize {
        names
            .iter()
            .filter(|n| **n != b"default" && self.users.remove(**n).is_some())
            .count()
    }

    /// `requirepass`: the default user's only password, or nopass when empty.
    pub fn set_default_password(&mut self, password: &[u8]) {
        let mut user = (**self.default_user()).clone();
        user.apply(b"resetpass", false).ok();
        if password.is_empty() {
            user.apply(b"nopass", false).ok();
        } else {
            user.apply(&[b">", password].concat(), false).ok();
        }
        self.users.insert(b"default"[..].into(), Arc::new(user));
    }

    /// Users from `user NAME rules...` lines of the config file, on top of the default one
    /// (a `user default` line replaces it). Stops at the first error with Redis's log text.
    pub fn from_config_lines(lines: &[Vec<Vec<u8>>], all_channels: bool) -> Result<Users, String> {
        let mut users = Users::new();
        let mut seen: Vec<&[u8]> = Vec::new();
        for words in lines {
            let name = &words[0];
            if seen.contains(&&name[..]) {
                return Err(RuleError::DuplicateUser.to_string());
            }
            seen.push(name);
            if has_spaces(name) {
                return Err("Spaces not allowed in ACL usernames".into());
            }
            let rules: Vec<&[u8]> = words[1..].iter().map(|w| &w[..]).collect();
            let merged = merge_selector_args(&rules)
                .map_err(|_| "Unmatched parenthesis in selector definition".to_string())?;
            let mut user = User::new(name, all_channels);
            if &name[..] == b"default" {
                user.apply(b"reset", all_channels).ok();
            }
            for op in &merged {
                user.apply(op, all_channels).map_err(|e| {
                    format!(
                        "Error loading ACL rule '{}' for the user named '{}': {e}",
                        String::from_utf8_lossy(op),
                        String::from_utf8_lossy(name)
                    )
                })?;
            }
            users.users.insert(name[..].into(), Arc::new(user));
        }
        Ok(users)
    }

    /// Parses an ACL file. Every error is collected, as Redis does; with any error nothing
    /// is loaded and the message lists them all.
    pub fn from_acl_file(
        text: &[u8],
        file_name: &str,
        all_channels: bool,
    ) -> Result<Users, String> {
        let mut users: BTreeMap<Box<[u8]>, Arc<User>> = BTreeMap::new();
        let mut errors = String::new();
        for (i, raw) in text.split(|&c| c == b'\n').enumerate() {
            let line_no = i + 1;
            let line = trim(raw, b" \t\r\n");
            if line.is_empty() {
                continue;
            }
            let words: Vec<&[u8]> = line.split(|&c| c == b' ').collect();
            if words[0] != b"user" || words.len() < 2 {
                errors += &format!("{file_name}:{line_no} should start with user keyword followed by the username. ");
                continue;
            }
            let name = words[1];
            if has_spaces(name) {
                errors += &format!(
                    "'{file_name}:{line_no}: username '{}' contains invalid characters. ",
                    String::from_utf8_lossy(name)
                );
                continue;
            }
            if users.contains_key(name) {
                errors += &format!(
                    "WARNING: Duplicate user '{}' found on line {line_no}. ",
                    String::from_utf8_lossy(name)
                );
                continue;
            }
            let mut user = User::new(name, all_channels);
            match merge_selector_args(&words[2..]) {
                Ok(merged) => {
                    for op in &merged {
                        let op = trim(op, b"\t\r\n");
                        if let Err(e) = user.apply(op, all_channels) {
                            errors += &format!("{file_name}:{line_no}: {e}. ");
                        }
                    }
                }
                Err(_) => {
                    errors += &format!(
                        "{file_name}:{line_no}: Unmatched parenthesis in selector definition."
                    );
                }
            }
            users.insert(name.into(), Arc::new(user));
        }
        if !errors.is_empty() {
            errors += "WARNING: ACL errors detected, no change to the previously active ACL rules was performed";
            return Err(errors);
        }
        users
            .entry(b"default"[..].into())
            .or_insert_with(|| Arc::new(User::new_default()));
        Ok(Users { users })
    }

    /// The ACL file text for ACL SAVE: one `user` line per user, sorted by name.
    pub fn to_acl_file(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for user in self.users.values() {
            out.extend_from_slice(&user.config_line());
            out.push(b'\n');
        }
        out
    }
}

/// `s` without the bytes of `set` at either end (C's trimming of ACL file lines and rules).
pub fn trim<'a>(mut s: &'a [u8], set: &[u8]) -> &'a [u8] {
    while let Some((first, rest)) = s.split_first() {
        if !set.contains(first) {
            break;
        }
        s = rest;
    }
    while let Some((last, rest)) = s.split_last() {
        if !set.contains(last) {
            break;
        }
        s = rest;
    }
    s
}
