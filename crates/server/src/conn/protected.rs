//! Protected mode: while no password is set, only the loopback interface may connect; others
//! get Redis's explanation and are disconnected. It keeps a server started with defaults on
//! a public interface from serving the internet.

use std::net::IpAddr;

/// Redis's reply to a client refused by protected mode, byte for byte.
pub const DENIED: &[u8] = b"-DENIED Redis is running in protected mode because protected mode \
is enabled and no password is set for the default user. In this mode connections are only \
accepted from the loopback interface. If you want to connect from external computers to Redis \
you may adopt one of the following solutions: 1) Just disable protected mode sending the command \
'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same \
host the server is running, however MAKE SURE Redis is not publicly accessible from internet if \
you do so. Use CONFIG REWRITE to make this change permanent. 2) Alternatively you can just \
disable the protected mode by editing the Redis configuration file, and setting the protected \
mode option to 'no', and then restarting the server. 3) If you started the server manually just \
for testing, restart it with the '--protected-mode no' option. 4) Set up an authentication \
password for the default user. NOTE: You only need to do one of the above things in order for \
the server to start accepting connections from the outside.\r\n";

/// Whether a connection from `peer` must be refused: protected mode is on, no password is
/// set, and the peer is not on the loopback interface (an IPv4-mapped IPv6 loopback address
/// counts as loopback).
pub fn denies(protected_mode: bool, password_set: bool, peer: IpAddr) -> bool {
    protected_mode && !password_set && !is_local(peer)
}

fn is_local(peer: IpAddr) -> bool {
    match peer {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an IP address")
    }

    #[test]
    fn only_loopback_peers_pass_without_a_password() {
        for local in ["127.0.0.1", "127.3.2.1", "::1", "::ffff:127.0.0.1"] {
            assert!(!denies(true, false, ip(local)), "{local}");
        }
        for remote in ["10.0.0.5", "192.168.1.2", "::ffff:10.0.0.5", "2001:db8::1"] {
            assert!(denies(true, false, ip(remote)), "{remote}");
            assert!(!denies(true, true, ip(remote)), "{remote} with a password");
            assert!(!denies(false, false, ip(remote)), "{remote} unprotected");
        }
    }

    #[test]
    fn the_explanation_is_redis_s_to_the_byte_length() {
        assert_eq!(DENIED.len(), 1066);
        assert!(DENIED.ends_with(b"from the outside.\r\n"));
    }
}
