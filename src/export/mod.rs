//! `workshop export`: handouts generated from the same plan `workshop run` executes, so they
//! never drift from the lab. `md` is a Markdown handout (steps, explanations, commands, what
//! each check verifies); `sh` is a bash script of the equivalent minikube/kubectl/curl
//! commands, in order, for learners who want to type along.

use std::io::Write as _;

use crate::app;
use crate::cli::{ExportArgs, ExportFormat};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit_code;
use crate::facts::ClusterFacts;
use crate::plan::{Captures, Plan};
use crate::redact::Secrets;
use crate::scenario::Pause;

mod markdown;
mod script;
mod words;

pub use markdown::markdown;
pub use script::shell;

/// `workshop export`: returns the exit code.
pub fn export_command(args: &ExportArgs, color: bool, secrets: &Secrets) -> i32 {
    let report = |d: Diagnostics| {
        eprint!("{}", d.render(color));
        exit_code::INVALID
    };
    app::speak_asked(args.lang.as_deref());
    let scenario = match app::load_scenario(&args.scenario.scenario) {
        Ok(s) => s,
        Err(d) => return report(d),
    };
    let lang = match crate::language::pick(&scenario.lab.languages, args.lang.as_deref())
        .and_then(|l| app::speak(&l, &args.scenario.scenario).map(|()| l))
    {
        Ok(l) => l,
        Err(d) => return report(d),
    };
    let built = crate::plan::bind_vars(&scenario, &args.scenario.vars).and_then(|vars| {
        let version = app::assumed_version(&scenario, args.kubernetes_version.as_deref())?;
        let facts = ClusterFacts::assumed(version, scenario.cluster.provider.as_str());
        Plan::build(scenario, vars, facts)
    });
    let plan = match built {
        Ok(p) => p,
        Err(d) => return report(d),
    };
    let source = args.scenario.scenario.display().to_string();
    secrets.learn_plan(&plan);
    let text = match args.format {
        // A handout to read: every secret value masked.
        ExportFormat::Md => secrets.mask(&markdown(&plan, &lang, &source)),
        ExportFormat::Sh => match shell(&plan, &lang, &source, secrets) {
            Ok(text) => text,
            Err(e) => {
                return report(Diagnostics(vec![
                    Diagnostic::new(crate::t!("export-cannot-script", why = e.message()))
                        .hint(crate::t!("export-cannot-script-hint")),
                ]));
            }
        },
    };
    match &args.output {
        None => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            exit_code::SUCCESS
        }
        Some(path) => {
            let written = std::fs::write(path, &text).and_then(|()| {
                if args.format == ExportFormat::Sh {
                    use std::os::unix::fs::PermissionsExt;
                    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))?;
                }
                Ok(())
            });
            match written {
                Ok(()) => {
                    eprintln!("{}", crate::t!("export-wrote", path = path.display().to_string()));
                    exit_code::SUCCESS
                }
                Err(e) => report(Diagnostics(vec![
                    Diagnostic::new(crate::t!(
                        "export-cannot-write",
                        path = path.display().to_string(),
                        why = crate::os_error::io(&e)
                    ))
                    .hint(crate::t!("export-cannot-write-hint")),
                ])),
            }
        }
    }
}

pub(crate) fn cluster_line(plan: &Plan) -> String {
    let c = &plan.scenario.cluster;
    match c.provider {
        crate::scenario::Provider::Existing => crate::t!("cluster-existing"),
        _ => crate::t!("cluster-minikube-profile", profile = c.profile.to_string()),
    }
}

pub(crate) fn pause_text(plan: &Plan, p: &Pause, lang: &str, caps: &Captures) -> String {
    match p {
        Pause::Default => crate::t!("pause-default"),
        Pause::Message(t) => plan.text(t, lang, caps).trim().to_owned(),
    }
}
