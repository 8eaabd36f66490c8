//! A minimal blocking RESP client over `std::net::TcpStream`.
//!
//! It sends commands as arrays of bulk strings (or arbitrary raw bytes) and reads replies back
//! as raw bytes, exactly as the server wrote them, so that differential tests can compare bytes.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::time::Duration;

use crate::reply::frame::frame_len;
use crate::reply::value::Value;

/// How long a read may block before a test fails instead of hanging.
pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(20);

/// A blocking connection that reads one reply at a time.
pub struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
    // Bytes of `buf` before `start` were already handed out as replies.
    start: usize,
}

/// Encodes a command as a RESP array of bulk strings.
pub fn encode_command<A: AsRef<[u8]>>(args: &[A]) -> Vec<u8> {
    let mut out =
        Vec::with_capacity(16 + args.iter().map(|a| a.as_ref().len() + 16).sum::<usize>());
    out.extend_from_slice(format!("*{}\r\n", args.len()).as_bytes());
    for arg in args {
        let arg = arg.as_ref();
        out.extend_from_slice(format!("${}\r\n", arg.len()).as_bytes());
        out.extend_from_slice(arg);
        out.extend_from_slice(b"\r\n");
    }
    out
}

impl Client {
    /// Connects to 127.0.0.1:`port` with the default read timeout.
    pub fn connect(port: u16) -> io::Result<Client> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        stream.set_read_timeout(Some(DEFAULT_READ_TIMEOUT))?;
        stream.set_write_timeout(Some(DEFAULT_READ_TIMEOUT))?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream,
            buf: Vec::with_capacity(64 * 1024),
            start: 0,
        })
    }

    /// Changes how long one read may block.
    pub fn set_read_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        self.stream.set_read_timeout(Some(timeout))
    }

    /// A second handle on the same socket, e.g. for a writer thread while this one reads.
    pub fn try_clone_stream(&self) -> io::Result<TcpStream> {
        self.stream.try_clone()
    }

    /// Sends one command without waiting for its reply.
    pub fn send<A: AsRef<[u8]>>(&mut self, args: &[A]) -> io::Result<()> {
        self.stream.write_all(&encode_command(args))
    }

    /// Sends bytes exactly as given (inline commands, partial frames, garbage).
    pub fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    /// Sends one command and returns its raw reply.
    pub fn call_raw<A: AsRef<[u8]>>(&mut self, args: &[A]) -> io::Result<Vec<u8>> {
        self.send(args)?;
        self.read_raw()
    }

    /// Sends one command and returns its decoded reply.
    pub fn call<A: AsRef<[u8]>>(&mut self, args: &[A]) -> io::Result<Value> {
        self.send(args)?;
        self.read_value()
    }

    /// Reads one complete reply and returns its raw bytes.
    pub fn read_raw(&mut self) -> io::Result<Vec<u8>> {
        loop {
            let pending = &self.buf[self.start..];
            let found =
                frame_len(pending).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            if let Some(len) = found {
                let reply = pending[..len].to_vec();
                self.consume(len);
                return Ok(reply);
            }
            if self.fill()? == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!(
                        "connection closed with {} bytes of a partial reply",
                        pending_len(self)
                    ),
                ));
            }
        }
    }

    /// Reads one complete reply and decodes it.
    pub fn read_value(&mut self) -> io::Result<Value> {
        let raw = self.read_raw()?;
        Value::decode(&raw).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    /// Waits until the server closes the connection, returning any bytes it sent first.
    /// Fails on timeout, so a server that keeps a broken connection open is caught.
    pub fn read_until_closed(&mut self) -> io::Result<Vec<u8>> {
        loop {
            match self.fill() {
                Ok(0) => break,
                Ok(_) => continue,
                // A reset is also a close; the server may not linger on a bad client.
                Err(e) if e.kind() == io::ErrorKind::ConnectionReset => break,
                Err(e) => return Err(e),
            }
        }
        let rest = self.buf[self.start..].to_vec();
        self.consume(rest.len());
        Ok(rest)
    }

    /// Half-closes the write side, as a client that has sent everything would.
    pub fn shutdown_write(&self) -> io::Result<()> {
        self.stream.shutdown(Shutdown::Write)
    }

    fn consume(&mut self, len: usize) {
        self.start += len;
        // Compact only when the consumed prefix dominates, so that reading many small pipelined
        // replies does not move the buffer once per reply.
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        } else if self.start > 64 * 1024 && self.start * 2 > self.buf.len() {
            self.buf.drain(..self.start);
            self.start = 0;
        }
    }

    fn fill(&mut self) -> io::Result<usize> {
        let old_len = self.buf.len();
        let chunk = 256 * 1024;
        self.buf.resize(old_len + chunk, 0);
        let result = self.stream.read(&mut self.buf[old_len..]);
        let read = *result.as_ref().unwrap_or(&0);
        self.buf.truncate(old_len + read);
        result
    }
}

fn pending_len(client: &Client) -> usize {
    client.buf.len() - client.start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_encode_as_arrays_of_bulk_strings() {
        assert_eq!(
            encode_command(&["SET", "k", ""]),
            b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n".to_vec()
        );
    }
}
