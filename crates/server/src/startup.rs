//! Start-up: choose shards and their placement, build the meshes, start every executor.

use std::cell::RefCell;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Context};
use commands::{ShardHome, ShardState};
use config::Config;
use glommio::{CpuSet, LocalExecutorPoolBuilder, PoolPlacement};
use rustls::ServerConfig;

use crate::conn::client::ClientRegistry;
use crate::conn::spawn_accept_loop;
use crate::settings::settings_from;
use crate::shard::expiry_task::spawn_expiry_cycle;
use crate::shard::mesh::{Mesh, MeshBuilders};
use crate::shard::stats::ShardStats;
use crate::shard::Shard;
use crate::shared::Shared;

/// What the binary hands the server.
pub struct RunOptions {
    /// The configuration, file and flags applied.
    pub config: Config,
    /// The config file, when one was given.
    pub config_file: Option<PathBuf>,
}

/// Runs the server until the process exits.
pub fn run(options: RunOptions) -> anyhow::Result<()> {
    let config = options.config;
    let allowed_cpus = allowed_cpus();
    let shards = config.shards().unwrap_or(allowed_cpus.len().max(1)).max(1);
    let pinned = shards <= allowed_cpus.len();
    let tls = crate::tls::config::from_config(&config)?;
    let port = resolve_port(&config, tls.is_some())?;
    let bind = config.bind();
    if let Some(port) = port {
        ensure_port_free(&bind, port)?;
    }
    if let Some((tls_port, _)) = &tls {
        if port == Some(*tls_port) {
            bail!("tls-port and port must differ (both are {tls_port})");
        }
        ensure_port_free(&bind, *tls_port)?;
    }
    let listeners = Listeners { bind, port, tls };
    let spin_us = if pinned {
        config.spin_before_park_us()
    } else {
        0
    };
    let renames = crate::renames::Renames::from_directives(config.rename_commands())?;
    crate::clock::calibrate();
    let users = crate::permissions::initial_users(&config)?;
    let requirepass = config.requirepass().unwrap_or("").to_string();
    let shared = Arc::new(Shared::new(
        config,
        options.config_file,
        shards,
        port.unwrap_or(0),
        pinned,
        renames,
        users,
    ));
    shared.acl.apply_requirepass_at_start(&requirepass);
    let appendonly = shared.with_config(|c| c.appendonly());
    // With the AOF off, the RDB file is the dataset (Redis's order: the AOF wins when on).
    let rdb = !appendonly && shared.with_config(crate::snapshot::load::path).is_file();
    shared
        .loading
        .store(appendonly || rdb, std::sync::atomic::Ordering::Release);
    crate::signals::install();
    let meshes = MeshBuilders::new(shards);
    let placement = if pinned {
        let cpus = CpuSet::online()
            .map_err(|e| anyhow::anyhow!("reading the CPU topology: {e}"))?
            .filter(|l| allowed_cpus.contains(&l.cpu));
        PoolPlacement::MaxSpread(shards, Some(cpus))
    } else {
        PoolPlacement::Unbound(shards)
    };
    let tls_port = listeners.tls.as_ref().map_or(0, |(p, _)| *p);
    tracing::info!(
        shards,
        pinned,
        port = port.unwrap_or(0),
        tls_port,
        "starting ringkv"
    );
    let handles = LocalExecutorPoolBuilder::new(placement)
        .name("ringkv-shard")
        .spin_before_park(Duration::from_micros(spin_us))
        .io_memory(1 << 20)
        .on_all_shards(move || {
            let shared = shared.clone();
            let meshes = meshes.clone();
            let listeners = listeners.clone();
            async move { shard_main(shared, meshes, listeners).await }
        })
        .map_err(|e| {
            anyhow::anyhow!(
                "starting the shard executors: {e} (is io_uring available? Docker's default \
                 seccomp profile and kernel.io_uring_disabled block it)"
            )
        })?;
    crate::alloc::mark_startup();
    for result in handles.join_all() {
        match result {
            Ok(Ok(())) => {}
            Ok(Err(e)) => bail!(e),
            Err(e) => bail!("shard failed: {e}"),
        }
    }
    Ok(())
}

/// What every shard listens on.
#[derive(Clone)]
struct Listeners {
    bind: Vec<String>,
    /// The plain port; none with `port 0` beside a TLS port.
    port: Option<u16>,
    /// `tls-port` and the configuration of its connections.
    tls: Option<(u16, Arc<ServerConfig>)>,
}

