//! ACL and its subcommands: users (SETUSER, GETUSER, DELUSER, LIST, USERS, WHOAMI), the ACL
//! file (LOAD, SAVE), categories (CAT), DRYRUN, GENPASS and LOG.

use acl::describe;
use bytes::Bytes;
use commands::table::{lookup, lookup_subcommand};
use commands::{errors, parse, Args, CommandId};
use resp::{Reply, ReplyError};

use crate::conn::session::Session;
use crate::permissions::gate;

/// Runs one ACL subcommand.
pub async fn run(session: &mut Session, id: CommandId, args: Args<'_>) -> Reply {
    use CommandId::*;
    match id {
        AclCat => cat(args),
        AclDeluser => deluser(session, args).await,
        AclDryrun => dryrun(session, args),
        AclGenpass => genpass(args),
        AclGetuser => getuser(session, args.get(2)),
        AclHelp => help(),
        AclList => list(session, |u| Reply::Bulk(Bytes::from(u.config_line()))),
        AclUsers => list(session, |u| Reply::bulk(&u.name)),
        AclLoad => load(session).await,
        AclSave => save(session),
        AclLog => log(session, args),
        AclSetuser => setuser(session, args),
        AclWhoami => Reply::bulk(&session.user.name),
        _ => errors::err(errors::SYNTAX),
    }
}

fn error(message: String) -> Reply {
    Reply::Error(ReplyError::owned(message))
}

fn setuser(session: &mut Session, args: Args<'_>) -> Reply {
    let rules: Vec<&[u8]> = (3..args.len()).map(|i| args.get(i)).collect();
    let shared = &session.shard.shared;
    let all_channels = shared.with_config(|c| c.number("acl-pubsub-default")) == 1;
    match shared
        .acl
        .write(|users| users.set_user(args.get(2), &rules, all_channels))
    {
        Ok(()) => Reply::OK,
        Err(e) => error(format!("ERR {}", String::from_utf8_lossy(&e.message()))),
    }
}

async fn deluser(session: &mut Session, args: Args<'_>) -> Reply {
    let names: Vec<&[u8]> = (2..args.len()).map(|i| args.get(i)).collect();
    if names.contains(&&b"default"[..]) {
        return Reply::error("ERR The 'default' user cannot be removed");
    }
    let deleted: Vec<Vec<u8>> = session.shard.shared.acl.write(|users| {
        names
            .iter()
            .filter(|n| users.delete(&[n]) == 1)
            .map(|n| n.to_vec())
            .collect()
    });
    for name in &deleted {
        super::client::kill_user(session, name).await;
    }
    Reply::Int(deleted.len() as i64)
}

fn getuser(session: &Session, name: &[u8]) -> Reply {
    let Some(user) = session.shard.shared.acl.user(name) else {
        return Reply::Nil;
    };
    let bulk = |bytes: Vec<u8>| Reply::Bulk(Bytes::from(bytes));
    let selector_fields = |s: &acl::Selector| {
        vec![
            (Reply::bulk(b"commands"), bulk(describe::command_rules(s))),
            (Reply::bulk(b"keys"), bulk(describe::keys_field(s))),
            (Reply::bulk(b"channels"), bulk(describe::channels_field(s))),
        ]
    };
    let mut fields = vec![
        (
            Reply::bulk(b"flags"),
            Reply::Set(
                user.flags()
                    .into_iter()
                    .map(|f| Reply::bulk(f.as_bytes()))
                    .collect(),
            ),
        ),
        (
            Reply::bulk(b"passwords"),
            Reply::Array(user.passwords.iter().map(|p| Reply::bulk(p)).collect()),
        ),
    ];
    fields.extend(selector_fields(&user.root));
    let selectors = user
        .selectors
        .iter()
        .map(|s| Reply::Map(selector_fields(s)))
        .collect();
    fields.push((Reply::bulk(b"selectors"), Reply::Array(selectors)));
    Reply::Map(fields)
}

