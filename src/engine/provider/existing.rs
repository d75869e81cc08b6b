//! The `existing` provider: a cluster that already runs, reached through a kube context read
//! the way kubectl reads it (`--kubeconfig`, else `KUBECONFIG`, else `~/.kube/config`).

use std::path::PathBuf;

use kube::config::{KubeConfigOptions, Kubeconfig};

use super::super::cluster::Connection;
use super::super::error::EngineError;

pub struct Existing {
    pub context: Option<String>,
    pub kubeconfig: Option<PathBuf>,
}

impl Existing {
    pub fn context_name(&self) -> String {
        self.context.clone().unwrap_or_else(|| {
            self.read()
                .ok()
                .and_then(|k| k.current_context)
                .unwrap_or_else(|| crate::t!("kubeconfig-current-context"))
        })
    }

    /// The kubeconfig's current context, when it can be read.
    pub fn current_context(&self) -> Option<String> {
        self.read().ok().and_then(|k| k.current_context)
    }

    fn read(&self) -> Result<Kubeconfig, EngineError> {
        let hint = crate::t!("kubeconfig-where-hint");
        match &self.kubeconfig {
            Some(p) if !p.exists() => Err(EngineError::Kubeconfig {
                message: crate::t!("kubeconfig-no-such-file", path = p.display().to_string()),
                hint: crate::t!("kubeconfig-no-such-file-hint"),
            }),
            Some(p) => Kubeconfig::read_from(p).map_err(|e| EngineError::Kubeconfig {
                message: crate::t!(
                    "kubeconfig-cannot-read",
                    path = p.display().to_string(),
                    error = read_error(&e)
                ),
                hint,
            }),
            None => {
                // KUBECONFIG names files (`:`-separated) that must exist, as kubectl reads them.
                let env = std::env::var_os("KUBECONFIG").filter(|v| !v.is_empty());
                if let Some(v) = &env {
                    let missing: Vec<String> = std::env::split_paths(v)
                        .filter(|p| !p.as_os_str().is_empty() && !p.exists())
                        .map(|p| p.display().to_string())
                        .collect();
                    if !missing.is_empty() {
                        return Err(EngineError::Kubeconfig {
                            message: crate::t!("kubeconfig-env-missing", paths = missing.join(", ")),
                            hint: crate::t!("kubeconfig-env-missing-hint"),
                        });
                    }
                }
                Kubeconfig::read().map_err(|e| EngineError::Kubeconfig {
                    message: crate::t!("kubeconfig-cannot-read-default", error = read_error(&e)),
                    hint,
                })
            }
        }
    }

    /// Connects to the chosen context and proves the API server answers.
    pub async fn connect(&self) -> Result<Connection, EngineError> {
        let kc = self.read()?;
        let context = self.context_name();
        if let Some(c) = &self.context
            && !kc.contexts.iter().any(|n| &n.name == c)
        {
            let names: Vec<&str> = kc.contexts.iter().map(|n| n.name.as_str()).collect();
            return Err(EngineError::Kubeconfig {
                message: crate::t!("kubeconfig-no-context", context = c.as_str()),
                hint: crate::t!("kubeconfig-no-context-hint", contexts = names.join(", ")),
            });
        }
        let opts = KubeConfigOptions {
            context: self.context.clone(),
            ..Default::default()
        };
        let config = kube::Config::from_custom_kubeconfig(kc, &opts)
            .await
            .map_err(|e| EngineError::Kubeconfig {
                // A file it names (a certificate, a key) cannot be read: the OS's words translated.
                message: crate::os_error::within(&e)
                    .map(|error| crate::t!("kubeconfig-unusable", error = error))
                    .unwrap_or_else(|| e.to_string()),
                hint: crate::t!("kubeconfig-entries-hint"),
            })?;
        Connection::connect(config, &context, &crate::t!("existing-unreachable-hint")).await
    }
}

/// A kubeconfig error without kube's `'"path"'` quoting: its cause, an OS error in the
/// learner's language, or what the YAML reader said.
fn read_error(e: &kube::config::KubeconfigError) -> String {
    use std::error::Error as _;
    crate::os_error::within(e).unwrap_or_else(|| match e.source() {
        Some(cause) => cause.to_string(),
        None => e.to_string(),
    })
}
