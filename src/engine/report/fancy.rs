//! Spinners and marks on a terminal: a line per step (spinner → ✔/✖/↷/⚠ with its duration),
//! nested lines for running checks and background processes, a summary at the end.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use console::Style;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::scenario::duration::format_duration;

use super::super::event::{Event, StepStatus, Summary};
use super::{Reporter, failure_lines, status_mark};

pub struct Fancy {
    multi: MultiProgress,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    step: Option<ProgressBar>,
    step_label: String,
    checks: HashMap<usize, ProgressBar>,
    background: HashMap<String, ProgressBar>,
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner:.cyan} {wide_msg}")
        .expect("static template")
        .tick_strings(&["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", "·"])
}

fn nested_style() -> ProgressStyle {
    ProgressStyle::with_template("    {spinner:.dim} {wide_msg}")
        .expect("static template")
        .tick_strings(&["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏", "·"])
}

impl Fancy {
    pub fn new() -> Fancy {
        Fancy {
            multi: MultiProgress::with_draw_target(ProgressDrawTarget::stdout_with_hz(12)),
            state: Mutex::new(State::default()),
        }
    }

    /// Prints the tool's own words, wrapped between words to the terminal's width.
    fn print(&self, line: impl AsRef<str>) {
        let _ = self.multi.println(crate::wrap::to_terminal(line.as_ref()));
    }

    /// Prints a line of a step's own output as it is: kubectl's tables keep their columns.
    fn print_output(&self, line: impl AsRef<str>) {
        let _ = self.multi.println(line.as_ref());
    }

    fn spinner(&self, style: ProgressStyle, msg: String) -> ProgressBar {
        let pb = self
            .multi
            .add(ProgressBar::new_spinner().with_style(style).with_message(msg));
        pb.enable_steady_tick(Duration::from_millis(100));
        pb
    }
}

impl Default for Fancy {
    fn default() -> Self {
        Fancy::new()
    }
}

