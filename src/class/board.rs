//! The board: every learner's lab folded from their events, and the [`View`] the web page,
//! `GET /api/class` and the terminal board show.
//!
//! Each learner has a state per step of the lab (pending, running, passed, failed, skipped,
//! interrupted), a current step and when it started, the check it waits on, and the last
//! failure (expected, observed, hint). A learner is *stuck* when their current step failed or
//! a check has waited longer than [`super::STUCK_AFTER`]; stuck learners come first.

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::protocol::Announcement;

/// The state of one step for one learner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum StepState {
    #[default]
    Pending,
    Running,
    Passed,
    Failed,
    Skipped,
    Interrupted,
}

/// A step of the lab, as the board's columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepInfo {
    pub id: String,
    pub title: String,
}

/// What a failing check or action said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureInfo {
    pub step: String,
    pub expected: String,
    pub observed: String,
    pub hint: Option<String>,
    pub diagnosis: Option<String>,
    pub events: Vec<String>,
}

/// The check a learner's run waits on now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckNow {
    pub description: String,
    pub observed: Option<String>,
    pub timeout_ms: u64,
    #[serde(skip)]
    since: Option<Timestamp>,
}

#[derive(Debug, Clone, Default)]
struct Cell {
    state: StepState,
    elapsed_ms: Option<u64>,
    reason: Option<String>,
    /// A note the boards say in their own language (a key of `strings::Strings`).
    note: Option<&'static str>,
}

/// One learner, as folded from their events.
#[derive(Debug, Clone, Default)]
pub struct Learner {
    pub id: i64,
    pub name: String,
    pub source: String,
    cells: HashMap<String, Cell>,
    current: Option<String>,
    current_since: Option<Timestamp>,
    check: Option<CheckNow>,
    failure: Option<FailureInfo>,
    /// `running`, `passed`, `failed`, `interrupted`, `reset`.
    run: Option<String>,
    /// The kind of the last run (`run`, `resume`, `converge`, `step`, `reset`, `pull`).
    mode: Option<String>,
    last_seen: Option<Timestamp>,
    pub last_seq: u64,
    /// Events folded in (each sequence number once).
    pub events: u64,
}

/// The whole class.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub title: String,
    pub lab: Option<(String, String)>,
    pub steps: Vec<StepInfo>,
    pub learners: BTreeMap<i64, Learner>,
    pub announcements: Vec<Announcement>,
}

impl Board {
    pub fn new(title: &str) -> Board {
        Board {
            title: title.to_owned(),
            ..Board::default()
        }
    }

    pub fn add_learner(&mut self, id: i64, name: &str, source: &str) {
        self.learners.entry(id).or_insert_with(|| Learner {
            id,
            name: name.to_owned(),
            source: source.to_owned(),
            ..Learner::default()
        });
    }

    /// A learner was heard from (a post, even an empty one).
    pub fn seen(&mut self, id: i64, at: Timestamp) {
        if let Some(l) = self.learners.get_mut(&id) {
            l.last_seen = Some(l.last_seen.map_or(at, |s| s.max(at)));
        }
    }

