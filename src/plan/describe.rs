//! One-line descriptions of checks and captures, for `plan`, progress lines and handouts.

use crate::checks::compare::Expected;
use crate::scenario::check::{CheckKind, Comparison};
use crate::scenario::field_path::FieldPath;
use crate::scenario::scope::ObjectRef;
use crate::scenario::{Capture, CaptureSource, Check, Expr};

use super::{Captures, Plan};

/// The objects a check or capture looks at, with their scope: `pod pacman/mongo-0`,
/// `pod mongo-0 in any namespace`, `the deployment with app=web in web`, `storageclass standard`.
pub fn object(plan: &Plan, c: &Captures, o: &ObjectRef<'_>) -> String {
    let r = |e: &Expr| plan.render(e, c).unwrap_or_else(|_| e.text.clone());
    let kind = o.kind.to_ascii_lowercase();
    let scope = scope(plan, c, o);
    match (o.name, o.selector, o.namespace) {
        (Some(name), _, Some(ns)) if !o.all_namespaces => format!("{kind} {}/{}", r(ns), r(name)),
        (Some(name), _, _) => format!("{kind} {}{scope}", r(name)),
        (None, Some(sel), _) => format!("the {kind} with {}{scope}", r(sel)),
        (None, None, _) => format!("{kind}{scope}"),
    }
}

/// ` in pacman`, ` in any namespace`, or nothing (a cluster-scoped kind).
fn scope(plan: &Plan, c: &Captures, o: &ObjectRef<'_>) -> String {
    match o.namespace {
        _ if o.all_namespaces => " in any namespace".to_owned(),
        Some(ns) => format!(" in {}", plan.render(ns, c).unwrap_or_else(|_| ns.text.clone())),
        None => String::new(),
    }
}

/// What a comparison on a path expects: `spec.type = "LoadBalancer"`,
/// `all spec.template.spec.containers[*].image = "nginx:1.27.3"`.
pub fn comparison(plan: &Plan, c: &Captures, path: &str, cmp: Comparison<'_>) -> String {
    let Ok(parsed) = FieldPath::parse(path) else {
        return format!("{path} {}", cmp.key());
    };
    match Expected::render(plan, cmp, c) {
        Ok(e) => e.describe(&parsed),
        Err(_) => {
            let raw = match cmp {
                Comparison::Equals(v) | Comparison::Any(v) | Comparison::Contains(v) => {
                    crate::scenario::analyze::json_of(v).to_string()
                }
                Comparison::Count(n) => n.to_string(),
            };
            format!("{path} {} {raw}", cmp.key())
        }
    }
}

/// What a check verifies, e.g. `pvc pacman/mongo-storage is Bound (class csi-hostpath-sc)`.
pub fn check(plan: &Plan, check: &Check, c: &Captures) -> String {
    let r = |e: &Expr| plan.render(e, c).unwrap_or_else(|_| e.text.clone());
    let target = || check.kind.object_ref().map(|o| object(plan, c, &o)).unwrap_or_default();
    match &check.kind {
        CheckKind::Exists(_) => format!("{} exists", target()),
        CheckKind::Absent(_) => format!("{} is absent", target()),
        CheckKind::Field(f) => match f.comparisons().first() {
            Some(cmp) => format!("{}: {}", target(), comparison(plan, c, f.path.get_ref(), *cmp)),
            None => target(),
        },
        CheckKind::AbsentField(f) => format!("{} has no {}", target(), f.path.get_ref()),
        CheckKind::Condition(cc) => format!("{} condition {}={}", target(), cc.condition_type, cc.status),
        CheckKind::Rollout(_) => format!("{} rolled out (all replicas updated and ready)", target()),
        CheckKind::Count(cc) => {
            let n = plan
                .render_int(&cc.equals, c)
                .map(|v| v.to_string())
                .unwrap_or_else(|_| cc.equals.to_string());
            let plural = if n == "1" { "" } else { "s" };
            let what = if cc.ready {
                format!("Ready pod{plural}")
            } else {
                format!("{}{plural}", cc.kind.get_ref().to_ascii_lowercase())
            };
            let sel = cc
                .selector
                .as_ref()
                .map(|s| format!(" with {}", r(s)))
                .unwrap_or_default();
            format!("{n} {what}{sel}{}", scope(plan, c, &cc.object_ref()))
        }
        CheckKind::DefaultStorageClass(d) => format!("exactly one default StorageClass, and it is {}", r(&d.name)),
        CheckKind::PvcBound(p) => {
            let mut s = format!("{} is Bound", target().replacen("persistentvolumeclaim", "pvc", 1));
            if let Some(sc) = &p.storage_class {
                s.push_str(&format!(" (class {})", r(sc)));
            }
            if let Some(v) = &p.volume {
                s.push_str(&format!(" to volume {}", r(v)));
            }
            s
        }
        CheckKind::Recreated(rc) => format!(
            "{} recreated with a new uid (was {}) and Ready",
            target(),
            r(&rc.previous_uid)
        ),
        CheckKind::IngressAddress(i) => {
            let mut s = format!("{} has an address", target());
            if let Some(a) = &i.address {
                s.push_str(&format!(" ({})", r(a)));
            }
            s
        }
        CheckKind::Http(h) => {
            let mut s = format!("{} {} answers", h.method.as_str(), r(&h.url));
            s.push_str(&match h.expect.status {
                Some(code) => format!(" {code}"),
                None => " 2xx".into(),
            });
            if let Some(b) = &h.expect.body_contains {
                s.push_str(&format!(", body contains {:?}", r(b)));
            }
            for j in &h.expect.json {
                if let Some(cmp) = j.comparisons().first() {
                    s.push_str(&format!(", {}", comparison(plan, c, j.path.get_ref(), *cmp)));
                }
            }
            s
        }
    }
}

/// What a capture records, e.g. `mongo_uid ← pod pacman/mongo-0 metadata.uid (before)`.
pub fn capture(plan: &Plan, cap: &Capture, c: &Captures) -> String {
    let when = match cap.when {
        crate::scenario::CaptureWhen::Before => "before the action",
        crate::scenario::CaptureWhen::After => "after the checks",
    };
    match &cap.source {
        CaptureSource::Generate { prefix } => format!("{} ← a new unique marker `{prefix}-…`", cap.name),
        CaptureSource::Object { object: o, path } => {
            format!("{} ← {} {path} ({when})", cap.name, object(plan, c, &o.object_ref()))
        }
        CaptureSource::Response { path } => match path {
            Some(p) => format!("{} ← the answer's {p}", cap.name),
            None => format!("{} ← the whole answer", cap.name),
        },
    }
}
