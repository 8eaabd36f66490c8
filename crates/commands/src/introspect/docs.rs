//! The `COMMAND DOCS` entry of one command, field for field in Redis 7.0's order: summary,
//! since, group, complexity, doc_flags, deprecated_since, replaced_by, history, arguments,
//! subcommands. Optional fields are left out when empty, as Redis leaves them out.

use resp::Reply;

use super::bulk;
use crate::table::{arg_flag, doc_flag, Arg, ArgKind, CommandSpec, Docs};

/// `name => {summary, since, group, ...}` for `COMMAND DOCS`.
pub(super) fn docs_pair(spec: &CommandSpec) -> (Reply, Reply) {
    let docs = &spec.docs;
    let mut fields = vec![
        (bulk("summary"), bulk(docs.summary)),
        (bulk("since"), bulk(docs.since)),
        (bulk("group"), bulk(docs.group)),
        (bulk("complexity"), bulk(docs.complexity)),
    ];
    fields.extend(deprecation_fields(docs));
    if !docs.history.is_empty() {
        fields.push((bulk("history"), history_reply(docs.history)));
    }
    if !docs.arguments.is_empty() {
        fields.push((bulk("arguments"), arguments_reply(docs.arguments)));
    }
    if !spec.subcommands.is_empty() {
        let subs = spec.subcommands.iter().map(docs_pair).collect();
        fields.push((bulk("subcommands"), Reply::Map(subs)));
    }
    (bulk(spec.name), Reply::Map(fields))
}

/// `doc_flags`, `deprecated_since` and `replaced_by`, each only when present.
fn deprecation_fields(docs: &Docs) -> Vec<(Reply, Reply)> {
    let mut fields = Vec::new();
    if docs.doc_flags != 0 {
        let names = doc_flag::NAMES
            .iter()
            .filter(|(bit, _)| docs.doc_flags & bit != 0);
        let names = names.map(|(_, name)| Reply::status(name)).collect();
        fields.push((bulk("doc_flags"), Reply::Set(names)));
    }
    if !docs.deprecated_since.is_empty() {
        fields.push((bulk("deprecated_since"), bulk(docs.deprecated_since)));
    }
    if !docs.replaced_by.is_empty() {
        fields.push((bulk("replaced_by"), bulk(docs.replaced_by)));
    }
    fields
}

/// Redis sends the history as a RESP3 set of `[version, description]` arrays.
fn history_reply(history: &'static [(&'static str, &'static str)]) -> Reply {
    let entries = history
        .iter()
        .map(|(version, change)| Reply::Array(vec![bulk(version), bulk(change)]));
    Reply::Set(entries.collect())
}

/// The argument list: an array of maps, nested for `oneof` and `block` arguments.
fn arguments_reply(args: &'static [Arg]) -> Reply {
    Reply::Array(args.iter().map(argument_reply).collect())
}

fn argument_reply(arg: &'static Arg) -> Reply {
    let mut fields = vec![
        (bulk("name"), bulk(arg.name)),
        (bulk("type"), bulk(arg.kind.name())),
    ];
    if arg.key_spec_index >= 0 {
        fields.push((
            bulk("key_spec_index"),
            Reply::Int(arg.key_spec_index.into()),
        ));
    }
    let texts = [
        ("token", arg.token),
        ("summary", arg.summary),
        ("since", arg.since),
        ("deprecated_since", arg.deprecated_since),
    ];
    for (field, text) in texts {
        if !text.is_empty() {
            fields.push((bulk(field), bulk(text)));
        }
    }
    if arg.flags != 0 {
        let names = arg_flag::NAMES
            .iter()
            .filter(|(bit, _)| arg.flags & bit != 0);
        let names = names.map(|(_, name)| Reply::status(name)).collect();
        fields.push((bulk("flags"), Reply::Set(names)));
    }
    // Redis prints the nested list for every `oneof` and `block`, even an empty one.
    if matches!(arg.kind, ArgKind::OneOf | ArgKind::Block) {
        fields.push((bulk("arguments"), arguments_reply(arg.args)));
    }
    Reply::Map(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table;

    fn encoded(reply: &Reply, proto: resp::Protocol) -> String {
        let mut out = Vec::new();
        resp::encode(reply, proto, &mut out);
        String::from_utf8(out).expect("docs are ASCII")
    }

    fn docs_of(name: &str) -> String {
        let spec = table::lookup(name.as_bytes()).expect("a known command");
        encoded(&docs_pair(spec).1, resp::Protocol::Resp3)
    }

    #[test]
    fn a_deprecated_command_names_its_flag_version_and_replacement_before_arguments() {
        let getset = docs_of("getset");
        let order = [
            "doc_flags\r\n~1\r\n+deprecated",
            "deprecated_since\r\n$5\r\n6.2.0",
        ];
        let at: Vec<_> = order.iter().map(|f| getset.find(f).expect(f)).collect();
        let replaced = getset.find("replaced_by").expect("replaced_by");
        let arguments = getset.find("arguments").expect("arguments");
        assert!(
            at[0] < at[1] && at[1] < replaced && replaced < arguments,
            "{getset}"
        );
    }

    #[test]
    fn history_is_a_set_of_version_and_change_pairs() {
        let expire = docs_of("expire");
        assert!(
            expire.contains("$7\r\nhistory\r\n~1\r\n*2\r\n$5\r\n7.0.0\r\n"),
            "{expire}"
        );
    }

    #[test]
    fn arguments_nest_and_print_only_the_fields_they_have() {
        let set = docs_of("set");
        let key = "%3\r\n$4\r\nname\r\n$3\r\nkey\r\n$4\r\ntype\r\n$3\r\nkey\r\n\
            $14\r\nkey_spec_index\r\n:0\r\n";
        assert!(set.contains(key), "{set}");
        let condition = "$4\r\ntype\r\n$5\r\noneof\r\n$5\r\nsince\r\n$6\r\n2.6.12\r\n\
            $5\r\nflags\r\n~1\r\n+optional\r\n$9\r\narguments\r\n*2\r\n";
        assert!(set.contains(condition), "{set}");
    }

    #[test]
    fn a_command_without_arguments_or_history_has_only_the_four_basic_fields() {
        assert!(docs_of("time").starts_with("%4\r\n$7\r\nsummary\r\n"));
    }
}
