use super::from_text;
use crate::{Config, ConfigError, RenameCommand};

fn file_error(text: &str) -> ConfigError {
    Config::new()
        .apply_file(text)
        .expect_err("the text must be refused")
}

#[test]
fn directives_set_parameters_case_insensitively() {
    let config = from_text("# comment\n\nPORT 7000\nmaxmemory 100MB\n  appendonly yes  \r\n");
    assert_eq!(config.port(), 7000);
    assert_eq!(config.maxmemory(), 100 * 1024 * 1024);
    assert!(config.appendonly());
}

#[test]
fn aliases_set_the_main_parameter() {
    let config = from_text("hash-max-ziplist-entries 100\nslaveof 10.0.0.1 6380\n");
    assert_eq!(
        config.get_one("hash-max-listpack-entries").as_deref(),
        Some("100")
    );
    assert_eq!(config.replicaof(), Some(("10.0.0.1".to_string(), 6380)));
}

#[test]
fn errors_name_the_line_as_redis_does() {
    let error = file_error("# c\nport abc\n");
    assert_eq!(error.line_number, Some(2));
    assert_eq!(error.line.as_deref(), Some("port abc"));
    assert_eq!(
        error.to_string(),
        "Reading the configuration file, at line 2\n>>> 'port abc'\n\
         argument couldn't be parsed into an integer"
    );
}

#[test]
fn wrong_argument_counts_and_unknown_directives_are_refused() {
    assert_eq!(file_error("port 1 2").reason, "wrong number of arguments");
    assert_eq!(
        file_error("hash-max-ziplist-entries").reason,
        "wrong number of arguments"
    );
    assert_eq!(
        file_error("bogus 1").reason,
        "Bad directive or wrong number of arguments"
    );
    assert_eq!(
        file_error("user").reason,
        "Bad directive or wrong number of arguments"
    );
    assert_eq!(
        file_error("\"port 1").reason,
        "Unbalanced quotes in configuration line"
    );
    assert_eq!(
        file_error("foo.bar").reason,
        "Module config specified without value"
    );
    assert_eq!(
        file_error("sentinel x").reason,
        "sentinel directive while not in sentinel mode"
    );
}

#[test]
fn deprecated_list_directives_are_ignored() {
    let config = from_text("list-max-ziplist-entries 5\nlist-max-ziplist-value 64\n");
    assert_eq!(config, Config::new());
}

#[test]
fn quoted_values_use_redis_escapes() {
    let config = from_text("requirepass \"a b\\x41\"\nlogfile ''\n");
    assert_eq!(config.requirepass(), Some("a bA"));
    assert_eq!(config.logfile(), "");
}

#[test]
fn save_lines_replace_the_defaults_then_accumulate() {
    let config = from_text("save 900 1\nsave 300 10 60 10000\n");
    assert_eq!(config.save_points(), vec![(900, 1), (300, 10), (60, 10000)]);
    let config = from_text("save 900 1\nsave \"\"\nsave 300 10\n");
    assert_eq!(config.save_points(), vec![(300, 10)]);
    assert_eq!(from_text("save \"\"\n").save_points(), vec![]);
    assert_eq!(
        Config::new().save_points(),
        vec![(3600, 1), (300, 100), (60, 10000)]
    );
}

#[test]
fn command_line_save_adds_to_the_file_save_points() {
    let mut config = from_text("save 900 1\n");
    config
        .apply_args(&args(&["--save", "60", "5"]))
        .expect("valid arguments");
    assert_eq!(config.save_points(), vec![(900, 1), (60, 5)]);
}

#[test]
fn multi_argument_directives_take_every_value() {
    let config = from_text("bind 10.0.0.1 ::1\nclient-output-buffer-limit pubsub 1mb 0 0\n");
    assert_eq!(
        config.bind(),
        vec!["10.0.0.1".to_string(), "::1".to_string()]
    );
    assert_eq!(
        config.get_one("client-output-buffer-limit").as_deref(),
        Some("normal 0 0 0 slave 268435456 67108864 60 pubsub 1048576 0 0")
    );
}

