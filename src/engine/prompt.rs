//! Talking to the learner at the terminal: the step card of `--step` (title, explanation,
//! the rendered manifests' path, commands), its Enter / `s` / `q` / `?` question (single keys
//! in raw mode on a terminal, lines from a pipe), pauses and confirmations.
//!
//! Answers are read on a plain thread, never on the async runtime's blocking pool, so a
//! Ctrl-C while waiting ends the run at once. The reporter stops drawing while the learner
//! types (spinners would overwrite the echo) and resumes afterwards.

use std::collections::HashSet;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use console::Style;
use tokio_util::sync::CancellationToken;

use crate::markdown;
use crate::plan::{Captures, Plan, command};
use crate::scenario::{Action, Step};

use super::context::RunCtx;

/// What the learner answered to a step card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Run,
    Skip,
    Quit,
    /// Standard input ended (a pipe ran dry, Ctrl-D): no more answers can come.
    EndOfInput,
}

/// One answer at a card: a key on a terminal, a line from a pipe.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Enter,
    Char(char),
    /// Anything else (an arrow key, a word from a pipe), as the learner would name it.
    Other(String),
    End,
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

/// Whether answers come from a person at a terminal (single keys) rather than a pipe (lines).
fn at_a_terminal() -> bool {
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// Reads one answer: a single key in raw mode through `console` on a terminal (Ctrl-C there
/// raises SIGINT, as the run expects), else a line. `None` when `cancel` fires first.
async fn read_key(cancel: &CancellationToken) -> Option<Key> {
    if !at_a_terminal() {
        return match read_line(cancel).await {
            None if cancel.is_cancelled() => None,
            None => Some(Key::End),
            Some(line) => {
                // Nothing echoed the answer: show it, so a log reads like the terminal.
                show(&format!("{}\n", line.trim()));
                Some(match line.trim().to_lowercase().as_str() {
                    "" | "r" | "run" | "y" | "yes" => Key::Enter,
                    "s" | "skip" => Key::Char('s'),
                    "q" | "quit" | "exit" => Key::Char('q'),
                    "?" | "h" | "help" => Key::Char('?'),
                    other => Key::Other(other.to_owned()),
                })
            }
        };
    }
    let saved = TermiosGuard::save();
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = tx.send(console::Term::stdout().read_key());
    });
    let got = tokio::select! {
        r = rx => r.ok(),
        _ = cancel.cancelled() => None,
    };
    // A signal may end the run while the reading thread still holds the terminal raw.
    drop(saved);
    let key = match got? {
        Ok(console::Key::Enter) => Key::Enter,
        // Ctrl-D. Typed while no key is being read (a step runs, the card is drawn), the
        // terminal is still in line mode, which turns it into an end-of-file mark that a raw
        // read then gets as NUL: that is Ctrl-D too.
        Ok(console::Key::Char('\u{4}' | '\0')) => Key::End,
        Ok(console::Key::Char(c)) => Key::Char(c),
        Ok(other) => Key::Other(format!("{other:?}")),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => return None,
        Err(_) => Key::End,
    };
    match &key {
        Key::Char(c) => show(&format!("{c}\n")),
        Key::End => {}
        _ => show("\n"),
    }
    Some(key)
}

/// The terminal's settings, put back when dropped (the key reader sets raw mode).
struct TermiosGuard(Option<libc::termios>);

impl TermiosGuard {
    fn save() -> TermiosGuard {
        let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: tcgetattr fills the struct when it returns 0; fd 0 is a terminal here.
        let ok = unsafe { libc::tcgetattr(0, t.as_mut_ptr()) } == 0;
        // SAFETY: initialised by tcgetattr when ok.
        TermiosGuard(ok.then(|| unsafe { t.assume_init() }))
    }
}

impl Drop for TermiosGuard {
    fn drop(&mut self) {
        if let Some(t) = &self.0 {
            // SAFETY: restores settings read from the same fd.
            unsafe {
                libc::tcsetattr(0, libc::TCSANOW, t);
            }
        }
    }
}

