//! The step loop: for each step, decide whether it can run, take its captures, perform its
//! action, run its checks, and report. Stops at the first failure unless `--keep-going`.
//! Guided runs add: a card and a question before each step (`--step`), a selection of steps
//! (`--from`, `--only`, …), checks first (`--converge`) and a record of completed steps.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::actions;
use crate::checks::{self, Verdict};
use crate::scenario::{Action, CaptureSource, CaptureWhen, Pause, Step};

use super::capture;
use super::cluster::{retry, supervise};
use super::context::{RunCtx, StepCtx, StepError};
use super::event::{Event, StepStatus, Summary};
use super::prompt::{self, Answer};
use super::state::Recorder;

/// How long `--converge` waits for a step's checks to hold before running its action.
pub const CONVERGE_PATIENCE: Duration = Duration::from_secs(2);

/// How long an interrupted action may take to stop its processes (SIGTERM, the grace period,
/// SIGKILL) before it is abandoned.
const STOP_PATIENCE: Duration = Duration::from_secs(2 * super::process::GRACE.as_secs() + 2);

/// How the loop behaves.
#[derive(Debug, Clone, Default)]
pub struct LoopOptions {
    pub keep_going: bool,
    /// Wait for Enter at `pause` steps (only when a terminal is attached).
    pub interactive: bool,
    /// `--step`: show each step's card and ask before running it.
    pub step_mode: bool,
    /// `--converge`: skip a step's action when its checks already pass.
    pub converge: bool,
    /// The ids of the steps to run (`None`: all).
    pub selected: Option<HashSet<String>>,
    /// Steps completed earlier against this cluster: they count as passed for `needs`.
    pub done_before: HashSet<String>,
    /// Where completed steps are recorded for `--resume`.
    pub recorder: Option<Arc<Recorder>>,
    /// `workshop reset`: a cleanup step whose object is already gone is already clean.
    pub cleanup: bool,
}

/// Runs `steps` in order and returns the totals.
pub async fn run_steps(run: &RunCtx, steps: &[Step], opts: &LoopOptions) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut not_ok: HashSet<String> = HashSet::new();
    let total = steps.len();
    let mut left_out = 0;
    for (i, step) in steps.iter().enumerate() {
        if run.cancel.is_cancelled() {
            summary.interrupted = true;
            left_out = steps.len() - i;
            break;
        }
        let index = i + 1;
        let id = step.id.to_string();
        if opts.selected.as_ref().is_some_and(|s| !s.contains(&id)) {
            continue;
        }
        let title = run.plan().text(&step.title, &run.lang, &run.captures());
        let mut skip = if run.provider.is_rehearsal() && step.needs_real_cluster() {
            Some("needs a real cluster (the rehearsal runs no containers)".to_owned())
        } else {
            step.needs
                .iter()
                .find(|n| not_ok.contains(n.as_str()) && !opts.done_before.contains(n.as_str()))
                .map(|dep| format!("depends on `{dep}`, which did not pass"))
        };
        if opts.step_mode {
            if skip.is_none() {
                match prompt::ask_step(run, step, index, total).await {
                    Answer::Run => {}
                    Answer::Skip => skip = Some("at your request".into()),
                    Answer::Quit => {
                        summary.interrupted = true;
                        summary.quit = !run.cancel.is_cancelled();
                        left_out = steps.len() - i;
                        break;
                    }
                }
            } else {
                let plan = run.plan();
                run.reporter.println(&prompt::step_card(
                    &plan,
                    step,
                    &run.lang,
                    index,
                    total,
                    &run.captures(),
                ));
            }
        }
        run.emit(Event::StepStarted {
            index,
            total,
            id: id.clone(),
            title: title.clone(),
        });
        let step_start = Instant::now();
        let status = if let Some(why) = skip {
            StepStatus::Skipped(why)
        } else {
            let ctx = StepCtx {
                run,
                step,
                plan: run.plan(),
            };
            pause(&ctx, opts).await;
            match supervise::step(run, execute(&ctx, opts)).await {
                Ok(Ok(done)) => done,
                Ok(Err(Stop::Interrupted)) => {
                    summary.interrupted = true;
                    summary.interrupted_step = Some(id.clone());
                    StepStatus::Interrupted
                }
                Ok(Err(Stop::Failed)) if step.optional => StepStatus::OptionalFailed,
                Ok(Err(Stop::Failed)) => StepStatus::Failed,
                Err(lost) => {
                    run.emit(Event::ActionFailed {
                        id: id.clone(),
                        message: lost.message(),
                        detail: Vec::new(),
                        hint: Some(run.provider.lost_hint(&lost)),
                    });
                    summary.lost = Some(lost);
                    StepStatus::Failed
                }
            }
        };
        match &status {
            StepStatus::Passed => summary.passed += 1,
            StepStatus::AlreadyDone => summary.already_done += 1,
            StepStatus::OptionalFailed => {
                summary.optional_failed += 1;
                not_ok.insert(id.clone());
            }
            StepStatus::Skipped(_) => {
                summary.skipped += 1;
                not_ok.insert(id.clone());
            }
            StepStatus::Failed => {
                summary.failed += 1;
                summary.failed_step.get_or_insert_with(|| id.clone());
                not_ok.insert(id.clone());
            }
            StepStatus::Interrupted => {
                not_ok.insert(id.clone());
            }
        }
        if let Some(r) = &opts.recorder {
            r.step_finished(run, &id, &status).await;
        }
        let failed = status == StepStatus::Failed;
        run.emit(Event::StepFinished {
            index,
            id: id.clone(),
            title,
            status,
            elapsed: step_start.elapsed(),
        });
        // A lost cluster ends the run even with --keep-going: every later step would fail.
        if summary.interrupted || summary.lost.is_some() || (failed && !opts.keep_going) {
            left_out = steps.len() - i - 1;
            break;
        }
    }
    if summary.quit {
        let recorded = if opts.recorder.is_some() {
            " and the progress is recorded"
        } else {
            ""
        };
        run.emit(Event::Note {
            text: format!("stopped at your request (q); background processes are stopped{recorded}"),
        });
    }
    let left = match &opts.selected {
        Some(sel) => steps[steps.len() - left_out..]
            .iter()
            .filter(|s| sel.contains(s.id.as_str()))
            .count(),
        None => left_out,
    };
    if left > 0 {
        run.emit(Event::Note {
            text: format!("{left} later step{} not run", if left == 1 { "" } else { "s" }),
        });
    }
    summary.elapsed = start.elapsed();
    summary
}

