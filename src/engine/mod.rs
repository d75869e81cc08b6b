//! The engine: runs a plan's steps against a cluster and checks every outcome.
//!
//! It is called with its own [`RunOptions`] / [`ResetOptions`] (built by `src/app/options.rs` from the
//! command line), never with the CLI's types, and never calls back up.
//!
//! `provider` starts or reaches the cluster (minikube, an existing context, the rehearsal),
//! `runner` walks the steps, `crate::actions` and `crate::checks` do the work, and `report`
//! draws the events the runner emits.

pub mod background;
pub mod capture;
pub mod cleanup;
pub mod cluster;
pub mod context;
pub mod error;
pub mod event;
pub mod execute;
pub mod expectation;
pub mod guided;
pub mod interrupt;
pub mod leftovers;
pub mod lock;
pub mod options;
pub mod process;
pub mod procinfo;
pub mod prompt;
pub mod provider;
pub mod report;
pub mod reset;
pub mod runner;
pub mod selection;
pub mod state;

use std::io::IsTerminal;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::exit_code;
use crate::facts::{ClusterFacts, KubeVersion};
use crate::plan::{Plan, command};
use crate::scenario::{Action, Provider, Scenario};

use cluster::Connection;
use context::RunCtx;
use error::EngineError;
use event::{Event, Summary};
use interrupt::Interrupt;
pub use options::{GuidedOptions, ResetOptions, RunOptions, Target};
use provider::{ClusterProvider, Existing, Minikube, Rehearsal};

/// `workshop run`: returns the exit code.
pub fn run_command(opts: RunOptions) -> i32 {
    let color = opts.color;
    block_on(color, run(opts))
}

/// Runs an engine command on a fresh runtime; an error is printed once, here, and becomes its
/// exit code.
pub fn block_on(color: bool, command: impl std::future::Future<Output = Result<i32, EngineError>>) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprint!("{}", EngineError::Runtime(e).render(color));
            return exit_code::MISSING_PREREQUISITE;
        }
    };
    match rt.block_on(command) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", e.render(color));
            e.exit_code()
        }
    }
}

async fn run(opts: RunOptions) -> Result<i32, EngineError> {
    opts.output.check().map_err(EngineError::Invalid)?;
    let interrupt = Interrupt::new();
    let listening = interrupt.listen();
    let result = run_lab(&opts, &interrupt).await;
    listening.abort();
    result
}

/// The exit code of a run interrupted before its first step.
pub(crate) fn interrupted_early(interrupt: &Interrupt) -> i32 {
    let signal = interrupt.signal().unwrap_or(interrupt::Signal::Int);
    eprintln!(
        "{}",
        crate::t!("interrupted-before-first-step", signal = signal.describe())
    );
    signal.exit_code()
}

/// Tells the learner, as soon as a signal comes, what happens now.
///
/// The note is emitted at most once, and always before the run's `RunFinished`: call
/// [`Announcer::settle`] before emitting it. (A task that announced late would put the note
/// after the end of the run, where reporters that finish at `RunFinished`, like class mode's
/// streamer, never see it.)
pub(crate) struct Announcer {
    task: tokio::task::JoinHandle<()>,
    interrupt: Interrupt,
    reporter: Arc<dyn report::Reporter>,
    said: Arc<std::sync::atomic::AtomicBool>,
}

impl Announcer {
    pub(crate) fn start(interrupt: &Interrupt, reporter: Arc<dyn report::Reporter>) -> Announcer {
        let said = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let task = {
            let (interrupt, reporter, said) = (interrupt.clone(), reporter.clone(), said.clone());
            tokio::spawn(async move {
                interrupt.token().cancelled().await;
                announce(&interrupt, &*reporter, &said);
            })
        };
        Announcer {
            task,
            interrupt: interrupt.clone(),
            reporter,
            said,
        }
    }

    /// Stops listening; when a signal came and the task has not said so yet, says it now.
    pub(crate) async fn settle(self) {
        self.task.abort();
        let _ = self.task.await;
        if self.interrupt.token().is_cancelled() {
            announce(&self.interrupt, &*self.reporter, &self.said);
        }
    }
}

