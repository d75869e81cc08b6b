//! The `rehearsal` provider: the embedded cluster, started with the run and stopped with it;
//! or, with `--kubeconfig`, a standalone `workshop rehearsal serve` the run attaches to (so the
//! cluster outlives the run and kubectl can look at it). `start-cluster` enables the scenario's
//! addons the way `minikube start --addons` would.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::rehearsal::faults::FaultSpec;
use crate::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};

use super::super::cluster::{Connection, plain_error};
use super::super::context::StepCtx;
use super::super::error::EngineError;
use super::ProviderFailure;
use super::existing::Existing;

/// Where the rehearsal cluster runs.
pub enum Where {
    /// In this process, for this run only.
    Embedded(RehearsalCluster),
    /// A standalone `workshop rehearsal serve`, reached through its kubeconfig.
    Attached {
        kubeconfig: std::path::PathBuf,
        server: String,
        /// The scenario as the user named it, for the `rehearsal serve` a hint suggests.
        scenario: String,
    },
}

/// The command that serves a rehearsal cluster for `scenario` (its node, version and addons)
/// whose kubeconfig is `kubeconfig`: what a hint suggests when an attached run finds none.
pub fn serve_command(scenario: Option<&str>, kubeconfig: &Path) -> String {
    let words = ["workshop", "rehearsal", "serve"].into_iter().chain(scenario);
    let mut words: Vec<String> = words.map(str::to_owned).collect();
    words.extend(["--kubeconfig".to_owned(), kubeconfig.display().to_string()]);
    crate::plan::command::shell_join(&words)
}

pub struct Rehearsal {
    pub place: Where,
    pub addons: Vec<String>,
    /// Said once the run's output starts: an attached cluster whose node is not named after
    /// the lab's profile, and how to serve one that is.
    pub note: Option<String>,
}

const ADDONS_PATH: &str = "/workshop/v1/addons";

/// Faults for the embedded rehearsal cluster (as `workshop rehearsal serve --faults`), for
/// tests and for trying a flaky cluster without a second terminal.
pub const FAULTS_ENV: &str = "WORKSHOP_REHEARSAL_FAULTS";

