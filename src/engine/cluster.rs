//! `Connection`: a kube-rs client to the lab's cluster, with kind resolution by discovery and
//! the facts templates see. The same for minikube, an existing context and the rehearsal.

use std::collections::HashMap;
use std::sync::Arc;

use kube::api::{Api, DynamicObject};
use kube::core::Version;
use kube::discovery::{ApiResource, Discovery, Scope};
use kube::{Client, Config};
use tokio::sync::Mutex;

use crate::facts::{ClusterFacts, KubeVersion};
use crate::kinds;

use super::error::EngineError;

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
    discovery: Mutex<Option<Arc<Discovery>>>,
    /// Kinds already resolved against the current discovery, by (kind, apiVersion).
    resolved: std::sync::Mutex<HashMap<(String, Option<String>), Resolved>>,
}

impl Connection {
    /// Connects and proves the API server answers.
    pub async fn connect(config: Config, context: &str, hint: &str) -> Result<Connection, EngineError> {
        let server = config.cluster_url.to_string();
        let client = Client::try_from(config).map_err(|e| EngineError::Unreachable {
            context: context.to_owned(),
            message: e.to_string(),
            hint: hint.to_owned(),
        })?;
        let conn = Connection {
            client,
            context: context.to_owned(),
            server,
            discovery: Mutex::new(None),
            resolved: std::sync::Mutex::new(HashMap::new()),
        };
        let probe = tokio::time::timeout(std::time::Duration::from_secs(15), conn.client.apiserver_version()).await;
        match probe {
            Ok(Ok(_)) => Ok(conn),
            Ok(Err(e)) => Err(EngineError::Unreachable {
                context: context.to_owned(),
                message: format!("{} answered: {}", conn.server, plain_error(&e)),
                hint: hint.to_owned(),
            }),
            Err(_) => Err(EngineError::Unreachable {
                context: context.to_owned(),
                message: format!("{} did not answer within 15s", conn.server),
                hint: hint.to_owned(),
            }),
        }
    }

    async fn discovery(&self, refresh: bool) -> Result<Arc<Discovery>, kube::Error> {
        let mut guard = self.discovery.lock().await;
        if refresh || guard.is_none() {
            let d = Discovery::new(self.client.clone()).run().await?;
            *guard = Some(Arc::new(d));
            self.resolved.lock().expect("resolve cache lock").clear();
        }
        Ok(guard.as_ref().expect("set above").clone())
    }

    /// Finds a kind by name (`StatefulSet`, `sc`, `pvc`) and optional apiVersion, through
    /// discovery; discovery is refreshed once on a miss (an addon may have added kinds). A kind
    /// is found in any version its group serves, the preferred one first (see [`find_kind`]).
    /// Answers are remembered until discovery is refreshed.
    pub async fn resolve(&self, kind: &str, api_version: Option<&str>) -> Result<Resolved, String> {
        let wanted = kinds::lookup(kind).map(|k| k.kind).unwrap_or(kind);
        let key = (wanted.to_owned(), api_version.map(str::to_owned));
        if let Some(hit) = self.resolved.lock().expect("resolve cache lock").get(&key) {
            return Ok(hit.clone());
        }
        for refresh in [false, true] {
            let d = self.discovery(refresh).await.map_err(|e| plain_error(&e))?;
            if let Some(found) = find_kind(&d, wanted, api_version) {
                self.resolved
                    .lock()
                    .expect("resolve cache lock")
                    .insert(key, found.clone());
                return Ok(found);
            }
        }
        Err(match api_version {
            Some(v) => format!("the cluster does not serve kind {wanted} in {v}"),
            None => format!("the cluster does not serve kind {wanted}"),
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
        let mut api_versions = Vec::new();
        for group in d.groups() {
            for v in group.versions() {
                let gv = if group.name().is_empty() {
                    v.to_owned()
                } else {
                    format!("{}/{v}", group.name())
                };
                api_versions.push(gv);
            }
        }
        api_versions.sort();
        Ok(ClusterFacts {
            version: version.to_string(),
            major: version.major,
            minor: version.minor,
            provider: provider.to_owned(),
            api_versions,
            live: true,
        })
    }

    /// The cluster's identity: the uid of its `kube-system` namespace.
    pub async fn identity(&self) -> Option<String> {
        let ns: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(self.client.clone());
        ns.get("kube-system").await.ok().and_then(|n| n.metadata.uid)
    }
}

/// The served version of a kind. With an apiVersion, exactly that one. Without, a version of a
/// group that serves the kind: the group's preferred version when the kind lives there, else
/// the group's most stable version that has it (on Kubernetes 1.21–1.24 `policy/v1` is
/// preferred, but PodSecurityPolicy lives only in `policy/v1beta1`). Between groups serving
/// the same kind (Ingress in `extensions` and `networking.k8s.io` up to 1.21), a preferred
/// version wins, then the more stable version, then discovery order.
pub fn find_kind(d: &Discovery, kind: &str, api_version: Option<&str>) -> Option<Resolved> {
    let mut best: Option<(bool, String, Resolved)> = None;
    for group in d.groups() {
        let preferred = group.preferred_version_or_latest();
        for ver in group.versions() {
            for (ar, caps) in group.versioned_resources(ver) {
                if ar.kind != kind || api_version.is_some_and(|v| v != ar.api_version) {
                    continue;
                }
                let is_preferred = ver == preferred;
                let better = best.as_ref().is_none_or(|(best_preferred, best_ver, _)| {
                    (is_preferred, Version::parse(ver).priority())
                        > (*best_preferred, Version::parse(best_ver).priority())
                });
                if better {
                    let found = Resolved {
                        namespaced: caps.scope == Scope::Namespaced,
                        ar,
                    };
                    best = Some((is_preferred, ver.to_owned(), found));
                }
            }
        }
    }
    best.map(|(_, _, found)| found)
}

/// A kube error as one readable line (the API's own message for Status errors).
pub fn plain_error(e: &kube::Error) -> String {
    match e {
        kube::Error::Api(s) => format!("{} ({} {})", s.message, s.code, s.reason),
        other => {
            let mut msg = other.to_string();
            let mut src = std::error::Error::source(other);
            while let Some(s) = src {
                let t = s.to_string();
                if !msg.contains(&t) {
                    msg.push_str(": ");
                    msg.push_str(&t);
                }
                src = s.source();
            }
            msg
        }
    }
}
