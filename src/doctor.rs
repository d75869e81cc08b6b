//! `workshop doctor [SCENARIO]`: the run's preflight on its own, as a checklist with a fix for
//! every problem. Every probe has a timeout, so doctor never hangs on a stuck daemon or cluster.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use console::Style;

use crate::app;
use crate::engine::provider::Existing;
use crate::engine::provider::minikube::install_hint;
use crate::exit_code;
use crate::facts::{ClusterFacts, KubeVersion};
use crate::plan::{self, Plan};
use crate::scenario::{Action, Provider, Scenario};

/// How long a program's `--version` may take.
const PROBE: Duration = Duration::from_secs(5);
/// How long the API server may take to answer.
const API_PROBE: Duration = Duration::from_secs(5);

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The scenario to check for (its provider, Kubernetes version, manifests and ports).
    /// Without it, doctor checks what a minikube lab needs.
    pub scenario: Option<PathBuf>,

    /// The cluster to check for, instead of the scenario's provider.
    #[command(flatten)]
    pub target: crate::cli::ClusterArgs,

    /// Override a variable, as for `workshop run` (ports and templates may depend on them).
    #[arg(long = "var", value_name = "NAME=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(crate::t!("doctor-var-not-name-value", value = s)),
    }
}

/// How one item came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Pass,
    /// A required item is missing or broken: the run would fail.
    Fail,
    /// An optional item is missing; the run works without it.
    Warn,
}

/// One line of the checklist.
#[derive(Debug, Clone)]
pub struct Item {
    pub what: String,
    pub mark: Mark,
    pub detail: String,
    pub fix: Option<String>,
}

impl Item {
    fn pass(what: &str, detail: impl Into<String>) -> Item {
        Item {
            what: label(what),
            mark: Mark::Pass,
            detail: detail.into(),
            fix: None,
        }
    }

    fn fail(what: &str, detail: impl Into<String>, fix: impl Into<String>) -> Item {
        Item {
            what: label(what),
            mark: Mark::Fail,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    fn warn(what: &str, detail: impl Into<String>, fix: impl Into<String>) -> Item {
        Item {
            what: label(what),
            mark: Mark::Warn,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }
}

/// An item's name in the learner's language: `kube context` → `doctor-item-kube-context`.
/// Program names (minikube, kubectl) are names in every language.
fn label(what: &str) -> String {
    match what {
        "minikube" | "kubectl" | "kubernetes" => what.to_owned(),
        _ => crate::i18n::tr(&format!("doctor-item-{}", what.replace(' ', "-")), &Default::default()),
    }
}

/// `workshop doctor`: prints the checklist, returns 0 when every required item passes, else 3.
pub fn doctor_command(args: &DoctorArgs) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!(
                "{} {}",
                crate::t_builtin!("diag-error"),
                crate::t!("engine-runtime", error = crate::os_error::io(&e))
            );
            return exit_code::MISSING_PREREQUISITE;
        }
    };
    let (heading, items) = rt.block_on(check(args));
    print!("{}", render(&heading, &items));
    if items.iter().any(|i| i.mark == Mark::Fail) {
        exit_code::MISSING_PREREQUISITE
    } else {
        exit_code::SUCCESS
    }
}

/// The checklist as text.
pub fn render(heading: &str, items: &[Item]) -> String {
    use std::fmt::Write as _;
    let green = Style::new().green().bold();
    let red = Style::new().red().bold();
    let yellow = Style::new().yellow().bold();
    let dim = Style::new().dim();
    let mut out = String::new();
    let _ = writeln!(out, "{heading}");
    let width = items.iter().map(|i| i.what.chars().count()).max().unwrap_or(0);
    for i in items {
        let mark = match i.mark {
            Mark::Pass => green.apply_to("✔"),
            Mark::Fail => red.apply_to("✖"),
            Mark::Warn => yellow.apply_to("⚠"),
        };
        let _ = writeln!(out, "{mark} {:<width$}  {}", i.what, i.detail);
        if let Some(f) = &i.fix {
            let _ = writeln!(out, "  {:<width$}  {} {f}", "", dim.apply_to(crate::t!("doctor-fix")));
        }
    }
    let failed = items.iter().filter(|i| i.mark == Mark::Fail).count();
    let _ = writeln!(
        out,
        "{}",
        if failed == 0 {
            crate::t!("doctor-ready")
        } else {
            crate::t!("doctor-not-ready", count = failed)
        }
    );
    out
}

