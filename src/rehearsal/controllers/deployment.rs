//! Deployment controller, after `pkg/controller/deployment`: one ReplicaSet per pod template
//! (named with the pod-template-hash), found again by template when a rollout goes back to it;
//! revisions on ReplicaSets and on the Deployment (`deployment.kubernetes.io/revision`, with
//! `revision-history` when an old template comes back), so `kubectl rollout history` and
//! `kubectl rollout undo` work; the Deployment's annotations copied onto its current ReplicaSet
//! (`kubernetes.io/change-cause`); old ReplicaSets scaled down once the new one is available and
//! pruned past `revisionHistoryLimit`; paused Deployments; status and conditions.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::rehearsal::api::{self, ALPHANUMS};
use crate::rehearsal::controllers::context::{Ctx, condition, controlled_by, deleting, owner_ref, replicas};
use crate::rehearsal::events::Type;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of, uid_of};
use crate::rehearsal::store::Propagation;

/// The revision annotation, on Deployments and their ReplicaSets.
pub const REVISION: &str = "deployment.kubernetes.io/revision";
/// The revisions a ReplicaSet had before a rollback made it current again.
pub const REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";
const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
/// The label that tells a Deployment's ReplicaSets (and their pods) apart.
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";
/// Annotations never copied from a Deployment onto its ReplicaSets (`annotationsToSkip`).
const NOT_COPIED: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    REVISION_HISTORY,
    DESIRED_REPLICAS,
    MAX_REPLICAS,
    "deprecated.deployment.rollback.to",
];
/// The longest `revision-history` the real controller keeps (`maxRevHistoryLengthInChars`).
const MAX_REVISION_HISTORY_CHARS: usize = 2000;

/// A template without what the API server's typed decoding would not tell apart: `null`s, empty
/// strings, empty lists and empty maps (Go's zero values and `omitempty`).
pub fn normalized(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), normalized(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(normalized).collect()),
        other => other.clone(),
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn without_hash(template: &Value) -> Value {
    let mut t = normalized(template);
    if let Some(labels) = t.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        labels.remove(POD_TEMPLATE_HASH);
        if labels.is_empty()
            && let Some(meta) = t.get_mut("metadata").and_then(Value::as_object_mut)
        {
            meta.remove("labels");
        }
    }
    normalized(&t)
}

/// Whether two pod templates are the same but for the pod-template-hash label (`EqualIgnoreHash`).
pub fn equal_ignore_hash(a: &Value, b: &Value) -> bool {
    without_hash(a) == without_hash(b)
}

/// Key-sorted compact JSON, so a hash does not depend on the order a client wrote keys in.
fn canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.extend_from_slice(Value::String(k.clone()).to_string().as_bytes());
                out.push(b':');
                canonical(&m[k], out);
            }
            out.push(b'}');
        }
        Value::Array(a) => {
            out.push(b'[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(v, out);
            }
            out.push(b']');
        }
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
}

/// The pod-template-hash label value, computed like Kubernetes' `ComputeHash`: FNV-32a of the
/// template (and the collision count, when there was a collision), its decimal form mapped onto
/// the safe alphabet.
pub fn template_hash(template: &Value, collisions: i64) -> String {
    let mut bytes = Vec::new();
    canonical(&without_hash(template), &mut bytes);
    if collisions > 0 {
        bytes.extend_from_slice(collisions.to_string().as_bytes());
    }
    let mut h: u32 = 0x811c9dc5;
    for b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x01000193);
    }
    h.to_string()
        .bytes()
        .map(|b| char::from(ALPHANUMS[usize::from(b) % ALPHANUMS.len()]))
        .collect()
}

fn status_i(obj: &Value, key: &str) -> i64 {
    obj.pointer(&format!("/status/{key}"))
        .and_then(Value::as_i64)
        .unwrap_or(0)
}

fn annotation<'a>(obj: &'a Value, key: &str) -> Option<&'a str> {
    obj.pointer("/metadata/annotations")
        .and_then(|a| a.get(key))
        .and_then(Value::as_str)
}

/// The `deployment.kubernetes.io/revision` of a ReplicaSet (0 without one).
pub fn revision(obj: &Value) -> i64 {
    annotation(obj, REVISION).and_then(|r| r.parse().ok()).unwrap_or(0)
}

