//! `COMMAND` and its subcommands, answered from the command table alone.
//!
//! Reply shapes mirror Redis 7.0 byte for byte: flags, ACL categories and key-spec flags are
//! simple strings; names, tips and key-spec fields are bulk strings; the lists that Redis sends
//! as RESP3 sets are [`Reply::Set`] and its maps are [`Reply::Map`], so that RESP3 clients get
//! the same types as from Redis.

use std::borrow::Cow;

use engine::glob::glob_match;
use resp::Reply;

use crate::errors::{
    self, INVALID_ARGUMENTS, INVALID_ARG_COUNT, INVALID_COMMAND, NO_KEY_ARGUMENTS,
};
use crate::keys::key_positions;
use crate::table::{
    self, flag, key_flag, BeginSearch, CommandId, CommandSpec, FindKeys, KeySpec, ACL_NAMES,
    FLAG_NAMES, KEY_FLAG_NAMES,
};
use crate::Args;

mod docs;

use docs::docs_pair;

/// Flags Redis keeps out of `COMMAND INFO` on purpose; never printed even if the table has them.
const HIDDEN_FLAGS: u64 = flag::MAY_REPLICATE
    | flag::SENTINEL
    | flag::ONLY_SENTINEL
    | flag::PROTECTED
    | flag::MODULE_GETKEYS
    | flag::MODULE_NO_CLUSTER
    | flag::MODULE_GETCHANNELS
    | flag::TOUCHES_ARBITRARY_KEYS;

/// `COMMAND HELP`, line by line as Redis prints it.
const HELP: &[&str] = &[
    "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "(no subcommand)",
    "    Return details about all Redis commands.",
    "COUNT",
    "    Return the total number of commands in this Redis server.",
    "LIST",
    "    Return a list of all commands in this Redis server.",
    "INFO [<command-name> ...]",
    "    Return details about multiple Redis commands.",
    "    If no command names are given, documentation details for all",
    "    commands are returned.",
    "DOCS [<command-name> ...]",
    "    Return documentation details about multiple Redis commands.",
    "    If no command names are given, documentation details for all",
    "    commands are returned.",
    "GETKEYS <full-command>",
    "    Return the keys from a full Redis command.",
    "GETKEYSANDFLAGS <full-command>",
    "    Return the keys and the access flags from a full Redis command.",
    "HELP",
    "    Prints this help.",
];

/// `COMMAND`: the info of every command.
pub fn command(_args: Args<'_>) -> Reply {
    Reply::Array(
        table::all_commands()
            .iter()
            .map(|spec| info_reply(spec))
            .collect(),
    )
}

/// `COMMAND COUNT`: how many top-level commands the table holds.
pub fn command_count(_args: Args<'_>) -> Reply {
    Reply::Int(table::all_commands().len() as i64)
}

/// `COMMAND INFO [name ...]`: the info of each named command (nil when unknown), or of all.
pub fn command_info(args: Args<'_>) -> Reply {
    if args.len() == 2 {
        return command(args);
    }
    let infos = args
        .iter_from(2)
        .map(|name| find_by_full_name(name).map_or(Reply::Nil, info_reply));
    Reply::Array(infos.collect())
}

/// `COMMAND DOCS [name ...]`: a map from each known name to its documentation; unknown names
/// are left out, as Redis does.
pub fn command_docs(args: Args<'_>) -> Reply {
    let docs: Vec<(Reply, Reply)> = if args.len() == 2 {
        table::all_commands()
            .iter()
            .map(|spec| docs_pair(spec))
            .collect()
    } else {
        args.iter_from(2)
            .filter_map(find_by_full_name)
            .map(docs_pair)
            .collect()
    };
    Reply::Map(docs)
}

/// `COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]`.
pub fn command_list(args: Args<'_>) -> Reply {
    let filter = match parse_list_filter(&args) {
        Ok(filter) => filter,
        Err(reply) => return reply,
    };
    let mut names = Vec::new();
    for spec in table::all_commands() {
        for spec in std::iter::once(*spec).chain(spec.subcommands) {
            if filter.admits(spec) {
                names.push(Reply::bulk_static(spec.name.as_bytes()));
            }
        }
    }
    Reply::Array(names)
}

