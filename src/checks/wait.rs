//! The waiting machinery every cluster check shares: a kube-runtime watcher on the objects the
//! check looks at, the check's condition evaluated on every event (never a sleep loop), the
//! watch re-established with backoff if it drops, and a timeout around it all.
//!
//! A watch that can no longer resume lists again: kube-runtime's watcher does that for a
//! `410 Gone` ERROR event, but retries the same resourceVersion forever when the 410 (or a
//! "Too large resource version", after a restart without data) is the HTTP status of the watch
//! request; [`until`] then starts a fresh watcher, which lists first. API requests made while
//! waiting are retried until the wait's deadline, and the progress line says what fails.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use futures::StreamExt;
use kube::Api;
use kube::api::DynamicObject;
use kube::runtime::WatchStreamExt;
use kube::runtime::watcher::{self, Event};

use crate::engine::cluster::{Connection, Resolved, plain_error, retry};
use tokio_util::sync::CancellationToken;

/// Delays between attempts to re-establish a watch (exponential, with jitter, reset by any
/// event): short, since the API server is local or close.
const WATCH_BACKOFF: (Duration, Duration) = (Duration::from_millis(200), Duration::from_secs(4));

/// The objects a check watches.
#[derive(Debug, Clone)]
pub struct Target {
    pub resolved: Resolved,
    /// For a namespaced kind; `None` watches every namespace.
    pub namespace: Option<String>,
    /// One object by name (a `metadata.name` field selector).
    pub name: Option<String>,
    /// A label selector.
    pub labels: Option<String>,
}

/// What the condition says about the objects seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub done: bool,
    /// The state in a few words: `1/3 ready`, `phase Pending`, `not found`.
    pub observed: String,
}

impl Observation {
    pub fn done(observed: impl Into<String>) -> Self {
        Observation {
            done: true,
            observed: observed.into(),
        }
    }

    pub fn waiting(observed: impl Into<String>) -> Self {
        Observation {
            done: false,
            observed: observed.into(),
        }
    }
}

/// How a wait ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitEnd {
    Done {
        observed: String,
        at: Instant,
    },
    TimedOut {
        observed: String,
        last_error: Option<String>,
        /// The cluster was listed and none of the watched objects was there at the end.
        missing: bool,
    },
    Interrupted,
}

/// Watches `target` until `eval` is done, the timeout passes or the run is interrupted.
/// `progress` is called with the latest observation on every event and once a second.
pub async fn until(
    cancel: &CancellationToken,
    conn: &Connection,
    target: &Target,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
    eval: impl Fn(&[&DynamicObject]) -> Observation,
) -> WaitEnd {
    let api = if target.namespace.is_none() && target.resolved.namespaced {
        Api::all_with(conn.client.clone(), &target.resolved.ar)
    } else {
        conn.api(&target.resolved, target.namespace.as_deref())
    };
    let mut cfg = watcher::Config::default();
    if let Some(n) = &target.name {
        cfg = cfg.fields(&format!("metadata.name={n}"));
    }
    if let Some(l) = &target.labels {
        cfg = cfg.labels(l);
    }
    watch_until(cancel, conn, api, cfg, timeout, progress, eval).await
}

/// A watch request the watcher cannot resume: it must list again.
fn needs_relist(e: &watcher::Error) -> bool {
    match e {
        watcher::Error::WatchStartFailed(kube::Error::Api(s)) | watcher::Error::WatchFailed(kube::Error::Api(s)) => {
            s.code == 410 || (s.code == 504 && s.message.contains("Too large resource version"))
        }
        watcher::Error::WatchError(s) => s.code == 410,
        _ => false,
    }
}

fn objects_watcher(
    api: Api<DynamicObject>,
    cfg: watcher::Config,
) -> impl futures::Stream<Item = Result<Event<DynamicObject>, watcher::Error>> + Send {
    let backoff = backon::ExponentialBuilder::default()
        .with_min_delay(WATCH_BACKOFF.0)
        .with_max_delay(WATCH_BACKOFF.1)
        .with_jitter()
        .without_max_times();
    watcher::watcher(api, cfg).backoff(watcher::ExponentialBackoff::from(backoff))
}

/// [`until`] for an API and watcher configuration of the caller's own.
pub async fn watch_until(
    cancel: &CancellationToken,
    conn: &Connection,
    api: Api<DynamicObject>,
    cfg: watcher::Config,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
    eval: impl Fn(&[&DynamicObject]) -> Observation,
) -> WaitEnd {
    let deadline = Instant::now() + timeout;
    retry::within(deadline, watch_loop(cancel, conn, api, cfg, deadline, progress, eval)).await
}

