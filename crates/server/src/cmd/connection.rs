//! PING, HELLO, AUTH, SELECT, RESET, QUIT.

use acl::log::{Context, Reason};
use bytes::Bytes;
use commands::{errors, parse, Args};
use engine::{DbIndex, DB_COUNT};
use resp::{Protocol, Reply, ReplyError};

use crate::conn::client::ReplyMode;
use crate::conn::session::Session;

/// The Redis version ringkv reports, so client libraries enable what it has.
pub const REDIS_VERSION: &str = "7.2.4";

/// PING [message].
pub fn ping(args: Args<'_>) -> Reply {
    if args.len() > 2 {
        return errors::wrong_arity("ping");
    }
    match args.try_get(1) {
        Some(message) => Reply::Bulk(Bytes::copy_from_slice(message)),
        None => Reply::status("PONG"),
    }
}

/// QUIT: OK, then the connection closes.
pub fn quit(session: &mut Session) -> Reply {
    session.close_after_reply = true;
    Reply::OK
}

/// SELECT index.
pub fn select(session: &mut Session, args: Args<'_>) -> Reply {
    let index = match parse::int(args.get(1)) {
        Ok(i) => i,
        Err(reply) => return reply,
    };
    if !(0..DB_COUNT as i64).contains(&index) {
        return errors::err(errors::DB_INDEX_OUT_OF_RANGE);
    }
    session.client.borrow_mut().db = DbIndex(index as usize);
    Reply::OK
}

/// RESET: back to a fresh connection's state.
pub async fn reset(session: &mut Session) -> Reply {
    session.multi = None;
    super::transaction::forget_watches(session).await;
    {
        let mut client = session.client.borrow_mut();
        client.db = DbIndex(0);
        client.protocol = Protocol::Resp2;
        client.name = None;
        client.reply_mode = ReplyMode::On;
        client.no_evict = false;
        client.no_touch = false;
    }
    session.protocol = Protocol::Resp2;
    // Back to the default user, authenticated only if it needs no password.
    if let Some(default) = session.shard.shared.acl.user(b"default") {
        session.authenticated = default.nopass && default.enabled;
        session.set_user(default);
    }
    Reply::status("RESET")
}

/// AUTH [username] password.
pub fn auth(session: &mut Session, args: Args<'_>) -> Reply {
    let (user, password) = if args.len() == 2 {
        (&b"default"[..], args.get(1))
    } else if args.len() == 3 {
        (args.get(1), args.get(2))
    } else {
        return errors::err(errors::SYNTAX);
    };
    let default_nopass = session
        .shard
        .shared
        .acl
        .user(b"default")
        .is_some_and(|d| d.nopass);
    if args.len() == 2 && default_nopass {
        return Reply::error(
            "ERR AUTH <password> called without any password configured for the default user. \
             Are you sure your configuration is correct?",
        );
    }
    match authenticate(session, args.get(0), user, password) {
        Ok(()) => Reply::OK,
        Err(reply) => reply,
    }
}

/// Checks credentials (every stored hash is compared, in constant time) and, when they are
/// good, runs the connection as that user; a failure goes to the ACL log.
fn authenticate(
    session: &mut Session,
    command: &[u8],
    name: &[u8],
    password: &[u8],
) -> Result<(), Reply> {
    match session.shard.shared.acl.authenticate(name, password) {
        Some(user) => {
            session.authenticated = true;
            session.set_user(user);
            Ok(())
        }
        None => {
            let context = if session.multi.is_some() {
                Context::Multi
            } else {
                Context::Toplevel
            };
            crate::permissions::gate::log(
                session,
                Reason::Auth,
                context,
                command.to_vec(),
                name.to_vec(),
            );
            Err(Reply::error(
                "WRONGPASS invalid username-password pair or user is disabled.",
            ))
        }
    }
}

/// HELLO [protover [AUTH username password] [SETNAME clientname]].
pub fn hello(session: &mut Session, args: Args<'_>) -> Reply {
    let mut protocol = session.protocol;
    if args.len() >= 2 {
        let Some(version) = engine::value::parse_i64(args.get(1)) else {
            return Reply::error("ERR Protocol version is not an integer or out of range");
        };
        protocol = match version {
            2 => Protocol::Resp2,
            3 => Protocol::Resp3,
            _ => return Reply::error("NOPROTO unsupported protocol version"),
        };
    }
    let mut i = 2;
    while i < args.len() {
        let more = args.len() - i - 1;
        if parse::is(args.get(i), "auth") && more >= 2 {
            if let Err(reply) = authenticate(session, args.get(0), args.get(i + 1), args.get(i + 2))
            {
                return reply;
            }
            i += 3;
        } else if parse::is(args.get(i), "setname") && more >= 1 {
            if let Err(reply) = super::client::validate_name(args.get(i + 1)) {
                return reply;
            }
            // Redis 7.0 names the client as it reads the option, even if a later one fails.
            let name = args.get(i + 1);
            session.client.borrow_mut().name =
                (!name.is_empty()).then(|| Bytes::copy_from_slice(name));
            i += 2;
        } else {
            return Reply::Error(ReplyError::owned(format!(
                "ERR Syntax error in HELLO option '{}'",
                errors::clip(args.get(i))
            )));
        }
    }
    if session.auth_required() {
        return Reply::error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
    }
    let id = {
        let mut client = session.client.borrow_mut();
        client.protocol = protocol;
        client.id
    };
    session.protocol = protocol;
    Reply::Map(vec![
        (Reply::bulk(b"server"), Reply::bulk(b"redis")),
        (
            Reply::bulk(b"version"),
            Reply::bulk(REDIS_VERSION.as_bytes()),
        ),
        (
            Reply::bulk(b"proto"),
            Reply::Int(if protocol == Protocol::Resp3 { 3 } else { 2 }),
        ),
        (Reply::bulk(b"id"), Reply::Int(id as i64)),
        (Reply::bulk(b"mode"), Reply::bulk(b"standalone")),
        (Reply::bulk(b"role"), Reply::bulk(b"master")),
        (Reply::bulk(b"modules"), Reply::Array(Vec::new())),
    ])
}
