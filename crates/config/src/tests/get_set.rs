use super::{from_text, set_one};
use crate::{ClientClass, Config, ProtectedAction, SetContext};

#[test]
fn defaults_are_redis_defaults_with_safe_bind() {
    let config = Config::new();
    assert_eq!(config.port(), 6379);
    assert_eq!(
        config.bind(),
        vec!["127.0.0.1".to_string(), "-::1".to_string()]
    );
    assert!(config.protected_mode());
    assert_eq!(config.databases(), 16);
    assert_eq!(config.maxclients(), 10000);
    assert_eq!(config.proto_max_bulk_len(), 512 * 1024 * 1024);
    assert_eq!(config.client_query_buffer_limit(), 1024 * 1024 * 1024);
    assert_eq!(config.maxmemory_policy(), "noeviction");
    assert_eq!(config.appendfsync(), "everysec");
    assert_eq!(config.loglevel(), "notice");
    assert_eq!(config.requirepass(), None);
    assert_eq!(config.shards(), None);
    assert_eq!(config.spin_before_park_us(), 0);
    assert!(!config.allow_root());
    assert_eq!(config.hz(), 10);
    assert_eq!(
        config.latency_tracking_info_percentiles(),
        vec![50.0, 99.0, 99.9]
    );
    assert_eq!(config.enable_debug_command(), ProtectedAction::No);
    assert_eq!(
        config
            .client_output_buffer_limit(ClientClass::Pubsub)
            .hard_bytes,
        32 << 20
    );
}

#[test]
fn get_returns_each_parameter_once_across_patterns() {
    let config = Config::new();
    let got = config.get(&[b"port", b"PORT", b"p*rt"]);
    assert_eq!(got, vec![("port".to_string(), "6379".to_string())]);
}

#[test]
fn get_keeps_the_callers_spelling_for_exact_names() {
    let got = Config::new().get(&[b"Hash-Max-Ziplist-Entries"]);
    assert_eq!(
        got,
        vec![("Hash-Max-Ziplist-Entries".to_string(), "512".to_string())]
    );
}

#[test]
fn patterns_find_aliases_but_not_hidden_parameters() {
    let config = Config::new();
    let names: Vec<String> = config
        .get(&[b"hash-max-*"])
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        [
            "hash-max-listpack-entries",
            "hash-max-ziplist-entries",
            "hash-max-listpack-value",
            "hash-max-ziplist-value"
        ]
    );
    assert!(config.get(&[b"use-exit*"]).is_empty());
    assert_eq!(config.get(&[b"use-exit-on-panic"]).len(), 1);
}

#[test]
fn set_changes_every_pair_and_reports_main_names() {
    let mut config = Config::new();
    let changed = config
        .set(&[
            (b"maxmemory", b"1gb"),
            (b"hash-max-ziplist-entries", b"100"),
            (b"timeout", b"0"),
        ])
        .expect("valid");
    assert_eq!(
        changed,
        vec![
            "maxmemory".to_string(),
            "hash-max-listpack-entries".to_string()
        ]
    );
    assert_eq!(config.maxmemory(), 1 << 30);
}

#[test]
fn set_is_all_or_nothing() {
    let mut config = Config::new();
    let error = config
        .set(&[(b"maxmemory", b"1gb"), (b"port", b"x")])
        .expect_err("bad port");
    assert_eq!(
        error,
        "ERR CONFIG SET failed (possibly related to argument 'port') - argument couldn't be \
         parsed into an integer"
    );
    assert_eq!(config.maxmemory(), 0);
}

#[test]
fn unknown_names_win_over_later_errors_only_when_first() {
    let mut config = Config::new();
    let unknown = "ERR Unknown option or number of arguments for CONFIG SET - 'foo'";
    assert_eq!(
        config.set(&[(b"port", b"x"), (b"foo", b"1")]),
        Err(unknown.to_string())
    );
    let immutable = config
        .set(&[(b"daemonize", b"yes"), (b"foo", b"1")])
        .expect_err("imm");
    assert!(immutable.ends_with("'daemonize') - can't set immutable config"));
}

