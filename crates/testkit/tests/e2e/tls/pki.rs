//! A throw-away certificate authority made with rcgen: a CA, a server certificate for
//! 127.0.0.1 and localhost, and client certificates, written as PEM files to a temp folder
//! that is removed on drop.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate and its key, as DER for rustls and as PEM files for the server and redis-cli.
pub struct Identity {
    /// The certificate, DER.
    pub cert: CertificateDer<'static>,
    /// The PKCS#8 private key, DER.
    pub key_der: Vec<u8>,
    /// The certificate, as a PEM file.
    pub cert_file: PathBuf,
    /// The private key, as a PEM file.
    pub key_file: PathBuf,
}

impl Identity {
    /// The private key, as rustls wants it.
    pub fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone()))
    }
}

/// The files of one test's PKI.
pub struct Pki {
    /// The temp folder holding the files.
    pub dir: PathBuf,
    /// The certificate authority.
    pub ca: Identity,
    /// For 127.0.0.1 and localhost, signed by the CA.
    pub server: Identity,
    /// Signed by the CA.
    pub client: Identity,
    /// Self-signed: no chain to the CA.
    pub stranger: Identity,
}

impl Pki {
    /// Generates every certificate and writes them to a fresh temp folder.
    pub fn new() -> Pki {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ringkv-tls-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("creating the PKI folder");

        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "ringkv test CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca_params.self_signed(&ca_key).expect("self-signing the CA");

        let leaf = |names: &[&str], purpose: ExtendedKeyUsagePurpose| {
            let key = KeyPair::generate().expect("leaf key");
            let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            let mut params = CertificateParams::new(names).expect("leaf params");
            params.extended_key_usages = vec![purpose];
            (params, key)
        };
        let (server_params, server_key) = leaf(
            &["localhost", "127.0.0.1"],
            ExtendedKeyUsagePurpose::ServerAuth,
        );
        let server_cert = server_params
            .signed_by(&server_key, &ca_cert, &ca_key)
            .expect("signing the server certificate");
        let (client_params, client_key) = leaf(&["client"], ExtendedKeyUsagePurpose::ClientAuth);
        let client_cert = client_params
            .signed_by(&client_key, &ca_cert, &ca_key)
            .expect("signing the client certificate");
        let (stranger_params, stranger_key) =
            leaf(&["stranger"], ExtendedKeyUsagePurpose::ClientAuth);
        let stranger_cert = stranger_params
            .self_signed(&stranger_key)
            .expect("self-signing the stranger");

        let write = |name: &str, cert: &rcgen::Certificate, key: &KeyPair| {
            let cert_file = dir.join(format!("{name}.crt"));
            let key_file = dir.join(format!("{name}.key"));
            std::fs::write(&cert_file, cert.pem()).expect("writing a certificate");
            std::fs::write(&key_file, key.serialize_pem()).expect("writing a key");
            Identity {
                cert: cert.der().clone(),
                key_der: key.serialize_der(),
                cert_file,
                key_file,
            }
        };
        Pki {
            ca: write("ca", &ca_cert, &ca_key),
            server: write("server", &server_cert, &server_key),
            client: write("client", &client_cert, &client_key),
            stranger: write("stranger", &stranger_cert, &stranger_key),
            dir,
        }
    }

    /// A path inside the PKI folder (for files a test writes itself).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> String {
    path.to_str().expect("temp paths are UTF-8").to_string()
}
