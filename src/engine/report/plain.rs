//! Plain, timestamped lines: for logs, CI, `--color never`, or no terminal. No spinners.

use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

use crate::scenario::duration::format_duration;

use super::super::event::{Event, StepStatus};
use super::{Reporter, failure_lines, status_mark, status_words};

/// Writes one line per event to stdout, prefixed with the time since the run started.
pub struct Plain {
    start: Instant,
    out: Mutex<Box<dyn Write + Send>>,
    /// Progress lines are rate-limited to one per check every this many seconds.
    last_progress: Mutex<std::collections::HashMap<(String, usize), Instant>>,
}

impl Plain {
    pub fn new(out: Box<dyn Write + Send>) -> Plain {
        Plain {
            start: Instant::now(),
            out: Mutex::new(out),
            last_progress: Mutex::new(Default::default()),
        }
    }

    fn line(&self, text: &str) {
        let t = self.start.elapsed();
        let stamp = format!("[{:>4}.{:01}s]", t.as_secs(), t.subsec_millis() / 100);
        if let Ok(mut out) = self.out.lock() {
            for l in text.lines() {
                let _ = writeln!(out, "{stamp} {l}");
            }
            let _ = out.flush();
        }
    }
}

impl Reporter for Plain {
    fn event(&self, event: &Event) {
        match event {
            Event::RunStarted {
                title,
                lab_id,
                cluster,
                rehearsal,
                steps,
            } => {
                self.line(&crate::t!(
                    "run-started",
                    lab_id = lab_id.as_str(),
                    title = title.as_str(),
                    steps = *steps
                ));
                self.line(&crate::t!("run-cluster", cluster = cluster.as_str()));
                if *rehearsal {
                    self.line(&format!(
                        "{}: {}",
                        crate::t!("rehearsal-label"),
                        crate::t!("rehearsal-note")
                    ));
                }
            }
            Event::StepStarted {
                index,
                total,
                id,
                title,
            } => {
                self.line(&format!(
                    "{} {id}: {title}",
                    crate::t!("step-header", index = *index, total = *total)
                ));
            }
            Event::StepOutput { id, line } => self.line(&format!("  {id} | {line}")),
            Event::ActionFinished { id, summary, elapsed } => {
                self.line(&format!("  {id}: {summary} ({})", format_duration(*elapsed)))
            }
            Event::CheckStarted {
                id,
                description,
                timeout,
                ..
            } => self.line(&format!(
                "  {id}: {}",
                crate::t!(
                    "check-checking",
                    description = description.as_str(),
                    timeout = format_duration(*timeout)
                )
            )),
            Event::CheckProgress {
                id,
                check,
                observed,
                elapsed,
                timeout,
            } => {
                let key = (id.clone(), *check);
                let now = Instant::now();
                let mut last = self.last_progress.lock().expect("progress map lock");
                let due = last
                    .get(&key)
                    .is_none_or(|t| now.duration_since(*t) >= std::time::Duration::from_secs(5));
                if due {
                    last.insert(key, now);
                    drop(last);
                    self.line(&format!(
                        "  {id}: {}",
                        crate::t!(
                            "check-waiting",
                            observed = observed.as_str(),
                            elapsed = format_duration(*elapsed),
                            timeout = format_duration(*timeout)
                        )
                    ));
                }
            }
            Event::CheckPassed {
                id,
                description,
                elapsed,
                ..
            } => self.line(&format!("  {id}: ✔ {description} ({})", format_duration(*elapsed))),
            Event::CheckFailed {
                id,
                description,
                failure,
                elapsed,
                ..
            } => {
                self.line(&format!(
                    "  {id}: ✖ {description} ({})",
                    crate::t!("check-failed-after", elapsed = format_duration(*elapsed))
                ));
                for l in failure_lines(failure) {
                    self.line(&format!("    {l}"));
                }
            }
            Event::ActionFailed {
                id,
                message,
                detail,
                hint,
            } => {
                self.line(&format!("  {id}: ✖ {message}"));
                for d in detail {
                    self.line(&format!("    {d}"));
                }
                if let Some(h) = hint {
                    self.line(&format!("    {}", super::hint_line(h)));
                }
            }
            Event::StepFinished {
                index,
                id,
                status,
                elapsed,
                ..
            } => {
                let mark = status_mark(status);
                let what = match status {
                    StepStatus::Failed => status_words(status).to_uppercase(),
                    _ => status_words(status),
                };
                self.line(&format!(
                    "{mark} {} {id} {what} ({})",
                    crate::t!("step-label", index = *index),
                    format_duration(*elapsed)
                ));
            }
            Event::Background {
                id,
                description,
                running,
            } => {
                let line = if *running {
                    crate::t!("background-started", description = description.as_str())
                } else {
                    crate::t!("background-stopped", description = description.as_str())
                };
                self.line(&format!("  {id}: {line}"));
            }
            Event::Note { text } => self.line(text),
            Event::RunFinished { summary } => {
                self.line(&super::fancy::summary_line(summary));
                if let Some(r) = &summary.resume_hint {
                    self.line(r);
                }
            }
        }
    }

    fn println(&self, line: &str) {
        self.line(line);
    }
}
