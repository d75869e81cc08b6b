//! Transient API failures are retried, within a budget: a tower layer on the kube client, so
//! every read, watch start, patch and apply of every action and check gets it.
//!
//! Retried: 429 (after its `Retry-After`), 500, 502, 503, 504, a refused connection, a reset
//! connection, and no answer within [`ATTEMPT_TIMEOUT`]. Delays grow exponentially with jitter
//! from [`FIRST_DELAY`] to [`MAX_DELAY`]. The budget is the deadline of the innermost
//! [`within`] scope (a step's action timeout, a check's timeout), else [`DEFAULT_BUDGET`].
//!
//! Reads, applies, merge patches and replaces are the same done twice, so they are repeated
//! after any of those failures. Creates, deletes and JSON patches are not repeated here after a
//! failure that leaves their outcome unknown (500, 502, 504, a lost answer):
//! [`super::reconcile`] repeats creates and deletes and tells a lost answer to our own request
//! from somebody else's object. 429 and 503 mean the request was turned away, and a refused
//! connection means it never arrived: those are retried for every method.
//!
//! Every attempt is reported to [`Health`]: the progress line shows the last error while
//! retrying, and a refused connection starts the "cluster unreachable" clock.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use backon::BackoffBuilder;
use bytes::Bytes;
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use kube::client::{Body, DynBody};
use tokio::time::Instant;
use tower::buffer::Buffer;
use tower::{BoxError, Layer, Service, ServiceExt};

use super::health::{Health, LostError};

/// How long one attempt of a request (other than a watch) may take before it counts as lost.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(30);
/// The first delay between attempts (then doubled, with jitter, up to [`MAX_DELAY`]).
pub const FIRST_DELAY: Duration = Duration::from_millis(200);
/// The longest delay between attempts, unless the server's `Retry-After` asks for more.
pub const MAX_DELAY: Duration = Duration::from_secs(4);
/// How close to the deadline a last attempt is still worth making.
const LAST_ATTEMPT_MARGIN: Duration = Duration::from_millis(50);
/// The retry budget of requests made outside any step or check (connecting, cleanup).
pub const DEFAULT_BUDGET: Duration = Duration::from_secs(60);

type Answer = Response<Box<DynBody>>;
type Inner = Buffer<Request<Body>, Pin<Box<dyn Future<Output = Result<Answer, BoxError>> + Send>>>;

tokio::task_local! {
    static SCOPE: Scope;
}

/// The budget of the requests a future makes, and what the last failed one was.
#[derive(Clone)]
struct Scope {
    deadline: Instant,
    /// Retry a refused connection (false while connecting: a cluster that is not there at
    /// the start is reported at once).
    retry_unreachable: bool,
    last_failure: Arc<Mutex<Option<FailedRequest>>>,
}

impl Scope {
    fn record(&self, request: &str, code: Option<u16>) {
        *self.last_failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(FailedRequest {
            request: request.to_owned(),
            code,
        });
    }
}

/// A request that failed for good: for the failure report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedRequest {
    /// `GET /apis/policy/v1beta1`.
    pub request: String,
    /// The HTTP status, if there was an answer.
    pub code: Option<u16>,
}

/// Runs `fut` with its API requests retried until `deadline`.
pub async fn within<F: Future>(deadline: std::time::Instant, fut: F) -> F::Output {
    scoped(deadline, true, fut).await
}

/// Runs `fut` with its API requests retried until `deadline`, except that a refused connection
/// fails at once.
pub async fn within_no_wait<F: Future>(deadline: std::time::Instant, fut: F) -> F::Output {
    scoped(deadline, false, fut).await
}

async fn scoped<F: Future>(deadline: std::time::Instant, retry_unreachable: bool, fut: F) -> F::Output {
    let scope = Scope {
        deadline: Instant::from_std(deadline),
        retry_unreachable,
        last_failure: Arc::default(),
    };
    SCOPE.scope(scope, fut).await
}

/// The request that failed last in the current [`within`] scope, if any.
pub fn last_failed_request() -> Option<FailedRequest> {
    SCOPE
        .try_with(|s| s.last_failure.lock().unwrap_or_else(|p| p.into_inner()).clone())
        .ok()
        .flatten()
}

/// The deadline of the current scope: until when failed requests are retried.
pub fn deadline() -> std::time::Instant {
    scope().deadline.into_std()
}

/// Delays between attempts: exponential from [`FIRST_DELAY`] to [`MAX_DELAY`], with jitter.
pub(crate) fn backoff() -> backon::ExponentialBackoff {
    backon::ExponentialBuilder::default()
        .with_min_delay(FIRST_DELAY)
        .with_max_delay(MAX_DELAY)
        .with_factor(2.0)
        .with_jitter()
        .without_max_times()
        .build()
}

