//! The cluster's health as the client sees it: the failure being retried now (for the progress
//! line), how long the API server has refused connections, and whether the cluster is lost:
//! gone for longer than the grace, or replaced by another (restarted without its data).
//!
//! The retry layer reports every attempt here. A monitor task per connection waits on those
//! reports, never on a clock of its own: when refused connections have lasted the grace it asks
//! once more and declares the cluster gone; when the cluster answers again after a broken
//! connection, or a watch meets a resourceVersion the server has not reached, it checks the
//! cluster is still the one the run started with (the `kube-system` namespace's uid, and
//! resourceVersions that never go backwards).

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use k8s_openapi::api::core::v1::Namespace;
use kube::Client;
use kube::api::{Api, ListParams};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use super::retry::{self, Failure};

/// How long the API server may refuse connections before the step fails, by default.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(30);
/// How long refused connections last before the progress line says the cluster is unreachable.
pub const UNREACHABLE_NOTICE: Duration = Duration::from_secs(3);
/// How long other failures last before the progress line says them (one retried at once is
/// not worth a word).
pub const TROUBLE_NOTICE: Duration = Duration::from_secs(1);
/// How long the checks of the cluster's identity may take.
const VERIFY_BUDGET: Duration = Duration::from_secs(10);

/// Why the run cannot go on with this cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lost {
    /// The API server refused connections for longer than the grace.
    Vanished {
        /// Wall-clock time of the first refusal, `14:02:11`.
        since: String,
        grace: Duration,
        /// The last error, `connection refused`.
        last: String,
    },
    /// Another cluster answers at the same address: restarted without its data.
    Replaced {
        /// What gave it away.
        why: String,
    },
}

impl Lost {
    /// The one-line message of a step that fails for it.
    pub fn message(&self) -> String {
        match self {
            Lost::Vanished { since, grace, last } => crate::t!(
                "health-vanished",
                last = last.as_str(),
                since = since.as_str(),
                seconds = grace.as_secs()
            ),
            Lost::Replaced { why } => crate::t!("health-replaced", why = why.as_str()),
        }
    }
}

/// A request refused because the cluster is lost.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.message())]
pub struct LostError(pub Lost);

impl LostError {
    /// The loss behind an error, anywhere in its chain of sources.
    pub fn within<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a Lost> {
        let mut src = Some(e);
        while let Some(s) = src {
            if let Some(l) = s.downcast_ref::<LostError>() {
                return Some(&l.0);
            }
            src = s.source();
        }
        None
    }
}

/// The failure being retried now.
#[derive(Debug, Clone)]
struct Trouble {
    since: Instant,
    what: String,
    request: String,
    /// A transport failure (not a status): the cluster is checked when it answers again.
    transport: bool,
}

#[derive(Debug, Clone)]
struct Unreachable {
    since: Instant,
    clock: String,
    last: String,
}

#[derive(Default)]
struct State {
    trouble: Option<Trouble>,
    unreachable: Option<Unreachable>,
}

/// What the client knows about the cluster's health. Shared by the retry layer, the monitor,
/// the progress lines and the runner.
pub struct Health {
    state: Mutex<State>,
    changed: watch::Sender<u64>,
    verify: Notify,
    lost: watch::Sender<Option<Lost>>,
    grace_ms: AtomicU64,
    high_water_rv: AtomicU64,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            state: Mutex::default(),
            changed: watch::channel(0).0,
            verify: Notify::new(),
            lost: watch::channel(None).0,
            grace_ms: AtomicU64::new(DEFAULT_GRACE.as_millis() as u64),
            high_water_rv: AtomicU64::new(0),
        }
    }
}

fn secs(d: Duration) -> String {
    format!("{} s", d.as_secs())
}

