//! The pre-image hook of a command about to run on a shard (called from `exec`).

use commands::{keys, Args, CommandId, CommandSpec, ShardCtx};
use engine::{DbIndex, DB_COUNT};

use super::with_walk;

/// Before `spec` runs in `ctx`: writes the pre-images of the keys it may change (reads may
/// reclaim expired keys, writes may change anything they name). Commands that change whole
/// databases first make the walk finish those databases.
pub fn before_command(spec: &'static CommandSpec, ctx: &mut ShardCtx<'_>, args: Args<'_>) {
    let db = ctx.db;
    let now = ctx.now_ms;
    let state = &mut *ctx.shard;
    with_walk(|walk| {
        match spec.id {
            CommandId::Flushall | CommandId::Swapdb => return walk.drain_all(state),
            CommandId::Flushdb => return walk.drain(state, db.0),
            // RANDOMKEY reclaims expired keys it meets, which may be any key of the database.
            CommandId::Randomkey => {
                if state
                    .data
                    .db(db)
                    .next_deadline_ms()
                    .is_some_and(|d| d < now)
                {
                    walk.drain(state, db.0);
                }
                return;
            }
            _ => {}
        }
        let write = spec.may_change_keys();
        let mut positions = Vec::new();
        keys::key_positions(spec, &args, &mut positions);
        for &p in &positions {
            walk.pre_image(state, db, args.get(p), write, now);
        }
        if let Some((other, key)) = other_db_key(spec, args) {
            walk.pre_image(state, other, key, write, now);
        }
    });
}

/// MOVE's and COPY ... DB's key in the other database they write.
pub fn other_db_key<'a>(spec: &CommandSpec, args: Args<'a>) -> Option<(DbIndex, &'a [u8])> {
    match spec.id {
        CommandId::Move => other_db(args.try_get(2)).map(|db| (db, args.get(1))),
        CommandId::Copy => (3..args.len().saturating_sub(1))
            .find(|&i| args.get(i).eq_ignore_ascii_case(b"db"))
            .and_then(|i| other_db(args.try_get(i + 1)))
            .map(|db| (db, args.get(2))),
        _ => None,
    }
}

fn other_db(arg: Option<&[u8]>) -> Option<DbIndex> {
    let index = engine::value::parse_i64(arg?)?;
    usize::try_from(index)
        .ok()
        .filter(|&i| i < DB_COUNT)
        .map(DbIndex)
}
