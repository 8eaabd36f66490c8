//! Connection handshake: HELLO's fields, whose server-specific values the differential
//! scripts can only compare by shape.

use testkit::{Server, Value};

use super::for_each_shard_count;

#[test]
fn hello_3_reports_a_redis_compatible_standalone_master() {
    for_each_shard_count(|server, _| {
        let mut client = server.client();
        let hello = client.call(&["HELLO", "3"]).expect("HELLO 3");
        let field = |name: &str| {
            hello
                .map_get(name)
                .unwrap_or_else(|| panic!("HELLO lacks {name}: {hello:?}"))
        };
        assert_eq!(field("server"), &Value::Bulk(b"redis".to_vec()));
        let version = field("version").as_bytes().expect("version is a string");
        assert!(version.starts_with(b"7."), "version {version:?} is not 7.x");
        assert_eq!(field("proto"), &Value::Integer(3));
        assert!(field("id").as_int().is_some_and(|id| id > 0));
        assert_eq!(field("mode"), &Value::Bulk(b"standalone".to_vec()));
        assert_eq!(field("role"), &Value::Bulk(b"master".to_vec()));
        assert_eq!(field("modules"), &Value::Array(Vec::new()));
        // The connection now speaks RESP3: a missing key is the RESP3 null.
        assert_eq!(client.call_raw(&["GET", "missing"]).expect("GET"), b"_\r\n");
    });
}

#[test]
fn hello_id_matches_client_id_and_differs_between_connections() {
    for_each_shard_count(|server, _| {
        let mut first = server.client();
        let mut second = server.client();
        let id = first.call(&["CLIENT", "ID"]).expect("CLIENT ID").as_int();
        let other = second.call(&["CLIENT", "ID"]).expect("CLIENT ID").as_int();
        assert!(
            id.is_some() && other.is_some(),
            "CLIENT ID returns integers"
        );
        assert_ne!(id, other);
        let hello = first.call(&["HELLO", "2"]).expect("HELLO 2");
        let items = hello.as_items().expect("HELLO 2 is a flat array");
        let id_at = items
            .iter()
            .position(|v| v.as_bytes() == Some(b"id".as_slice()))
            .expect("HELLO 2 has an id field");
        assert_eq!(items[id_at + 1].as_int(), id);
    });
}

#[test]
fn rename_command_hides_and_renames_commands() {
    for shards in testkit::SHARD_COUNTS {
        let extra = [
            "--rename-command",
            "FLUSHALL",
            "",
            "--rename-command",
            "config",
            "cfg-secret",
        ];
        let server = Server::ringkv_with(shards, &extra);
        let mut client = server.client();
        let Value::Error(flushall) = client.call(&["FLUSHALL"]).unwrap() else {
            panic!("FLUSHALL is disabled");
        };
        assert!(flushall.starts_with(b"ERR unknown command 'FLUSHALL'"));
        let Value::Error(config) = client.call(&["CONFIG", "GET", "port"]).unwrap() else {
            panic!("CONFIG answers only to its new name");
        };
        assert!(config.starts_with(b"ERR unknown command 'CONFIG'"));
        let renamed = client.call(&["CFG-SECRET", "GET", "maxmemory"]).unwrap();
        assert_eq!(
            renamed,
            Value::Array(vec![
                Value::Bulk(b"maxmemory".to_vec()),
                Value::Bulk(b"0".to_vec())
            ])
        );
        assert_eq!(
            client.call(&["SET", "k", "v"]).unwrap(),
            Value::Simple(b"OK".to_vec())
        );
    }
}