/// An int-or-percent of `desired`, rounded up (surge) or down (unavailable).
fn scaled(value: Option<&Value>, desired: i64, round_up: bool, default_percent: i64) -> i64 {
    let percent = |p: i64| {
        if round_up {
            (desired * p + 99) / 100
        } else {
            desired * p / 100
        }
    };
    match value {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) if s.ends_with('%') => s.trim_end_matches('%').parse::<i64>().map(percent).unwrap_or(0),
        Some(Value::String(s)) => s.parse().unwrap_or(0),
        _ => percent(default_percent),
    }
}

fn rolling(d: &Value) -> bool {
    d.pointer("/spec/strategy/type").and_then(Value::as_str) != Some("Recreate")
}

fn max_surge(d: &Value, desired: i64) -> i64 {
    if !rolling(d) {
        return 0;
    }
    scaled(d.pointer("/spec/strategy/rollingUpdate/maxSurge"), desired, true, 25)
}

fn max_unavailable(d: &Value, desired: i64) -> i64 {
    if !rolling(d) {
        return 0;
    }
    let surge = max_surge(d, desired);
    let unavailable = scaled(
        d.pointer("/spec/strategy/rollingUpdate/maxUnavailable"),
        desired,
        false,
        25,
    );
    // Both zero would never progress; the real controller then allows one unavailable.
    let unavailable = if surge == 0 && unavailable == 0 { 1 } else { unavailable };
    unavailable.min(desired)
}

