//! What a lab can do beyond changing the objects of its cluster: the programs it runs on this
//! machine, the commands it runs in pods, the hosts its HTTP requests reach (other than its own
//! port-forwards), the cluster-wide grants its manifests make, and the files it reads. `validate`
//! and `plan` list them; `run` asks consent for the dangerous ones (docs/security.md).

use std::collections::BTreeSet;

use serde_json::Value;

use crate::plan::{Captures, Plan, command};
use crate::scenario::action::Http;
use crate::scenario::{Action, CheckKind, Expr, Step};

/// Built-in ClusterRoles whose grant gives power over the cluster (or a namespace) and its secrets.
const POWERFUL_ROLES: &[&str] = &["cluster-admin", "admin", "edit"];

/// Which steps of a lab a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `run`: the steps and the cleanup steps.
    Lab,
    /// `reset`: the cleanup steps only.
    Cleanup,
}

/// One capability, with where the lab asks for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Use {
    pub what: String,
    /// `step run`, `template rbac.yaml.j2`.
    pub by: String,
}

/// Everything a lab can do that `run` asks consent for, and what it reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Capabilities {
    /// Programs run on this machine (`command`, `tunnel`).
    pub programs: Vec<Use>,
    /// Commands run in pods (`exec`).
    pub pod_commands: Vec<Use>,
    /// Hosts HTTP requests reach, other than the lab's own port-forwards.
    pub hosts: Vec<Use>,
    /// Cluster-wide grants to powerful roles (ClusterRoleBindings, RoleBindings to them).
    pub grants: Vec<Use>,
    /// Other cluster-wide grants, listed but not asked about.
    pub other_grants: Vec<Use>,
    /// Files read: the scenario and its templates.
    pub files: Vec<String>,
}

/// The Kubernetes minor versions capabilities are computed for (with the one assumed).
const VERSIONS_CONSIDERED: std::ops::RangeInclusive<u32> = 16..=35;

impl Capabilities {
    /// What a plan's steps and manifests can do, rendered with its variables (captures as
    /// `<name>`).
    pub fn of(plan: &Plan, scenario_path: &str) -> Capabilities {
        Capabilities::of_scope(plan, scenario_path, Scope::Lab)
    }

    /// What the steps of `scope` can do, and the grants of the templates they apply, on any
    /// Kubernetes version the cluster may turn out to run: templates may branch on
    /// `cluster.minor`, so a grant shown only to some versions is listed too (the cluster
    /// answers only after consent is given).
    pub fn of_scope(plan: &Plan, scenario_path: &str, scope: Scope) -> Capabilities {
        let mut c = Capabilities::of_version(plan, scenario_path, scope);
        if !may_vary_by_version(plan) {
            return c;
        }
        for minor in VERSIONS_CONSIDERED {
            if minor == plan.facts.minor {
                continue;
            }
            let version = crate::facts::KubeVersion {
                major: 1,
                minor,
                patch: 0,
            };
            let facts = crate::facts::ClusterFacts::assumed(version, &plan.facts.provider);
            // A version the lab's templates refuse to render for cannot be run on.
            if let Ok(other) = Plan::build(plan.scenario.clone(), plan.vars.clone(), facts) {
                c.merge(Capabilities::of_version(&other, scenario_path, scope));
            }
        }
        c
    }

    fn merge(&mut self, other: Capabilities) {
        let add = |mine: &mut Vec<Use>, theirs: Vec<Use>| {
            for u in theirs {
                if !mine.contains(&u) {
                    mine.push(u);
                }
            }
        };
        add(&mut self.programs, other.programs);
        add(&mut self.pod_commands, other.pod_commands);
        add(&mut self.hosts, other.hosts);
        add(&mut self.grants, other.grants);
        add(&mut self.other_grants, other.other_grants);
        for f in other.files {
            if !self.files.contains(&f) {
                self.files.push(f);
            }
        }
    }

    /// What the steps of `scope` can do on the Kubernetes version of `plan`'s facts.
    fn of_version(plan: &Plan, scenario_path: &str, scope: Scope) -> Capabilities {
        let mut c = Capabilities {
            files: std::iter::once(scenario_path.to_owned())
                .chain(template_files(plan))
                .collect(),
            ..Capabilities::default()
        };
        let caps = plan.placeholder_captures();
        let forwarded = forwarded_ports(plan, &caps);
        let steps = match scope {
            Scope::Lab => &plan.scenario.steps[..],
            Scope::Cleanup => &[],
        };
        let steps: Vec<(&Step, bool)> = (steps.iter().map(|s| (s, false)))
            .chain(plan.scenario.cleanup.iter().map(|s| (s, true)))
            .collect();
        for (step, cleanup) in &steps {
            let by = match cleanup {
                false => crate::t_builtin!("caps-by-step", id = step.id.to_string()),
                true => crate::t_builtin!("caps-by-cleanup-step", id = step.id.to_string()),
            };
            c.step(plan, step, &by, &caps, &forwarded);
        }
        let applied: BTreeSet<&str> = steps
            .iter()
            .filter_map(|(s, _)| match &s.action {
                Action::Apply(m) | Action::Create(m) => Some(m.template.get_ref().as_str()),
                _ => None,
            })
            .collect();
        c.grants_of(plan, &applied);
        c
    }

