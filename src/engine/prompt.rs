//! Talking to the learner at the terminal: the step card of `--step` (title, explanation,
//! commands), its Enter / `s` / `q` question, pauses and confirmations.
//!
//! Answers are read on a plain thread, never on the async runtime's blocking pool, so a
//! Ctrl-C while waiting ends the run at once. The reporter stops drawing while the learner
//! types (spinners would overwrite the echo) and resumes afterwards.

use std::io::{BufRead, IsTerminal, Write};

use console::Style;
use tokio_util::sync::CancellationToken;

use crate::markdown;
use crate::plan::{Captures, Plan, command};
use crate::scenario::Step;

use super::context::RunCtx;

/// What the learner answered to a step card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Run,
    Skip,
    Quit,
}

/// Reads one line from standard input; `None` at end of input or when `cancel` fires first.
pub async fn read_line(cancel: &CancellationToken) -> Option<String> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let got = std::io::stdin().lock().read_line(&mut line);
        let _ = tx.send(match got {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line),
        });
    });
    tokio::select! {
        r = rx => r.ok().flatten(),
        _ = cancel.cancelled() => None,
    }
}

/// Writes `text` straight to the terminal with the reporter's drawing paused.
fn show(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// The card shown before a step in `--step` mode.
pub fn step_card(plan: &Plan, step: &Step, lang: &str, index: usize, total: usize, captures: &Captures) -> String {
    let bold = Style::new().bold();
    let dim = Style::new().dim();
    let cyan = Style::new().cyan();
    let mut out = String::new();
    out.push('\n');
    out.push_str(&format!(
        "{} {} {}\n",
        dim.apply_to(format!("── {}", crate::t!("step-header", index = index, total = total))),
        bold.apply_to(step.id.as_str()),
        dim.apply_to("──")
    ));
    out.push_str(&format!("{}\n", bold.apply_to(plan.text(&step.title, lang, captures))));
    if let Some(explain) = &step.explain {
        out.push('\n');
        out.push_str(&markdown::render(&plan.text(explain, lang, captures), "  "));
    }
    let commands = command::equivalent(plan, step, &placeholders(plan, captures));
    if !commands.is_empty() {
        out.push('\n');
        for c in commands {
            out.push_str(&format!("  {} {c}\n", cyan.apply_to("$")));
        }
    }
    out
}

/// Captures taken so far, and `<name>` for those still to come.
fn placeholders(plan: &Plan, captures: &Captures) -> Captures {
    let mut all = plan.placeholder_captures();
    all.extend(captures.clone());
    all
}

/// Shows the card of `step` and asks what to do. End of input counts as `q`.
pub async fn ask_step(run: &RunCtx, step: &Step, index: usize, total: usize) -> Answer {
    let plan = run.plan();
    let card = step_card(&plan, step, &run.lang, index, total, &run.captures());
    run.reporter.pause_drawing();
    show(&card);
    let question = if run.provider.is_rehearsal() {
        crate::t!("prompt-question-rehearsal")
    } else {
        crate::t!("prompt-question")
    };
    let answer = loop {
        show(&format!("\n{} ", Style::new().yellow().apply_to(&question)));
        let Some(line) = read_line(&run.cancel).await else {
            show("\n");
            break Answer::Quit;
        };
        if !std::io::stdin().is_terminal() {
            // Nothing echoed the answer: show it, so a log reads like the terminal.
            show(&format!("{}\n", line.trim()));
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "" | "r" | "run" | "y" | "yes" => break Answer::Run,
            "s" | "skip" => break Answer::Skip,
            "q" | "quit" | "exit" => break Answer::Quit,
            other => show(&crate::t!("prompt-not-an-answer", answer = other)),
        }
    };
    run.reporter.resume_drawing();
    answer
}

/// Shows `message` and waits for Enter (or Ctrl-C), with the reporter's drawing paused.
pub async fn wait_for_enter(run: &RunCtx, message: &str) {
    run.reporter.pause_drawing();
    show(&format!("{message} "));
    let _ = read_line(&run.cancel).await;
    run.reporter.resume_drawing();
}

/// Asks a yes/no question on the terminal; only a yes (`y`/`yes`, `s`/`sí` in Spanish) is yes.
pub fn confirm(question: &str) -> bool {
    show(&format!("{question} {} ", crate::t!("confirm-choices")));
    let mut line = String::new();
    match std::io::stdin().lock().read_line(&mut line) {
        Ok(0) | Err(_) => false,
        Ok(_) => {
            let answer = line.trim().to_lowercase();
            crate::t!("confirm-yes-words").split_whitespace().any(|w| w == answer)
        }
    }
}
