//! XGROUP CREATE, SETID, DESTROY, CREATECONSUMER, DELCONSUMER and HELP.
//!
//! Redis runs them as one command: options are parsed first, then the key must exist (unless
//! CREATE has MKSTREAM) and, for SETID and the consumer subcommands, the group too; only then
//! is the number of arguments of the subcommand checked.

use engine::stream::{ConsumerGroup, StreamId, StreamValue};
use engine::Value;
use resp::Reply;

use super::group_of;
use crate::families::either;
use crate::families::stream::parse::{parse_id, parse_strict_id};
use crate::families::stream::write_stream;
use crate::{errors, parse, Args, ShardCtx};

/// XGROUP HELP's lines, as Redis 7.0 prints them.
const HELP: &[&str] = &[
    "XGROUP <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CREATE <key> <groupname> <id|$> [option]",
    "    Create a new consumer group. Options are:",
    "    * MKSTREAM",
    "      Create the empty stream if it does not exist.",
    "    * ENTRIESREAD entries_read",
    "      Set the group's entries_read counter (internal use).",
    "CREATECONSUMER <key> <groupname> <consumer>",
    "    Create a new consumer in the specified group.",
    "DELCONSUMER <key> <groupname> <consumer>",
    "    Remove the specified consumer.",
    "DESTROY <key> <groupname>",
    "    Remove the specified group.",
    "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
    "    Set the current group ID and entries_read counter.",
    "HELP",
    "    Prints this help.",
];

/// XGROUP HELP.
pub fn xgroup_help(_args: Args<'_>) -> Reply {
    Reply::Array(HELP.iter().map(|line| Reply::status(line)).collect())
}

/// `XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]`.
pub fn xgroup_create(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(create(ctx, args))
}

fn create(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let (mkstream, entries_read) = parse_options(args)?;
    let (key, name) = (args.get(2), args.get(3));
    let exists = write_stream(ctx, key)?.is_some();
    if !exists && !mkstream {
        return Err(errors::err(errors::XGROUP_NO_KEY));
    }
    if args.len() > 8 {
        return Err(syntax(args));
    }
    let last_id = match args.get(4) {
        b"$" => write_stream(ctx, key)?.map_or(StreamId::MIN, |s| s.last_id),
        arg => parse_strict_id(arg, 0)?,
    };
    if !exists {
        let now_ms = ctx.now_ms;
        let value = Value::Stream(Box::new(StreamValue::new()));
        ctx.db().set(key, value, None, now_ms);
    }
    let stream = write_stream(ctx, key)?.ok_or_else(|| errors::err(errors::NO_SUCH_KEY))?;
    if stream.groups.contains_key(name) {
        return Err(errors::err(errors::BUSYGROUP));
    }
    let group = ConsumerGroup::new(last_id, entries_read);
    stream.groups.insert(name.to_vec().into(), group);
    ctx.dirty(1);
    Ok(Reply::OK)
}

/// `XGROUP SETID key group id|$ [ENTRIESREAD n]`.
pub fn xgroup_setid(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(setid(ctx, args))
}

fn setid(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let (mkstream, entries_read) = parse_options(args)?;
    if mkstream {
        // Redis skips its key checks then and meets a wrong argument count.
        return Err(syntax(args));
    }
    let stream = existing_group(ctx, args)?;
    if args.len() != 5 && args.len() != 7 {
        return Err(syntax(args));
    }
    let last_id = match args.get(4) {
        b"$" => stream.last_id,
        arg => parse_id(arg, 0)?,
    };
    let group = group_of(stream, args.get(3))?;
    group.last_id = last_id;
    group.entries_read = entries_read;
    ctx.dirty(1);
    Ok(Reply::OK)
}

/// `XGROUP DESTROY key group`: 1 when the group existed.
pub fn xgroup_destroy(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let stream =
            write_stream(ctx, args.get(2))?.ok_or_else(|| errors::err(errors::XGROUP_NO_KEY))?;
        if args.len() != 4 {
            return Err(syntax(args));
        }
        if stream.groups.remove(args.get(3)).is_none() {
            return Ok(Reply::Int(0));
        }
        ctx.dirty(1);
        Ok(Reply::Int(1))
    })())
}

/// `XGROUP CREATECONSUMER key group consumer`: 1 when it was created.
pub fn xgroup_createconsumer(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let now_ms = ctx.now_ms;
        let stream = existing_group(ctx, args)?;
        if args.len() != 5 {
            return Err(syntax(args));
        }
        let created = group_of(stream, args.get(3))?.create_consumer(args.get(4), now_ms);
        if created {
            ctx.dirty(1);
        }
        Ok(Reply::Int(i64::from(created)))
    })())
}

/// `XGROUP DELCONSUMER key group consumer`: how many entries it had pending.
pub fn xgroup_delconsumer(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let stream = existing_group(ctx, args)?;
        if args.len() != 5 {
            return Err(syntax(args));
        }
        let pending = group_of(stream, args.get(3))?.delete_consumer(args.get(4));
        ctx.dirty(1);
        Ok(Reply::Int(pending.unwrap_or(0) as i64))
    })())
}

/// The stream at `args[2]`, which must exist and have group `args[3]`.
fn existing_group<'c>(
    ctx: &'c mut ShardCtx<'_>,
    args: Args<'_>,
) -> Result<&'c mut StreamValue, Reply> {
    let (key, name) = (args.get(2), args.get(3));
    let stream = write_stream(ctx, key)?.ok_or_else(|| errors::err(errors::XGROUP_NO_KEY))?;
    if !stream.groups.contains_key(name) {
        return Err(errors::no_group_for_key(key, name));
    }
    Ok(stream)
}

/// The options after the ID, which Redis reads alike for CREATE and SETID: MKSTREAM and
/// ENTRIESREAD, each any number of times.
fn parse_options(args: Args<'_>) -> Result<(bool, Option<u64>), Reply> {
    let (mut mkstream, mut entries_read) = (false, None);
    let mut i = 5;
    while i < args.len() {
        let opt = args.get(i);
        if parse::is(opt, "mkstream") {
            mkstream = true;
            i += 1;
        } else if parse::is(opt, "entriesread") && i + 1 < args.len() {
            entries_read = parse_entries_read(args.get(i + 1))?;
            i += 2;
        } else {
            return Err(syntax(args));
        }
    }
    Ok((mkstream, entries_read))
}

/// ENTRIESREAD's value: a count, or -1 for "unknown".
fn parse_entries_read(arg: &[u8]) -> Result<Option<u64>, Reply> {
    match parse::int(arg)? {
        -1 => Ok(None),
        n if n < 0 => Err(errors::err(errors::ENTRIES_READ_NEGATIVE)),
        n => Ok(Some(n as u64)),
    }
}

fn syntax(args: Args<'_>) -> Reply {
    errors::subcommand_syntax("XGROUP", args.get(1))
}
