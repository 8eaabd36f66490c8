//! CLIENT subcommands.

use bytes::Bytes;
use commands::{errors, parse, Args, CommandId};
use resp::{Reply, ReplyError};

use crate::blocking::park::UnblockMode;
use crate::conn::client::{ClientInfo, ReplyMode};
use crate::conn::session::Session;
use crate::shard::mesh::JobOutput;

/// Runs a CLIENT subcommand other than REPLY.
pub async fn run(session: &mut Session, id: CommandId, args: Args<'_>) -> Reply {
    match id {
        CommandId::ClientId => Reply::Int(session.client.borrow().id as i64),
        CommandId::ClientGetname => match &session.client.borrow().name {
            Some(name) => Reply::Bulk(name.clone()),
            None => Reply::Nil,
        },
        CommandId::ClientSetname => setname(session, args.get(2)),
        CommandId::ClientInfo => {
            let line = session.client.borrow().render();
            Reply::Verbatim("txt", Bytes::from(line + "\n"))
        }
        CommandId::ClientList => list(session, args).await,
        CommandId::ClientNoEvict => on_off(args, |on| session.client.borrow_mut().no_evict = on),
        CommandId::ClientNoTouch => on_off(args, |on| session.client.borrow_mut().no_touch = on),
        CommandId::ClientSetinfo => setinfo(session, args),
        CommandId::ClientHelp => help(),
        CommandId::ClientUnblock => unblock(session, args).await,
        CommandId::ClientKill => kill(session, args).await,
        _ => errors::err(errors::SYNTAX),
    }
}

/// CLIENT REPLY ON|OFF|SKIP: `None` when no reply is sent.
pub fn reply(session: &mut Session, args: Args<'_>) -> Option<Reply> {
    let mode = args.get(2);
    let mut client = session.client.borrow_mut();
    if parse::is(mode, "on") {
        client.reply_mode = ReplyMode::On;
        drop(client);
        return Some(Reply::OK);
    }
    if parse::is(mode, "off") {
        client.reply_mode = ReplyMode::Off;
        return None;
    }
    if parse::is(mode, "skip") {
        if client.reply_mode == ReplyMode::On {
            client.reply_mode = ReplyMode::Skip;
        }
        return None;
    }
    Some(errors::err(errors::SYNTAX))
}

/// Client names may not contain spaces, newlines or other special characters.
pub fn validate_name(name: &[u8]) -> Result<(), Reply> {
    if name.iter().any(|&b| !(b'!'..=b'~').contains(&b)) {
        return Err(Reply::error(
            "ERR Client names cannot contain spaces, newlines or special characters.",
        ));
    }
    Ok(())
}

fn setname(session: &mut Session, name: &[u8]) -> Reply {
    if let Err(reply) = validate_name(name) {
        return reply;
    }
    session.client.borrow_mut().name = (!name.is_empty()).then(|| Bytes::copy_from_slice(name));
    Reply::OK
}

fn setinfo(session: &mut Session, args: Args<'_>) -> Reply {
    let (attr, value) = (args.get(2), args.get(3));
    let field = if parse::is(attr, "lib-name") {
        "lib-name"
    } else if parse::is(attr, "lib-ver") {
        "lib-ver"
    } else {
        return Reply::Error(ReplyError::owned(format!(
            "ERR Unrecognized option '{}'",
            errors::clip(attr)
        )));
    };
    if value.iter().any(|&b| !(b'!'..=b'~').contains(&b)) {
        return Reply::Error(ReplyError::owned(format!(
            "ERR {field} cannot contain spaces, newlines or special characters."
        )));
    }
    let value = (!value.is_empty()).then(|| Bytes::copy_from_slice(value));
    let mut client = session.client.borrow_mut();
    if field == "lib-name" {
        client.lib_name = value;
    } else {
        client.lib_ver = value;
    }
    Reply::OK
}

fn on_off(args: Args<'_>, set: impl FnOnce(bool)) -> Reply {
    let arg = args.get(2);
    if parse::is(arg, "on") {
        set(true);
    } else if parse::is(arg, "off") {
        set(false);
    } else {
        return errors::err(errors::SYNTAX);
    }
    Reply::OK
}

