//! The command a learner would type for a step (`kubectl patch storageclass …`,
//! `minikube -p mc-demo addons enable ingress`): shown by `plan`, `--step` and handouts.

use crate::kinds;
use crate::scenario::action::{Action, Method};
use crate::scenario::{ClusterSpec, Expr, Provider, Step};

use super::{Captures, Plan};

/// The equivalent shell command(s) of a step as a learner would type them, rendered with
/// `captures` (placeholders for a plan). Empty for a note.
pub fn equivalent(plan: &Plan, step: &Step, captures: &Captures) -> Vec<String> {
    equivalent_argv(plan, step, captures)
        .iter()
        .map(|argv| shell_join(argv))
        .collect()
}

/// The equivalent command(s) of a step, one argument vector each (program first): exactly the
/// words a shell must pass, before any quoting.
pub fn equivalent_argv(plan: &Plan, step: &Step, captures: &Captures) -> Vec<Vec<String>> {
    let r = |e: &Expr| plan.render(e, captures).unwrap_or_else(|_| e.text.clone());
    let ns = |e: Option<&Expr>| namespace_args(e.map(r));
    let words = |ws: &[&str]| ws.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
    let cluster = &plan.scenario.cluster;
    let profile = cluster.profile.as_str();
    match &step.action {
        Action::StartCluster(_) => match cluster.provider {
            Provider::Minikube | Provider::Rehearsal => vec![minikube_start_args(cluster, None)],
            Provider::Existing => vec![words(&[
                "kubectl",
                "config",
                "use-context",
                cluster.context.as_deref().unwrap_or("<current>"),
            ])],
        },
        Action::EnableAddon(a) => vec![words(&["minikube", "-p", profile, "addons", "enable", &r(&a.name)])],
        Action::DisableAddon(a) => vec![words(&["minikube", "-p", profile, "addons", "disable", &r(&a.name)])],
        Action::Create(m) => vec![words(&[
            "kubectl",
            "create",
            "-f",
            &rendered_file_name(m.template.get_ref()),
        ])],
        Action::Apply(m) => vec![words(&[
            "kubectl",
            "apply",
            "--server-side",
            "--field-manager",
            "workshop",
            "-f",
            &rendered_file_name(m.template.get_ref()),
        ])],
        Action::Patch(p) => {
            let body = crate::scenario::analyze::json_of(&p.patch);
            let body = plan.render_json(&body, captures).unwrap_or(body);
            let mut argv = words(&["kubectl", "patch", &kinds::kubectl_name(p.kind.get_ref()), &r(&p.name)]);
            argv.extend(ns(p.namespace.as_ref()));
            argv.extend(words(&[
                "--type",
                p.patch_type.as_kubectl(),
                "-p",
                &serde_json::to_string(&body).unwrap_or_default(),
            ]));
            vec![argv]
        }
        Action::Delete(d) => {
            let mut argv = words(&["kubectl", "delete", &kinds::kubectl_name(d.kind.get_ref()), &r(&d.name)]);
            argv.extend(ns(d.namespace.as_ref()));
            vec![argv]
        }
        Action::Scale(s) => {
            let replicas = plan
                .render_int(&s.replicas, captures)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| s.replicas.to_string());
            let mut argv = words(&[
                "kubectl",
                "scale",
                &kinds::kubectl_name(s.kind.get_ref()),
                &r(&s.name),
                "--replicas",
                &replicas,
            ]);
            argv.extend(ns(s.namespace.as_ref()));
            vec![argv]
        }
        Action::Get(g) => {
            let mut argv = words(&["kubectl", "get", g.resources.get_ref()]);
            if let Some(n) = &g.name {
                argv.push(r(n));
            }
            if g.all_namespaces {
                argv.push("-A".into());
            } else {
                argv.extend(ns(g.namespace.as_ref()));
            }
            if let Some(sel) = &g.selector {
                argv.extend(["-l".to_owned(), r(sel)]);
            }
            vec![argv]
        }
        Action::PortForward(p) => {
            let port = |i| plan.render_int(i, captures).map(|v| v.to_string()).unwrap_or_default();
            let mut argv = words(&[
                "kubectl",
                "port-forward",
                &format!("svc/{}", r(&p.service)),
                &format!("{}:{}", port(&p.local_port), port(&p.remote_port)),
            ]);
            argv.extend(ns(p.namespace.as_ref()));
            vec![argv]
        }
        Action::Http(h) => vec![curl_argv(plan, h, captures)],
        Action::Exec(e) => {
            let mut argv = words(&["kubectl", "exec"]);
            argv.extend(ns(e.namespace.as_ref()));
            argv.push(r(&e.pod));
            if let Some(c) = &e.container {
                argv.extend(["-c".to_owned(), r(c)]);
            }
            argv.push("--".into());
            argv.extend(e.command.iter().map(r));
            vec![argv]
        }
        Action::Tunnel(_) => vec![words(&["minikube", "tunnel", "-p", profile])],
        Action::Command(c) => vec![c.argv.iter().map(r).collect()],
        Action::Note(_) => Vec::new(),
    }
}

