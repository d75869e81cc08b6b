//! What a guided run decides before its first step: which steps run (`selection`), what was
//! recorded against this cluster (`state`), whether `--resume` may continue it, and the
//! resume command printed when a run stops early.

use std::collections::HashSet;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::{Captures, Plan, command, describe};
use crate::scenario::Provider;

use super::cluster::Connection;
use super::cluster::health::Lost;
use super::context::{RunCtx, StepCtx};
use super::error::EngineError;
use super::event::{Event, Summary};
use super::expectation;
use super::options::RunOptions;
use super::runner::CONVERGE_PATIENCE;
use super::selection::{self, Selection};
use super::state::{self, ClusterRecord, Recorder, State};

/// The decisions, ready for the runner.
pub struct Prepared {
    pub selection: Selection,
    /// `None` for the embedded rehearsal cluster, which is new on every run.
    pub recorder: Option<Arc<Recorder>>,
    /// Steps completed earlier against this cluster.
    pub done_before: HashSet<String>,
    /// Steps that ran earlier against this cluster: completed, or cut off in the middle.
    pub ran_before: HashSet<String>,
    /// With `--resume`: the step that was cut off in the middle, which continues now.
    pub resuming: Option<state::InProgress>,
    /// This attempt at the lab (kept across resumes; new for a fresh run).
    pub attempt: String,
    /// Values captured earlier against this cluster, for the steps that use them.
    pub captures: Captures,
    /// With `--resume`: the completed steps whose checks are confirmed before going on.
    pub verify: Vec<String>,
    /// With `--resume` when every step already completed.
    pub nothing_left: bool,
}

fn refuse(d: Diagnostic) -> EngineError {
    EngineError::Invalid(Diagnostics(vec![d]))
}

/// Reads the state, matches it to this cluster and resolves the selection flags.
pub async fn prepare(plan: &Plan, opts: &RunOptions, conn: Option<&Connection>) -> Result<Prepared, EngineError> {
    let kind = opts.target.provider;
    let display_path = opts.scenario_path.as_str();
    let args = &opts.guided;
    let lab = &plan.scenario.lab.id;
    let path = state::path_for(lab);
    let recorded =
        state::load(&path).map_err(|why| refuse(Diagnostic::new(why).expected(crate::t!("state-json-expected"))))?;
    let current = match conn {
        Some(c) => c.identity().await.map(|identity| ClusterRecord {
            provider: kind.as_str().to_owned(),
            context: c.context.clone(),
            identity,
        }),
        None => None,
    };
    let matching = recorded.as_ref().filter(|s| match (&s.cluster, &current) {
        (Some(r), Some(c)) => r.same_cluster(c),
        _ => false,
    });
    let embedded = opts.target.is_embedded_rehearsal();

    if args.resume {
        let Some(st) = recorded.as_ref() else {
            return Err(refuse(
                Diagnostic::new(crate::t!(
                    "resume-nothing-recorded",
                    lab = lab.as_str(),
                    path = path.display().to_string()
                ))
                .expected(crate::t!("resume-nothing-recorded-expected"))
                .hint(crate::t!(
                    "resume-nothing-recorded-hint",
                    command = command::shell_join(&opts.again)
                )),
            ));
        };
        if matching.is_none() {
            return Err(refuse(other_cluster(
                st,
                current.as_ref(),
                kind,
                embedded,
                plan,
                display_path,
                &path,
            )));
        }
    }

    let completed: HashSet<String> = matching.map(|st| st.resumable(&plan.scenario)).unwrap_or_default();
    let selection =
        selection::select(&plan.scenario, args, &completed, &opts.again, embedded).map_err(EngineError::Invalid)?;
    // A full run starts the record over, unless it resumes or converges on what it holds.
    let fresh = selection.full && !args.resume && !args.converge;
    let mut base = match matching {
        Some(st) if !fresh => st.clone(),
        _ => State {
            lab: lab.clone(),
            scenario: display_path.to_owned(),
            cluster: current.clone(),
            // Past what the file holds, so no line of an older journal can apply to it.
            generation: recorded.as_ref().map_or(0, |r| r.generation),
            ..State::default()
        },
    };
    if base.attempt.is_empty() {
        base.attempt = state::new_attempt();
    }
    let resuming = base
        .in_progress
        .clone()
        .filter(|p| args.resume && selection.contains(&p.step));
    let verify = if args.resume {
        plan.scenario
            .steps
            .iter()
            .map(|s| s.id.to_string())
            .filter(|id| completed.contains(id))
            .collect()
    } else {
        Vec::new()
    };
    Ok(Prepared {
        nothing_left: args.resume && selection.ids.is_empty(),
        captures: if fresh { Captures::new() } else { base.captures.clone() },
        done_before: if fresh { HashSet::new() } else { completed },
        ran_before: if fresh { HashSet::new() } else { base.ran() },
        resuming,
        attempt: base.attempt.clone(),
        recorder: (!embedded).then(|| Arc::new(Recorder::new(path, base))),
        selection,
        verify,
    })
}

