//! `workshop validate` and `workshop trust`: a lab's problems, and what it can do on this machine.

use console::Style;

use crate::cli::{TrustArgs, ValidateArgs};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit_code;
use crate::redact::Secrets;

use super::plan_view::capabilities_block;
use super::{plan_offline, report};

pub(super) fn validate(args: &ValidateArgs, color: bool) -> i32 {
    let plan = match plan_offline(&args.scenario, args.kubernetes_version.as_deref()) {
        Ok(p) => p,
        Err(d) => return report(&d, color),
    };
    let s = &plan.scenario;
    let objects: usize = plan.manifests.values().map(Vec::len).sum();
    let green = Style::new().green().bold();
    println!(
        "{} {}",
        green.apply_to("✔"),
        crate::t!(
            "validate-ok",
            path = args.scenario.scenario.display().to_string(),
            lab = s.lab.id.as_str(),
            title = plan.text(&s.lab.title, &s.lab.languages[0], &plan.placeholder_captures()),
            steps = s.steps.len(),
            cleanup = s.cleanup.len(),
            templates = plan.manifests.len(),
            objects = objects,
            version = plan.facts.version.to_string()
        )
    );
    let yellow = Style::new().yellow().bold();
    for w in plan.convergence_warnings() {
        eprintln!("{} {w}", yellow.apply_to(crate::t!("warning-label")));
    }
    let secrets = Secrets::default();
    secrets.learn_plan(&plan);
    let block = capabilities_block(&plan, &args.scenario.scenario.display().to_string());
    print!("{}", secrets.mask(&block));
    exit_code::SUCCESS
}

/// `workshop trust`: shows what the lab can do and remembers (or forgets) its content.
pub(super) fn trust_cmd(args: &TrustArgs, color: bool) -> i32 {
    let plan = match plan_offline(&args.scenario, None) {
        Ok(p) => p,
        Err(d) => return report(&d, color),
    };
    let path = args.scenario.scenario.display().to_string();
    let lab = plan.scenario.lab.id.clone();
    let hash = crate::trust::hash::lab_hash(&plan.scenario);
    let Some(store) = crate::trust::store::Store::user() else {
        return report(
            &Diagnostics(vec![
                Diagnostic::new(crate::t!("trust-no-data-folder-error")).hint(crate::t!("trust-no-data-folder-hint")),
            ]),
            color,
        );
    };
    let result = if args.revoke {
        store.forget(&hash).map(|was| match was {
            true => crate::t!("trust-revoked", lab = lab.as_str(), path = path.as_str()),
            false => crate::t!("trust-was-not-trusted", lab = lab.as_str(), path = path.as_str()),
        })
    } else {
        let secrets = Secrets::default();
        secrets.learn_plan(&plan);
        println!(
            "{}",
            crate::t!(
                "trust-content",
                lab = lab.as_str(),
                path = path.as_str(),
                hash = hash.to_string()
            )
        );
        for line in crate::trust::Capabilities::of(&plan, &path).lines() {
            println!("  {}", secrets.mask(&line));
        }
        store
            .remember(&hash, &lab, &path)
            .map(|()| crate::t!("trust-remembered", path = path.as_str()))
    };
    match result {
        Ok(line) => {
            println!("{line}");
            exit_code::SUCCESS
        }
        Err(e) => report(
            &Diagnostics(vec![
                Diagnostic::new(crate::t!(
                    "cannot-write-file",
                    path = store.path().display().to_string(),
                    error = crate::os_error::io(&e)
                ))
                .hint(crate::t!("cannot-write-file-hint")),
            ]),
            color,
        ),
    }
}
