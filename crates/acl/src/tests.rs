//! Rules in, descriptions out, against what Redis 7.0 printed for the same rules.

use crate::{check, Call, Denial, KeyUse, Users};

fn users_with(name: &str, rules: &[&str]) -> Users {
    let mut users = Users::new();
    let rules: Vec<&[u8]> = rules.iter().map(|r| r.as_bytes()).collect();
    users.set_user(name.as_bytes(), &rules, false).unwrap();
    users
}

fn line(users: &Users, name: &str) -> String {
    String::from_utf8(users.get(name.as_bytes()).unwrap().config_line()).unwrap()
}

#[test]
fn the_default_user_is_open() {
    assert_eq!(
        line(&Users::new(), "default"),
        "user default on nopass ~* &* +@all"
    );
}

#[test]
fn commands_describe_from_all_minus_single_commands() {
    let users = users_with("u", &["+@all", "-get"]);
    assert_eq!(line(&users, "u"), "user u off resetchannels +@all -get");
}

#[test]
fn a_category_covering_single_commands_absorbs_them() {
    let users = users_with("t", &["-@all", "+get", "+set", "+@string"]);
    assert_eq!(line(&users, "t"), "user t off resetchannels -@all +@string");
}

/// Single commands come in table order here; Redis prints them in its hash table's order.
#[test]
fn passwords_patterns_channels_and_selectors_describe_in_redis_order() {
    let rules = [
        "on",
        ">p1",
        ">p2",
        "~a*",
        "%R~b*",
        "&ch",
        "+get",
        "+config|get",
        "-@all",
        "+set",
        "+@hash",
        "-hget",
        "(+get ~x)",
    ];
    let users = users_with("u2", &rules);
    assert_eq!(
        line(&users, "u2"),
        "user u2 on #f64551fcd6f07823cb87971cfb91446425da18286b3ab1ef935e0cbd7a69f68a \
         #3946ca64ff78d93ca61090a437cbb6b3d2ca0d488f5f9ccf3059608368b27693 ~a* %R~b* \
         resetchannels &ch -@all +@hash -hget +set (~x resetchannels -@all +get)"
    );
}

#[test]
fn removing_categories_and_commands_from_all() {
    let rules = [
        "+@all",
        "-@string",
        "+get",
        "-@hash",
        "+hget",
        "-flushall",
        "-debug",
    ];
    let users = users_with("t2", &rules);
    let text = line(&users, "t2");
    let (head, singles) = text.split_at("user t2 off resetchannels +@all -@string -@hash ".len());
    assert_eq!(head, "user t2 off resetchannels +@all -@string -@hash ");
    let mut singles: Vec<&str> = singles.split(' ').collect();
    singles.sort();
    assert_eq!(singles, ["+get", "+hget", "-debug", "-flushall"]);
}

#[test]
fn first_args_and_rule_errors() {
    let users = users_with("q", &["reset", "+SELECT|Abc", "+select|abc", "+select|0"]);
    assert_eq!(
        line(&users, "q"),
        "user q off sanitize-payload resetchannels -@all +select|Abc +select|0"
    );
    let mut users = Users::new();
    let refuse = |users: &mut Users, rule: &str| {
        String::from_utf8(
            users
                .set_user(b"x", &[rule.as_bytes()], false)
                .unwrap_err()
                .message(),
        )
        .unwrap()
    };
    assert_eq!(
        refuse(&mut users, "bogus"),
        "Error in ACL SETUSER modifier 'bogus': Syntax error"
    );
    assert_eq!(
        refuse(&mut users, "+nosuch"),
        "Error in ACL SETUSER modifier '+nosuch': Unknown command or category name in ACL"
    );
    assert_eq!(
        refuse(&mut users, "+config|get|x"),
        "Error in ACL SETUSER modifier '+config|get|x': Allowing first-arg of a subcommand is not supported"
    );
    assert_eq!(
        refuse(&mut users, "%~x"),
        "Error in ACL SETUSER modifier '%~x': Syntax error"
    );
    assert_eq!(
        refuse(&mut users, "(~x"),
        "Unmatched parenthesis in acl selector starting at '(~x'."
    );
    assert!(
        users.get(b"x").is_none(),
        "a refused SETUSER creates nothing"
    );
}

#[test]
fn key_patterns_merge_their_permissions() {
    let users = users_with("p", &["%R~k*", "%W~k*", "%W~w*", "%r~lower"]);
    assert_eq!(
        line(&users, "p"),
        "user p off ~k* %W~w* %R~lower resetchannels -@all"
    );
}

