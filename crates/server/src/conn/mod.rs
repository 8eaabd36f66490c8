//! Connections: the accept loop of a shard and the read-parse-dispatch-write loop of each
//! connection. One read, every complete command, one write.

pub mod client;
pub mod idle;
pub mod input;
pub mod multi;
pub mod output;
pub mod protected;
pub mod reader;
pub mod session;
pub mod wave;

use std::cell::RefCell;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::rc::Rc;
use std::sync::Arc;

use commands::Args;
use glommio::net::{TcpListener, TcpStream};
use resp::{Parsed, Reply, ReplyError, RequestLimits, RequestParser};
use rustls::ServerConfig;

use crate::shard::Shard;
use crate::tls::transport::Transport;
use client::ClientInfo;
use input::InputBuffer;
use session::Session;

/// Accepts connections on `listener` forever, each served by its own task on this shard;
/// with `tls`, every connection is a TLS session (the `tls-port` listener).
pub fn spawn_accept_loop(shard: Rc<Shard>, listener: TcpListener, tls: Option<Arc<ServerConfig>>) {
    glommio::spawn_local(async move {
        loop {
            match listener.accept().await {
                Ok(stream) => {
                    let shard = shard.clone();
                    glommio::spawn_local(serve(shard, stream, tls.clone())).detach();
                }
                Err(e) => {
                    tracing::warn!(shard = shard.id, error = %e, "accept failed");
                    glommio::timer::sleep(std::time::Duration::from_millis(10)).await;
                }
            }
        }
    })
    .detach();
}

async fn serve(shard: Rc<Shard>, stream: TcpStream, tls: Option<Arc<ServerConfig>>) {
    let _ = stream.set_nodelay(true);
    let (Ok(addr), Ok(laddr)) = (stream.peer_addr(), stream.local_addr()) else {
        return;
    };
    let mut transport = match Transport::new(stream, tls) {
        Ok(transport) => transport,
        Err(e) => {
            tracing::info!(error = %e, %addr, "could not start a TLS session");
            return;
        }
    };
    // Registered before anything is written: a TLS session reads its handshake through it.
    let fd = transport.as_raw_fd();
    if let Err(e) = shard.net.register(fd) {
        tracing::warn!(error = %e, "could not watch a client socket");
        return;
    }
    serve_registered(&shard, &mut transport, addr, laddr).await;
    shard.net.unregister(fd);
}

async fn serve_registered(
    shard: &Rc<Shard>,
    transport: &mut Transport,
    addr: SocketAddr,
    laddr: SocketAddr,
) {
    let (maxclients, protected_mode) = shard
        .shared
        .with_config(|c| (c.maxclients(), c.protected_mode()));
    // As Redis: protected mode guards while the default user needs no password.
    let password_set = shard.shared.acl.user(b"default").is_some_and(|d| !d.nopass);
    if protected::denies(protected_mode, password_set, addr.ip()) {
        send_refusal(shard, transport, protected::DENIED).await;
        return;
    }
    shard.stats.borrow_mut().total_connections_received += 1;
    let id = shard.shared.next_client_id();
    let client = Rc::new(RefCell::new(ClientInfo::new(
        id,
        addr,
        laddr,
        transport.as_raw_fd(),
        shard.id,
    )));
    shard.clients.borrow_mut().add(client.clone());
    let mut conn = Connection {
        need_hint: 0,
        transport,
        input: InputBuffer::new(),
        parser: RequestParser::new(),
        session: Session::new(shard.clone(), client),
    };
    // This connection counts itself: a count above the limit refuses it, as Redis refuses the
    // connection that would make `maxclients + 1`.
    let connected = shard.shared.clients_connected(1);
    if connected as u64 > maxclients {
        shard.stats.borrow_mut().rejected_connections += 1;
        send_refusal(
            shard,
            conn.transport,
            b"-ERR max number of clients reached\r\n",
        )
        .await;
    } else {
        conn.run().await;
    }
    shard.shared.clients_connected(-1);
    crate::cmd::transaction::forget_watches(&mut conn.session).await;
    shard.clients.borrow_mut().remove(id);
}

/// Writes the error of a refused connection. Over TLS this completes the handshake first,
/// which a client may never do: it gets [`REFUSAL_DEADLINE`].
async fn send_refusal(shard: &Shard, transport: &mut Transport, message: &[u8]) {
    let net = shard.net.clone();
    let write = async {
        let _ = transport.write_all(&net, message).await;
    };
    let deadline = glommio::timer::sleep(REFUSAL_DEADLINE);
    futures_lite::future::or(write, deadline).await;
}

/// How long a refused TLS client may take to finish its handshake and receive the reason.
const REFUSAL_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

struct Connection<'t> {
    /// Bytes the frame being read needs in all, when the parser knows (0 otherwise).
    need_hint: usize,
    transport: &'t mut Transport,
    input: InputBuffer,
    parser: RequestParser,
    session: Session,
}