    /// Folds one event (as `--events ndjson` writes it) into a learner's state.
    pub fn apply(&mut self, learner: i64, seq: u64, e: &Value, received: Timestamp) {
        let Some(l) = self.learners.get_mut(&learner) else {
            return;
        };
        l.last_seq = l.last_seq.max(seq);
        l.events += 1;
        let time = e
            .get("time")
            .and_then(Value::as_str)
            .and_then(|t| t.parse::<Timestamp>().ok())
            .unwrap_or(received);
        let s = |k: &str| e.get(k).and_then(Value::as_str).map(str::to_owned);
        let step = s("step").unwrap_or_default();
        match e.get("event").and_then(Value::as_str).unwrap_or_default() {
            "run-started" => {
                let mode = s("mode").unwrap_or_else(|| "run".into());
                if let Some(plan) = e.get("plan").and_then(Value::as_array)
                    && mode != "reset"
                {
                    let steps: Vec<StepInfo> = plan
                        .iter()
                        .filter_map(|p| {
                            Some(StepInfo {
                                id: p.get("id")?.as_str()?.to_owned(),
                                title: p.get("title")?.as_str()?.to_owned(),
                            })
                        })
                        .collect();
                    let lab = (s("lab").unwrap_or_default(), s("title").unwrap_or_default());
                    if self.lab.as_ref() != Some(&lab) || self.steps.len() < steps.len() {
                        self.lab = Some(lab);
                        self.steps = steps;
                    }
                }
                if e.get("fresh").and_then(Value::as_bool).unwrap_or(true) || mode == "reset" {
                    l.cells.clear();
                    l.failure = None;
                }
                l.run = Some(if mode == "reset" { "reset" } else { "running" }.into());
                l.mode = Some(mode);
                l.check = None;
                if l.run.as_deref() == Some("reset") {
                    l.current = None;
                    l.current_since = None;
                }
            }
            "step-started" if l.mode.as_deref() != Some("reset") => {
                l.cells.insert(
                    step.clone(),
                    Cell {
                        state: StepState::Running,
                        ..Cell::default()
                    },
                );
                l.current = Some(step);
                l.current_since = Some(time);
                l.check = None;
            }
            "check-started" if l.current.as_deref() == Some(step.as_str()) => {
                l.check = Some(CheckNow {
                    description: s("description").unwrap_or_default(),
                    observed: None,
                    timeout_ms: e.get("timeout_ms").and_then(Value::as_u64).unwrap_or(0),
                    since: Some(time),
                });
            }
            "check-progress" => {
                if let Some(c) = &mut l.check {
                    c.observed = s("observed");
                }
            }
            "check-passed" => l.check = None,
            "check-failed" => {
                l.check = None;
                l.failure = Some(FailureInfo {
                    step,
                    expected: s("expected").unwrap_or_default(),
                    observed: s("observed").unwrap_or_default(),
                    hint: s("hint"),
                    diagnosis: s("diagnosis"),
                    events: strings(e.get("events")),
                });
            }
            "action-failed" => {
                l.failure = Some(FailureInfo {
                    step,
                    expected: s("message").unwrap_or_default(),
                    observed: strings(e.get("detail")).join("\n"),
                    hint: s("hint"),
                    diagnosis: None,
                    events: Vec::new(),
                });
            }
            "step-finished" if l.mode.as_deref() != Some("reset") => {
                let status = s("status").unwrap_or_default();
                let state = match status.as_str() {
                    "passed" | "already-done" => StepState::Passed,
                    "failed" => StepState::Failed,
                    "interrupted" => StepState::Interrupted,
                    _ => StepState::Skipped,
                };
                // The learner's own reason is in the learner's language; the board's notes
                // are said in the board's (`strings::Strings`).
                let (reason, note) = match status.as_str() {
                    "optional-failed" => (None, Some("optional_failed")),
                    "already-done" => (None, Some("already_done")),
                    _ => (s("reason"), None),
                };
                if matches!(state, StepState::Passed | StepState::Skipped)
                    && l.failure.as_ref().is_some_and(|f| f.step == step)
                {
                    l.failure = None;
                }
                l.cells.insert(
                    step,
                    Cell {
                        state,
                        elapsed_ms: e.get("elapsed_ms").and_then(Value::as_u64),
                        reason,
                        note,
                    },
                );
                l.check = None;
            }
            "run-finished" => {
                let outcome = s("outcome").unwrap_or_else(|| "passed".into());
                if outcome == "interrupted" {
                    for cell in l.cells.values_mut() {
                        if matches!(cell.state, StepState::Running) {
                            cell.state = StepState::Interrupted;
                        }
                    }
                    if let Some(cur) = &l.current
                        && let Some(cell) = l.cells.get_mut(cur)
                        && cell.state == StepState::Failed
                    {
                        cell.state = StepState::Interrupted;
                        if l.failure.as_ref().is_some_and(|f| &f.step == cur) {
                            l.failure = None;
                        }
                    }
                }
                l.check = None;
                if l.run.as_deref() != Some("reset") {
                    l.run = Some(outcome);
                }
            }
            _ => {}
        }
        l.last_seen = Some(l.last_seen.map_or(received, |s| s.max(received)));
    }