    fn step(&mut self, plan: &Plan, step: &Step, by: &str, caps: &Captures, forwarded: &BTreeSet<u16>) {
        let shown = |argv: Vec<String>| format!("`{}`", command::shell_join(&argv));
        match &step.action {
            Action::Command(_) | Action::Tunnel(_) => {
                for argv in command::equivalent_argv(plan, step, caps) {
                    self.programs.push(Use {
                        what: shown(argv),
                        by: by.to_owned(),
                    });
                }
            }
            Action::Exec(e) => {
                let r = |x: &Expr| plan.render(x, caps).unwrap_or_else(|_| x.text.clone());
                let argv: Vec<String> = e.command.iter().map(r).collect();
                let ns = e.namespace.as_ref().map(r).unwrap_or_else(|| "default".into());
                self.pod_commands.push(Use {
                    what: crate::t_builtin!(
                        "caps-in-pod",
                        command = shown(argv),
                        pod = format!("{ns}/{}", r(&e.pod))
                    ),
                    by: by.to_owned(),
                });
            }
            Action::Http(h) => self.http(plan, h, by, caps, forwarded),
            // workshop composes `minikube start` itself; flags the lab adds (`extra-flags`:
            // a driver, a host folder to mount, …) reach this machine as the lab chose them.
            Action::StartCluster(_)
                if plan.scenario.cluster.provider == crate::scenario::model::Provider::Minikube
                    && !plan.scenario.cluster.extra_flags.is_empty() =>
            {
                self.programs.push(Use {
                    what: shown(command::minikube_start_args(&plan.scenario.cluster, None)),
                    by: crate::t_builtin!("caps-by-extra-flags", by = by),
                });
            }
            _ => {}
        }
        for check in &step.checks {
            if let CheckKind::Http(h) = &check.kind {
                self.http(plan, h, &crate::t_builtin!("caps-by-check", by = by), caps, forwarded);
            }
        }
    }

    fn http(&mut self, plan: &Plan, h: &Http, by: &str, caps: &Captures, forwarded: &BTreeSet<u16>) {
        let url = plan.render(&h.url, caps).unwrap_or_else(|_| h.url.text.clone());
        let captured: Vec<&str> = caps
            .iter()
            .filter(|(_, placeholder)| url.contains(placeholder.as_str()))
            .map(|(name, _)| name.as_str())
            .collect();
        let what = match url.parse::<http::Uri>() {
            Ok(uri) if captured.is_empty() => {
                let host = uri.host().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
                let port = uri.port_u16().unwrap_or(80);
                let loopback = host == "localhost" || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
                if loopback && forwarded.contains(&port) {
                    return;
                }
                format!("{host}:{port}")
            }
            _ if !captured.is_empty() => crate::t_builtin!(
                "caps-captured-address",
                url = url.as_str(),
                captures = captured.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
            ),
            _ => format!("`{url}`"),
        };
        self.hosts.push(Use {
            what,
            by: by.to_owned(),
        });
    }

    /// ClusterRoleBindings (and RoleBindings to powerful roles) in the manifests of the
    /// `applied` templates: a binding to a built-in powerful ClusterRole, or to a role of the lab
    /// whose rules are wildcards or escalate (see [`powerful_rules`]), is a powerful grant.
    fn grants_of(&mut self, plan: &Plan, applied: &BTreeSet<&str>) {
        let mut templates: Vec<&String> = plan.manifests.keys().filter(|t| applied.contains(t.as_str())).collect();
        templates.sort();
        let all: Vec<&crate::plan::Manifest> = templates.into_iter().flat_map(|t| &plan.manifests[t]).collect();
        let powerful_here: BTreeSet<(&str, &str)> = all
            .iter()
            .filter(|m| (m.kind == "ClusterRole" || m.kind == "Role") && powerful_rules(&m.object))
            .map(|m| (m.kind.as_str(), m.name.as_str()))
            .collect();
        for m in all
            .iter()
            .filter(|m| m.kind == "ClusterRoleBinding" || m.kind == "RoleBinding")
        {
            let role = m.object.pointer("/roleRef/name").and_then(Value::as_str).unwrap_or("?");
            let role_kind = m
                .object
                .pointer("/roleRef/kind")
                .and_then(Value::as_str)
                .unwrap_or("ClusterRole");
            let powerful = (role_kind == "ClusterRole" && POWERFUL_ROLES.contains(&role))
                || powerful_here.contains(&(role_kind, role));
            let scope = match &m.namespace {
                Some(ns) if m.kind == "RoleBinding" => crate::t_builtin!("caps-in-namespace", namespace = ns.as_str()),
                _ => crate::t_builtin!("caps-cluster-wide"),
            };
            let subjects = subjects(&m.object);
            let u = Use {
                what: crate::t_builtin!(
                    "caps-grant",
                    binding = format!("{} {}", m.kind, m.name),
                    role = format!("{role_kind} {role}"),
                    subjects = subjects,
                    scope = scope
                ),
                by: crate::t_builtin!("caps-by-template", template = m.template.as_str()),
            };
            if powerful {
                self.grants.push(u);
            } else if m.kind == "ClusterRoleBinding" {
                self.other_grants.push(u);
            }
        }
    }

