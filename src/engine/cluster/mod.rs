//! `Connection`: a kube-rs client to the lab's cluster, with kind resolution by discovery and
//! the facts templates see. The same for minikube, an existing context and the rehearsal.
//!
//! The client carries a [`retry`] layer (transient failures are retried within a budget) that
//! reports to the connection's [`health`]; a monitor task declares the cluster lost when it
//! stopped answering for the grace, or when another cluster answers in its place.
//! [`reconcile`] repeats creates and deletes whose answer was lost; [`discovery`] tolerates a
//! group-version that fails, as kubectl does.

pub mod discovery;
pub mod health;
pub mod reconcile;
pub mod retry;
pub mod supervise;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http::{Request, Response};
use http_body_util::BodyExt as _;
use hyper_timeout::TimeoutConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use k8s_openapi::api::core::v1::Namespace;
use kube::api::{Api, DynamicObject, ListParams};
use kube::client::{Body, ClientBuilder, ConfigExt as _, DynBody};
use kube::discovery::ApiResource;
use kube::{Client, Config};
use tokio::sync::Mutex;
use tokio_util::sync::CancellationToken;
use tower::util::BoxService;
use tower::{BoxError, ServiceBuilder, ServiceExt as _};

use crate::facts::{ClusterFacts, KubeVersion};
use crate::kinds;

use super::error::EngineError;
use discovery::Discovered;
use health::{Health, LostError};
use retry::RetryLayer;

/// How long connecting may take: the API server must answer its version within this.
const CONNECT_BUDGET: Duration = Duration::from_secs(15);

/// A resolved kind: where its API is and whether it is namespaced.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub ar: ApiResource,
    pub namespaced: bool,
}

/// A connected cluster.
pub struct Connection {
    pub client: Client,
    /// The kube context (or `workshop-rehearsal`).
    pub context: String,
    /// The API server URL, for messages.
    pub server: String,
    health: Arc<Health>,
    /// The uid of the `kube-system` namespace when connected (None if it cannot be read).
    identity: Option<String>,
    discovery: Mutex<Option<Arc<Discovered>>>,
    /// Kinds already resolved against the current discovery, by (kind, apiVersion).
    resolved: std::sync::Mutex<HashMap<(String, Option<String>), Resolved>>,
    monitor: CancellationToken,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.monitor.cancel();
    }
}

/// The service stack kube-rs builds, named (kube-rs keeps its alias private).
type Stack = BoxService<Request<Body>, Response<Box<DynBody>>, BoxError>;

/// The client stack for `config`. A cluster spoken to in plain HTTP (the rehearsal, `kubectl
/// proxy`) gets kube-rs's stack without its TLS connector, whose construction loads the
/// system's root certificates (tens of millions of instructions) though no TLS is spoken.
fn client_stack(config: Config) -> Result<ClientBuilder<Stack>, kube::Error> {
    let plain = config.cluster_url.scheme_str() == Some("http") && config.proxy_url.is_none();
    if !plain {
        return ClientBuilder::try_from(config);
    }
    let mut http = HttpConnector::new();
    http.set_connect_timeout(config.connect_timeout);
    let mut connector = TimeoutConnector::new(http);
    connector.set_read_timeout(config.read_timeout);
    connector.set_write_timeout(config.write_timeout);
    let client: hyper_util::client::legacy::Client<_, Body> =
        hyper_util::client::legacy::Builder::new(TokioExecutor::new()).build(connector);
    let service = ServiceBuilder::new()
        .layer(config.base_uri_layer())
        .option_layer(config.auth_layer()?)
        .layer(config.extra_headers_layer()?)
        .map_err(BoxError::from)
        .service(client)
        .map_response(|answer| answer.map(|body| Box::new(body.map_err(BoxError::from)) as Box<DynBody>))
        .boxed();
    Ok(ClientBuilder::new(service, config.default_namespace))
}

impl Connection {
    /// Connects and proves the API server answers (a refused connection fails at once; other
    /// failures are retried for up to 15 s).
    pub async fn connect(mut config: Config, context: &str, hint: &str) -> Result<Connection, EngineError> {
        let server = config.cluster_url.to_string();
        let unreachable = |message: String| EngineError::Unreachable {
            context: context.to_owned(),
            message,
            hint: hint.to_owned(),
        };
        // Our own retries replace kube-rs's (which retry 429, 503 and 504 only).
        config.default_retry = false;
        let health = Arc::new(Health::default());
        let client = client_stack(config)
            .map_err(|e| unreachable(e.to_string()))?
            .with_layer(&RetryLayer::new(health.clone()))
            .build();
        let deadline = Instant::now() + CONNECT_BUDGET;
        let probe = async {
            client.apiserver_version().await?;
            let nss: Api<Namespace> = Api::all(client.clone());
            // Who the cluster is, and how far its resourceVersions went: to tell it is still
            // the same cluster later. Unreadable (RBAC) is fine: those checks are skipped.
            let identity = nss
                .get_opt("kube-system")
                .await
                .ok()
                .flatten()
                .and_then(|n| n.metadata.uid);
            if let Ok(list) = nss.list_metadata(&ListParams::default().limit(1)).await
                && let Some(rv) = list.metadata.resource_version
            {
                health.saw_rv(&rv);
            }
            Ok::<_, kube::Error>(identity)
        };
        let identity = match tokio::time::timeout(CONNECT_BUDGET, retry::within_no_wait(deadline, probe)).await {
            Ok(Ok(identity)) => identity,
            Ok(Err(e)) => return Err(unreachable(format!("{server} answered: {}", plain_error(&e)))),
            Err(_) => return Err(unreachable(format!("{server} did not answer within 15s"))),
        };
        let monitor = CancellationToken::new();
        tokio::spawn(health::monitor(
            health.clone(),
            client.clone(),
            identity.clone(),
            monitor.clone(),
        ));
        Ok(Connection {
            client,
            context: context.to_owned(),
            server,
            health,
            identity,
            discovery: Mutex::new(None),
            resolved: std::sync::Mutex::new(HashMap::new()),
            monitor,
        })
    }

