//! The rehearsal cluster: an embedded, in-process stand-in for a minikube cluster that speaks the
//! real Kubernetes REST protocol on 127.0.0.1, so kube-rs and kubectl work against it unchanged.
//! It runs no containers: pods only *look* like they run.
//!
//! Code map (docs/rehearsal.md draws it too). Arrows point one way, from a module to what it
//! may use; no module imports one above it, and a `mod.rs` does not share helpers its children
//! import back:
//!
//! - this file starts the cluster: [`server`], [`controllers`], [`addons`], [`faults`],
//!   [`kubeconfig`];
//! - [`server`] routes HTTP onto [`discovery`], [`openapi`], [`api`], [`watch`] and the addon
//!   endpoint, with [`request`] (what a request asks), [`media`] (content negotiation) and
//!   [`render`] / [`printers`] (kubectl's Table output); [`faults`] wraps it;
//! - [`api`] → [`admission`], [`patch`], [`shape`], [`convert`], [`events`] → [`state`] →
//!   [`store`] → [`kinds`], [`status`];
//! - [`controllers`] and [`addons`] → [`api`], [`events`], [`store`] (they write through the API,
//!   as real controllers do);
//! - the leaves: [`kinds`], [`selector`], [`patch`], [`images`], [`protobuf`], [`error`].

pub mod addons;
pub mod admission;
pub mod api;
pub mod controllers;
pub mod convert;
pub mod discovery;
pub mod error;
pub mod events;
pub mod faults;
pub mod images;
pub mod kinds;
pub mod kubeconfig;
#[cfg(test)]
mod layers;
pub mod media;
pub mod object;
pub mod openapi;
pub mod patch;
pub mod printers;
pub mod protobuf;
pub mod render;
pub mod request;
pub mod selector;
pub mod server;
pub mod shape;
pub mod state;
pub mod status;
pub mod store;
pub mod watch;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use error::RehearsalError;
pub use state::Pace;

use crate::rehearsal::faults::{FaultSpec, Faults};
use crate::rehearsal::kinds::KubeVersion;
use crate::rehearsal::state::Shared;

/// The Kubernetes version a rehearsal cluster claims when none is configured.
pub const DEFAULT_VERSION: &str = "v1.31.0";

/// How to start a rehearsal cluster.
#[derive(Debug, Clone)]
pub struct RehearsalOptions {
    /// Kubernetes version to claim, e.g. `v1.31.0` or `1.21.2`. Drives `/version` and whether
    /// `policy/v1beta1` PodSecurityPolicy is served (below 1.25 only).
    pub version: String,
    /// Transition pace of the simulated controllers.
    pub pace: Pace,
    /// minikube addons to enable at start (in addition to minikube's defaults
    /// `default-storageclass` and `storage-provisioner`).
    pub addons: Vec<String>,
    /// Where to write the kubeconfig; `None` writes a temporary file removed on shutdown.
    pub kubeconfig: Option<PathBuf>,
    /// The node's name; minikube names it after the profile (`minikube` by default).
    pub node_name: String,
    /// Faults to inject (errors, cut watches, latency, a restart…); `None` for a healthy cluster.
    pub faults: Option<FaultSpec>,
}

impl Default for RehearsalOptions {
    fn default() -> Self {
        RehearsalOptions {
            version: DEFAULT_VERSION.to_string(),
            pace: Pace::Fast,
            addons: Vec::new(),
            kubeconfig: None,
            node_name: DEFAULT_NODE_NAME.to_string(),
            faults: None,
        }
    }
}

/// The node name of a default minikube profile.
pub const DEFAULT_NODE_NAME: &str = "minikube";

