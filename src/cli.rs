//! The command line, as clap types. `src/app/` runs what they describe.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::report::ReportSpec;
use crate::scenario::Provider;

/// Runs hands-on Kubernetes labs from TOML scenario files, checking every step against the cluster.
///
/// A scenario lists ordered steps (start minikube, patch a StorageClass, create manifests,
/// port-forward, delete a pod, scale, ...). `workshop run` executes each one, proves its outcome
/// with checks that watch the cluster, and shows progress as it goes. Without minikube, add
/// `--cluster rehearsal` to run against the embedded rehearsal cluster (no containers run).
#[derive(Debug, Parser)]
#[command(name = "workshop", version = crate::VERSION, propagate_version = true, max_term_width = 100)]
#[command(
    after_help = "Examples:\n  workshop validate scenarios/day55.toml\n  workshop plan scenarios/day55.toml --var pacman_replicas=5\n  workshop run scenarios/day55.toml --cluster rehearsal\n  workshop run scenarios/day55.toml --step --lang es\n  workshop run scenarios/day55.toml --resume\n  workshop export scenarios/day55.toml --format sh -o day55.sh\n\nExit codes: 0 success, 1 a step failed, 2 invalid scenario or usage, 3 missing prerequisite, 4 a lab refused consent (not trusted, see `workshop trust`), 130 interrupted (Ctrl-C, or q in --step mode), 143 stopped by SIGTERM, 129 by SIGHUP (the terminal closed)."
)]
pub struct Cli {
    /// When to use colors and spinners: auto (a terminal without NO_COLOR), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,

    /// Diagnostic logs on stderr: -v for info, -vv for debug, -vvv for trace (RUST_LOG also works).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a scenario thoroughly without a cluster: syntax, types, references, variables,
    /// templates and every rendered manifest. Exits 0 when valid, 2 with every problem found.
    Validate(ValidateArgs),
    /// Show the resolved steps in order: for each, the command a learner would type and the
    /// checks that prove it worked. `--manifests` adds the rendered YAML.
    Plan(PlanArgs),
    /// List the labs in a folder (default `scenarios/`) with id, title and step count.
    List(ListArgs),
    /// Run a lab: execute every step against the cluster, check every outcome, show progress.
    Run(RunArgs),
    /// Undo a lab: run the scenario's cleanup steps, then forget its resume state.
    Reset(ResetArgs),
    /// Trust a lab on this machine (like `direnv allow`): show what it can do (programs it runs,
    /// hosts it reaches, powerful grants) and remember its content, so `run` does not ask.
    /// A changed lab is asked about again. `--revoke` forgets it.
    Trust(TrustArgs),
    /// Write a handout of a lab: Markdown (steps, explanations, commands, checks) or a shell
    /// script of the equivalent minikube/kubectl commands.
    Export(ExportArgs),
    /// The embedded rehearsal cluster, which speaks the Kubernetes API but runs no containers.
    #[command(subcommand)]
    Rehearsal(RehearsalCommand),
    /// Class mode: a class server and its live board of every learner's lab, the board in the
    /// terminal, announcements, and checking learners' clusters from the instructor's side.
    #[command(subcommand)]
    Class(crate::class::command::ClassCommand),
    /// Check what a run needs (minikube and its driver, kubectl, the kube context, the
    /// Kubernetes version, free ports) and print a checklist with a fix for each problem.
    /// Exits 0 when everything required is there, 3 otherwise.
    Doctor(crate::doctor::DoctorArgs),
    /// Print the JSON Schema of the scenario format, for editors (taplo, Even Better TOML).
    Schema,
    /// Write a new, commented scenario NAME.toml and a templates/ folder that validate as they are.
    New(crate::scaffold::NewArgs),
    /// Print a shell completion script: workshop completions bash > ~/.local/share/bash-completion/completions/workshop
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
pub struct TrustArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Forget the lab instead: `run` asks again.
    #[arg(long)]
    pub revoke: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Scenario inputs shared by the commands that read one.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    /// The scenario file, e.g. scenarios/day55.toml.
    pub scenario: PathBuf,

    /// Override a variable: --var pacman_replicas=5 (repeatable, each variable once). The value
    /// is checked against the variable's type (int, port, dns-label, image, …; see `[vars]` in
    /// docs/scenario-format.md).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Render the templates as for this Kubernetes version instead of the scenario's
    /// `kubernetes-version` (e.g. 1.31.0, to check the lab on a newer cluster).
    #[arg(long, value_name = "VERSION")]
    pub kubernetes_version: Option<String>,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Also print every rendered manifest.
    #[arg(long)]
    pub manifests: bool,

    /// The language of titles, explanations and workshop's own words (default: LANG if the lab
    /// offers it, else the scenario's first language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Show the explanation of every step too.
    #[arg(long)]
    pub explain: bool,

