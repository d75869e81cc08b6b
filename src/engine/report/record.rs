//! The run as a tree (run → steps → checks), built from the events: what `--report json` writes
//! and what `--report junit` renders. The JSON shape is documented in docs/reports.md; bump
//! [`SCHEMA_VERSION`] when a field changes meaning or goes away (adding fields does not).

use std::time::Duration;

use serde::Serialize;

use super::super::event::{Event, StepStatus, Summary};

/// The version of the JSON report's structure.
pub const SCHEMA_VERSION: u32 = 1;

/// What the run is, known before the first event.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    /// The scenario file as given on the command line.
    pub scenario: String,
    /// `minikube`, `existing` or `rehearsal`.
    pub provider: String,
    /// Every step, in order: (id, title).
    #[serde(skip)]
    pub steps: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunRecord {
    pub schema_version: u32,
    pub tool: Tool,
    pub lab: Lab,
    pub cluster: Cluster,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub duration_ms: u64,
    /// `passed`, `failed` or `interrupted`.
    pub outcome: &'static str,
    pub totals: Totals,
    pub steps: Vec<StepRecord>,
    pub resume_hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Lab {
    pub id: String,
    pub title: String,
    pub scenario: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cluster {
    pub provider: String,
    pub description: String,
    pub rehearsal: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub steps: usize,
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub optional_failed: usize,
    pub already_done: usize,
    pub interrupted: usize,
    pub not_run: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepRecord {
    /// From 1, in scenario order.
    pub index: usize,
    pub id: String,
    pub title: String,
    /// `passed`, `failed`, `skipped`, `optional-failed`, `already-done`, `interrupted` or `not-run`.
    pub status: &'static str,
    /// Why it was skipped or not run.
    pub reason: Option<String>,
    pub started_at: Option<String>,
    pub duration_ms: Option<u64>,
    pub action: Option<ActionRecord>,
    pub error: Option<ErrorRecord>,
    pub checks: Vec<CheckRecord>,
    /// The action's output lines (process output, `get` tables, captures).
    pub output: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionRecord {
    pub summary: String,
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ErrorRecord {
    pub message: String,
    pub detail: Vec<String>,
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckRecord {
    /// From 0, in the step's order.
    pub index: usize,
    pub description: String,
    /// `passed`, `failed` or `unfinished` (interrupted).
    pub status: &'static str,
    pub expected: String,
    pub observed: Option<String>,
    pub elapsed_ms: Option<u64>,
    pub timeout_ms: u64,
    pub diagnosis: Option<String>,
    pub events: Vec<String>,
    pub hint: Option<String>,
    pub last_error: Option<String>,
}

pub fn ms(d: Duration) -> u64 {
    d.as_millis().min(u128::from(u64::MAX)) as u64
}

/// Now, as RFC 3339 in UTC with milliseconds: `2025-03-01T10:00:00.123Z`.
pub fn now() -> String {
    format!("{:.3}", jiff::Timestamp::now())
}

/// The status word of a step, as reports and `--events` write it.
pub fn status_word(status: &StepStatus) -> &'static str {
    match status {
        StepStatus::Passed => "passed",
        StepStatus::Failed => "failed",
        StepStatus::Skipped(_) => "skipped",
        StepStatus::OptionalFailed => "optional-failed",
        StepStatus::AlreadyDone => "already-done",
        StepStatus::Interrupted => "interrupted",
    }
}

/// The outcome word of a run.
pub fn outcome_word(s: &Summary) -> &'static str {
    if s.interrupted {
        "interrupted"
    } else if s.failed > 0 {
        "failed"
    } else {
        "passed"
    }
}

impl RunRecord {
    pub fn new(info: &RunInfo) -> RunRecord {
        let steps = info
            .steps
            .iter()
            .enumerate()
            .map(|(i, (id, title))| StepRecord {
                index: i + 1,
                id: id.clone(),
                title: title.clone(),
                status: "not-run",
                reason: None,
                started_at: None,
                duration_ms: None,
                action: None,
                error: None,
                checks: Vec::new(),
                output: Vec::new(),
            })
            .collect::<Vec<_>>();
        RunRecord {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: "workshop",
                version: crate::VERSION,
            },
            lab: Lab {
                id: String::new(),
                title: String::new(),
                scenario: info.scenario.clone(),
            },
            cluster: Cluster {
                provider: info.provider.clone(),
                description: String::new(),
                rehearsal: info.provider == "rehearsal",
            },
            started_at: now(),
            finished_at: None,
            duration_ms: 0,
            outcome: "interrupted",
            totals: Totals {
                steps: steps.len(),
                not_run: steps.len(),
                ..Totals::default()
            },
            steps,
            resume_hint: None,
        }
    }

    fn step(&mut self, id: &str) -> Option<&mut StepRecord> {
        self.steps.iter_mut().find(|s| s.id == id)
    }

    fn check(&mut self, id: &str, index: usize) -> Option<&mut CheckRecord> {
        self.step(id)?.checks.iter_mut().find(|c| c.index == index)
    }

    /// Folds one event into the tree.
    pub fn apply(&mut self, event: &Event) {
        match event {
            Event::RunStarted {
                title,
                lab_id,
                cluster,
                rehearsal,
                ..
            } => {
                self.lab.id = lab_id.clone();
                self.lab.title = title.clone();
                self.cluster.description = cluster.clone();
                self.cluster.rehearsal = *rehearsal;
                self.started_at = now();
            }
            Event::StepStarted { id, .. } => {
                if let Some(s) = self.step(id) {
                    s.started_at = Some(now());
                    s.status = "interrupted";
                }
            }
            Event::StepOutput { id, line } => {
                if let Some(s) = self.step(id) {
                    s.output.push(line.clone());
                }
            }
            Event::ActionFinished { id, summary, elapsed } => {
                if let Some(s) = self.step(id) {
                    s.action = Some(ActionRecord {
                        summary: summary.clone(),
                        elapsed_ms: ms(*elapsed),
                    });
                }
            }
            Event::CheckStarted {
                id,
                check,
                description,
                timeout,
            } => {
                if let Some(s) = self.step(id) {
                    s.checks.retain(|c| c.index != *check);
                    s.checks.push(CheckRecord {
                        index: *check,
                        description: description.clone(),
                        status: "unfinished",
                        expected: description.clone(),
                        observed: None,
                        elapsed_ms: None,
                        timeout_ms: ms(*timeout),
                        diagnosis: None,
                        events: Vec::new(),
                        hint: None,
                        last_error: None,
                    });
                }
            }
            Event::CheckProgress {
                id,
                check,
                observed,
                elapsed,
                ..
            } => {
                if let Some(c) = self.check(id, *check) {
                    c.observed = Some(observed.clone());
                    c.elapsed_ms = Some(ms(*elapsed));
                }
            }
            Event::CheckPassed {
                id,
                check,
                observed,
                elapsed,
                ..
            } => {
                if let Some(c) = self.check(id, *check) {
                    c.status = "passed";
                    c.observed = Some(observed.clone());
                    c.elapsed_ms = Some(ms(*elapsed));
                }
            }
            Event::CheckFailed {
                id,
                check,
                failure,
                elapsed,
                ..
            } => {
                if let Some(c) = self.check(id, *check) {
                    c.status = "failed";
                    c.expected = failure.expected.clone();
                    c.observed = Some(failure.observed.clone());
                    c.elapsed_ms = Some(ms(*elapsed));
                    c.diagnosis = failure.diagnosis.clone();
                    c.events = failure.events.clone();
                    c.hint = failure.hint.clone();
                    c.last_error = failure.last_error.clone();
                }
            }
            Event::ActionFailed {
                id,
                message,
                detail,
                hint,
            } => {
                if let Some(s) = self.step(id) {
                    s.error = Some(ErrorRecord {
                        message: message.clone(),
                        detail: detail.clone(),
                        hint: hint.clone(),
                    });
                }
            }
            Event::StepFinished {
                id, status, elapsed, ..
            } => {
                if let Some(s) = self.step(id) {
                    s.status = status_word(status);
                    s.duration_ms = Some(ms(*elapsed));
                    if let StepStatus::Skipped(why) = status {
                        s.reason = Some(why.clone());
                    }
                }
            }
            Event::Background { .. } | Event::Note { .. } => {}
            Event::RunFinished { summary } => self.finish(summary),
        }
    }

    fn finish(&mut self, summary: &Summary) {
        self.finished_at = Some(now());
        self.duration_ms = ms(summary.elapsed);
        self.outcome = outcome_word(summary);
        self.resume_hint = summary.resume_hint.clone();
        if summary.interrupted {
            // The step that was running when Ctrl-C came is interrupted, not failed.
            if let Some(s) = self.steps.iter_mut().rev().find(|s| s.started_at.is_some())
                && s.status == "failed"
            {
                s.status = "interrupted";
            }
        }
        let mut t = Totals {
            steps: self.steps.len(),
            ..Totals::default()
        };
        for s in &mut self.steps {
            if s.status == "not-run" {
                s.reason = Some(if summary.interrupted {
                    crate::t!("report-not-run-interrupted")
                } else {
                    crate::t!("report-not-run-failure")
                });
            }
            match s.status {
                "passed" => t.passed += 1,
                "failed" => t.failed += 1,
                "skipped" => t.skipped += 1,
                "optional-failed" => t.optional_failed += 1,
                "already-done" => t.already_done += 1,
                "interrupted" => t.interrupted += 1,
                _ => t.not_run += 1,
            }
        }
        self.totals = t;
    }
}
