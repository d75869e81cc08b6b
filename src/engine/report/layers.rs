//! Reporters that wrap reporters: [`Tee`] fans every event out (console, `--events`,
//! `--report` files), [`Quiet`] lets only failures and the summary through, [`Redact`] masks
//! secret values before anything else sees an event.

use std::sync::Arc;

use crate::redact::Secrets;

use super::super::event::{Event, Failure, StepStatus};
use super::Reporter;

/// Sends every event to each reporter, in order.
pub struct Tee(pub Vec<Arc<dyn Reporter>>);

impl Reporter for Tee {
    fn event(&self, event: &Event) {
        for r in &self.0 {
            r.event(event);
        }
    }

    fn println(&self, line: &str) {
        for r in &self.0 {
            r.println(line);
        }
    }

    fn pause_drawing(&self) {
        for r in &self.0 {
            r.pause_drawing();
        }
    }

    fn resume_drawing(&self) {
        for r in &self.0 {
            r.resume_drawing();
        }
    }
}

/// `--quiet`: failures (of checks, actions and steps) and the run's summary only.
pub struct Quiet(pub Arc<dyn Reporter>);

impl Reporter for Quiet {
    fn event(&self, event: &Event) {
        let show = match event {
            Event::CheckFailed { .. } | Event::ActionFailed { .. } | Event::RunFinished { .. } => true,
            Event::StepFinished { status, .. } => {
                matches!(
                    status,
                    StepStatus::Failed | StepStatus::OptionalFailed | StepStatus::Interrupted
                )
            }
            _ => false,
        };
        if show {
            self.0.event(event);
        }
    }

    fn println(&self, line: &str) {
        self.0.println(line);
    }

    fn pause_drawing(&self) {
        self.0.pause_drawing();
    }

    fn resume_drawing(&self) {
        self.0.resume_drawing();
    }
}

/// Masks every registered secret value in every event's text before passing it on.
pub struct Redact {
    pub secrets: Secrets,
    pub inner: Arc<dyn Reporter>,
}

impl Reporter for Redact {
    fn event(&self, event: &Event) {
        if self.secrets.is_empty() && !matches!(event, Event::StepOutput { .. }) {
            self.inner.event(event);
        } else {
            self.inner.event(&mask_event(event, &self.secrets));
        }
    }

    fn println(&self, line: &str) {
        self.inner.println(&self.secrets.mask(line));
    }

    fn pause_drawing(&self) {
        self.inner.pause_drawing();
    }

    fn resume_drawing(&self) {
        self.inner.resume_drawing();
    }
}

/// A copy of `e` with every secret value in its text masked.
pub fn mask_event(e: &Event, s: &Secrets) -> Event {
    let m = |t: &String| s.mask(t);
    let mo = |t: &Option<String>| t.as_ref().map(|t| s.mask(t));
    let mv = |v: &Vec<String>| v.iter().map(|t| s.mask(t)).collect::<Vec<_>>();
    match e {
        Event::RunStarted {
            title,
            lab_id,
            cluster,
            rehearsal,
            steps,
        } => Event::RunStarted {
            title: m(title),
            lab_id: lab_id.clone(),
            cluster: m(cluster),
            rehearsal: *rehearsal,
            steps: *steps,
        },
        Event::StepStarted {
            index,
            total,
            id,
            title,
        } => Event::StepStarted {
            index: *index,
            total: *total,
            id: id.clone(),
            title: m(title),
        },
        Event::StepOutput { id, line } => Event::StepOutput {
            id: id.clone(),
            line: crate::redact::capture_line(line).unwrap_or_else(|| m(line)),
        },
        Event::ActionFinished { id, summary, elapsed } => Event::ActionFinished {
            id: id.clone(),
            summary: m(summary),
            elapsed: *elapsed,
        },
        Event::CheckStarted {
            id,
            check,
            description,
            timeout,
        } => Event::CheckStarted {
            id: id.clone(),
            check: *check,
            description: m(description),
            timeout: *timeout,
        },
        Event::CheckProgress {
            id,
            check,
            observed,
            elapsed,
            timeout,
        } => Event::CheckProgress {
            id: id.clone(),
            check: *check,
            observed: m(observed),
            elapsed: *elapsed,
            timeout: *timeout,
        },
        Event::CheckPassed {
            id,
            check,
            description,
            observed,
            elapsed,
        } => Event::CheckPassed {
            id: id.clone(),
            check: *check,
            description: m(description),
            observed: m(observed),
            elapsed: *elapsed,
        },
        Event::CheckFailed {
            id,
            check,
            description,
            failure,
            elapsed,
        } => Event::CheckFailed {
            id: id.clone(),
            check: *check,
            description: m(description),
            failure: Box::new(Failure {
                expected: m(&failure.expected),
                observed: m(&failure.observed),
                diagnosis: mo(&failure.diagnosis),
                events: mv(&failure.events),
                hint: mo(&failure.hint),
                last_error: mo(&failure.last_error),
            }),
            elapsed: *elapsed,
        },
        Event::ActionFailed {
            id,
            message,
            detail,
            hint,
        } => Event::ActionFailed {
            id: id.clone(),
            message: m(message),
            detail: mv(detail),
            hint: mo(hint),
        },
        Event::StepFinished {
            index,
            id,
            title,
            status,
            elapsed,
        } => Event::StepFinished {
            index: *index,
            id: id.clone(),
            title: m(title),
            status: match status {
                StepStatus::Skipped(why) => StepStatus::Skipped(m(why)),
                other => other.clone(),
            },
            elapsed: *elapsed,
        },
        Event::Background {
            id,
            description,
            running,
        } => Event::Background {
            id: id.clone(),
            description: m(description),
            running: *running,
        },
        Event::Note { text } => Event::Note { text: m(text) },
        Event::RunFinished { summary } => {
            let mut summary = summary.clone();
            summary.resume_hint = mo(&summary.resume_hint);
            Event::RunFinished { summary }
        }
    }
}