/// `COMMAND GETKEYS <full-command>`: the key arguments of a command line.
pub fn command_getkeys(args: Args<'_>) -> Reply {
    getkeys(args, false)
}

/// `COMMAND GETKEYSANDFLAGS <full-command>`: each key argument with its key-spec flags.
pub fn command_getkeysandflags(args: Args<'_>) -> Reply {
    getkeys(args, true)
}

/// `COMMAND HELP`.
pub fn command_help(_args: Args<'_>) -> Reply {
    Reply::Array(HELP.iter().map(|line| Reply::status(line)).collect())
}

/// A container (`CLIENT`, `CONFIG`, `OBJECT`) reached without a known subcommand. The
/// dispatcher resolves subcommands first, so this only answers what Redis would.
pub fn container_without_subcommand(args: Args<'_>) -> Reply {
    let name = String::from_utf8_lossy(args.try_get(0).unwrap_or(b"")).to_ascii_lowercase();
    match args.try_get(1) {
        Some(sub) => errors::unknown_subcommand(&name, sub),
        None => errors::wrong_arity(&name),
    }
}

/// A command by its full name: `get`, or `client|list` for a subcommand; any letter case.
fn find_by_full_name(name: &[u8]) -> Option<&'static CommandSpec> {
    let mut parts = name.splitn(2, |b| *b == b'|');
    let container = table::lookup(parts.next()?)?;
    match parts.next() {
        None => Some(container),
        Some(sub) => table::lookup_subcommand(container, sub),
    }
}

/// The 10-element `COMMAND INFO` entry of one command.
fn info_reply(spec: &CommandSpec) -> Reply {
    let flags = FLAG_NAMES
        .iter()
        .filter(|(bit, _)| spec.flags & bit & !HIDDEN_FLAGS != 0)
        .map(|(_, name)| Reply::status(name));
    let categories = spec.acl_categories();
    let categories = ACL_NAMES
        .iter()
        .filter(|(bit, _)| categories & bit != 0)
        .map(|(_, name)| Reply::Status(Cow::Owned(format!("@{name}"))));
    let tips = spec
        .tips
        .iter()
        .map(|tip| Reply::bulk_static(tip.as_bytes()));
    Reply::Array(vec![
        Reply::bulk_static(spec.name.as_bytes()),
        Reply::Int(spec.arity.into()),
        Reply::Set(flags.collect()),
        Reply::Int(spec.first_key.into()),
        Reply::Int(spec.last_key.into()),
        Reply::Int(spec.key_step.into()),
        Reply::Set(categories.collect()),
        Reply::Set(tips.collect()),
        Reply::Set(spec.key_specs.iter().map(key_spec_reply).collect()),
        subcommands_reply(spec),
    ])
}

/// Redis sends an empty subcommand list as a RESP3 set but a non-empty one as an array.
fn subcommands_reply(spec: &CommandSpec) -> Reply {
    if spec.subcommands.is_empty() {
        Reply::Set(Vec::new())
    } else {
        Reply::Array(spec.subcommands.iter().map(info_reply).collect())
    }
}