#[test]
fn checks_take_any_selector_and_report_the_most_relevant_refusal() {
    let users = users_with(
        "c",
        &["on", "nopass", "+get", "+set", "%R~r*", "(+set ~w*)"],
    );
    let user = users.get(b"c").unwrap();
    let get = crate::command::lookup(b"get");
    let set = crate::command::lookup(b"set");
    let call = |command, args: &[&[u8]], read, write| {
        let keys = [KeyUse {
            arg: 1,
            read,
            write,
        }];
        check(
            user,
            &Call {
                command,
                args,
                keys: &keys,
                channels: &[],
            },
        )
    };
    assert_eq!(call(get, &[b"get", b"r1"], true, false), Ok(()));
    assert_eq!(
        call(get, &[b"get", b"w1"], true, false),
        Err(Denial::Key(1))
    );
    assert_eq!(call(set, &[b"set", b"w1", b"v"], false, true), Ok(()));
    assert_eq!(
        call(set, &[b"set", b"r1", b"v"], false, true),
        Err(Denial::Key(1))
    );
    let del = crate::command::lookup(b"del");
    assert_eq!(
        call(del, &[b"del", b"r1"], false, true),
        Err(Denial::Command)
    );
}

#[test]
fn passwords_authenticate_enabled_users_only() {
    let mut users = users_with("a", &[">secret"]);
    assert!(
        !users.get(b"a").unwrap().accepts(b"secret"),
        "off users never authenticate"
    );
    users.set_user(b"a", &[b"on"], false).unwrap();
    assert!(users.get(b"a").unwrap().accepts(b"secret"));
    assert!(!users.get(b"a").unwrap().accepts(b"wrong"));
}

#[test]
fn acl_files_round_trip_and_report_every_bad_line() {
    let users = users_with("u", &["on", ">pw", "~k*", "+@read", "(+set ~w*)"]);
    let text = users.to_acl_file();
    let loaded = Users::from_acl_file(&text, "users.acl", false).unwrap();
    assert_eq!(loaded.to_acl_file(), text);
    let bad = b"user a on +nosuch\nnot a user line\n";
    let error = Users::from_acl_file(bad, "users.acl", false).unwrap_err();
    assert_eq!(
        error,
        "users.acl:1: Unknown command or category name in ACL. users.acl:2 should start with user \
         keyword followed by the username. WARNING: ACL errors detected, no change to the \
         previously active ACL rules was performed"
    );
}

/// Found by fuzzing (fuzz/src/acl.rs): these users did not equal what their own ACL SAVE line
/// loads back as, though they behaved the same.
#[test]
fn users_equal_their_reloaded_description() {
    for rules in [
        &["+@all", "-get", "+get"][..],
        &["+select", "+select|0"],
        &["+@all", "+select|0"],
        &["-@all", "+select|0", "+debug|object", "+select|1"],
    ] {
        let users = users_with("u", rules);
        let text = users.to_acl_file();
        let loaded = Users::from_acl_file(&text, "users.acl", false).unwrap();
        assert_eq!(loaded.get(b"u"), users.get(b"u"), "rules {rules:?}");
    }
    let users = users_with("u", &["+@all", "-get", "+get"]);
    assert!(!users.get(b"u").unwrap().root.allows_everything());
    let users = users_with("v", &["+@all", "~*", "&*", "-get", "+get"]);
    assert!(users.get(b"v").unwrap().root.allows_everything());
}

#[test]
fn channels_match_as_globs_and_patterns_literally() {
    let users = users_with(
        "pub",
        &["on", "nopass", "+@all", "~*", "resetchannels", "&news.*"],
    );
    let user = users.get(b"pub").unwrap();
    let publish = crate::command::lookup(b"publish");
    let psubscribe = crate::command::lookup(b"psubscribe");
    let call = |command, args: &[&[u8]], literal| {
        let channels = [(1, literal)];
        check(
            user,
            &Call {
                command,
                args,
                keys: &[],
                channels: &channels,
            },
        )
    };
    assert_eq!(
        call(publish, &[b"publish", b"news.sport", b"x"], false),
        Ok(())
    );
    assert_eq!(
        call(publish, &[b"publish", b"weather", b"x"], false),
        Err(Denial::Channel(1))
    );
    // PSUBSCRIBE's pattern must be one of the user's patterns, verbatim.
    assert_eq!(call(psubscribe, &[b"psubscribe", b"news.*"], true), Ok(()));
    assert_eq!(
        call(psubscribe, &[b"psubscribe", b"news.s*"], true),
        Err(Denial::Channel(1))
    );
}
