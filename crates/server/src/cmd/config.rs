//! CONFIG GET, SET, RESETSTAT, REWRITE, HELP.

use bytes::Bytes;
use commands::{Args, CommandId};
use resp::{Reply, ReplyError};

use crate::conn::session::Session;
use crate::settings::apply_settings;

/// Runs a CONFIG subcommand.
pub async fn run(session: &mut Session, id: CommandId, args: Args<'_>) -> Reply {
    match id {
        CommandId::ConfigGet => {
            let patterns: Vec<&[u8]> = args.iter_from(2).collect();
            let pairs = session.shard.shared.with_config(|c| c.get(&patterns));
            Reply::Map(
                pairs
                    .into_iter()
                    .map(|(k, v)| (Reply::Bulk(Bytes::from(k)), Reply::Bulk(Bytes::from(v))))
                    .collect(),
            )
        }
        CommandId::ConfigSet => {
            // The table's arity admits any count from two on; Redis calls a dangling name a
            // syntax error.
            if (args.len() - 2) % 2 != 0 {
                return commands::errors::err(commands::errors::SYNTAX);
            }
            let pairs: Vec<(&[u8], &[u8])> = (2..args.len())
                .step_by(2)
                .map(|i| (args.get(i), args.get(i + 1)))
                .collect();
            let result = session.shard.shared.with_config_mut(|c| c.set(&pairs));
            match result {
                Ok(_) => {
                    apply_settings(&session.shard).await;
                    Reply::OK
                }
                Err(message) => Reply::Error(ReplyError::owned(message)),
            }
        }
        CommandId::ConfigResetstat => {
            session
                .shard
                .run_on_all(|_| {
                    Box::new(|shard| {
                        shard.stats.borrow_mut().reset();
                        let mut state = shard.state.borrow_mut();
                        state.keyspace_hits = 0;
                        state.keyspace_misses = 0;
                        crate::shard::mesh::JobOutput::Replies(Vec::new())
                    })
                })
                .await;
            Reply::OK
        }
        CommandId::ConfigRewrite => rewrite(session),
        _ => help(),
    }
}

fn rewrite(session: &mut Session) -> Reply {
    let Some(path) = session.shard.shared.config_file.clone() else {
        return Reply::error("ERR The server is running without a config file");
    };
    let original = std::fs::read_to_string(&path).unwrap_or_default();
    let text = session.shard.shared.with_config(|c| c.rewrite(&original));
    match std::fs::write(&path, text) {
        Ok(()) => Reply::OK,
        Err(e) => Reply::Error(ReplyError::owned(format!("ERR Rewriting config file: {e}"))),
    }
}

fn help() -> Reply {
    Reply::Array(
        [
            "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command.",
            "REWRITE",
            "    Rewrite the configuration file.",
            "HELP",
            "    Print this help.",
        ]
        .into_iter()
        .map(Reply::status)
        .collect(),
    )
}
