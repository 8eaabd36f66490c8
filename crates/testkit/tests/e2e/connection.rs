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

#[test]
fn client_kill_closes_connections_on_any_shard() {
    for_each_shard_count(|server, _| {
        let mut admin = server.client();
        let mut victims: Vec<testkit::Client> = (0..4).map(|_| server.client()).collect();
        let ids: Vec<String> = victims
            .iter_mut()
            .map(|v| match v.call(&["CLIENT", "ID"]).unwrap() {
                Value::Integer(id) => id.to_string(),
                other => panic!("CLIENT ID answered {other:?}"),
            })
            .collect();
        assert_eq!(
            admin.call(&["CLIENT", "KILL", "ID", &ids[0]]).unwrap(),
            Value::Integer(1)
        );
        assert!(victims[0].read_until_closed().unwrap().is_empty());
        // The old form names the peer address as CLIENT LIST shows it.
        let Value::Bulk(info) = victims[1].call(&["CLIENT", "INFO"]).unwrap() else {
            panic!("CLIENT INFO is a string");
        };
        let info = String::from_utf8_lossy(&info).into_owned();
        let addr = info
            .split_whitespace()
            .find_map(|field| field.strip_prefix("addr="))
            .expect("CLIENT INFO has addr=");
        assert_eq!(
            admin.call(&["CLIENT", "KILL", addr]).unwrap(),
            Value::Simple(b"OK".to_vec())
        );
        assert!(victims[1].read_until_closed().unwrap().is_empty());
        // SKIPME yes (the default) spares the caller; SKIPME no does not, after the reply.
        let mut own = victims.pop().expect("a victim");
        let own_id = ids[3].clone();
        assert_eq!(
            own.call(&["CLIENT", "KILL", "ID", &own_id]).unwrap(),
            Value::Integer(0)
        );
        assert_eq!(
            own.call(&["CLIENT", "KILL", "ID", &own_id, "SKIPME", "no"])
                .unwrap(),
            Value::Integer(1)
        );
        assert!(own.read_until_closed().unwrap().is_empty());
        assert_eq!(
            admin.call(&["CLIENT", "KILL", "TYPE", "normal"]).unwrap(),
            Value::Integer(1)
        );
        assert!(victims[2].read_until_closed().unwrap().is_empty());
        assert_eq!(
            admin.call(&["PING"]).unwrap(),
            Value::Simple(b"PONG".to_vec())
        );
    });
}

#[test]
fn idle_clients_are_closed_after_timeout_and_busy_ones_are_not() {
    let server = Server::ringkv_with(2, &["--timeout", "1"]);
    let mut idle = server.client();
    let mut busy = server.client();
    assert_eq!(
        idle.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
    let started = std::time::Instant::now();
    // The busy client keeps talking while the idle one is left alone for over a second.
    while started.elapsed() < std::time::Duration::from_millis(2_500) {
        assert_eq!(
            busy.call(&["PING"]).unwrap(),
            Value::Simple(b"PONG".to_vec())
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    // Bounded: the client's read timeout fails the test if the server never closes it.
    assert!(idle.read_until_closed().unwrap().is_empty());
    assert_eq!(
        busy.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}

#[test]
fn client_kill_filters_by_addr_laddr_and_user() {
    for_each_shard_count(|server, _| {
        let mut admin = server.client();
        let mut victims: Vec<testkit::Client> = (0..3).map(|_| server.client()).collect();
        // A reply proves the server has registered each connection before KILL counts them.
        for victim in &mut victims {
            victim.call(&["PING"]).unwrap();
        }
        let Value::Bulk(info) = victims[0].call(&["CLIENT", "INFO"]).unwrap() else {
            panic!("CLIENT INFO is a string");
        };
        let info = String::from_utf8_lossy(&info).into_owned();
        let field = |name: &str| {
            info.split_whitespace()
                .find_map(|f| f.strip_prefix(name))
                .expect("CLIENT INFO has the field")
                .to_string()
        };
        let (addr, laddr) = (field("addr="), field("laddr="));
        assert_eq!(
            admin.call(&["CLIENT", "KILL", "ADDR", &addr]).unwrap(),
            Value::Integer(1)
        );
        assert!(victims[0].read_until_closed().unwrap().is_empty());
        // Every client shares the server's local address; SKIPME spares the caller.
        assert_eq!(
            admin
                .call(&["CLIENT", "KILL", "LADDR", &laddr, "ID", "999999"])
                .unwrap(),
            Value::Integer(0)
        );
        assert_eq!(
            admin.call(&["CLIENT", "KILL", "LADDR", &laddr]).unwrap(),
            Value::Integer(2)
        );
        for victim in &mut victims[1..] {
            assert!(victim.read_until_closed().unwrap().is_empty());
        }
        let mut last = server.client();
        last.call(&["PING"]).unwrap();
        assert_eq!(
            admin.call(&["CLIENT", "KILL", "USER", "default"]).unwrap(),
            Value::Integer(1)
        );
        assert!(last.read_until_closed().unwrap().is_empty());
    });
}
