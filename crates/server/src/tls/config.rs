//! Turning the `tls-*` directives into a rustls server configuration, once, at start-up.
//!
//! Every problem is a start-up error naming the directive or file at fault: Redis refuses to
//! start with a TLS port it cannot serve, and so do we.

use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context};
use config::Config;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, SupportedProtocolVersion};

/// Whether and how client certificates are asked for (`tls-auth-clients`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// Not asked for.
    No,
    /// Required, and verified against the CA.
    Yes,
    /// Asked for and verified when sent; a client without one is accepted.
    Optional,
}

impl ClientAuth {
    fn from_config(config: &Config) -> ClientAuth {
        match config.get_one("tls-auth-clients").as_deref() {
            Some("no") => ClientAuth::No,
            Some("optional") => ClientAuth::Optional,
            _ => ClientAuth::Yes,
        }
    }
}

/// The TLS port and the configuration its connections use, or `None` when `tls-port` is 0.
pub fn from_config(config: &Config) -> anyhow::Result<Option<(u16, Arc<ServerConfig>)>> {
    let port = u16::try_from(config.number("tls-port")).unwrap_or(0);
    if port == 0 {
        return Ok(None);
    }
    let server_config = build(config).context("configuring TLS")?;
    Ok(Some((port, Arc::new(server_config))))
}

fn build(config: &Config) -> anyhow::Result<ServerConfig> {
    for ignored in ["tls-ciphers", "tls-ciphersuites"] {
        if !config.text(ignored).is_empty() {
            tracing::info!(
                directive = ignored,
                "ignored: rustls offers only its own modern cipher suites"
            );
        }
    }
    if !config.text("tls-key-file-pass").is_empty() {
        bail!(
            "tls-key-file-pass is not supported: decrypt the key first \
             (openssl pkey -in encrypted.key -out plain.key) and leave tls-key-file-pass unset"
        );
    }
    let provider = provider();
    let versions = protocol_versions(config.text("tls-protocols"))?;
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&versions)
        .map_err(|e| anyhow!("tls-protocols: {e}"))?;
    let builder = match ClientAuth::from_config(config) {
        ClientAuth::No => builder.with_no_client_auth(),
        auth => {
            let roots = Arc::new(client_roots(config)?);
            let verifier = WebPkiClientVerifier::builder_with_provider(roots, provider);
            let verifier = if auth == ClientAuth::Optional {
                verifier.allow_unauthenticated()
            } else {
                verifier
            };
            let verifier = verifier
                .build()
                .map_err(|e| anyhow!("the CA certificates cannot verify clients: {e}"))?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let certs = load_certs(required(config, "tls-cert-file")?)?;
    let key = load_key(required(config, "tls-key-file")?)?;
    builder
        .with_single_cert(certs, key)
        .map_err(|e| anyhow!("tls-cert-file and tls-key-file do not make a usable pair: {e}"))
}

/// The versions `tls-protocols` names ("TLSv1.2 TLSv1.3", any case); both when empty.
pub fn protocol_versions(spec: &str) -> anyhow::Result<Vec<&'static SupportedProtocolVersion>> {
    let mut versions = Vec::new();
    for name in spec.split_whitespace() {
        let version = match name.to_ascii_lowercase().as_str() {
            "tlsv1.2" => &rustls::version::TLS12,
            "tlsv1.3" => &rustls::version::TLS13,
            "tlsv1" | "tlsv1.1" => bail!(
                "tls-protocols: {name} is not supported (only TLSv1.2 and TLSv1.3 are: the \
                 older versions are insecure)"
            ),
            _ => bail!("tls-protocols: invalid protocol {name:?} (use TLSv1.2 and/or TLSv1.3)"),
        };
        if !versions.contains(&version) {
            versions.push(version);
        }
    }
    if versions.is_empty() {
        versions = vec![&rustls::version::TLS12, &rustls::version::TLS13];
    }
    Ok(versions)
}

fn required<'a>(config: &'a Config, name: &str) -> anyhow::Result<&'a str> {
    match config.text(name) {
        "" => bail!("{name} must be set when tls-port is not 0"),
        path => Ok(path),
    }
}

