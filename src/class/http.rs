//! The HTTP(S) client of class mode (the learner's stream, the terminal board, pull mode):
//! hyper over rustls, trusting the system's CA certificates, or the file `SSL_CERT_FILE`
//! names (a classroom's self-signed certificate). Every request has a deadline.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::protocol::{
    BAD_ANNOUNCEMENT, BAD_NAME, ErrorBody, MAX_ANNOUNCEMENT, MAX_NAME, NOT_A_LEARNER, WRONG_JOIN_CODE, WRONG_KEY,
};

/// How long one request may take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, thiserror::Error)]
pub enum HttpError {
    /// The URL cannot be used.
    #[error("`{url}` is not a class server URL: {why}")]
    BadUrl { url: String, why: String },
    /// No answer (refused, timed out, TLS failed): `why` for logs, `said` in the learner's
    /// language.
    #[error("{why}")]
    Unreachable { why: String, said: String },
    /// The server answered with an error.
    #[error("the class server answered {status}: {error}")]
    Status {
        status: u16,
        error: String,
        hint: Option<String>,
        /// What the refusal is (protocol::ErrorBody::code), to say it in the learner's language.
        code: Option<String>,
    },
    /// The server's answer is not what was expected.
    #[error("the class server's answer is not understood: {0}")]
    Decode(String),
}

impl HttpError {
    /// Whether trying again later can help (the server is away or busy).
    pub fn is_transient(&self) -> bool {
        match self {
            HttpError::Unreachable { .. } => true,
            HttpError::Status { status, .. } => *status == 429 || *status >= 500,
            _ => false,
        }
    }

    /// The error for the learner's terminal, in the learner's language (the `Display` text,
    /// for logs, stays English).
    pub fn localized(&self) -> String {
        match self {
            HttpError::BadUrl { url, why } => crate::t!("class-bad-url", url = url.as_str(), why = why.as_str()),
            HttpError::Unreachable { said, .. } => said.clone(),
            HttpError::Status {
                status, error, code, ..
            } => {
                let error = match code.as_deref() {
                    Some(WRONG_JOIN_CODE) => crate::t!("class-refused-wrong-join-code"),
                    Some(BAD_NAME) => crate::t!("class-refused-bad-name", max = MAX_NAME),
                    Some(NOT_A_LEARNER) => crate::t!("class-refused-not-a-learner"),
                    Some(WRONG_KEY) => crate::t!("board-wrong-key"),
                    Some(BAD_ANNOUNCEMENT) => crate::t!("class-refused-bad-announcement", max = MAX_ANNOUNCEMENT),
                    _ => error.clone(),
                };
                crate::t!("class-server-answered", status = *status, error = error)
            }
            HttpError::Decode(why) => crate::t!("class-not-understood", why = why.as_str()),
        }
    }
}

/// A client for one class server.
#[derive(Clone)]
pub struct HttpClient {
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
    /// `http://host:port` (with a path prefix, if any), no trailing slash.
    pub base: String,
}

/// Splits a board URL into the server's base and the instructor key in its `?key=`.
pub fn split_key(url: &str) -> (String, Option<String>) {
    match url.split_once('?') {
        Some((base, query)) => {
            let key = form_urlencoded::parse(query.as_bytes())
                .find(|(k, _)| k == "key")
                .map(|(_, v)| v.into_owned());
            (base.trim_end_matches('/').to_owned(), key)
        }
        None => (url.trim_end_matches('/').to_owned(), None),
    }
}