    /// Render for this Kubernetes version instead of the scenario's `kubernetes-version`.
    #[arg(long, value_name = "VERSION")]
    pub kubernetes_version: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// The folder to look in, subfolders included (default: scenarios/ when there is one,
    /// else the current folder, where `workshop new` writes).
    pub dir: Option<PathBuf>,
}

/// Which cluster a command talks to. Shared by `run`, `reset` and `doctor`.
#[derive(Debug, Args, Clone)]
pub struct ClusterArgs {
    /// Where to run, overriding the scenario's [cluster] provider: minikube (the real binary),
    /// existing (a kube context), or rehearsal (the embedded cluster; no containers run).
    #[arg(long, value_name = "PROVIDER", value_parser = parse_provider)]
    pub cluster: Option<Provider>,

    /// For --cluster existing: the kube context to use (default: the current one).
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,

    /// For --cluster existing: the kubeconfig file (default: KUBECONFIG, then ~/.kube/config).
    /// For --cluster rehearsal: attach to a `workshop rehearsal serve --kubeconfig PATH` that
    /// keeps running after the lab, instead of starting a cluster for this run only.
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// How long the cluster may refuse connections before the step fails with "the cluster
    /// stopped answering" (meanwhile every request is retried), e.g. 30s or 2m.
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_duration)]
    pub unreachable_grace: std::time::Duration,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    #[command(flatten)]
    pub target: ClusterArgs,

    /// Run this lab without asking, for this run only (nothing is remembered). A lab that runs
    /// programs or commands in pods, sends HTTP beyond its own port-forwards or grants powerful
    /// roles is otherwise asked about once on a terminal, the answer remembered by the lab's
    /// content (see `workshop trust`), and refused without one. The bundled labs, unchanged,
    /// never ask (docs/security.md).
    #[arg(long)]
    pub trust: bool,

    /// Scale every check's timeout, e.g. 2 (twice as long) or 0.5 (more than 0).
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0, value_parser = parse_timeout_factor)]
    pub timeout: f64,

    /// After a failed step, go on with the steps that do not depend on it.
    #[arg(long)]
    pub keep_going: bool,

    /// The language of titles, explanations and workshop's own messages: en, es, ES, es_ES, …
    /// (default: LANG if the lab offers it, else the scenario's first language; docs/languages.md).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// The Kubernetes version to start (minikube) or to emulate (rehearsal), instead of the
    /// scenario's `kubernetes-version`.
    #[arg(long, value_name = "VERSION")]
    pub kubernetes_version: Option<String>,

    /// For the rehearsal cluster: how fast its simulated controllers move. `fast` for tests,
    /// `realistic` (a second or two per transition) for demos.
    #[arg(long, value_enum, default_value_t = PaceArg::Fast)]
    pub pace: PaceArg,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub guided: GuidedArgs,

    #[command(flatten)]
    pub class: crate::class::command::JoinArgs,
}

/// The output flags of `workshop run`.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Write a report when the run ends: junit=PATH (JUnit XML for CI) or json=PATH
    /// (documented in docs/reports.md). Repeatable; both may be given.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub reports: Vec<ReportSpec>,

    /// Show only failures and the summary.
    #[arg(short, long)]
    pub quiet: bool,

    /// Stream every event as one JSON object per line on stdout (`ndjson`); the human output
    /// then goes to stderr, as plain lines.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub events: Option<EventsArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventsArg {
    Ndjson,
}

/// Step-by-step mode, partial runs and resume (docs/guided.md).
#[derive(Debug, Args, Default)]
pub struct GuidedArgs {
    /// Step by step: before each step show its explanation and commands, then wait for
    /// Enter (run), `s` (skip) or `q` (quit).
    #[arg(long = "step", short = 'i')]
    pub step: bool,

    /// Start at this step (earlier steps are not run).
    #[arg(long, value_name = "ID", conflicts_with = "only")]
    pub from: Option<String>,

    /// Stop after this step.
    #[arg(long, value_name = "ID", conflicts_with = "only")]
    pub until: Option<String>,

    /// Run only these steps (comma-separated ids).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub only: Vec<String>,

    /// Do not run these steps (comma-separated ids).
    #[arg(long, value_name = "ID,…", value_delimiter = ',')]
    pub skip: Vec<String>,

    /// Run selected steps even when the steps they need have not run against this cluster.
    #[arg(long)]
    pub force: bool,

    /// Continue at the first step not completed against this cluster (recorded in
    /// .workshop/state/LAB.json), after checking the completed ones still hold.
    #[arg(long, conflicts_with_all = ["from", "only"])]
    pub resume: bool,

    /// Run each step's checks first and skip its action when they already pass ("already done").
    #[arg(long)]
    pub converge: bool,
}

