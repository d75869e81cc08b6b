//! Cluster providers: where the lab runs. One code path for all three: each yields a
//! [`Connection`] (a kube-rs client from a kubeconfig); they differ only in how the cluster
//! is started, how addons are enabled and whether `minikube tunnel` exists.

pub mod existing;
pub mod kubeconfig;
pub mod minikube;
pub mod rehearsal;

use crate::scenario::Provider;

use super::cluster::Connection;
use super::cluster::health::Lost;
use super::context::StepCtx;
use super::error::EngineError;

pub use existing::Existing;
pub use kubeconfig::LabKubeconfig;
pub use minikube::Minikube;
pub use rehearsal::Rehearsal;

/// The provider chosen for a run.
pub enum ClusterProvider {
    Minikube(Minikube),
    Existing(Existing),
    Rehearsal(Rehearsal),
}

/// A failure of a provider operation inside a step.
#[derive(Debug, Clone)]
pub struct ProviderFailure {
    pub message: String,
    pub detail: Vec<String>,
    pub hint: Option<String>,
}

impl ProviderFailure {
    pub fn new(message: impl Into<String>) -> Self {
        ProviderFailure {
            message: message.into(),
            detail: Vec::new(),
            hint: None,
        }
    }
}

impl ClusterProvider {
    pub fn kind(&self) -> Provider {
        match self {
            ClusterProvider::Minikube(_) => Provider::Minikube,
            ClusterProvider::Existing(_) => Provider::Existing,
            ClusterProvider::Rehearsal(_) => Provider::Rehearsal,
        }
    }

    pub fn is_rehearsal(&self) -> bool {
        matches!(self, ClusterProvider::Rehearsal(_))
    }

    /// A line for the learner about this cluster, said once the run's output starts.
    pub fn note(&self) -> Option<&str> {
        match self {
            ClusterProvider::Rehearsal(r) => r.note.as_deref(),
            _ => None,
        }
    }

    /// How the header names the cluster.
    pub fn description(&self) -> String {
        match self {
            ClusterProvider::Minikube(m) => crate::t!(
                "cluster-minikube",
                profile = m.profile.as_str(),
                binary = m.binary.display().to_string()
            ),
            ClusterProvider::Existing(e) => {
                crate::t!("cluster-existing-context", context = e.context_name().to_string())
            }
            ClusterProvider::Rehearsal(r) => r.description(),
        }
    }

    /// What to do when the cluster was lost during the run.
    pub fn lost_hint(&self, lost: &Lost) -> String {
        if let Lost::Replaced { .. } = lost {
            return crate::t!("lost-replaced-hint");
        }
        match self {
            ClusterProvider::Minikube(m) => crate::t!("lost-minikube-hint", profile = m.profile.as_str()),
            ClusterProvider::Existing(e) => crate::t!("lost-existing-hint", context = e.context_name()),
            ClusterProvider::Rehearsal(r) => r.vanished_hint(),
        }
    }

    /// The connection to a cluster that already runs, if any (before `start-cluster`). It may
    /// refuse connections for `grace` (`--unreachable-grace`) before its requests fail: from
    /// the first request after connecting (reading the cluster's facts), not only in the steps.
    pub async fn connect_if_running(&self, grace: std::time::Duration) -> Result<Option<Connection>, EngineError> {
        let conn = match self {
            ClusterProvider::Minikube(m) => m.connect_if_running().await?,
            ClusterProvider::Existing(e) => Some(e.connect().await?),
            ClusterProvider::Rehearsal(r) => Some(r.connect().await?),
        };
        if let Some(c) = &conn {
            c.health().set_grace(grace);
        }
        Ok(conn)
    }

    /// The `start-cluster` action.
    pub async fn start(&self, ctx: &StepCtx<'_>) -> Result<(Connection, String), ProviderFailure> {
        match self {
            ClusterProvider::Minikube(m) => m.start(ctx).await,
            ClusterProvider::Existing(e) => {
                let conn = e.connect().await.map_err(|err| ProviderFailure {
                    message: err.message(),
                    detail: Vec::new(),
                    hint: err.hint().map(str::to_owned),
                })?;
                Ok((conn, crate::t!("existing-using-context", context = e.context_name())))
            }
            ClusterProvider::Rehearsal(r) => r.start(ctx).await,
        }
    }

    /// `enable-addon` / `disable-addon`.
    pub async fn addon(&self, ctx: &StepCtx<'_>, name: &str, enable: bool) -> Result<String, ProviderFailure> {
        match self {
            ClusterProvider::Minikube(m) => m.addon(ctx, name, enable).await,
            ClusterProvider::Rehearsal(r) => r.addon(name, enable).await,
            ClusterProvider::Existing(_) => Err(ProviderFailure {
                message: crate::t!(
                    "existing-addon-needs-minikube",
                    command = format!("minikube addons {} {name}", if enable { "enable" } else { "disable" })
                ),
                detail: Vec::new(),
                hint: Some(crate::t!("existing-addon-hint")),
            }),
        }
    }

    /// The `KUBECONFIG` of the lab's own programs (`command` and `tunnel` steps): this run's
    /// cluster with the lab's context selected (see [`kubeconfig`]).
    pub fn lab_kubeconfig(&self) -> Result<LabKubeconfig, EngineError> {
        let select = |context: Option<String>, files: Vec<std::path::PathBuf>| match context {
            Some(c) => LabKubeconfig::select(&c, &files).map_err(|e| EngineError::Kubeconfig {
                message: crate::t!("lab-kubeconfig-cannot-write", error = crate::os_error::io(&e)),
                hint: crate::t!("lab-kubeconfig-cannot-write-hint"),
            }),
            None => Ok(LabKubeconfig::files(&files)),
        };
        match self {
            ClusterProvider::Minikube(m) => select(Some(m.profile.clone()), kubeconfig::default_files()),
            ClusterProvider::Existing(e) => select(
                e.context.clone().or_else(|| e.current_context()),
                e.kubeconfig.clone().map_or_else(kubeconfig::default_files, |k| vec![k]),
            ),
            ClusterProvider::Rehearsal(r) => Ok(LabKubeconfig::files(&[r.kubeconfig_path().to_owned()])),
        }
    }

    pub async fn shutdown(self) {
        if let ClusterProvider::Rehearsal(r) = self {
            r.shutdown().await;
        }
    }
}
