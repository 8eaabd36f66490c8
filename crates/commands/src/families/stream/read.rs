//! XREAD, split so the server can block on it: [`parse_xread`] reads the arguments,
//! [`resolve_last_ids`] checks the keys and turns `$` into IDs when the command arrives, and
//! [`serve_xread`] answers whenever some stream has entries after its ID.

use std::time::Duration;

use bytes::Bytes;
use engine::stream::StreamId;
use resp::Reply;

use super::parse::parse_strict_id;
use super::read_stream;
use super::reply::entries_reply;
use crate::families::either;
use crate::{errors, parse, Args, ShardCtx};

/// Where XREAD reads a stream from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XreadStart {
    /// `$`: after the stream's last ID when the command arrived (see [`resolve_last_ids`]).
    Last,
    /// Entries after this ID.
    After(StreamId),
    /// An ID argument Redis rejects once it reaches it, after checking the keys before it.
    Invalid(&'static str),
}

/// A parsed XREAD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XreadRequest {
    /// The streams, in argument order.
    pub keys: Vec<Bytes>,
    /// Where each stream is read from, one per key.
    pub starts: Vec<XreadStart>,
    /// Entries per stream at most (`None`, or COUNT 0: no limit).
    pub count: Option<usize>,
    /// BLOCK's timeout; `Some(Duration::ZERO)` blocks without a deadline, as in Redis.
    pub block: Option<Duration>,
}

/// The options XREAD and XREADGROUP share, read in one pass in Redis's order (its
/// `xreadCommand` serves both).
pub(crate) struct ReadOptions<'a> {
    /// COUNT (`None` for none or 0).
    pub count: Option<usize>,
    /// BLOCK's timeout.
    pub block: Option<Duration>,
    /// NOACK (XREADGROUP).
    pub noack: bool,
    /// GROUP's group and consumer (XREADGROUP).
    pub group: Option<(&'a [u8], &'a [u8])>,
    /// Where the keys start, after STREAMS.
    pub streams_at: usize,
    /// How many streams.
    pub streams: usize,
}

/// Reads the options before the streams; `group_read` for XREADGROUP, whose GROUP and NOACK
/// XREAD refuses.
pub(crate) fn parse_read_options(
    args: Args<'_>,
    group_read: bool,
) -> Result<ReadOptions<'_>, Reply> {
    let (mut count, mut block, mut noack, mut group, mut streams_at) =
        (None, None, false, None, None);
    let mut i = 1;
    while i < args.len() {
        let more = args.len() - 1 - i;
        let opt = args.get(i);
        if parse::is(opt, "block") && more > 0 {
            i += 1;
            block = Some(parse_timeout(args.get(i))?);
        } else if parse::is(opt, "count") && more > 0 {
            i += 1;
            let n = parse::int(args.get(i))?.max(0) as usize;
            count = (n > 0).then_some(n);
        } else if parse::is(opt, "streams") && more > 0 {
            if more % 2 != 0 {
                return Err(errors::err(errors::XREAD_UNBALANCED));
            }
            streams_at = Some(i + 1);
            break;
        } else if parse::is(opt, "group") && more >= 2 {
            if !group_read {
                return Err(errors::err(errors::XREAD_GROUP_OPTION));
            }
            group = Some((args.get(i + 1), args.get(i + 2)));
            i += 2;
        } else if parse::is(opt, "noack") {
            if !group_read {
                return Err(errors::err(errors::XREAD_NOACK_OPTION));
            }
            noack = true;
        } else {
            return Err(errors::err(errors::SYNTAX));
        }
        i += 1;
    }
    let streams_at = streams_at.ok_or_else(|| errors::err(errors::SYNTAX))?;
    Ok(ReadOptions {
        count,
        block,
        noack,
        group,
        streams_at,
        streams: (args.len() - streams_at) / 2,
    })
}

/// Parses `XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]` in
/// Redis's order; errors in the IDs wait for [`resolve_last_ids`], which meets them after
/// checking the keys before them, as Redis does.
pub fn parse_xread(args: Args<'_>) -> Result<XreadRequest, Reply> {
    let options = parse_read_options(args, false)?;
    let (at, n) = (options.streams_at, options.streams);
    Ok(XreadRequest {
        keys: (0..n)
            .map(|k| Bytes::copy_from_slice(args.get(at + k)))
            .collect(),
        starts: (0..n).map(|k| parse_start(args.get(at + n + k))).collect(),
        count: options.count,
        block: options.block,
    })
}

fn parse_start(arg: &[u8]) -> XreadStart {
    match arg {
        b"$" => XreadStart::Last,
        b">" => XreadStart::Invalid(errors::XREAD_GREATER_ID),
        _ => parse_strict_id(arg, 0)
            .map(XreadStart::After)
            .unwrap_or(XreadStart::Invalid(errors::INVALID_STREAM_ID)),
    }
}

/// BLOCK's milliseconds (Redis's `getTimeoutFromObjectOrReply` in milliseconds).
fn parse_timeout(arg: &[u8]) -> Result<Duration, Reply> {
    let ms = parse::int(arg).map_err(|_| errors::err(errors::TIMEOUT_NOT_INTEGER))?;
    if ms < 0 {
        return Err(errors::err(errors::BLOCK_TIMEOUT_NEGATIVE));
    }
    Ok(Duration::from_millis(ms as u64))
}

/// Checks each key's type and its ID in argument order (WRONGTYPE or the ID's error, as
/// Redis meets them), and turns `$` into the stream's last ID (`0-0` when the key is
/// missing).
pub fn resolve_last_ids(ctx: &mut ShardCtx<'_>, request: &mut XreadRequest) -> Result<(), Reply> {
    for (key, start) in request.keys.iter().zip(request.starts.iter_mut()) {
        let last = read_stream(ctx, key)?.map_or(StreamId::MIN, |s| s.last_id);
        match start {
            XreadStart::Last => *start = XreadStart::After(last),
            XreadStart::Invalid(message) => return Err(errors::err(message)),
            XreadStart::After(_) => {}
        }
    }
    Ok(())
}

/// The reply for the streams that have live entries after their IDs (a map of key to
/// entries in RESP3, pairs in RESP2), or `None` when none has. Call after
/// [`resolve_last_ids`]; a start still `$` or invalid is skipped.
pub fn serve_xread(ctx: &mut ShardCtx<'_>, request: &XreadRequest) -> Option<Reply> {
    let mut served = Vec::new();
    for (key, start) in request.keys.iter().zip(&request.starts) {
        let XreadStart::After(after) = *start else {
            continue;
        };
        let Ok(Some(stream)) = read_stream(ctx, key) else {
            continue;
        };
        let has_more = stream.edge_id(true).is_some_and(|top| top > after);
        let Some(from) = after.next().filter(|_| has_more) else {
            continue;
        };
        let entries = stream.range(from, StreamId::MAX, request.count);
        served.push((Reply::Bulk(key.clone()), entries_reply(&entries)));
    }
    (!served.is_empty()).then_some(Reply::KeyedArrays(served))
}

/// `XREAD [COUNT count] [BLOCK milliseconds] STREAMS key [key ...] id [id ...]`. Without
/// anything to serve it answers a nil array at once, BLOCK or not (the server wires BLOCK).
pub fn xread(ctx: &mut ShardCtx<'_>, args: Args<'_>) -> Reply {
    either((|| {
        let mut request = parse_xread(args)?;
        resolve_last_ids(ctx, &mut request)?;
        Ok(serve_xread(ctx, &request).unwrap_or(Reply::NilArray))
    })())
}