impl Health {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n += 1);
    }

    /// How long refused connections may last before the cluster counts as gone.
    pub fn grace(&self) -> Duration {
        Duration::from_millis(self.grace_ms.load(Ordering::Relaxed))
    }

    pub fn set_grace(&self, grace: Duration) {
        self.grace_ms.store(grace.as_millis() as u64, Ordering::Relaxed);
        self.bump();
    }

    /// The API server answered (anything but a failure worth retrying).
    pub(crate) fn answered(&self) {
        let mut st = self.state();
        if st.trouble.is_none() && st.unreachable.is_none() {
            return;
        }
        let check = st.trouble.as_ref().is_some_and(|t| t.transport) || st.unreachable.is_some();
        st.trouble = None;
        st.unreachable = None;
        drop(st);
        if check {
            self.request_verify();
        }
        self.bump();
    }

    /// An attempt failed in a way worth retrying.
    pub(crate) fn failed(&self, failure: &Failure, request: &str) {
        let mut st = self.state();
        let what = failure.what();
        let now = Instant::now();
        let transport = !matches!(failure, Failure::Status { .. });
        match &mut st.trouble {
            Some(t) if t.what == what => {
                t.request = request.to_owned();
            }
            t => {
                let since = t.as_ref().map_or(now, |t| t.since);
                *t = Some(Trouble {
                    since,
                    what: what.clone(),
                    request: request.to_owned(),
                    transport,
                });
            }
        }
        if let Failure::Unreachable(why) = failure {
            match &mut st.unreachable {
                Some(u) => u.last = why.clone(),
                None => {
                    st.unreachable = Some(Unreachable {
                        since: now,
                        clock: jiff::Zoned::now().strftime("%H:%M:%S").to_string(),
                        last: why.clone(),
                    })
                }
            }
        }
        drop(st);
        self.bump();
    }

    /// What the progress line adds while requests fail: `API answers 500 since 4 s; retrying`,
    /// or `cluster unreachable since 14:02:11 (9 s); …` after [`UNREACHABLE_NOTICE`].
    pub fn status_line(&self) -> Option<String> {
        let st = self.state();
        if let Some(u) = &st.unreachable
            && u.since.elapsed() >= UNREACHABLE_NOTICE
        {
            return Some(crate::t!(
                "health-unreachable",
                clock = u.clock.as_str(),
                elapsed = secs(u.since.elapsed()),
                last = u.last.as_str(),
                grace = secs(self.grace())
            ));
        }
        st.trouble
            .as_ref()
            .filter(|t| t.since.elapsed() >= TROUBLE_NOTICE)
            .map(|t| {
                crate::t!(
                    "health-retrying",
                    what = t.what.as_str(),
                    elapsed = secs(t.since.elapsed())
                )
            })
    }

    /// What [`Health::status_line`] is about, to say it once per kind of failure: the
    /// unreachable notice, or the failure being retried (`API answers 500`).
    pub fn status_kind(&self) -> Option<String> {
        let st = self.state();
        if let Some(u) = &st.unreachable
            && u.since.elapsed() >= UNREACHABLE_NOTICE
        {
            return Some("unreachable".to_owned());
        }
        st.trouble
            .as_ref()
            .filter(|t| t.since.elapsed() >= TROUBLE_NOTICE)
            .map(|t| t.what.clone())
    }

    /// The failure being retried now, with its request: `API answers 500 (GET /api/v1/pods)`.
    pub fn last_error(&self) -> Option<String> {
        self.state()
            .trouble
            .as_ref()
            .map(|t| format!("{} ({})", t.what, t.request))
    }

    /// The request failing now: `GET /apis/policy/v1beta1`.
    pub fn failing_request(&self) -> Option<String> {
        self.state().trouble.as_ref().map(|t| t.request.clone())
    }

    /// A receiver that changes whenever the health does (for progress lines).
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed.subscribe()
    }

    /// Asks the monitor to check the cluster is still the one it was.
    pub(crate) fn request_verify(&self) {
        self.verify.notify_one();
    }

    /// A resourceVersion seen in an answer: they never go backwards on the same cluster.
    pub fn saw_rv(&self, rv: &str) {
        if let Ok(n) = rv.parse::<u64>() {
            self.high_water_rv.fetch_max(n, Ordering::Relaxed);
        }
    }

    /// The loss, once declared.
    pub fn lost(&self) -> Option<Lost> {
        self.lost.borrow().clone()
    }

    /// Waits until the cluster is declared lost.
    pub async fn lost_signal(&self) -> Lost {
        let mut rx = self.lost.subscribe();
        let lost = rx.wait_for(Option::is_some).await.ok().and_then(|l| l.clone());
        match lost {
            Some(l) => l,
            None => std::future::pending().await,
        }
    }

    pub(crate) fn declare(&self, lost: Lost) {
        tracing::warn!("{}", lost.message());
        self.lost.send_if_modified(|l| {
            if l.is_none() {
                *l = Some(lost);
                true
            } else {
                false
            }
        });
        self.bump();
    }

    /// When the cluster counts as gone if refusals go on.
    fn gone_at(&self) -> Option<Instant> {
        self.state().unreachable.as_ref().map(|u| u.since + self.grace())
    }
}

