//! The `minikube` provider: the real `minikube` binary, found with `which`, run under
//! tokio::process with its output streamed into the step's progress and kept for failures.

use std::path::PathBuf;
use std::time::Duration;

use super::super::cluster::Connection;
use super::super::context::StepCtx;
use super::super::error::EngineError;
use super::super::process::{self, ProcessError};
use super::ProviderFailure;
use super::existing::Existing;

pub struct Minikube {
    pub binary: PathBuf,
    pub profile: String,
    /// `minikube start` arguments after the program name.
    pub start_args: Vec<String>,
    pub addons: Vec<String>,
}

/// How to install minikube, and the way to try the lab without it.
pub fn install_hint(scenario: &str) -> String {
    crate::t!("minikube-install-hint", scenario = scenario)
}

impl Minikube {
    /// Finds the binary on PATH.
    pub fn find(
        profile: String,
        start_args: Vec<String>,
        addons: Vec<String>,
        scenario: &str,
    ) -> Result<Minikube, EngineError> {
        let binary = which::which("minikube").map_err(|_| EngineError::MissingBinary {
            name: "minikube".into(),
            hint: install_hint(scenario),
        })?;
        Ok(Minikube {
            binary,
            profile,
            start_args,
            addons,
        })
    }

    fn existing(&self) -> Existing {
        Existing {
            context: Some(self.profile.clone()),
            kubeconfig: None,
        }
    }

    /// True when `minikube status -p PROFILE` reports a running API server.
    pub async fn is_running(&self) -> bool {
        let args = vec![
            "status".to_owned(),
            "-p".to_owned(),
            self.profile.clone(),
            "-o".to_owned(),
            "json".to_owned(),
        ];
        let cancel = tokio_util::sync::CancellationToken::new();
        // `minikube status` exits non-zero for a stopped or missing profile: that is "not running".
        let out = match process::run(&self.binary, &args, Duration::from_secs(60), &cancel, |_| {}).await {
            Ok(f) => f.stdout,
            Err(_) => return false,
        };
        serde_json::from_str::<serde_json::Value>(&out)
            .ok()
            .and_then(|v| v.get("APIServer").and_then(|s| s.as_str()).map(|s| s == "Running"))
            .unwrap_or(false)
    }

    pub async fn connect_if_running(&self) -> Result<Option<Connection>, EngineError> {
        if self.is_running().await {
            self.existing().connect().await.map(Some)
        } else {
            Ok(None)
        }
    }

    async fn minikube(&self, ctx: &StepCtx<'_>, args: Vec<String>, timeout: Duration) -> Result<(), ProviderFailure> {
        let display = process::display_command(&self.binary, &args);
        ctx.output(&format!("$ {display}"));
        match process::run(&self.binary, &args, timeout, ctx.cancel(), |l| ctx.output(l)).await {
            Ok(_) => Ok(()),
            Err(e) => {
                let message = e.message();
                Err(match e {
                    ProcessError::Failed { tail, .. } => ProviderFailure {
                        message,
                        detail: tail,
                        hint: Some(crate::t!("minikube-failed-hint", profile = self.profile.as_str())),
                    },
                    ProcessError::TimedOut { tail, .. } => ProviderFailure {
                        message,
                        detail: tail,
                        hint: Some(crate::t!("minikube-timed-out-hint")),
                    },
                    _ => ProviderFailure::new(message),
                })
            }
        }
    }

    /// `minikube start …`, or reuse of a profile that already runs.
    pub async fn start(&self, ctx: &StepCtx<'_>) -> Result<(Connection, String), ProviderFailure> {
        let summary = if self.is_running().await {
            ctx.output(&crate::t!("minikube-reusing", profile = self.profile.as_str()));
            for a in &self.addons {
                self.minikube(ctx, self.addon_args(a, true), Duration::from_secs(300))
                    .await?;
            }
            crate::t!("minikube-reused", profile = self.profile.as_str())
        } else {
            let timeout = ctx.step.timeout.map_or(Duration::from_secs(900), |t| t.as_std());
            self.minikube(ctx, self.start_args.clone(), timeout).await?;
            crate::t!("minikube-started", profile = self.profile.as_str())
        };
        let conn = self.existing().connect().await.map_err(|e| ProviderFailure {
            message: e.message(),
            detail: Vec::new(),
            hint: e.hint().map(str::to_owned),
        })?;
        Ok((conn, summary))
    }

    fn addon_args(&self, name: &str, enable: bool) -> Vec<String> {
        vec![
            "-p".into(),
            self.profile.clone(),
            "addons".into(),
            if enable { "enable" } else { "disable" }.into(),
            name.to_owned(),
        ]
    }

    pub async fn addon(&self, ctx: &StepCtx<'_>, name: &str, enable: bool) -> Result<String, ProviderFailure> {
        let timeout = ctx.step.timeout.map_or(Duration::from_secs(600), |t| t.as_std());
        self.minikube(ctx, self.addon_args(name, enable), timeout).await?;
        Ok(crate::t!(
            "minikube-addon",
            addon = name,
            enabled = if enable { "yes" } else { "no" }
        ))
    }

    /// `minikube tunnel -p PROFILE`, for a background process.
    pub fn tunnel_args(&self) -> Vec<String> {
        vec!["tunnel".into(), "-p".into(), self.profile.clone()]
    }
}