#[test]
fn an_alias_and_its_main_name_are_not_duplicates() {
    let mut config = Config::new();
    let pairs: [(&[u8], &[u8]); 2] = [
        (b"hash-max-ziplist-entries", b"1"),
        (b"hash-max-listpack-entries", b"2"),
    ];
    assert!(config.set(&pairs).is_ok());
    assert_eq!(
        config.get_one("hash-max-listpack-entries").as_deref(),
        Some("2")
    );
}

#[test]
fn protected_configs_follow_enable_protected_configs() {
    let mut config = from_text("enable-protected-configs local");
    let local = SetContext {
        client_is_local: true,
        loading: false,
    };
    let remote = SetContext::default();
    let pair: [(&[u8], &[u8]); 1] = [(b"dbfilename", b"x.rdb")];
    assert!(config
        .set_with(&pair, remote)
        .expect_err("remote")
        .contains("protected config"));
    assert_eq!(
        config.set_with(&pair, local),
        Ok(vec!["dbfilename".to_string()])
    );
    assert_eq!(config.dbfilename(), "x.rdb");
}

#[test]
fn deny_loading_parameters_are_refused_while_loading() {
    let mut config = Config::new();
    let loading = SetContext {
        client_is_local: false,
        loading: true,
    };
    let reply = config.set_with(&[(b"appendonly", b"yes")], loading);
    assert_eq!(
        reply,
        Err("LOADING Redis is loading the dataset in memory".to_string())
    );
}

#[test]
fn setting_the_same_value_reports_no_change() {
    let mut config = Config::new();
    assert_eq!(set_one(&mut config, "port", "6379"), Ok(vec![]));
}

#[test]
fn loglevel_accepts_nothing_as_in_redis_7_2() {
    let mut config = Config::new();
    assert!(set_one(&mut config, "loglevel", "nothing").is_ok());
    assert_eq!(
        set_one(&mut config, "loglevel", "loud"),
        Err(
            "ERR CONFIG SET failed (possibly related to argument 'loglevel') - argument(s) must \
             be one of the following: debug, verbose, notice, warning, nothing"
                .to_string()
        )
    );
}

#[test]
fn new_7_2_parameters_are_settable() {
    let mut config = Config::new();
    assert!(set_one(&mut config, "set-max-listpack-entries", "64").is_ok());
    assert!(set_one(&mut config, "set-max-listpack-value", "1kb").is_ok());
    assert!(set_one(&mut config, "locale-collate", "C").is_ok());
    assert_eq!(
        config.get_one("set-max-listpack-value").as_deref(),
        Some("1024")
    );
}

#[test]
fn ringkv_parameters_have_their_own_rules() {
    let mut config = Config::new();
    assert!(set_one(&mut config, "shards", "4")
        .expect_err("read-only")
        .contains("immutable"));
    assert_eq!(
        set_one(&mut config, "spin-before-park-us", "50"),
        Ok(vec!["spin-before-park-us".into()])
    );
    assert!(set_one(&mut config, "allow-root", "yes").is_err());
    config.set_resolved_shards(8);
    assert_eq!(config.get_one("shards").as_deref(), Some("8"));
}

#[test]
fn resolved_dir_is_what_get_reports() {
    let mut config = Config::new();
    config.set_resolved_dir("/var/lib/ringkv");
    assert_eq!(config.dir(), "/var/lib/ringkv");
    assert_eq!(config.get_one("dir").as_deref(), Some("/var/lib/ringkv"));
}

#[test]
fn sensitive_parameters_are_flagged() {
    assert!(Config::is_sensitive(b"requirepass"));
    assert!(Config::is_sensitive(b"MASTERAUTH"));
    assert!(!Config::is_sensitive(b"port"));
}
