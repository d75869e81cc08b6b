//! Deployment controller: one ReplicaSet per pod template (named with the pod-template-hash),
//! old ReplicaSets scaled down once the new one is available, status and conditions.

use serde_json::{Value, json};

use crate::rehearsal::api::{self, ALPHANUMS};
use crate::rehearsal::controllers::{Ctx, condition, controlled_by, deleting, owner_ref, replicas};
use crate::rehearsal::events::Type;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::store::{name_of, namespace_of, uid_of};

/// The pod-template-hash label value, computed like Kubernetes: FNV-32a of the template, its
/// decimal form mapped onto the safe alphabet.
pub fn template_hash(template: &Value) -> String {
    let mut h: u32 = 0x811c9dc5;
    for b in serde_json::to_vec(template).unwrap_or_default() {
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

fn revision(rs: &Value) -> i64 {
    rs.pointer("/metadata/annotations/deployment.kubernetes.io~1revision")
        .and_then(Value::as_str)
        .and_then(|r| r.parse().ok())
        .unwrap_or(0)
}

fn max_unavailable(d: &Value, desired: i64) -> i64 {
    match d.pointer("/spec/strategy/rollingUpdate/maxUnavailable") {
        Some(Value::Number(n)) => n.as_i64().unwrap_or(0),
        Some(Value::String(s)) if s.ends_with('%') => s
            .trim_end_matches('%')
            .parse::<i64>()
            .map(|p| desired * p / 100)
            .unwrap_or(0),
        _ => desired / 4,
    }
}

/// Reconcile all deployments.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let d_res = by_kind("apps", "Deployment");
    let rs_res = by_kind("apps", "ReplicaSet");
    let (deployments, _) = shared.store.list(d_res, None);
    for d in deployments.into_iter().filter(|d| !deleting(d)) {
        let ns = namespace_of(&d).to_string();
        let name = name_of(&d).to_string();
        let desired = replicas(&d);
        let Some(mut template) = d.pointer("/spec/template").cloned() else {
            continue;
        };
        let hash = template_hash(&template);
        let (all_rs, _) = shared.store.list(rs_res, Some(&ns));
        let owned: Vec<Value> = all_rs
            .into_iter()
            .filter(|rs| controlled_by(rs, uid_of(&d)) && !deleting(rs))
            .collect();
        let new_rs = owned
            .iter()
            .find(|rs| rs.pointer("/metadata/labels/pod-template-hash").and_then(Value::as_str) == Some(&hash))
            .cloned();
        let next_revision = owned.iter().map(revision).max().unwrap_or(0) + 1;
        let new_rs = match new_rs {
            Some(rs) => {
                let current = replicas(&rs);
                if current != desired {
                    let updated = shared
                        .store
                        .mutate(rs_res, &ns, name_of(&rs), |o| o["spec"]["replicas"] = json!(desired));
                    let verb = if desired > current { "up" } else { "down" };
                    ctx.event(
                        d_res,
                        &d,
                        Type::Normal,
                        "ScalingReplicaSet",
                        &format!("Scaled {verb} replica set {} from {current} to {desired}", name_of(&rs)),
                        "deployment-controller",
                    );
                    updated.unwrap_or(rs)
                } else {
                    rs
                }
            }
            None => {
                let rs_name = format!("{name}-{hash}");
                template["metadata"]["labels"]["pod-template-hash"] = json!(hash);
                let mut selector = d.pointer("/spec/selector").cloned().unwrap_or(json!({}));
                selector["matchLabels"]["pod-template-hash"] = json!(hash);
                let labels = template["metadata"]["labels"].clone();
                let rs = json!({
                    "metadata": {
                        "name": rs_name,
                        "labels": labels,
                        "annotations": {
                            "deployment.kubernetes.io/desired-replicas": desired.to_string(),
                            "deployment.kubernetes.io/max-replicas": (desired + (desired + 3) / 4).to_string(),
                            "deployment.kubernetes.io/revision": next_revision.to_string(),
                        },
                        "ownerReferences": [owner_ref(d_res, &d)],
                    },
                    "spec": {"replicas": desired, "selector": selector, "template": template},
                });
                match api::create(&shared, rs_res, &ns, rs, false) {
                    Ok(created) => {
                        ctx.event(
                            d_res,
                            &d,
                            Type::Normal,
                            "ScalingReplicaSet",
                            &format!("Scaled up replica set {rs_name} from 0 to {desired}"),
                            "deployment-controller",
                        );
                        created
                    }
                    Err(_) => continue,
                }
            }
        };
        let new_available = status_i(&new_rs, "availableReplicas");
        let new_name = name_of(&new_rs).to_string();
        let old: Vec<&Value> = owned.iter().filter(|rs| name_of(rs) != new_name).collect();
        if new_available >= desired {
            for rs in &old {
                let current = replicas(rs);
                if current > 0 {
                    shared
                        .store
                        .mutate(rs_res, &ns, name_of(rs), |o| o["spec"]["replicas"] = json!(0));
                    ctx.event(
                        d_res,
                        &d,
                        Type::Normal,
                        "ScalingReplicaSet",
                        &format!("Scaled down replica set {} from {current} to 0", name_of(rs)),
                        "deployment-controller",
                    );
                }
            }
        }
        // Status from the ReplicaSets as they are now.
        let (all_rs, _) = shared.store.list(rs_res, Some(&ns));
        let owned: Vec<Value> = all_rs.into_iter().filter(|rs| controlled_by(rs, uid_of(&d))).collect();
        let sum = |key: &str| owned.iter().map(|rs| status_i(rs, key)).sum::<i64>();
        let (total, ready, available) = (sum("replicas"), sum("readyReplicas"), sum("availableReplicas"));
        let updated = owned
            .iter()
            .find(|rs| name_of(rs) == new_name)
            .map(|rs| status_i(rs, "replicas"))
            .unwrap_or(0);
        let prev = d.get("status");
        let min_available = desired - max_unavailable(&d, desired);
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
        let complete =
            updated == desired && total == desired && available == desired && status_i(&new_rs, "replicas") == desired;
        let progressing_cond = if complete {
            condition(
                prev,
                "Progressing",
                true,
                "NewReplicaSetAvailable",
                &format!("ReplicaSet \"{new_name}\" has successfully progressed."),
                true,
            )
        } else {
            condition(
                prev,
                "Progressing",
                true,
                "ReplicaSetUpdated",
                &format!("ReplicaSet \"{new_name}\" is progressing."),
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
        for key in ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] {
            if status[key] == json!(0) {
                status.as_object_mut().expect("object").remove(key);
            }
        }
        if d.get("status") != Some(&status) {
            shared.store.mutate(d_res, &ns, &name, |o| o["status"] = status);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_uses_safe_alphabet() {
        let h = template_hash(&json!({"metadata": {"labels": {"name": "pacman"}}}));
        assert!(!h.is_empty() && h.len() <= 10);
        assert!(h.bytes().all(|b| ALPHANUMS.contains(&b)));
        assert_eq!(h, template_hash(&json!({"metadata": {"labels": {"name": "pacman"}}})));
        assert_ne!(h, template_hash(&json!({"metadata": {"labels": {"name": "other"}}})));
    }
}
