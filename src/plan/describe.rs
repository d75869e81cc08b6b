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
        (None, Some(sel), _) => format!(
            "{}{scope}",
            crate::t!("describe-kind-with", kind = kind, selector = r(sel))
        ),
        (None, None, _) => format!("{kind}{scope}"),
    }
}

/// ` in pacman`, ` in any namespace`, or nothing (a cluster-scoped kind).
fn scope(plan: &Plan, c: &Captures, o: &ObjectRef<'_>) -> String {
    match o.namespace {
        _ if o.all_namespaces => format!(" {}", crate::t!("describe-in-any-namespace")),
        Some(ns) => format!(
            " {}",
            crate::t!(
                "describe-in-namespace",
                namespace = plan.render(ns, c).unwrap_or_else(|_| ns.text.clone())
            )
        ),
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
        CheckKind::Exists(_) => crate::t!("check-exists", target = target()),
        CheckKind::Absent(_) => crate::t!("check-absent", target = target()),
        CheckKind::Field(f) => match f.comparisons().first() {
            Some(cmp) => format!("{}: {}", target(), comparison(plan, c, f.path.get_ref(), *cmp)),
            None => target(),
        },
        CheckKind::AbsentField(f) => crate::t!(
            "check-absent-field",
            target = target(),
            path = f.path.get_ref().as_str()
        ),
        CheckKind::Condition(cc) => crate::t!(
            "check-condition",
            target = target(),
            condition = format!("{}={}", cc.condition_type, cc.status)
        ),
        CheckKind::Rollout(_) => crate::t!("check-rollout", target = target()),
        CheckKind::Count(cc) => {
            let count: crate::i18n::FluentValue = match plan.render_int(&cc.equals, c) {
                Ok(n) => n.into(),
                Err(_) => cc.equals.to_string().into(),
            };
            let kind = cc.kind.get_ref().to_ascii_lowercase();
            let mut s = if cc.ready {
                crate::t!("check-count-ready", count = count)
            } else {
                crate::t!("check-count", count = count, kind = kind)
            };
            if let Some(sel) = &cc.selector {
                s.push(' ');
                s.push_str(&crate::t!("describe-with", selector = r(sel)));
            }
            s.push_str(&scope(plan, c, &cc.object_ref()));
            s
        }
        CheckKind::DefaultStorageClass(d) => crate::t!("check-default-storage-class", name = r(&d.name)),
        CheckKind::PvcBound(p) => {
            let mut s = crate::t!(
                "check-pvc-bound",
                target = target().replacen("persistentvolumeclaim", "pvc", 1)
            );
            if let Some(sc) = &p.storage_class {
                s.push_str(&format!(" ({})", crate::t!("check-pvc-class", class = r(sc))));
            }
            if let Some(v) = &p.volume {
                s.push(' ');
                s.push_str(&crate::t!("check-pvc-volume", volume = r(v)));
            }
            s
        }
        CheckKind::Recreated(rc) => crate::t!("check-recreated", target = target(), uid = r(&rc.previous_uid)),
        CheckKind::IngressAddress(i) => {
            let mut s = crate::t!("check-ingress-address", target = target());
            if let Some(a) = &i.address {
                s.push_str(&format!(" ({})", r(a)));
            }
            s
        }
        CheckKind::Http(h) => {
            let status = match h.expect.status {
                Some(code) => code.to_string(),
                None => "2xx".into(),
            };
            let mut s = crate::t!(
                "check-http",
                method = h.method.as_str(),
                url = r(&h.url),
                status = status
            );
            if let Some(b) = &h.expect.body_contains {
                s.push_str(", ");
                s.push_str(&crate::t!("check-http-body", text = format!("{:?}", r(b))));
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
        crate::scenario::CaptureWhen::Before => crate::t!("capture-before"),
        crate::scenario::CaptureWhen::After => crate::t!("capture-after"),
    };
    let what = match &cap.source {
        CaptureSource::Generate { prefix } => crate::t!("capture-marker", prefix = prefix.as_str()),
        CaptureSource::Object { object: o, path } => {
            format!("{} {path} ({when})", object(plan, c, &o.object_ref()))
        }
        CaptureSource::Response { path } => match path {
            Some(p) => crate::t!("capture-answer-path", path = p.to_string()),
            None => crate::t!("capture-answer"),
        },
    };
    format!("{} ← {what}", cap.name)
}
