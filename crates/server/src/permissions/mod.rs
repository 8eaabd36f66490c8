//! ACL state shared by every shard (users and the ACL log), the per-connection permission gate,
//! and loading users at start-up.
//!
//! Users change rarely and are read on every command, so connections keep an `Arc` of their
//! user and a generation number; a change bumps the generation and each connection re-reads
//! its user before its next command (one atomic load on the hot path).

pub mod gate;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use acl::log::{AclLog, Entry};
use acl::{User, Users};

/// Users, the ACL log and the generation that tells connections to re-read their user.
pub struct AclState {
    users: RwLock<Users>,
    log: Mutex<AclLog>,
    generation: AtomicU64,
    /// The `requirepass` last applied to the default user, to apply only changes.
    applied_requirepass: Mutex<Option<String>>,
}

impl AclState {
    /// State with `users`.
    pub fn new(users: Users) -> Self {
        AclState {
            users: RwLock::new(users),
            log: Mutex::new(AclLog::default()),
            generation: AtomicU64::new(1),
            applied_requirepass: Mutex::new(None),
        }
    }

    /// Bumped by every change of users.
    #[inline]
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Reads the users.
    pub fn read<R>(&self, f: impl FnOnce(&Users) -> R) -> R {
        f(&self.users.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Changes the users; connections see the change before their next command.
    pub fn write<R>(&self, f: impl FnOnce(&mut Users) -> R) -> R {
        let result = f(&mut self.users.write().unwrap_or_else(|p| p.into_inner()));
        self.generation.fetch_add(1, Ordering::AcqRel);
        result
    }

    /// The user named `name`.
    pub fn user(&self, name: &[u8]) -> Option<Arc<User>> {
        self.read(|users| users.get(name).cloned())
    }

    /// The user `name` if `password` authenticates it.
    pub fn authenticate(&self, name: &[u8], password: &[u8]) -> Option<Arc<User>> {
        self.user(name).filter(|user| user.accepts(password))
    }

    /// Works on the ACL log.
    pub fn with_log<R>(&self, f: impl FnOnce(&mut AclLog) -> R) -> R {
        f(&mut self.log.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Records a refusal in the ACL log.
    pub fn log(&self, entry: Entry, max_len: usize) {
        self.with_log(|log| log.add(entry, max_len));
    }

    /// Applies `requirepass` from the config file: a password replaces the default user's;
    /// an empty one leaves users from the ACL file or `user` lines as they are.
    pub fn apply_requirepass_at_start(&self, requirepass: &str) {
        if requirepass.is_empty() {
            *self
                .applied_requirepass
                .lock()
                .unwrap_or_else(|p| p.into_inner()) = Some(String::new());
        } else {
            self.apply_requirepass(requirepass);
        }
    }

    /// Makes `requirepass` the default user's password when it differs from the one last
    /// applied (start-up, CONFIG SET), as Redis does.
    pub fn apply_requirepass(&self, requirepass: &str) {
        let mut applied = self
            .applied_requirepass
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if applied.as_deref() == Some(requirepass) {
            return;
        }
        self.write(|users| users.set_default_password(requirepass.as_bytes()));
        *applied = Some(requirepass.to_string());
    }
}

/// The users a server starts with: `user` directives of the config file, or the ACL file
/// (never both, as Redis refuses), then `requirepass` for the default user.
pub fn initial_users(config: &config::Config) -> anyhow::Result<Users> {
    let all_channels = config.number("acl-pubsub-default") == 1;
    let aclfile = config.text("aclfile");
    let lines: Vec<Vec<Vec<u8>>> = config
        .users()
        .iter()
        .map(|words| words.iter().map(|w| w.as_bytes().to_vec()).collect())
        .collect();
    if !aclfile.is_empty() && !lines.is_empty() {
        anyhow::bail!(
            "Configuring ringkv with users defined in the config file and at the same time an \
             ACL file path is invalid: define users either in an ACL file or in the config file, \
             not both"
        );
    }
    let users = if !aclfile.is_empty() {
        let text = std::fs::read(aclfile)
            .map_err(|e| anyhow::anyhow!("Error loading ACLs, opening file '{aclfile}': {e}"))?;
        Users::from_acl_file(&text, aclfile, all_channels)
            .map_err(|e| anyhow::anyhow!("Aborting start-up because of ACL errors: {e}"))?
    } else {
        Users::from_config_lines(&lines, all_channels).map_err(|e| anyhow::anyhow!("{e}"))?
    };
    for user in users.iter().filter(|u| !u.enabled) {
        tracing::info!(
            user = %String::from_utf8_lossy(&user.name),
            "the user is disabled (no 'on' rule): make sure this is not a configuration error"
        );
    }
    Ok(users)
}