/// `-n NAMESPACE`, or nothing.
pub fn namespace_args(ns: Option<String>) -> Vec<String> {
    ns.map(|n| vec!["-n".to_owned(), n]).unwrap_or_default()
}

/// The `minikube start` arguments the scenario's `[cluster]` asks for (program name first);
/// flags and their values are separate arguments (`--kubernetes-version 1.21.2`).
pub fn minikube_start_args(c: &ClusterSpec, version: Option<&str>) -> Vec<String> {
    let mut args = vec![
        "minikube".to_owned(),
        "start".to_owned(),
        "-p".to_owned(),
        c.profile.clone(),
    ];
    if !c.addons.is_empty() {
        args.push("--addons".into());
        args.push(c.addons.join(","));
    }
    if let Some(v) = version.or(c.kubernetes_version.as_ref().map(|v| v.get_ref().as_str())) {
        args.extend(["--kubernetes-version".to_owned(), v.to_owned()]);
    }
    if let Some(rt) = &c.container_runtime {
        args.extend(["--container-runtime".to_owned(), rt.clone()]);
    }
    if let Some(p) = c.apiserver_port {
        args.extend(["--apiserver-port".to_owned(), p.to_string()]);
    }
    args.extend(c.extra_flags.iter().cloned());
    args
}

/// An `http` step as the curl command a learner could type.
pub fn curl(plan: &Plan, h: &crate::scenario::action::Http, captures: &Captures) -> String {
    shell_join(&curl_argv(plan, h, captures))
}

/// An `http` step as curl arguments that send what workshop sends: form fields URL-encoded as
/// the engine encodes them, bodies verbatim (`--data-raw`: no `@file`), the URL unglobbed.
pub fn curl_argv(plan: &Plan, h: &crate::scenario::action::Http, captures: &Captures) -> Vec<String> {
    let r = |e: &Expr| plan.render(e, captures).unwrap_or_else(|_| e.text.clone());
    let mut parts = vec!["curl".to_owned(), "-s".to_owned()];
    if h.method != Method::Get {
        parts.extend(["-X".to_owned(), h.method.as_str().to_owned()]);
    }
    for (k, v) in &h.headers {
        parts.extend(["-H".to_owned(), format!("{k}: {}", r(v))]);
    }
    for (k, v) in &h.form {
        parts.extend(["--data-urlencode".to_owned(), format!("{k}={}", r(v))]);
    }
    if let Some(j) = &h.json {
        let body = plan.render_json(&j.value, captures).unwrap_or_else(|_| j.value.clone());
        parts.extend([
            "-H".to_owned(),
            "Content-Type: application/json".to_owned(),
            "--data-raw".to_owned(),
            body.to_string(),
        ]);
    }
    if let Some(b) = &h.body {
        parts.extend(["--data-raw".to_owned(), r(b)]);
    }
    parts.extend(["--globoff".to_owned(), "--url".to_owned(), r(&h.url)]);
    parts
}

/// `pacman-stateful-demo.yaml.j2` → `pacman-stateful-demo.yaml`
pub fn rendered_file_name(template: &str) -> String {
    let base = template.rsplit('/').next().unwrap_or(template);
    base.strip_suffix(".j2")
        .or_else(|| base.strip_suffix(".jinja"))
        .unwrap_or(base)
        .to_owned()
}

/// Quotes one argument for a POSIX shell (bash, dash, zsh), through the shlex crate: the one
/// quoting function of every command workshop shows or writes. An argument cannot hold a NUL
/// byte; one that does (never in practice: variables refuse it) is shown with U+2400 in its place.
pub fn shell_quote(s: &str) -> String {
    match shlex::try_quote(s) {
        Ok(q) => q.into_owned(),
        Err(_) => shell_quote(&s.replace('\0', "\u{2400}")),
    }
}

/// Arguments as one command line, each quoted by [`shell_quote`].
pub fn shell_join(args: &[String]) -> String {
    args.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed_and_round_trips() {
        assert_eq!(shell_quote("mc-demo"), "mc-demo");
        assert_eq!(shell_quote(r#"{"a":"b"}"#), r#"'{"a":"b"}'"#);
        for s in [
            "it's",
            "$(touch PWNED)",
            "a b",
            "x'\"y",
            "$HOME",
            "a;id",
            "",
            "line\nbreak",
        ] {
            assert_eq!(shlex::split(&shell_quote(s)), Some(vec![s.to_owned()]), "{s}");
        }
        assert_eq!(shell_quote("a\0b"), shell_quote("a\u{2400}b"));
        assert_eq!(rendered_file_name("pacman-ingress.yaml.j2"), "pacman-ingress.yaml");
    }
}
