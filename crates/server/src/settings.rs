//! Copies configuration values that shards use on the data path into each shard.

use std::rc::Rc;

use commands::ShardSettings;
use config::Config;
use engine::EncodingLimits;

use crate::shard::mesh::JobOutput;
use crate::shard::Shard;

/// The shard settings the configuration implies.
pub fn settings_from(config: &Config) -> ShardSettings {
    ShardSettings {
        proto_max_bulk_len: config.proto_max_bulk_len(),
        lfu_policy: config.maxmemory_policy().contains("lfu"),
        hz: config.hz(),
        query_buffer_limit: config.client_query_buffer_limit(),
        limits: encoding_limits(config),
        output_hard_limit: config
            .client_output_buffer_limit(config::ClientClass::Normal)
            .hard_bytes,
        hll_sparse_max_bytes: usize::try_from(config.number("hll-sparse-max-bytes"))
            .unwrap_or(usize::MAX),
    }
}

/// The collection encoding thresholds. The registry bounds each value to `0..=LONG_MAX`
/// (`list-max-listpack-size` to an `int`), so the conversions cannot truncate.
fn encoding_limits(config: &Config) -> EncodingLimits {
    let size = |name: &str| usize::try_from(config.number(name)).unwrap_or(usize::MAX);
    EncodingLimits {
        list_max_listpack_size: config.number("list-max-listpack-size") as i64,
        hash_max_listpack_entries: size("hash-max-listpack-entries"),
        hash_max_listpack_value: size("hash-max-listpack-value"),
        set_max_intset_entries: size("set-max-intset-entries"),
        set_max_listpack_entries: size("set-max-listpack-entries"),
        set_max_listpack_value: size("set-max-listpack-value"),
        zset_max_listpack_entries: size("zset-max-listpack-entries"),
        zset_max_listpack_value: size("zset-max-listpack-value"),
        stream_node: engine::stream::NodeLimits {
            max_bytes: size("stream-node-max-bytes"),
            max_entries: size("stream-node-max-entries"),
        },
    }
}

/// Pushes the current configuration's settings to every shard, in one message each: the
/// command settings, `appendfsync`, and `appendonly no` (recording stops). `appendonly yes`
/// starts the log afterwards (a new generation holding the data, in the background, as Redis
/// starts a rewrite).
pub async fn apply_settings(shard: &Rc<Shard>) {
    let (settings, requirepass, appendonly, fsync) = shard.shared.with_config(|c| {
        (
            settings_from(c),
            c.requirepass().unwrap_or("").to_string(),
            c.appendonly(),
            crate::aof::Fsync::from_name(&c.appendfsync()),
        )
    });
    shard.shared.acl.apply_requirepass(&requirepass);
    let loading = shard
        .shared
        .loading
        .load(std::sync::atomic::Ordering::Acquire);
    let running = shard.aof.running.get();
    let stop = running && !appendonly && !loading;
    shard
        .run_on_all(|_| {
            let settings = settings.clone();
            Box::new(move |s| {
                let mut state = s.state.borrow_mut();
                state.settings = settings;
                s.aof.fsync.set(fsync);
                if stop {
                    state.propagate.enabled = false;
                    s.aof.running.set(false);
                }
                JobOutput::Replies(Vec::new())
            })
        })
        .await;
    if appendonly && !running && !loading {
        // A rewrite already in progress ends with recording as it was started; this one
        // then does not start.
        let _ = crate::aof::rewrite::start(shard, true);
    }
}
