//! Connection limits apply to TLS connections as to plain ones: `maxclients` (its error sent
//! after the handshake) and `timeout` (which also closes a client that never handshakes).

use std::time::{Duration, Instant};

use testkit::{Client, Value};

use super::client::{config, TlsClient, ALL_VERSIONS};
use super::pki::Pki;
use super::start;

#[test]
fn maxclients_refuses_a_tls_client_with_redis_s_error() {
    let pki = Pki::new();
    let (server, tls_port) = start(2, &pki, &["--tls-auth-clients", "no", "--maxclients", "2"]);
    let mut plain = server.client();
    crate::wait_for_info(&mut plain, "clients", "connected_clients", "1");
    let mut admitted =
        TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("handshake");
    assert_eq!(
        admitted.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
    let mut refused =
        TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("handshake");
    assert_eq!(
        refused.read_value().unwrap(),
        Value::Error(b"ERR max number of clients reached".to_vec())
    );
    assert!(refused.read_value().is_err(), "then the connection closes");
    assert_eq!(
        plain.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}

#[test]
fn idle_tls_clients_are_closed_by_timeout_even_mid_handshake() {
    let pki = Pki::new();
    let (server, tls_port) = start(2, &pki, &["--tls-auth-clients", "no", "--timeout", "1"]);
    let mut idle =
        TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)).expect("handshake");
    assert_eq!(
        idle.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
    // A TCP connection that never starts its handshake.
    let mut silent = Client::connect(tls_port).expect("TCP connect");
    let started = Instant::now();
    assert!(idle.read_value().is_err(), "the idle TLS client is closed");
    silent
        .read_until_closed()
        .expect("the silent client is closed");
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(
        server.client().call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}
