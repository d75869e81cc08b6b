//! A rehearsal cluster in the test process that outlives one `workshop run`: tests build a
//! cluster state with kube-rs, run the real binary against it (`--cluster rehearsal|existing
//! --kubeconfig PATH`) and look at what the run left behind. Helpers create objects from JSON
//! and wait for the simulated controllers.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::PathBuf;
use std::time::Duration;

use futures::StreamExt;
use kube::Api;
use kube::api::{DynamicObject, PostParams};
use kube::discovery::{ApiResource, Discovery, Scope};
use kube::runtime::{WatchStreamExt, watcher};
use serde_json::Value;
use workshop::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};

/// A rehearsal cluster that lives as long as the test.
pub struct Cluster {
    pub rt: tokio::runtime::Runtime,
    cluster: Option<RehearsalCluster>,
    pub kubeconfig: PathBuf,
    client: kube::Client,
    _dir: tempfile::TempDir,
}

impl Cluster {
    /// Starts a cluster of Kubernetes `version` whose node is `node` (minikube's profile name).
    pub fn start(version: &str, node: &str) -> Cluster {
        let dir = tempfile::tempdir().expect("temp dir");
        let kubeconfig = dir.path().join("rehearsal.kubeconfig");
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let cluster = rt
            .block_on(RehearsalCluster::start(RehearsalOptions {
                version: version.into(),
                pace: Pace::Fast,
                addons: Vec::new(),
                kubeconfig: Some(kubeconfig.clone()),
                node_name: node.into(),
                ..RehearsalOptions::default()
            }))
            .expect("rehearsal starts");
        let client = {
            let _guard = rt.enter();
            kube::Client::try_from(cluster.kube_config()).expect("client")
        };
        Cluster {
            rt,
            cluster: Some(cluster),
            kubeconfig,
            client,
            _dir: dir,
        }
    }

    pub fn kubeconfig_str(&self) -> &str {
        self.kubeconfig.to_str().expect("a UTF-8 temp path")
    }

    pub fn client(&self) -> kube::Client {
        self.client.clone()
    }

    pub fn block_on<F: Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// The API for `kind` (a kind name such as `Deployment`, in its preferred version), in
    /// `ns` or cluster-wide.
    pub fn api(&self, kind: &str, ns: Option<&str>) -> Api<DynamicObject> {
        self.api_in(None, kind, ns)
    }

    /// The API for `kind` in `api_version` (`networking.k8s.io/v1`), or its preferred version.
    pub fn api_in(&self, api_version: Option<&str>, kind: &str, ns: Option<&str>) -> Api<DynamicObject> {
        let (ar, namespaced) = self.resolve(api_version, kind);
        match ns {
            Some(ns) if namespaced => Api::namespaced_with(self.client(), ns, &ar),
            _ => Api::all_with(self.client(), &ar),
        }
    }

    fn resolve(&self, api_version: Option<&str>, kind: &str) -> (ApiResource, bool) {
        let client = self.client();
        self.block_on(async move {
            let d = Discovery::new(client).run().await.expect("discovery");
            // A kind may be served by several groups (Ingress: networking.k8s.io and, before
            // 1.22, extensions): the preferred version of each group, or the version asked for.
            for g in d.groups() {
                let versions: Vec<String> = match api_version {
                    Some(wanted) => g
                        .versions()
                        .filter(|v| match g.name() {
                            "" => *v == wanted,
                            group => format!("{group}/{v}") == wanted,
                        })
                        .map(str::to_owned)
                        .collect(),
                    None if g.name() == "extensions" => Vec::new(),
                    None => vec![g.preferred_version_or_latest().to_owned()],
                };
                for v in versions {
                    for (ar, caps) in g.versioned_resources(&v) {
                        if ar.kind == kind {
                            return (ar, caps.scope == Scope::Namespaced);
                        }
                    }
                }
            }
            panic!("the rehearsal does not serve {kind} ({api_version:?})")
        })
    }

    /// Creates every object of `docs` (JSON objects with apiVersion, kind and metadata), in order.
    pub fn create(&self, docs: &[Value]) {
        for doc in docs {
            let kind = doc["kind"].as_str().expect("kind");
            let ns = doc.pointer("/metadata/namespace").and_then(Value::as_str);
            let api = self.api_in(doc["apiVersion"].as_str(), kind, ns);
            let obj: DynamicObject = serde_json::from_value(doc.clone()).expect("an object");
            self.block_on(api.create(&PostParams::default(), &obj))
                .unwrap_or_else(|e| panic!("create {kind}: {e}"));
        }
    }

    /// One object's JSON.
    pub fn get(&self, kind: &str, ns: Option<&str>, name: &str) -> Value {
        let api = self.api(kind, ns);
        let obj = self
            .block_on(api.get(name))
            .unwrap_or_else(|e| panic!("get {kind} {name}: {e}"));
        serde_json::to_value(obj).expect("json")
    }

    /// Waits (at most a minute) until `cond` holds for the objects of `kind` in `ns`, watching
    /// them (the simulated controllers move in milliseconds).
    pub fn wait_for(&self, what: &str, kind: &str, ns: Option<&str>, cond: impl Fn(&[Value]) -> bool) {
        let api = self.api(kind, ns);
        self.block_on(async {
            let stream = watcher::watcher(api, watcher::Config::default()).default_backoff();
            tokio::pin!(stream);
            let mut objects: BTreeMap<(String, String), Value> = BTreeMap::new();
            let mut listed = false;
            let watch = async {
                while let Some(ev) = stream.next().await {
                    let key = |o: &DynamicObject| {
                        (
                            o.metadata.namespace.clone().unwrap_or_default(),
                            o.metadata.name.clone().unwrap_or_default(),
                        )
                    };
                    let json = |o: &DynamicObject| serde_json::to_value(o).expect("json");
                    match ev {
                        Ok(watcher::Event::Init) => objects.clear(),
                        Ok(watcher::Event::InitApply(o) | watcher::Event::Apply(o)) => {
                            objects.insert(key(&o), json(&o));
                        }
                        Ok(watcher::Event::InitDone) => listed = true,
                        Ok(watcher::Event::Delete(o)) => {
                            objects.remove(&key(&o));
                        }
                        Err(_) => continue,
                    }
                    let items: Vec<Value> = objects.values().cloned().collect();
                    if listed && cond(&items) {
                        return;
                    }
                }
            };
            tokio::time::timeout(Duration::from_secs(60), watch)
                .await
                .unwrap_or_else(|_| panic!("gave up waiting for {what}"));
        })
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Some(c) = self.cluster.take() {
            self.rt.block_on(c.shutdown());
        }
    }
}
