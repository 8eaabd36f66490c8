//! The `ringkv` binary: command line, configuration file, logging, start-up checks.
//!
//! Like `redis-server`, it takes an optional config file followed by any config directive as
//! `--<directive> <value ...>`, so scripts and test harnesses written for Redis start it
//! unchanged.

use std::path::PathBuf;

use anyhow::Context;
use clap::{CommandFactory, Parser};

#[global_allocator]
static ALLOC: server::alloc::CountingAlloc = server::alloc::CountingAlloc;

/// ringkv: a Redis-compatible, thread-per-core in-memory data store.
#[derive(Parser)]
#[command(
    name = "ringkv",
    version,
    override_usage = "ringkv [/path/to/ringkv.conf] [--<directive> <value> ...]",
    after_long_help = "Every redis.conf directive can be given on the command line as \
--<directive> <value ...>, after the optional config file, e.g.:\n\n  \
ringkv --port 7000 --bind 127.0.0.1 --shards 4\n  \
ringkv /etc/ringkv/ringkv.conf --loglevel verbose\n\n\
ringkv-specific directives:\n  \
--shards N              number of shards (default: one per CPU it may run on; more than\n                          \
the CPU count runs unpinned)\n  \
--spin-before-park-us N how long an idle shard spins before sleeping (default 0)\n  \
--allow-root yes        allow running as root (not recommended)\n\n\
Defaults: listens on 127.0.0.1:6379 (and ::1), protected mode on."
)]
struct Cli {
    /// Config file in redis.conf syntax.
    config_file: Option<PathBuf>,
    /// Config directives: --<directive> <value ...>.
    #[arg(allow_hyphen_values = true, trailing_var_arg = true)]
    directives: Vec<String>,
}

fn main() {
    if let Err(e) = run() {
        eprintln!("ringkv: {e:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    if raw.iter().any(|a| a == "--help" || a == "-h") {
        Cli::command().print_long_help()?;
        return Ok(());
    }
    if raw.iter().any(|a| a == "--version" || a == "-v") {
        println!(
            "ringkv {} (Redis 7.2.4 compatible)",
            env!("CARGO_PKG_VERSION")
        );
        return Ok(());
    }
    let (config_file, directives) = split_args(raw);
    let mut config = config::Config::new();
    if let Some(path) = &config_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading config file {}", path.display()))?;
        config
            .apply_file(&text)
            .map_err(|e| anyhow::anyhow!("{e}"))
            .with_context(|| format!("in config file {}", path.display()))?;
    }
    config
        .apply_args(&directives)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    init_logging(&config)?;
    check_root(&config)?;
    server::run(server::RunOptions {
        config,
        config_file,
    })
}

/// Splits redis-server style arguments: an optional leading config file, then directives.
fn split_args(raw: Vec<String>) -> (Option<PathBuf>, Vec<String>) {
    let mut iter = raw.into_iter().peekable();
    let config_file = match iter.peek() {
        Some(first) if !first.starts_with("--") => iter.next().map(PathBuf::from),
        _ => None,
    };
    (config_file, expand_bare_flags(iter.collect()))
}

/// `--allow-root` alone (a flag, as the security docs write it) means `--allow-root yes`.
fn expand_bare_flags(args: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(args.len() + 1);
    let mut iter = args.into_iter().peekable();
    while let Some(arg) = iter.next() {
        let bare = arg == "--allow-root" && iter.peek().is_none_or(|next| next.starts_with("--"));
        out.push(arg);
        if bare {
            out.push("yes".to_string());
        }
    }
    out
}

fn init_logging(config: &config::Config) -> anyhow::Result<()> {
    let level = match config.loglevel().as_str() {
        "debug" => "debug",
        "verbose" => "info",
        "warning" | "nothing" => "warn",
        _ => "info",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let logfile = config.logfile();
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if logfile.is_empty() {
        builder.with_writer(std::io::stderr).init();
    } else {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(logfile)
            .with_context(|| format!("opening logfile {logfile}"))?;
        builder
            .with_ansi(false)
            .with_writer(std::sync::Mutex::new(file))
            .init();
    }
    Ok(())
}

/// Why and how, printed when ringkv is started as root without `allow-root`.
const ROOT_REFUSED: &str = "refusing to run as root (uid 0).
  Why: a Redis-protocol server running as root turns any mistake (a reachable port, a weak
  password, CONFIG SET dir/dbfilename) into full control of the machine; the largest Redis
  incidents (servers mined for crypto, data wiped and held for ransom) began that way.
  How: run it as a dedicated unprivileged user: deploy/ringkv.service (systemd unit with a
  ringkv user), or scripts/serve from the repository (runs it as `nobody` when started as
  root), or e.g. `setpriv --reuid=nobody --regid=nogroup --clear-groups ringkv ...`.
  To run as root anyway (not recommended): pass --allow-root yes (or `allow-root yes` in the
  config file).";

/// Refuses to start as root unless `allow-root` says so; then only warns.
fn check_root(config: &config::Config) -> anyhow::Result<()> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let euid = unsafe { libc::geteuid() };
    if euid != 0 {
        return Ok(());
    }
    if !config.allow_root() {
        anyhow::bail!(ROOT_REFUSED);
    }
    tracing::warn!(
        "running as root because allow-root is set; run ringkv as an unprivileged service \
         user instead (see deploy/ringkv.service)"
    );
    Ok(())
}
