//! What `workshop plan` prints: the resolved steps in order, each with the command a learner
//! would type, its checks and captures, and what the lab can do on this machine.

use console::Style;

use crate::cli::PlanArgs;
use crate::exit_code;
use crate::plan::{Plan, command, describe};
use crate::redact::Secrets;
use crate::scenario::{self};

use super::{plan_offline, report, speak, speak_asked};

/// What the lab can do, for `validate` and `plan`: `this lab:` and one line each, and whether
/// `run` asks before it runs it.
pub(super) fn capabilities_block(plan: &Plan, path: &str) -> String {
    let caps = crate::trust::Capabilities::of(plan, path);
    let mut out = format!("{}\n", crate::t_builtin!("caps-this-lab"));
    for line in caps.lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str(&format!("  {}\n", crate::trust::standing(plan, &caps)));
    out
}

pub(super) fn plan_cmd(args: &PlanArgs, color: bool, secrets: &Secrets) -> i32 {
    speak_asked(args.lang.as_deref());
    let plan = match plan_offline(&args.scenario, args.kubernetes_version.as_deref()) {
        Ok(p) => p,
        Err(d) => return report(&d, color),
    };
    let lang = match crate::language::pick(&plan.scenario.lab.languages, args.lang.as_deref())
        .and_then(|l| speak(&l, &args.scenario.scenario).map(|()| l))
    {
        Ok(l) => l,
        Err(d) => return report(&d, color),
    };
    secrets.learn_plan(&plan);
    let path = args.scenario.scenario.display().to_string();
    let text = format!(
        "{}{}",
        render_plan(&plan, &lang, args.explain, args.manifests),
        crate::wrap::to_terminal(&capabilities_block(&plan, &path))
    );
    print!("{}", secrets.mask(&text));
    exit_code::SUCCESS
}

/// The text `workshop plan` prints.
pub fn render_plan(plan: &Plan, lang: &str, explain: bool, manifests: bool) -> String {
    use std::fmt::Write as _;
    let s = &plan.scenario;
    let bold = Style::new().bold();
    let dim = Style::new().dim();
    let cyan = Style::new().cyan();
    let caps = plan.placeholder_captures();
    let mut out = String::new();
    let c = &s.cluster;
    let _ = writeln!(
        out,
        "{} {}",
        bold.apply_to(plan.text(&s.lab.title, lang, &caps)),
        dim.apply_to(format!("({})", s.lab.id))
    );
    if let Some(summary) = &s.lab.summary {
        let _ = writeln!(out, "{}", plan.text(summary, lang, &caps).trim());
    }
    let _ = writeln!(
        out,
        "{}",
        crate::t!(
            "plan-cluster",
            provider = c.provider.as_str(),
            profile = c.profile.to_string(),
            version = plan.facts.version.to_string(),
            live = if plan.facts.live { "live" } else { "assumed" }
        )
    );
    if !plan.vars.is_empty() {
        let vars: Vec<String> = (plan.vars.iter())
            .map(|(k, v)| match crate::redact::is_secret_name(k) {
                true => format!("{k}={}", crate::redact::MASK),
                false => format!("{k}={}", scenario::value::shown(&v.to_string())),
            })
            .collect();
        let _ = writeln!(out, "{}", crate::t!("plan-vars", vars = vars.join(" ")));
    }
    let _ = writeln!(out);
    for (group, steps) in [(String::new(), &s.steps), (crate::t!("plan-cleanup"), &s.cleanup)] {
        if steps.is_empty() {
            continue;
        }
        if !group.is_empty() {
            let _ = writeln!(out, "{}", bold.apply_to(group));
        }
        let width = steps.len().to_string().len();
        for (i, step) in steps.iter().enumerate() {
            let mut flags = Vec::new();
            if step.optional {
                flags.push(crate::t!("plan-flag-optional"));
            }
            if step.pause.is_some() {
                flags.push(crate::t!("plan-flag-pause"));
            }
            if step.action.is_background() {
                flags.push(crate::t!("plan-flag-background"));
            }
            if step.needs_real_cluster() {
                flags.push(crate::t!("plan-flag-real-cluster"));
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(", "))
            };
            let _ = writeln!(
                out,
                "{:>width$}. {} {} {}{}",
                i + 1,
                bold.apply_to(step.id.as_str()),
                dim.apply_to("·"),
                plan.text(&step.title, lang, &caps),
                dim.apply_to(flags)
            );
            let pad = " ".repeat(width + 2);
            if explain && let Some(e) = &step.explain {
                // The step card's Markdown rendering: on a terminal, paragraphs re-flowed (and
                // wrapped below); piped, the author's line breaks.
                let reflow = crate::wrap::terminal_width().is_some();
                out.push_str(&crate::markdown::render(plan.text(e, lang, &caps).trim(), &pad, reflow));
            }
            for cmd in command::equivalent(plan, step, &caps) {
                let _ = writeln!(out, "{pad}{} {}", cyan.apply_to("$"), cmd);
            }
            for cap in step.captures.iter().filter(|c| c.when == scenario::CaptureWhen::Before) {
                let _ = writeln!(
                    out,
                    "{pad}{}",
                    crate::t!("plan-capture", what = describe::capture(plan, cap, &caps))
                );
            }
            for check in &step.checks {
                let _ = writeln!(
                    out,
                    "{pad}{} {}",
                    crate::t!("plan-check", what = describe::check(plan, check, &caps)),
                    dim.apply_to(crate::t!("plan-within", timeout = check.timeout.to_string()))
                );
            }
            for cap in step.captures.iter().filter(|c| c.when == scenario::CaptureWhen::After) {
                let _ = writeln!(
                    out,
                    "{pad}{}",
                    crate::t!("plan-capture", what = describe::capture(plan, cap, &caps))
                );
            }
            if !step.needs.is_empty() {
                let needs: Vec<&str> = step.needs.iter().map(|n| n.as_str()).collect();
                let _ = writeln!(
                    out,
                    "{pad}{}",
                    dim.apply_to(crate::t!("plan-needs", steps = needs.join(", ")))
                );
            }
        }
        let _ = writeln!(out);
    }
    // On a terminal, wrapped between words to its width (commands stay whole); the manifests
    // below are YAML and keep their lines.
    let mut out = crate::wrap::to_terminal(&out);
    if manifests {
        let mut names: Vec<&String> = plan.manifests.keys().collect();
        names.sort();
        for name in names {
            let _ = writeln!(
                out,
                "{}",
                bold.apply_to(crate::t!("plan-rendered", file = command::rendered_file_name(name)))
            );
            for m in plan.manifests_of(name) {
                let _ = writeln!(out, "---");
                let yaml = serde_norway::to_string(&crate::redact::object(&m.object)).unwrap_or_default();
                let _ = write!(out, "{yaml}");
            }
            let _ = writeln!(out);
        }
    }
    out
}
