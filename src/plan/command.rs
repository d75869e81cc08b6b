//! The command a learner would type for a step (`kubectl patch storageclass …`,
//! `minikube -p mc-demo addons enable ingress`): shown by `plan`, `--step` and handouts.

use crate::kinds;
use crate::scenario::action::{Action, Method};
use crate::scenario::{ClusterSpec, Expr, Provider, Step};

use super::{Captures, Plan};

/// The equivalent shell command(s) of a step, rendered with `captures` (placeholders for a
/// plan). Empty for a note.
pub fn equivalent(plan: &Plan, step: &Step, captures: &Captures) -> Vec<String> {
    let r = |e: &Expr| plan.render(e, captures).unwrap_or_else(|_| e.text.clone());
    let ns = |e: Option<&Expr>| e.map(|e| format!(" -n {}", r(e))).unwrap_or_default();
    let cluster = &plan.scenario.cluster;
    let profile = &cluster.profile;
    match &step.action {
        Action::StartCluster(_) => match cluster.provider {
            Provider::Minikube | Provider::Rehearsal => vec![shell_join(&minikube_start_args(cluster, None))],
            Provider::Existing => vec![format!(
                "kubectl config use-context {}",
                cluster.context.as_deref().unwrap_or("<current>")
            )],
        },
        Action::EnableAddon(a) => vec![format!("minikube -p {profile} addons enable {}", r(&a.name))],
        Action::DisableAddon(a) => vec![format!("minikube -p {profile} addons disable {}", r(&a.name))],
        Action::Create(m) => vec![format!(
            "kubectl create -f {}",
            rendered_file_name(m.template.get_ref())
        )],
        Action::Apply(m) => vec![format!(
            "kubectl apply --server-side --field-manager=workshop -f {}",
            rendered_file_name(m.template.get_ref())
        )],
        Action::Patch(p) => {
            let body = crate::scenario::analyze::json_of(&p.patch);
            let body = plan.render_json(&body, captures).unwrap_or(body);
            vec![format!(
                "kubectl patch {} {}{} --type {} -p {}",
                kinds::kubectl_name(p.kind.get_ref()),
                r(&p.name),
                ns(p.namespace.as_ref()),
                p.patch_type.as_kubectl(),
                shell_quote(&serde_json::to_string(&body).unwrap_or_default())
            )]
        }
        Action::Delete(d) => vec![format!(
            "kubectl delete {} {}{}",
            kinds::kubectl_name(d.kind.get_ref()),
            r(&d.name),
            ns(d.namespace.as_ref())
        )],
        Action::Scale(s) => vec![format!(
            "kubectl scale {} {} --replicas={}{}",
            kinds::kubectl_name(s.kind.get_ref()),
            r(&s.name),
            plan.render_int(&s.replicas, captures)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| s.replicas.to_string()),
            ns(s.namespace.as_ref())
        )],
        Action::Get(g) => {
            let mut cmd = format!("kubectl get {}", g.resources.get_ref());
            if let Some(n) = &g.name {
                cmd.push(' ');
                cmd.push_str(&r(n));
            }
            if g.all_namespaces {
                cmd.push_str(" -A");
            } else {
                cmd.push_str(&ns(g.namespace.as_ref()));
            }
            if let Some(sel) = &g.selector {
                cmd.push_str(&format!(" -l {}", r(sel)));
            }
            vec![cmd]
        }
        Action::PortForward(p) => {
            let port = |i| plan.render_int(i, captures).map(|v| v.to_string()).unwrap_or_default();
            vec![format!(
                "kubectl port-forward svc/{} {}:{}{}",
                r(&p.service),
                port(&p.local_port),
                port(&p.remote_port),
                ns(p.namespace.as_ref())
            )]
        }
        Action::Http(h) => vec![curl(plan, h, captures)],
        Action::Exec(e) => {
            let mut parts = vec!["kubectl".to_owned(), "exec".to_owned()];
            if let Some(n) = &e.namespace {
                parts.extend(["-n".to_owned(), r(n)]);
            }
            parts.push(r(&e.pod));
            if let Some(c) = &e.container {
                parts.extend(["-c".to_owned(), r(c)]);
            }
            parts.push("--".into());
            parts.extend(e.command.iter().map(r));
            vec![shell_join(&parts)]
        }
        Action::Tunnel(_) => vec![format!("minikube tunnel -p {profile}")],
        Action::Command(c) => vec![shell_join(&c.argv.iter().map(r).collect::<Vec<_>>())],
        Action::Note(_) => Vec::new(),
    }
}

/// The `minikube start` arguments the scenario's `[cluster]` asks for (program name first).
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
        args.push(format!("--kubernetes-version={v}"));
    }
    if let Some(rt) = &c.container_runtime {
        args.push(format!("--container-runtime={rt}"));
    }
    if let Some(p) = c.apiserver_port {
        args.push(format!("--apiserver-port={p}"));
    }
    args.extend(c.extra_flags.iter().cloned());
    args
}

/// An `http` step as the curl command a learner could type.
pub fn curl(plan: &Plan, h: &crate::scenario::action::Http, captures: &Captures) -> String {
    let r = |e: &Expr| plan.render(e, captures).unwrap_or_else(|_| e.text.clone());
    let mut parts = vec!["curl".to_owned(), "-s".to_owned()];
    if h.method != Method::Get {
        parts.extend(["-X".to_owned(), h.method.as_str().to_owned()]);
    }
    for (k, v) in &h.headers {
        parts.extend(["-H".to_owned(), format!("{k}: {}", r(v))]);
    }
    for (k, v) in &h.form {
        parts.extend(["-d".to_owned(), format!("{k}={}", r(v))]);
    }
    if let Some(j) = &h.json {
        let body = plan.render_json(&j.value, captures).unwrap_or_else(|_| j.value.clone());
        parts.extend([
            "-H".to_owned(),
            "Content-Type: application/json".to_owned(),
            "-d".to_owned(),
            body.to_string(),
        ]);
    }
    if let Some(b) = &h.body {
        parts.extend(["-d".to_owned(), r(b)]);
    }
    parts.push(r(&h.url));
    shell_join(&parts)
}

/// `pacman-stateful-demo.yaml.j2` → `pacman-stateful-demo.yaml`
pub fn rendered_file_name(template: &str) -> String {
    let base = template.rsplit('/').next().unwrap_or(template);
    base.strip_suffix(".j2")
        .or_else(|| base.strip_suffix(".jinja"))
        .unwrap_or(base)
        .to_owned()
}

/// Quotes one argument for a POSIX shell when it needs it.
pub fn shell_quote(s: &str) -> String {
    let safe = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c));
    if safe {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

pub fn shell_join(args: &[String]) -> String {
    args.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(shell_quote("mc-demo"), "mc-demo");
        assert_eq!(shell_quote(r#"{"a":"b"}"#), r#"'{"a":"b"}'"#);
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(rendered_file_name("pacman-ingress.yaml.j2"), "pacman-ingress.yaml");
    }
}
