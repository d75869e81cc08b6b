//! Every word the boards show, in one place: the web board reads them as JSON
//! (`GET /strings.json`) and the terminal board uses them directly. Localising the boards
//! means giving another [`Strings`]; what the learner's terminal says in class mode comes from
//! the learner's catalogue (`class-*` messages in locales/).

use serde::Serialize;

/// The boards' words.
#[derive(Debug, Clone, Serialize)]
pub struct Strings {
    pub board: &'static str,
    pub learners: &'static str,
    pub learner: &'static str,
    pub stuck: &'static str,
    pub finished: &'static str,
    pub offline: &'static str,
    pub on_step: &'static str,
    pub waiting_on: &'static str,
    pub past: &'static str,
    pub expected: &'static str,
    pub observed: &'static str,
    pub hint: &'static str,
    pub diagnosis: &'static str,
    pub events: &'static str,
    pub announce: &'static str,
    pub announce_placeholder: &'static str,
    pub announcements: &'static str,
    pub no_learners: &'static str,
    pub join_line: &'static str,
    pub live: &'static str,
    pub reconnecting: &'static str,
    pub pending: &'static str,
    pub running: &'static str,
    pub passed: &'static str,
    pub failed: &'static str,
    pub skipped: &'static str,
    pub interrupted: &'static str,
    pub reset: &'static str,
    pub pull: &'static str,
    pub close: &'static str,
    pub seconds: &'static str,
    pub minutes: &'static str,
}

/// English.
pub const EN: Strings = Strings {
    board: "Class board",
    learners: "learners",
    learner: "Learner",
    stuck: "stuck",
    finished: "finished",
    offline: "offline",
    on_step: "on step",
    waiting_on: "waiting on",
    past: "past",
    expected: "expected",
    observed: "observed",
    hint: "hint",
    diagnosis: "diagnosis",
    events: "recent events",
    announce: "Announce",
    announce_placeholder: "An announcement or a hint for every learner (shown at their next step)",
    announcements: "Announcements",
    no_learners: "No learner has joined yet.",
    join_line: "Learners join with",
    live: "live",
    reconnecting: "reconnecting…",
    pending: "pending",
    running: "running",
    passed: "passed",
    failed: "failed",
    skipped: "skipped",
    interrupted: "interrupted",
    reset: "reset",
    pull: "checked by the instructor",
    close: "Close",
    seconds: "s",
    minutes: "min",
};

impl Strings {
    /// The word of a step state.
    pub fn state(&self, s: super::board::StepState) -> &'static str {
        use super::board::StepState::*;
        match s {
            Pending => self.pending,
            Running => self.running,
            Passed => self.passed,
            Failed => self.failed,
            Skipped => self.skipped,
            Interrupted => self.interrupted,
        }
    }
}
