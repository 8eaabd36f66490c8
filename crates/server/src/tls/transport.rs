//! A connection's byte transport: the socket itself, or a TLS session over it. Everything
//! above (parsing, sessions, limits, CLIENT LIST/KILL) sees only plaintext.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::Arc;

use futures_lite::AsyncWriteExt;
use glommio::net::TcpStream;
use rustls::ServerConfig;

use super::stream::TlsStream;
use crate::conn::reader::NetPoller;

/// Where a connection's bytes come from and go to.
pub enum Transport {
    /// Plaintext TCP: reads and writes go straight to the socket.
    Plain(TcpStream),
    /// TLS over TCP (boxed: a rustls session is large, and plain connections pay nothing).
    Tls(Box<TlsStream>),
}

impl Transport {
    /// The transport for an accepted socket: TLS when the listener has a TLS configuration.
    pub fn new(stream: TcpStream, tls: Option<Arc<ServerConfig>>) -> io::Result<Transport> {
        match tls {
            None => Ok(Transport::Plain(stream)),
            Some(config) => Ok(Transport::Tls(Box::new(TlsStream::new(stream, config)?))),
        }
    }

    /// Reads at least one byte into `buf`; `Ok(0)` at end of stream.
    #[inline]
    pub async fn read(&mut self, net: &NetPoller, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Transport::Plain(stream) => net.read(stream, buf).await,
            Transport::Tls(tls) => tls.read(net, buf).await,
        }
    }

    /// Writes all of `bytes`.
    #[inline]
    pub async fn write_all(&mut self, net: &NetPoller, bytes: &[u8]) -> io::Result<()> {
        match self {
            Transport::Plain(stream) => stream.write_all(bytes).await,
            Transport::Tls(tls) => tls.write_all(net, bytes).await,
        }
    }
}

impl Transport {
    /// Writes all of `bytes` under `client-output-buffer-limit`'s soft limit (plain sockets;
    /// over TLS the session's own buffer takes the replies, and only the hard limit applies).
    pub async fn write_bounded(
        &mut self,
        net: &NetPoller,
        bytes: &[u8],
        soft_limit: impl FnOnce() -> crate::conn::output::SoftLimit,
    ) -> crate::conn::output::Written {
        match self {
            Transport::Plain(stream) => {
                crate::conn::output::write_bounded(stream, bytes, soft_limit).await
            }
            Transport::Tls(tls) => match tls.write_all(net, bytes).await {
                Ok(()) => crate::conn::output::Written::All,
                Err(e) => crate::conn::output::Written::Failed(e),
            },
        }
    }
}

impl AsRawFd for Transport {
    fn as_raw_fd(&self) -> RawFd {
        match self {
            Transport::Plain(stream) => stream.as_raw_fd(),
            Transport::Tls(tls) => tls.socket().as_raw_fd(),
        }
    }
}