/// One key spec as Redis prints it: notes (when present), flags, begin_search, find_keys.
fn key_spec_reply(key_spec: &KeySpec) -> Reply {
    let mut fields = Vec::with_capacity(4);
    if !key_spec.notes.is_empty() {
        fields.push((bulk("notes"), bulk(key_spec.notes)));
    }
    fields.push((bulk("flags"), key_flags_reply(key_spec.flags)));
    let (begin_type, begin_spec) = match key_spec.begin {
        BeginSearch::Index(index) => ("index", vec![(bulk("index"), Reply::Int(index.into()))]),
        BeginSearch::Keyword {
            keyword,
            start_from,
        } => (
            "keyword",
            vec![
                (bulk("keyword"), bulk(keyword)),
                (bulk("startfrom"), Reply::Int(start_from.into())),
            ],
        ),
        BeginSearch::Unknown => ("unknown", Vec::new()),
    };
    let (find_type, find_spec) = match key_spec.find {
        FindKeys::Range {
            last_key,
            step,
            limit,
        } => (
            "range",
            vec![
                (bulk("lastkey"), Reply::Int(last_key.into())),
                (bulk("keystep"), Reply::Int(step.into())),
                (bulk("limit"), Reply::Int(limit.into())),
            ],
        ),
        FindKeys::KeyNum {
            key_num_idx,
            first_key,
            step,
        } => (
            "keynum",
            vec![
                (bulk("keynumidx"), Reply::Int(key_num_idx.into())),
                (bulk("firstkey"), Reply::Int(first_key.into())),
                (bulk("keystep"), Reply::Int(step.into())),
            ],
        ),
        FindKeys::Unknown => ("unknown", Vec::new()),
    };
    fields.push((bulk("begin_search"), typed_spec(begin_type, begin_spec)));
    fields.push((bulk("find_keys"), typed_spec(find_type, find_spec)));
    Reply::Map(fields)
}

/// `{type: <kind>, spec: {...}}`.
fn typed_spec(kind: &'static str, spec: Vec<(Reply, Reply)>) -> Reply {
    Reply::Map(vec![
        (bulk("type"), bulk(kind)),
        (bulk("spec"), Reply::Map(spec)),
    ])
}

fn key_flags_reply(flags: u32) -> Reply {
    let names = KEY_FLAG_NAMES.iter().filter(|(bit, _)| flags & bit != 0);
    Reply::Set(names.map(|(_, name)| Reply::status(name)).collect())
}

fn bulk(text: &'static str) -> Reply {
    Reply::bulk_static(text.as_bytes())
}

/// What `COMMAND LIST` keeps.
enum ListFilter<'a> {
    All,
    /// Commands of a module: ringkv has no modules, so nothing matches.
    Module,
    /// Commands in an ACL category (0 when the category is unknown: nothing matches).
    AclCategory(u32),
    /// Commands whose full name matches a glob pattern, in any letter case.
    Pattern(&'a [u8]),
}

impl ListFilter<'_> {
    fn admits(&self, spec: &CommandSpec) -> bool {
        match self {
            ListFilter::All => true,
            ListFilter::Module => false,
            ListFilter::AclCategory(bits) => spec.acl_categories() & bits != 0,
            ListFilter::Pattern(pattern) => glob_match(pattern, spec.name.as_bytes(), true),
        }
    }
}

/// Parses `[FILTERBY <type> <value>]`; anything else is a syntax error.
fn parse_list_filter<'a>(args: &Args<'a>) -> Result<ListFilter<'a>, Reply> {
    if args.len() == 2 {
        return Ok(ListFilter::All);
    }
    // Redis wants FILTERBY followed by exactly two more arguments, so there is only ever one.
    if args.len() != 5 || !args.get(2).eq_ignore_ascii_case(b"FILTERBY") {
        return Err(errors::err(errors::SYNTAX));
    }
    let (kind, value) = (args.get(3), args.get(4));
    if kind.eq_ignore_ascii_case(b"MODULE") {
        Ok(ListFilter::Module)
    } else if kind.eq_ignore_ascii_case(b"ACLCAT") {
        let category = ACL_NAMES
            .iter()
            .find(|(_, name)| value.eq_ignore_ascii_case(name.as_bytes()));
        Ok(ListFilter::AclCategory(category.map_or(0, |(bit, _)| *bit)))
    } else if kind.eq_ignore_ascii_case(b"PATTERN") {
        Ok(ListFilter::Pattern(value))
    } else {
        Err(errors::err(errors::SYNTAX))
    }
}