async fn check(args: &DoctorArgs) -> (String, Vec<Item>) {
    let mut items = Vec::new();
    let scenario = match &args.scenario {
        None => None,
        Some(path) => match app::load_scenario(path) {
            Ok(s) => {
                items.push(Item::pass(
                    "scenario",
                    crate::t!("doctor-scenario-valid", path = path.display().to_string()),
                ));
                Some(s)
            }
            Err(d) => {
                items.push(Item::fail(
                    "scenario",
                    crate::t!(
                        "doctor-scenario-problems",
                        path = path.display().to_string(),
                        count = d.len()
                    ),
                    crate::t!(
                        "doctor-scenario-fix",
                        command = crate::plan::command::shell_join(&[
                            "workshop".to_owned(),
                            "validate".to_owned(),
                            path.display().to_string()
                        ])
                    ),
                ));
                None
            }
        },
    };
    let provider = args
        .target
        .cluster
        .or(scenario.as_ref().map(|s| s.cluster.provider))
        .unwrap_or(Provider::Minikube);
    let shown = args
        .scenario
        .as_deref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "SCENARIO".into());
    let heading = match &scenario {
        Some(s) => crate::t!(
            "doctor-heading-lab",
            lab = s.lab.id.as_str(),
            provider = provider.as_str(),
            profile = s.cluster.profile.to_string()
        ),
        None => format!("workshop doctor: {}", provider.as_str()),
    };

    let mut conn = None;
    match provider {
        Provider::Rehearsal => match &args.target.kubeconfig {
            None => items.push(Item::pass("rehearsal", crate::t!("doctor-rehearsal-built-in"))),
            // Attached to a `workshop rehearsal serve`: it must answer.
            Some(k) => {
                let existing = Existing {
                    context: args.target.context.clone(),
                    kubeconfig: Some(k.clone()),
                };
                let scenario = args.scenario.as_ref().map(|p| p.display().to_string());
                let serve = crate::engine::provider::rehearsal::serve_command(scenario.as_deref(), k);
                let item = match tokio::time::timeout(API_PROBE, existing.connect()).await {
                    Ok(Ok(c)) => {
                        let item = Item::pass(
                            "rehearsal",
                            crate::t!("doctor-rehearsal-answers", server = c.server.to_string()),
                        );
                        conn = Some(c);
                        item
                    }
                    Ok(Err(e)) => Item::fail(
                        "rehearsal",
                        e.message(),
                        crate::t!("doctor-rehearsal-serve-fix", command = serve.as_str()),
                    ),
                    Err(_) => Item::fail(
                        "rehearsal",
                        crate::t!(
                            "doctor-api-silent",
                            context = k.display().to_string(),
                            seconds = API_PROBE.as_secs()
                        ),
                        crate::t!("doctor-rehearsal-serve-fix", command = serve.as_str()),
                    ),
                };
                items.push(item);
            }
        },
        Provider::Minikube => {
            let minikube = minikube_item(&shown).await;
            let minikube_missing = minikube.mark == Mark::Fail;
            items.push(minikube);
            items.push(driver_item().await);
            items.push(kubectl_item().await);
            let profile = scenario
                .as_ref()
                .map(|s| s.cluster.profile.clone())
                .unwrap_or_else(|| "minikube".into());
            let existing = Existing {
                context: Some(profile.clone()),
                kubeconfig: None,
            };
            match tokio::time::timeout(API_PROBE, existing.connect()).await {
                Ok(Ok(c)) => {
                    items.push(Item::pass(
                        "cluster",
                        crate::t!(
                            "doctor-profile-answers",
                            profile = profile.as_str(),
                            server = c.server.to_string()
                        ),
                    ));
                    conn = Some(c);
                }
                _ if minikube_missing => items.push(Item::fail(
                    "cluster",
                    crate::t!("doctor-profile-cannot-start", profile = profile.as_str()),
                    crate::t!("doctor-profile-cannot-start-fix"),
                )),
                _ => items.push(Item::pass(
                    "cluster",
                    crate::t!("doctor-profile-not-running", profile = profile.as_str()),
                )),
            }
        }
        Provider::Existing => {
            items.push(kubectl_item().await);
            let existing = Existing {
                context: args
                    .target
                    .context
                    .clone()
                    .or_else(|| scenario.as_ref().and_then(|s| s.cluster.context.clone())),
                kubeconfig: args.target.kubeconfig.clone(),
            };
            let name = existing.context_name();
            match tokio::time::timeout(API_PROBE, existing.connect()).await {
                Ok(Ok(c)) => {
                    items.push(Item::pass(
                        "kube context",
                        crate::t!(
                            "doctor-context-answers",
                            context = name.as_str(),
                            server = c.server.to_string()
                        ),
                    ));
                    conn = Some(c);
                }
                Ok(Err(e)) => {
                    let fix = match &e {
                        crate::engine::error::EngineError::Kubeconfig { hint, .. }
                        | crate::engine::error::EngineError::Unreachable { hint, .. } => hint.clone(),
                        _ => crate::t!("doctor-check-cluster-info"),
                    };
                    items.push(Item::fail("kube context", format!("{name}: {}", e.message()), fix));
                }
                Err(_) => items.push(Item::fail(
                    "kube context",
                    crate::t!(
                        "doctor-api-silent",
                        context = name.as_str(),
                        seconds = API_PROBE.as_secs()
                    ),
                    crate::t!("doctor-api-silent-fix"),
                )),
            }
        }
    }

    if let Some(s) = scenario {
        let live = match &conn {
            Some(c) => tokio::time::timeout(API_PROBE, c.facts(provider.as_str()))
                .await
                .ok()
                .and_then(Result::ok),
            None => None,
        };
        items.extend(scenario_items(s, &args.vars, provider, live));
    }
    (heading, items)
}

