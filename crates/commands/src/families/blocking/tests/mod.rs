//! Parsing and serving of the blocking commands. Expected replies, errors and their order
//! were checked against Redis 7.0.15.

mod parsing;
mod serving;

use resp::Reply;

use super::{parse, timeout_reply, try_serve, BlockRequest};
use crate::families::test_shard::TestShard;
use crate::{errors, lookup, OwnedArgs, ShardCtx};

/// The command given as space-separated words, parsed as the server parses it.
fn request(line: &str) -> Result<BlockRequest, Reply> {
    let words: Vec<&[u8]> = line.split_whitespace().map(str::as_bytes).collect();
    let id = lookup(words[0]).expect("a known command").id;
    let args = OwnedArgs::from_slices(words.iter().copied());
    parse(id, args.view())
}

/// Parses `line` (which must parse) and serves it from the shard's data.
fn serve(shard: &mut TestShard, line: &str) -> Option<Reply> {
    let request = request(line).expect("the command parses");
    let mut ctx = ShardCtx::new(&mut shard.state, shard.db, shard.now_ms);
    ctx.no_touch = shard.no_touch;
    try_serve(&mut ctx, &request)
}

/// Serves `line` and returns how many changes it counted.
fn dirty_of_serve(shard: &mut TestShard, line: &str) -> u64 {
    let before = shard.dirty();
    serve(shard, line);
    shard.dirty() - before
}

fn bulk(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

fn bulks(items: &[&str]) -> Reply {
    Reply::Array(items.iter().map(|s| bulk(s)).collect())
}

fn err(message: &'static str) -> Reply {
    errors::err(message)
}
