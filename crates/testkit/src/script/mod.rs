//! Differential scripts: `.redis` files of commands run against ringkv and redis-server.
//!
//! Format: one command per line in redis-cli quoting; blank lines and `#` comments are
//! ignored. Directives: `@resp3`/`@resp2` switch both connections with HELLO; `@flush` runs
//! FLUSHALL on both; `@unordered`, `@shape`, `@near N` and `@skip-compare` change how the next
//! command's replies are compared (see [`crate::compare::Compare`]); `@requires CMD...` skips
//! the rest of the script while ringkv lacks a command. There is deliberately no sleep.

pub mod args;
pub mod parse;
pub mod runner;