    pub fn announce(&mut self, a: Announcement) {
        self.announcements.push(a);
    }

    /// The board as shown, at `now`.
    pub fn view(&self, now: Timestamp) -> View {
        let index: HashMap<&str, usize> = self.steps.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let mut learners: Vec<LearnerView> = self.learners.values().map(|l| l.view(&index, self, now)).collect();
        learners.sort_by(|a, b| {
            b.stuck
                .cmp(&a.stuck)
                .then(b.stuck_seconds.cmp(&a.stuck_seconds))
                .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let steps = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let count = |st: &[StepState]| learners.iter().filter(|l| st.contains(&l.cells[i].state)).count();
                StepView {
                    id: s.id.clone(),
                    title: s.title.clone(),
                    past: count(&[StepState::Passed, StepState::Skipped]),
                    running: count(&[StepState::Running]),
                    failed: count(&[StepState::Failed]),
                }
            })
            .collect();
        View {
            title: self.title.clone(),
            lab: self.lab.as_ref().map(|(id, title)| LabView {
                id: id.clone(),
                title: title.clone(),
            }),
            generated: format!("{now:.3}"),
            stuck: learners.iter().filter(|l| l.stuck).count(),
            finished: learners.iter().filter(|l| l.run.as_deref() == Some("passed")).count(),
            steps,
            learners,
            announcements: self.announcements.clone(),
        }
    }

    /// One learner's row, as the live stream sends it.
    pub fn learner_view(&self, id: i64, now: Timestamp) -> Option<LearnerView> {
        let index: HashMap<&str, usize> = self.steps.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        self.learners.get(&id).map(|l| l.view(&index, self, now))
    }
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

impl Learner {
    fn view(&self, index: &HashMap<&str, usize>, board: &Board, now: Timestamp) -> LearnerView {
        let mut cells = vec![CellView::default(); board.steps.len()];
        for (id, c) in &self.cells {
            if let Some(&i) = index.get(id.as_str()) {
                cells[i] = CellView {
                    state: c.state,
                    elapsed_ms: c.elapsed_ms,
                    reason: c.reason.clone(),
                    note: c.note.map(str::to_owned),
                };
            }
        }
        let secs = |t: Option<Timestamp>| t.map(|t| (now.as_millisecond() - t.as_millisecond()).max(0) as u64 / 1000);
        let on_step = secs(self.current_since);
        let waiting = self.check.as_ref().and_then(|c| secs(c.since));
        let current_state = self.current.as_ref().and_then(|c| self.cells.get(c)).map(|c| c.state);
        let failed = self.failure.is_some() && current_state == Some(StepState::Failed);
        let long_wait = waiting.is_some_and(|w| w >= super::STUCK_AFTER.as_secs());
        let stuck = failed || long_wait;
        let ended = matches!(self.run.as_deref(), Some("passed" | "failed" | "interrupted"));
        let online =
            self.source == "pull" || ended || secs(self.last_seen).is_some_and(|s| s < super::OFFLINE_AFTER.as_secs());
        // Time on the step matters while the run goes on, or when it stopped there failing.
        let on_step = match self.run.as_deref() {
            Some("running") | Some("failed") => on_step,
            _ => None,
        };
        LearnerView {
            id: self.id,
            name: self.name.clone(),
            source: self.source.clone(),
            online,
            last_seen: self.last_seen.map(|t| format!("{t:.3}")),
            run: self.run.clone(),
            mode: self.mode.clone(),
            current: self.current.clone(),
            current_index: self.current.as_ref().and_then(|c| index.get(c.as_str())).map(|i| i + 1),
            seconds_on_step: on_step,
            check: self.check.clone(),
            waiting_seconds: waiting,
            stuck,
            stuck_seconds: if stuck { on_step.unwrap_or(0) } else { 0 },
            failure: self.failure.clone(),
            passed: self.cells.values().filter(|c| c.state == StepState::Passed).count(),
            last_seq: self.last_seq,
            events: self.events,
            cells,
        }
    }
}

/// The board as JSON (`GET /api/class`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct View {
    pub title: String,
    pub lab: Option<LabView>,
    /// RFC 3339: when this view was made.
    pub generated: String,
    /// How many learners are stuck.
    pub stuck: usize,
    /// How many learners finished the lab with every step passed.
    pub finished: usize,
    pub steps: Vec<StepView>,
    /// Stuck learners first (longest stuck first), then by name.
    pub learners: Vec<LearnerView>,
    pub announcements: Vec<Announcement>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LabView {
    pub id: String,
    pub title: String,
}

/// A column: a step and how many learners are past it, on it, failed at it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StepView {
    pub id: String,
    pub title: String,
    /// Learners who passed (or skipped) this step.
    pub past: usize,
    pub running: usize,
    pub failed: usize,
}

