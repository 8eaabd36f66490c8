//! ACLs across connections and shards: changes reach connections already authenticated,
//! deleted users are disconnected, refused cross-shard commands write nothing, and users
//! come from the config file or the ACL file (ACL SAVE / LOAD).

use std::time::Duration;

use testkit::{Client, Server, Value};

use super::for_each_shard_count;

fn ok() -> Value {
    Value::Simple(b"OK".to_vec())
}

fn bulk(s: &str) -> Value {
    Value::Bulk(s.as_bytes().to_vec())
}

fn error_text(value: Value) -> String {
    match value {
        Value::Error(e) => String::from_utf8_lossy(&e).into_owned(),
        other => panic!("expected an error, got {other:?}"),
    }
}

fn login(server: &Server, user: &str, password: &str) -> Client {
    let mut client = server.client();
    assert_eq!(client.call(&["AUTH", user, password]).unwrap(), ok());
    client
}

#[test]
fn rule_changes_reach_connections_already_authenticated() {
    for_each_shard_count(|server, _| {
        let mut admin = server.client();
        let setuser = [
            "ACL", "SETUSER", "worker", "on", ">pw", "~job:*", "+get", "+set",
        ];
        assert_eq!(admin.call(&setuser).unwrap(), ok());
        let mut worker = login(server, "worker", "pw");
        assert_eq!(worker.call(&["SET", "job:1", "x"]).unwrap(), ok());
        assert_eq!(
            admin.call(&["ACL", "SETUSER", "worker", "-set"]).unwrap(),
            ok()
        );
        let refused = error_text(worker.call(&["SET", "job:1", "y"]).unwrap());
        assert_eq!(
            refused,
            "NOPERM this user has no permissions to run the 'set' command"
        );
        assert_eq!(worker.call(&["GET", "job:1"]).unwrap(), bulk("x"));
        assert_eq!(
            admin.call(&["ACL", "DELUSER", "worker"]).unwrap(),
            Value::Integer(1)
        );
    });
}

#[test]
fn deleting_a_user_closes_its_connections_and_no_other() {
    for_each_shard_count(|server, _| {
        let mut admin = server.client();
        let setuser = ["ACL", "SETUSER", "temp", "on", ">pw", "~*", "+@all"];
        assert_eq!(admin.call(&setuser).unwrap(), ok());
        // Several connections, so that some land on other shards than the admin's.
        let mut temps: Vec<Client> = (0..4).map(|_| login(server, "temp", "pw")).collect();
        assert_eq!(
            admin.call(&["ACL", "DELUSER", "temp"]).unwrap(),
            Value::Integer(1)
        );
        for temp in temps.iter_mut() {
            temp.set_read_timeout(Duration::from_secs(5)).unwrap();
            assert!(
                temp.read_until_closed().unwrap().is_empty(),
                "closed without a reply"
            );
        }
        assert_eq!(
            admin.call(&["PING"]).unwrap(),
            Value::Simple(b"PONG".to_vec())
        );
    });
}

#[test]
fn a_refused_cross_shard_command_writes_nothing() {
    for_each_shard_count(|server, shards| {
        let mut admin = server.client();
        let setuser = ["ACL", "SETUSER", "tenant", "on", ">pw", "~t:*", "+@all"];
        assert_eq!(admin.call(&setuser).unwrap(), ok());
        let mut tenant = login(server, "tenant", "pw");
        // Keys on different shards (with several shards), one outside the pattern.
        let mset = ["MSET", "t:a", "1", "t:b", "2", "t:c", "3", "other", "4"];
        let refused = error_text(tenant.call(&mset).unwrap());
        assert_eq!(
            refused,
            "NOPERM this user has no permissions to access one of the keys used as arguments"
        );
        let mget = ["MGET", "t:a", "t:b", "t:c", "other"];
        let nothing = Value::Array(vec![Value::NullBulk; 4]);
        assert_eq!(admin.call(&mget).unwrap(), nothing, "{shards} shards");
        assert_eq!(
            admin.call(&["ACL", "DELUSER", "tenant"]).unwrap(),
            Value::Integer(1)
        );
    });
}

#[test]
fn users_from_config_directives_and_requirepass() {
    let directives = [
        "--requirepass",
        "topsecret",
        "--user",
        "reader",
        "on",
        ">rpw",
        "~cache:*",
        "+@read",
    ];
    let server = Server::ringkv_with(2, &directives);
    let mut anonymous = server.client();
    let refused = error_text(anonymous.call(&["GET", "x"]).unwrap());
    assert_eq!(refused, "NOAUTH Authentication required.");
    let mut admin = login(&server, "default", "topsecret");
    assert_eq!(admin.call(&["SET", "cache:1", "v"]).unwrap(), ok());
    let mut reader = login(&server, "reader", "rpw");
    assert_eq!(reader.call(&["GET", "cache:1"]).unwrap(), bulk("v"));
    let refused = error_text(reader.call(&["SET", "cache:1", "w"]).unwrap());
    assert_eq!(
        refused,
        "NOPERM this user has no permissions to run the 'set' command"
    );
}

#[test]
fn acl_save_and_load_use_the_acl_file() {
    let dir = tempdir("aclfile");
    let file = dir.join("users.acl");
    std::fs::write(&file, "user default on nopass ~* &* +@all\n").unwrap();
    let server = Server::ringkv_with(2, &["--aclfile", file.to_str().unwrap()]);
    let mut admin = server.client();
    let setuser = ["ACL", "SETUSER", "saved", "on", ">pw", "~s:*", "+get"];
    assert_eq!(admin.call(&setuser).unwrap(), ok());
    assert_eq!(admin.call(&["ACL", "SAVE"]).unwrap(), ok());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("user saved on #"), "{text}");
    // A user added after the save is dropped by LOAD, and its connections closed.
    let extra = ["ACL", "SETUSER", "unsaved", "on", "nopass", "+@all", "~*"];
    assert_eq!(admin.call(&extra).unwrap(), ok());
    let mut unsaved = login(&server, "unsaved", "x");
    assert_eq!(admin.call(&["ACL", "LOAD"]).unwrap(), ok());
    let users = admin.call(&["ACL", "USERS"]).unwrap();
    assert_eq!(users, Value::Array(vec![bulk("default"), bulk("saved")]));
    unsaved.set_read_timeout(Duration::from_secs(5)).unwrap();
    assert!(unsaved.read_until_closed().unwrap().is_empty());
    // A broken file changes nothing and says why.
    std::fs::write(&file, "user broken on +nosuchcommand\n").unwrap();
    let refused = error_text(admin.call(&["ACL", "LOAD"]).unwrap());
    assert!(
        refused.contains("Unknown command or category name in ACL"),
        "{refused}"
    );
    let users = admin.call(&["ACL", "USERS"]).unwrap();
    assert_eq!(users, Value::Array(vec![bulk("default"), bulk("saved")]));
    std::fs::remove_dir_all(dir).ok();
}

fn tempdir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ringkv-e2e-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