/// CLIENT LIST [TYPE normal|master|replica|pubsub] [ID id ...].
async fn list(session: &mut Session, args: Args<'_>) -> Reply {
    let mut ids: Option<Vec<u64>> = None;
    let mut only_normal = true;
    let mut i = 2;
    while i < args.len() {
        if parse::is(args.get(i), "type") && i + 1 < args.len() {
            let kind = args.get(i + 1);
            only_normal = parse::is(kind, "normal");
            if !["normal", "master", "replica", "slave", "pubsub"]
                .iter()
                .any(|k| parse::is(kind, k))
            {
                return Reply::Error(ReplyError::owned(format!(
                    "ERR Unknown client type '{}'",
                    errors::clip(kind)
                )));
            }
            i += 2;
        } else if parse::is(args.get(i), "id") && i + 1 < args.len() {
            let mut wanted = Vec::new();
            for arg in args.iter_from(i + 1) {
                match engine::value::parse_i64(arg).filter(|n| *n > 0) {
                    Some(n) => wanted.push(n as u64),
                    None => return Reply::error("ERR Invalid client ID"),
                }
            }
            ids = Some(wanted);
            i = args.len();
        } else {
            return errors::err(errors::SYNTAX);
        }
    }
    let outputs = session
        .shard
        .run_on_all(|_| {
            Box::new(|shard| {
                let lines: Vec<(u64, String)> = shard
                    .clients
                    .borrow()
                    .sorted()
                    .iter()
                    .map(|c| {
                        let c = c.borrow();
                        (c.id, c.render())
                    })
                    .collect();
                JobOutput::Other(Box::new(lines))
            })
        })
        .await;
    let mut lines: Vec<(u64, String)> = Vec::new();
    for output in outputs.into_iter().flatten() {
        if let JobOutput::Other(any) = output {
            if let Ok(part) = any.downcast::<Vec<(u64, String)>>() {
                lines.extend(*part);
            }
        }
    }
    lines.sort_by_key(|(id, _)| *id);
    let mut text = String::new();
    for (id, line) in lines {
        if !only_normal || ids.as_ref().is_some_and(|w| !w.contains(&id)) {
            continue;
        }
        text.push_str(&line);
        text.push('\n');
    }
    Reply::Verbatim("txt", Bytes::from(text))
}

fn help() -> Reply {
    let lines = [
        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "    * ID <client-id> [<client-id> ...]",
        "      Return clients of specified IDs only.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "SETINFO <option> <value>",
        "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.",
        "    * LIB-VER: the client lib version.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
        "NO-TOUCH (ON|OFF)",
        "    Will not touch LRU/LFU stats when this mode is on.",
        "HELP",
        "    Print this help.",
    ];
    Reply::Array(lines.into_iter().map(Reply::status).collect())
}

/// CLIENT UNBLOCK client-id [TIMEOUT|ERROR]: 1 when that client was waiting in a blocking
/// command (on any shard) and now is not.
async fn unblock(session: &mut Session, args: Args<'_>) -> Reply {
    let Ok(id) = parse::int(args.get(2)) else {
        return errors::err(errors::NOT_INTEGER);
    };
    let mode = match args.try_get(3) {
        None => UnblockMode::Timeout,
        Some(reason) if parse::is(reason, "timeout") => UnblockMode::Timeout,
        Some(reason) if parse::is(reason, "error") => UnblockMode::Error,
        Some(_) => return Reply::error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"),
    };
    let Ok(id) = u64::try_from(id) else {
        return Reply::Int(0);
    };
    let outputs = session
        .shard
        .run_on_all(|_| {
            Box::new(move |shard| {
                let done = shard.parked.unblock(id, mode);
                JobOutput::Other(Box::new(done))
            })
        })
        .await;
    let unblocked = outputs.iter().any(|out| {
        matches!(out, Some(JobOutput::Other(any)) if any.downcast_ref::<bool>() == Some(&true))
    });
    Reply::Int(unblocked as i64)
}

/// Which connections CLIENT KILL closes.
#[derive(Debug, Clone, Default)]
struct KillFilter {
    id: Option<u64>,
    addr: Option<String>,
    laddr: Option<String>,
    /// TYPE other than normal: no connection of those kinds exists yet.
    none_of_type: bool,
    /// Never this connection (SKIPME yes, the default of the filter form).
    skip: Option<u64>,
    /// Only connections authenticated as this user.
    user: Option<Bytes>,
}

impl KillFilter {
    fn matches(&self, client: &ClientInfo) -> bool {
        !self.none_of_type
            && self.skip != Some(client.id)
            && self.id.is_none_or(|id| id == client.id)
            && self.user.as_ref().is_none_or(|u| *u == client.user)
            && self
                .addr
                .as_ref()
                .is_none_or(|a| *a == client.addr.to_string())
            && self
                .laddr
                .as_ref()
                .is_none_or(|a| *a == client.laddr.to_string())
    }
}

