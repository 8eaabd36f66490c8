//! TLS (`tls-port`): rustls with the ring provider, driven by hand over the shard's sockets so
//! that a TLS connection is served by exactly the same loop as a plain one.
//!
//! Start-up turns the `tls-*` directives into one [`rustls::ServerConfig`] ([`config`]); each
//! shard then listens on `tls-port` beside `port`, and every connection accepted there gets a
//! [`transport::Transport::Tls`] instead of a plain socket.

pub mod config;
pub mod stream;
pub mod transport;
