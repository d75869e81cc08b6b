//! Disruption controller: each PodDisruptionBudget's status (expected and healthy pods, how many
//! disruptions are allowed, the DisruptionAllowed condition), computed from the pods its selector
//! matches as `pkg/controller/disruption` does. Nothing is ever evicted.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::rehearsal::controllers::context::{Ctx, condition, deleting, pod_ready, replicas};
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of, uid_of};
use crate::rehearsal::selector::LabelSelector;

/// An int-or-percent of `total`, rounded up (`GetScaledValueFromIntOrPercent(…, true)`).
fn scaled(v: &Value, total: i64) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => {
            let p: i64 = s.strip_suffix('%')?.parse().ok()?;
            Some((total * p + 99) / 100)
        }
        _ => None,
    }
}

/// The scale the pods' controllers want: each pod's controller counted once (a ReplicaSet's
/// Deployment, a StatefulSet); a pod without a controller counts for itself.
fn expected_scale(ctx: &Ctx, ns: &str, pods: &[&Value]) -> i64 {
    let store = &ctx.shared.store;
    let mut owners: HashMap<String, i64> = HashMap::new();
    let mut orphans = 0;
    for pod in pods {
        let owner = pod
            .pointer("/metadata/ownerReferences")
            .and_then(Value::as_array)
            .and_then(|refs| refs.iter().find(|r| r.get("controller") == Some(&json!(true))));
        let Some(owner) = owner else {
            orphans += 1;
            continue;
        };
        let kind = owner.get("kind").and_then(Value::as_str).unwrap_or_default();
        let name = owner.get("name").and_then(Value::as_str).unwrap_or_default();
        let scale = match kind {
            "ReplicaSet" => store.get(by_kind("apps", "ReplicaSet"), ns, name).map(|rs| {
                // A Deployment's ReplicaSet: the Deployment's scale.
                let deployment = rs
                    .pointer("/metadata/ownerReferences/0/name")
                    .and_then(Value::as_str)
                    .and_then(|d| store.get(by_kind("apps", "Deployment"), ns, d));
                let top = deployment.unwrap_or(rs);
                (uid_of(&top).to_string(), replicas(&top))
            }),
            "StatefulSet" => store
                .get(by_kind("apps", "StatefulSet"), ns, name)
                .map(|s| (uid_of(&s).to_string(), replicas(&s))),
            _ => None,
        };
        match scale {
            Some((uid, n)) => {
                owners.insert(uid, n);
            }
            None => orphans += 1,
        }
    }
    owners.values().sum::<i64>() + orphans
}

/// Reconcile all PodDisruptionBudgets.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let pdb_res = by_kind("policy", "PodDisruptionBudget");
    let (budgets, _) = shared.store.list(pdb_res, None);
    for pdb in budgets.iter().filter(|p| !deleting(p)) {
        let ns = namespace_of(pdb);
        let selector = pdb
            .pointer("/spec/selector")
            .map(LabelSelector::from_object)
            .unwrap_or_default();
        let (all, _) = shared.store.list(by_kind("", "Pod"), Some(ns));
        let pods: Vec<&Value> = all
            .iter()
            .filter(|p| !deleting(p) && selector.matches(p))
            .map(|p| &**p)
            .collect();
        let healthy = pods.iter().filter(|p| pod_ready(p)).count() as i64;
        let (expected, desired) = match (pdb.pointer("/spec/maxUnavailable"), pdb.pointer("/spec/minAvailable")) {
            (Some(max), _) if !max.is_null() => {
                let expected = expected_scale(ctx, ns, &pods);
                (expected, (expected - scaled(max, expected).unwrap_or(0)).max(0))
            }
            (_, Some(min @ Value::Number(_))) => (pods.len() as i64, scaled(min, 0).unwrap_or(0)),
            (_, Some(min)) if !min.is_null() => {
                let expected = expected_scale(ctx, ns, &pods);
                (expected, scaled(min, expected).unwrap_or(0))
            }
            _ => (pods.len() as i64, 0),
        };
        let allowed = (healthy - desired).max(0);
        let prev = pdb.get("status");
        let mut cond = if allowed > 0 {
            condition(prev, "DisruptionAllowed", true, "SufficientPods", "", false)
        } else {
            condition(prev, "DisruptionAllowed", false, "InsufficientPods", "", false)
        };
        let generation = pdb.pointer("/metadata/generation").cloned().unwrap_or(json!(1));
        cond["observedGeneration"] = generation.clone();
        let status = json!({
            "observedGeneration": generation,
            "disruptionsAllowed": allowed,
            "currentHealthy": healthy,
            "desiredHealthy": desired,
            "expectedPods": expected,
            "conditions": [cond],
        });
        if pdb.get("status") != Some(&status) {
            shared.store.mutate(pdb_res, ns, name_of(pdb), |o| o["status"] = status);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_or_percent_rounds_up() {
        assert_eq!(scaled(&json!(2), 10), Some(2));
        assert_eq!(scaled(&json!("25%"), 10), Some(3));
        assert_eq!(scaled(&json!("50%"), 3), Some(2));
        assert_eq!(scaled(&json!("x"), 3), None);
    }
}
