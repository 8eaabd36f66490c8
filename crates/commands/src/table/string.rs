//! String commands.

use super::{acl, flag, key_flag as kf, range_spec, CommandId, CommandSpec, Docs};

/// String command table.
pub const SPECS: &[CommandSpec] = &[
    CommandSpec {
        id: CommandId::Get,
        name: "get",
        arity: 2,
        flags: flag::READONLY | flag::FAST,
        acl: acl::STRING,
        first_key: 1,
        last_key: 1,
        key_step: 1,
        tips: &[],
        key_specs: &[range_spec(kf::RO | kf::ACCESS, 1, 0, 1, 0)],
        subcommands: &[],
        docs: Docs {
            summary: "Returns the string value of a key.",
            since: "1.0.0",
            group: "string",
            complexity: "O(1)",
        },
    },
    CommandSpec {
        id: CommandId::Set,
        name: "set",
        arity: -3,
        flags: flag::WRITE | flag::DENYOOM,
        acl: acl::STRING,
        first_key: 1,
        last_key: 1,
        key_step: 1,
        tips: &[],
        key_specs: &[super::KeySpec {
            notes: "RW and ACCESS due to the optional `GET` argument",
            flags: kf::RW | kf::ACCESS | kf::UPDATE | kf::VARIABLE_FLAGS,
            begin: super::BeginSearch::Index(1),
            find: super::FindKeys::Range { last_key: 0, step: 1, limit: 0 },
        }],
        subcommands: &[],
        docs: Docs {
            summary: "Sets the string value of a key, optionally with an expiry and conditions.",
            since: "1.0.0",
            group: "string",
            complexity: "O(1)",
        },
    },
];
