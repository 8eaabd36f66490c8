//! Commands the server runs itself: they need connection state, configuration or a fan-out
//! with a cursor. One file per family; the match below names each.

mod acl;
pub(crate) mod admin;
mod client;
mod config;
mod connection;
mod info;
mod persistence;
mod save;
mod scan;
pub mod transaction;

use commands::{Args, CommandId, CommandSpec};
use resp::Reply;

use crate::conn::session::Session;

/// Runs a server-routed command; `None` when the command sends no reply.
pub async fn run(
    session: &mut Session,
    spec: &'static CommandSpec,
    args: Args<'_>,
) -> Option<Reply> {
    use CommandId::*;
    let reply = match spec.id {
        Auth => connection::auth(session, args),
        Echo => Reply::Bulk(bytes::Bytes::copy_from_slice(args.get(1))),
        Hello => connection::hello(session, args),
        Ping => connection::ping(args),
        Quit => connection::quit(session),
        Reset => connection::reset(session).await,
        Select => connection::select(session, args),
        ClientGetname | ClientHelp | ClientId | ClientInfo | ClientList | ClientNoEvict
        | ClientNoTouch | ClientSetinfo | ClientSetname | ClientUnblock | ClientKill => {
            client::run(session, spec.id, args).await
        }
        ClientReply => return client::reply(session, args),
        ConfigGet | ConfigHelp | ConfigResetstat | ConfigRewrite | ConfigSet => {
            config::run(session, spec.id, args).await
        }
        AclCat | AclDeluser | AclDryrun | AclGenpass | AclGetuser | AclHelp | AclList | AclLoad
        | AclLog | AclSave | AclSetuser | AclUsers | AclWhoami => {
            acl::run(session, spec.id, args).await
        }
        Debug => admin::debug(session, args),
        Bgrewriteaof => persistence::bgrewriteaof(session),
        Waitaof => persistence::waitaof(session, args).await,
        Info => info::info(session, args).await,
        Shutdown => admin::shutdown(session, args).await,
        Save => save::save(session).await,
        Bgsave => save::bgsave(session, args).await,
        Lastsave => save::lastsave(session),
        Time => admin::time(),
        Scan => scan::scan(session, args).await,
        Multi => transaction::multi(session),
        Exec => transaction::exec(session).await,
        Discard => transaction::discard(session).await,
        Watch => transaction::watch(session, args).await,
        Unwatch => transaction::unwatch(session).await,
        Blpop | Brpop | Blmove | Brpoplpush | Blmpop | Bzpopmin | Bzpopmax | Bzmpop | Xread
        | Xreadgroup => {
            return crate::blocking::run(session, spec, args).await;
        }
        other => Reply::Error(resp::ReplyError::owned(format!(
            "ERR command {other:?} is not routed to the server"
        ))),
    };
    Some(reply)
}
