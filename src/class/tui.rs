//! `workshop class board URL`: the board in a terminal. It shows the same data as the web
//! page (`GET /api/class`): one line per learner (stuck first) with a mark per step, the
//! current step and the time on it; under a stuck learner, what was expected, what was
//! observed and the hint; above, how many learners are past each step. It redraws every
//! second on a terminal, or prints once (`--once`, or when standard output is not one).

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::Duration;

use console::Style;

use crate::exit_code;

use super::board::{StepState, View};
use super::command::BoardArgs;
use super::http::HttpClient;
use super::strings::Strings;

/// The mark of a step state.
pub fn mark(s: StepState) -> &'static str {
    match s {
        StepState::Pending => "·",
        StepState::Running => "▸",
        StepState::Passed => "✔",
        StepState::Failed => "✖",
        StepState::Skipped => "↷",
        StepState::Interrupted => "⏸",
    }
}

fn style(s: StepState) -> Style {
    match s {
        StepState::Pending => Style::new().dim(),
        StepState::Running => Style::new().cyan(),
        StepState::Passed => Style::new().green(),
        StepState::Failed => Style::new().red().bold(),
        StepState::Skipped => Style::new().yellow(),
        StepState::Interrupted => Style::new().magenta(),
    }
}

/// `1m05s`, `12s`.
pub fn duration(secs: u64) -> String {
    if secs >= 60 {
        format!("{}m{:02}s", secs / 60, secs % 60)
    } else {
        format!("{secs}s")
    }
}

/// The board as text.
pub fn render(v: &View, t: &Strings) -> String {
    let mut out = String::new();
    let bold = Style::new().bold();
    let dim = Style::new().dim();
    let red = Style::new().red().bold();
    let lab = v
        .lab
        .as_ref()
        .map(|l| format!(" — {} ({})", l.title, l.id))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{lab} · {} · {} {} · {}",
        bold.apply_to(&v.title),
        Strings::count(v.learners.len(), &t.learners_one, &t.learners),
        v.stuck,
        t.stuck,
        Strings::count(v.finished, &t.finished_one, &t.finished)
    );
    if v.learners.is_empty() {
        let _ = writeln!(out, "{}", t.no_learners);
        return out;
    }
    let total = v.learners.len();
    for (i, s) in v.steps.iter().enumerate() {
        let _ = writeln!(
            out,
            "{} {:>2}. {:<28} {}/{total} {}{}{}",
            dim.apply_to("│"),
            i + 1,
            s.id,
            s.past,
            t.past,
            if s.running > 0 {
                format!(" · {} {}", s.running, t.running)
            } else {
                String::new()
            },
            if s.failed > 0 {
                format!(" · {}", red.apply_to(format!("{} {}", s.failed, t.failed)))
            } else {
                String::new()
            },
        );
    }
    let _ = writeln!(out);
    let width = v
        .learners
        .iter()
        .map(|l| l.name.chars().count())
        .max()
        .unwrap_or(8)
        .clamp(8, 24);
    for l in &v.learners {
        let cells: String = l
            .cells
            .iter()
            .map(|c| style(c.state).apply_to(mark(c.state)).to_string())
            .collect();
        let step = match (&l.current, l.current_index) {
            (Some(id), Some(i)) => format!("{i} {id}"),
            (Some(id), None) => id.clone(),
            _ => String::new(),
        };
        let time = l.seconds_on_step.map(duration).unwrap_or_default();
        let state = if l.stuck {
            red.apply_to(&t.stuck).to_string()
        } else if !l.online {
            dim.apply_to(&t.offline).to_string()
        } else {
            l.run.as_deref().map(|r| t.run(r).to_owned()).unwrap_or_default()
        };
        let name: String = l.name.chars().take(width).collect();
        let _ = writeln!(
            out,
            "{} {name:<width$}  {cells}  {step:<28} {time:>7}  {state}",
            if l.stuck {
                red.apply_to("!").to_string()
            } else {
                " ".into()
            },
        );
        if l.stuck {
            if let Some(c) = &l.check {
                let _ = writeln!(
                    out,
                    "    {} {} ({})",
                    t.waiting_on,
                    c.description,
                    c.observed.as_deref().unwrap_or("…")
                );
            }
            if let Some(f) = &l.failure {
                if let Some(d) = &f.diagnosis {
                    let _ = writeln!(out, "    {}: {d}", t.diagnosis);
                }
                let _ = writeln!(out, "    {}: {}", t.expected, f.expected);
                let _ = writeln!(out, "    {}: {}", t.observed, f.observed);
                if let Some(h) = &f.hint {
                    let _ = writeln!(out, "    {}: {h}", t.hint);
                }
            }
        }
    }
    if let Some(a) = v.announcements.last() {
        let _ = writeln!(out, "\n{}: {}", t.announcements, a.text);
    }
    out
}

