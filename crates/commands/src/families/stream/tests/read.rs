//! XREAD's parts as the server uses them, and the handler.

use std::time::Duration;

use bytes::Bytes;
use engine::stream::StreamId;
use engine::DbIndex;
use resp::Reply;

use super::{bulk, entry, error, shard_with};
use crate::families::stream::{parse_xread, resolve_last_ids, serve_xread, XreadStart};
use crate::{errors, OwnedArgs, ShardCtx};

fn parse(line: &str) -> Result<crate::families::stream::XreadRequest, Reply> {
    let args = OwnedArgs::from_slices(line.split_whitespace().map(str::as_bytes));
    parse_xread(args.view())
}

#[test]
fn parses_options_and_defers_id_errors() {
    let request = parse("XREAD COUNT 0 BLOCK 1500 STREAMS a b $ 5").expect("parsed");
    assert_eq!(request.keys, vec![Bytes::from("a"), Bytes::from("b")]);
    assert_eq!(
        request.starts,
        vec![XreadStart::Last, XreadStart::After(StreamId::new(5, 0))]
    );
    assert_eq!(request.count, None);
    assert_eq!(request.block, Some(Duration::from_millis(1500)));
    assert_eq!(
        parse("XREAD BLOCK -1 STREAMS a 0"),
        Err(error(errors::BLOCK_TIMEOUT_NEGATIVE))
    );
    assert_eq!(
        parse("XREAD BLOCK 1.5 STREAMS a 0"),
        Err(error(errors::TIMEOUT_NOT_INTEGER))
    );
    assert_eq!(
        parse("XREAD STREAMS a b 0"),
        Err(error(errors::XREAD_UNBALANCED))
    );
    assert_eq!(parse("XREAD COUNT 1 FOO a"), Err(error(errors::SYNTAX)));
    let deferred = parse("XREAD STREAMS a >").expect("parsed");
    assert_eq!(
        deferred.starts,
        vec![XreadStart::Invalid(errors::XREAD_GREATER_ID)]
    );
}

#[test]
fn resolves_dollar_and_serves_only_streams_with_news() {
    let mut shard = shard_with("a", 2);
    shard.run("XADD b 7-0 g 1");
    let mut request = parse("XREAD STREAMS a b missing $ 0 $").expect("parsed");
    let mut ctx = ShardCtx::new(&mut shard.state, DbIndex::default(), 0);
    resolve_last_ids(&mut ctx, &mut request).expect("resolved");
    assert_eq!(request.starts[0], XreadStart::After(StreamId::new(2, 0)));
    assert_eq!(request.starts[2], XreadStart::After(StreamId::MIN));
    let served = serve_xread(&mut ctx, &request);
    assert_eq!(
        served,
        Some(Reply::KeyedArrays(vec![(
            bulk("b"),
            Reply::Array(vec![entry("7-0", &["g", "1"])])
        )]))
    );
    let mut nothing = parse("XREAD STREAMS a $").expect("parsed");
    resolve_last_ids(&mut ctx, &mut nothing).expect("resolved");
    assert_eq!(serve_xread(&mut ctx, &nothing), None);
}

#[test]
fn handler_answers_at_once() {
    let mut shard = shard_with("a", 3);
    assert_eq!(shard.run("XREAD BLOCK 0 STREAMS a $"), Reply::NilArray);
    assert_eq!(
        shard.run("XREAD COUNT 1 STREAMS a 1"),
        Reply::KeyedArrays(vec![(
            bulk("a"),
            Reply::Array(vec![entry("2-0", &["f", "2"])])
        )])
    );
    shard.run("SET s v");
    assert_eq!(
        shard.run("XREAD STREAMS s a 0 x"),
        error(errors::WRONG_TYPE)
    );
    assert_eq!(
        shard.run("XREAD STREAMS a s x 0"),
        error(errors::INVALID_STREAM_ID)
    );
}
