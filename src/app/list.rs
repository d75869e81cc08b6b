//! `workshop list`: the labs in a folder and its subfolders, with their titles.

use std::path::Path;

use console::Style;

use crate::cli::ListArgs;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit_code;
use crate::plan::Plan;
use crate::scenario::Scenario;

use super::{load_scenario, report};

/// A lab's title in its first language, rendered with the variables' defaults.
fn default_title(s: &Scenario) -> String {
    let vars = s.vars.iter().map(|v| (v.name.clone(), v.default.clone())).collect();
    let plan = Plan::for_prose(s.clone(), vars);
    plan.text(&s.lab.title, &s.lab.languages[0], &plan.placeholder_captures())
}

pub(super) fn list(args: &ListArgs, color: bool) -> i32 {
    // `workshop new NAME` writes NAME.toml where it is asked: without a folder named, look in
    // scenarios/ when there is one, else here.
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None if Path::new("scenarios").is_dir() => "scenarios".into(),
        None => ".".into(),
    };
    if let Err(e) = std::fs::read_dir(&dir) {
        let d = Diagnostic::new(crate::t!(
            "list-cannot-read",
            folder = dir.display().to_string(),
            error = crate::os_error::io(&e)
        ))
        .hint(crate::t!("list-cannot-read-hint"));
        return report(&Diagnostics(vec![d]), color);
    }
    let mut files = Vec::new();
    scenario_files(&dir, 0, &mut files);
    files.sort();
    if files.is_empty() {
        println!("{}", crate::t!("list-none", folder = dir.display().to_string()));
        return exit_code::SUCCESS;
    }
    let bold = Style::new().bold();
    let red = Style::new().red();
    for f in files {
        match load_scenario(&f) {
            Ok(s) => println!(
                "{:<12} {:<40} {:>3} {:<5}  {}",
                bold.apply_to(&s.lab.id),
                default_title(&s),
                s.steps.len(),
                crate::t!("list-steps", count = s.steps.len()),
                f.display()
            ),
            Err(d) => println!(
                "{:<12} {:<40} {}  {}",
                red.apply_to(crate::t!("list-invalid")),
                crate::t!("list-problems", count = d.len()),
                f.display(),
                crate::t!("list-validate", path = f.display().to_string())
            ),
        }
    }
    exit_code::SUCCESS
}

/// The scenario files under `dir` (three folders deep at most): `*.toml` files with a `[lab]`
/// table, skipping hidden folders, `templates/`, `locales/` and build output.
fn scenario_files(dir: &Path, depth: usize, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            let skip =
                name.starts_with('.') || ["templates", "locales", "target", "node_modules"].contains(&name.as_str());
            if depth < 3 && !skip {
                scenario_files(&p, depth + 1, out);
            }
        } else if p.extension().is_some_and(|x| x == "toml")
            && std::fs::read_to_string(&p).is_ok_and(|t| t.lines().any(|l| l.trim() == "[lab]"))
        {
            out.push(p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p));
        }
    }
}