enum Stop {
    Failed,
    Interrupted,
}

async fn execute(ctx: &StepCtx<'_>, opts: &LoopOptions) -> Result<StepStatus, Stop> {
    let step = ctx.step;
    let id = step.id.to_string();
    let interrupted = || ctx.run.cancel.is_cancelled();
    // Once the run is interrupted, whatever went wrong is the interruption, not a failure.
    let fail = |e: StepError| {
        if interrupted() {
            return Stop::Interrupted;
        }
        ctx.run.emit(Event::ActionFailed {
            id: id.clone(),
            message: e.message,
            detail: e.detail,
            hint: e.hint,
        });
        Stop::Failed
    };
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::Before) {
        let value = capture::take(ctx, cap, None).await.map_err(fail)?;
        ctx.output(&format!("captured {} = {value}", cap.name));
    }
    if opts.converge && convergeable(step) && already_holds(ctx).await {
        for (i, check) in step.checks.iter().enumerate() {
            check_one(ctx, i, check).await?;
        }
        for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::After) {
            let value = capture::take(ctx, cap, None).await.map_err(fail)?;
            ctx.output(&format!("captured {} = {value}", cap.name));
        }
        return Ok(StepStatus::AlreadyDone);
    }
    let action_start = Instant::now();
    let budget = ctx.scaled(step.timeout.map_or(retry::DEFAULT_BUDGET, |t| t.as_std()));
    let action = supervise::action(ctx, budget, async {
        let clean = match opts.cleanup {
            true => super::cleanup::already_clean(ctx).await,
            false => None,
        };
        match clean {
            Some(summary) => Ok(actions::Done::summary(summary)),
            None => actions::perform(ctx).await,
        }
    });
    tokio::pin!(action);
    let done = tokio::select! {
        r = &mut action => r,
        _ = ctx.run.cancel.cancelled() => {
            // The action watches the same token: its processes get SIGTERM, then SIGKILL
            // after the grace period. Let it stop them instead of dropping it mid-way.
            match tokio::time::timeout(STOP_PATIENCE, &mut action).await {
                Ok(r) => r,
                Err(_) => return Err(Stop::Interrupted),
            }
        }
    }
    .map_err(fail)?;
    if interrupted() {
        return Err(Stop::Interrupted);
    }
    if !done.summary.is_empty() {
        ctx.run.emit(Event::ActionFinished {
            id: id.clone(),
            summary: done.summary.clone(),
            elapsed: action_start.elapsed(),
        });
    }
    for (i, check) in step.checks.iter().enumerate() {
        check_one(ctx, i, check).await?;
    }
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::After) {
        let value = capture::take(ctx, cap, Some(&done)).await.map_err(fail)?;
        ctx.output(&format!("captured {} = {value}", cap.name));
    }
    Ok(StepStatus::Passed)
}

/// Runs one check; a failure after the run was interrupted is the interruption.
async fn check_one(ctx: &StepCtx<'_>, index: usize, check: &crate::scenario::Check) -> Result<(), Stop> {
    match checks::run(ctx, index, check).await {
        Verdict::Passed { .. } => Ok(()),
        Verdict::Interrupted => Err(Stop::Interrupted),
        Verdict::Failed(_) if ctx.run.cancel.is_cancelled() => Err(Stop::Interrupted),
        Verdict::Failed(_) => Err(Stop::Failed),
    }
}

/// Whether `--converge` may skip this step's action: it has checks to prove it, leaves no
/// background process (a port-forward must run to be there) and captures nothing from its
/// action's answer.
fn convergeable(step: &Step) -> bool {
    !step.checks.is_empty()
        && !step.action.is_background()
        && !matches!(step.action, Action::Note(_) | Action::StartCluster(_))
        && !matches!(&step.action, Action::Command(c) if c.background)
        && !step
            .captures
            .iter()
            .any(|c| matches!(c.source, CaptureSource::Response { .. }))
}

/// True when every check of the step holds now (asked quietly, briefly).
pub async fn already_holds(ctx: &StepCtx<'_>) -> bool {
    if ctx.run.connection().is_none() {
        return false;
    }
    for check in &ctx.step.checks {
        if !checks::holds(ctx, check, CONVERGE_PATIENCE).await {
            return false;
        }
    }
    true
}

/// Shows a step's pause message; waits for Enter when interactive.
async fn pause(ctx: &StepCtx<'_>, opts: &LoopOptions) {
    let Some(p) = &ctx.step.pause else { return };
    let text = match p {
        Pause::Default => "Press Enter to continue.".to_owned(),
        Pause::Message(t) => ctx.plan.text(t, &ctx.run.lang, &ctx.captures()),
    };
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if opts.interactive && tty {
        prompt::wait_for_enter(ctx.run, &format!("⏸  {} [Enter]", text.trim())).await;
    } else {
        ctx.run.emit(Event::Note {
            text: format!("pause: {} (not waiting: no terminal)", text.trim()),
        });
    }
}
