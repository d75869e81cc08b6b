//! The step loop: for each step, decide whether it can run, take its captures, perform its
//! action, run its checks, and report. Stops at the first failure unless `--keep-going`.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::time::Instant;

use crate::actions;
use crate::checks::{self, Verdict};
use crate::scenario::{CaptureWhen, Pause, Step};

use super::capture;
use super::context::{RunCtx, StepCtx, StepError};
use super::event::{Event, StepStatus, Summary};

/// How the loop behaves.
#[derive(Debug, Clone, Default)]
pub struct LoopOptions {
    pub keep_going: bool,
    /// Wait for Enter at `pause` steps (only when a terminal is attached).
    pub interactive: bool,
}

/// Runs `steps` in order and returns the totals.
pub async fn run_steps(run: &RunCtx, steps: &[Step], opts: &LoopOptions) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut ok: HashSet<String> = HashSet::new();
    let mut not_ok: HashSet<String> = HashSet::new();
    let total = steps.len();
    let mut stopped_at = None;
    for (i, step) in steps.iter().enumerate() {
        if run.cancel.is_cancelled() {
            summary.interrupted = true;
            break;
        }
        let index = i + 1;
        let id = step.id.to_string();
        let title = step.title.get(&run.lang).to_owned();
        run.emit(Event::StepStarted {
            index,
            total,
            id: id.clone(),
            title: title.clone(),
        });
        let step_start = Instant::now();
        let status = if run.provider.is_rehearsal() && step.needs_real_cluster() {
            StepStatus::Skipped("needs a real cluster (the rehearsal runs no containers)".into())
        } else if let Some(dep) = step.needs.iter().find(|n| not_ok.contains(n.as_str())) {
            StepStatus::Skipped(format!("depends on `{dep}`, which did not pass"))
        } else {
            let ctx = StepCtx {
                run,
                step,
                plan: run.plan(),
            };
            pause(&ctx, opts).await;
            match execute(&ctx).await {
                Ok(()) => StepStatus::Passed,
                Err(Stop::Interrupted) => {
                    summary.interrupted = true;
                    StepStatus::Failed
                }
                Err(Stop::Failed) if step.optional => StepStatus::OptionalFailed,
                Err(Stop::Failed) => StepStatus::Failed,
            }
        };
        match &status {
            StepStatus::Passed | StepStatus::AlreadyDone => {
                summary.passed += 1;
                ok.insert(id.clone());
            }
            StepStatus::OptionalFailed => {
                summary.optional_failed += 1;
                not_ok.insert(id.clone());
            }
            StepStatus::Skipped(_) => {
                summary.skipped += 1;
                not_ok.insert(id.clone());
            }
            StepStatus::Failed => {
                if !summary.interrupted {
                    summary.failed += 1;
                }
                not_ok.insert(id.clone());
            }
        }
        let failed = status == StepStatus::Failed;
        run.emit(Event::StepFinished {
            index,
            id: id.clone(),
            title,
            status,
            elapsed: step_start.elapsed(),
        });
        if summary.interrupted || (failed && !opts.keep_going) {
            stopped_at = Some(i);
            break;
        }
    }
    if let Some(i) = stopped_at {
        let left = steps.len() - i - 1;
        if left > 0 {
            run.emit(Event::Note {
                text: format!("{left} later step{} not run", if left == 1 { "" } else { "s" }),
            });
        }
    }
    summary.elapsed = start.elapsed();
    summary
}

enum Stop {
    Failed,
    Interrupted,
}

async fn execute(ctx: &StepCtx<'_>) -> Result<(), Stop> {
    let step = ctx.step;
    let id = step.id.to_string();
    let fail = |e: StepError| {
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
    let action_start = Instant::now();
    let done = tokio::select! {
        r = actions::perform(ctx) => r.map_err(fail)?,
        _ = ctx.run.cancel.cancelled() => return Err(Stop::Interrupted),
    };
    if !done.summary.is_empty() {
        ctx.run.emit(Event::ActionFinished {
            id: id.clone(),
            summary: done.summary.clone(),
            elapsed: action_start.elapsed(),
        });
    }
    for (i, check) in step.checks.iter().enumerate() {
        match checks::run(ctx, i, check).await {
            Verdict::Passed { .. } => {}
            Verdict::Failed(_) => return Err(Stop::Failed),
            Verdict::Interrupted => return Err(Stop::Interrupted),
        }
    }
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::After) {
        let value = capture::take(ctx, cap, Some(&done)).await.map_err(fail)?;
        ctx.output(&format!("captured {} = {value}", cap.name));
    }
    Ok(())
}

/// Shows a step's pause message; waits for Enter when interactive.
async fn pause(ctx: &StepCtx<'_>, opts: &LoopOptions) {
    let Some(p) = &ctx.step.pause else { return };
    let text = match p {
        Pause::Default => "Press Enter to continue.".to_owned(),
        Pause::Message(t) => {
            let raw = t.get(&ctx.run.lang);
            ctx.plan
                .render(&crate::scenario::Expr::new(raw), &ctx.captures())
                .unwrap_or_else(|_| raw.to_owned())
        }
    };
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if opts.interactive && tty {
        ctx.run.reporter.println(&format!("⏸  {} [Enter]", text.trim()));
        let read = tokio::task::spawn_blocking(|| {
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
        });
        tokio::select! {
            _ = read => {}
            _ = ctx.run.cancel.cancelled() => {}
        }
    } else {
        ctx.run.emit(Event::Note {
            text: format!("pause: {} (not waiting: no terminal)", text.trim()),
        });
    }
}
