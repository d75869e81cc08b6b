//! Reporters: turn engine [`Event`]s into what the learner reads. `fancy` draws spinners with
//! indicatif on a terminal; `plain` writes timestamped lines for logs and CI; `output` wires
//! them with `--quiet`, `--events ndjson` (`ndjson`) and `--report` files (`record`, `junit`) and `--class` (`class`).

pub mod class;
pub mod fancy;
pub mod junit;
pub mod layers;
pub mod ndjson;
pub mod output;
pub mod plain;
pub mod record;

pub use output::{EventsFormat, OutputOptions, ReportFormat, ReportSpec};

use super::event::{Event, Failure, StepStatus};

/// Draws events. Implementations must be cheap: the engine calls them on every observation.
pub trait Reporter: Send + Sync {
    fn event(&self, event: &Event);
    /// Prints a line outside the progress display (used for pauses).
    fn println(&self, line: &str);
    /// Stops drawing (spinners cleared) while the learner reads and types at the terminal.
    fn pause_drawing(&self) {}
    /// Draws again after [`Reporter::pause_drawing`].
    fn resume_drawing(&self) {}
}

/// The status mark of a finished step.
pub fn status_mark(status: &StepStatus) -> &'static str {
    match status {
        StepStatus::Passed => "✔",
        StepStatus::Failed => "✖",
        StepStatus::Skipped(_) => "↷",
        StepStatus::OptionalFailed => "⚠",
        StepStatus::AlreadyDone => "✔",
        StepStatus::Interrupted => "⏹",
    }
}

/// The lines explaining a failed check: expected, observed, diagnosis, events, hint.
pub fn failure_lines(f: &Failure) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(d) = &f.diagnosis {
        out.push(crate::t!("failure-diagnosis", text = d.as_str()));
    }
    out.push(crate::t!("failure-expected", text = f.expected.as_str()));
    out.push(crate::t!("failure-observed", text = f.observed.as_str()));
    if let Some(e) = &f.last_error {
        out.push(crate::t!("failure-api-error", text = e.as_str()));
    }
    if !f.events.is_empty() {
        out.push(crate::t!("failure-events"));
        for e in &f.events {
            out.push(format!("  {e}"));
        }
    }
    if let Some(h) = &f.hint {
        out.push(hint_line(h));
    }
    out
}

/// `hint: …` in the run's language.
pub fn hint_line(hint: &str) -> String {
    crate::t!("hint-line", hint = hint)
}

/// How a finished step ended, in words: `passed`, `skipped: needs a real cluster`, …
pub fn status_words(status: &StepStatus) -> String {
    match status {
        StepStatus::Passed => crate::t!("status-passed"),
        StepStatus::Failed => crate::t!("status-failed"),
        StepStatus::Skipped(why) => crate::t!("status-skipped", why = why.as_str()),
        StepStatus::OptionalFailed => crate::t!("status-optional-failed"),
        StepStatus::AlreadyDone => crate::t!("status-already-done"),
        StepStatus::Interrupted => crate::t!("status-interrupted"),
    }
}