/// `workshop class board URL`.
pub fn board_command(args: &BoardArgs, color: bool) -> i32 {
    let (client, key) = match super::command::instructor(&args.url, args.key.as_deref()) {
        Ok(x) => x,
        Err(d) => {
            eprint!("{}", d.render(color));
            return exit_code::INVALID;
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return super::command::no_runtime(&e, color),
    };
    let words = Strings::current();
    let live = !args.once && std::io::stdout().is_terminal();
    rt.block_on(async {
        if !live {
            return match fetch(&client, &key).await {
                Ok(v) => {
                    print!("{}", render(&v, &words));
                    exit_code::SUCCESS
                }
                Err(e) => {
                    eprint!("{}", super::command::http_problem(&e).render(color));
                    exit_code::MISSING_PREREQUISITE
                }
            };
        }
        let term = console::Term::stdout();
        loop {
            let text = match fetch(&client, &key).await {
                Ok(v) => render(&v, &words),
                Err(e) => format!(
                    "{}\n",
                    crate::t!(
                        "board-reconnecting-because",
                        reconnecting = words.reconnecting.as_str(),
                        error = e.localized()
                    )
                ),
            };
            let _ = term.clear_screen();
            print!("{text}");
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                _ = tokio::signal::ctrl_c() => return exit_code::SUCCESS,
            }
        }
    })
}

async fn fetch(client: &HttpClient, key: &str) -> Result<View, super::http::HttpError> {
    client.get("/api/class", Some(key)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::board::Board;
    use serde_json::json;

    #[test]
    fn the_terminal_board_shows_counts_marks_and_a_stuck_learners_failure() {
        console::set_colors_enabled(false);
        let mut b = Board::new("Day 55");
        b.add_learner(1, "Ana", "stream");
        b.add_learner(2, "Bo", "stream");
        let now: jiff::Timestamp = "2026-01-01T10:00:05Z".parse().unwrap();
        let plan = json!([{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]);
        for l in [1, 2] {
            b.apply(
                l,
                1,
                &json!({"event": "run-started", "lab": "day55", "title": "Day", "plan": plan}),
                now,
            );
            b.apply(
                l,
                2,
                &json!({"event": "step-started", "step": "a", "time": "2026-01-01T10:00:00Z"}),
                now,
            );
        }
        b.apply(
            1,
            3,
            &json!({"event": "step-finished", "step": "a", "status": "passed"}),
            now,
        );
        b.apply(2, 3, &json!({"event": "check-failed", "step": "a", "expected": "pvc is Bound", "observed": "phase Pending", "hint": "look at the class"}), now);
        b.apply(
            2,
            4,
            &json!({"event": "step-finished", "step": "a", "status": "failed"}),
            now,
        );
        let text = render(&b.view(now), &Strings::in_language("en"));
        assert!(text.contains("2 learners · 1 stuck"), "{text}");
        assert!(
            text.contains(" 1. a                            1/2 past · 1 failed"),
            "{text}"
        );
        let bo = text.find("Bo").unwrap();
        let ana = text.find("Ana").unwrap();
        assert!(bo < ana, "the stuck learner first:\n{text}");
        assert!(text.contains("expected: pvc is Bound"));
        assert!(text.contains("observed: phase Pending"));
        assert!(text.contains("hint: look at the class"));
        assert!(text.contains("✖·"));
    }
}
