//! XCLAIM: takes pending entries over for a consumer.

use engine::stream::{StreamId, StreamValue};
use resp::Reply;

use super::propagate::{self, Record};
use super::{group_of, with_group};
use crate::families::either;
use crate::families::stream::parse::parse_strict_id;
use crate::families::stream::read_stream;
use crate::families::stream::reply::{entry_reply, id_reply};
use crate::{errors, parse, Args, ShardCtx};

/// XCLAIM's options.
struct Options {
    min_idle: i64,
    delivery_time: u64,
    retry_count: Option<u64>,
    force: bool,
    justid: bool,
    last_id: StreamId,
}

/// `XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n]
/// [FORCE] [JUSTID] [LASTID id]`: the entries (or IDs) now owned by the consumer. Pending
/// entries whose stream entry was deleted leave the PEL.
pub fn xclaim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either(claim(ctx, args))
}

fn claim(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Result<Reply, Reply> {
    let (key, name) = (args.get(1), args.get(2));
    let now_ms = ctx.now_ms;
    let stream = with_group(read_stream(ctx, key)?, key, name)?;
    let min_idle = parse::int(args.get(4))
        .map_err(|_| errors::err(errors::XCLAIM_MIN_IDLE))?
        .max(0);
    let ids: Vec<StreamId> = args
        .iter_from(5)
        .map_while(|arg| parse_strict_id(arg, 0).ok())
        .collect();
    let options = parse_options(args, 5 + ids.len(), min_idle, now_ms)?;
    let mut records = Vec::new();
    let mut moved = false;
    {
        let group = group_of(stream, name)?;
        if options.last_id > group.last_id {
            group.last_id = options.last_id;
            moved = true;
        }
    }
    let mut replies = Vec::new();
    let mut dirty = 0;
    for id in ids {
        let outcome = claim_one(stream, args, id, &options, now_ms, &mut records)?;
        if let Some(reply) = outcome.reply {
            replies.push(reply);
        }
        if outcome.logged {
            moved = false;
            dirty += 1;
        }
        dirty += u64::from(outcome.created);
    }
    if moved {
        records.push(propagate::setid(key, name, group_of(stream, name)?));
        dirty += 1;
    }
    ctx.dirty(dirty);
    ctx.shard.propagate.instead(records);
    Ok(Reply::Array(replies))
}

fn parse_options(
    args: Args<'_>,
    from: usize,
    min_idle: i64,
    now_ms: u64,
) -> Result<Options, Reply> {
    let mut options = Options {
        min_idle,
        delivery_time: now_ms,
        retry_count: None,
        force: false,
        justid: false,
        last_id: StreamId::MIN,
    };
    let mut time: Option<i64> = None;
    let now = now_ms as i64;
    let mut j = from;
    while j < args.len() {
        let more = args.len() - 1 - j;
        let opt = args.get(j);
        let int_arg = |j: usize, message: &'static str| {
            parse::int(args.get(j)).map_err(|_| errors::err(message))
        };
        if parse::is(opt, "force") {
            options.force = true;
        } else if parse::is(opt, "justid") {
            options.justid = true;
        } else if parse::is(opt, "idle") && more > 0 {
            j += 1;
            time = Some(now.saturating_sub(int_arg(j, errors::XCLAIM_IDLE)?));
        } else if parse::is(opt, "time") && more > 0 {
            j += 1;
            time = Some(int_arg(j, errors::XCLAIM_TIME)?);
        } else if parse::is(opt, "retrycount") && more > 0 {
            j += 1;
            // Redis keeps a negative count as "not given".
            options.retry_count = u64::try_from(int_arg(j, errors::XCLAIM_RETRYCOUNT)?).ok();
        } else if parse::is(opt, "lastid") && more > 0 {
            j += 1;
            options.last_id = parse_strict_id(args.get(j), 0)?;
        } else {
            return Err(errors::xclaim_unknown_option(opt));
        }
        j += 1;
    }
    if let Some(t) = time {
        // A time in the future or before the epoch is taken as now, as Redis does.
        options.delivery_time = if (0..=now).contains(&t) {
            t as u64
        } else {
            now_ms
        };
    }
    Ok(options)
}

/// What claiming one ID did.
struct Outcome {
    reply: Option<Reply>,
    logged: bool,
    created: bool,
}

impl Outcome {
    const NOTHING: Outcome = Outcome {
        reply: None,
        logged: false,
        created: false,
    };
}

fn claim_one(
    stream: &mut StreamValue,
    args: Args<'_>,
    id: StreamId,
    options: &Options,
    now_ms: u64,
    records: &mut Vec<Record>,
) -> Result<Outcome, Reply> {
    let (key, name, consumer) = (args.get(1), args.get(2), args.get(3));
    let entry = stream.get(id);
    let group = group_of(stream, name)?;
    let Some(entry) = entry else {
        let Some(nack) = group.pel.get(&id) else {
            return Ok(Outcome::NOTHING);
        };
        records.push(propagate::xclaim(key, name, id, nack, group.last_id));
        group.remove_pending(id);
        return Ok(Outcome {
            reply: None,
            logged: true,
            created: false,
        });
    };
    let count = match group.pel.get(&id) {
        Some(nack) => {
            let idle = now_ms as i64 - nack.delivery_time as i64;
            if options.min_idle > 0 && idle < options.min_idle {
                return Ok(Outcome::NOTHING);
            }
            nack.delivery_count
        }
        // FORCE creates the pending entry as if delivered once, then claims it.
        None if options.force => 1,
        None => return Ok(Outcome::NOTHING),
    };
    let created = group.touch_consumer(consumer, now_ms);
    let count = match options.retry_count {
        Some(n) => n,
        None if options.justid => count,
        None => count + 1,
    };
    let last_id = group.last_id;
    let nack = group.assign(id, consumer, options.delivery_time, count);
    records.push(propagate::xclaim(key, name, id, nack, last_id));
    let reply = if options.justid {
        id_reply(id)
    } else {
        entry_reply(&entry)
    };
    Ok(Outcome {
        reply: Some(reply),
        logged: true,
        created,
    })
}
