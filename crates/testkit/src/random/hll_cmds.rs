//! Random commands of this family (being written: until then, a few keyspace commands).

use super::gen::Make;
use super::key_cmds;

/// Weighted makers.
pub const TABLE: &[(usize, Make)] = &[(1, key_cmds::del), (1, key_cmds::exists)];