#[test]
fn rename_command_and_user_lines_are_kept_for_the_server() {
    let config = from_text("rename-command FLUSHALL \"\"\nuser alice on >pw ~* +@all\n");
    assert_eq!(
        config.rename_commands(),
        &[RenameCommand {
            from: "FLUSHALL".into(),
            to: String::new(),
            line_number: 1
        }]
    );
    assert_eq!(config.users(), &[vec!["alice", "on", ">pw", "~*", "+@all"]]);
}

#[test]
fn include_reads_through_the_loader() {
    let mut config = Config::new();
    let mut loader = |path: &str| -> Result<Vec<String>, String> {
        match path {
            "/etc/ringkv/*.conf" => Ok(vec!["port 7001\n".into(), "timeout 5\n".into()]),
            _ => Err(format!(
                "can't open config file '{path}': No such file or directory"
            )),
        }
    };
    config
        .apply_file_with("include /etc/ringkv/*.conf\n", &mut loader)
        .expect("included");
    assert_eq!((config.port(), config.timeout_s()), (7001, 5));
    let error = config
        .apply_file_with("\ninclude /nope\n", &mut loader)
        .expect_err("missing");
    assert_eq!(error.line_number, Some(2));
    assert!(error.reason.starts_with("can't open config file '/nope'"));
}

#[test]
fn errors_inside_an_included_text_keep_their_own_line() {
    let mut loader = |_: &str| -> Result<Vec<String>, String> { Ok(vec!["\n\nport x\n".into()]) };
    let error = Config::new()
        .apply_file_with("include a.conf\n", &mut loader)
        .expect_err("bad");
    assert_eq!(
        (error.line_number, error.line.as_deref()),
        (Some(3), Some("port x"))
    );
}

#[test]
fn include_without_a_loader_is_refused() {
    assert!(file_error("include /etc/x.conf")
        .reason
        .contains("not supported"));
}

#[test]
fn replicaof_is_refused_in_cluster_mode() {
    let error = file_error("cluster-enabled yes\nreplicaof 10.0.0.1 6379\n");
    assert_eq!(error.line_number, None);
    assert_eq!(
        error.to_string(),
        "replicaof directive not allowed in cluster mode"
    );
}

#[test]
fn hz_out_of_range_is_clamped_not_refused() {
    assert_eq!(from_text("hz 0").hz(), 1);
    assert_eq!(from_text("hz 100000").hz(), 500);
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn arguments_run_until_the_next_double_dash() {
    let mut config = Config::new();
    let argv = args(&[
        "--port",
        "7000",
        "--save",
        "",
        "--bind",
        "127.0.0.1",
        "::1",
        "--shards",
        "4",
        "--appendonly",
        "yes",
    ]);
    config.apply_args(&argv).expect("valid arguments");
    assert_eq!(config.port(), 7000);
    assert_eq!(config.save_points(), vec![]);
    assert_eq!(
        config.bind(),
        vec!["127.0.0.1".to_string(), "::1".to_string()]
    );
    assert_eq!(config.shards(), Some(4));
    assert!(config.appendonly());
}

#[test]
fn argument_text_is_what_redis_builds() {
    assert_eq!(
        args_text(&["--port", "7000", "--bind", "a", "b"]),
        "port \"7000\" \nbind \"a\" \"b\" "
    );
    // A value may start with `--` when it is the first one after a name.
    assert_eq!(args_text(&["--requirepass", "--x"]), "requirepass \"--x\" ");
    // `--save` with nothing after it, or followed by another name, means `save ""`.
    assert_eq!(
        args_text(&["--save", "--port", "1"]),
        "save \"\"\nport \"1\" "
    );
    assert_eq!(args_text(&["--save"]), "save \"\"");
    // A name and value in one argument.
    assert_eq!(
        args_text(&["--port 7000", "--daemonize", "no"]),
        "port 7000 \ndaemonize \"no\" "
    );
}

fn args_text(list: &[&str]) -> String {
    crate::args_to_text(&args(list))
}

#[test]
fn argument_errors_are_reported_like_file_errors() {
    let error = Config::new()
        .apply_args(&args(&["--port", "x"]))
        .expect_err("bad port");
    assert_eq!(error.reason, "argument couldn't be parsed into an integer");
    let error = Config::new()
        .apply_args(&args(&["--nonsense", "1"]))
        .expect_err("unknown");
    assert_eq!(error.reason, "Bad directive or wrong number of arguments");
}