/// A row: one learner.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LearnerView {
    pub id: i64,
    pub name: String,
    /// `stream` or `pull`.
    pub source: String,
    /// Heard from within the last 30 s, or their run has ended (always true for pull mode).
    pub online: bool,
    pub last_seen: Option<String>,
    /// `running`, `passed`, `failed`, `interrupted` or `reset` (none before the first run).
    pub run: Option<String>,
    pub mode: Option<String>,
    /// The step being run, or the last one run.
    pub current: Option<String>,
    /// Its position in the lab, from 1.
    pub current_index: Option<usize>,
    /// Seconds on the current step, while the run goes on or since it failed there.
    pub seconds_on_step: Option<u64>,
    pub check: Option<CheckNow>,
    pub waiting_seconds: Option<u64>,
    pub stuck: bool,
    pub stuck_seconds: u64,
    pub failure: Option<FailureInfo>,
    /// Steps passed.
    pub passed: usize,
    /// The last sequence number applied.
    pub last_seq: u64,
    /// How many events the server has of this learner.
    pub events: u64,
    /// One per step, in the lab's order.
    pub cells: Vec<CellView>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CellView {
    pub state: StepState,
    pub elapsed_ms: Option<u64>,
    pub reason: Option<String>,
    /// `optional_failed` or `already_done`: a word of the boards' (`strings::Strings`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn board() -> Board {
        let mut b = Board::new("Day 55");
        b.add_learner(1, "Ana", "stream");
        b.add_learner(2, "Bo", "stream");
        let plan = json!([{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}]);
        let now = t("2026-01-01T10:00:00Z");
        for l in [1, 2] {
            b.apply(l, 1, &json!({"event": "run-started", "lab": "day55", "title": "Day", "plan": plan, "time": "2026-01-01T10:00:00Z"}), now);
            b.apply(
                l,
                2,
                &json!({"event": "step-started", "step": "a", "index": 1, "time": "2026-01-01T10:00:01Z"}),
                now,
            );
            b.apply(
                l,
                3,
                &json!({"event": "step-finished", "step": "a", "status": "passed", "elapsed_ms": 5}),
                now,
            );
            b.apply(
                l,
                4,
                &json!({"event": "step-started", "step": "b", "index": 2, "time": "2026-01-01T10:00:02Z"}),
                now,
            );
        }
        b
    }

    #[test]
    fn a_failed_check_makes_a_learner_stuck_with_expected_and_observed() {
        let mut b = board();
        let now = t("2026-01-01T10:00:10Z");
        b.apply(
            2,
            5,
            &json!({"event": "check-started", "step": "b", "description": "pvc is Bound", "timeout_ms": 1000}),
            now,
        );
        b.apply(2, 6, &json!({"event": "check-failed", "step": "b", "expected": "pvc is Bound", "observed": "phase Pending", "hint": "check the class"}), now);
        b.apply(
            2,
            7,
            &json!({"event": "step-finished", "step": "b", "status": "failed"}),
            now,
        );
        let v = b.view(now);
        assert_eq!(v.learners[0].name, "Bo", "the stuck learner comes first");
        assert!(v.learners[0].stuck);
        let f = v.learners[0].failure.as_ref().unwrap();
        assert_eq!(
            (f.expected.as_str(), f.observed.as_str()),
            ("pvc is Bound", "phase Pending")
        );
        assert_eq!(f.hint.as_deref(), Some("check the class"));
        assert_eq!(v.learners[0].cells[1].state, StepState::Failed);
        assert_eq!(v.learners[1].cells[1].state, StepState::Running);
        assert_eq!(v.learners[1].seconds_on_step, Some(8));
        assert_eq!((v.steps[0].past, v.steps[1].running, v.steps[1].failed), (2, 1, 1));
    }

    #[test]
    fn a_long_wait_makes_a_learner_stuck() {
        let mut b = board();
        let start = t("2026-01-01T10:00:03Z");
        b.apply(1, 5, &json!({"event": "check-started", "step": "b", "description": "rollout", "timeout_ms": 600000, "time": "2026-01-01T10:00:03Z"}), start);
        assert!(!b.view(t("2026-01-01T10:00:30Z")).learners[0].stuck);
        let later = b.view(t("2026-01-01T10:05:00Z"));
        let ana = later.learners.iter().find(|l| l.name == "Ana").unwrap();
        assert!(ana.stuck);
        assert_eq!(ana.check.as_ref().unwrap().description, "rollout");
    }

    #[test]
    fn an_interrupted_run_marks_its_step_interrupted_and_a_resume_keeps_the_rest() {
        let mut b = board();
        let now = t("2026-01-01T10:00:10Z");
        b.apply(
            1,
            5,
            &json!({"event": "step-finished", "step": "b", "status": "failed"}),
            now,
        );
        b.apply(1, 6, &json!({"event": "run-finished", "outcome": "interrupted"}), now);
        let v = b.view(now);
        let ana = v.learners.iter().find(|l| l.name == "Ana").unwrap();
        assert_eq!(ana.cells[1].state, StepState::Interrupted);
        assert!(!ana.stuck);
        assert_eq!(ana.run.as_deref(), Some("interrupted"));
        b.apply(
            1,
            7,
            &json!({"event": "run-started", "lab": "day55", "title": "Day", "mode": "resume", "fresh": false}),
            now,
        );
        b.apply(1, 8, &json!({"event": "step-started", "step": "b"}), now);
        b.apply(
            1,
            9,
            &json!({"event": "step-finished", "step": "b", "status": "passed"}),
            now,
        );
        let v = b.view(now);
        let ana = v.learners.iter().find(|l| l.name == "Ana").unwrap();
        assert_eq!(ana.cells[0].state, StepState::Passed, "kept from the first run");
        assert_eq!(ana.cells[1].state, StepState::Passed);
        assert_eq!(ana.mode.as_deref(), Some("resume"));
    }

    #[test]
    fn a_reset_clears_the_row() {
        let mut b = board();
        let now = t("2026-01-01T10:00:10Z");
        b.apply(
            1,
            5,
            &json!({"event": "run-started", "lab": "day55", "title": "reset: Day", "mode": "reset"}),
            now,
        );
        b.apply(1, 6, &json!({"event": "step-started", "step": "delete-ns"}), now);
        let v = b.view(now);
        let ana = v.learners.iter().find(|l| l.name == "Ana").unwrap();
        assert!(ana.cells.iter().all(|c| c.state == StepState::Pending));
        assert_eq!(ana.run.as_deref(), Some("reset"));
        assert_eq!(v.steps.len(), 3, "a reset does not change the columns");
    }
}
