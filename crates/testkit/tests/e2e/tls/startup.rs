//! Start-up with TLS: a TLS-only server (`port 0`), and configurations ringkv must refuse.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use testkit::server::ringkv_binary;
use testkit::{free_port, Value};

use super::client::{config, TlsClient, ALL_VERSIONS};
use super::pki::{arg, Pki};

/// Kills and reaps the process on drop, so a failing test leaves nothing running.
struct Process(Child);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn ringkv(args: &[String]) -> Command {
    let mut cmd = Command::new(ringkv_binary());
    cmd.args([
        "--bind",
        "127.0.0.1",
        "--shards",
        "2",
        "--save",
        "",
        "--allow-root",
        "yes",
    ]);
    cmd.args(args);
    cmd.stdin(Stdio::null());
    cmd
}

fn tls_args(pki: &Pki, tls_port: u16) -> Vec<String> {
    [
        "--tls-port",
        &tls_port.to_string(),
        "--tls-cert-file",
        &arg(&pki.server.cert_file),
        "--tls-key-file",
        &arg(&pki.server.key_file),
        "--tls-auth-clients",
        "no",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn port_0_beside_a_tls_port_serves_tls_only() {
    let pki = Pki::new();
    let tls_port = free_port();
    let mut args = tls_args(&pki, tls_port);
    args.extend(["--port".to_string(), "0".to_string()]);
    let child = ringkv(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawning ringkv");
    let _guard = Process(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut client = loop {
        match TlsClient::connect(tls_port, config(&pki, None, ALL_VERSIONS)) {
            Ok(client) => break client,
            Err(e) if Instant::now() > deadline => panic!("no TLS listener: {e}"),
            // A bounded poll for start-up, not synchronisation.
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    assert_eq!(
        client.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
    let port = client.call(&["CONFIG", "GET", "port"]).unwrap();
    assert_eq!(
        port,
        Value::Array(vec![
            Value::Bulk(b"port".to_vec()),
            Value::Bulk(b"0".to_vec())
        ])
    );
    let info = client.call(&["INFO", "server"]).unwrap();
    assert!(String::from_utf8_lossy(info.as_bytes().unwrap()).contains("tcp_port:0"));
}

/// Runs ringkv with `args` and returns its exit code and output; fails if it keeps running.
fn refused_start(args: &[String]) -> (i32, String) {
    let child = ringkv(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning ringkv");
    let mut guard = Process(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = guard.0.try_wait().expect("waiting for ringkv") {
            let mut output = String::new();
            for pipe in [
                guard
                    .0
                    .stderr
                    .take()
                    .map(|p| Box::new(p) as Box<dyn std::io::Read>),
                guard
                    .0
                    .stdout
                    .take()
                    .map(|p| Box::new(p) as Box<dyn std::io::Read>),
            ]
            .into_iter()
            .flatten()
            {
                let mut pipe = pipe;
                let _ = pipe.read_to_string(&mut output);
            }
            return (status.code().unwrap_or(-1), output);
        }
        assert!(Instant::now() < deadline, "ringkv started with {args:?}");
        // A bounded poll for the exit, not synchronisation.
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn bad_tls_configurations_refuse_to_start() {
    let pki = Pki::new();
    std::fs::write(pki.path("garbage.pem"), "not a certificate\n").unwrap();
    let garbage = arg(&pki.path("garbage.pem"));
    let missing = arg(&pki.path("missing.pem"));
    let cases: [(&[&str], &str); 7] = [
        (&["--tls-cert-file", ""], "tls-cert-file must be set"),
        (&["--tls-cert-file", &missing], "missing.pem"),
        (&["--tls-cert-file", &garbage], "garbage.pem"),
        (&["--tls-key-file", &garbage], "garbage.pem"),
        (&["--tls-protocols", "TLSv1.1"], "TLSv1.1 is not supported"),
        (
            &["--tls-key-file-pass", "secret"],
            "tls-key-file-pass is not supported",
        ),
        (
            &["--tls-auth-clients", "yes"],
            "tls-ca-cert-file or tls-ca-cert-dir",
        ),
    ];
    for (extra, expected) in cases {
        let mut args = tls_args(&pki, free_port());
        args.extend(["--port".to_string(), free_port().to_string()]);
        args.extend(extra.iter().map(|s| s.to_string()));
        let (code, output) = refused_start(&args);
        assert_ne!(code, 0, "{extra:?} must not start");
        assert!(output.contains(expected), "{extra:?}: {output}");
    }
}