#[derive(Debug, Args)]
pub struct ResetArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// Run the cleanup without asking, for this reset only. Asked only when the cleanup steps
    /// run programs or commands in pods, send HTTP or grant powerful roles (as for `run`).
    #[arg(long)]
    pub trust: bool,

    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Also delete the minikube profile (`minikube delete -p PROFILE`; minikube only).
    #[arg(long)]
    pub all: bool,

    /// Where the lab ran (as for `run`).
    #[command(flatten)]
    pub target: ClusterArgs,

    /// The language of step titles.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Scale every check's timeout, e.g. 2 (twice as long) or 0.5 (more than 0).
    #[arg(long, value_name = "FACTOR", default_value_t = 1.0, value_parser = parse_timeout_factor)]
    pub timeout: f64,

    #[command(flatten)]
    pub class: crate::class::command::JoinArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown handout: steps, explanations, commands and what each check verifies.
    Md,
    /// A bash script of the equivalent minikube/kubectl/curl commands, in order.
    Sh,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,

    /// md (a Markdown handout) or sh (a bash script to type along).
    #[arg(long, value_enum)]
    pub format: ExportFormat,

    /// The language of titles and explanations (default: LANG if the lab offers it, else
    /// the scenario's first language).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Write to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Render for this Kubernetes version instead of the scenario's `kubernetes-version`.
    #[arg(long, value_name = "VERSION")]
    pub kubernetes_version: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaceArg {
    Fast,
    Realistic,
}

impl From<PaceArg> for crate::rehearsal::Pace {
    fn from(p: PaceArg) -> Self {
        match p {
            PaceArg::Fast => crate::rehearsal::Pace::Fast,
            PaceArg::Realistic => crate::rehearsal::Pace::Realistic,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum RehearsalCommand {
    /// Run the rehearsal cluster on 127.0.0.1 until Ctrl-C, so kubectl can be pointed at it:
    /// `kubectl --kubeconfig PATH get pods -A`.
    #[command(disable_version_flag = true)]
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A scenario to serve a cluster for: its [cluster] section's profile names the node, its
    /// kubernetes-version is reported and its addons are enabled, as `minikube start` would
    /// for that lab. Then `workshop run SCENARIO --cluster rehearsal --kubeconfig PATH`
    /// attaches to it. --profile, --version and --addons override the scenario's.
    #[arg(value_name = "SCENARIO")]
    pub scenario: Option<PathBuf>,

    /// Where to write its kubeconfig (default: a temporary file, printed at start).
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<PathBuf>,

    /// The Kubernetes version it reports (PodSecurityPolicy is served below 1.25 only)
    /// [default: the scenario's kubernetes-version, else v1.31.0].
    #[arg(long, value_name = "VERSION")]
    pub version: Option<String>,

    /// Addons enabled at start, as `minikube start --addons` (repeatable or comma-separated)
    /// [default: the scenario's addons, else none beyond minikube's defaults].
    #[arg(long, value_delimiter = ',')]
    pub addons: Vec<String>,

    /// How fast simulated controllers move.
    #[arg(long, value_enum, default_value_t = PaceArg::Realistic)]
    pub pace: PaceArg,

    /// Named like a minikube profile: the node takes this name [default: the scenario's
    /// profile, else minikube].
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Misbehave on purpose, to rehearse a flaky cluster: comma-separated faults such as
    /// `500=10%,429=20%,cut=1..3,gone=30%,latency=300ms,restart=20s,seed=3` (grammar in
    /// docs/reliability.md). Every random choice derives from the seed.
    #[arg(long, value_name = "SPEC", value_parser = parse_faults)]
    pub faults: Option<crate::rehearsal::faults::FaultSpec>,
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(crate::t!("cli-var-not-name-value", value = s)),
    }
}

fn parse_report(s: &str) -> Result<ReportSpec, String> {
    s.parse()
}

fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(s).map_err(|e| crate::t!("cli-duration", error = e.to_string()))
}

fn parse_faults(s: &str) -> Result<crate::rehearsal::faults::FaultSpec, String> {
    s.parse().map_err(|e: crate::rehearsal::faults::FaultSpecError| {
        format!("column {}: {}\n  hint: {}", e.column, e.message, e.hint)
    })
}

fn parse_provider(s: &str) -> Result<Provider, String> {
    s.parse()
}

/// `--timeout FACTOR`: a finite number above 0 (0 would make every wait fail at once).
fn parse_timeout_factor(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(f) if f.is_finite() && f > 0.0 => Ok(f),
        Ok(_) => Err(crate::t!("cli-timeout-zero", value = s)),
        Err(_) => Err(crate::t!("cli-timeout-not-a-number", value = s)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_vars() {
        assert_eq!(parse_var("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(parse_var("novalue").is_err());
    }
}