fn announce(interrupt: &Interrupt, reporter: &dyn report::Reporter, said: &std::sync::atomic::AtomicBool) {
    let Some(signal) = interrupt.signal() else { return };
    if said.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    reporter.event(&Event::Note {
        text: crate::t!(
            "interrupt-stopping",
            signal = signal.describe(),
            grace = process::GRACE.as_secs()
        ),
    });
}

async fn run_lab(opts: &RunOptions, interrupt: &Interrupt) -> Result<i32, EngineError> {
    let RunOptions {
        scenario,
        vars,
        scenario_path: display_path,
        lang,
        target,
        ..
    } = opts;
    let kind = target.provider;
    let house = Housekeeping::begin(&scenario.lab.id, !target.is_embedded_rehearsal()).await?;
    let ready = async {
        let provider = make_provider(scenario, target, display_path).await?;
        match prepare(&provider, scenario.clone(), vars.clone(), opts).await {
            Ok(p) => Ok((provider, p)),
            Err(e) => {
                provider.shutdown().await;
                Err(e)
            }
        }
    };
    let (provider, Prepared { conn, plan, guided }) = tokio::select! {
        r = ready => match r {
            Ok(p) => p,
            Err(e) => {
                house.print_notes();
                return Err(e);
            }
        },
        _ = interrupt.token().cancelled() => return Ok(interrupted_early(interrupt)),
    };
    if guided.nothing_left {
        house.print_notes();
        println!(
            "{}",
            crate::t!(
                "resume-nothing-left",
                lab = plan.scenario.lab.id.to_string(),
                path = display_path.as_str()
            )
        );
        provider.shutdown().await;
        return Ok(exit_code::SUCCESS);
    }

    let secrets = opts.secrets.clone();
    secrets.learn_plan(&plan);
    let info = report::record::RunInfo {
        scenario: display_path.clone(),
        provider: kind.as_str().to_owned(),
        steps: (plan.scenario.steps.iter())
            .map(|s| {
                (
                    s.id.to_string(),
                    secrets.mask(&plan.text(&s.title, lang, &guided.captures)),
                )
            })
            .collect(),
    };
    let reporter = opts.output.reporter(secrets.clone(), info);
    let steps = plan.scenario.steps.clone();
    let lab = plan.scenario.lab.clone();
    let ctx = RunCtx::new(
        plan,
        provider,
        conn,
        reporter.clone(),
        lang.clone(),
        opts.timeout_factor.max(0.01),
    )
    .with_secrets(secrets)
    .with_interrupt(interrupt.clone())
    .with_grace(opts.target.unreachable_grace)
    .with_recorder(guided.recorder.clone(), guided.attempt.clone(), guided.resuming.clone());
    let announcing = Announcer::start(interrupt, reporter.clone());
    ctx.emit(Event::RunStarted {
        title: ctx.plan().text(&lab.title, lang, &Default::default()),
        lab_id: lab.id.clone(),
        cluster: ctx.provider.description(),
        rehearsal: ctx.provider.is_rehearsal(),
        steps: steps.len(),
    });
    house.emit_notes(&ctx);
    if let Some(note) = ctx.provider.note() {
        ctx.emit(Event::Note { text: note.to_owned() });
    }
    if let Some(note) = opts.consent.note() {
        ctx.emit(Event::Note { text: note.to_owned() });
    }
    for (k, v) in &guided.captures {
        ctx.capture(k, v.clone());
    }
    if let Some(line) = guided.selection.describe(steps.len()) {
        ctx.emit(Event::Note { text: line });
    }
    if !guided.verify.is_empty() {
        guided::verify_completed(&ctx, &guided.verify, &guided.ran_before).await;
    }

    let interactive = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let loop_opts = runner::LoopOptions {
        keep_going: opts.keep_going,
        interactive,
        step_mode: opts.guided.step,
        converge: opts.guided.converge,
        selected: (!guided.selection.full).then(|| guided.selection.ids.iter().cloned().collect()),
        done_before: guided.done_before.clone(),
        ran_before: guided.ran_before.clone(),
        cleanup: false,
    };
    let mut summary = runner::run_steps(&ctx, &steps, &loop_opts).await;
    if summary.interrupted {
        summary.signal = interrupt.signal();
    }

    keep_running(&ctx, interactive, &summary).await;
    for (id, description) in ctx.background.stop_all().await {
        ctx.emit(Event::Background {
            id,
            description,
            running: false,
        });
    }
    if let Some(r) = &guided.recorder {
        r.settle();
    }
    if summary.interrupted || summary.failed > 0 {
        let recorded = guided.recorder.as_ref().is_some_and(|r| r.path().exists());
        summary.resume_hint = Some(guided::resume_hint(opts, &summary, recorded));
    }
    announcing.settle().await;
    ctx.emit(Event::RunFinished {
        summary: summary.clone(),
    });
    let RunCtx { provider, .. } = ctx;
    provider.shutdown().await;
    Ok(exit_for(&summary))
}