/// Watches over one connection until `stop`: declares the cluster gone or replaced.
pub(crate) async fn monitor(
    health: std::sync::Arc<Health>,
    client: Client,
    identity: Option<String>,
    stop: CancellationToken,
) {
    let mut changed = health.subscribe();
    loop {
        let gone_at = health.gone_at();
        let until_gone = async {
            match gone_at {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = stop.cancelled() => return,
            () = health.verify.notified() => verify(&health, &client, identity.as_deref()).await,
            r = changed.changed() => if r.is_err() { return },
            () = until_gone => {
                // One last question before giving up on it.
                let probe = retry::within_no_wait(std::time::Instant::now() + Duration::from_secs(5), client.apiserver_version()).await;
                if probe.is_err() && health.gone_at().is_some_and(|at| at <= Instant::now()) {
                    let st = health.state();
                    let lost = st.unreachable.as_ref().map(|u| Lost::Vanished {
                        since: u.clock.clone(),
                        grace: health.grace(),
                        last: u.last.clone(),
                    });
                    drop(st);
                    if let Some(lost) = lost {
                        health.declare(lost);
                    }
                }
            }
        }
        if health.lost().is_some() {
            return;
        }
    }
}

/// Whether the cluster is still the one it was: the same `kube-system` uid, resourceVersions
/// not below the highest seen. Inconclusive answers (errors) leave it to the next check.
async fn verify(health: &Health, client: &Client, identity: Option<&str>) {
    let nss: Api<Namespace> = Api::all(client.clone());
    let ask = async {
        let kube_system = nss.get_opt("kube-system").await?;
        let list = nss.list_metadata(&ListParams::default().limit(1)).await?;
        Ok::<_, kube::Error>((kube_system.and_then(|n| n.metadata.uid), list.metadata.resource_version))
    };
    let Ok((uid, rv)) = retry::within_no_wait(std::time::Instant::now() + VERIFY_BUDGET, ask).await else {
        return;
    };
    if let Some(was) = identity
        && uid.as_deref() != Some(was)
    {
        let why = match uid {
            Some(now) => crate::t!("health-other-uid", now = now, was = was),
            None => crate::t!("health-kube-system-gone"),
        };
        health.declare(Lost::Replaced { why });
        return;
    }
    let high = health.high_water_rv.load(Ordering::Relaxed);
    match rv.as_deref().map(str::parse::<u64>) {
        Some(Ok(now)) if now < high => health.declare(Lost::Replaced {
            why: crate::t!("health-rv-backwards", now = now.to_string(), high = high.to_string()),
        }),
        Some(Ok(now)) => health.saw_rv(&now.to_string()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_status_line_says_what_fails_and_since_when() {
        let h = Health::default();
        assert_eq!(h.status_line(), None);
        let f500 = Failure::Status {
            code: 500,
            retry_after: None,
        };
        h.failed(&f500, "GET /apis/policy/v1beta1");
        assert_eq!(h.status_line(), None, "a failure retried at once is not worth a word");
        tokio::time::advance(Duration::from_secs(4)).await;
        h.failed(&f500, "GET /apis/policy/v1beta1");
        assert_eq!(h.status_line().as_deref(), Some("API answers 500 since 4 s; retrying"));
        assert_eq!(
            h.last_error().as_deref(),
            Some("API answers 500 (GET /apis/policy/v1beta1)")
        );
        h.answered();
        assert_eq!(h.status_line(), None);
    }

    #[test]
    fn a_loss_is_declared_once() {
        let h = Health::default();
        h.declare(Lost::Replaced { why: "one".into() });
        h.declare(Lost::Replaced { why: "two".into() });
        assert_eq!(h.lost(), Some(Lost::Replaced { why: "one".into() }));
        assert_eq!(
            h.lost().expect("lost").message(),
            "the cluster was replaced (restarted without its data): one"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn refusals_count_from_the_first_and_reach_the_grace() {
        let h = Health::default();
        h.set_grace(Duration::from_secs(30));
        let refused = Failure::Unreachable("connection refused".into());
        h.failed(&refused, "GET /version");
        let first = h.gone_at().expect("unreachable");
        tokio::time::advance(Duration::from_secs(4)).await;
        h.failed(&refused, "GET /version");
        assert_eq!(h.gone_at(), Some(first), "the clock starts at the first refusal");
        let line = h.status_line().expect("a line");
        assert!(line.starts_with("cluster unreachable since "), "{line}");
        assert!(
            line.contains("(4 s, connection refused); the step fails after 30 s"),
            "{line}"
        );
    }
}
