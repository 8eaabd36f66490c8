//! A blocking RESP client over rustls, for talking to ringkv's TLS port.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::ServerName;
use rustls::{
    ClientConfig, ClientConnection, RootCertStore, StreamOwned, SupportedProtocolVersion,
};
use testkit::reply::frame::frame_len;
use testkit::{encode_command, Value};

use super::pki::{Identity, Pki};

/// Both TLS versions rustls speaks.
pub const ALL_VERSIONS: &[&SupportedProtocolVersion] =
    &[&rustls::version::TLS12, &rustls::version::TLS13];

/// A client configuration that trusts the PKI's CA, offering `identity` when asked for a
/// certificate, and speaking only `versions`.
pub fn config(
    pki: &Pki,
    identity: Option<&Identity>,
    versions: &[&'static SupportedProtocolVersion],
) -> Arc<ClientConfig> {
    let mut roots = RootCertStore::empty();
    roots
        .add(pki.ca.cert.clone())
        .expect("trusting the test CA");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(versions)
        .expect("protocol versions")
        .with_root_certificates(roots);
    let config = match identity {
        Some(id) => builder
            .with_client_auth_cert(vec![id.cert.clone()], id.key())
            .expect("client certificate"),
        None => builder.with_no_client_auth(),
    };
    Arc::new(config)
}

/// A TLS connection that reads one reply at a time.
pub struct TlsClient {
    stream: StreamOwned<ClientConnection, TcpStream>,
    buf: Vec<u8>,
}

impl TlsClient {
    /// Connects to 127.0.0.1:`port` and completes the handshake.
    pub fn connect(port: u16, config: Arc<ClientConfig>) -> io::Result<TlsClient> {
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let sock = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        sock.set_read_timeout(Some(Duration::from_secs(20)))?;
        sock.set_write_timeout(Some(Duration::from_secs(20)))?;
        sock.set_nodelay(true)?;
        let name = ServerName::try_from("localhost").expect("a valid name");
        let conn = ClientConnection::new(config, name).map_err(io::Error::other)?;
        let mut stream = StreamOwned::new(conn, sock);
        while stream.conn.is_handshaking() {
            stream.conn.complete_io(&mut stream.sock)?;
        }
        Ok(TlsClient {
            stream,
            buf: Vec::new(),
        })
    }

    /// Sends raw plaintext bytes (several commands make a pipeline).
    pub fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)?;
        self.stream.flush()
    }

    /// Sends one command and returns its decoded reply.
    pub fn call<A: AsRef<[u8]>>(&mut self, args: &[A]) -> io::Result<Value> {
        self.send_raw(&encode_command(args))?;
        self.read_value()
    }

    /// Reads one complete reply.
    pub fn read_value(&mut self) -> io::Result<Value> {
        loop {
            let found =
                frame_len(&self.buf).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            if let Some(len) = found {
                let value = Value::decode(&self.buf[..len])
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
                self.buf.drain(..len);
                return Ok(value);
            }
            let mut chunk = [0u8; 64 * 1024];
            let n = self.stream.read(&mut chunk)?;
            if n == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// Whether the server refuses a client with `config`: the handshake fails, or the first
/// command gets no reply (TLS 1.3 servers reject a client certificate after the client
/// already considers the handshake done).
pub fn refused(port: u16, config: Arc<ClientConfig>) -> bool {
    match TlsClient::connect(port, config) {
        Err(_) => true,
        Ok(mut client) => client.call(&["PING"]).is_err(),
    }
}
