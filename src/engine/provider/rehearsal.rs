//! The `rehearsal` provider: the embedded cluster, started with the run and stopped with it.
//! `start-cluster` enables the scenario's addons the way `minikube start --addons` would.

use crate::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};

use super::super::cluster::Connection;
use super::super::context::StepCtx;
use super::super::error::EngineError;
use super::ProviderFailure;

pub struct Rehearsal {
    pub cluster: RehearsalCluster,
    pub addons: Vec<String>,
}

impl Rehearsal {
    /// Starts the cluster with no addons (`start-cluster` enables them) and a node named after
    /// the minikube profile, as minikube does.
    pub async fn launch(
        version: String,
        profile: &str,
        addons: Vec<String>,
        realistic: bool,
    ) -> Result<Rehearsal, EngineError> {
        let opts = RehearsalOptions {
            version,
            pace: if realistic { Pace::Realistic } else { Pace::Fast },
            addons: Vec::new(),
            kubeconfig: None,
            node_name: profile.to_owned(),
        };
        let cluster = RehearsalCluster::start(opts)
            .await
            .map_err(|e| EngineError::Rehearsal(e.to_string()))?;
        Ok(Rehearsal { cluster, addons })
    }

    pub fn description(&self) -> String {
        format!(
            "REHEARSAL cluster (no containers run), Kubernetes {} at http://{}",
            self.cluster.version(),
            self.cluster.addr()
        )
    }

    pub async fn connect(&self) -> Result<Connection, EngineError> {
        Connection::connect(
            self.cluster.kube_config(),
            "workshop-rehearsal",
            "the rehearsal cluster should always answer; please report this",
        )
        .await
    }

    pub async fn start(&self, ctx: &StepCtx<'_>) -> Result<(Connection, String), ProviderFailure> {
        for a in &self.addons {
            self.cluster
                .enable_addon(a)
                .await
                .map_err(|e| ProviderFailure::new(format!("addon {a}: {e}")))?;
            ctx.output(&format!("rehearsal: addon {a} enabled"));
        }
        let conn = self.connect().await.map_err(|e| ProviderFailure::new(e.to_string()))?;
        let addons = if self.addons.is_empty() {
            String::new()
        } else {
            format!(" with addons {}", self.addons.join(", "))
        };
        Ok((conn, format!("rehearsal cluster ready{addons}")))
    }

    pub async fn addon(&self, name: &str, enable: bool) -> Result<String, ProviderFailure> {
        let result = if enable {
            self.cluster.enable_addon(name).await
        } else {
            self.cluster.disable_addon(name).await
        };
        result.map_err(|e| ProviderFailure::new(e.to_string()))?;
        Ok(format!(
            "rehearsal: addon {name} {}",
            if enable { "enabled" } else { "disabled" }
        ))
    }

    pub async fn shutdown(self) {
        self.cluster.shutdown().await;
    }
}
