//! The AOF record of a write: the command as it must replay, made deterministic the way Redis
//! propagates it (relative deadlines become absolute, random or blocking pops become the pops
//! they turned out to be, float increments become the value they produced).

use commands::families::blocking::{BlockKind, BlockRequest, ListEnd};
use commands::{Args, CommandId, CommandSpec};
use resp::Reply;

/// A record's arguments.
pub type Record = Vec<Vec<u8>>;

fn owned(args: &Args<'_>) -> Record {
    args.iter().map(<[u8]>::to_vec).collect()
}

fn int_arg(arg: &[u8]) -> Option<i64> {
    engine::value::parse_i64(arg)
}

/// The deterministic form of a write command `args` that replied `reply` at `now_ms`.
pub fn command(spec: &CommandSpec, args: &Args<'_>, reply: &Reply, now_ms: u64) -> Vec<Record> {
    use CommandId::*;
    let key = || args.get(1).to_vec();
    let pexpireat = |at: i64| vec![b"PEXPIREAT".to_vec(), key(), at.to_string().into_bytes()];
    let at = |offset_ms: Option<i64>| offset_ms.map(|ms| now_ms as i64 + ms);
    match spec.id {
        Expire => at(int_arg(args.get(2)).map(|s| s.saturating_mul(1000))).map(pexpireat),
        Pexpire => at(int_arg(args.get(2))).map(pexpireat),
        Expireat => int_arg(args.get(2)).map(|s| pexpireat(s.saturating_mul(1000))),
        Pexpireat => int_arg(args.get(2)).map(pexpireat),
        Setex | Psetex => {
            let unit = if spec.id == Setex { 1000 } else { 1 };
            int_arg(args.get(2)).map(|t| {
                let deadline = now_ms as i64 + t.saturating_mul(unit);
                vec![
                    b"SET".to_vec(),
                    key(),
                    args.get(3).to_vec(),
                    b"PXAT".to_vec(),
                    deadline.to_string().into_bytes(),
                ]
            })
        }
        Set => Some(set(args, now_ms)),
        Restore => Some(restore(args, now_ms)),
        Getex => Some(getex(args, now_ms)),
        Getdel => Some(vec![b"DEL".to_vec(), key()]),
        Incrbyfloat => bulk(reply).map(|v| vec![b"SET".to_vec(), key(), v, b"KEEPTTL".to_vec()]),
        Hincrbyfloat => bulk(reply).map(|v| vec![b"HSET".to_vec(), key(), args.get(2).to_vec(), v]),
        Spop => {
            let members = bulks(reply);
            (!members.is_empty()).then(|| {
                let mut record = vec![b"SREM".to_vec(), key()];
                record.extend(members);
                record
            })
        }
        _ => None,
    }
    .map_or_else(|| vec![owned(args)], |record| vec![record])
}

/// SET with its expiry made absolute and its conditions dropped (the write happened).
fn set(args: &Args<'_>, now_ms: u64) -> Record {
    let mut record = vec![b"SET".to_vec(), args.get(1).to_vec(), args.get(2).to_vec()];
    let mut i = 3;
    while i < args.len() {
        let option = args.get(i).to_ascii_uppercase();
        let value = args.try_get(i + 1).and_then(int_arg);
        let deadline = match (option.as_slice(), value) {
            (b"EX", Some(s)) => Some(now_ms as i64 + s.saturating_mul(1000)),
            (b"PX", Some(ms)) => Some(now_ms as i64 + ms),
            (b"EXAT", Some(s)) => Some(s.saturating_mul(1000)),
            (b"PXAT", Some(ms)) => Some(ms),
            _ => None,
        };
        if let Some(deadline) = deadline {
            record.push(b"PXAT".to_vec());
            record.push(deadline.to_string().into_bytes());
            i += 2;
            continue;
        }
        if option == b"KEEPTTL" {
            record.push(b"KEEPTTL".to_vec());
        }
        i += 1;
    }
    record
}

