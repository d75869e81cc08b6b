//! One step, run: its captures, its action, its checks. `--converge` first asks whether what
//! should hold of it already does (then its action is skipped: "already done"); a step resumed
//! after an interruption keeps the values it captured before it; `workshop reset` finds a
//! cleanup step's object already gone ("already clean").

use std::time::{Duration, Instant};

use crate::actions;
use crate::checks::{self, Verdict};
use crate::plan::describe;
use crate::scenario::{Action, CaptureSource, CaptureWhen, Check, Step};

use super::capture;
use super::cluster::{retry, supervise};
use super::context::{StepCtx, StepError};
use super::event::{Event, StepStatus};
use super::expectation::{self, Expectation};
use super::runner::LoopOptions;

/// How long `--converge` waits for a step's checks to hold before running its action.
pub const CONVERGE_PATIENCE: Duration = Duration::from_secs(2);

/// How long an interrupted action may take to stop its processes (SIGTERM, the grace period,
/// SIGKILL) before it is abandoned.
const STOP_PATIENCE: Duration = Duration::from_secs(2 * super::process::GRACE.as_secs() + 2);

/// Why a step did not pass.
pub enum Stop {
    Failed,
    Interrupted,
}

/// Runs the step of `ctx`.
pub async fn execute(ctx: &StepCtx<'_>, opts: &LoopOptions) -> Result<StepStatus, Stop> {
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

    let mut fresh: Vec<String> = Vec::new();
    if opts.converge
        && convergeable(step)
        && let Some(e) = converge_expectation(ctx, opts)
    {
        // What the checks need and was not captured before.
        fresh = take_captures(ctx, CaptureWhen::Before, &|_| Keep::Saying)
            .await
            .map_err(fail)?;
        if holds_now(ctx, &e).await {
            for (i, check) in &e.expected {
                check_one(ctx, *i, check).await?;
            }
            for (_, check, why) in &e.left_out {
                ctx.output(&crate::t!(
                    "converge-not-checked-again",
                    check = describe::check(&ctx.plan, check, &ctx.captures()),
                    why = why.as_str()
                ));
            }
            take_captures(ctx, CaptureWhen::After, &|_| Keep::Saying)
                .await
                .map_err(fail)?;
            return Ok(StepStatus::AlreadyDone);
        }
    }
    // A step resumed after an interruption keeps what it captured before it (the uid of the
    // pod it was deleting, the player it was posting); so do values just taken above.
    let resumed = ctx.is_resumed();
    take_captures(ctx, CaptureWhen::Before, &|name| {
        if fresh.iter().any(|f| f == name) {
            Keep::Silently
        } else if resumed {
            Keep::Saying
        } else {
            Keep::No
        }
    })
    .await
    .map_err(fail)?;

    let action_start = Instant::now();
    let budget = ctx.scaled(step.timeout.map_or(retry::DEFAULT_BUDGET, |t| t.as_std()));
    let action = supervise::action(ctx, budget, async {
        let clean = if opts.cleanup {
            super::cleanup::already_clean(ctx).await
        } else if ctx.resumed_after_action() && convergeable(step) {
            // Cut off in its checks: what it did is there (a process it started is not, so a
            // background step, never convergeable, runs again).
            Some(crate::t!("resume-action-done-before"))
        } else {
            None
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
    if let Some(r) = &ctx.run.recorder {
        if !interrupted() {
            r.action_done(ctx.run, &id).await;
        }
        for (step, description, _) in ctx.run.background.list() {
            if step == id {
                r.process_started(ctx.run, &id, &description).await;
            }
        }
    }
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
        ctx.output(&crate::t!("captured", name = cap.name.as_str(), value = value.as_str()));
    }
    Ok(StepStatus::Passed)
}

/// Whether a value the run already holds is taken again.
enum Keep {
    No,
    /// Kept, with a line saying so.
    Saying,
    /// Kept without a word (it was taken a moment ago, in this step).
    Silently,
}

/// Takes the step's captures of `when`, keeping what `keep` says for each name. Returns the
/// names taken now.
async fn take_captures(
    ctx: &StepCtx<'_>,
    when: CaptureWhen,
    keep: &(dyn Fn(&str) -> Keep + Sync),
) -> Result<Vec<String>, StepError> {
    let mut taken = Vec::new();
    for cap in ctx.step.captures.iter().filter(|c| c.when == when) {
        if let Some(v) = ctx.captures().get(&cap.name) {
            match keep(&cap.name) {
                Keep::No => {}
                Keep::Saying => {
                    ctx.output(&crate::t!(
                        "captured-kept",
                        name = cap.name.as_str(),
                        value = v.to_string()
                    ));
                    continue;
                }
                Keep::Silently => continue,
            }
        }
        let value = capture::take(ctx, cap, None).await?;
        ctx.output(&crate::t!("captured", name = cap.name.as_str(), value = value.as_str()));
        taken.push(cap.name.clone());
    }
    Ok(taken)
}

/// What `--converge` may expect of this step, when skipping its action can be considered at
/// all: a moment of the step, or a step with nothing to prove it, is only "already done" when
/// this step or a later one ran against this cluster before.
fn converge_expectation<'a>(ctx: &StepCtx<'a>, opts: &LoopOptions) -> Option<Expectation<'a>> {
    let step = ctx.step;
    let ran_before = opts.done_before.contains(step.id.as_str())
        || ctx
            .plan
            .steps_after(step)
            .any(|s| opts.ran_before.contains(s.id.as_str()));
    let e = expectation::of(&ctx.plan, step, &opts.ran_before, &ctx.captures());
    if !ran_before && (e.has_moment || e.expected.is_empty()) {
        return None;
    }
    Some(e)
}

/// True when every expected check holds now (asked quietly, briefly).
async fn holds_now(ctx: &StepCtx<'_>, e: &Expectation<'_>) -> bool {
    if ctx.run.connection().is_none() {
        return false;
    }
    for (_, check) in &e.expected {
        if !checks::holds(ctx, check, CONVERGE_PATIENCE).await {
            return false;
        }
    }
    true
}

/// Runs one check; a failure after the run was interrupted is the interruption.
async fn check_one(ctx: &StepCtx<'_>, index: usize, check: &Check) -> Result<(), Stop> {
    match checks::run(ctx, index, check).await {
        Verdict::Passed { .. } => Ok(()),
        Verdict::Interrupted => Err(Stop::Interrupted),
        Verdict::Failed(_) if ctx.run.cancel.is_cancelled() => Err(Stop::Interrupted),
        Verdict::Failed(_) => Err(Stop::Failed),
    }
}

/// Whether `--converge` may skip this step's action: it has checks to prove it, leaves no
/// background process (a port-forward must run to be there), is neither a note nor the
/// cluster's start, and captures nothing from its action's answer.
fn convergeable(step: &Step) -> bool {
    !step.checks.is_empty()
        && !leaves_a_process(step)
        && !matches!(step.action, Action::Note(_) | Action::StartCluster(_))
        && !step
            .captures
            .iter()
            .any(|c| matches!(c.source, CaptureSource::Response { .. }))
}

/// Steps whose action leaves a process running: port-forward, tunnel, background commands.
pub fn leaves_a_process(step: &Step) -> bool {
    step.action.is_background() || matches!(&step.action, Action::Command(c) if c.background)
}
