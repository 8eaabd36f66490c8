//! Random zset commands, valid and invalid. TODO(#3): the family's commands.

use super::gen::Make;
use super::key_cmds;

/// Weighted command makers of the family's mix.
pub const TABLE: &[(usize, Make)] = &[(1, key_cmds::del), (1, key_cmds::type_of)];
