//! Reachability from another machine, simulated: a network namespace joined to this one by a
//! veth pair with a private /30 (in 10.231.0.0/16) that exists only between the pair's two ends.
//! A fresh ringkv must not be reachable from there without credentials.
//!
//! Needs root (CAP_NET_ADMIN), `ip` (iproute2) and python3 for the client inside the
//! namespace; without them the tests say so loudly and pass.

use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use testkit::Server;

/// A client run inside the namespace: connects to HOST:PORT, sends each further argument as an
/// inline command and reads one reply line for it; with no commands, reads until the server
/// closes. Prints `refused` when it cannot connect, else the replies and `closed` if the
/// server closed the connection.
const CLIENT: &str = r#"
import socket, sys
host, port, cmds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
try:
    s = socket.create_connection((host, port), timeout=3)
except OSError as e:
    print("refused", e.errno)
    sys.exit(0)
s.settimeout(5)
def read_line():
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = s.recv(4096)
        if not chunk:
            return data, True
        data += chunk
    return data, False
if not cmds:
    data, closed = read_line()
    rest = s.recv(4096)
    print(len(data), repr(data.decode()))
    print("closed" if rest == b"" else "open")
for cmd in cmds:
    s.sendall(cmd.encode() + b"\r\n")
    data, closed = read_line()
    print(repr(data.decode()))
    if closed:
        print("closed")
        break
"#;

/// The namespace and the veth pair; both are deleted on drop, however the test ends.
struct Netns {
    name: String,
    host_if: String,
    /// The host end's address, where ringkv may listen.
    host_ip: String,
}

impl Netns {
    /// Creates the namespace and the pair, or says why it cannot.
    fn create() -> Result<Netns, String> {
        which("ip")?;
        which("python3")?;
        // Tests run in parallel: each namespace gets its own names and its own /30, from the
        // process id and a counter (10.231.B.4n/30, n < 64).
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let unique = std::process::id() % 10_000 * 64 + NEXT.fetch_add(1, Ordering::Relaxed) % 64;
        let (third, fourth) = (unique / 64 % 250, unique % 64 * 4);
        let net = Netns {
            name: format!("ringkv-test-{unique}"),
            host_if: format!("rkvh{unique}"),
            host_ip: format!("10.231.{third}.{}", fourth + 1),
        };
        let peer_if = format!("rkvp{unique}");
        let peer_ip = format!("10.231.{third}.{}/30", fourth + 2);
        let host_cidr = format!("{}/30", net.host_ip);
        let (ns, host) = (net.name.as_str(), net.host_if.as_str());
        ip(&["netns", "add", ns])?;
        let link = [
            "link", "add", host, "type", "veth", "peer", "name", &peer_if, "netns", ns,
        ];
        ip(&link)?;
        ip(&["addr", "add", &host_cidr, "dev", host])?;
        ip(&["link", "set", host, "up"])?;
        ip(&[
            "netns", "exec", ns, "ip", "addr", "add", &peer_ip, "dev", &peer_if,
        ])?;
        ip(&["netns", "exec", ns, "ip", "link", "set", &peer_if, "up"])?;
        Ok(net)
    }

    /// Runs the client inside the namespace against ringkv's port on the host end.
    fn client(&self, port: u16, commands: &[&str]) -> String {
        let port = port.to_string();
        let mut args = vec!["netns", "exec", &self.name, "python3", "-c", CLIENT];
        args.extend([self.host_ip.as_str(), port.as_str()]);
        args.extend(commands);
        let out = Command::new("ip").args(&args).output().expect("running ip");
        assert!(out.status.success(), "client failed: {}", describe(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        // Deleting the namespace deletes the peer end and with it the pair; the explicit link
        // delete covers a half-built setup. Failures mean it is gone already.
        let _ = ip(&["netns", "del", &self.name]);
        let _ = ip(&["link", "del", &self.host_if]);
    }
}

fn which(tool: &str) -> Result<(), String> {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if found {
        Ok(())
    } else {
        Err(format!("`{tool}` is not installed"))
    }
}

fn ip(args: &[&str]) -> Result<(), String> {
    let out = Command::new("ip")
        .args(args)
        .output()
        .map_err(|e| format!("running ip: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("ip {}: {}", args.join(" "), describe(&out)))
    }
}

fn describe(out: &Output) -> String {
    format!(
        "{} {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The namespace, or `None` after printing why these tests cannot run here.
fn netns_or_skip() -> Option<Netns> {
    match Netns::create() {
        Ok(net) => Some(net),
        Err(why) => {
            eprintln!(
                "\n!!!!!!!! SKIPPED: cannot create a network namespace with a veth pair ({why}). \
                 Reachability from a non-loopback address is NOT tested. It needs root and \
                 iproute2 (scripts/test installs it). !!!!!!!!\n"
            );
            None
        }
    }
}

#[test]
fn default_config_is_unreachable_from_another_address() {
    let Some(net) = netns_or_skip() else { return };
    let server = Server::ringkv_defaults(&["--save", ""]);
    let got = net.client(server.port(), &["PING"]);
    assert!(got.starts_with("refused"), "reached from outside: {got}");
}

#[test]
fn bound_to_another_address_without_a_password_outsiders_get_denied_and_are_closed() {
    let Some(net) = netns_or_skip() else { return };
    let bind = ["--save", "", "--bind", "127.0.0.1", &net.host_ip];
    let server = Server::ringkv_defaults(&bind);
    let got = net.client(server.port(), &[]);
    let lines: Vec<&str> = got.lines().collect();
    // Redis's explanation is 1066 bytes; the unit test in server/src/conn/protected.rs pins it.
    let first = lines.first().copied().unwrap_or_default();
    assert!(first.starts_with("1066 "), "got: {got}");
    let start = "-DENIED Redis is running in protected mode because protected mode is enabled";
    assert!(first.contains(start), "got: {got}");
    assert!(first.contains("from the outside.\\r\\n"), "got: {got}");
    assert_eq!(lines.get(1), Some(&"closed"), "got: {got}");
    // Loopback clients are still served.
    let mut local = server.client();
    assert_eq!(
        local.call(&["PING"]).unwrap(),
        testkit::Value::Simple(b"PONG".to_vec())
    );
}

#[test]
fn with_a_password_outsiders_must_authenticate() {
    let Some(net) = netns_or_skip() else { return };
    let extra = ["--save", "", "--bind", "127.0.0.1", &net.host_ip];
    let extra = [&extra[..], &["--requirepass", "s3cret-pass"]].concat();
    let server = Server::ringkv_defaults(&extra);
    let got = net.client(
        server.port(),
        &["PING", "AUTH wrong", "AUTH s3cret-pass", "PING"],
    );
    let expected = [
        "'-NOAUTH Authentication required.\\r\\n'",
        "'-WRONGPASS invalid username-password pair or user is disabled.\\r\\n'",
        "'+OK\\r\\n'",
        "'+PONG\\r\\n'",
    ];
    assert_eq!(got.lines().collect::<Vec<_>>(), expected, "got: {got}");
}
