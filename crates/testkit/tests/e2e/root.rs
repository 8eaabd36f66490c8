//! Running as root: ringkv refuses to start as uid 0 unless `allow-root` is given, and says
//! why and how to run it instead.

use std::io::Read;
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use testkit::server::{ringkv_binary, running_as_root};
use testkit::{free_port, Client, Server, Value};

/// A child process that is killed and reaped however the test ends.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        // It may have exited already; failing to kill it then is fine.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn_ringkv(port: u16, extra: &[&str]) -> Reaped {
    let child = Command::new(ringkv_binary())
        .args(["--port", &port.to_string(), "--save", "", "--shards", "1"])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning ringkv");
    Reaped(child)
}

/// Waits (bounded) for the process to exit on its own.
fn wait_exit(child: &mut Reaped) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(status) = child.0.try_wait().expect("polling ringkv") {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "ringkv kept running as root without --allow-root"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn as_root_without_allow_root_it_explains_and_exits_without_listening() {
    if !running_as_root() {
        eprintln!(
            "\n!!!!!!!! SKIPPED: this test process is not root (euid != 0), so ringkv's \
             refusal to run as root cannot be observed here. !!!!!!!!\n"
        );
        return;
    }
    let port = free_port();
    let mut child = spawn_ringkv(port, &[]);
    let status = wait_exit(&mut child);
    assert!(!status.success(), "exit status {status}");
    let mut stderr = String::new();
    let mut pipe = child.0.stderr.take().expect("stderr is piped");
    pipe.read_to_string(&mut stderr).expect("reading stderr");
    for part in [
        "refusing to run as root",
        "incidents",
        "deploy/ringkv.service",
        "scripts/serve",
        "--allow-root yes",
    ] {
        assert!(stderr.contains(part), "{part:?} missing from: {stderr}");
    }
    assert!(
        !stderr.contains("Ready to accept"),
        "it must refuse before listening: {stderr}"
    );
    assert!(
        TcpStream::connect(("127.0.0.1", port)).is_err(),
        "nothing listens on {port}"
    );
}

#[test]
fn with_allow_root_it_starts_and_answers() {
    // As root this is the override; as another user the flag changes nothing. Either way the
    // server runs, which is what Server checks (it polls PING until PONG).
    let server = Server::ringkv_defaults(&["--allow-root", "yes", "--save", ""]);
    let mut client: Client = server.client();
    assert_eq!(
        client.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
}

#[test]
fn as_root_with_the_config_directive_it_logs_a_warning_and_starts() {
    if !running_as_root() {
        eprintln!("\n!!!!!!!! SKIPPED: not root, so there is no root warning to see. !!!!!!!!\n");
        return;
    }
    let dir = std::env::temp_dir().join(format!("ringkv-root-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let conf = dir.join("allow-root.conf");
    std::fs::write(&conf, "allow-root yes\n").unwrap();
    let port = free_port();
    let child = Command::new(ringkv_binary())
        .arg(&conf)
        .args(["--port", &port.to_string(), "--save", "", "--shards", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning ringkv");
    let mut child = Reaped(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut client = loop {
        if let Ok(client) = Client::connect(port) {
            break client;
        }
        assert!(child.0.try_wait().unwrap().is_none(), "ringkv exited");
        assert!(Instant::now() < deadline, "ringkv never listened");
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(
        client.call(&["PING"]).unwrap(),
        Value::Simple(b"PONG".to_vec())
    );
    let _ = child.0.kill();
    let _ = child.0.wait();
    let mut stderr = String::new();
    let mut pipe = child.0.stderr.take().expect("stderr is piped");
    pipe.read_to_string(&mut stderr).expect("reading stderr");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        stderr.contains("running as root because allow-root is set"),
        "no warning in: {stderr}"
    );
}