    /// Whether `run` must ask before it runs the lab: it runs programs or commands in pods,
    /// reaches hosts, or grants powerful roles.
    pub fn need_consent(&self) -> bool {
        !(self.programs.is_empty() && self.pod_commands.is_empty() && self.hosts.is_empty() && self.grants.is_empty())
    }

    /// The capabilities, one line each under a heading, for `validate`, `plan` and the prompt.
    pub fn lines(&self) -> Vec<String> {
        let mut out = self.use_lines();
        out.push(crate::t_builtin!("caps-reads", files = self.files.join(", ")));
        out
    }

    /// What the lab does, without the files it reads: headings and one line per use.
    pub fn use_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut section = |title: &str, uses: &[Use]| {
            if !uses.is_empty() {
                out.push(format!("{title}:"));
                out.extend(uses.iter().map(|u| format!("  {} ({})", u.what, u.by)));
            }
        };
        section(&crate::t_builtin!("caps-programs"), &self.programs);
        section(&crate::t_builtin!("caps-pod-commands"), &self.pod_commands);
        section(&crate::t_builtin!("caps-hosts"), &self.hosts);
        section(&crate::t_builtin!("caps-grants"), &self.grants);
        section(&crate::t_builtin!("caps-other-grants"), &self.other_grants);
        out
    }
}

/// The local ports of the lab's port-forwards.
fn forwarded_ports(plan: &Plan, caps: &Captures) -> BTreeSet<u16> {
    plan.scenario
        .steps
        .iter()
        .chain(&plan.scenario.cleanup)
        .filter_map(|s| match &s.action {
            Action::PortForward(p) => plan.render_int(&p.local_port, caps).ok(),
            _ => None,
        })
        .filter_map(|p| u16::try_from(p).ok())
        .collect()
}

/// Whether what the lab does may depend on the cluster's version: its scenario or a template
/// it reads names `cluster` (the facts templates see). Conservative: a mention in a comment
/// counts too.
fn may_vary_by_version(plan: &Plan) -> bool {
    let text = &plan.scenario.source.text;
    text.contains("cluster.")
        || text.contains("cluster[")
        || (plan.templates.read_so_far().iter())
            .any(|name| (plan.templates.names_used_by_file(name)).map_or(true, |names| names.contains("cluster")))
}

/// The template files the plan rendered and those they include, as paths.
fn template_files(plan: &Plan) -> Vec<String> {
    let mut names: Vec<String> = plan.manifests.keys().cloned().collect();
    names.extend(plan.templates.read_so_far());
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|n| plan.templates.path_of(&n).map(|p| p.display().to_string()).unwrap_or(n))
        .collect()
}

/// `User alice, ServiceAccount pacman/default`
fn subjects(binding: &Value) -> String {
    let list: Vec<String> = binding
        .get("subjects")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|s| {
            let kind = s.get("kind").and_then(Value::as_str).unwrap_or("?");
            let name = s.get("name").and_then(Value::as_str).unwrap_or("?");
            match s.get("namespace").and_then(Value::as_str) {
                Some(ns) => format!("{kind} {ns}/{name}"),
                None => format!("{kind} {name}"),
            }
        })
        .collect();
    if list.is_empty() {
        "nobody".to_owned()
    } else {
        list.join(", ")
    }
}

/// Whether a ClusterRole's rules give power: any verb or resource (`*`), escalation verbs
/// (`escalate`, `bind`, `impersonate`), reading Secrets, or exec into pods.
fn powerful_rules(role: &Value) -> bool {
    let strings = |rule: &Value, key: &str| -> Vec<String> {
        rule.get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    role.get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .any(|rule| {
            let verbs = strings(rule, "verbs");
            let resources = strings(rule, "resources");
            let any = |v: &[String], x: &str| v.iter().any(|s| s == x);
            any(&verbs, "*")
                || any(&resources, "*")
                || verbs
                    .iter()
                    .any(|v| matches!(v.as_str(), "escalate" | "bind" | "impersonate"))
                || (any(&resources, "secrets") && verbs.iter().any(|v| matches!(v.as_str(), "get" | "list" | "watch")))
                || (any(&resources, "pods/exec") && any(&verbs, "create"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn powerful_rules_are_recognised() {
        let role = |rules: Value| json!({"rules": rules});
        assert!(powerful_rules(&role(json!([{"verbs": ["*"], "resources": ["pods"]}]))));
        assert!(powerful_rules(&role(
            json!([{"verbs": ["get"], "resources": ["secrets"]}])
        )));
        assert!(powerful_rules(&role(
            json!([{"verbs": ["bind"], "resources": ["clusterroles"]}])
        )));
        assert!(!powerful_rules(&role(
            json!([{"verbs": ["get", "list", "watch"], "resources": ["pods", "nodes"]}])
        )));
    }
}