/// CLIENT KILL ip:port, or CLIENT KILL <ID id | TYPE type | USER user | ADDR ip:port |
/// LADDR ip:port | SKIPME yes|no> ...: closes the matching connections on every shard.
async fn kill(session: &mut Session, args: Args<'_>) -> Reply {
    let me = session.client.borrow().id;
    if args.len() == 3 {
        let filter = KillFilter {
            addr: Some(String::from_utf8_lossy(args.get(2)).into_owned()),
            ..KillFilter::default()
        };
        return match kill_matching(session, filter).await {
            0 => Reply::error("ERR No such client"),
            _ => Reply::OK,
        };
    }
    let filter = match parse_kill_filter(args, me, &session.shard.shared.acl) {
        Ok(filter) => filter,
        Err(reply) => return reply,
    };
    Reply::Int(kill_matching(session, filter).await as i64)
}

fn parse_kill_filter(
    args: Args<'_>,
    me: u64,
    acl: &crate::permissions::AclState,
) -> Result<KillFilter, Reply> {
    if (args.len() - 2) % 2 != 0 {
        return Err(errors::err(errors::SYNTAX));
    }
    let mut filter = KillFilter {
        skip: Some(me),
        ..KillFilter::default()
    };
    for i in (2..args.len()).step_by(2) {
        let (option, value) = (args.get(i), args.get(i + 1));
        let text = || String::from_utf8_lossy(value).into_owned();
        if parse::is(option, "id") {
            match parse::int(value) {
                Ok(id) if id > 0 => filter.id = Some(id as u64),
                _ => return Err(Reply::error("ERR client-id should be greater than 0")),
            }
        } else if parse::is(option, "type") {
            let kind = value.to_ascii_lowercase();
            match kind.as_slice() {
                b"normal" => {}
                b"master" | b"slave" | b"replica" | b"pubsub" => filter.none_of_type = true,
                _ => {
                    let message = format!("ERR Unknown client type '{}'", text());
                    return Err(Reply::Error(ReplyError::owned(message)));
                }
            }
        } else if parse::is(option, "user") {
            if acl.user(value).is_none() {
                let message = format!("ERR No such user '{}'", text());
                return Err(Reply::Error(ReplyError::owned(message)));
            }
            filter.user = Some(Bytes::copy_from_slice(value));
        } else if parse::is(option, "addr") {
            filter.addr = Some(text());
        } else if parse::is(option, "laddr") {
            filter.laddr = Some(text());
        } else if parse::is(option, "skipme") && parse::is(value, "yes") {
            filter.skip = Some(me);
        } else if parse::is(option, "skipme") && parse::is(value, "no") {
            filter.skip = None;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
    }
    Ok(filter)
}

/// Closes every connection authenticated as `user` (ACL DELUSER, ACL LOAD), this one
/// included once its reply is written.
pub async fn kill_user(session: &mut Session, user: &[u8]) -> usize {
    let filter = KillFilter {
        user: Some(Bytes::copy_from_slice(user)),
        ..KillFilter::default()
    };
    kill_matching(session, filter).await
}

/// Closes every connection `filter` matches, on every shard; returns how many. This
/// connection, when it matches, is closed once its reply is written (as Redis does).
async fn kill_matching(session: &mut Session, filter: KillFilter) -> usize {
    let me = session.client.borrow().id;
    let mut killed = 0;
    if filter.matches(&session.client.borrow()) {
        session.close_after_reply = true;
        killed += 1;
    }
    let outputs = session
        .shard
        .run_on_all(|_| {
            let filter = filter.clone();
            Box::new(move |shard| {
                let mut count = 0usize;
                for client in shard.clients.borrow().sorted() {
                    let mut info = client.borrow_mut();
                    if info.id != me && !info.killed && filter.matches(&info) {
                        info.killed = true;
                        // SAFETY: the descriptor belongs to a live connection of this shard;
                        // shutting it down makes its pending read return end of file.
                        unsafe { libc::shutdown(info.fd, libc::SHUT_RDWR) };
                        count += 1;
                    }
                }
                JobOutput::Other(Box::new(count))
            })
        })
        .await;
    killed
        + outputs
            .iter()
            .filter_map(|out| match out {
                Some(JobOutput::Other(any)) => any.downcast_ref::<usize>().copied(),
                _ => None,
            })
            .sum::<usize>()
}