/// The annotations the new ReplicaSet should carry: the Deployment's own (but the skip list),
/// its revision (bumped, with the history kept, when an old template comes back), and on
/// creation the replica annotations. `None` when nothing changes.
fn new_rs_annotations(d: &Value, rs: Option<&Value>, new_revision: i64, desired: i64) -> Option<Map<String, Value>> {
    let current: Map<String, Value> = rs
        .and_then(|rs| rs.pointer("/metadata/annotations"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut next = current.clone();
    if let Some(own) = d.pointer("/metadata/annotations").and_then(Value::as_object) {
        for (k, v) in own.iter().filter(|(k, _)| !NOT_COPIED.contains(&k.as_str())) {
            next.insert(k.clone(), v.clone());
        }
    }
    let old_revision = current.get(REVISION).and_then(Value::as_str);
    let old = old_revision.and_then(|r| r.parse::<i64>().ok()).unwrap_or(0);
    if old < new_revision {
        next.insert(REVISION.into(), json!(new_revision.to_string()));
        if let Some(old_text) = old_revision {
            let history = current
                .get(REVISION_HISTORY)
                .and_then(Value::as_str)
                .unwrap_or_default();
            let mut revisions: Vec<&str> = history.split(',').filter(|r| !r.is_empty()).collect();
            revisions.push(old_text);
            while revisions.join(",").len() > MAX_REVISION_HISTORY_CHARS && revisions.len() > 1 {
                revisions.remove(0);
            }
            next.insert(REVISION_HISTORY.into(), json!(revisions.join(",")));
        }
    }
    if rs.is_none() {
        next.insert(DESIRED_REPLICAS.into(), json!(desired.to_string()));
        next.insert(
            MAX_REPLICAS.into(),
            json!((desired + max_surge(d, desired)).to_string()),
        );
    }
    (rs.is_none() || next != current).then_some(next)
}

/// Sync one deployment: its ReplicaSets (new, old, scaled, pruned), revisions and status.
pub fn sync(ctx: &mut Ctx, d: &Value) {
    let shared = ctx.shared.clone();
    let d_res = by_kind("apps", "Deployment");
    let rs_res = by_kind("apps", "ReplicaSet");
    let ns = namespace_of(d).to_string();
    let name = name_of(d).to_string();
    let desired = replicas(d);
    let Some(template) = d.pointer("/spec/template").cloned() else {
        return;
    };
    let paused = d.pointer("/spec/paused").and_then(Value::as_bool) == Some(true);
    let mut owned: Vec<Arc<Value>> = shared
        .store
        .dependents_of(rs_res, &ns, uid_of(d))
        .into_iter()
        .filter(|rs| controlled_by(rs, uid_of(d)) && !deleting(rs))
        .collect();
    // The newest ReplicaSet whose template is the Deployment's (`FindNewReplicaSet`).
    owned.sort_by(|a, b| {
        let created = |o: &Value| {
            o.pointer("/metadata/creationTimestamp")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        created(a).cmp(&created(b)).then_with(|| name_of(a).cmp(name_of(b)))
    });
    let new_index = owned
        .iter()
        .rposition(|rs| equal_ignore_hash(rs.pointer("/spec/template").unwrap_or(&Value::Null), &template));
    let max_old_revision = owned
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != new_index)
        .map(|(_, rs)| revision(rs))
        .max()
        .unwrap_or(0);
    let new_revision = max_old_revision + 1;
    let new_rs: Option<Arc<Value>> = match new_index {
        Some(i) => {
            let rs = owned[i].clone();
            match new_rs_annotations(d, Some(&rs), new_revision, desired) {
                Some(annotations) => shared
                    .store
                    .mutate(rs_res, &ns, name_of(&rs), |o| {
                        o["metadata"]["annotations"] = Value::Object(annotations);
                    })
                    .or(Some(rs)),
                None => Some(rs),
            }
        }
        None if paused => None,
        None => match create_rs(ctx, d, &template, new_revision, desired) {
            Some(rs) => Some(Arc::new(rs)),
            None => return,
        },
    };
    if let Some(rs) = &new_rs {
        let rev = annotation(rs, REVISION).unwrap_or("1").to_string();
        if annotation(d, REVISION) != Some(rev.as_str()) {
            shared.store.mutate(d_res, &ns, &name, |o| {
                o["metadata"]["annotations"][REVISION] = json!(rev);
            });
        }
    }
    let new_name = new_rs.as_ref().map(|rs| name_of(rs).to_string());
    if let Some(rs) = &new_rs {
        scale_rs(ctx, d, rs, desired);
    }
    // Old ReplicaSets go to zero once the new one is fully available (all of them when
    // paused before a new template was rolled out: nothing to move to).
    let new_available = new_rs.as_ref().map_or(0, |rs| status_i(rs, "availableReplicas"));
    let old: Vec<&Value> = owned
        .iter()
        .filter(|rs| Some(name_of(rs)) != new_name.as_deref())
        .map(|rs| &**rs)
        .collect();
    if new_rs.is_some() && new_available >= desired {
        for rs in &old {
            scale_rs(ctx, d, rs, 0);
        }
    }
    cleanup(ctx, d, &old);
    update_status(ctx, d, new_name.as_deref(), paused);
}

/// Create the ReplicaSet for the Deployment's current template.
fn create_rs(ctx: &mut Ctx, d: &Value, template: &Value, new_revision: i64, desired: i64) -> Option<Value> {
    let shared = ctx.shared.clone();
    let (d_res, rs_res) = (by_kind("apps", "Deployment"), by_kind("apps", "ReplicaSet"));
    let (ns, name) = (namespace_of(d).to_string(), name_of(d).to_string());
    let collisions = status_i(d, "collisionCount");
    let hash = template_hash(template, collisions);
    let rs_name = format!("{name}-{hash}");
    let mut template = template.clone();
    template["metadata"]["labels"][POD_TEMPLATE_HASH] = json!(hash);
    let mut selector = d.pointer("/spec/selector").cloned().unwrap_or(json!({}));
    selector["matchLabels"][POD_TEMPLATE_HASH] = json!(hash);
    let labels = template["metadata"]["labels"].clone();
    let annotations = new_rs_annotations(d, None, new_revision, desired).unwrap_or_default();
    let mut spec = json!({"replicas": desired, "selector": selector, "template": template});
    if let Some(m) = d.pointer("/spec/minReadySeconds") {
        spec["minReadySeconds"] = m.clone();
    }
    let rs = json!({
        "metadata": {
            "name": rs_name,
            "labels": labels,
            "annotations": annotations,
            "ownerReferences": [owner_ref(d_res, d)],
        },
        "spec": spec,
    });
    match api::create(&shared, rs_res, &ns, rs, false) {
        Ok(created) => {
            ctx.event(
                d_res,
                d,
                Type::Normal,
                "ScalingReplicaSet",
                &format!("Scaled up replica set {rs_name} from 0 to {desired}"),
                "deployment-controller",
            );
            Some(created)
        }
        Err(e) if e.reason == "AlreadyExists" => {
            // A ReplicaSet of that name with another template: hash again with a higher
            // collision count, as the real controller does.
            shared.store.mutate(d_res, &ns, &name, |o| {
                o["status"]["collisionCount"] = json!(collisions + 1);
            });
            None
        }
        Err(_) => None,
    }
}

/// Set a ReplicaSet's replicas (and its replica annotations), with the controller's event.
fn scale_rs(ctx: &mut Ctx, d: &Value, rs: &Value, to: i64) {
    let shared = ctx.shared.clone();
    let desired = replicas(d);
    let current = replicas(rs);
    let want_desired = desired.to_string();
    let want_max = (desired + max_surge(d, desired)).to_string();
    let annotations_ok = to == 0
        || (annotation(rs, DESIRED_REPLICAS) == Some(want_desired.as_str())
            && annotation(rs, MAX_REPLICAS) == Some(want_max.as_str()));
    if current == to && annotations_ok {
        return;
    }
    shared
        .store
        .mutate(by_kind("apps", "ReplicaSet"), namespace_of(rs), name_of(rs), |o| {
            o["spec"]["replicas"] = json!(to);
            if !annotations_ok {
                o["metadata"]["annotations"][DESIRED_REPLICAS] = json!(want_desired);
                o["metadata"]["annotations"][MAX_REPLICAS] = json!(want_max);
            }
        });
    if current != to {
        let verb = if to > current { "up" } else { "down" };
        ctx.event(
            by_kind("apps", "Deployment"),
            d,
            Type::Normal,
            "ScalingReplicaSet",
            &format!("Scaled {verb} replica set {} from {current} to {to}", name_of(rs)),
            "deployment-controller",
        );
    }
}

/// Delete the oldest scaled-down ReplicaSets past `revisionHistoryLimit` (default 10).
fn cleanup(ctx: &mut Ctx, d: &Value, old: &[&Value]) {
    let limit = d
        .pointer("/spec/revisionHistoryLimit")
        .and_then(Value::as_i64)
        .unwrap_or(10)
        .max(0);
    let mut idle: Vec<&&Value> = old
        .iter()
        .filter(|rs| replicas(rs) == 0 && status_i(rs, "replicas") == 0)
        .collect();
    let excess = idle.len().saturating_sub(usize::try_from(limit).unwrap_or(usize::MAX));
    if excess == 0 {
        return;
    }
    idle.sort_by_key(|rs| revision(rs));
    for rs in idle.into_iter().take(excess) {
        let _ = api::delete(
            &ctx.shared,
            by_kind("apps", "ReplicaSet"),
            namespace_of(rs),
            name_of(rs),
            Propagation::Background,
            None,
            false,
        );
    }
}

/// Status from the ReplicaSets as they are now.
fn update_status(ctx: &mut Ctx, d: &Value, new_name: Option<&str>, paused: bool) {
    let shared = ctx.shared.clone();
    let (d_res, rs_res) = (by_kind("apps", "Deployment"), by_kind("apps", "ReplicaSet"));
    let (ns, name) = (namespace_of(d), name_of(d));
    let desired = replicas(d);
    let owned: Vec<Arc<Value>> = shared
        .store
        .dependents_of(rs_res, ns, uid_of(d))
        .into_iter()
        .filter(|rs| controlled_by(rs, uid_of(d)))
        .collect();
    let sum = |key: &str| owned.iter().map(|rs| status_i(rs, key)).sum::<i64>();
    let (total, ready, available) = (sum("replicas"), sum("readyReplicas"), sum("availableReplicas"));
    let new_rs = owned.iter().find(|rs| Some(name_of(rs)) == new_name);
    let updated = new_rs.map_or(0, |rs| status_i(rs, "replicas"));
    let prev = d.get("status");
    let min_available = desired - max_unavailable(d, desired);
    let available_cond = if available >= min_available {
        condition(
            prev,
            "Available",
            true,
            "MinimumReplicasAvailable",
            "Deployment has minimum availability.",
            true,
        )
    } else {
        condition(
            prev,
            "Available",
            false,
            "MinimumReplicasUnavailable",
            "Deployment does not have minimum availability.",
            true,
        )
    };
    let new_label = new_name.unwrap_or_default();
    let complete = new_rs.is_some_and(|rs| status_i(rs, "replicas") == desired)
        && updated == desired
        && total == desired
        && available == desired;
    let progressing_cond = if paused {
        condition(
            prev,
            "Progressing",
            false,
            "DeploymentPaused",
            "Deployment is paused",
            true,
        )
    } else if complete {
        condition(
            prev,
            "Progressing",
            true,
            "NewReplicaSetAvailable",
            &format!("ReplicaSet \"{new_label}\" has successfully progressed."),
            true,
        )
    } else {
        condition(
            prev,
            "Progressing",
            true,
            "ReplicaSetUpdated",
            &format!("ReplicaSet \"{new_label}\" is progressing."),
            true,
        )
    };
    let mut status = json!({
        "observedGeneration": d.pointer("/metadata/generation").cloned().unwrap_or(json!(1)),
        "replicas": total,
        "updatedReplicas": updated,
        "readyReplicas": ready,
        "availableReplicas": available,
        "conditions": [available_cond, progressing_cond],
    });
    if desired - available > 0 {
        status["unavailableReplicas"] = json!(desired - available);
    }
    if let Some(c) = d.pointer("/status/collisionCount") {
        status["collisionCount"] = c.clone();
    }
    for key in ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] {
        if status[key] == json!(0) {
            status.as_object_mut().expect("object").remove(key);
        }
    }
    if d.get("status") != Some(&status) {
        shared.store.mutate(d_res, ns, name, |o| o["status"] = status);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_uses_safe_alphabet_and_ignores_key_order_and_the_hash_label() {
        let t = json!({"metadata": {"labels": {"name": "pacman", "tier": "web"}}, "spec": {"containers": []}});
        let h = template_hash(&t, 0);
        assert!(!h.is_empty() && h.len() <= 10);
        assert!(h.bytes().all(|b| ALPHANUMS.contains(&b)));
        let reordered = json!({"spec": {}, "metadata": {"labels": {"tier": "web", "name": "pacman", "pod-template-hash": h}, "creationTimestamp": null}});
        assert_eq!(h, template_hash(&reordered, 0));
        assert_ne!(h, template_hash(&json!({"metadata": {"labels": {"name": "other"}}}), 0));
        assert_ne!(h, template_hash(&t, 1));
    }

    #[test]
    fn templates_compare_like_typed_objects() {
        let stored = json!({"metadata": {"labels": {"app": "d", "pod-template-hash": "abc"}},
                            "spec": {"containers": [{"name": "nginx", "image": "nginx", "resources": {}}]}});
        let from_kubectl = json!({"metadata": {"creationTimestamp": null, "labels": {"app": "d"}},
                                  "spec": {"containers": [{"image": "nginx", "name": "nginx", "args": []}]}});
        assert!(equal_ignore_hash(&stored, &from_kubectl));
        let other = json!({"metadata": {"labels": {"app": "d"}}, "spec": {"containers": [{"name": "nginx", "image": "nginx:1.25"}]}});
        assert!(!equal_ignore_hash(&stored, &other));
    }

    #[test]
    fn a_returning_template_keeps_its_revision_history() {
        let d = json!({"metadata": {"annotations": {"kubernetes.io/change-cause": "undo", REVISION: "2"}}, "spec": {"replicas": 4}});
        let rs = json!({"metadata": {"annotations": {REVISION: "1", DESIRED_REPLICAS: "4"}}});
        let next = new_rs_annotations(&d, Some(&rs), 3, 4).expect("changes");
        assert_eq!(next[REVISION], "3");
        assert_eq!(next[REVISION_HISTORY], "1");
        assert_eq!(next["kubernetes.io/change-cause"], "undo");
        assert!(!next.contains_key("deployment.kubernetes.io/revision-history-x"));
        let again = json!({"metadata": {"annotations": next}});
        assert_eq!(new_rs_annotations(&d, Some(&again), 3, 4), None);
        let created = new_rs_annotations(&d, None, 1, 4).expect("annotations");
        assert_eq!(
            (created[REVISION].as_str(), created[MAX_REPLICAS].as_str()),
            (Some("1"), Some("5"))
        );
    }

    #[test]
    fn surge_and_unavailable_round_like_the_controller() {
        let d = json!({"spec": {"strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}}});
        assert_eq!((max_surge(&d, 10), max_unavailable(&d, 10)), (3, 2));
        assert_eq!((max_surge(&d, 1), max_unavailable(&d, 1)), (1, 0));
        let recreate = json!({"spec": {"strategy": {"type": "Recreate"}}});
        assert_eq!(max_surge(&recreate, 10), 0);
    }
}