/// RESTORE with a relative ttl made absolute (ABSTTL) and REPLACE, so that replay recreates
/// the key whatever the log held before; IDLETIME and FREQ are dropped.
fn restore(args: &Args<'_>, now_ms: u64) -> Record {
    let absolute = args.iter_from(4).any(|a| a.eq_ignore_ascii_case(b"absttl"));
    let ttl = int_arg(args.get(2)).unwrap_or(0);
    let deadline = if ttl == 0 || absolute {
        ttl
    } else {
        now_ms as i64 + ttl
    };
    let mut record = vec![
        b"RESTORE".to_vec(),
        args.get(1).to_vec(),
        deadline.to_string().into_bytes(),
        args.get(3).to_vec(),
        b"REPLACE".to_vec(),
    ];
    if deadline != 0 {
        record.push(b"ABSTTL".to_vec());
    }
    record
}

/// GETEX's expiry change as PEXPIREAT or PERSIST.
fn getex(args: &Args<'_>, now_ms: u64) -> Record {
    let key = args.get(1).to_vec();
    let option = args
        .try_get(2)
        .map(|o| o.to_ascii_uppercase())
        .unwrap_or_default();
    if option == b"PERSIST" {
        return vec![b"PERSIST".to_vec(), key];
    }
    let value = args.try_get(3).and_then(int_arg).unwrap_or(0);
    let deadline = match option.as_slice() {
        b"EX" => now_ms as i64 + value.saturating_mul(1000),
        b"PX" => now_ms as i64 + value,
        b"EXAT" => value.saturating_mul(1000),
        _ => value,
    };
    vec![
        b"PEXPIREAT".to_vec(),
        key,
        deadline.to_string().into_bytes(),
    ]
}

fn bulk(reply: &Reply) -> Option<Vec<u8>> {
    match reply {
        Reply::Bulk(b) => Some(b.to_vec()),
        Reply::InlineBulk(b) => Some(b.as_bytes().to_vec()),
        _ => None,
    }
}

fn bulks(reply: &Reply) -> Vec<Vec<u8>> {
    match reply {
        Reply::Array(items) | Reply::Set(items) => items.iter().filter_map(bulk).collect(),
        other => bulk(other).into_iter().collect(),
    }
}

/// The pop a served blocking command turned out to be, from its reply.
pub fn blocking(request: &BlockRequest, reply: &Reply) -> Option<Record> {
    let Reply::Array(items) = reply else {
        // BLMOVE / BRPOPLPUSH reply with the element alone.
        let (BlockKind::Move { from, to }, Some(destination)) =
            (&request.kind, &request.destination)
        else {
            return None;
        };
        let source = request.keys.first()?.clone();
        return Some(vec![
            b"LMOVE".to_vec(),
            source,
            destination.clone(),
            end_name(*from).to_vec(),
            end_name(*to).to_vec(),
        ]);
    };
    let key = items.first().and_then(bulk)?;
    let count = |at: usize| match items.get(at) {
        Some(Reply::Array(popped)) => popped.len(),
        _ => 1,
    };
    let (name, n): (&[u8], usize) = match &request.kind {
        BlockKind::Pop(ListEnd::Left) => (b"LPOP", 1),
        BlockKind::Pop(ListEnd::Right) => (b"RPOP", 1),
        BlockKind::MultiPop {
            end: ListEnd::Left, ..
        } => (b"LPOP", count(1)),
        BlockKind::MultiPop {
            end: ListEnd::Right,
            ..
        } => (b"RPOP", count(1)),
        BlockKind::ZPop { max: false } => (b"ZPOPMIN", 1),
        BlockKind::ZPop { max: true } => (b"ZPOPMAX", 1),
        BlockKind::ZMultiPop { max: false, .. } => (b"ZPOPMIN", count(1)),
        BlockKind::ZMultiPop { max: true, .. } => (b"ZPOPMAX", count(1)),
        // Stream reads log what their handlers recorded (Propagation::instead), or nothing.
        BlockKind::Move { .. } | BlockKind::StreamRead(_) | BlockKind::StreamGroupRead { .. } => {
            return None
        }
    };
    Some(vec![name.to_vec(), key, n.to_string().into_bytes()])
}

fn end_name(end: ListEnd) -> &'static [u8] {
    match end {
        ListEnd::Left => b"LEFT",
        ListEnd::Right => b"RIGHT",
    }
}
