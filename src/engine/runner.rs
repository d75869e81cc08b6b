//! The step loop: for each step, decide whether it can run, take its captures, perform its
//! action, run its checks, and report. Stops at the first failure unless `--keep-going`.
//! Guided runs add: a card and a question before each step (`--step`), a selection of steps
//! (`--from`, `--only`, …), checks first (`--converge`) and a record of completed steps.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::time::Instant;

use crate::actions;
use crate::checks;
use crate::scenario::{Pause, Step};

use super::cluster::supervise;
use super::context::{RunCtx, StepCtx};
use super::event::{Event, StepStatus, Summary};
use super::execute::{Stop, execute, leaves_a_process};
use super::prompt::{self, Answer};

pub use super::execute::CONVERGE_PATIENCE;

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
    /// Steps that ran earlier against this cluster (completed, or cut off): what a re-run may
    /// expect of earlier steps depends on them.
    pub ran_before: HashSet<String>,
    /// `workshop reset`: a cleanup step whose object is already gone is already clean.
    pub cleanup: bool,
}

/// Runs `steps` in order and returns the totals.
pub async fn run_steps(run: &RunCtx, steps: &[Step], opts: &LoopOptions) -> Summary {
    let start = Instant::now();
    let mut summary = Summary::default();
    let mut not_ok: HashSet<String> = HashSet::new();
    // Background steps of earlier runs that are running again, or could not be started again.
    let mut restarted: HashSet<String> = HashSet::new();
    let mut lost: HashSet<String> = HashSet::new();
    // The earlier steps looked at for a process to start again: each is looked at once.
    let mut examined = 0;
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
            Some(crate::t!("skip-needs-real-cluster"))
        } else {
            step.needs
                .iter()
                .find(|n| {
                    lost.contains(n.as_str()) || (not_ok.contains(n.as_str()) && !opts.done_before.contains(n.as_str()))
                })
                .map(|dep| crate::t!("skip-dependency", dep = dep.as_str()))
        };
        if opts.step_mode {
            if skip.is_none() {
                match prompt::ask_step(run, step, index, total).await {
                    Answer::Run => {}
                    Answer::Skip => skip = Some(crate::t!("skip-at-request")),
                    answer @ (Answer::Quit | Answer::EndOfInput) => {
                        summary.interrupted = true;
                        summary.quit = !run.cancel.is_cancelled();
                        summary.end_of_input = answer == Answer::EndOfInput;
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
            restart_background(run, &steps[examined..i], opts, &mut restarted, &mut lost).await;
            examined = i;
            if let Some(r) = &run.recorder {
                r.step_started(run, &id).await;
            }
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
        if let Some(r) = &run.recorder {
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
        let text = match (summary.end_of_input, run.recorder.is_some()) {
            (true, true) => crate::t!("end-of-input-note-recorded"),
            (true, false) => crate::t!("end-of-input-note"),
            (false, true) => crate::t!("quit-note-recorded"),
            (false, false) => crate::t!("quit-note"),
        };
        run.emit(Event::Note { text });
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
            text: crate::t!("later-steps-not-run", count = left),
        });
    }
    summary.elapsed = start.elapsed();
    summary
}

/// Before a step runs: starts again the background steps before it that completed in an
/// earlier run (their processes ended with it), so the step finds the port-forward or tunnel
/// it needs. Quietly checks that each works; one that does not is `lost`, and the steps that
/// need it are skipped.
async fn restart_background(
    run: &RunCtx,
    before: &[Step],
    opts: &LoopOptions,
    restarted: &mut HashSet<String>,
    lost: &mut HashSet<String>,
) {
    let plan = run.plan();
    for step in before {
        let id = step.id.to_string();
        let ran_now = opts.selected.as_ref().is_none_or(|s| s.contains(&id));
        if ran_now
            || !opts.done_before.contains(&id)
            || !leaves_a_process(step)
            || restarted.contains(&id)
            || (run.provider.is_rehearsal() && step.needs_real_cluster())
        {
            continue;
        }
        restarted.insert(id.clone());
        if run.cancel.is_cancelled() {
            return;
        }
        run.emit(Event::Note {
            text: crate::t!("resume-restarting-background", id = id.as_str()),
        });
        let ctx = StepCtx {
            run,
            step,
            plan: plan.clone(),
        };
        let problem = match actions::perform(&ctx).await {
            Err(e) => Some(e.message),
            Ok(_) => {
                let mut failed = None;
                for check in &step.checks {
                    let patience = ctx.scaled(check.timeout.as_std());
                    if !checks::holds(&ctx, check, patience).await {
                        failed = Some(crate::t!(
                            "resume-check-does-not-hold",
                            check = crate::plan::describe::check(&plan, check, &ctx.captures())
                        ));
                        break;
                    }
                }
                failed
            }
        };
        if let Some(why) = problem {
            lost.insert(id.clone());
            run.emit(Event::Note {
                text: crate::t!("resume-restart-failed", id = id.as_str(), why = why),
            });
        }
    }
}

/// Shows a step's pause message; waits for Enter when interactive.
async fn pause(ctx: &StepCtx<'_>, opts: &LoopOptions) {
    let Some(p) = &ctx.step.pause else { return };
    let text = match p {
        Pause::Default => crate::t!("pause-default"),
        Pause::Message(t) => ctx.plan.text(t, &ctx.run.lang, &ctx.captures()),
    };
    let tty = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    if opts.interactive && tty {
        prompt::wait_for_enter(ctx.run, &format!("⏸  {} {}", text.trim(), crate::t!("pause-enter"))).await;
    } else {
        ctx.run.emit(Event::Note {
            text: crate::t!("pause-no-terminal", text = text.trim()),
        });
    }
}