/// The Kubernetes version against the scenario's manifests, and the local ports it forwards.
fn scenario_items(s: Scenario, vars: &[(String, String)], provider: Provider, live: Option<ClusterFacts>) -> Vec<Item> {
    let mut items = Vec::new();
    let bound = match plan::bind_vars(&s, vars) {
        Ok(v) => v,
        Err(d) => {
            items.push(Item::fail(
                "variables",
                d.0.first().map(|d| d.message.clone()).unwrap_or_default(),
                crate::t!("doctor-variables-fix"),
            ));
            return items;
        }
    };
    let facts = match live {
        Some(f) => f,
        None => match app::assumed_version(&s, None) {
            Ok(v) => ClusterFacts::assumed(v, provider.as_str()),
            Err(_) => ClusterFacts::assumed(KubeVersion::DEFAULT, provider.as_str()),
        },
    };
    let source = if facts.live { "cluster" } else { "scenario" };
    let version = facts.version.clone();
    let plan = match Plan::build(s, bound, facts) {
        Ok(p) => p,
        Err(d) => {
            items.push(Item::fail(
                "manifests",
                d.0.first().map(|d| d.message.clone()).unwrap_or_default(),
                crate::t!("doctor-manifests-fix"),
            ));
            return items;
        }
    };
    let mut unserved: Vec<String> = Vec::new();
    for docs in plan.manifests.values() {
        for m in docs {
            if !plan.facts.serves(&m.api_version) {
                unserved.push(format!("{} ({})", m.display_name(), m.api_version));
            }
        }
    }
    unserved.sort();
    let objects: usize = plan.manifests.values().map(Vec::len).sum();
    if unserved.is_empty() {
        items.push(Item::pass(
            "kubernetes",
            crate::t!(
                "doctor-version-serves",
                version = version.to_string(),
                source = source,
                objects = objects
            ),
        ));
    } else {
        items.push(Item::fail(
            "kubernetes",
            crate::t!(
                "doctor-version-unserved",
                version = version.to_string(),
                source = source,
                apis = unserved.join(", ")
            ),
            crate::t!("doctor-version-fix"),
        ));
    }
    if provider != Provider::Rehearsal {
        let caps = plan.placeholder_captures();
        for step in &plan.scenario.steps {
            if let Action::PortForward(p) = &step.action
                && let Ok(port) = plan.render_int(&p.local_port, &caps)
            {
                let port = port as u16;
                if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
                    items.push(Item::pass(
                        "local port",
                        crate::t!("doctor-port-free", port = port, step = step.id.to_string()),
                    ));
                } else {
                    items.push(Item::fail(
                        "local port",
                        crate::t!("doctor-port-busy", port = port, step = step.id.to_string()),
                        crate::t!(
                            "doctor-port-busy-fix",
                            port = port,
                            choice = crate::scenario::expr::variable_name(&p.local_port.to_string())
                                .map(|v| format!("--var {v}={}", crate::engine::free_port_after(port)))
                                .unwrap_or_else(|| "--var NAME=PORT".to_owned())
                        ),
                    ));
                }
            }
        }
    }
    items
}

