//! The command table against the real Redis: `COMMAND INFO` and `COMMAND DOCS` of every
//! command, byte for byte (our own summaries aside), and `COMMAND GETKEYS` for a handful of
//! command lines.
//!
//! Starts `redis-server` (Redis 7.0, the oracle) on a free 127.0.0.1 port and kills it when the
//! test ends, failed or not. Skips, loudly, only when no `redis-server` is installed.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;

use commands::introspect;
use commands::table::{self, CommandSpec};
use commands::OwnedArgs;
use resp::{Protocol, Reply};

const REDIS_SERVER: &str = "/usr/bin/redis-server";

/// Added in Redis 7.2: the 7.0 oracle does not know them, so they are checked against Redis's
/// documentation in the table generator instead.
const ADDED_IN_7_2: &[&str] = &["client|setinfo", "client|no-touch", "waitaof"];

/// Changed in Redis 7.2 (ZRANK and ZREVRANK took WITHSCORE): the generator patches 7.0's
/// entries from Redis 7.2's documentation, so they no longer equal the oracle's.
const CHANGED_IN_7_2: &[&str] = &["zrank", "zrevrank"];

/// Kills the server when dropped, so a failing assertion does not leave it running.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_redis() -> Option<Server> {
    if !std::path::Path::new(REDIS_SERVER).exists() {
        eprintln!(
            "!!!! SKIPPED: {REDIS_SERVER} is not installed; COMMAND INFO was NOT compared !!!!"
        );
        return None;
    }
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(REDIS_SERVER)
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
        ])
        .args(["--appendonly", "no", "--loglevel", "notice"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("redis-server starts");
    let mut server = Server { child, port };
    // Wait for Redis to say it is ready, by reading its log rather than by sleeping; keep
    // draining the log afterwards so that Redis never blocks on a full pipe.
    let log = server.child.stdout.take().unwrap();
    let (ready_tx, ready_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(log).lines().map_while(Result::ok) {
            if line.contains("Ready to accept connections") {
                let _ = ready_tx.send(());
            }
        }
    });
    ready_rx
        .recv_timeout(std::time::Duration::from_secs(20))
        .expect("redis-server became ready");
    Some(server)
}

/// A RESP2 or RESP3 value kept exactly as the wire carried it, so that it can be re-encoded.
#[derive(Debug, Clone, PartialEq)]
enum Wire {
    /// A one-line value: `+`, `-`, `:`, `_`, `,`, `#`, `(`, with its body.
    Line(u8, Vec<u8>),
    /// A bulk string, `$`; `None` is `$-1`.
    Bulk(Option<Vec<u8>>),
    /// An aggregate (`*`, `~`, `%`, `>`), maps flattened to keys and values; `None` is `*-1`.
    Agg(u8, Option<Vec<Wire>>),
}

impl Wire {
    fn read(r: &mut impl BufRead) -> Wire {
        let mut line = Vec::new();
        r.read_until(b'\n', &mut line).unwrap();
        assert!(line.ends_with(b"\r\n"), "truncated reply: {line:?}");
        let (kind, body) = (line[0], line[1..line.len() - 2].to_vec());
        let n = || std::str::from_utf8(&body).unwrap().parse::<i64>().unwrap();
        match kind {
            b'$' if n() < 0 => Wire::Bulk(None),
            b'$' => {
                let mut data = vec![0; n() as usize + 2];
                r.read_exact(&mut data).unwrap();
                data.truncate(data.len() - 2);
                Wire::Bulk(Some(data))
            }
            b'*' | b'~' | b'%' | b'>' if n() < 0 => Wire::Agg(kind, None),
            b'*' | b'~' | b'%' | b'>' => {
                let count = if kind == b'%' { n() * 2 } else { n() };
                Wire::Agg(kind, Some((0..count).map(|_| Wire::read(r)).collect()))
            }
            _ => Wire::Line(kind, body),
        }
    }

    fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Wire::Line(kind, body) => {
                out.push(*kind);
                out.extend_from_slice(body);
                out.extend_from_slice(b"\r\n");
            }
            Wire::Bulk(None) => out.extend_from_slice(b"$-1\r\n"),
            Wire::Bulk(Some(data)) => {
                out.extend_from_slice(format!("${}\r\n", data.len()).as_bytes());
                out.extend_from_slice(data);
                out.extend_from_slice(b"\r\n");
            }
            Wire::Agg(kind, None) => out.extend_from_slice(&[*kind, b'-', b'1', b'\r', b'\n']),
            Wire::Agg(kind, Some(items)) => {
                let count = if *kind == b'%' {
                    items.len() / 2
                } else {
                    items.len()
                };
                out.extend_from_slice(format!("{}{count}\r\n", *kind as char).as_bytes());
                items.iter().for_each(|item| item.encode(out));
            }
        }
    }

    fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }

    fn items(&self) -> &[Wire] {
        match self {
            Wire::Agg(_, Some(items)) => items,
            other => panic!("not an aggregate: {other:?}"),
        }
    }

    fn text(&self) -> String {
        match self {
            Wire::Bulk(Some(data)) | Wire::Line(_, data) => String::from_utf8_lossy(data).into(),
            other => panic!("not a string: {other:?}"),
        }
    }
}

struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(port: u16, proto: Protocol) -> Client {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let mut client = Client {
            reader: BufReader::new(stream),
        };
        if proto == Protocol::Resp3 {
            client.call(&["HELLO", "3"]);
        }
        client
    }

    fn call(&mut self, line: &[&str]) -> Wire {
        let mut frame = format!("*{}\r\n", line.len());
        for arg in line {
            frame.push_str(&format!("${}\r\n{arg}\r\n", arg.len()));
        }
        self.reader.get_mut().write_all(frame.as_bytes()).unwrap();
        Wire::read(&mut self.reader)
    }
}

fn ours(handler: fn(commands::Args<'_>) -> Reply, line: &[&str], proto: Protocol) -> Vec<u8> {
    let args = OwnedArgs::from_slices(line.iter().map(|a| a.as_bytes()));
    encoded(&handler(args.view()), proto)
}

fn encoded(reply: &Reply, proto: Protocol) -> Vec<u8> {
    let mut out = Vec::new();
    resp::encode(reply, proto, &mut out);
    out
}

fn show(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", " ")
}

/// The info of a container without its subcommands: Redis lists them in a random order and
/// lists more than ringkv implements, so subcommands are compared one by one instead.
fn without_subcommands(info: &Wire) -> Wire {
    let Wire::Agg(kind, Some(items)) = info else {
        panic!("not an aggregate: {info:?}")
    };
    let Wire::Agg(entry_kind, Some(entry)) = &items[0] else {
        panic!("not an entry")
    };
    let mut entry = entry.clone();
    let Wire::Agg(subs_kind, _) = entry[9] else {
        panic!("no subcommand list")
    };
    entry[9] = Wire::Agg(subs_kind, Some(Vec::new()));
    Wire::Agg(*kind, Some(vec![Wire::Agg(*entry_kind, Some(entry))]))
}

fn every_spec() -> Vec<&'static CommandSpec> {
    let mut all = Vec::new();
    for spec in table::all_commands() {
        all.push(*spec);
        all.extend(spec.subcommands.iter());
    }
    all
}

#[test]
fn command_info_of_every_command_matches_redis_in_resp2_and_resp3() {
    let Some(server) = start_redis() else { return };
    let mut mismatches = Vec::new();
    for proto in [Protocol::Resp2, Protocol::Resp3] {
        let mut redis = Client::connect(server.port, proto);
        for spec in every_spec() {
            mismatches.extend(compare_info(&mut redis, spec, proto));
        }
    }
    assert!(
        mismatches.is_empty(),
        "COMMAND INFO differs:\n{}",
        mismatches.join("\n")
    );
}