/// COMMAND GETKEYS / GETKEYSANDFLAGS, in Redis's order of checks.
fn getkeys(args: Args<'_>, with_flags: bool) -> Reply {
    let (buf, spans) = args.parts();
    let line = Args::new(buf, &spans[2.min(spans.len())..]);
    let Some(spec) = resolve_command(&line) else {
        return errors::err(INVALID_COMMAND);
    };
    if spec.key_specs.is_empty() {
        return errors::err(NO_KEY_ARGUMENTS);
    }
    if !spec.arity_ok(line.len()) {
        return errors::err(INVALID_ARG_COUNT);
    }
    let mut positions = Vec::new();
    key_positions(spec, &line, &mut positions);
    if positions.is_empty() {
        if spec.has(flag::NO_MANDATORY_KEYS) {
            return Reply::Array(Vec::new());
        }
        return errors::err(INVALID_ARGUMENTS);
    }
    if !with_flags {
        return Reply::Array(
            positions
                .iter()
                .map(|&i| Reply::bulk(line.get(i)))
                .collect(),
        );
    }
    let keys = keys_with_flags(spec, &line)
        .into_iter()
        .map(|(i, flags)| Reply::Array(vec![Reply::bulk(line.get(i)), key_flags_reply(flags)]));
    Reply::Array(keys.collect())
}