async fn shard_main(
    shared: Arc<Shared>,
    meshes: MeshBuilders,
    listeners: Listeners,
) -> anyhow::Result<()> {
    let joined = meshes.join().await?;
    let id = joined.peer_id();
    let mut state =
        ShardState::new(0x9e37_79b9_7f4a_7c15 ^ (id as u64 + 1).wrapping_mul(0x2545_f491));
    state.settings = shared.with_config(settings_from);
    state.home = Some(ShardHome {
        index: id,
        count: shared.shards,
    });
    let shard = Rc::new(Shard {
        id,
        count: shared.shards,
        state: RefCell::new(state),
        stats: RefCell::new(ShardStats::default()),
        clients: RefCell::new(ClientRegistry::default()),
        shared: shared.clone(),
        mesh: Mesh::new(joined),
        net: crate::conn::reader::NetPoller::new()?,
        parked: Default::default(),
        aof: crate::aof::Aof::new(crate::aof::Fsync::from_name(
            &shared.with_config(|c| c.appendfsync()),
        )),
    });
    shard.net.spawn_sweeper();
    Mesh::spawn_servers(&shard);
    spawn_expiry_cycle(shard.clone());
    crate::blocking::unblocker::spawn_unblocker(shard.clone());
    crate::conn::idle::spawn_idle_reaper(shard.clone());
    // Every shard has an AOF task, idle until a log generation starts (at start-up with
    // `appendonly yes`, or on BGREWRITEAOF / CONFIG SET appendonly yes).
    crate::aof::writer::spawn(shard.clone());
    crate::snapshot::run::attach(&shard);
    if id == 0 {
        crate::signals::spawn_watcher(shard.clone());
    }
    let appendonly = shared.with_config(|c| c.appendonly());
    if !appendonly && id == 0 && shared.loading.load(std::sync::atomic::Ordering::Acquire) {
        glommio::spawn_local(crate::snapshot::load::startup(shard.clone())).detach();
    }
    if id == 0 && appendonly {
        glommio::spawn_local(crate::aof::load::startup(shard.clone())).detach();
    }
    if let Some(port) = listeners.port {
        listen(&shard, &listeners.bind, port, None);
        if id == 0 {
            tracing::info!(port, "Ready to accept connections tcp");
        }
    }
    if let Some((port, config)) = &listeners.tls {
        listen(&shard, &listeners.bind, *port, Some(config.clone()));
        if id == 0 {
            tracing::info!(port, "Ready to accept connections tls");
        }
    }
    // A periodic wake-up: glommio 0.9 can rarely park with work queued (shared/GLOMMIO.md).
    loop {
        glommio::timer::sleep(Duration::from_millis(100)).await;
    }
}

/// Binds `port` on every bind address and serves it on this shard (over TLS with `tls`).
fn listen(shard: &Rc<Shard>, bind: &[String], port: u16, tls: Option<Arc<ServerConfig>>) {
    for addr in listen_addrs(bind, port) {
        match glommio::net::TcpListener::bind(addr.1) {
            Ok(listener) => spawn_accept_loop(shard.clone(), listener, tls.clone()),
            Err(e) if addr.0 => {
                tracing::debug!(%e, addr = %addr.1, "optional bind address unavailable")
            }
            Err(e) => {
                tracing::error!(%e, addr = %addr.1, "could not bind");
                std::process::exit(1);
            }
        }
    }
}

/// The bind addresses with whether each is optional (a leading `-`, as in Redis).
fn listen_addrs(bind: &[String], port: u16) -> Vec<(bool, SocketAddr)> {
    let mut addrs = Vec::new();
    for spec in bind {
        let (optional, host) = match spec.strip_prefix('-') {
            Some(h) => (true, h),
            None => (false, spec.as_str()),
        };
        let host = if host == "*" { "0.0.0.0" } else { host };
        match (host, port).to_socket_addrs() {
            Ok(resolved) => addrs.extend(resolved.map(|a| (optional, a))),
            Err(e) if optional => tracing::debug!(%e, host, "skipping optional bind address"),
            Err(e) => tracing::error!(%e, host, "cannot resolve bind address"),
        }
    }
    addrs
}

/// The plain port to listen on. Port 0 beside a TLS port means none, as in Redis; alone it
/// picks a free port once, so every shard binds the same one.
fn resolve_port(config: &Config, tls: bool) -> anyhow::Result<Option<u16>> {
    let port = config.port();
    if port != 0 {
        return Ok(Some(port));
    }
    if tls {
        return Ok(None);
    }
    let probe = std::net::TcpListener::bind(("127.0.0.1", 0)).context("picking a free port")?;
    Ok(Some(probe.local_addr()?.port()))
}

/// Fails when another process listens on the port. Shards bind with SO_REUSEPORT, which would
/// otherwise silently share the port with, say, a ringkv still running. A connect probe is
/// used rather than a bind probe: a plain bind also fails on the TIME_WAIT sockets that a
/// ringkv which just exited leaves behind, which SO_REUSEPORT binds accept.
fn ensure_port_free(bind: &[String], port: u16) -> anyhow::Result<()> {
    for (_, addr) in listen_addrs(bind, port) {
        let mut target = addr;
        if target.ip().is_unspecified() {
            target.set_ip(if addr.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        if std::net::TcpStream::connect_timeout(&target, Duration::from_millis(200)).is_ok() {
            bail!("could not listen on {addr}: another process is listening on it");
        }
    }
    Ok(())
}

/// The CPUs this process may run on (its affinity mask, e.g. under `taskset`).
fn allowed_cpus() -> Vec<usize> {
    // SAFETY: sched_getaffinity fills the zeroed cpu_set_t we own.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    let ok =
        unsafe { libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) }
            == 0;
    if !ok {
        return (0..std::thread::available_parallelism().map_or(1, |n| n.get())).collect();
    }
    (0..libc::CPU_SETSIZE as usize)
        .filter(|&cpu| unsafe { libc::CPU_ISSET(cpu, &set) })
        .collect()
}