/// A running rehearsal cluster.
pub struct RehearsalCluster {
    shared: Arc<Shared>,
    addr: SocketAddr,
    kubeconfig_path: PathBuf,
    temp_kubeconfig: bool,
    version: String,
    faults: Option<Arc<Faults>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

/// A fresh cluster's objects: what minikube creates, then the default and the requested addons.
fn boot(shared: &Shared, addons: &[String]) -> Result<(), RehearsalError> {
    shared.addons.lock().unwrap_or_else(|p| p.into_inner()).clear();
    addons::bootstrap(shared).map_err(|message| RehearsalError::Addon {
        action: "enable",
        name: "bootstrap".into(),
        message,
    })?;
    for addon in addons::DEFAULT_ENABLED
        .iter()
        .map(|a| a.to_string())
        .chain(addons.iter().cloned())
    {
        addons::enable(shared, &addon)?;
    }
    Ok(())
}

impl RehearsalCluster {
    /// Start the API server on 127.0.0.1 (a free port), the simulated controllers and the
    /// addons, and write the kubeconfig (cluster, context and user `workshop-rehearsal`).
    pub async fn start(opts: RehearsalOptions) -> Result<Self, RehearsalError> {
        let version =
            KubeVersion::parse(&opts.version).ok_or_else(|| RehearsalError::InvalidVersion(opts.version.clone()))?;
        let shared = Arc::new(Shared::new(version.clone(), opts.pace, opts.node_name.clone()));
        boot(&shared, &opts.addons)?;
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(RehearsalError::Bind)?;
        let addr = listener.local_addr().map_err(RehearsalError::Bind)?;
        let (kubeconfig_path, temp_kubeconfig) = match opts.kubeconfig {
            Some(p) => (p, false),
            None => (
                std::env::temp_dir().join(format!(
                    "workshop-rehearsal-{}.kubeconfig",
                    uuid::Uuid::new_v4().simple()
                )),
                true,
            ),
        };
        kubeconfig::write(&kubeconfig_path, addr)?;
        let faults = opts.faults.map(|spec| Arc::new(Faults::new(spec)));
        let app = server::router(shared.clone(), faults.clone());
        let server = match &faults {
            None => tokio::spawn(server::serve(listener, app, shared.shutdown.clone())),
            Some(f) => {
                let addons = opts.addons.clone();
                let reboot = move |shared: &Shared| {
                    if let Err(e) = boot(shared, &addons) {
                        tracing::error!("rehearsal faults: the restarted cluster did not boot: {e}");
                    }
                };
                tokio::spawn(faults::lifecycle(
                    f.clone(),
                    listener,
                    app,
                    shared.clone(),
                    server::serve,
                    reboot,
                ))
            }
        };
        let controllers = tokio::spawn(controllers::run(shared.clone()));
        Ok(RehearsalCluster {
            shared,
            addr,
            kubeconfig_path,
            temp_kubeconfig,
            version: version.git_version(),
            faults,
            tasks: vec![server, controllers],
        })
    }

    /// The address the API server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The kubeconfig file pointing at this cluster.
    pub fn kubeconfig_path(&self) -> &Path {
        &self.kubeconfig_path
    }

    /// A kube-rs configuration for this cluster (default namespace `default`).
    pub fn kube_config(&self) -> kube::Config {
        let url = format!("http://{}", self.addr)
            .parse()
            .expect("a socket address forms a valid URI");
        let mut config = kube::Config::new(url);
        config.read_timeout = Some(Duration::from_secs(295));
        config
    }

    /// The Kubernetes version this cluster claims, as `v1.31.0`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The faults this cluster injects, if any.
    pub fn faults(&self) -> Option<&Faults> {
        self.faults.as_deref()
    }

    /// Enable a minikube addon (see [`addons::KNOWN`]).
    pub async fn enable_addon(&self, name: &str) -> Result<(), RehearsalError> {
        addons::enable(&self.shared, name)
    }

    /// Disable a minikube addon.
    pub async fn disable_addon(&self, name: &str) -> Result<(), RehearsalError> {
        addons::disable(&self.shared, name)
    }

