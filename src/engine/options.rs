//! What the engine is asked to do, in its own terms. The command line (`src/app/`) reads the
//! scenario, binds its variables, picks the language and builds these from the clap types, so
//! the run flow reads top-down and the engine never sees the CLI.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::facts::KubeVersion;
use crate::rehearsal::Pace;
use crate::scenario::{Provider, Scenario, VarValue};

use super::report::OutputOptions;

/// Where a lab runs.
#[derive(Debug, Clone)]
pub struct Target {
    /// The scenario's `[cluster] provider`, or the one asked for with `--cluster`.
    pub provider: Provider,
    /// For an existing cluster: the kube context (default: the scenario's, then the current one).
    pub context: Option<String>,
    /// For an existing cluster: the kubeconfig file. For the rehearsal: attach to the
    /// standalone cluster it names instead of starting one for this run.
    pub kubeconfig: Option<PathBuf>,
    /// The Kubernetes version to start (minikube) or emulate (rehearsal), overriding the
    /// scenario's `kubernetes-version`.
    pub kubernetes_version: Option<String>,
    /// The version assumed until a cluster answers (rendering, preflight).
    pub assumed: KubeVersion,
    /// How fast the embedded rehearsal's controllers move.
    pub pace: Pace,
    /// How long the cluster may refuse connections before the step fails (`--unreachable-grace`).
    pub unreachable_grace: std::time::Duration,
}

impl Target {
    /// True for the rehearsal cluster started for this run only (not one attached with a
    /// kubeconfig): it is new on every run, so progress against it is not recorded.
    pub fn is_embedded_rehearsal(&self) -> bool {
        self.provider == Provider::Rehearsal && self.kubeconfig.is_none()
    }
}

/// Which steps run and how (docs/guided.md).
#[derive(Debug, Clone, Default)]
pub struct GuidedOptions {
    /// Show each step's card and ask before running it.
    pub step: bool,
    /// Start at this step.
    pub from: Option<String>,
    /// Stop after this step.
    pub until: Option<String>,
    /// Only these steps.
    pub only: Vec<String>,
    /// Not these steps.
    pub skip: Vec<String>,
    /// Run selected steps even when their prerequisites have not run against this cluster.
    pub force: bool,
    /// Continue at the first step not completed against this cluster.
    pub resume: bool,
    /// Skip the action of a step whose checks already hold.
    pub converge: bool,
}

/// `workshop run`.
#[derive(Debug)]
pub struct RunOptions {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Its variables, bound to their values (`--var` overrides included).
    pub vars: BTreeMap<String, VarValue>,
    /// The scenario file as named on the command line, for messages.
    pub scenario_path: String,
    /// The language of the lab's prose.
    pub lang: String,
    pub target: Target,
    /// Every check's timeout is multiplied by this (`--timeout`).
    pub timeout_factor: f64,
    /// After a failed step, go on with the steps that do not depend on it.
    pub keep_going: bool,
    pub guided: GuidedOptions,
    pub output: OutputOptions,
    /// Colors and spinners.
    pub color: bool,
    /// The command line that runs this lab again the same way (same cluster, variables,
    /// language and `--step`), without step selection: the resume hint appends `--resume`.
    pub again: Vec<String>,
    /// The redaction layer, shared with the `-v` log writer: the run adds what its plan and
    /// steps learn, and every output masks with it.
    pub secrets: crate::redact::Secrets,
    /// Why the lab may run (decided before the engine starts, crate::trust).
    pub consent: crate::trust::Consent,
}

/// `workshop reset`.
#[derive(Debug)]
pub struct ResetOptions {
    pub scenario: Scenario,
    pub vars: BTreeMap<String, VarValue>,
    pub scenario_path: String,
    pub lang: String,
    pub target: Target,
    pub timeout_factor: f64,
    /// Do not ask for confirmation.
    pub yes: bool,
    /// Also delete the minikube profile.
    pub all: bool,
    pub color: bool,
    /// Report the reset to a class server (`--class`).
    pub class: Option<super::report::class::ClassReport>,
    /// The redaction layer, as for a run.
    pub secrets: crate::redact::Secrets,
    /// Why the lab may run (decided before the engine starts, crate::trust).
    pub consent: crate::trust::Consent,
}
