//! A connection's client-visible state (CLIENT LIST/INFO fields) and the per-shard registry.

use std::cell::RefCell;
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::Instant;

use bytes::Bytes;
use engine::DbIndex;
use hashbrown::HashMap;
use resp::Protocol;

/// CLIENT REPLY mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReplyMode {
    /// Replies are sent.
    #[default]
    On,
    /// No replies are sent.
    Off,
    /// The next command's reply is skipped, then back to On.
    Skip,
    /// Set by SKIP for the command after it.
    SkipNext,
}

/// What CLIENT LIST shows about one connection, and the connection's settings.
#[derive(Debug)]
pub struct ClientInfo {
    /// Process-wide unique id.
    pub id: u64,
    /// Peer address.
    pub addr: SocketAddr,
    /// Local address.
    pub laddr: SocketAddr,
    /// Socket descriptor.
    pub fd: i32,
    /// CLIENT SETNAME.
    pub name: Option<Bytes>,
    /// CLIENT SETINFO LIB-NAME.
    pub lib_name: Option<Bytes>,
    /// CLIENT SETINFO LIB-VER.
    pub lib_ver: Option<Bytes>,
    /// Selected database.
    pub db: DbIndex,
    /// Protocol version.
    pub protocol: Protocol,
    /// When the connection was accepted.
    pub created: Instant,
    /// When the last command ran, in unix ms (the batch's clock reading: no extra clock call).
    pub last_interaction_ms: u64,
    /// Full name of the last command (`client|list`).
    pub last_command: &'static str,
    /// CLIENT REPLY state.
    pub reply_mode: ReplyMode,
    /// CLIENT NO-EVICT.
    pub no_evict: bool,
    /// CLIENT NO-TOUCH.
    pub no_touch: bool,
    /// Bytes in the query buffer.
    pub qbuf: usize,
    /// Free bytes in the query buffer.
    pub qbuf_free: usize,
    /// Bytes pending in the output buffer.
    pub obl: usize,
    /// Home shard.
    pub shard: usize,
    /// Set by CLIENT KILL: the connection closes at its next step.
    pub killed: bool,
    /// The ACL user the connection is authenticated as.
    pub user: Bytes,
    /// The current command's user may read every key (set for SORT by the ACL gate).
    pub reads_any_key: bool,
}

impl ClientInfo {
    /// A new client.
    pub fn new(id: u64, addr: SocketAddr, laddr: SocketAddr, fd: i32, shard: usize) -> Self {
        let now = Instant::now();
        ClientInfo {
            id,
            addr,
            laddr,
            fd,
            name: None,
            lib_name: None,
            lib_ver: None,
            db: DbIndex(0),
            protocol: Protocol::Resp2,
            created: now,
            last_interaction_ms: crate::shared::now_ms(),
            last_command: "NULL",
            reply_mode: ReplyMode::On,
            no_evict: false,
            no_touch: false,
            qbuf: 0,
            qbuf_free: 0,
            obl: 0,
            shard,
            killed: false,
            user: Bytes::from_static(b"default"),
            reads_any_key: true,
        }
    }

    /// The flags its commands' handlers see.
    pub fn caller(&self) -> commands::Caller {
        commands::Caller {
            no_touch: self.no_touch,
            reads_any_key: self.reads_any_key,
        }
    }

    /// One CLIENT LIST line (without the trailing newline), Redis 7.2 fields.
    pub fn render(&self) -> String {
        let now = Instant::now();
        let flags = {
            let mut f = String::new();
            if self.no_evict {
                f.push('e');
            }
            if self.no_touch {
                f.push('T');
            }
            if f.is_empty() {
                f.push('N');
            }
            f
        };
        format!(
            "id={} addr={} laddr={} fd={} name={} age={} idle={} flags={} db={} sub=0 psub=0 \
             ssub=0 multi=-1 qbuf={} qbuf-free={} argv-mem=0 multi-mem=0 rbs={} rbp=0 obl={} \
             oll=0 omem=0 tot-mem={} events=r cmd={} user={} redir=-1 resp={} lib-name={} \
             lib-ver={}",
            self.id,
            self.addr,
            self.laddr,
            self.fd,
            lossy(&self.name),
            now.duration_since(self.created).as_secs(),
            crate::shared::now_ms().saturating_sub(self.last_interaction_ms) / 1000,
            flags,
            self.db.0,
            self.qbuf,
            self.qbuf_free,
            self.qbuf + self.qbuf_free,
            self.obl,
            self.qbuf + self.qbuf_free + self.obl,
            self.last_command,
            String::from_utf8_lossy(&self.user),
            if self.protocol == Protocol::Resp3 {
                3
            } else {
                2
            },
            lossy(&self.lib_name),
            lossy(&self.lib_ver),
        )
    }
}

fn lossy(value: &Option<Bytes>) -> String {
    value
        .as_ref()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default()
}

/// The clients whose home is one shard.
#[derive(Debug, Default)]
pub struct ClientRegistry {
    clients: HashMap<u64, Rc<RefCell<ClientInfo>>>,
}

impl ClientRegistry {
    /// Registers a client.
    pub fn add(&mut self, client: Rc<RefCell<ClientInfo>>) {
        let id = client.borrow().id;
        self.clients.insert(id, client);
    }

    /// Forgets a client.
    pub fn remove(&mut self, id: u64) {
        self.clients.remove(&id);
    }

    /// Number of clients.
    pub fn len(&self) -> usize {
        self.clients.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.clients.is_empty()
    }

    /// Every client, in id order.
    pub fn sorted(&self) -> Vec<Rc<RefCell<ClientInfo>>> {
        let mut all: Vec<_> = self.clients.values().cloned().collect();
        all.sort_by_key(|c| c.borrow().id);
        all
    }
}