/// What every run and reset does first: stop what runs that are gone from this folder left
/// running, take the lab's lock (when the run records progress), and record this run's
/// processes while it lives. Dropped at the end of the run: lock released, record removed.
pub(crate) struct Housekeeping {
    _lock: Option<lock::LabLock>,
    _journal: Option<leftovers::Journal>,
    notes: Vec<String>,
}

impl Housekeeping {
    pub(crate) async fn begin(lab: &str, take_lock: bool) -> Result<Housekeeping, EngineError> {
        let mut notes = leftovers::sweep().await;
        let lock = if take_lock {
            let (lock, note) = lock::LabLock::acquire(lab)?;
            notes.extend(note);
            Some(lock)
        } else {
            None
        };
        let journal = match leftovers::Journal::start() {
            Ok(j) => Some(j),
            Err(e) => {
                notes.push(crate::t!(
                    "leftovers-cannot-record",
                    path = leftovers::dir().display().to_string(),
                    error = crate::os_error::io(&e)
                ));
                None
            }
        };
        Ok(Housekeeping {
            _lock: lock,
            _journal: journal,
            notes,
        })
    }

    /// The lines for the learner, once the run's output has started.
    pub(crate) fn emit_notes(&self, ctx: &RunCtx) {
        for text in &self.notes {
            ctx.emit(Event::Note { text: text.clone() });
        }
    }

    /// The lines, on stderr, when the run ends before its output starts.
    pub(crate) fn print_notes(&self) {
        for text in &self.notes {
            eprintln!("{text}");
        }
    }
}

/// What a run has before its first step.
struct Prepared {
    /// The connection, when a cluster already runs (else `start-cluster` makes it).
    conn: Option<Connection>,
    /// Rendered for the live cluster's facts, or the assumed version's, and past preflight.
    plan: Plan,
    guided: guided::Prepared,
}

/// Connects if a cluster already runs, builds the plan for its facts, runs preflight and
/// prepares guided mode (selection, resume state).
async fn prepare(
    provider: &ClusterProvider,
    scenario: Scenario,
    vars: std::collections::BTreeMap<String, crate::scenario::VarValue>,
    opts: &RunOptions,
) -> Result<Prepared, EngineError> {
    let kind = opts.target.provider;
    let conn = provider.connect_if_running(opts.target.unreachable_grace).await?;
    let plan = build_plan(scenario, vars, kind, opts.target.assumed, conn.as_ref()).await?;
    preflight(&plan, provider)?;
    let guided = guided::prepare(&plan, opts, conn.as_ref()).await?;
    Ok(Prepared { conn, plan, guided })
}

/// The plan for the live cluster's facts, or the assumed version's when none runs yet.
pub async fn build_plan(
    scenario: Scenario,
    vars: std::collections::BTreeMap<String, crate::scenario::VarValue>,
    kind: Provider,
    assumed: KubeVersion,
    conn: Option<&Connection>,
) -> Result<Plan, EngineError> {
    let facts = match conn {
        Some(c) => c
            .facts(kind.as_str())
            .await
            .unwrap_or_else(|_| ClusterFacts::assumed(assumed, kind.as_str())),
        None => ClusterFacts::assumed(assumed, kind.as_str()),
    };
    Plan::build(scenario, vars, facts).map_err(EngineError::Invalid)
}

