//! TLS (`tls-port`): the real binary with certificates made on the fly, talked to with a
//! rustls client, with a plain client beside it, and with redis-cli's own TLS support.

mod client;
mod limits;
mod pki;
mod startup;

use std::process::Command;

use testkit::{free_port, Client, Server, Value, SHARD_COUNTS};

use client::{config, refused, TlsClient, ALL_VERSIONS};
use pki::{arg, Pki};

/// ringkv with a TLS port beside its plain port; `extra` adds or overrides directives.
fn start(shards: usize, pki: &Pki, extra: &[&str]) -> (Server, u16) {
    let tls_port = free_port();
    let mut args = vec![
        "--tls-port".to_string(),
        tls_port.to_string(),
        "--tls-cert-file".to_string(),
        arg(&pki.server.cert_file),
        "--tls-key-file".to_string(),
        arg(&pki.server.key_file),
        "--tls-ca-cert-file".to_string(),
        arg(&pki.ca.cert_file),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    (Server::ringkv_with(shards, &args), tls_port)
}

fn ok() -> Value {
    Value::Simple(b"OK".to_vec())
}

fn bulk(text: &str) -> Value {
    Value::Bulk(text.as_bytes().to_vec())
}

#[test]
fn commands_work_over_tls_beside_the_plain_port() {
    let pki = Pki::new();
    for shards in SHARD_COUNTS {
        let (server, tls_port) = start(shards, &pki, &["--tls-auth-clients", "no"]);
        let mut tls =
            TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("TLS handshake");
        let mut plain = server.client();
        assert_eq!(
            tls.call(&["PING"]).unwrap(),
            Value::Simple(b"PONG".to_vec())
        );
        assert_eq!(tls.call(&["SET", "k", "over tls"]).unwrap(), ok());
        assert_eq!(plain.call(&["GET", "k"]).unwrap(), bulk("over tls"));
        assert_eq!(plain.call(&["SET", "p", "plain"]).unwrap(), ok());
        assert_eq!(tls.call(&["GET", "p"]).unwrap(), bulk("plain"));

        // A pipeline in one write, keys spread over the shards.
        let mut batch = Vec::new();
        for i in 0..200 {
            batch.extend(testkit::encode_command(&[
                "SET",
                &format!("key{i}"),
                &i.to_string(),
            ]));
        }
        tls.send_raw(&batch).unwrap();
        for _ in 0..200 {
            assert_eq!(tls.read_value().unwrap(), ok());
        }
        assert_eq!(plain.call(&["GET", "key199"]).unwrap(), bulk("199"));

        // Replies and requests larger than a TLS record and rustls's send buffer.
        let big = "x".repeat(3 << 20);
        assert_eq!(tls.call(&["SET", "big", &big]).unwrap(), ok());
        assert_eq!(tls.call(&["GET", "big"]).unwrap(), bulk(&big));
        assert_eq!(
            tls.call(&["DBSIZE"]).unwrap(),
            Value::Integer(203),
            "with {shards} shards"
        );
        let list = tls.call(&["CLIENT", "LIST"]).unwrap();
        let list = String::from_utf8(list.as_bytes().unwrap().to_vec()).unwrap();
        assert_eq!(list.lines().count(), 2, "both clients are listed: {list}");
        assert_eq!(
            plain.call(&["CONFIG", "GET", "tls-port"]).unwrap(),
            Value::Array(vec![bulk("tls-port"), bulk(&tls_port.to_string())])
        );
    }
}

#[test]
fn blocking_commands_and_client_kill_work_over_tls() {
    let pki = Pki::new();
    let (server, tls_port) = start(2, &pki, &["--tls-auth-clients", "no"]);
    let mut waiter =
        TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("TLS handshake");
    let id = waiter.call(&["CLIENT", "ID"]).unwrap();
    waiter
        .send_raw(&testkit::encode_command(&["BLPOP", "queue", "0"]))
        .unwrap();
    let mut plain = server.client();
    // RPUSH answers 1 only once BLPOP has taken the element; the pop is what we read next.
    wait_until_blocked(&mut plain);
    assert_eq!(
        plain.call(&["RPUSH", "queue", "a"]).unwrap(),
        Value::Integer(1)
    );
    assert_eq!(
        waiter.read_value().unwrap(),
        Value::Array(vec![bulk("queue"), bulk("a")])
    );
    let id = id.as_int().unwrap().to_string();
    assert_eq!(
        plain.call(&["CLIENT", "KILL", "ID", &id]).unwrap(),
        Value::Integer(1)
    );
    assert!(
        waiter.call(&["PING"]).is_err(),
        "a killed TLS client is closed"
    );
    assert_eq!(
        plain.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}

/// Polls INFO clients until one client is blocked (bounded: each poll is a round trip).
fn wait_until_blocked(plain: &mut Client) {
    for _ in 0..2000 {
        let info = plain.call(&["INFO", "clients"]).unwrap();
        let text = String::from_utf8_lossy(info.as_bytes().unwrap()).into_owned();
        if text.contains("blocked_clients:1") {
            return;
        }
    }
    panic!("BLPOP over TLS never blocked");
}

#[test]
fn auth_clients_yes_requires_a_certificate_signed_by_the_ca() {
    let pki = Pki::new();
    // The CA from tls-ca-cert-file, then from a tls-ca-cert-dir holding only it.
    let ca_dir = pki.path("ca-dir");
    std::fs::create_dir(&ca_dir).unwrap();
    std::fs::copy(&pki.ca.cert_file, ca_dir.join("ca.pem")).unwrap();
    let ca_dir = arg(&ca_dir);
    let from_dir = ["--tls-ca-cert-file", "", "--tls-ca-cert-dir", &ca_dir];
    for ca in [&[][..], &from_dir[..]] {
        let mut extra = vec!["--tls-auth-clients", "yes"];
        extra.extend(ca);
        let (server, tls_port) = start(2, &pki, &extra);
        assert!(
            refused(tls_port, config(&pki, None, ALL_VERSIONS)),
            "a client without a certificate is refused ({ca:?})"
        );
        assert!(
            refused(tls_port, config(&pki, Some(&pki.stranger), ALL_VERSIONS)),
            "a certificate from another CA is refused ({ca:?})"
        );
        for versions in [
            &[&rustls::version::TLS12][..],
            &[&rustls::version::TLS13][..],
        ] {
            let mut client =
                TlsClient::connect(tls_port, config(&pki, Some(&pki.client), versions))
                    .expect("a CA-signed client certificate is accepted");
            assert_eq!(client.call(&["SET", "m", "tls"]).unwrap(), ok());
        }
        assert_eq!(server.client().call(&["GET", "m"]).unwrap(), bulk("tls"));
    }
}

#[test]
fn auth_clients_optional_and_no_accept_clients_without_certificates() {
    let pki = Pki::new();
    let (_server, tls_port) = start(2, &pki, &["--tls-auth-clients", "optional"]);
    for identity in [None, Some(&pki.client)] {
        let mut client =
            TlsClient::connect(tls_port, config(&pki, identity, ALL_VERSIONS)).expect("handshake");
        assert_eq!(
            client.call(&["PING"]).unwrap(),
            Value::Simple(b"PONG".to_vec())
        );
    }
    assert!(
        refused(tls_port, config(&pki, Some(&pki.stranger), ALL_VERSIONS)),
        "a certificate that is sent must still verify"
    );
    drop(_server);
    let (_server, tls_port) = start(2, &pki, &["--tls-auth-clients", "no"]);
    let mut client =
        TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("handshake");
    assert_eq!(
        client.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}

#[test]
fn tls_protocols_limits_the_versions_offered() {
    let pki = Pki::new();
    let only12 = &[&rustls::version::TLS12][..];
    let only13 = &[&rustls::version::TLS13][..];
    let (_server, tls_port) = start(
        2,
        &pki,
        &["--tls-auth-clients", "no", "--tls-protocols", "TLSv1.2"],
    );
    assert!(refused(tls_port, config(&pki, None, only13)));
    let mut client = TlsClient::connect(tls_port, config(&pki, None, only12)).expect("TLS 1.2");
    assert_eq!(
        client.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
    drop(_server);
    let (_server, tls_port) = start(
        2,
        &pki,
        &["--tls-auth-clients", "no", "--tls-protocols", "TLSv1.3"],
    );
    assert!(refused(tls_port, config(&pki, None, only12)));
    let mut client = TlsClient::connect(tls_port, config(&pki, None, only13)).expect("TLS 1.3");
    assert_eq!(
        client.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}

#[test]
fn garbage_on_the_tls_port_closes_only_that_connection() {
    let pki = Pki::new();
    let (server, tls_port) = start(2, &pki, &["--tls-auth-clients", "no"]);
    let mut bystander =
        TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("handshake");
    assert_eq!(bystander.call(&["SET", "survivor", "1"]).unwrap(), ok());
    let mut plain_bystander = server.client();
    for garbage in [
        &b"*1\r\n$4\r\nPING\r\n"[..],
        b"\x16\x03\x01\x00\x05hello",
        b"\x16\x03\x01\xff\xffxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        &[0u8; 4096][..],
    ] {
        let mut raw = Client::connect(tls_port).expect("TCP connect to the TLS port");
        raw.send_raw(garbage).unwrap();
        let answer = raw
            .read_until_closed()
            .expect("the server closes the connection");
        assert!(
            !answer.starts_with(b"+") && !answer.starts_with(b"-"),
            "no RESP on the TLS port: {answer:?}"
        );
        assert_eq!(bystander.call(&["GET", "survivor"]).unwrap(), bulk("1"));
        assert_eq!(
            plain_bystander.call(&["GET", "survivor"]).unwrap(),
            bulk("1")
        );
    }
}

#[test]
fn redis_cli_talks_to_the_tls_port() {
    let help = Command::new("redis-cli").arg("--help").output();
    let has_tls = help.is_ok_and(|out| {
        String::from_utf8_lossy(&out.stdout).contains("--tls")
            || String::from_utf8_lossy(&out.stderr).contains("--tls")
    });
    if !has_tls {
        eprintln!("\n!!!!!!!! redis-cli is missing or built without TLS: redis-cli TLS check NOT run !!!!!!!!\n");
        return;
    }
    let pki = Pki::new();
    let (_server, tls_port) = start(2, &pki, &["--tls-auth-clients", "yes"]);
    let cli = |with_cert: bool| {
        let mut cmd = Command::new("redis-cli");
        cmd.args(["--tls", "--cacert", &arg(&pki.ca.cert_file)]);
        if with_cert {
            cmd.args(["--cert", &arg(&pki.client.cert_file)]);
            cmd.args(["--key", &arg(&pki.client.key_file)]);
        }
        cmd.args(["-h", "127.0.0.1", "-p", &tls_port.to_string(), "PING"]);
        let out = cmd.output().expect("running redis-cli");
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    assert_eq!(cli(true).trim(), "PONG");
    assert!(
        !cli(false).contains("PONG"),
        "no client certificate, no PONG"
    );
}
