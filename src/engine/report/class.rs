//! `--class URL --join CODE --name NAME`: streams the run's events to the class server
//! (docs/class.md). The events are those of `--events ndjson` ([`super::ndjson::to_json`]),
//! after the secret redaction that wraps every reporter; `run-started` also carries the lab's
//! steps (`plan`), what kind of run it is (`mode`) and whether it starts the lab afresh
//! (`fresh`). Sending is the [`Streamer`]'s job, in the background: this reporter never
//! waits, except briefly at the end of the run to send what is left.
//!
//! The instructor's announcements are shown through the console at the next step.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::class::client::{ClassLink, Streamer};

use super::super::event::Event;
use super::Reporter;
use super::ndjson::to_json;
use super::record::now;

/// What a run tells the class about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassReport {
    pub link: ClassLink,
    /// `run`, `resume`, `converge`, `step` or `reset`.
    pub mode: &'static str,
    /// It runs the lab from its first step (not `--resume`, `--from`, `--only`…).
    pub fresh: bool,
}

pub struct Class {
    streamer: Option<Streamer>,
    console: Arc<dyn Reporter>,
    report: ClassReport,
    /// The lab's steps: (id, title).
    steps: Vec<(String, String)>,
}

impl Class {
    pub fn new(report: ClassReport, steps: Vec<(String, String)>, console: Arc<dyn Reporter>) -> Class {
        Class {
            streamer: Streamer::start(report.link.clone(), |t| crate::t!("class-announcement", text = t)),
            console,
            report,
            steps,
        }
    }

    fn show_inbox(&self) {
        if let Some(s) = &self.streamer {
            for line in s.inbox.take() {
                self.console.println(&line);
            }
        }
    }
}

impl Reporter for Class {
    fn event(&self, event: &Event) {
        let Some(streamer) = &self.streamer else { return };
        if matches!(event, Event::StepStarted { .. } | Event::RunStarted { .. }) {
            self.show_inbox();
        }
        let mut v = to_json(event);
        if let Value::Object(map) = &mut v {
            map.insert("time".into(), Value::String(now()));
            if matches!(event, Event::RunStarted { .. }) {
                let plan: Vec<Value> = (self.steps.iter())
                    .map(|(id, title)| json!({"id": id, "title": title}))
                    .collect();
                map.insert("plan".into(), Value::Array(plan));
                map.insert("mode".into(), Value::String(self.report.mode.into()));
                map.insert("fresh".into(), Value::Bool(self.report.fresh));
            }
        }
        streamer.send(v);
        if matches!(event, Event::RunFinished { .. }) {
            streamer.finish();
            self.show_inbox();
        }
    }

    fn println(&self, _line: &str) {}
}