impl Reporter for Fancy {
    fn event(&self, event: &Event) {
        let bold = Style::new().bold();
        let dim = Style::new().dim();
        let green = Style::new().green();
        let red = Style::new().red().bold();
        let yellow = Style::new().yellow();
        let mut st = self.state.lock().expect("reporter state lock");
        match event {
            Event::RunStarted {
                title,
                lab_id,
                cluster,
                rehearsal,
                steps,
            } => {
                self.print(format!(
                    "{} {}",
                    bold.apply_to(title),
                    dim.apply_to(crate::t!("run-started-short", lab_id = lab_id.as_str(), steps = *steps))
                ));
                self.print(crate::t!("run-cluster", cluster = cluster.as_str()));
                if *rehearsal {
                    self.print(format!(
                        "{} {}",
                        Style::new().magenta().bold().apply_to(crate::t!("rehearsal-label")),
                        crate::t!("rehearsal-note")
                    ));
                }
                self.print("");
            }
            Event::StepStarted {
                index,
                total,
                id,
                title,
            } => {
                let label = format!(
                    "{} {} {}",
                    dim.apply_to(format!("[{index}/{total}]")),
                    bold.apply_to(id),
                    title
                );
                st.step_label = label.clone();
                st.step = Some(self.spinner(spinner_style(), label));
            }
            Event::StepOutput { line, .. } => {
                if let Some(pb) = &st.step {
                    pb.set_message(format!("{} {}", st.step_label, dim.apply_to(truncate(line, 70))));
                }
                drop(st);
                self.print_output(format!("    {}", dim.apply_to(line)));
            }
            Event::ActionFinished { summary, .. } => {
                if let Some(pb) = &st.step {
                    pb.set_message(format!("{} {}", st.step_label, dim.apply_to(summary)));
                }
            }
            Event::CheckStarted { check, description, .. } => {
                let pb = self.spinner(nested_style(), description.clone());
                st.checks.insert(*check, pb);
            }
            Event::CheckProgress {
                check,
                observed,
                elapsed,
                timeout,
                ..
            } => {
                if let Some(pb) = st.checks.get(check) {
                    let desc = pb.message();
                    let base = desc.split(" — ").next().unwrap_or(&desc).to_owned();
                    pb.set_message(format!(
                        "{base} — {} {}",
                        observed,
                        dim.apply_to(format!(
                            "· {}",
                            crate::t!(
                                "elapsed-of",
                                elapsed = format_duration(*elapsed),
                                timeout = format_duration(*timeout)
                            )
                        ))
                    ));
                }
            }
            Event::CheckPassed {
                check,
                description,
                elapsed,
                ..
            } => {
                if let Some(pb) = st.checks.remove(check) {
                    pb.finish_and_clear();
                    self.multi.remove(&pb);
                }
                drop(st);
                self.print(format!(
                    "    {} {description} {}",
                    green.apply_to("✔"),
                    dim.apply_to(format_duration(*elapsed))
                ));
            }
            Event::CheckFailed {
                check,
                description,
                failure,
                elapsed,
                ..
            } => {
                if let Some(pb) = st.checks.remove(check) {
                    pb.finish_and_clear();
                    self.multi.remove(&pb);
                }
                drop(st);
                self.print(format!(
                    "    {} {description} {}",
                    red.apply_to("✖"),
                    dim.apply_to(crate::t!("check-failed-after", elapsed = format_duration(*elapsed)))
                ));
                for l in failure_lines(failure) {
                    self.print(format!("      {l}"));
                }
            }
            Event::ActionFailed {
                message, detail, hint, ..
            } => {
                drop(st);
                self.print(format!("    {} {message}", red.apply_to("✖")));
                for d in detail {
                    self.print(format!("      {}", dim.apply_to(d)));
                }
                if let Some(h) = hint {
                    self.print(format!("      {}", super::hint_line(h)));
                }
            }
            Event::StepFinished {
                index,
                id,
                title,
                status,
                elapsed,
            } => {
                for (_, pb) in st.checks.drain() {
                    pb.finish_and_clear();
                    self.multi.remove(&pb);
                }
                if let Some(pb) = st.step.take() {
                    pb.finish_and_clear();
                    self.multi.remove(&pb);
                }
                drop(st);
                let mark = status_mark(status);
                let mark = match status {
                    StepStatus::Passed | StepStatus::AlreadyDone => green.apply_to(mark),
                    StepStatus::Failed => red.apply_to(mark),
                    StepStatus::Skipped(_) => dim.apply_to(mark),
                    StepStatus::OptionalFailed | StepStatus::Interrupted => yellow.apply_to(mark),
                };
                let tail = match status {
                    StepStatus::Passed => String::new(),
                    _ => super::status_words(status),
                };
                self.print(format!(
                    "{mark} {} {} {title} {} {}",
                    dim.apply_to(format!("[{index}]")),
                    bold.apply_to(id),
                    dim.apply_to(format_duration(*elapsed)),
                    dim.apply_to(tail)
                ));
            }
            Event::Background {
                id,
                description,
                running,
            } => {
                if *running {
                    let pb = self.spinner(
                        nested_style(),
                        crate::t!("background-running", description = description.as_str()),
                    );
                    st.background.insert(id.clone(), pb);
                } else if let Some(pb) = st.background.remove(id) {
                    pb.finish_and_clear();
                    self.multi.remove(&pb);
                    drop(st);
                    self.print(format!(
                        "    {}",
                        crate::t!("background-stopped", description = description.as_str())
                    ));
                }
            }
            Event::Note { text } => {
                drop(st);
                self.print(text);
            }
            Event::RunFinished { summary } => {
                for (_, pb) in st.background.drain() {
                    pb.finish_and_clear();
                }
                drop(st);
                self.print("");
                self.print(bold.apply_to(summary_line(summary)).to_string());
                if let Some(r) = &summary.resume_hint {
                    self.print(r);
                }
            }
        }
    }

    fn println(&self, line: &str) {
        self.print(line);
    }

    fn pause_drawing(&self) {
        let _ = self.multi.clear();
        self.multi.set_draw_target(ProgressDrawTarget::hidden());
    }

    fn resume_drawing(&self) {
        self.multi.set_draw_target(ProgressDrawTarget::stdout_with_hz(12));
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(n).collect();
        format!("{cut}…")
    }
}

/// `12 passed, 1 failed, 4 skipped in 1m 05s`, in the run's language.
pub fn summary_line(s: &Summary) -> String {
    let mut parts = vec![if s.already_done > 0 {
        crate::t!(
            "summary-passed-already",
            count = s.passed + s.already_done,
            already = s.already_done
        )
    } else {
        crate::t!("summary-passed", count = s.passed)
    }];
    if s.failed > 0 || !s.interrupted {
        parts.push(crate::t!("summary-failed", count = s.failed));
    }
    if let Some(id) = &s.interrupted_step {
        parts.push(crate::t!("summary-interrupted-step", id = id.as_str()));
    }
    if s.skipped > 0 {
        parts.push(crate::t!("summary-skipped", count = s.skipped));
    }
    if s.optional_failed > 0 {
        parts.push(crate::t!("summary-optional-failed", count = s.optional_failed));
    }
    let head = match (s.interrupted, s.signal) {
        (true, Some(sig)) => crate::t!("summary-interrupted-by", signal = sig.name()),
        (true, None) => crate::t!("summary-interrupted"),
        (false, _) => String::new(),
    };
    let parts = parts.join(", ");
    let elapsed = format_duration(s.elapsed);
    if head.is_empty() {
        crate::t!("summary-line", parts = parts, elapsed = elapsed)
    } else {
        format!("{head} {}", crate::t!("summary-line", parts = parts, elapsed = elapsed))
    }
}
