//! Copies configuration values that shards use on the data path into each shard.

use commands::ShardSettings;
use config::Config;

use crate::shard::mesh::JobOutput;
use crate::shard::Shard;

/// The shard settings the configuration implies.
pub fn settings_from(config: &Config) -> ShardSettings {
    ShardSettings {
        proto_max_bulk_len: config.proto_max_bulk_len(),
        lfu_policy: config.maxmemory_policy().contains("lfu"),
        hz: config.hz(),
        query_buffer_limit: config.client_query_buffer_limit(),
    }
}

/// Pushes the current configuration's settings to every shard.
pub async fn apply_settings(shard: &Shard) {
    let settings = shard.shared.with_config(settings_from);
    shard
        .run_on_all(|_| {
            let settings = settings.clone();
            Box::new(move |s| {
                s.state.borrow_mut().settings = settings;
                JobOutput::Replies(Vec::new())
            })
        })
        .await;
}
