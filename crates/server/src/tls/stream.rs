//! One TLS connection: rustls driven by hand over the glommio socket.
//!
//! Ciphertext is read through the shard's [`NetPoller`] like every other socket read, fed to
//! rustls a record at a time, and the plaintext handed to the connection's input buffer;
//! plaintext replies are encrypted into one buffer and written with one `write_all`. The
//! handshake needs no phase of its own: it advances whenever the connection reads, and a
//! write that comes before it finished (protected mode's refusal, say) completes it first.

use std::io::{self, Read, Write};
use std::sync::Arc;

use futures_lite::AsyncWriteExt;
use glommio::net::TcpStream;
use rustls::{ServerConfig, ServerConnection};

use crate::conn::reader::NetPoller;

/// Ciphertext read from the socket at once: one full TLS record and its header.
const CIPHER_CHUNK: usize = 17 * 1024;

/// Encrypted replies buffered before they are written out, for big replies.
const FLUSH_AT: usize = 256 * 1024;

/// A server-side TLS session over a TCP socket.
pub struct TlsStream {
    stream: TcpStream,
    tls: ServerConnection,
    /// Ciphertext received; `cipher_in[start..end]` is not yet given to rustls.
    cipher_in: Box<[u8]>,
    start: usize,
    end: usize,
    /// Ciphertext waiting to be written.
    cipher_out: Vec<u8>,
}

impl TlsStream {
    /// Starts the server side of a TLS session on an accepted socket.
    pub fn new(stream: TcpStream, config: Arc<ServerConfig>) -> io::Result<TlsStream> {
        let tls = ServerConnection::new(config).map_err(io::Error::other)?;
        Ok(TlsStream {
            stream,
            tls,
            cipher_in: vec![0; CIPHER_CHUNK].into_boxed_slice(),
            start: 0,
            end: 0,
            cipher_out: Vec::new(),
        })
    }

    /// The TCP socket underneath.
    pub fn socket(&self) -> &TcpStream {
        &self.stream
    }

    /// Reads at least one byte of plaintext into `buf`; `Ok(0)` when the peer closed (with
    /// or without a `close_notify`).
    pub async fn read(&mut self, net: &NetPoller, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.tls.reader().read(buf) {
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
            if !self.feed(net).await? {
                return Ok(0);
            }
            // Handshake messages, session tickets, key updates: whatever rustls has to say.
            self.flush().await?;
        }
    }

    /// Encrypts and writes all of `plain`, completing the handshake first if needed.
    pub async fn write_all(&mut self, net: &NetPoller, mut plain: &[u8]) -> io::Result<()> {
        if self.tls.is_handshaking() {
            self.complete_handshake(net).await?;
        }
        while !plain.is_empty() {
            // rustls takes as much as its send buffer limit allows; draining it makes room.
            let taken = self.tls.writer().write(plain)?;
            plain = &plain[taken..];
            let drained = self.drain();
            if taken == 0 && drained == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            if self.cipher_out.len() >= FLUSH_AT {
                self.write_out().await?;
            }
        }
        self.flush().await
    }

    async fn complete_handshake(&mut self, net: &NetPoller) -> io::Result<()> {
        while self.tls.is_handshaking() {
            self.flush().await?;
            if !self.feed(net).await? {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
        }
        Ok(())
    }

    /// Gives rustls the next ciphertext, reading the socket when none is left over, and
    /// processes it. False at end of stream. A protocol error queues rustls's alert, sent
    /// here before the error is returned.
    async fn feed(&mut self, net: &NetPoller) -> io::Result<bool> {
        if self.start == self.end {
            let n = net.read(&self.stream, &mut self.cipher_in).await?;
            if n == 0 {
                return Ok(false);
            }
            self.start = 0;
            self.end = n;
        }
        let mut pending = &self.cipher_in[self.start..self.end];
        let used = self.tls.read_tls(&mut pending)?;
        if used == 0 {
            // rustls reads nothing more once the peer sent `close_notify`.
            return Ok(false);
        }
        self.start += used;
        if let Err(e) = self.tls.process_new_packets() {
            let peer = self.stream.peer_addr().ok();
            tracing::debug!(error = %e, ?peer, "TLS error, closing the connection");
            let _ = self.flush().await;
            return Err(io::Error::new(io::ErrorKind::InvalidData, e));
        }
        Ok(true)
    }

    /// Writes everything rustls has queued.
    async fn flush(&mut self) -> io::Result<()> {
        self.drain();
        self.write_out().await
    }

    /// Moves rustls's queued records into `cipher_out`; returns the bytes moved.
    fn drain(&mut self) -> usize {
        let mut moved = 0;
        while self.tls.wants_write() {
            // Writing into a Vec cannot fail.
            match self.tls.write_tls(&mut self.cipher_out) {
                Ok(n) if n > 0 => moved += n,
                _ => break,
            }
        }
        moved
    }

    async fn write_out(&mut self) -> io::Result<()> {
        if self.cipher_out.is_empty() {
            return Ok(());
        }
        let written = self.stream.write_all(&self.cipher_out).await;
        self.cipher_out.clear();
        if self.cipher_out.capacity() > 4 * FLUSH_AT {
            self.cipher_out = Vec::new();
        }
        written
    }
}