async fn minikube_item(scenario: &str) -> Item {
    match which::which("minikube") {
        Err(_) => Item::fail("minikube", crate::t!("doctor-not-on-path"), install_hint(scenario)),
        Ok(path) => match version_of(&path, &["version", "--short"]).await {
            Some(v) => Item::pass("minikube", format!("{v} ({})", path.display())),
            None => Item::fail(
                "minikube",
                crate::t!("doctor-minikube-silent", path = path.display().to_string()),
                crate::t!("doctor-minikube-reinstall"),
            ),
        },
    }
}

/// The drivers minikube can use, in its order of preference, with how to ask their version.
const DRIVERS: &[(&str, &[&str])] = &[
    ("docker", &["--version"]),
    ("podman", &["--version"]),
    ("VBoxManage", &["--version"]),
    ("virsh", &["--version"]),
    ("hyperkit", &["-v"]),
    ("qemu-system-x86_64", &["--version"]),
];

async fn driver_item() -> Item {
    for (name, args) in DRIVERS {
        if let Ok(path) = which::which(name) {
            let v = version_of(&path, args)
                .await
                .unwrap_or_else(|| crate::t!("doctor-version-unknown"));
            return Item::pass("driver", format!("{name}: {v}"));
        }
    }
    Item::fail(
        "driver",
        crate::t!("doctor-no-driver"),
        crate::t!("doctor-no-driver-fix"),
    )
}

async fn kubectl_item() -> Item {
    match which::which("kubectl") {
        Err(_) => Item::warn(
            "kubectl",
            crate::t!("doctor-no-kubectl"),
            crate::t!("doctor-no-kubectl-fix"),
        ),
        Ok(path) => {
            let v = version_of(&path, &["version", "--client"])
                .await
                .unwrap_or_else(|| crate::t!("doctor-version-unknown"));
            Item::pass("kubectl", v)
        }
    }
}

/// The first line a program prints for its version, within [`PROBE`].
async fn version_of(program: &Path, args: &[&str]) -> Option<String> {
    let run = tokio::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .kill_on_drop(true)
        .output();
    let out = tokio::time::timeout(PROBE, run).await.ok()?.ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(line.trim_start_matches("Client Version:").trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_name_is_in_the_catalogues() {
        // Item names are looked up by a computed id, which the catalogue test cannot see.
        let names = [
            "scenario",
            "rehearsal",
            "cluster",
            "kube context",
            "variables",
            "manifests",
            "local port",
            "driver",
        ];
        for lang in ["en", "es"] {
            let _l = crate::i18n::scoped(lang);
            for n in names {
                assert!(!label(n).starts_with("doctor-item-"), "{lang}: {n}");
            }
        }
    }

    #[test]
    fn renders_marks_and_fixes() {
        let items = vec![
            Item::pass("minikube", "v1.34.0"),
            Item::fail("driver", "none found", "install Docker"),
            Item::warn("kubectl", "not found", "install kubectl"),
        ];
        let text = render("workshop doctor: minikube", &items);
        assert!(text.contains("✔ minikube  v1.34.0"), "{text}");
        assert!(text.contains("✖ driver    none found"), "{text}");
        assert!(text.contains("fix: install Docker"), "{text}");
        assert!(text.contains("not ready: 1 problem to fix"), "{text}");
    }
}