fn scope() -> Scope {
    SCOPE.try_with(Scope::clone).unwrap_or_else(|_| Scope {
        deadline: Instant::now() + DEFAULT_BUDGET,
        retry_unreachable: true,
        last_failure: Arc::default(),
    })
}

/// The layer: wraps kube's own service stack.
#[derive(Clone)]
pub struct RetryLayer {
    health: Arc<Health>,
}

impl RetryLayer {
    pub fn new(health: Arc<Health>) -> RetryLayer {
        RetryLayer { health }
    }
}

impl<S> Layer<S> for RetryLayer
where
    S: Service<Request<Body>, Response = Answer, Error = BoxError> + Send + 'static,
    S::Future: Send + 'static,
{
    type Service = Retry;

    fn layer(&self, inner: S) -> Retry {
        let inner = inner.map_future(|f| Box::pin(f) as Pin<Box<dyn Future<Output = _> + Send>>);
        Retry {
            inner: Buffer::new(inner, 256),
            health: self.health.clone(),
        }
    }
}

/// The service the layer makes.
#[derive(Clone)]
pub struct Retry {
    inner: Inner,
    health: Arc<Health>,
}

impl Service<Request<Body>> for Retry {
    type Response = Answer;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Answer, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        // The ready clone goes into the future; a fresh one stays for the next call.
        let fresh = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, fresh);
        let health = self.health.clone();
        Box::pin(send(inner, health, req))
    }
}

/// What kind of request this is, for what may be retried and how the answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A watch: the answer streams; only its start is retried.
    Watch,
    /// A websocket upgrade (exec, port-forward): passed through untouched.
    Upgrade,
    /// Anything else: the answer is read whole.
    Plain,
}

fn kind_of(req: &Request<Body>) -> Kind {
    if req.headers().contains_key(header::UPGRADE) {
        return Kind::Upgrade;
    }
    let query = req.uri().query().unwrap_or_default();
    let watch = form_urlencoded::parse(query.as_bytes()).any(|(k, v)| k == "watch" && (v == "true" || v == "1"))
        || req.uri().path().split('/').any(|s| s == "watch");
    if watch { Kind::Watch } else { Kind::Plain }
}

/// Whether doing the request twice is the same as doing it once, so it may be repeated after
/// a failure that leaves its outcome unknown: reads, applies, merge and strategic-merge
/// patches, replaces; not creates, deletes, or JSON patches (an `add` to a list would add twice).
fn repeatable(req: &Request<Body>) -> bool {
    match *req.method() {
        Method::POST | Method::DELETE => false,
        Method::PATCH => req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_none_or(|ct| !ct.starts_with("application/json-patch")),
        _ => true,
    }
}

/// `GET /api/v1/namespaces/x/pods` (with `?watch` for a watch): no query, which may carry
/// selectors the learner did not write.
fn describe(req: &Request<Body>, kind: Kind) -> String {
    let watch = if kind == Kind::Watch { "?watch" } else { "" };
    format!("{} {}{watch}", req.method(), req.uri().path())
}

/// How a failed attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The server answered a status worth retrying.
    Status { code: u16, retry_after: Option<Duration> },
    /// The connection was refused (or could not be made): the request never arrived.
    Unreachable(String),
    /// The connection broke or no answer came: the request may or may not have been done.
    Broken(String),
}

impl Failure {
    /// For the progress line: `API answers 500`, `connection refused`.
    pub(crate) fn what(&self) -> String {
        match self {
            Failure::Status { code, .. } => crate::t!("retry-api-answers", code = code.to_string()),
            Failure::Unreachable(why) | Failure::Broken(why) => why.clone(),
        }
    }

    /// Whether the request surely was not done, so even a create or delete may be repeated.
    fn turned_away(&self) -> bool {
        matches!(self, Failure::Status { code: 429 | 503, .. } | Failure::Unreachable(_))
    }
}

/// Whether a status is worth another attempt.
pub(crate) fn transient(code: u16) -> bool {
    matches!(code, 429 | 500 | 502 | 503 | 504)
}

/// Classifies a transport error: refused (never arrived) or broken (may have arrived).
fn transport(e: &(dyn std::error::Error + 'static)) -> Failure {
    let mut src = Some(e);
    let mut connect = false;
    let mut refused = false;
    // The learner reads the operating system's error by its kind (src/os_error.rs).
    let mut text = e.to_string().to_lowercase();
    while let Some(s) = src {
        if let Some(h) = s.downcast_ref::<hyper_util::client::legacy::Error>() {
            connect |= h.is_connect();
        }
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            refused = io.kind() == std::io::ErrorKind::ConnectionRefused;
            connect |= refused;
            text = crate::os_error::io(io);
        }
        src = s.source();
    }
    if connect {
        Failure::Unreachable(if refused || text.contains("refused") {
            crate::t!("retry-connection-refused")
        } else {
            crate::t!("retry-cannot-connect", error = text)
        })
    } else {
        Failure::Broken(crate::t!("retry-connection-broken", error = text))
    }
}