/// A description of how our `COMMAND INFO <spec>` differs from Redis's, if it does.
fn compare_info(redis: &mut Client, spec: &CommandSpec, proto: Protocol) -> Option<String> {
    let line = ["COMMAND", "INFO", spec.name];
    let theirs = redis.call(&line);
    if CHANGED_IN_7_2.contains(&spec.name) {
        return None;
    }
    if ADDED_IN_7_2.contains(&spec.name) {
        let nil = if proto == Protocol::Resp3 {
            Wire::Line(b'_', Vec::new())
        } else {
            Wire::Bulk(None)
        };
        assert_eq!(theirs.items(), [nil], "{} is known to 7.0 now", spec.name);
        return None;
    }
    let (theirs, ours) = if spec.subcommands.is_empty() {
        (theirs.bytes(), ours(introspect::command_info, &line, proto))
    } else {
        let reply = Reply::Array(vec![info_without_subcommands(spec)]);
        (without_subcommands(&theirs).bytes(), encoded(&reply, proto))
    };
    (theirs != ours).then(|| {
        format!(
            "{} ({proto:?}):\n redis: {}\n ours:  {}",
            spec.name,
            show(&theirs),
            show(&ours)
        )
    })
}

/// Our info entry of a container, its subcommand list emptied but of the same RESP type.
fn info_without_subcommands(spec: &CommandSpec) -> Reply {
    let args = OwnedArgs::from_slices([&b"COMMAND"[..], b"INFO", spec.name.as_bytes()]);
    let Reply::Array(mut infos) = introspect::command_info(args.view()) else {
        panic!()
    };
    let Reply::Array(mut fields) = infos.remove(0) else {
        panic!()
    };
    fields[9] = match fields[9] {
        Reply::Set(_) => Reply::Set(Vec::new()),
        _ => Reply::Array(Vec::new()),
    };
    Reply::Array(fields)
}

#[test]
fn command_docs_of_every_command_matches_redis_in_resp2_and_resp3() {
    let Some(server) = start_redis() else { return };
    let mut mismatches = Vec::new();
    for proto in [Protocol::Resp2, Protocol::Resp3] {
        let mut redis = Client::connect(server.port, proto);
        for spec in every_spec() {
            if ADDED_IN_7_2.contains(&spec.name) || CHANGED_IN_7_2.contains(&spec.name) {
                continue;
            }
            mismatches.extend(compare_docs(&mut redis, spec, proto));
        }
    }
    assert!(
        mismatches.is_empty(),
        "COMMAND DOCS differs:\n{}",
        mismatches.join("\n")
    );
}

/// A description of how our `COMMAND DOCS <spec>` differs from Redis's, if it does. Everything
/// is compared byte for byte but the command's own summary, which must differ (ours are our
/// words), and the subcommand map of a container, whose entries are compared one by one.
fn compare_docs(redis: &mut Client, spec: &CommandSpec, proto: Protocol) -> Option<String> {
    let line = ["COMMAND", "DOCS", spec.name];
    let (theirs, their_summary) = docs_comparable(&redis.call(&line));
    let ours_bytes = ours(introspect::command_docs, &line, proto);
    let (ours, our_summary) = docs_comparable(&Wire::read(&mut &ours_bytes[..]));
    if our_summary == their_summary {
        return Some(format!("{}: the summary is Redis's, not ours", spec.name));
    }
    (theirs != ours).then(|| {
        format!(
            "{} ({proto:?}):\n redis: {}\n ours:  {}",
            spec.name,
            show(&theirs),
            show(&ours)
        )
    })
}

/// A one-command `COMMAND DOCS` reply with the summary blanked and the subcommand map emptied
/// (keeping their RESP types), re-encoded; and the summary that was blanked.
fn docs_comparable(reply: &Wire) -> (Vec<u8>, String) {
    let Wire::Agg(kind, Some(items)) = reply else {
        panic!("not an aggregate: {reply:?}")
    };
    assert_eq!(items.len(), 2, "one command's docs: {reply:?}");
    let Wire::Agg(entry_kind, Some(fields)) = &items[1] else {
        panic!("not a docs entry: {:?}", items[1])
    };
    let mut fields = fields.clone();
    let mut summary = String::new();
    for pair in fields.chunks_mut(2) {
        match pair[0].text().as_str() {
            "summary" => {
                summary = pair[1].text();
                pair[1] = Wire::Bulk(Some(Vec::new()));
            }
            "subcommands" => {
                let Wire::Agg(subs_kind, _) = pair[1] else {
                    panic!("subcommands not an aggregate")
                };
                pair[1] = Wire::Agg(subs_kind, Some(Vec::new()));
            }
            _ => {}
        }
    }
    let entry = Wire::Agg(*entry_kind, Some(fields));
    let bytes = Wire::Agg(*kind, Some(vec![items[0].clone(), entry])).bytes();
    (bytes, summary)
}