impl Connection<'_> {
    async fn run(&mut self) {
        loop {
            let need = self.parser_need();
            self.input.reserve(need);
            let net = self.session.shard.net.clone();
            let read = self.transport.read(&net, self.input.spare()).await;
            let n = match read {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            self.input.filled(n);
            {
                let mut client = self.session.client.borrow_mut();
                client.qbuf = self.input.len();
                client.qbuf_free = self.input.capacity() - self.input.len();
            }
            self.session.shard.stats.borrow_mut().net_input_bytes += n as u64;
            self.process_input().await;
            self.settle_aof().await;
            if !self.session.out.is_empty() {
                let net = self.session.shard.net.clone();
                net.flush_turn().await;
                let shared = self.session.shard.shared.clone();
                let written = self
                    .transport
                    .write_bounded(&net, &self.session.out, || shared.with_config(soft_limit))
                    .await;
                self.session.shard.stats.borrow_mut().net_output_bytes +=
                    self.session.out.len() as u64;
                self.session.out.clear();
                if !self.written_all(written) {
                    return;
                }
                if self.session.out.capacity() > 1 << 20 {
                    self.session.out = Vec::with_capacity(16 * 1024);
                }
            }
            if self.session.close_after_reply || self.query_buffer_too_big() {
                return;
            }
            self.input.shrink_if_idle();
        }
    }

    /// Under `appendfsync always`, holds this batch's replies until its writes are on disk
    /// (one fsync for every connection's writes of the tick: group commit).
    async fn settle_aof(&mut self) {
        if !std::mem::take(&mut self.session.wrote) {
            return;
        }
        let shard = self.session.shard.clone();
        if !shard.aof.running.get() {
            return;
        }
        let position = shard.state.borrow().propagate.appended();
        crate::aof::Aof::settle(&shard, position).await;
    }

    /// Whether the write finished; says why when the soft output limit closes the client.
    fn written_all(&self, written: output::Written) -> bool {
        match written {
            output::Written::All => true,
            output::Written::Failed(error) => {
                tracing::debug!(%error, "client write failed");
                false
            }
            output::Written::OverSoftLimit => {
                let id = self.session.client.borrow().id;
                tracing::warn!(
                    client = id,
                    "client closed for overcoming of output buffer soft limit"
                );
                false
            }
        }
    }

    fn parser_need(&self) -> usize {
        self.need_hint
    }

    fn query_buffer_too_big(&self) -> bool {
        let limit = self
            .session
            .shard
            .state
            .borrow()
            .settings
            .query_buffer_limit;
        self.input.len() as u64 > limit
    }

    /// When the last command blocked: sends the replies before it, then waits for it to finish
    /// (the commands pipelined after it wait too, as in Redis). False when the socket failed.
    async fn finish_blocked(&mut self) -> bool {
        if self.session.pending_block.is_none() {
            return true;
        }
        self.session.flush_wave().await;
        self.settle_aof().await;
        if !self.session.out.is_empty() {
            let net = self.session.shard.net.clone();
            let written = self.transport.write_all(&net, &self.session.out).await;
            self.session.out.clear();
            if written.is_err() {
                return false;
            }
        }
        crate::blocking::finish(&mut self.session).await;
        true
    }

    /// Parses and runs every complete command in the buffer.
    async fn process_input(&mut self) {
        self.session.now_ms = crate::shared::now_ms();
        self.session.client.borrow_mut().last_interaction_ms = self.session.now_ms;
        let limits = RequestLimits {
            max_bulk_len: self
                .session
                .shard
                .state
                .borrow()
                .settings
                .proto_max_bulk_len,
            auth_required: self.session.auth_required(),
        };
        loop {
            let parsed = self.parser.parse(self.input.pending(), &limits);
            match parsed {
                Ok(Parsed::Frame { consumed }) => {
                    self.need_hint = 0;
                    let args = Args::new(self.input.pending(), self.parser.spans());
                    self.session.handle(args).await;
                    self.input.consume(consumed);
                    if !self.finish_blocked().await {
                        break;
                    }
                }
                Ok(Parsed::Inline { consumed }) => {
                    let args = Args::new(self.parser.scratch(), self.parser.spans());
                    self.session.handle(args).await;
                    self.input.consume(consumed);
                    if !self.finish_blocked().await {
                        break;
                    }
                }
                Ok(Parsed::Empty { consumed }) => self.input.consume(consumed),
                Ok(Parsed::Incomplete { need }) => {
                    self.need_hint = need;
                    break;
                }
                Err(error) => {
                    self.session.flush_wave().await;
                    self.session
                        .emit(Reply::Error(ReplyError::owned(error.to_string())));
                    self.session.close_after_reply = true;
                    break;
                }
            }
            if self.session.close_after_reply || self.output_over_limit() {
                break;
            }
        }
        self.session.flush_wave().await;
        self.output_over_limit();
    }

    /// Whether the replies waiting to be written passed `client-output-buffer-limit normal`'s
    /// hard limit: the connection is then closed at once, its replies dropped, as Redis does.
    fn output_over_limit(&mut self) -> bool {
        let limit = self.session.shard.state.borrow().settings.output_hard_limit;
        if limit == 0 || (self.session.out.len() as u64) <= limit {
            return false;
        }
        let id = self.session.client.borrow().id;
        tracing::warn!(
            client = id,
            "client closed for overcoming of output buffer limits"
        );
        self.session.out.clear();
        self.session.close_after_reply = true;
        true
    }
}

/// `client-output-buffer-limit normal`'s soft limit.
fn soft_limit(config: &config::Config) -> output::SoftLimit {
    let normal = config.client_output_buffer_limit(config::ClientClass::Normal);
    output::SoftLimit {
        bytes: normal.soft_bytes,
        seconds: u64::try_from(normal.soft_seconds).unwrap_or(0),
    }
}