/// The provider of the target's kind for this scenario (the embedded rehearsal cluster starts
/// here).
pub async fn make_provider(
    scenario: &Scenario,
    target: &Target,
    display_path: &str,
) -> Result<ClusterProvider, EngineError> {
    Ok(match target.provider {
        Provider::Minikube => {
            let mut start = command::minikube_start_args(&scenario.cluster, target.kubernetes_version.as_deref());
            start.remove(0);
            ClusterProvider::Minikube(Minikube::find(
                scenario.cluster.profile.clone(),
                start,
                scenario.cluster.addons.clone(),
                display_path,
            )?)
        }
        Provider::Existing => ClusterProvider::Existing(Existing {
            context: target.context.clone().or_else(|| scenario.cluster.context.clone()),
            kubeconfig: target.kubeconfig.clone(),
        }),
        Provider::Rehearsal => ClusterProvider::Rehearsal(match &target.kubeconfig {
            Some(k) => {
                Rehearsal::attach(
                    k,
                    scenario.cluster.addons.clone(),
                    &scenario.cluster.profile,
                    display_path,
                )
                .await?
            }
            None => {
                Rehearsal::launch(
                    target.assumed.to_string(),
                    &scenario.cluster.profile,
                    scenario.cluster.addons.clone(),
                    target.pace == crate::rehearsal::Pace::Realistic,
                )
                .await?
            }
        }),
    })
}

pub(crate) fn exit_for(s: &Summary) -> i32 {
    if s.interrupted {
        s.signal.map_or(exit_code::INTERRUPTED, interrupt::Signal::exit_code)
    } else if s.failed > 0 {
        exit_code::STEP_FAILED
    } else {
        exit_code::SUCCESS
    }
}

/// Before the first step: every manifest's API is served by the cluster (or the version the
/// scenario starts), and the local ports port-forwards need are free.
fn preflight(plan: &Plan, provider: &ClusterProvider) -> Result<(), EngineError> {
    let mut diags = Diagnostics::default();
    let mut templates: Vec<&String> = plan.manifests.keys().collect();
    templates.sort();
    for name in templates {
        for m in plan.manifests_of(name) {
            if plan.facts.serves(&m.api_version) {
                continue;
            }
            let origin = plan
                .templates
                .path_of(name)
                .map(|p| p.display().to_string())
                .unwrap_or(name.clone());
            let mut d = Diagnostic::new(crate::t!(
                "preflight-api-not-served",
                object = m.display_name(),
                api = m.api_version.as_str(),
                version = plan.facts.version.to_string()
            ))
            .with_location(Location {
                origin,
                line: m.line,
                col: 1,
                snippet: None,
                detail: Some(crate::t!("manifest-rendered-document", doc = m.doc)),
            })
            .expected(crate::t!(
                "preflight-api-expected",
                source = if plan.facts.live { "live" } else { "assumed" }
            ));
            d = d.hint(crate::t!(
                "preflight-api-hint",
                api = m.api_version.as_str(),
                psp = if m.api_version == "policy/v1beta1" { "yes" } else { "no" }
            ));
            diags.push(d);
        }
    }
    if !diags.is_empty() {
        return Err(EngineError::Invalid(diags));
    }
    if !provider.is_rehearsal() {
        let caps = plan.placeholder_captures();
        for step in &plan.scenario.steps {
            if let Action::PortForward(p) = &step.action
                && let Ok(port) = plan.render_int(&p.local_port, &caps)
            {
                let port = port as u16;
                if std::net::TcpListener::bind(("127.0.0.1", port)).is_err() {
                    return Err(EngineError::PortInUse {
                        port,
                        step: step.id.to_string(),
                        hint: crate::t!(
                            "preflight-port-hint",
                            port = port.to_string(),
                            choice = crate::scenario::expr::variable_name(&p.local_port.to_string())
                                .map(|v| format!("--var {v}={}", free_port_after(port)))
                                .unwrap_or_else(|| crate::t!("preflight-port-change", step = step.id.to_string()))
                        ),
                    });
                }
            }
        }
    }
    Ok(())
}

