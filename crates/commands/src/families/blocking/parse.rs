//! Parsing of the blocking commands, in Redis 7.0's order: BLMOVE's ends before its timeout,
//! BLMPOP's and BZMPOP's numkeys, end and COUNT before theirs (the timeout comes first in
//! their arguments but is read last), every other command's timeout before its keys.

use std::ops::Range;
use std::time::Duration;

use engine::list::End;
use resp::Reply;

use super::{BlockKind, BlockRequest, ListEnd};
use crate::families::string::longdouble::{timeout_ms, TimeoutMs};
use crate::families::{list, zset};
use crate::{errors, lookup, Args, CommandId};

/// See [`super::parse`].
pub(super) fn parse(id: CommandId, args: Args<'_>) -> Result<BlockRequest, Reply> {
    check_arity(id, args)?;
    let last = args.len() - 1;
    let keys_between = |keys: Range<usize>| keys.map(|i| args.get(i).to_vec()).collect();
    let (kind, keys, destination, timeout) = match id {
        CommandId::Blpop | CommandId::Brpop => {
            let end = if id == CommandId::Blpop {
                ListEnd::Left
            } else {
                ListEnd::Right
            };
            let timeout = parse_timeout(args.get(last))?;
            (BlockKind::Pop(end), keys_between(1..last), None, timeout)
        }
        CommandId::Bzpopmin | CommandId::Bzpopmax => {
            let timeout = parse_timeout(args.get(last))?;
            let max = id == CommandId::Bzpopmax;
            (
                BlockKind::ZPop { max },
                keys_between(1..last),
                None,
                timeout,
            )
        }
        CommandId::Blmove => {
            let from = list::parse_end(args.get(3))?.into();
            let to = list::parse_end(args.get(4))?.into();
            let timeout = parse_timeout(args.get(5))?;
            let destination = Some(args.get(2).to_vec());
            (
                BlockKind::Move { from, to },
                keys_between(1..2),
                destination,
                timeout,
            )
        }
        CommandId::Brpoplpush => {
            let timeout = parse_timeout(args.get(3))?;
            let kind = BlockKind::Move {
                from: ListEnd::Right,
                to: ListEnd::Left,
            };
            (
                kind,
                keys_between(1..2),
                Some(args.get(2).to_vec()),
                timeout,
            )
        }
        CommandId::Blmpop => {
            let mpop = list::parse_mpop(args, 2)?;
            let timeout = parse_timeout(args.get(1))?;
            let kind = BlockKind::MultiPop {
                end: mpop.end.into(),
                count: count_of(mpop.count),
            };
            (kind, keys_between(mpop.keys), None, timeout)
        }
        CommandId::Bzmpop => {
            let zmpop = zset::parse_zmpop(args, 2)?;
            let timeout = parse_timeout(args.get(1))?;
            let kind = BlockKind::ZMultiPop {
                max: zmpop.max,
                count: count_of(zmpop.count),
            };
            (kind, keys_between(zmpop.keys), None, timeout)
        }
        _ => return Err(errors::err(errors::BLOCK_NOT_BLOCKING)),
    };
    Ok(BlockRequest {
        id,
        kind,
        keys,
        destination,
        timeout,
    })
}

/// The dispatcher checks arity before a command runs; checking again here keeps the parser
/// from indexing past the arguments when a caller skipped that step.
fn check_arity(id: CommandId, args: Args<'_>) -> Result<(), Reply> {
    let spec = args
        .try_get(0)
        .and_then(lookup)
        .filter(|spec| spec.id == id)
        .ok_or_else(|| errors::err(errors::BLOCK_NOT_BLOCKING))?;
    if spec.arity_ok(args.len()) {
        Ok(())
    } else {
        Err(errors::wrong_arity(spec.name))
    }
}

/// A COUNT already checked to be at least 1.
fn count_of(count: i64) -> usize {
    usize::try_from(count).unwrap_or(usize::MAX)
}

/// Redis 7.0's `getTimeoutFromObjectOrReply` in seconds: `None` to wait for ever (0, or a
/// tiny negative that rounds up to 0), else the wait rounded up to whole milliseconds.
pub(super) fn parse_timeout(arg: &[u8]) -> Result<Option<Duration>, Reply> {
    match timeout_ms(arg) {
        TimeoutMs::NotAFloat => Err(errors::err(errors::BLOCK_TIMEOUT_NOT_FLOAT)),
        // Redis 7.0 casts the product to long long without a range check; x86-64 turns
        // anything out of range (infinities too) into the most negative value.
        TimeoutMs::Overflow => Err(errors::err(errors::BLOCK_TIMEOUT_NEGATIVE)),
        TimeoutMs::Ms(ms) if ms < 0 => Err(errors::err(errors::BLOCK_TIMEOUT_NEGATIVE)),
        TimeoutMs::Ms(0) => Ok(None),
        TimeoutMs::Ms(ms) => Ok(Some(Duration::from_millis(ms.unsigned_abs()))),
    }
}

impl From<End> for ListEnd {
    fn from(end: End) -> ListEnd {
        match end {
            End::Head => ListEnd::Left,
            End::Tail => ListEnd::Right,
        }
    }
}

impl From<ListEnd> for End {
    fn from(end: ListEnd) -> End {
        match end {
            ListEnd::Left => End::Head,
            ListEnd::Right => End::Tail,
        }
    }
}