    /// The enabled addons, sorted.
    pub fn enabled_addons(&self) -> Vec<String> {
        self.shared
            .addons
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// Forget the watch history, like an etcd compaction: watches resuming from an older
    /// resourceVersion then get 410 Gone. Useful to exercise a client's re-list path.
    pub fn compact_history(&self) {
        self.shared.store.compact();
    }

    /// When the store committed the write that produced resourceVersion `rv` (while the change
    /// is in the watch history): the reference point for measuring how fast a watcher sees it.
    pub fn committed_at(&self, rv: u64) -> Option<std::time::Instant> {
        self.shared.store.committed_at(rv)
    }

    /// Stop the server and the controllers, and remove a temporary kubeconfig.
    pub async fn shutdown(mut self) {
        if let Some(f) = self.faults() {
            tracing::info!("rehearsal faults injected: {}", f.injected());
        }
        self.shared.shutdown.cancel();
        for task in self.tasks.drain(..) {
            // A task that does not stop in time is aborted when its handle is dropped below.
            let _ = tokio::time::timeout(Duration::from_secs(5), task).await;
        }
        self.remove_temp_kubeconfig();
    }

    fn remove_temp_kubeconfig(&mut self) {
        if self.temp_kubeconfig {
            // Already removed is fine.
            let _ = std::fs::remove_file(&self.kubeconfig_path);
            self.temp_kubeconfig = false;
        }
    }
}

impl Drop for RehearsalCluster {
    fn drop(&mut self) {
        self.shared.shutdown.cancel();
        for task in &self.tasks {
            task.abort();
        }
        self.remove_temp_kubeconfig();
    }
}

/// A duration to the tenth of a second, for messages.
fn round(d: Duration) -> Duration {
    Duration::from_millis(d.as_millis() as u64 / 100 * 100)
}

/// Run a rehearsal cluster until Ctrl-C, for `workshop rehearsal serve`.
pub async fn serve_standalone(opts: RehearsalOptions) -> Result<(), RehearsalError> {
    let node = opts.node_name.clone();
    let cluster = RehearsalCluster::start(opts).await?;
    let path = cluster.kubeconfig_path().display().to_string();
    println!(
        "{}",
        crate::t!(
            "rehearsal-serve-listening",
            version = cluster.version().to_string(),
            address = format!("http://{}", cluster.addr())
        )
    );
    println!("  {}", crate::t!("rehearsal-serve-what"));
    println!(
        "  {}",
        crate::t!("rehearsal-serve-addons", addons = cluster.enabled_addons().join(", "))
    );
    println!("  {}", crate::t!("rehearsal-serve-node", node = node.as_str()));
    if let Some(f) = cluster.faults() {
        println!(
            "  {}",
            crate::t!("rehearsal-serve-faults", faults = f.spec().to_string())
        );
        if let Some(at) = f.restart_at() {
            let after = humantime::format_duration(round(at)).to_string();
            println!(
                "          {}",
                crate::t!("rehearsal-serve-restarts-after", after = after)
            );
        }
        if let Some(at) = f.vanish_at() {
            let after = humantime::format_duration(round(at)).to_string();
            println!(
                "          {}",
                crate::t!("rehearsal-serve-vanishes-after", after = after)
            );
        }
        if let Some(path) = &f.spec().vanish_on {
            println!(
                "          {}",
                crate::t!("rehearsal-serve-vanishes-on", path = path.as_str())
            );
        }
    }
    println!("  kubeconfig: {path}");
    println!(
        "  {}",
        crate::t!(
            "rehearsal-serve-try",
            command = format!("kubectl --kubeconfig {path} get pods -A")
        )
    );
    println!("  {}", crate::t!("rehearsal-serve-stop"));
    if let Some(f) = cluster.faults() {
        let mut phase = f.phase();
        tokio::spawn(async move {
            while phase.changed().await.is_ok() {
                let line = match *phase.borrow_and_update() {
                    faults::Phase::Down => crate::t!("rehearsal-serve-down"),
                    faults::Phase::Restarted => crate::t!("rehearsal-serve-restarted"),
                    faults::Phase::Vanished => crate::t!("rehearsal-serve-vanished"),
                    faults::Phase::Serving => continue,
                };
                println!("{}", crate::t!("rehearsal-serve-event", event = line));
            }
        });
    }
    let result = tokio::signal::ctrl_c().await.map_err(RehearsalError::Signal);
    let injected = cluster.faults().map(|f| f.injected().to_string());
    cluster.shutdown().await;
    println!(
        "{}",
        match injected {
            Some(faults) => crate::t!("rehearsal-serve-stopped-faults", faults = faults),
            None => crate::t!("rehearsal-serve-stopped"),
        }
    );
    result
}
