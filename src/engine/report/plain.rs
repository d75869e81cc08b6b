//! Plain, timestamped lines: for logs, CI, `--color never`, or no terminal. No spinners.

use std::io::Write;
use std::sync::Mutex;
use std::time::Instant;

use crate::scenario::duration::format_duration;

use super::super::event::{Event, StepStatus};
use super::{Reporter, failure_lines, status_mark};

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
                self.line(&format!("lab {lab_id}: {title} ({steps} steps)"));
                self.line(&format!("cluster: {cluster}"));
                if *rehearsal {
                    self.line("REHEARSAL: no containers run; steps that need them are skipped, never passed");
                }
            }
            Event::StepStarted {
                index,
                total,
                id,
                title,
            } => {
                self.line(&format!("step {index}/{total} {id}: {title}"));
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
                "  {id}: checking {description} (timeout {})",
                format_duration(*timeout)
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
                        "  {id}: waiting: {observed} · {} of {}",
                        format_duration(*elapsed),
                        format_duration(*timeout)
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
                    "  {id}: ✖ {description} (after {})",
                    format_duration(*elapsed)
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
                    self.line(&format!("    hint: {h}"));
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
                    StepStatus::Passed => "passed".to_owned(),
                    StepStatus::Failed => "FAILED".to_owned(),
                    StepStatus::Skipped(why) => format!("skipped: {why}"),
                    StepStatus::OptionalFailed => "failed (optional, the run goes on)".to_owned(),
                    StepStatus::AlreadyDone => "already done".to_owned(),
                    StepStatus::Interrupted => "interrupted".to_owned(),
                };
                self.line(&format!(
                    "{mark} step {index} {id} {what} ({})",
                    format_duration(*elapsed)
                ));
            }
            Event::Background {
                id,
                description,
                running,
            } => {
                let state = if *running { "started" } else { "stopped" };
                self.line(&format!("  {id}: background {state}: {description}"));
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
