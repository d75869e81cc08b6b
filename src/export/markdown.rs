//! `export --format md`: a Markdown handout with the steps, their explanations, the commands a
//! learner would type (captures as the shell variables the script sets) and what each check
//! verifies.

use std::fmt::Write as _;

use crate::plan::{Plan, command, describe};
use crate::scenario::{CaptureWhen, Step};

use super::words::{CaptureVars, line};
use super::{cluster_line, pause_text};

/// The Markdown handout.
pub fn markdown(plan: &Plan, lang: &str, source: &str) -> String {
    let s = &plan.scenario;
    let vars = CaptureVars::new(plan);
    let mut out = String::new();
    let none = Default::default();
    let _ = writeln!(out, "# {}\n", plan.text(&s.lab.title, lang, &none));
    if let Some(summary) = &s.lab.summary {
        let _ = writeln!(out, "{}\n", plan.text(summary, lang, &none).trim());
    }
    let _ = writeln!(
        out,
        "> {}\n",
        crate::t!(
            "md-banner",
            lab = s.lab.id.as_str(),
            cluster = cluster_line(plan),
            version = plan.facts.version.to_string(),
            source = source
        )
    );
    let uses = crate::trust::Capabilities::of(plan, source).use_lines();
    if !uses.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n{}\n",
            crate::t!("md-capabilities"),
            crate::t!("md-capabilities-intro")
        );
        for l in &uses {
            // A heading line (`runs programs on this machine:`), then one item per use.
            match l.strip_prefix("  ") {
                Some(item) => {
                    let _ = writeln!(out, "  - {item}");
                }
                None => {
                    let _ = writeln!(out, "- {l}");
                }
            }
        }
        out.push('\n');
    }
    if !s.vars.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n| {} | {} | {} |\n|---|---|---|",
            crate::t!("md-variables"),
            crate::t!("md-variables-name"),
            crate::t!("md-variables-value"),
            crate::t!("md-variables-meaning")
        );
        for v in &s.vars {
            let value = plan.vars.get(&v.name).map(ToString::to_string).unwrap_or_default();
            let value = code_cell(&value);
            let meaning = v
                .description
                .as_ref()
                .map(|d| plan.text(d, lang, &none).replace('|', "\\|"))
                .unwrap_or_default();
            let _ = writeln!(out, "| `{}` | {value} | {meaning} |", v.name);
        }
        let _ = writeln!(out, "\n{}\n", crate::t!("md-variables-change"));
    }
    let _ = writeln!(out, "## {}\n", crate::t!("md-steps"));
    for (i, step) in s.steps.iter().enumerate() {
        md_step(&mut out, plan, step, &format!("{}.", i + 1), lang, &vars);
    }
    if !s.cleanup.is_empty() {
        let _ = writeln!(
            out,
            "## {}\n\n{}\n",
            crate::t!("md-cleanup"),
            crate::t!("md-cleanup-intro", source = source)
        );
        for (i, step) in s.cleanup.iter().enumerate() {
            md_step(&mut out, plan, step, &format!("C{}.", i + 1), lang, &vars);
        }
    }
    out
}

fn md_step(out: &mut String, plan: &Plan, step: &Step, number: &str, lang: &str, vars: &CaptureVars) {
    let caps = &vars.tokens();
    let mut flags = Vec::new();
    if step.optional {
        flags.push(crate::t!("md-flag-optional"));
    }
    if step.action.is_background() {
        flags.push(crate::t!("md-flag-background"));
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" _({})_", flags.join(", "))
    };
    let title = vars.plain(&plan.text(&step.title, lang, caps));
    let _ = writeln!(out, "### {number} {title} (`{}`){flags}\n", step.id);
    if let Some(e) = &step.explain {
        let _ = writeln!(out, "{}\n", vars.plain(&plan.text(e, lang, caps)).trim());
    }
    let cmds: Vec<String> = command::equivalent_argv(plan, step, caps)
        .iter()
        .map(|argv| match vars.words(step.id.as_str(), argv) {
            Ok(words) => line(&words),
            Err(_) => command::shell_join(argv),
        })
        .collect();
    if !cmds.is_empty() {
        let _ = writeln!(out, "```sh\n{}\n```\n", cmds.join("\n"));
    }
    if let Some(p) = &step.pause {
        let _ = writeln!(out, "⏸ {}\n", vars.plain(&pause_text(plan, p, lang, caps)));
    }
    let mut verifies: Vec<String> = Vec::new();
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::Before) {
        verifies.push(crate::t!(
            "md-records",
            what = vars.plain(&describe::capture(plan, cap, caps))
        ));
    }
    for check in &step.checks {
        verifies.push(crate::t!(
            "md-check-within",
            check = vars.plain(&describe::check(plan, check, caps)),
            timeout = check.timeout.to_string()
        ));
    }
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::After) {
        verifies.push(crate::t!(
            "md-records",
            what = vars.plain(&describe::capture(plan, cap, caps))
        ));
    }
    if !verifies.is_empty() {
        let _ = writeln!(out, "{}\n", crate::t!("md-what-it-checks"));
        for v in verifies {
            let _ = writeln!(out, "- {v}");
        }
        out.push('\n');
    }
    if !step.needs.is_empty() {
        let needs: Vec<String> = step.needs.iter().map(|n| format!("`{n}`")).collect();
        let _ = writeln!(out, "{}\n", crate::t!("md-needs", steps = needs.join(", ")));
    }
}

/// A value in a table cell, as code: `|` escaped, line breaks shown as `\n`, and a fence longer
/// than any run of backticks inside.
fn code_cell(value: &str) -> String {
    let value = value.replace('|', "\\|").replace('\r', "\\r").replace('\n', "\\n");
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {value} {fence}")
}