    /// What the client knows of the cluster's health (errors being retried, a lost cluster).
    pub fn health(&self) -> &Arc<Health> {
        &self.health
    }

    async fn discovery(&self, refresh: bool) -> Result<Arc<Discovered>, kube::Error> {
        let mut guard = self.discovery.lock().await;
        if refresh || guard.is_none() {
            *guard = Some(Arc::new(discovery::run(&self.client).await?));
            self.resolved.lock().unwrap_or_else(|p| p.into_inner()).clear();
        }
        Ok(guard.as_ref().expect("set above").clone())
    }

    /// Finds a kind by name (`StatefulSet`, `sc`, `pvc`) and optional apiVersion, through
    /// discovery; discovery is refreshed once on a miss (an addon may have added kinds, or a
    /// group-version that failed may answer now). A kind is found in any version its group
    /// serves, the preferred one first ([`Discovered::find`]). Answers are remembered until
    /// discovery is refreshed.
    pub async fn resolve(&self, kind: &str, api_version: Option<&str>) -> Result<Resolved, String> {
        let wanted = kinds::lookup(kind).map(|k| k.kind).unwrap_or(kind);
        let key = (wanted.to_owned(), api_version.map(str::to_owned));
        if let Some(hit) = self.resolved.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
            return Ok(hit.clone());
        }
        let mut failures = Vec::new();
        for refresh in [false, true] {
            let d = self.discovery(refresh).await.map_err(|e| plain_error(&e))?;
            if let Some(s) = d.find(wanted, api_version) {
                let found = Resolved {
                    ar: s.ar.clone(),
                    namespaced: s.namespaced,
                };
                self.resolved
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(key, found.clone());
                return Ok(found);
            }
            failures = d
                .failures_for(api_version)
                .into_iter()
                .map(|(gv, e)| format!("{gv}: {e}"))
                .collect();
        }
        let what = match api_version {
            Some(v) => crate::t!("discovery-kind-in", kind = wanted, api = v),
            None => crate::t!("discovery-kind", kind = wanted),
        };
        Err(if failures.is_empty() {
            crate::t!("discovery-not-served", what = what)
        } else {
            crate::t!("discovery-failed", what = what, failures = failures.join("; "))
        })
    }

    /// An API for a resolved kind: namespaced in `ns` (default `default`), or cluster-wide.
    pub fn api(&self, r: &Resolved, ns: Option<&str>) -> Api<DynamicObject> {
        if r.namespaced {
            Api::namespaced_with(self.client.clone(), ns.unwrap_or("default"), &r.ar)
        } else {
            Api::all_with(self.client.clone(), &r.ar)
        }
    }

    /// Facts from the live cluster: its version and every group/version it serves.
    pub async fn facts(&self, provider: &str) -> Result<ClusterFacts, String> {
        let info = self.client.apiserver_version().await.map_err(|e| plain_error(&e))?;
        let version = KubeVersion::parse(&info.git_version)
            .or_else(|_| KubeVersion::parse(&format!("{}.{}", info.major, info.minor.trim_end_matches('+'))))?;
        let d = self.discovery(true).await.map_err(|e| plain_error(&e))?;
        let mut api_versions = d.group_versions.clone();
        api_versions.sort();
        api_versions.dedup();
        Ok(ClusterFacts {
            version: version.to_string(),
            major: version.major,
            minor: version.minor,
            provider: provider.to_owned(),
            api_versions,
            live: true,
        })
    }

    /// The cluster's identity: the uid of its `kube-system` namespace, as read when connecting.
    pub async fn identity(&self) -> Option<String> {
        self.identity.clone()
    }
}

/// A kube error as one readable line (the API's own message for Status errors), naming the
/// request that failed when it is known (`… on GET /apis/policy/v1beta1`).
pub fn plain_error(e: &kube::Error) -> String {
    if let Some(lost) = LostError::within(e) {
        return lost.message();
    }
    let (text, code) = match e {
        kube::Error::Api(s) => (format!("{} ({} {})", s.message, s.code, s.reason), Some(s.code)),
        other => {
            let mut msg = other.to_string();
            let mut src = std::error::Error::source(other);
            while let Some(s) = src {
                // The operating system's error by its kind (src/os_error.rs), and nothing under it.
                if let Some(io) = s.downcast_ref::<std::io::Error>() {
                    msg.push_str(": ");
                    msg.push_str(&crate::os_error::io(io));
                    break;
                }
                let t = s.to_string();
                if !msg.contains(&t) {
                    msg.push_str(": ");
                    msg.push_str(&t);
                }
                src = s.source();
            }
            (msg, None)
        }
    };
    match retry::last_failed_request() {
        Some(f) if f.code == code => crate::t!("api-error-on-request", error = text, request = f.request),
        _ => text,
    }
}