#[test]
fn command_getkeys_matches_redis_in_resp2_and_resp3() {
    let Some(server) = start_redis() else { return };
    let lines = [
        "GETKEYS get k",
        "GETKEYS MSET a 1 b 2",
        "GETKEYS del a b c",
        "GETKEYS copy a b DB 1 REPLACE",
        "GETKEYS object encoding k",
        "GETKEYS rename a b",
        "GETKEYS lcs a b LEN",
        "GETKEYS getex k PX 10",
        "GETKEYS get a b",
        "GETKEYS mset a",
        "GETKEYS mset a 1 b",
        "GETKEYS exists a",
        "GETKEYS set k v EX 10 GET",
        "GETKEYS ping x",
        "GETKEYS config get x",
        "GETKEYS client nosuch",
        "GETKEYS nosuch x",
        "GETKEYSANDFLAGS set k v",
        "GETKEYSANDFLAGS set k v get",
        "GETKEYSANDFLAGS copy a b",
        "GETKEYSANDFLAGS mset a 1 b 2",
    ];
    for proto in [Protocol::Resp2, Protocol::Resp3] {
        let mut redis = Client::connect(server.port, proto);
        for line in lines {
            let full: Vec<&str> = std::iter::once("COMMAND").chain(line.split(' ')).collect();
            let handler = if full[1] == "GETKEYS" {
                introspect::command_getkeys
            } else {
                introspect::command_getkeysandflags
            };
            let theirs = redis.call(&full).bytes();
            let ours = ours(handler, &full, proto);
            assert_eq!(show(&ours), show(&theirs), "{line} ({proto:?})");
        }
    }
}

/// Variant names of `CommandId`, read from its source so that a new variant without a table
/// entry fails here.
fn command_id_variants() -> BTreeSet<String> {
    let source = include_str!("../src/table/id.rs");
    let body = &source[source.find("pub enum CommandId").unwrap()..];
    body.lines()
        .map(str::trim)
        .filter(|l| l.ends_with(',') && l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| l.trim_end_matches(',').to_string())
        .collect()
}

fn camel_case(name: &str) -> String {
    let words = name.split(['|', '-', '_']);
    words
        .map(|w| w[..1].to_ascii_uppercase() + &w[1..])
        .collect()
}

#[test]
fn every_command_id_has_exactly_one_spec_named_after_it() {
    let specs = every_spec();
    let ids: Vec<String> = specs.iter().map(|s| format!("{:?}", s.id)).collect();
    let unique: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(ids.len(), unique.len(), "a CommandId has two specs");
    assert_eq!(unique, command_id_variants());
    for spec in specs {
        assert_eq!(
            camel_case(spec.name),
            format!("{:?}", spec.id),
            "name of {:?}",
            spec.id
        );
    }
}

#[test]
fn every_spec_is_found_by_its_name() {
    for spec in table::all_commands() {
        assert_eq!(
            table::lookup(spec.name.to_uppercase().as_bytes()).map(|s| s.id),
            Some(spec.id)
        );
        for sub in spec.subcommands {
            let short = &sub.name[spec.name.len() + 1..];
            assert_eq!(
                table::lookup_subcommand(spec, short.as_bytes()).map(|s| s.id),
                Some(sub.id)
            );
        }
    }
}

#[test]
fn implicit_acl_categories_come_from_flags() {
    // Explicit categories never repeat what the flags imply, so that the rule stays the source.
    for spec in every_spec() {
        let implied = table::implicit_acl(spec.flags, 0) & !table::acl::SLOW;
        assert_eq!(
            spec.acl & implied,
            0,
            "{} names an implied category",
            spec.name
        );
    }
}
