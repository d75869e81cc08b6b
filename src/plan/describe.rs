//! One-line descriptions of checks and captures, for `plan`, progress lines and handouts.

use crate::scenario::check::CheckKind;
use crate::scenario::{Capture, CaptureSource, Check, Expr};

use super::{Captures, Plan};

fn obj(plan: &Plan, c: &Captures, kind: &str, name: &Expr, ns: Option<&Expr>) -> String {
    let r = |e: &Expr| plan.render(e, c).unwrap_or_else(|_| e.text.clone());
    match ns {
        Some(n) => format!("{} {}/{}", kind.to_ascii_lowercase(), r(n), r(name)),
        None => format!("{} {}", kind.to_ascii_lowercase(), r(name)),
    }
}

/// What a check verifies, e.g. `pvc pacman/mongo-storage is Bound (class csi-hostpath-sc)`.
pub fn check(plan: &Plan, check: &Check, c: &Captures) -> String {
    let r = |e: &Expr| plan.render(e, c).unwrap_or_else(|_| e.text.clone());
    let json = |v: &crate::scenario::value::JsonValue| {
        let v = crate::scenario::analyze::json_of(v);
        plan.render_json(&v, c).unwrap_or(v).to_string()
    };
    match &check.kind {
        CheckKind::Exists(o) => format!(
            "{} exists",
            obj(plan, c, o.kind.get_ref(), &o.name, o.namespace.as_ref())
        ),
        CheckKind::Absent(o) => format!(
            "{} is absent",
            obj(plan, c, o.kind.get_ref(), &o.name, o.namespace.as_ref())
        ),
        CheckKind::Field(f) => {
            let target = obj(plan, c, f.kind.get_ref(), &f.name, f.namespace.as_ref());
            match (&f.equals, &f.contains) {
                (Some(v), _) => format!("{target} {} = {}", f.path.get_ref(), json(v)),
                (_, Some(v)) => format!("{target} {} contains {}", f.path.get_ref(), json(v)),
                _ => target,
            }
        }
        CheckKind::Condition(cc) => format!(
            "{} condition {}={}",
            obj(plan, c, cc.kind.get_ref(), &cc.name, cc.namespace.as_ref()),
            cc.condition_type,
            cc.status
        ),
        CheckKind::Rollout(ro) => format!(
            "{} rolled out (all replicas updated and ready)",
            obj(plan, c, ro.kind.get_ref(), &ro.name, ro.namespace.as_ref())
        ),
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
            let ns = cc
                .namespace
                .as_ref()
                .map(|n| format!(" in {}", r(n)))
                .unwrap_or_default();
            format!("{n} {what}{sel}{ns}")
        }
        CheckKind::DefaultStorageClass(d) => format!("exactly one default StorageClass, and it is {}", r(&d.name)),
        CheckKind::PvcBound(p) => {
            let mut s = format!("{} is Bound", obj(plan, c, "pvc", &p.name, p.namespace.as_ref()));
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
            obj(plan, c, rc.kind.get_ref(), &rc.name, rc.namespace.as_ref()),
            r(&rc.previous_uid)
        ),
        CheckKind::IngressAddress(i) => {
            let mut s = format!(
                "{} has an address",
                obj(plan, c, "ingress", &i.name, i.namespace.as_ref())
            );
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
                match (&j.equals, &j.contains) {
                    (Some(v), _) => s.push_str(&format!(", {} = {}", j.path.get_ref(), json(v))),
                    (_, Some(v)) => s.push_str(&format!(", {} contains {}", j.path.get_ref(), json(v))),
                    _ => {}
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
        CaptureSource::Object { object, path } => format!(
            "{} ← {} {path} ({when})",
            cap.name,
            obj(plan, c, object.kind.get_ref(), &object.name, object.namespace.as_ref())
        ),
        CaptureSource::Response { path } => match path {
            Some(p) => format!("{} ← the answer's {p}", cap.name),
            None => format!("{} ← the whole answer", cap.name),
        },
    }
}