fn retry_after(resp: &Answer) -> Option<Duration> {
    resp.headers()
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// A watch refused because the server has not reached the resourceVersion: the server lost
/// data, or lags. Not retried: the watcher must list again, and [`Health`] checks the cluster.
fn too_large(body: &[u8]) -> bool {
    String::from_utf8_lossy(body).contains("Too large resource version")
}

/// A copy of a body read whole, kept in the answer's extensions.
#[derive(Clone)]
struct ReadWhole(Bytes);

fn rebuild(mut parts: http::response::Parts, body: Bytes) -> Answer {
    parts.extensions.insert(ReadWhole(body.clone()));
    let body = http_body_util::Full::new(body).map_err(|never| -> BoxError { match never {} });
    Response::from_parts(parts, Box::new(body) as Box<DynBody>)
}

fn clone_request(req: &Request<Body>) -> Option<Request<Body>> {
    let body = req.body().try_clone()?;
    let mut out = Request::new(body);
    *out.method_mut() = req.method().clone();
    *out.uri_mut() = req.uri().clone();
    *out.version_mut() = req.version();
    *out.headers_mut() = req.headers().clone();
    *out.extensions_mut() = req.extensions().clone();
    Some(out)
}

/// One attempt, its answer read whole unless it streams.
async fn attempt(inner: &mut Inner, req: Request<Body>, kind: Kind) -> Result<Answer, BoxError> {
    let call = async {
        let resp = inner.ready().await?.call(req).await?;
        if kind == Kind::Upgrade || (kind == Kind::Watch && resp.status() == StatusCode::OK) {
            return Ok(resp);
        }
        let (parts, body) = resp.into_parts();
        let bytes = body.collect().await?.to_bytes();
        Ok(rebuild(parts, bytes))
    };
    if kind == Kind::Plain {
        match tokio::time::timeout(ATTEMPT_TIMEOUT, call).await {
            Ok(r) => r,
            Err(_) => Err(crate::t!("retry-no-answer", seconds = ATTEMPT_TIMEOUT.as_secs()).into()),
        }
    } else {
        call.await
    }
}

async fn send(mut inner: Inner, health: Arc<Health>, req: Request<Body>) -> Result<Answer, BoxError> {
    if let Some(lost) = health.lost() {
        return Err(Box::new(LostError(lost)));
    }
    let kind = kind_of(&req);
    let request = describe(&req, kind);
    let repeatable = repeatable(&req);
    let scope = scope();
    let mut backoff = backoff();
    let mut next = Some(req);
    loop {
        let req = next.take().expect("a request is prepared before every attempt");
        let again = clone_request(&req);
        let result = attempt(&mut inner, req, kind).await;
        let failure = match &result {
            Err(e) => transport(e.as_ref()),
            Ok(resp) if transient(resp.status().as_u16()) => {
                let code = resp.status().as_u16();
                if kind == Kind::Watch && code == 504 && too_large(&body_of(resp)) {
                    health.answered();
                    health.request_verify();
                    return result;
                }
                Failure::Status {
                    code,
                    retry_after: retry_after(resp),
                }
            }
            Ok(resp) => {
                health.answered();
                if resp.status().as_u16() >= 400 {
                    scope.record(&request, Some(resp.status().as_u16()));
                }
                return result;
            }
        };
        health.failed(&failure, &request);
        let may_repeat = repeatable || failure.turned_away();
        let may_wait = scope.retry_unreachable || !matches!(failure, Failure::Unreachable(_));
        let delay = backoff.next().unwrap_or(MAX_DELAY).min(MAX_DELAY);
        let delay = match &failure {
            Failure::Status {
                retry_after: Some(after),
                ..
            } => delay.max(*after),
            _ => delay,
        };
        // The last attempt comes at the deadline rather than not at all.
        let left = scope.deadline.saturating_duration_since(Instant::now());
        let delay = delay.min(left.saturating_sub(LAST_ATTEMPT_MARGIN));
        let in_time = left > LAST_ATTEMPT_MARGIN;
        match again {
            Some(again) if kind != Kind::Upgrade && may_repeat && may_wait && in_time => {
                tracing::debug!(%request, failure = %failure.what(), ?delay, "retrying an API request");
                tokio::select! {
                    () = tokio::time::sleep(delay) => {}
                    lost = health.lost_signal() => return Err(Box::new(LostError(lost))),
                }
                next = Some(again);
            }
            _ => {
                let code = match &failure {
                    Failure::Status { code, .. } => Some(*code),
                    _ => None,
                };
                scope.record(&request, code);
                return match health.lost() {
                    Some(lost) => Err(Box::new(LostError(lost))),
                    None => result,
                };
            }
        }
    }
}

/// The body of an answer read whole by [`attempt`] (empty for a streaming one).
fn body_of(resp: &Answer) -> Bytes {
    resp.extensions()
        .get::<ReadWhole>()
        .map(|b| b.0.clone())
        .unwrap_or_default()
}

/// How a request that kube-rs reports as failed failed, if that is worth another attempt.
pub(crate) fn failure_of(e: &kube::Error) -> Option<Failure> {
    match e {
        kube::Error::Api(s) if transient(s.code) => Some(Failure::Status {
            code: s.code,
            retry_after: None,
        }),
        kube::Error::HyperError(_) | kube::Error::Service(_) if LostError::within(e).is_none() => Some(transport(e)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, uri: &str, content_type: Option<&str>) -> Request<Body> {
        let mut b = Request::builder().method(method).uri(uri);
        if let Some(ct) = content_type {
            b = b.header(header::CONTENT_TYPE, ct);
        }
        b.body(Body::empty()).expect("request")
    }

    #[test]
    fn watches_and_upgrades_are_told_apart() {
        assert_eq!(
            kind_of(&req("GET", "/api/v1/pods?watch=true&resourceVersion=5", None)),
            Kind::Watch
        );
        assert_eq!(kind_of(&req("GET", "/api/v1/watch/pods", None)), Kind::Watch);
        assert_eq!(kind_of(&req("GET", "/api/v1/pods?limit=1", None)), Kind::Plain);
        let mut ws = req("GET", "/api/v1/namespaces/a/pods/p/portforward", None);
        ws.headers_mut()
            .insert(header::UPGRADE, http::HeaderValue::from_static("websocket"));
        assert_eq!(kind_of(&ws), Kind::Upgrade);
        assert_eq!(
            describe(
                &req("GET", "/api/v1/pods?watch=1&labelSelector=a%3Db", None),
                Kind::Watch
            ),
            "GET /api/v1/pods?watch"
        );
    }

    #[test]
    fn only_what_is_the_same_done_twice_is_repeated_after_an_unknown_outcome() {
        assert!(repeatable(&req("GET", "/api/v1/pods", None)));
        assert!(repeatable(&req(
            "PATCH",
            "/apis/apps/v1/namespaces/a/deployments/d",
            Some("application/apply-patch+yaml")
        )));
        assert!(repeatable(&req(
            "PATCH",
            "/apis/apps/v1/namespaces/a/deployments/d",
            Some("application/merge-patch+json")
        )));
        assert!(!repeatable(&req(
            "PATCH",
            "/apis/apps/v1/namespaces/a/deployments/d",
            Some("application/json-patch+json")
        )));
        assert!(!repeatable(&req("POST", "/api/v1/namespaces/a/pods", None)));
        assert!(!repeatable(&req("DELETE", "/api/v1/namespaces/a/pods/p", None)));
    }

    #[test]
    fn what_is_retried() {
        for code in [429, 500, 502, 503, 504] {
            assert!(transient(code), "{code}");
        }
        for code in [400, 401, 403, 404, 409, 410, 422] {
            assert!(!transient(code), "{code}");
        }
        let turned_away = |code| {
            Failure::Status {
                code,
                retry_after: None,
            }
            .turned_away()
        };
        assert!(turned_away(429) && turned_away(503));
        assert!(!turned_away(500) && !turned_away(502) && !turned_away(504));
        assert!(Failure::Unreachable("connection refused".into()).turned_away());
        assert!(!Failure::Broken("connection reset".into()).turned_away());
        assert!(too_large(br#"{"message":"Too large resource version: 9, current: 3"}"#));
    }

    #[test]
    fn a_refused_connection_is_told_from_a_broken_one() {
        let refused = std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "Connection refused (os error 111)",
        );
        assert_eq!(transport(&refused), Failure::Unreachable("connection refused".into()));
        let reset = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer");
        assert!(matches!(transport(&reset), Failure::Broken(_)));
    }

    #[tokio::test]
    async fn a_scope_sets_the_deadline_and_keeps_the_failed_request() {
        let deadline = std::time::Instant::now() + Duration::from_secs(7);
        within(deadline, async move {
            assert_eq!(super::deadline(), deadline);
            scope().record("GET /api/v1/pods", Some(500));
            assert_eq!(
                last_failed_request(),
                Some(FailedRequest {
                    request: "GET /api/v1/pods".into(),
                    code: Some(500)
                })
            );
        })
        .await;
        assert_eq!(last_failed_request(), None, "outside any scope");
    }
}