fn list(session: &Session, render: impl Fn(&acl::User) -> Reply) -> Reply {
    session
        .shard
        .shared
        .acl
        .read(|users| Reply::Array(users.iter().map(|u| render(u)).collect()))
}

fn cat(args: Args<'_>) -> Reply {
    if args.len() == 2 {
        return Reply::Array(
            acl::category::NAMES
                .iter()
                .map(|n| Reply::bulk(n.as_bytes()))
                .collect(),
        );
    }
    let Some(category) = acl::category::lookup(args.get(2)) else {
        let name = String::from_utf8_lossy(args.get(2));
        let name: String = name.chars().take(128).collect();
        return error(format!("ERR Unknown category '{name}'"));
    };
    let names = (0..acl::command::count())
        .map(acl::command::get)
        .filter(|c| c.categories & category != 0)
        .map(|c| Reply::bulk(c.name.as_bytes()))
        .collect();
    Reply::Array(names)
}

fn dryrun(session: &Session, args: Args<'_>) -> Reply {
    let Some(user) = session.shard.shared.acl.user(args.get(2)) else {
        let name = String::from_utf8_lossy(args.get(2));
        return error(format!("ERR User '{name}' not found"));
    };
    let command = args.slice_from(3);
    let base = lookup(command.get(0));
    let spec = match base {
        Some(base) if !base.subcommands.is_empty() && command.len() >= 2 => {
            lookup_subcommand(base, command.get(1))
        }
        other => other,
    };
    let Some(spec) = spec else {
        let name = String::from_utf8_lossy(command.get(0));
        return error(format!("ERR Command '{name}' not found"));
    };
    if !spec.arity_ok(command.len()) {
        return errors::wrong_arity(spec.name);
    }
    match gate::verdict(&user, spec, &command) {
        Ok(()) => Reply::OK,
        Err(denial) => Reply::Bulk(Bytes::from(gate::dryrun_message(denial, spec, &command))),
    }
}

fn genpass(args: Args<'_>) -> Reply {
    const MAX_BITS: i64 = 4096;
    let bits = if args.len() == 3 {
        match parse::int(args.get(2)) {
            Ok(bits) => bits,
            Err(reply) => return reply,
        }
    } else {
        256
    };
    if bits <= 0 || bits > MAX_BITS {
        return error(format!(
            "ERR ACL GENPASS argument must be the number of bits for the output password, a \
             positive number up to {MAX_BITS}"
        ));
    }
    let chars = (bits as usize).div_ceil(4);
    match secure_random_hex(chars) {
        Ok(hex) => Reply::Bulk(Bytes::from(hex)),
        Err(e) => error(format!(
            "ERR could not read the system's random source: {e}"
        )),
    }
}

/// `n` hex digits from the kernel's secure random source; no fallback, since a guessable
/// password is worse than none.
fn secure_random_hex(n: usize) -> std::io::Result<String> {
    let mut bytes = vec![0u8; n.div_ceil(2)];
    std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom")?, &mut bytes)?;
    let mut hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hex.truncate(n);
    Ok(hex)
}

fn log(session: &Session, args: Args<'_>) -> Reply {
    let acl = &session.shard.shared.acl;
    let mut count = 10usize;
    if args.len() == 3 {
        if parse::is(args.get(2), "reset") {
            acl.with_log(|log| log.clear());
            return Reply::OK;
        }
        match parse::int(args.get(2)) {
            Ok(n) => count = n.max(0) as usize,
            Err(reply) => return reply,
        }
    }
    let now = crate::shared::now_ms();
    acl.with_log(|log| {
        let entries = log.newest(count).map(|e| {
            let bulk = |bytes: &[u8]| Reply::bulk(bytes);
            Reply::Map(vec![
                (bulk(b"count"), Reply::Int(e.count as i64)),
                (bulk(b"reason"), bulk(e.reason.name().as_bytes())),
                (bulk(b"context"), bulk(e.context.name().as_bytes())),
                (bulk(b"object"), bulk(&e.object)),
                (bulk(b"username"), bulk(&e.username)),
                (
                    bulk(b"age-seconds"),
                    Reply::Double(now.saturating_sub(e.at_ms) as f64 / 1000.0),
                ),
                (bulk(b"client-info"), bulk(&e.client_info)),
            ])
        });
        Reply::Array(entries.collect())
    })
}

