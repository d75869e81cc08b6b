//! Faults on demand: a rehearsal cluster that misbehaves like a flaky real one, so the engine's
//! retries, watch recovery and lost-cluster detection can be proved, and an instructor can
//! rehearse a flaky cluster before class (`workshop rehearsal serve --faults SPEC`).
//!
//! Two parts. [`middleware`] sits in front of the router and, per request, may delay it, answer
//! an error status instead (429 with `Retry-After`, 5xx), answer a watch from a resourceVersion
//! with 410 Gone (as an ERROR event or as the HTTP status), drop the answer to a write it
//! processed, or end a watch stream early. [`lifecycle`] serves the port and, at the chosen
//! time, restarts the server without its data (port closed for `down`, then a fresh cluster
//! with new uids and resourceVersions from 1) or makes it vanish (port closed for good); a
//! vanishing can also come at the first request to a path (`vanish=@/apis`), which the
//! middleware announces and leaves unanswered.
//!
//! Every choice is reproducible: a request's draws come from the seed, the request's method and
//! path, and how many times that method and path were asked before, so the same client
//! behaviour meets the same faults whatever other requests interleave. The grammar is in
//! [`spec`] and docs/reliability.md.
//!
//! Depends on `state` and `status` only: it is handed the app and the serve function, so it never
//! imports the server that installs it.

pub mod spec;

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::StreamExt;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

pub use spec::{FaultSpec, FaultSpecError};

use crate::rehearsal::state::Shared;
use crate::rehearsal::status::ApiError;

/// Where the server is in its fault lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Answering (with the request faults of the spec).
    Serving,
    /// Restarting: the port is closed and the data is gone.
    Down,
    /// Back after a restart, without the old data.
    Restarted,
    /// Gone for good: the port is closed.
    Vanished,
}

/// How many faults were injected so far, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Injected {
    /// Error statuses answered, by status.
    pub errors: BTreeMap<u16, u64>,
    /// Writes processed and left unanswered.
    pub lost: u64,
    /// Watch streams ended early.
    pub cuts: u64,
    /// Watches answered with a 410 ERROR event.
    pub gone_events: u64,
    /// Watches answered with an HTTP 410.
    pub gone_statuses: u64,
    /// Requests delayed.
    pub delayed: u64,
    /// Restarts without data.
    pub restarts: u64,
}

/// What was injected, by the SPEC's keys: `500: 12, 503: 9, cut: 30` (or `none`).
impl std::fmt::Display for Injected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let counts = self
            .errors
            .iter()
            .map(|(code, n)| (code.to_string(), *n))
            .chain(
                [
                    ("lost", self.lost),
                    ("cut", self.cuts),
                    ("gone", self.gone_events),
                    ("gone-status", self.gone_statuses),
                    ("latency", self.delayed),
                    ("restart", self.restarts),
                ]
                .map(|(k, n)| (k.to_owned(), n)),
            )
            .filter(|(_, n)| *n > 0)
            .map(|(k, n)| format!("{k}: {n}"))
            .collect::<Vec<_>>();
        if counts.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&counts.join(", "))
        }
    }
}

impl Injected {
    /// All faults together.
    pub fn total(&self) -> u64 {
        self.errors.values().sum::<u64>()
            + self.lost
            + self.cuts
            + self.gone_events
            + self.gone_statuses
            + self.delayed
            + self.restarts
    }
}

/// The faults of one rehearsal cluster: the spec, the draw counters and what happened.
pub struct Faults {
    spec: FaultSpec,
    seen: Mutex<HashMap<String, u64>>,
    injected: Mutex<Injected>,
    phase: tokio::sync::watch::Sender<Phase>,
    restart_at: Option<Duration>,
    vanish_at: Option<Duration>,
    /// Set by the first request to the `vanish=@PATH` path; from then on nothing is answered.
    vanishing: std::sync::atomic::AtomicBool,
    /// Wakes the lifecycle to close the port for good (`vanish=@PATH`).
    vanish_now: tokio::sync::Notify,
}

/// A point drawn uniformly in a duration range.
fn within(rng: &mut fastrand::Rng, (lo, hi): (Duration, Duration)) -> Duration {
    lo + (hi - lo).mul_f64(rng.f64())
}