/// At the end of a run, steps with `keep-running` keep their background process until Enter:
/// "Pacman is at http://localhost:9090 — press Enter to stop".
async fn keep_running(ctx: &RunCtx, interactive: bool, summary: &Summary) {
    let keep: Vec<(String, String, bool)> = ctx.background.list().into_iter().filter(|(_, _, k)| *k).collect();
    if keep.is_empty() || summary.interrupted || !interactive {
        return;
    }
    let plan = ctx.plan();
    let lines: Vec<String> = keep
        .iter()
        .map(|(id, description, _)| match plan.scenario.step(id).map(|s| &s.action) {
            Some(Action::PortForward(p)) => {
                let caps = ctx.captures();
                let service = plan
                    .render(&p.service, &caps)
                    .unwrap_or_else(|_| p.service.text.clone());
                let port = plan
                    .render_int(&p.local_port, &caps)
                    .map(|p| p.to_string())
                    .unwrap_or_default();
                let mut name = service.clone();
                if let Some(first) = name.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                crate::t!(
                    "keep-running-forward",
                    name = name,
                    address = format!("http://localhost:{port}"),
                    service = service
                )
            }
            _ => crate::t!("keep-running-still", description = description.as_str()),
        })
        .collect();
    let (last, rest) = lines.split_last().expect("keep is not empty");
    for line in rest {
        ctx.reporter.println(line);
    }
    let stop = crate::t!("keep-running-stop", count = keep.len());
    prompt::wait_for_enter(ctx, &format!("{last} — {stop}")).await;
}

/// `workshop rehearsal serve`.
pub fn serve_rehearsal(opts: crate::rehearsal::RehearsalOptions) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!(
                "{} {}",
                crate::t_builtin!("diag-error"),
                crate::t!("engine-runtime", error = crate::os_error::io(&e))
            );
            return exit_code::MISSING_PREREQUISITE;
        }
    };
    match rt.block_on(crate::rehearsal::serve_standalone(opts)) {
        Ok(()) => exit_code::SUCCESS,
        Err(e) => {
            tracing::debug!("the rehearsal cluster failed: {e}");
            eprintln!(
                "{} {}",
                crate::t_builtin!("diag-error"),
                crate::t!("engine-rehearsal-failed", why = e.message())
            );
            exit_code::MISSING_PREREQUISITE
        }
    }
}

/// A free port on 127.0.0.1 above `port`, to suggest instead of a busy one (the next one when
/// none answers free within a hundred).
pub fn free_port_after(port: u16) -> u16 {
    (port.saturating_add(1)..=port.saturating_add(100))
        .find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .unwrap_or(port.saturating_add(1))
}

#[cfg(test)]
mod announcer_tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Default)]
    struct Notes(Mutex<Vec<String>>);

    impl report::Reporter for Notes {
        fn event(&self, event: &Event) {
            if let Event::Note { text } = event {
                self.0.lock().expect("notes").push(text.clone());
            }
        }
        fn println(&self, _line: &str) {}
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_signal_the_task_had_no_time_to_announce_is_announced_by_settle_once() {
        let notes = Arc::new(Notes::default());
        let interrupt = Interrupt::new();
        let announcer = Announcer::start(&interrupt, notes.clone());
        // On one thread the task has not run yet: the signal comes and the run ends at once.
        interrupt.raise(interrupt::Signal::Int);
        announcer.settle().await;
        let said = notes.0.lock().expect("notes").clone();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("⏹ "), "{said:?}");
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_signal_already_announced_is_not_said_twice_and_no_signal_says_nothing() {
        let notes = Arc::new(Notes::default());
        let interrupt = Interrupt::new();
        let announcer = Announcer::start(&interrupt, notes.clone());
        interrupt.raise(interrupt::Signal::Term);
        tokio::task::yield_now().await;
        announcer.settle().await;
        assert_eq!(notes.0.lock().expect("notes").len(), 1);

        let quiet = Arc::new(Notes::default());
        Announcer::start(&Interrupt::new(), quiet.clone()).settle().await;
        assert!(quiet.0.lock().expect("notes").is_empty());
    }
}
