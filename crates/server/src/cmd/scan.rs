//! SCAN across shards: the cursor carries the shard index above the table's cursor bits.

use bytes::Bytes;
use commands::families::keyspace;
use commands::{Args, ShardCtx};
use engine::table::SCAN_CURSOR_BITS;
use resp::Reply;

use crate::conn::session::Session;
use crate::shard::mesh::JobOutput;
use crate::shared::now_ms;

/// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type].
pub async fn scan(session: &mut Session, args: Args<'_>) -> Reply {
    let options = match keyspace::parse_scan_args(args) {
        Ok(o) => o,
        Err(reply) => return reply,
    };
    let shards = session.shard.count as u64;
    let mut shard = options.cursor >> SCAN_CURSOR_BITS;
    let mut cursor = options.cursor & ((1u64 << SCAN_CURSOR_BITS) - 1);
    let mut keys: Vec<Bytes> = Vec::new();
    let db = session.client.borrow().db;
    // Visit shards in turn until COUNT keys were examined or the last shard finished.
    while shard < shards && keys.len() < options.count {
        let pattern = options.pattern.clone();
        let type_filter = options.type_filter.clone();
        let count = options.count;
        let job = Box::new(move |s: &crate::shard::Shard| {
            let mut state = s.state.borrow_mut();
            let mut ctx = ShardCtx::new(&mut state, db, now_ms());
            let found = keyspace::scan_shard(
                &mut ctx,
                cursor,
                count,
                pattern.as_deref(),
                type_filter.as_deref(),
            );
            JobOutput::Other(Box::new(found))
        });
        let Some(JobOutput::Other(any)) = session.shard.run_on(shard as usize, job).await else {
            return Reply::error("ERR shard unavailable");
        };
        let Ok(found) = any.downcast::<(u64, Vec<Bytes>)>() else {
            return Reply::error("ERR shard unavailable");
        };
        let (next, found_keys) = *found;
        keys.extend(found_keys);
        if next == 0 {
            shard += 1;
            cursor = 0;
        } else {
            cursor = next;
            break;
        }
    }
    let next = if shard >= shards {
        0
    } else {
        (shard << SCAN_CURSOR_BITS) | cursor
    };
    Reply::Array(vec![
        Reply::Bulk(Bytes::from(next.to_string())),
        Reply::Array(keys.into_iter().map(Reply::Bulk).collect()),
    ])
}