/// Why `--resume` cannot continue here, and what to do instead.
fn other_cluster(
    st: &State,
    current: Option<&ClusterRecord>,
    kind: Provider,
    embedded: bool,
    plan: &Plan,
    display_path: &str,
    path: &std::path::Path,
) -> Diagnostic {
    let recorded = st
        .cluster
        .as_ref()
        .map(ClusterRecord::describe)
        .unwrap_or_else(|| crate::t!("resume-no-cluster"));
    let here = current
        .map(ClusterRecord::describe)
        .unwrap_or_else(|| crate::t!("resume-cluster-not-running", provider = kind.as_str()));
    let hint = match (kind, current) {
        _ if embedded => crate::t!("resume-other-cluster-hint-rehearsal", path = display_path),
        (Provider::Minikube, None) => crate::t!(
            "resume-other-cluster-hint-minikube",
            profile = plan.scenario.cluster.profile.to_string()
        ),
        _ => crate::t!("resume-other-cluster-hint", path = display_path),
    };
    Diagnostic::new(crate::t!("resume-other-cluster", path = path.display().to_string()))
        .expected(crate::t!(
            "resume-other-cluster-expected",
            recorded = recorded,
            here = here
        ))
        .hint(hint)
}

/// On `--resume`: asks the completed steps' checks that should still hold (state checks no
/// later step that ran has changed on purpose) whether they do, quietly and briefly, and says
/// which no longer do. Checks that ask a process (`http`) wait for the background steps,
/// which are started again later.
pub async fn verify_completed(ctx: &RunCtx, ids: &[String], ran: &HashSet<String>) {
    let plan = ctx.plan();
    let caps = ctx.captures();
    ctx.emit(Event::Note {
        text: crate::t!("resume-checking", count = ids.len()),
    });
    let mut broken = Vec::new();
    let (mut asked, mut left_out) = (0, 0);
    let steps = plan
        .scenario
        .steps
        .iter()
        .filter(|s| ids.iter().any(|i| i == s.id.as_str()))
        .filter(|s| !(ctx.provider.is_rehearsal() && s.needs_real_cluster()));
    for step in steps {
        let sctx = StepCtx {
            run: ctx,
            step,
            plan: plan.clone(),
        };
        let e = expectation::of(&plan, step, ran, &caps);
        left_out += e.left_out.len();
        for (_, check) in e.expected {
            if check.kind.needs_real_cluster() {
                continue;
            }
            asked += 1;
            if !crate::checks::holds(&sctx, check, CONVERGE_PATIENCE).await {
                broken.push(format!("{}: {}", step.id, describe::check(&plan, check, &caps)));
            }
        }
    }
    if broken.is_empty() {
        ctx.emit(Event::Note {
            text: crate::t!("resume-still-holds", asked = asked, left_out = left_out),
        });
    } else {
        for b in &broken {
            ctx.emit(Event::Note {
                text: crate::t!("resume-no-longer-holds", what = b.as_str()),
            });
        }
        ctx.emit(Event::Note {
            text: crate::t!("resume-cluster-changed"),
        });
    }
}

/// The line printed when a run did not finish: how to continue it.
pub fn resume_hint(opts: &RunOptions, summary: &Summary, recorded: bool) -> String {
    let cmd = command::shell_join(&opts.again);
    let what = match (&summary.failed_step, summary.quit) {
        (_, true) => crate::t!("resume-what-stopped"),
        (Some(id), _) => crate::t!("resume-what-failed", id = id.as_str()),
        (None, _) if summary.interrupted => crate::t!("resume-what-interrupted"),
        _ => crate::t!("resume-what-stopped"),
    };
    if let Some(Lost::Replaced { .. }) = &summary.lost {
        let reset = command::shell_join(&["workshop".to_owned(), "reset".to_owned(), opts.scenario_path.clone()]);
        crate::t!("resume-hint-replaced", what = what, command = cmd, reset = reset)
    } else if opts.target.is_embedded_rehearsal() {
        crate::t!("resume-hint-rehearsal", what = what, command = cmd)
    } else if recorded && matches!(summary.lost, Some(Lost::Vanished { .. })) {
        crate::t!("resume-hint-vanished", what = what, command = format!("{cmd} --resume"))
    } else if recorded && summary.failed_step.is_some() {
        crate::t!("resume-hint-fix", what = what, command = format!("{cmd} --resume"))
    } else if recorded {
        crate::t!("resume-hint", what = what, command = format!("{cmd} --resume"))
    } else {
        crate::t!("resume-hint-again", what = what, command = cmd)
    }
}
