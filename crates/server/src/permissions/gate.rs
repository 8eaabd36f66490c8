//! The per-command ACL gate of a connection: keeping its user current and refusing commands,
//! keys and channels the user may not use, with Redis's NOPERM errors and ACL LOG entries.

use acl::log::{Context, Entry, Reason};
use acl::{Call, Denial, KeyUse, User};
use commands::table::key_flag;
use commands::{keys, Args, CommandSpec};
use resp::{Reply, ReplyError};

use crate::conn::session::Session;

/// Re-reads the connection's user after a change of users. False when the user was deleted:
/// the connection must close, as Redis closes the clients of a deleted user.
pub fn refresh(session: &mut Session) -> bool {
    let generation = session.shard.shared.acl.generation();
    if generation == session.acl_generation {
        return true;
    }
    session.acl_generation = generation;
    let (user, default_open) = session.shard.shared.acl.read(|users| {
        let default = users.default_user();
        (
            users.get(&session.user.name).cloned(),
            default.nopass && default.enabled,
        )
    });
    session.default_open = default_open;
    match user {
        Some(user) => {
            session.set_user(user);
            true
        }
        None => false,
    }
}

/// Whether `user` may run `args`; the refusal otherwise.
pub fn verdict(user: &User, spec: &CommandSpec, args: &Args<'_>) -> Result<(), Denial> {
    with_call(spec, args, |call| acl::check(user, call))
}

/// Whether `user` may read every key while running `args` (Redis's "full key access", from
/// a selector that allows the command): what SORT's BY and GET patterns need, checked by SORT
/// itself as it parses them.
pub fn reads_any_key(user: &User, spec: &CommandSpec, args: &Args<'_>) -> bool {
    with_call(spec, args, |call| acl::check::reads_any_key(user, call))
}

fn with_call<R>(spec: &CommandSpec, args: &Args<'_>, f: impl FnOnce(&Call<'_>) -> R) -> R {
    let argv: Vec<&[u8]> = (0..args.len()).map(|i| args.get(i)).collect();
    let mut found = Vec::new();
    keys::keys_with_flags(spec, args, &mut found);
    let keys: Vec<KeyUse> = found
        .iter()
        .map(|&(arg, flags)| KeyUse {
            arg,
            read: flags & key_flag::ACCESS != 0,
            write: flags & (key_flag::INSERT | key_flag::DELETE | key_flag::UPDATE) != 0,
        })
        .collect();
    let call = Call {
        command: acl::command::lookup_exact(spec.name),
        args: &argv,
        keys: &keys,
        channels: &[],
    };
    f(&call)
}

/// Checks the command against the connection's user; on refusal logs it and returns the
/// NOPERM error.
pub fn check(
    session: &Session,
    spec: &'static CommandSpec,
    args: &Args<'_>,
    context: Context,
) -> Result<(), Reply> {
    if session.unrestricted {
        return Ok(());
    }
    let Err(denial) = verdict(&session.user, spec, args) else {
        return Ok(());
    };
    let (reason, object, message) = match denial {
        Denial::Command => (
            Reason::Command,
            spec.name.as_bytes().to_vec(),
            format!(
                "NOPERM this user has no permissions to run the '{}' command",
                spec.name
            ),
        ),
        Denial::Key(arg) => (
            Reason::Key,
            args.get(arg).to_vec(),
            "NOPERM this user has no permissions to access one of the keys used as arguments"
                .to_string(),
        ),
        Denial::Channel(arg) => (
            Reason::Channel,
            args.get(arg).to_vec(),
            "NOPERM this user has no permissions to access one of the channels used as \
             arguments"
                .to_string(),
        ),
    };
    let username = session.user.name.to_vec();
    log(session, reason, context, object, username);
    Err(Reply::Error(ReplyError::owned(message)))
}

/// Adds an entry for this connection to the ACL log.
pub fn log(
    session: &Session,
    reason: Reason,
    context: Context,
    object: Vec<u8>,
    username: Vec<u8>,
) {
    let shared = &session.shard.shared;
    let max_len = shared.with_config(|c| c.number("acllog-max-len")).max(0) as usize;
    let entry = Entry {
        count: 1,
        reason,
        context,
        object,
        username,
        at_ms: crate::shared::now_ms(),
        client_info: session.client.borrow().render().into_bytes(),
    };
    shared.acl.log(entry, max_len);
}

/// The ACL DRYRUN text of a refusal.
pub fn dryrun_message(denial: Denial, spec: &CommandSpec, args: &Args<'_>) -> String {
    match denial {
        Denial::Command => format!(
            "This user has no permissions to run the '{}' command",
            spec.name
        ),
        Denial::Key(arg) => format!(
            "This user has no permissions to access the '{}' key",
            String::from_utf8_lossy(args.get(arg))
        ),
        Denial::Channel(arg) => format!(
            "This user has no permissions to access the '{}' channel",
            String::from_utf8_lossy(args.get(arg))
        ),
    }
}
