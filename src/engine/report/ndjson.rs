//! `--events ndjson`: one JSON object per event and line on stdout, for graders and dashboards.
//! Every object has `event` (its kind, kebab-case) and `time` (RFC 3339, UTC); the other
//! fields are documented in docs/reports.md and only ever added to.

use std::io::Write;
use std::sync::Mutex;

use serde_json::{Value, json};

use super::super::event::{Event, StepStatus};
use super::Reporter;
use super::record::{ms, now, outcome_word, status_word};

/// Writes one JSON line per event.
pub struct Ndjson {
    out: Mutex<Box<dyn Write + Send>>,
}

impl Ndjson {
    pub fn new(out: Box<dyn Write + Send>) -> Ndjson {
        Ndjson { out: Mutex::new(out) }
    }
}

impl Reporter for Ndjson {
    fn event(&self, event: &Event) {
        let mut v = to_json(event);
        if let Value::Object(map) = &mut v {
            map.insert("time".into(), Value::String(now()));
        }
        if let Ok(mut out) = self.out.lock() {
            let _ = writeln!(out, "{v}");
            let _ = out.flush();
        }
    }

    /// Lines outside events (pause prompts) are for humans; the stream stays pure JSON.
    fn println(&self, _line: &str) {}
}

/// One event as its JSON object.
pub fn to_json(e: &Event) -> Value {
    match e {
        Event::RunStarted {
            title,
            lab_id,
            cluster,
            rehearsal,
            steps,
        } => json!({"event": "run-started", "lab": lab_id, "title": title, "cluster": cluster,
                    "rehearsal": rehearsal, "steps": steps}),
        Event::StepStarted {
            index,
            total,
            id,
            title,
        } => json!({"event": "step-started", "step": id, "index": index, "total": total, "title": title}),
        Event::StepOutput { id, line } => json!({"event": "step-output", "step": id, "line": line}),
        Event::ActionFinished { id, summary, elapsed } => {
            json!({"event": "action-finished", "step": id, "summary": summary, "elapsed_ms": ms(*elapsed)})
        }
        Event::CheckStarted {
            id,
            check,
            description,
            timeout,
        } => json!({"event": "check-started", "step": id, "check": check, "description": description,
                    "timeout_ms": ms(*timeout)}),
        Event::CheckProgress {
            id,
            check,
            observed,
            elapsed,
            timeout,
        } => json!({"event": "check-progress", "step": id, "check": check, "observed": observed,
                    "elapsed_ms": ms(*elapsed), "timeout_ms": ms(*timeout)}),
        Event::CheckPassed {
            id,
            check,
            description,
            observed,
            elapsed,
        } => json!({"event": "check-passed", "step": id, "check": check, "description": description,
                    "observed": observed, "elapsed_ms": ms(*elapsed)}),
        Event::CheckFailed {
            id,
            check,
            description,
            failure,
            elapsed,
        } => json!({"event": "check-failed", "step": id, "check": check, "description": description,
                    "elapsed_ms": ms(*elapsed), "expected": failure.expected, "observed": failure.observed,
                    "diagnosis": failure.diagnosis, "events": failure.events, "hint": failure.hint,
                    "last_error": failure.last_error}),
        Event::ActionFailed {
            id,
            message,
            detail,
            hint,
        } => json!({"event": "action-failed", "step": id, "message": message, "detail": detail, "hint": hint}),
        Event::StepFinished {
            index,
            id,
            title,
            status,
            elapsed,
        } => {
            let reason = match status {
                StepStatus::Skipped(why) => Some(why.as_str()),
                _ => None,
            };
            json!({"event": "step-finished", "step": id, "index": index, "title": title,
                   "status": status_word(status), "reason": reason, "elapsed_ms": ms(*elapsed)})
        }
        Event::Background {
            id,
            description,
            running,
        } => json!({"event": "background", "step": id, "description": description, "running": running}),
        Event::Note { text } => json!({"event": "note", "text": text}),
        Event::RunFinished { summary: s } => json!({"event": "run-finished", "outcome": outcome_word(s),
            "passed": s.passed, "failed": s.failed, "skipped": s.skipped, "optional_failed": s.optional_failed,
            "already_done": s.already_done, "interrupted": s.interrupted, "elapsed_ms": ms(s.elapsed),
            "resume_hint": s.resume_hint}),
    }
}