async fn watch_loop(
    cancel: &CancellationToken,
    conn: &Connection,
    api: Api<DynamicObject>,
    cfg: watcher::Config,
    deadline: Instant,
    progress: &(dyn Fn(&str, Duration) + Sync),
    eval: impl Fn(&[&DynamicObject]) -> Observation,
) -> WaitEnd {
    let health = conn.health().clone();
    let mut stream = Box::pin(objects_watcher(api.clone(), cfg.clone()));
    let start = Instant::now();
    let until_deadline = tokio::time::sleep_until(deadline.into());
    tokio::pin!(until_deadline);
    let mut tick = tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(1),
        Duration::from_secs(1),
    );
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut health_changed = health.subscribe();

    let key = |o: &DynamicObject| {
        (
            o.metadata.namespace.clone().unwrap_or_default(),
            o.metadata.name.clone().unwrap_or_default(),
        )
    };
    let mut objects: BTreeMap<(String, String), DynamicObject> = BTreeMap::new();
    let mut buffer: BTreeMap<(String, String), DynamicObject> = BTreeMap::new();
    let mut listed = false;
    let mut observed = crate::t!("seen-first-answer");
    let mut last_error: Option<String> = None;
    // The observation, with what fails while requests are retried.
    let line = |observed: &str| match health.status_line() {
        Some(trouble) => format!("{observed} · {trouble}"),
        None => observed.to_owned(),
    };

    loop {
        tokio::select! {
            biased;
            _ = cancel.cancelled() => return WaitEnd::Interrupted,
            ev = stream.next() => {
                match ev {
                    None => {
                        // The stream never ends on its own; treat an end like a dropped watch.
                        last_error = Some(crate::t!("seen-watch-ended"));
                        continue;
                    }
                    Some(Err(e)) => {
                        last_error = Some(watch_error(&e));
                        if needs_relist(&e) {
                            tracing::debug!("watch cannot resume ({}); listing again", watch_error(&e));
                            stream = Box::pin(objects_watcher(api.clone(), cfg.clone()));
                        }
                        progress(&line(&crate::t!("seen-watch-retrying", observed = observed.as_str())), start.elapsed());
                        continue;
                    }
                    Some(Ok(Event::Init)) => buffer.clear(),
                    Some(Ok(Event::InitApply(o))) => { buffer.insert(key(&o), o); }
                    Some(Ok(Event::InitDone)) => {
                        objects = std::mem::take(&mut buffer);
                        listed = true;
                    }
                    Some(Ok(Event::Apply(o))) => {
                        if let Some(rv) = &o.metadata.resource_version {
                            health.saw_rv(rv);
                        }
                        objects.insert(key(&o), o);
                    }
                    Some(Ok(Event::Delete(o))) => { objects.remove(&key(&o)); }
                }
                if !listed {
                    continue;
                }
                let seen: Vec<&DynamicObject> = objects.values().collect();
                let obs = eval(&seen);
                observed = obs.observed;
                if obs.done {
                    return WaitEnd::Done { observed, at: Instant::now() };
                }
                progress(&line(&observed), start.elapsed());
            }
            r = health_changed.changed() => {
                if r.is_ok() {
                    progress(&line(&observed), start.elapsed());
                }
            }
            _ = tick.tick() => progress(&line(&observed), start.elapsed()),
            _ = &mut until_deadline => {
                let last_error = health.last_error().or(last_error);
                let missing = listed && objects.is_empty();
                return WaitEnd::TimedOut { observed, last_error, missing };
            }
        }
    }
}

fn watch_error(e: &watcher::Error) -> String {
    match e {
        watcher::Error::InitialListFailed(k) | watcher::Error::WatchStartFailed(k) | watcher::Error::WatchFailed(k) => {
            plain_error(k)
        }
        other => other.to_string(),
    }
}

/// Reads a field as a string, through a dotted path of object keys.
pub fn str_at<'a>(v: &'a serde_json::Value, path: &[&str]) -> Option<&'a str> {
    at(v, path).and_then(|x| x.as_str())
}

pub fn i64_at(v: &serde_json::Value, path: &[&str]) -> Option<i64> {
    at(v, path).and_then(|x| x.as_i64())
}

pub fn at<'a>(v: &'a serde_json::Value, path: &[&str]) -> Option<&'a serde_json::Value> {
    path.iter().try_fold(v, |cur, k| cur.get(*k))
}

/// The status of condition `type` in `status.conditions`.
pub fn condition<'a>(data: &'a serde_json::Value, type_: &str) -> Option<&'a str> {
    at(data, &["status", "conditions"])?
        .as_array()?
        .iter()
        .find(|c| c.get("type").and_then(|t| t.as_str()) == Some(type_))?
        .get("status")?
        .as_str()
}

/// A Pod that is Ready and not being deleted.
pub fn pod_ready(o: &DynamicObject) -> bool {
    o.metadata.deletion_timestamp.is_none() && condition(&o.data, "Ready") == Some("True")
}
