//! HTTPS for the class server (`--tls-cert`/`--tls-key`, PEM files): a rustls acceptor in
//! front of the TCP listener. Handshakes run in their own tasks with a deadline, so a slow or
//! broken client never holds up the others.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::server::TlsStream;

use super::ServerError;

/// How long a client may take to finish the TLS handshake.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The server's TLS configuration from a certificate chain and a private key, both PEM.
pub fn config(cert: &Path, key: &Path) -> Result<Arc<rustls::ServerConfig>, ServerError> {
    let tls = |message: String, hint: String| ServerError::Tls { message, hint };
    let (cert_path, key_path) = (cert.display().to_string(), key.display().to_string());
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| {
            tls(
                crate::t!(
                    "class-tls-cannot-read-cert",
                    path = cert_path.as_str(),
                    error = pem_error(&e)
                ),
                crate::t!("class-tls-cannot-read-cert-hint"),
            )
        })?;
    if certs.is_empty() {
        return Err(tls(
            crate::t!("class-tls-no-cert", path = cert_path.as_str()),
            crate::t!("class-tls-no-cert-hint"),
        ));
    }
    let key_der = PrivateKeyDer::from_pem_file(key).map_err(|e| {
        tls(
            crate::t!(
                "class-tls-cannot-read-key",
                path = key_path.as_str(),
                error = pem_error(&e)
            ),
            crate::t!("class-tls-cannot-read-key-hint"),
        )
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_no_client_auth().with_single_cert(certs, key_der))
        .map_err(|e| {
            tls(
                crate::t!("class-tls-mismatch", error = e.to_string()),
                crate::t!("class-tls-mismatch-hint"),
            )
        })?;
    Ok(Arc::new(config))
}

/// Why a PEM file cannot be read: an OS error by its kind in the instructor's language, else
/// the PEM reader's own words.
fn pem_error(e: &rustls_pki_types::pem::Error) -> String {
    match e {
        rustls_pki_types::pem::Error::Io(io) => crate::os_error::io(io),
        other => other.to_string(),
    }
}

/// Accepts TCP connections and hands on those that finished the TLS handshake.
pub struct TlsListener {
    local: std::net::SocketAddr,
    ready: mpsc::Receiver<(TlsStream<TcpStream>, std::net::SocketAddr)>,
}

impl TlsListener {
    pub fn new(tcp: TcpListener, config: Arc<rustls::ServerConfig>) -> std::io::Result<TlsListener> {
        let local = tcp.local_addr()?;
        let acceptor = TlsAcceptor::from(config);
        let (tx, ready) = mpsc::channel(64);
        tokio::spawn(async move {
            loop {
                let (stream, peer) = match tcp.accept().await {
                    Ok(s) => s,
                    Err(e) => {
                        tracing::debug!("accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                if tx.is_closed() {
                    break;
                }
                let acceptor = acceptor.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    match tokio::time::timeout(HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                        Ok(Ok(tls)) => {
                            let _ = tx.send((tls, peer)).await;
                        }
                        Ok(Err(e)) => tracing::debug!("TLS handshake with {peer} failed: {e}"),
                        Err(_) => tracing::debug!("TLS handshake with {peer} timed out"),
                    }
                });
            }
        });
        Ok(TlsListener { local, ready })
    }
}

impl axum::serve::Listener for TlsListener {
    type Io = TlsStream<TcpStream>;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.ready.recv().await {
            Some(conn) => conn,
            // The accepting task only ends when this listener is dropped.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.local)
    }
}