/// The faults [`FAULTS_ENV`] asks for, if set and not empty.
pub fn faults_from_env() -> Result<Option<FaultSpec>, EngineError> {
    let Some(text) = std::env::var(FAULTS_ENV).ok().filter(|v| !v.trim().is_empty()) else {
        return Ok(None);
    };
    text.parse()
        .map(Some)
        .map_err(|e: crate::rehearsal::faults::FaultSpecError| {
            let d = Diagnostic::new(format!("{FAULTS_ENV}: {}", e.message))
                .with_location(Location {
                    origin: FAULTS_ENV.to_owned(),
                    line: 1,
                    col: e.column,
                    snippet: Some((text.clone(), e.width.max(1))),
                    detail: None,
                })
                .expected("comma-separated faults, e.g. 500=10%,cut=1..3,seed=2")
                .hint(e.hint);
            EngineError::Invalid(Diagnostics(vec![d]))
        })
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
            faults: faults_from_env()?,
        };
        let cluster = RehearsalCluster::start(opts)
            .await
            .map_err(|e| EngineError::Rehearsal(e.message()))?;
        Ok(Rehearsal {
            place: Where::Embedded(cluster),
            addons,
            note: None,
        })
    }

    /// Attaches to a standalone rehearsal cluster, proving it is one, for the lab of
    /// `scenario` (as the user named it) whose minikube profile is `profile`.
    pub async fn attach(
        kubeconfig: &Path,
        addons: Vec<String>,
        profile: &str,
        scenario: &str,
    ) -> Result<Rehearsal, EngineError> {
        let r = Rehearsal {
            place: Where::Attached {
                kubeconfig: kubeconfig.to_owned(),
                server: String::new(),
                scenario: scenario.to_owned(),
            },
            addons,
            note: None,
        };
        let conn = r.connect().await?;
        let serve = serve_command(Some(scenario), kubeconfig);
        r.addon_request(&conn, http::Method::GET, "")
            .await
            .map_err(|why| match conn.health().lost() {
                // It answered, then went away: not another kind of cluster.
                Some(lost) => EngineError::Unreachable {
                    context: conn.context.clone(),
                    message: format!("{}: {}", conn.server, lost.message()),
                    hint: r.vanished_hint(),
                },
                None => EngineError::Unreachable {
                    context: conn.context.clone(),
                    message: crate::t!("rehearsal-not-one", server = conn.server.as_str(), why = why),
                    hint: crate::t!("rehearsal-not-one-hint", command = serve.as_str()),
                },
            })?;
        let note = node_mismatch(&conn, profile).await.map(|nodes| {
            crate::t!(
                "rehearsal-node-mismatch",
                nodes = nodes,
                profile = profile,
                command = serve
            )
        });
        let server = conn.server.clone();
        Ok(Rehearsal {
            place: Where::Attached {
                kubeconfig: kubeconfig.to_owned(),
                server,
                scenario: scenario.to_owned(),
            },
            addons: r.addons,
            note,
        })
    }

    /// The kubeconfig file of this cluster: the embedded cluster's private one, or the one
    /// attached through.
    pub fn kubeconfig_path(&self) -> &Path {
        match &self.place {
            Where::Embedded(c) => c.kubeconfig_path(),
            Where::Attached { kubeconfig, .. } => kubeconfig,
        }
    }

    pub fn description(&self) -> String {
        match &self.place {
            Where::Embedded(c) => format!(
                "{}{}",
                crate::t!(
                    "rehearsal-embedded",
                    version = c.version().to_string(),
                    address = format!("http://{}", c.addr())
                ),
                c.faults()
                    .map(|f| format!(
                        ", {}",
                        crate::t!("rehearsal-faults", faults = f.spec().to_string(), variable = FAULTS_ENV)
                    ))
                    .unwrap_or_default()
            ),
            Where::Attached { server, kubeconfig, .. } => crate::t!(
                "rehearsal-attached",
                server = server.as_str(),
                kubeconfig = kubeconfig.display().to_string()
            ),
        }
    }

    /// What to do when the rehearsal cluster stopped answering.
    pub fn vanished_hint(&self) -> String {
        match &self.place {
            Where::Embedded(c) => match c.faults() {
                Some(f) => crate::t!(
                    "rehearsal-vanished-faults",
                    faults = format!("{FAULTS_ENV}={}", f.spec())
                ),
                None => crate::t!("rehearsal-vanished-embedded"),
            },
            Where::Attached {
                kubeconfig, scenario, ..
            } => crate::t!(
                "rehearsal-vanished-attached",
                command = serve_command(Some(scenario), kubeconfig)
            ),
        }
    }

    pub async fn connect(&self) -> Result<Connection, EngineError> {
        match &self.place {
            Where::Embedded(c) => {
                Connection::connect(
                    c.kube_config(),
                    "workshop-rehearsal",
                    &crate::t!("rehearsal-embedded-unreachable-hint"),
                )
                .await
            }
            Where::Attached {
                kubeconfig, scenario, ..
            } => {
                let serve = serve_command(Some(scenario), kubeconfig);
                Existing {
                    context: None,
                    kubeconfig: Some(kubeconfig.clone()),
                }
                .connect()
                .await
                .map_err(|e| match e {
                    // The hints of a kubectl cluster point the wrong way here: this kubeconfig
                    // is the one a `workshop rehearsal serve` writes.
                    EngineError::Kubeconfig { message, .. } => EngineError::Kubeconfig {
                        message,
                        hint: crate::t!("rehearsal-attach-no-kubeconfig-hint", command = serve.as_str()),
                    },
                    EngineError::Unreachable { context, message, .. } => EngineError::Unreachable {
                        context,
                        message,
                        hint: crate::t!("rehearsal-attach-unreachable-hint", command = serve.as_str()),
                    },
                    other => other,
                })
            }
        }
    }

    async fn addon_request(&self, conn: &Connection, method: http::Method, name: &str) -> Result<(), String> {
        let path = if name.is_empty() {
            ADDONS_PATH.to_owned()
        } else {
            format!("{ADDONS_PATH}/{name}")
        };
        let req = http::Request::builder()
            .method(method)
            .uri(path)
            .body(Vec::new())
            .map_err(|e| e.to_string())?;
        conn.client
            .request::<serde_json::Value>(req)
            .await
            .map(|_| ())
            .map_err(|e| plain_error(&e))
    }

    async fn set_addon(&self, name: &str, enable: bool) -> Result<(), ProviderFailure> {
        match &self.place {
            Where::Embedded(c) => {
                let r = if enable {
                    c.enable_addon(name).await
                } else {
                    c.disable_addon(name).await
                };
                r.map_err(|e| ProviderFailure::new(e.message()))
            }
            Where::Attached { .. } => {
                let conn = self.connect().await.map_err(|e| ProviderFailure::new(e.message()))?;
                let method = if enable {
                    http::Method::POST
                } else {
                    http::Method::DELETE
                };
                self.addon_request(&conn, method, name)
                    .await
                    .map_err(ProviderFailure::new)
            }
        }
    }

    pub async fn start(&self, ctx: &StepCtx<'_>) -> Result<(Connection, String), ProviderFailure> {
        for a in &self.addons {
            self.set_addon(a, true).await?;
            ctx.output(&crate::t!("rehearsal-addon", addon = a.as_str(), enabled = "yes"));
        }
        let conn = self.connect().await.map_err(|e| ProviderFailure::new(e.message()))?;
        let summary = if self.addons.is_empty() {
            crate::t!("rehearsal-ready")
        } else {
            crate::t!("rehearsal-ready-addons", addons = self.addons.join(", "))
        };
        Ok((conn, summary))
    }

    pub async fn addon(&self, name: &str, enable: bool) -> Result<String, ProviderFailure> {
        self.set_addon(name, enable).await?;
        Ok(crate::t!(
            "rehearsal-addon",
            addon = name,
            enabled = if enable { "yes" } else { "no" }
        ))
    }

    pub async fn shutdown(self) {
        if let Where::Embedded(c) = self.place {
            c.shutdown().await;
        }
    }
}

/// The names of the cluster's nodes when none is named `profile` (minikube names the first
/// node after the profile); `None` when one is, or the nodes cannot be listed.
async fn node_mismatch(conn: &Connection, profile: &str) -> Option<String> {
    let nodes: kube::Api<k8s_openapi::api::core::v1::Node> = kube::Api::all(conn.client.clone());
    let list = nodes.list(&kube::api::ListParams::default()).await.ok()?;
    let names: Vec<String> = list.items.into_iter().filter_map(|n| n.metadata.name).collect();
    (!names.is_empty() && !names.iter().any(|n| n == profile)).then(|| names.join(", "))
}
