//! OBJECT ENCODING, IDLETIME, FREQ, REFCOUNT and HELP. None of them counts as an access.

use engine::{Entry, StrValue, Value};
use resp::Reply;

use super::peek;
use crate::{errors, Args, ShardCtx};

/// Redis shares one object for each integer in `0..SHARED_INTEGERS`.
const SHARED_INTEGERS: i64 = 10_000;
/// The reference count Redis reports for a shared object (`OBJ_SHARED_REFCOUNT`, INT_MAX).
const SHARED_REFCOUNT: i64 = i32::MAX as i64;
/// The access frequency Redis's LFU gives a new key (`LFU_INIT_VAL`).
const LFU_INIT_VAL: u64 = 5;
/// Minutes per step of LFU counter decay (`lfu-decay-time`, default 1).
const LFU_DECAY_MINUTES: u64 = 1;

/// OBJECT HELP's lines, as Redis prints them (tools read them).
const HELP: &[&str] = &[
    "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "ENCODING <key>",
    "    Return the kind of internal representation used in order to store the value",
    "    associated with a <key>.",
    "FREQ <key>",
    "    Return the access frequency index of the <key>. The returned integer is",
    "    proportional to the logarithm of the recent access frequency of the key.",
    "IDLETIME <key>",
    "    Return the idle time of the <key>, that is the approximated number of",
    "    seconds elapsed since the last access to the key.",
    "REFCOUNT <key>",
    "    Return the number of references of the value associated with the specified",
    "    <key>.",
    "HELP",
    "    Prints this help.",
];

/// OBJECT ENCODING key: the internal representation's name; nil for a missing key.
pub fn object_encoding(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_entry(ctx, args, |_, entry| {
        Reply::Bulk(entry.value.encoding().into())
    })
}

/// OBJECT IDLETIME key: seconds since the last access; an error under an LFU policy.
pub fn object_idletime(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let lfu = ctx.shard.settings.lfu_policy;
    with_entry(ctx, args, |now_ms, entry| {
        if lfu {
            return errors::err(errors::LFU_SELECTED);
        }
        Reply::Int(idle_s(now_ms, entry) as i64)
    })
}

/// OBJECT FREQ key: the logarithmic access frequency; an error unless the policy is LFU.
///
/// The engine keeps no LFU counter yet, so this reports the counter of a key that was not
/// accessed since it was last touched: the initial value, decayed by the idle minutes.
pub fn object_freq(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let lfu = ctx.shard.settings.lfu_policy;
    with_entry(ctx, args, |now_ms, entry| {
        if !lfu {
            return errors::err(errors::LFU_NOT_SELECTED);
        }
        let periods = idle_s(now_ms, entry) / 60 / LFU_DECAY_MINUTES;
        Reply::Int(LFU_INIT_VAL.saturating_sub(periods) as i64)
    })
}

/// OBJECT REFCOUNT key: 1, or INT_MAX for the small integers Redis shares between keys.
pub fn object_refcount(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    with_entry(ctx, args, |_, entry| match entry.value {
        Value::Str(StrValue::Int(n)) if (0..SHARED_INTEGERS).contains(&n) => {
            Reply::Int(SHARED_REFCOUNT)
        }
        _ => Reply::Int(1),
    })
}

/// OBJECT HELP: the subcommands, one status line each.
pub fn object_help(_args: Args<'_>) -> Reply {
    Reply::Array(HELP.iter().map(|line| Reply::status(line)).collect())
}

/// Runs `reply` on the entry under argument 2, or answers nil for a missing key.
fn with_entry(
    ctx: &mut ShardCtx<'_>,
    args: Args<'_>,
    reply: impl FnOnce(u64, &Entry) -> Reply,
) -> Reply {
    let now_ms = ctx.now_ms;
    match peek(ctx, args.get(2)) {
        Some(entry) => reply(now_ms, entry),
        None => Reply::Nil,
    }
}

/// Whole seconds since the entry's last recorded access.
fn idle_s(now_ms: u64, entry: &Entry) -> u64 {
    (now_ms / 1000).saturating_sub(u64::from(entry.access_s))
}