/// The command a full command line names, subcommand resolved as Redis's `lookupCommand`.
fn resolve_command(line: &Args<'_>) -> Option<&'static CommandSpec> {
    let spec = table::lookup(line.try_get(0)?)?;
    match line.try_get(1) {
        Some(sub) if !spec.subcommands.is_empty() => table::lookup_subcommand(spec, sub),
        _ => Some(spec),
    }
}

/// Every key position with the flags of the key spec that found it, in key-spec order.
fn keys_with_flags(spec: &CommandSpec, line: &Args<'_>) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    let mut positions = Vec::new();
    for (i, key_spec) in spec.key_specs.iter().enumerate() {
        let mut one = *spec;
        one.key_specs = &spec.key_specs[i..=i];
        key_positions(&one, line, &mut positions);
        let flags = actual_key_flags(spec, key_spec.flags, line);
        out.extend(positions.iter().map(|&pos| (pos, flags)));
    }
    out
}

/// Key specs marked `variable_flags` declare the widest access; the arguments decide the
/// real one, as each command's `getkeys` procedure does in Redis.
fn actual_key_flags(spec: &CommandSpec, flags: u32, line: &Args<'_>) -> u32 {
    if flags & key_flag::VARIABLE_FLAGS == 0 {
        return flags;
    }
    match spec.id {
        CommandId::Set
            if line
                .iter_from(3)
                .any(|arg| arg.eq_ignore_ascii_case(b"GET")) =>
        {
            key_flag::RW | key_flag::ACCESS | key_flag::UPDATE
        }
        CommandId::Set => key_flag::OW | key_flag::UPDATE,
        _ => flags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::OwnedArgs;

    /// Runs `handler` on a command line written as space-separated words.
    fn run(handler: fn(Args<'_>) -> Reply, line: &str) -> Reply {
        let args = OwnedArgs::from_slices(line.split(' ').map(str::as_bytes));
        handler(args.view())
    }

    fn encoded(reply: &Reply) -> String {
        let mut out = Vec::new();
        resp::encode(reply, resp::Protocol::Resp2, &mut out);
        String::from_utf8(out).expect("replies here are ASCII")
    }

    fn items(reply: Reply) -> Vec<Reply> {
        match reply {
            Reply::Array(items) | Reply::Set(items) => items,
            other => panic!("not an array: {other:?}"),
        }
    }

    fn names(reply: Reply) -> Vec<String> {
        let bulk = |item: Reply| match item.as_bulk() {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => panic!("not a bulk: {item:?}"),
        };
        items(reply).into_iter().map(bulk).collect()
    }

    #[test]
    fn command_info_get_has_redis_shape() {
        let expected = "*1\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n\
            :1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*1\r\n*6\r\n\
            $5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n$12\r\nbegin_search\r\n*4\r\n\
            $4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n\
            $9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n\
            $7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n*0\r\n";
        assert_eq!(encoded(&run(command_info, "COMMAND INFO get")), expected);
    }

    #[test]
    fn command_info_unknown_name_is_nil_and_names_ignore_case() {
        let infos = items(run(
            command_info,
            "COMMAND INFO nosuch CLIENT|GETNAME client|getname|x",
        ));
        assert_eq!(infos[0], Reply::Nil);
        assert!(encoded(&infos[1]).starts_with("*10\r\n$14\r\nclient|getname\r\n:2\r\n"));
        assert_eq!(infos[2], Reply::Nil);
    }

    #[test]
    fn command_info_without_names_describes_every_command() {
        let count = items(run(command_info, "COMMAND INFO")).len();
        assert_eq!(count, table::all_commands().len());
        assert_eq!(items(run(command, "COMMAND")).len(), count);
        assert_eq!(
            run(command_count, "COMMAND COUNT"),
            Reply::Int(count as i64)
        );
    }

    #[test]
    fn key_spec_notes_come_before_flags() {
        let info = encoded(&run(command_info, "COMMAND INFO set"));
        let notes = "*1\r\n*8\r\n$5\r\nnotes\r\n$48\r\nRW and ACCESS due to the optional `GET` \
            argument\r\n$5\r\nflags\r\n*4\r\n+RW\r\n+access\r\n+update\r\n+variable_flags\r\n";
        assert!(info.contains(notes), "{info}");
    }

    #[test]
    fn flags_categories_and_key_specs_are_sets_in_resp3() {
        let info = items(run(command_info, "COMMAND INFO get")).remove(0);
        let mut out = Vec::new();
        resp::encode(&info, resp::Protocol::Resp3, &mut out);
        let text = String::from_utf8(out).expect("ascii");
        assert!(
            text.starts_with("*10\r\n$3\r\nget\r\n:2\r\n~2\r\n+readonly\r\n"),
            "{text}"
        );
        assert!(
            text.contains("~1\r\n%3\r\n$5\r\nflags\r\n~2\r\n+RO\r\n"),
            "{text}"
        );
    }

    #[test]
    fn container_info_lists_its_subcommands() {
        let info = items(items(run(command_info, "COMMAND INFO object")).remove(0));
        assert!(
            matches!(&info[9], Reply::Array(subs) if subs.len() == 5),
            "{:?}",
            info[9]
        );
    }

    #[test]
    fn command_docs_maps_names_to_their_fields_and_skips_unknown_ones() {
        let Reply::Map(docs) = run(command_docs, "COMMAND DOCS GET nosuch") else {
            panic!()
        };
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].0, Reply::bulk(b"get"));
        let Reply::Map(fields) = &docs[0].1 else {
            panic!("not a map")
        };
        let keys: Vec<_> = fields.iter().map(|(k, _)| k.clone()).collect();
        let expected = ["summary", "since", "group", "complexity", "arguments"].map(bulk);
        assert_eq!(keys, expected);
        assert_eq!(fields[1].1, Reply::bulk(b"1.0.0"));
    }

    #[test]
    fn command_docs_of_a_container_nests_its_subcommands() {
        let Reply::Map(docs) = run(command_docs, "COMMAND DOCS config") else {
            panic!()
        };
        let Reply::Map(fields) = &docs[0].1 else {
            panic!("not a map")
        };
        assert_eq!(fields[4].0, bulk("subcommands"));
        let Reply::Map(subs) = &fields[4].1 else {
            panic!("not a map")
        };
        assert!(subs.iter().any(|(name, _)| *name == bulk("config|get")));
    }

    #[test]
    fn command_list_includes_subcommands() {
        let all = names(run(command_list, "COMMAND LIST"));
        assert!(all.iter().any(|n| n == "client|getname") && all.iter().any(|n| n == "get"));
    }

    #[test]
    fn command_list_filters_by_pattern_without_case() {
        let matched = names(run(
            command_list,
            "COMMAND LIST FILTERBY PATTERN CLIENT|GET*",
        ));
        assert_eq!(matched, ["client|getname"]);
    }

    #[test]
    fn command_list_filters_by_acl_category_including_implicit_ones() {
        let string = names(run(command_list, "command list filterby aclcat STRING"));
        assert!(string.iter().any(|n| n == "get") && !string.iter().any(|n| n == "del"));
        let fast = names(run(command_list, "COMMAND LIST FILTERBY ACLCAT fast"));
        assert!(fast.iter().any(|n| n == "get") && !fast.iter().any(|n| n == "keys"));
        assert!(names(run(command_list, "COMMAND LIST FILTERBY ACLCAT @string")).is_empty());
        assert!(names(run(command_list, "COMMAND LIST FILTERBY MODULE x")).is_empty());
    }

    #[test]
    fn command_list_rejects_malformed_filters() {
        for line in [
            "COMMAND LIST FILTERBY",
            "COMMAND LIST FILTERBY PATTERN",
            "COMMAND LIST FILTERBY foo bar",
            "COMMAND LIST FILTERBY PATTERN a b",
            "COMMAND LIST foo",
        ] {
            assert_eq!(
                run(command_list, line),
                errors::err(errors::SYNTAX),
                "{line}"
            );
        }
    }

    #[test]
    fn getkeys_returns_key_arguments() {
        assert_eq!(
            names(run(command_getkeys, "COMMAND GETKEYS MSET a 1 b 2")),
            ["a", "b"]
        );
        assert_eq!(
            names(run(command_getkeys, "COMMAND GETKEYS object encoding k")),
            ["k"]
        );
    }

    #[test]
    fn getkeys_errors_match_redis() {
        for (line, message) in [
            ("COMMAND GETKEYS nosuch a", INVALID_COMMAND),
            ("COMMAND GETKEYS client nosuch", INVALID_COMMAND),
            ("COMMAND GETKEYS ping a", NO_KEY_ARGUMENTS),
            ("COMMAND GETKEYS object help", NO_KEY_ARGUMENTS),
            ("COMMAND GETKEYS get a b", INVALID_ARG_COUNT),
            ("COMMAND GETKEYS mset a", INVALID_ARG_COUNT),
        ] {
            assert_eq!(run(command_getkeys, line), errors::err(message), "{line}");
        }
    }

    #[test]
    fn getkeysandflags_reports_set_flags_by_its_arguments() {
        let plain = run(command_getkeysandflags, "COMMAND GETKEYSANDFLAGS set a b");
        assert_eq!(
            encoded(&plain),
            "*1\r\n*2\r\n$1\r\na\r\n*2\r\n+OW\r\n+update\r\n"
        );
        let get = run(
            command_getkeysandflags,
            "COMMAND GETKEYSANDFLAGS set a b get",
        );
        assert_eq!(
            encoded(&get),
            "*1\r\n*2\r\n$1\r\na\r\n*3\r\n+RW\r\n+access\r\n+update\r\n"
        );
    }

    #[test]
    fn getkeysandflags_gives_each_key_its_own_spec_flags() {
        let copy = run(command_getkeysandflags, "COMMAND GETKEYSANDFLAGS copy a b");
        let expected = "*2\r\n*2\r\n$1\r\na\r\n*2\r\n+RO\r\n+access\r\n\
            *2\r\n$1\r\nb\r\n*2\r\n+OW\r\n+update\r\n";
        assert_eq!(encoded(&copy), expected);
    }

    #[test]
    fn help_is_status_lines() {
        let lines = items(run(command_help, "COMMAND HELP"));
        assert_eq!(lines.len(), 21);
        assert_eq!(lines[20], Reply::status("    Prints this help."));
    }

    #[test]
    fn container_without_subcommand_answers_as_redis() {
        let unknown = "ERR unknown subcommand 'nope'. Try CONFIG HELP.";
        assert_eq!(
            run(container_without_subcommand, "CONFIG nope"),
            errors::err(unknown)
        );
        let arity = "ERR wrong number of arguments for 'config' command";
        assert_eq!(
            run(container_without_subcommand, "CONFIG"),
            errors::err(arity)
        );
    }
}
