//! DUMP and RESTORE: a value as Redis's serialisation (RDB type, body, version, CRC-64), and
//! back, interoperable with Redis's payloads byte for byte.

use persist::dump::PayloadError;
use resp::Reply;

use super::lookup;
use crate::parse::{int, is};
use crate::{errors, Args, ShardCtx};

/// DUMP key: the serialised value; nil when the key does not exist.
pub fn dump(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let payload = lookup(ctx, args.get(1)).map(|entry| persist::dump::dump(&entry.value));
    ctx.count_read(payload.is_some());
    match payload {
        Some(bytes) => Reply::Bulk(bytes.into()),
        None => Reply::Nil,
    }
}

/// RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME seconds] [FREQ frequency]: creates
/// `key` from a DUMP payload, with a deadline `ttl` ms from now (or at `ttl` with ABSTTL; 0
/// for none). Checks run in Redis's order: options, existing key, ttl, payload.
pub fn restore(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    let options = match RestoreOptions::parse(args) {
        Ok(options) => options,
        Err(reply) => return reply,
    };
    let key = args.get(1);
    let now_ms = ctx.now_ms;
    if !options.replace && ctx.db().contains(key, now_ms) {
        return errors::err(errors::BUSY_KEY);
    }
    let ttl = match int(args.get(2)) {
        Ok(ttl) if ttl < 0 => return errors::err(errors::INVALID_TTL),
        Ok(ttl) => ttl,
        Err(reply) => return reply,
    };
    let value = match persist::dump::restore(args.get(3), &ctx.shard.settings.limits) {
        Ok(value) => value,
        Err(PayloadError::VersionOrChecksum) => return errors::err(errors::DUMP_PAYLOAD),
        Err(PayloadError::BadData) => return errors::err(errors::BAD_DATA_FORMAT),
    };
    let deleted = options.replace && ctx.db().remove(key, now_ms).is_some();
    // Redis adds the clock to a relative ttl in a signed 64-bit integer: an overflow wraps
    // into the past, and the key is then already expired.
    let deadline = match (ttl, options.absttl) {
        (0, _) => None,
        (ttl, true) => Some(ttl),
        (ttl, false) => Some(ttl.wrapping_add(now_ms as i64)),
    };
    if deadline.is_some_and(|at| at <= now_ms as i64) {
        if deleted {
            ctx.dirty(1);
        }
        return Reply::OK;
    }
    let db = ctx.db();
    db.set(key, value, deadline.map(|at| at as u64), now_ms);
    if let (Some(idle_s), Some(entry)) = (options.idle_s, db.lookup_no_touch(key, now_ms)) {
        let access_s = (now_ms / 1000).saturating_sub(idle_s);
        entry.access_s = u32::try_from(access_s).unwrap_or(0);
    }
    ctx.dirty(1);
    Reply::OK
}

/// RESTORE's options after the payload.
#[derive(Default)]
struct RestoreOptions {
    replace: bool,
    absttl: bool,
    /// IDLETIME: seconds since the last access.
    idle_s: Option<u64>,
    /// FREQ: accepted and checked; ringkv keeps no LFU counter to set.
    freq: Option<u8>,
}

impl RestoreOptions {
    /// Parses options left to right as Redis does: IDLETIME and FREQ exclude each other (the
    /// second one is a syntax error) and their values are checked when met.
    fn parse(args: Args<'_>) -> Result<RestoreOptions, Reply> {
        let mut options = RestoreOptions::default();
        let mut j = 4;
        while j < args.len() {
            let arg = args.get(j);
            let has_value = j + 1 < args.len();
            if is(arg, "replace") {
                options.replace = true;
            } else if is(arg, "absttl") {
                options.absttl = true;
            } else if is(arg, "idletime") && has_value && options.freq.is_none() {
                let idle = int(args.get(j + 1))?;
                let idle =
                    u64::try_from(idle).map_err(|_| errors::err(errors::INVALID_IDLETIME))?;
                options.idle_s = Some(idle);
                j += 1;
            } else if is(arg, "freq") && has_value && options.idle_s.is_none() {
                let freq = int(args.get(j + 1))?;
                let freq = u8::try_from(freq).map_err(|_| errors::err(errors::INVALID_FREQ))?;
                options.freq = Some(freq);
                j += 1;
            } else {
                return Err(errors::err(errors::SYNTAX));
            }
            j += 1;
        }
        Ok(options)
    }
}