/// Writes `text` straight to the terminal with the reporter's drawing paused.
/// Writes to the terminal, wrapped between words to its width.
fn show(text: &str) {
    let text = crate::wrap::to_terminal(text);
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
        // On a terminal, paragraphs are joined and then wrapped to its width (crate::wrap).
        let reflow = crate::wrap::terminal_width().is_some();
        out.push_str(&markdown::render(&plan.text(explain, lang, captures), "  ", reflow));
    }
    let mut commands = command::equivalent_argv(plan, step, &placeholders(plan, captures));
    if let Action::Create(m) | Action::Apply(m) = &step.action {
        let template = m.template.get_ref();
        if let Some(path) = write_manifests(plan, template) {
            // The command names the file the learner now has.
            let name = command::rendered_file_name(template);
            for argv in &mut commands {
                for a in argv.iter_mut().filter(|a| **a == name) {
                    *a = path.display().to_string();
                }
            }
            out.push('\n');
            out.push_str(&format!(
                "  {}\n",
                dim.apply_to(crate::t!("card-manifests", path = path.display().to_string()))
            ));
        }
    }
    if !commands.is_empty() {
        out.push('\n');
        for c in commands {
            out.push_str(&format!("  {} {}\n", cyan.apply_to("$"), command::shell_join(&c)));
        }
    }
    out
}

/// Where the rendered manifests of a lab's steps are written for the learner:
/// `.workshop/manifests/<lab>/`, beside the run's state.
pub fn manifests_dir(lab: &str) -> PathBuf {
    Path::new(".workshop").join("manifests").join(lab)
}

/// Writes the manifests `template` renders to, as the run applies them, to
/// [`manifests_dir`]`/<file>.yaml` (mode 0600: they may hold secrets), so the card's command
/// can be copied and run as is. `None` when it cannot be written (the card then names the file).
fn write_manifests(plan: &Plan, template: &str) -> Option<PathBuf> {
    use std::os::unix::fs::OpenOptionsExt;
    let docs = plan.manifests_of(template);
    if docs.is_empty() {
        return None;
    }
    let mut text = String::new();
    for m in docs {
        text.push_str("---\n");
        text.push_str(&serde_norway::to_string(&m.object).ok()?);
    }
    let dir = manifests_dir(&plan.scenario.lab.id);
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(command::rendered_file_name(template));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .ok()?;
    f.write_all(text.as_bytes()).ok()?;
    Some(path)
}

/// Captures taken so far, and `<name>` for those still to come.
fn placeholders(plan: &Plan, captures: &Captures) -> Captures {
    let mut all = plan.placeholder_captures();
    all.extend(captures.clone());
    all
}

/// Shows the card of `step` and asks what to do: Enter runs it, `s` skips it (after a warning
/// when later steps need it), `q` quits, `?` explains the keys. End of input stops the run.
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
    let ask = |q: &str| show(&format!("\n{} ", Style::new().yellow().apply_to(q)));
    ask(&question);
    let answer = loop {
        let Some(key) = read_key(&run.cancel).await else {
            show("\n");
            break Answer::Quit;
        };
        match key {
            Key::End => {
                show(&format!("\n{}\n", crate::t!("prompt-end-of-input")));
                break Answer::EndOfInput;
            }
            Key::Enter => break Answer::Run,
            Key::Char('s' | 'S') => {
                let later = needed_by(&plan, step.id.as_str());
                if later.is_empty() {
                    break Answer::Skip;
                }
                ask(&crate::t!(
                    "prompt-skip-needed",
                    step = step.id.as_str(),
                    later = later.join(", "),
                    count = later.len()
                ));
                match read_key(&run.cancel).await {
                    None => break Answer::Quit,
                    Some(Key::End) => {
                        show(&format!("\n{}\n", crate::t!("prompt-end-of-input")));
                        break Answer::EndOfInput;
                    }
                    Some(Key::Char('s' | 'S')) => break Answer::Skip,
                    Some(Key::Enter) => break Answer::Run,
                    Some(Key::Char('q' | 'Q')) => break Answer::Quit,
                    Some(_) => ask(&question),
                }
            }
            Key::Char('q' | 'Q') => break Answer::Quit,
            Key::Char('?') => {
                show(&format!("\n{}\n", crate::t!("prompt-help")));
                ask(&question);
            }
            Key::Char(c) => {
                show(&crate::t!("prompt-wrong-key", key = c.to_string()));
                ask(&question);
            }
            Key::Other(k) => {
                show(&crate::t!("prompt-wrong-key", key = k));
                ask(&question);
            }
        }
    };
    run.reporter.resume_drawing();
    answer
}

/// The later steps that need `id`, directly or through one another, in order.
pub fn needed_by(plan: &Plan, id: &str) -> Vec<String> {
    let mut gone: HashSet<&str> = HashSet::from([id]);
    let mut out = Vec::new();
    for s in &plan.scenario.steps {
        if s.needs.iter().any(|n| gone.contains(n.as_str())) {
            gone.insert(s.id.as_str());
            out.push(s.id.to_string());
        }
    }
    out
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
