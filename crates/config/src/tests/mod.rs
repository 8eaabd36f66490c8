//! Behaviour tests of the config crate that need no redis-server (see `tests/differential.rs`
//! for those that compare with one).

mod file;
mod get_set;
mod rewrite;

use crate::Config;

/// A config built from a redis.conf text that must be valid.
fn from_text(text: &str) -> Config {
    let mut config = Config::new();
    config.apply_file(text).expect("valid config text");
    config
}

/// CONFIG SET of one pair.
fn set_one(config: &mut Config, name: &str, value: &str) -> Result<Vec<String>, String> {
    config.set(&[(name.as_bytes(), value.as_bytes())])
}