/// Every certificate of a PEM file (a chain: the server's first).
fn load_certs(path: &str) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let certs = CertificateDer::pem_file_iter(path)
        .and_then(|iter| iter.collect::<Result<Vec<_>, _>>())
        .map_err(|e| anyhow!("loading certificates from {path}: {e}"))?;
    if certs.is_empty() {
        bail!("{path} holds no PEM certificate");
    }
    Ok(certs)
}

fn load_key(path: &str) -> anyhow::Result<PrivateKeyDer<'static>> {
    let text = std::fs::read(path).with_context(|| format!("reading tls-key-file {path}"))?;
    if text.windows(9).any(|w| w == b"ENCRYPTED") {
        bail!(
            "{path} is an encrypted key, which is not supported: decrypt it first \
             (openssl pkey -in {path} -out plain.key)"
        );
    }
    PrivateKeyDer::from_pem_slice(&text)
        .map_err(|e| anyhow!("loading the private key from {path}: {e}"))
}

/// The CAs client certificates must chain to: `tls-ca-cert-file` and every certificate file
/// in `tls-ca-cert-dir`.
fn client_roots(config: &Config) -> anyhow::Result<RootCertStore> {
    let file = config.text("tls-ca-cert-file");
    let dir = config.text("tls-ca-cert-dir");
    if file.is_empty() && dir.is_empty() {
        bail!(
            "either tls-ca-cert-file or tls-ca-cert-dir must be set when tls-auth-clients \
             is yes or optional"
        );
    }
    let mut roots = RootCertStore::empty();
    if !file.is_empty() {
        for cert in load_certs(file)? {
            roots
                .add(cert)
                .map_err(|e| anyhow!("a CA certificate in {file}: {e}"))?;
        }
    }
    if !dir.is_empty() {
        add_dir(&mut roots, Path::new(dir))?;
    }
    if roots.is_empty() {
        bail!("no usable CA certificate in tls-ca-cert-file or tls-ca-cert-dir");
    }
    Ok(roots)
}

/// Adds the certificates of every file in `dir` that holds PEM certificates; other files
/// (OpenSSL's hash links to the same files, CRLs, keys) add nothing.
fn add_dir(roots: &mut RootCertStore, dir: &Path) -> anyhow::Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("reading tls-ca-cert-dir {dir:?}"))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(iter) = CertificateDer::pem_file_iter(&path) else {
            continue;
        };
        let certs: Vec<_> = iter.filter_map(Result::ok).collect();
        let (added, _ignored) = roots.add_parsable_certificates(certs);
        tracing::debug!(?path, added, "CA certificates from tls-ca-cert-dir");
    }
    Ok(())
}

/// The crypto provider: ring (aws-lc-rs would need cmake and nasm to build).
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocols_default_to_both_and_parse_any_case() {
        assert_eq!(protocol_versions("").unwrap().len(), 2);
        let only12 = protocol_versions("tlsv1.2").unwrap();
        assert_eq!(only12.len(), 1);
        assert_eq!(only12[0].version, rustls::ProtocolVersion::TLSv1_2);
        assert_eq!(protocol_versions("TLSv1.3 TLSv1.3").unwrap().len(), 1);
    }

    #[test]
    fn old_and_unknown_protocols_are_refused_by_name() {
        let old = protocol_versions("TLSv1.1 TLSv1.2")
            .unwrap_err()
            .to_string();
        assert!(old.contains("TLSv1.1 is not supported"), "{old}");
        let bad = protocol_versions("SSLv3").unwrap_err().to_string();
        assert!(bad.contains("invalid protocol"), "{bad}");
    }

    #[test]
    fn a_tls_port_without_files_is_refused() {
        let mut config = Config::new();
        let args = ["--tls-port", "6380", "--tls-auth-clients", "no"];
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        config.apply_args(&args).unwrap();
        let err = format!("{:#}", from_config(&config).unwrap_err());
        assert!(err.contains("tls-cert-file must be set"), "{err}");
    }

    #[test]
    fn auth_clients_without_a_ca_is_refused() {
        let mut config = Config::new();
        let args = ["--tls-port", "6380", "--tls-auth-clients", "yes"];
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        config.apply_args(&args).unwrap();
        let err = format!("{:#}", from_config(&config).unwrap_err());
        assert!(err.contains("tls-ca-cert-file or tls-ca-cert-dir"), "{err}");
    }
}