const NO_ACL_FILE: &str = "ERR This Redis instance is not configured to use an ACL file. You \
    may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE \
    (assuming you have a Redis configuration file set) in order to store users in the Redis \
    configuration.";

async fn load(session: &mut Session) -> Reply {
    let shared = session.shard.shared.clone();
    let (path, all_channels) = shared.with_config(|c| {
        (
            c.text("aclfile").to_string(),
            c.number("acl-pubsub-default") == 1,
        )
    });
    if path.is_empty() {
        return Reply::error(NO_ACL_FILE);
    }
    let text = match std::fs::read(&path) {
        Ok(text) => text,
        Err(e) => {
            return error(format!(
                "ERR Error loading ACLs, opening file '{path}': {e}"
            ))
        }
    };
    let loaded = match acl::Users::from_acl_file(&text, &path, all_channels) {
        Ok(users) => users,
        Err(message) => return error(format!("ERR {message}")),
    };
    let removed: Vec<Vec<u8>> = shared.acl.write(|users| {
        let gone = users
            .iter()
            .filter(|u| loaded.get(&u.name).is_none())
            .map(|u| u.name.to_vec())
            .collect();
        *users = loaded;
        gone
    });
    for name in &removed {
        super::client::kill_user(session, name).await;
    }
    Reply::OK
}

fn save(session: &Session) -> Reply {
    let shared = &session.shard.shared;
    let path = shared.with_config(|c| c.text("aclfile").to_string());
    if path.is_empty() {
        return Reply::error(NO_ACL_FILE);
    }
    let text = shared.acl.read(|users| users.to_acl_file());
    // Write a temporary file and rename it over the old one: a crash leaves one or the other.
    let tmp = format!(
        "{path}.tmp-{}-{}",
        std::process::id(),
        crate::shared::now_ms()
    );
    let written = std::fs::write(&tmp, &text).and_then(|()| std::fs::rename(&tmp, &path));
    match written {
        Ok(()) => Reply::OK,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            tracing::warn!(error = %e, path, "ACL SAVE failed");
            Reply::error(
                "ERR There was an error trying to save the ACLs. Please check the server logs \
                 for more information",
            )
        }
    }
}

fn help() -> Reply {
    let lines = [
        "ACL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "CAT [<category>]",
        "    List all commands that belong to <category>, or all command categories",
        "    when no category is specified.",
        "DELUSER <username> [<username> ...]",
        "    Delete a list of users.",
        "DRYRUN <username> <command> [<arg> ...]",
        "    Returns whether the user can execute the given command without executing the command.",
        "GETUSER <username>",
        "    Get the user's details.",
        "GENPASS [<bits>]",
        "    Generate a secure 256-bit user password. The optional `bits` argument can",
        "    be used to specify a different size.",
        "LIST",
        "    Show users details in config file format.",
        "LOAD",
        "    Reload users from the ACL file.",
        "LOG [<count> | RESET]",
        "    Show the ACL log entries.",
        "SAVE",
        "    Save the current config to the ACL file.",
        "SETUSER <username> <attribute> [<attribute> ...]",
        "    Create or modify a user with the specified attributes.",
        "USERS",
        "    List all the registered usernames.",
        "WHOAMI",
        "    Return the current connection username.",
        "HELP",
        "    Prints this help.",
    ];
    Reply::Array(lines.into_iter().map(Reply::status).collect())
}
