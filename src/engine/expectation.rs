//! What a re-run may expect of a step that ran before: its *state* checks, except those a
//! later step that also ran has changed on purpose. Moment checks (true when the step ran,
//! `plan::effects`) and superseded ones are left out, each with the reason. `--resume`
//! confirms the expected checks of completed steps; `--converge` skips a step whose expected
//! checks already hold.

use std::collections::HashSet;

use crate::plan::{Captures, Plan};
use crate::scenario::{Check, Nature, Step};

/// The checks of one step, sorted.
#[derive(Debug, Default)]
pub struct Expectation<'a> {
    /// (index, check) of the checks that should hold now.
    pub expected: Vec<(usize, &'a Check)>,
    /// (index, check, why not) of the others.
    pub left_out: Vec<(usize, &'a Check, String)>,
    /// True when one of the left-out checks is a moment of the step itself (not something a
    /// later step changed): only running the step makes it true again.
    pub has_moment: bool,
}

/// Sorts the checks of `step`, given the steps that ran against this cluster (by id).
pub fn of<'a>(plan: &Plan, step: &'a Step, ran: &HashSet<String>, caps: &Captures) -> Expectation<'a> {
    let mut e = Expectation::default();
    let later: Vec<&Step> = plan.steps_after(step).filter(|s| ran.contains(s.id.as_str())).collect();
    for (i, check) in step.checks.iter().enumerate() {
        if plan.nature(step, check) == Nature::Moment {
            e.has_moment = true;
            e.left_out.push((i, check, crate::t!("expectation-moment")));
        } else if let Some(by) = plan.superseded_by(check, later.iter().copied(), caps) {
            e.left_out
                .push((i, check, crate::t!("expectation-changed-by", step = by.id.to_string())));
        } else {
            e.expected.push((i, check));
        }
    }
    e
}