impl HttpClient {
    /// A client for the server at `url` (`http://…` or `https://…`).
    pub fn new(url: &str) -> Result<HttpClient, HttpError> {
        let (base, _) = split_key(url.trim());
        let bad = |why: String| HttpError::BadUrl {
            url: url.to_owned(),
            why,
        };
        let uri: hyper::Uri = base.parse().map_err(|_| bad(crate::t!("class-url-unparsable")))?;
        if !matches!(uri.scheme_str(), Some("http" | "https")) {
            return Err(bad(crate::t!("class-url-scheme")));
        }
        if uri.host().is_none() {
            return Err(bad(crate::t!("class-url-no-host")));
        }
        let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
        let builder = hyper_rustls::HttpsConnectorBuilder::new();
        let connector = match builder.with_provider_and_native_roots(provider.clone()) {
            Ok(b) => b.https_or_http().enable_http1().build(),
            Err(e) => {
                if uri.scheme_str() == Some("https") {
                    return Err(bad(crate::t!("class-url-no-ca", error = crate::os_error::io(&e))));
                }
                let config = rustls::ClientConfig::builder_with_provider(provider)
                    .with_safe_default_protocol_versions()
                    .map_err(|e| bad(e.to_string()))?
                    .with_root_certificates(rustls::RootCertStore::empty())
                    .with_no_client_auth();
                hyper_rustls::HttpsConnectorBuilder::new()
                    .with_tls_config(config)
                    .https_or_http()
                    .enable_http1()
                    .build()
            }
        };
        let client = Client::builder(TokioExecutor::new()).build(connector);
        Ok(HttpClient { client, base })
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str, bearer: Option<&str>) -> Result<T, HttpError> {
        self.send("GET", path, bearer, Bytes::new()).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        bearer: Option<&str>,
        body: &B,
    ) -> Result<T, HttpError> {
        let body = serde_json::to_vec(body).map_err(|e| HttpError::Decode(e.to_string()))?;
        self.send("POST", path, bearer, Bytes::from(body)).await
    }

    async fn send<T: DeserializeOwned>(
        &self,
        method: &str,
        path: &str,
        bearer: Option<&str>,
        body: Bytes,
    ) -> Result<T, HttpError> {
        let url = format!("{}{path}", self.base);
        let mut req = hyper::Request::builder()
            .method(method)
            .uri(&url)
            .header("accept", "application/json");
        if !body.is_empty() {
            req = req.header("content-type", "application/json");
        }
        if let Some(t) = bearer {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        let req = req.body(Full::new(body)).map_err(|e| HttpError::BadUrl {
            url: url.clone(),
            why: e.to_string(),
        })?;
        let exchange = async {
            let resp = self.client.request(req).await.map_err(|e| unreachable(&e))?;
            let status = resp.status().as_u16();
            let bytes = resp
                .into_body()
                .collect()
                .await
                .map_err(|e| unreachable(&e))?
                .to_bytes();
            Ok::<_, HttpError>((status, bytes))
        };
        let (status, bytes) =
            tokio::time::timeout(REQUEST_TIMEOUT, exchange)
                .await
                .map_err(|_| HttpError::Unreachable {
                    why: format!("no answer within {}s", REQUEST_TIMEOUT.as_secs()),
                    said: crate::t!("class-no-answer-within", seconds = REQUEST_TIMEOUT.as_secs()),
                })??;
        if !(200..300).contains(&status) {
            let body: Option<ErrorBody> = serde_json::from_slice(&bytes).ok();
            return Err(HttpError::Status {
                status,
                error: body
                    .as_ref()
                    .map(|b| b.error.clone())
                    .unwrap_or_else(|| String::from_utf8_lossy(&bytes).chars().take(200).collect()),
                hint: body.as_ref().and_then(|b| b.hint.clone()),
                code: body.and_then(|b| b.code),
            });
        }
        serde_json::from_slice(&bytes).map_err(|e| HttpError::Decode(e.to_string()))
    }
}

/// A failed connection: its innermost cause (`Connection refused (os error 111)`) for logs,
/// and for the learner in their language.
fn unreachable(e: &(dyn std::error::Error + 'static)) -> HttpError {
    let mut cur: &(dyn std::error::Error + 'static) = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    HttpError::Unreachable {
        why: cur.to_string(),
        said: crate::os_error::cause(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_comes_off_a_board_url() {
        assert_eq!(
            split_key("http://127.0.0.1:8080/?key=abc"),
            ("http://127.0.0.1:8080".to_owned(), Some("abc".to_owned()))
        );
        assert_eq!(split_key("https://h:1/"), ("https://h:1".to_owned(), None));
    }

    #[tokio::test]
    async fn bad_urls_are_refused_at_once() {
        assert!(matches!(HttpClient::new("ftp://h"), Err(HttpError::BadUrl { .. })));
        assert!(matches!(HttpClient::new("nonsense"), Err(HttpError::BadUrl { .. })));
        assert!(HttpClient::new("http://127.0.0.1:9").is_ok());
    }
}