/// The seed of one draw: FNV-1a over the inputs (so the draws do not depend on the standard
/// library's hasher), then SplitMix64's finalizer, so neighbouring inputs draw independently.
fn fnv1a(seed: u64, key: &str, n: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed
        .to_le_bytes()
        .iter()
        .chain(key.as_bytes())
        .chain(n.to_le_bytes().iter())
    {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Faults {
    /// Faults as `spec` says; the restart and vanish times are drawn here.
    pub fn new(spec: FaultSpec) -> Faults {
        let mut rng = fastrand::Rng::with_seed(fnv1a(spec.seed, "lifecycle", 0));
        let restart_at = spec.restart.map(|r| within(&mut rng, r));
        let vanish_at = spec.vanish.map(|r| within(&mut rng, r));
        Faults {
            spec,
            seen: Mutex::new(HashMap::new()),
            injected: Mutex::new(Injected::default()),
            phase: tokio::sync::watch::channel(Phase::Serving).0,
            restart_at,
            vanish_at,
            vanishing: std::sync::atomic::AtomicBool::new(false),
            vanish_now: tokio::sync::Notify::new(),
        }
    }

    /// The specification.
    pub fn spec(&self) -> &FaultSpec {
        &self.spec
    }

    /// When the server restarts without its data, counted from its start.
    pub fn restart_at(&self) -> Option<Duration> {
        self.restart_at
    }

    /// When the server vanishes, counted from its start.
    pub fn vanish_at(&self) -> Option<Duration> {
        self.vanish_at
    }

    /// What was injected so far.
    pub fn injected(&self) -> Injected {
        self.injected.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The lifecycle phase, to wait on (`phase().wait_for(|p| *p == Phase::Restarted)`).
    pub fn phase(&self) -> tokio::sync::watch::Receiver<Phase> {
        self.phase.subscribe()
    }

    /// Whether the next `method` request to `path` (not a watch) loses its answer: the draw the
    /// fault layer makes, so a test can pick a seed. It counts as that request's draw.
    pub fn would_lose(&self, method: &str, path: &str) -> bool {
        let method = Method::from_bytes(method.as_bytes()).unwrap_or(Method::GET);
        let shape = Shape {
            method: &method,
            path,
            watch: false,
            resumes: false,
        };
        draw(&self.spec, &mut self.rng(&shape.key()), &shape).lost
    }

    fn count(&self, f: impl FnOnce(&mut Injected)) {
        f(&mut self.injected.lock().unwrap_or_else(|p| p.into_inner()));
    }

    /// The random source of one request: seeded by the spec's seed, the request's key and how
    /// many requests with that key came before.
    fn rng(&self, key: &str) -> fastrand::Rng {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let n = seen.entry(key.to_owned()).or_insert(0);
        *n += 1;
        fastrand::Rng::with_seed(fnv1a(self.spec.seed, key, *n))
    }
}

/// What one request will meet, drawn before it is handled.
#[derive(Debug, Default, PartialEq)]
struct Draw {
    delay: Option<Duration>,
    gone: Option<Gone>,
    status: Option<u16>,
    lost: bool,
    cut_events: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gone {
    Event,
    Status,
}

/// The parts of a request the faults look at.
struct Shape<'a> {
    method: &'a Method,
    path: &'a str,
    watch: bool,
    /// A watch from a resourceVersion (not "0", not a streaming list).
    resumes: bool,
}

impl Shape<'_> {
    fn key(&self) -> String {
        format!(
            "{} {}{}",
            self.method,
            self.path,
            if self.watch { "?watch" } else { "" }
        )
    }
}

fn draw(spec: &FaultSpec, rng: &mut fastrand::Rng, shape: &Shape<'_>) -> Draw {
    // The draws always happen in this order, so a given request key sees the same sequence.
    let delay = spec.latency.map(|l| within(rng, l));
    let u_gone = rng.f64();
    let u_status = rng.f64();
    let u_lost = rng.f64();
    let cut = spec.cut_events.map(|(lo, hi)| rng.u32(lo..=hi));
    let gone = if !shape.resumes {
        None
    } else if u_gone < spec.gone_event {
        Some(Gone::Event)
    } else if u_gone < spec.gone_event + spec.gone_status {
        Some(Gone::Status)
    } else {
        None
    };
    let mut acc = 0.0;
    let status = spec.errors.iter().filter(|e| e.applies_to(shape.path)).find_map(|e| {
        acc += e.share;
        (u_status < acc).then_some(e.code)
    });
    let writes = matches!(
        *shape.method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    Draw {
        delay,
        gone,
        status,
        lost: writes && u_lost < spec.lost && spec.lost_path.as_deref().is_none_or(|p| shape.path.starts_with(p)),
        cut_events: if shape.watch { cut } else { None },
    }
}

fn injected_status(code: u16, retry_after: u64) -> Response {
    let (reason, message) = match code {
        429 => ("TooManyRequests", "too many requests, please try again later"),
        500 => ("InternalError", "Internal error occurred"),
        502 => ("BadGateway", "bad gateway"),
        503 => (
            "ServiceUnavailable",
            "the server is currently unable to handle the request",
        ),
        _ => (
            "Timeout",
            "the server was unable to return a response in the time allotted",
        ),
    };
    let err = ApiError {
        code,
        reason,
        message: format!("injected {code}: {message} (rehearsal --faults)"),
        details: (code == 429).then(|| json!({"retryAfterSeconds": retry_after})),
    };
    let mut resp = err.into_response();
    if code == 429
        && let Ok(v) = HeaderValue::from_str(&retry_after.to_string())
    {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

fn gone(how: Gone, rv: &str) -> Response {
    let err = ApiError {
        code: 410,
        reason: "Expired",
        message: format!("too old resource version: {rv} (injected by rehearsal --faults)"),
        details: None,
    };
    match how {
        Gone::Status => err.into_response(),
        Gone::Event => {
            let mut line = serde_json::to_vec(&json!({"type": "ERROR", "object": err.to_status()})).unwrap_or_default();
            line.push(b'\n');
            (StatusCode::OK, [(header::CONTENT_TYPE, "application/json")], line).into_response()
        }
    }
}

/// A body that fails at once: the connection drops before the answer arrives.
fn lost_body() -> Body {
    Body::from_stream(futures::stream::once(async {
        Err::<Bytes, std::io::Error>(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "the answer was lost (rehearsal --faults lost)",
        ))
    }))
}

/// A watch body that ends after `events` lines or after `after`, whichever comes first.
fn cut_body(body: Body, events: Option<u32>, after: Option<Duration>) -> Body {
    struct Cut {
        inner: axum::body::BodyDataStream,
        left: Option<u32>,
        deadline: Option<std::pin::Pin<Box<tokio::time::Sleep>>>,
        done: bool,
    }
    let state = Cut {
        inner: body.into_data_stream(),
        left: events,
        deadline: after.map(|d| Box::pin(tokio::time::sleep(d))),
        done: false,
    };
    Body::from_stream(futures::stream::unfold(state, |mut st| async move {
        if st.done {
            return None;
        }
        let next = match st.deadline.as_mut() {
            Some(d) => tokio::select! {
                () = d.as_mut() => return None,
                n = st.inner.next() => n,
            },
            None => st.inner.next().await,
        };
        let chunk = match next {
            Some(Ok(c)) => c,
            _ => return None,
        };
        if let Some(left) = st.left.as_mut() {
            for (i, b) in chunk.iter().enumerate() {
                if *b == b'\n' {
                    *left -= 1;
                    if *left == 0 {
                        st.done = true;
                        return Some((Ok::<_, Infallible>(chunk.slice(..=i)), st));
                    }
                }
            }
        }
        Some((Ok(chunk), st))
    }))
}

/// The fault layer in front of the router (`axum::middleware::from_fn_with_state`).
pub async fn middleware(State(faults): State<Arc<Faults>>, req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().trim_end_matches('/').to_owned();
    let params: HashMap<String, String> = form_urlencoded::parse(req.uri().query().unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let flag = |k: &str| matches!(params.get(k).map(String::as_str), Some("true" | "1"));
    let watch = flag("watch") || path.split('/').any(|s| s == "watch");
    let rv = params.get("resourceVersion").cloned().unwrap_or_default();
    let shape = Shape {
        method: &method,
        path: &path,
        watch,
        resumes: watch && !rv.is_empty() && rv != "0" && !flag("sendInitialEvents"),
    };
    let spec = faults.spec();
    if let Some(on) = &spec.vanish_on {
        use std::sync::atomic::Ordering;
        if path.starts_with(on.as_str()) && !faults.vanishing.swap(true, Ordering::SeqCst) {
            tracing::debug!(%method, %path, "faults: the server vanishes at this request");
            // A permit is kept if the lifecycle is not waiting at this very moment.
            faults.vanish_now.notify_one();
        }
        if faults.vanishing.load(Ordering::SeqCst) {
            return Response::new(lost_body());
        }
    }
    let d = draw(spec, &mut faults.rng(&shape.key()), &shape);
    if let Some(delay) = d.delay {
        faults.count(|i| i.delayed += 1);
        tokio::time::sleep(delay).await;
    }
    if let Some(how) = d.gone {
        faults.count(|i| match how {
            Gone::Event => i.gone_events += 1,
            Gone::Status => i.gone_statuses += 1,
        });
        tracing::debug!(%method, %path, ?how, "faults: 410 Gone");
        return gone(how, &rv);
    }
    if let Some(code) = d.status {
        faults.count(|i| *i.errors.entry(code).or_default() += 1);
        tracing::debug!(%method, %path, code, "faults: error status");
        return injected_status(code, spec.retry_after);
    }
    let resp = next.run(req).await;
    if d.lost {
        faults.count(|i| i.lost += 1);
        tracing::debug!(%method, %path, "faults: answer lost");
        let (parts, _) = resp.into_parts();
        return Response::from_parts(parts, lost_body());
    }
    if watch && resp.status() == StatusCode::OK && (d.cut_events.is_some() || spec.cut_after.is_some()) {
        faults.count(|i| i.cuts += 1);
        let (parts, body) = resp.into_parts();
        return Response::from_parts(parts, cut_body(body, d.cut_events, spec.cut_after));
    }
    resp
}

/// Serves `app` on `listener` with `serve` until the cluster shuts down, restarting it without
/// its data or making it vanish when the spec says. `boot` recreates a fresh cluster's objects.
pub async fn lifecycle<S, F>(
    faults: Arc<Faults>,
    listener: TcpListener,
    app: axum::Router,
    shared: Arc<Shared>,
    serve: S,
    boot: impl Fn(&Shared) + Send,
) where
    S: Fn(TcpListener, axum::Router, CancellationToken) -> F + Send,
    F: Future<Output = ()> + Send + 'static,
{
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            tracing::error!("rehearsal faults: no local address: {e}");
            return;
        }
    };
    let start = Instant::now();
    let mut listener = Some(listener);
    let mut restart_at = faults.restart_at;
    loop {
        let Some(l) = listener.take() else { return };
        let epoch = shared.shutdown.child_token();
        let mut serving = tokio::spawn(serve(l, app.clone(), epoch.clone()));
        // The earliest event still to come: the restart (once), then the vanishing.
        let (at, vanish) = match (restart_at, faults.vanish_at) {
            (Some(r), Some(v)) if v <= r => (Some(v), true),
            (Some(r), _) => (Some(r), false),
            (None, Some(v)) => (Some(v), true),
            (None, None) => (None, false),
        };
        let until = async {
            match at {
                Some(at) => tokio::time::sleep_until(start + at).await,
                None => std::future::pending().await,
            }
        };
        let asked = async {
            match faults.spec.vanish_on {
                Some(_) => faults.vanish_now.notified().await,
                None => std::future::pending().await,
            }
        };
        let vanish = tokio::select! {
            () = shared.shutdown.cancelled() => {
                let _ = tokio::time::timeout(Duration::from_secs(5), &mut serving).await;
                return;
            }
            () = until => vanish,
            () = asked => true,
        };
        // Close the port, lose the data (which ends every open watch), let requests finish.
        epoch.cancel();
        shared.store.reset();
        if tokio::time::timeout(Duration::from_secs(5), &mut serving)
            .await
            .is_err()
        {
            // Aborting only asks; the task (and the port it holds) is gone once it is awaited,
            // so the phase below is never announced while the port still answers.
            serving.abort();
            let _ = serving.await;
        }
        if vanish {
            tracing::warn!(
                "rehearsal faults: the API server vanished (port {} closed)",
                addr.port()
            );
            faults.phase.send_replace(Phase::Vanished);
            return;
        }
        restart_at = None;
        tracing::warn!("rehearsal faults: the API server restarts without its data");
        faults.count(|i| i.restarts += 1);
        faults.phase.send_replace(Phase::Down);
        boot(&shared);
        tokio::select! {
            () = shared.shutdown.cancelled() => return,
            () = tokio::time::sleep(faults.spec.down) => {}
        }
        match TcpListener::bind(addr).await {
            Ok(l) => listener = Some(l),
            Err(e) => {
                tracing::error!("rehearsal faults: could not listen on {addr} again: {e}");
                faults.phase.send_replace(Phase::Vanished);
                return;
            }
        }
        faults.phase.send_replace(Phase::Restarted);
    }
}

#[cfg(test)]
mod tests;
