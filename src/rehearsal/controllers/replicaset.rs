//! ReplicaSet controller: keeps `spec.replicas` pods (named `<rs>-<5 chars>`) and reports status.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::rehearsal::api;
use crate::rehearsal::controllers::context::{Ctx, controlled_by, deleting, owner_ref, pod_ready, replicas};
use crate::rehearsal::events::Type;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of, uid_of};
use crate::rehearsal::selector::LabelSelector;
use crate::rehearsal::store::Propagation;

/// Sync one replica set: create or delete pods to reach `spec.replicas`, then write status.
pub fn sync(ctx: &mut Ctx, rs: &Value) {
    let shared = ctx.shared.clone();
    let rs_res = by_kind("apps", "ReplicaSet");
    let pod_res = by_kind("", "Pod");
    let ns = namespace_of(rs).to_string();
    let desired = replicas(rs);
    let selector = rs
        .pointer("/spec/selector")
        .map(LabelSelector::from_object)
        .unwrap_or_default();
    let mut owned: Vec<Arc<Value>> = shared
        .store
        .dependents_of(pod_res, &ns, uid_of(rs))
        .into_iter()
        .filter(|p| controlled_by(p, uid_of(rs)) && !deleting(p))
        .collect();
    let count = owned.len() as i64;
    if count < desired {
        let template = rs.pointer("/spec/template").cloned().unwrap_or(json!({}));
        for _ in count..desired {
            let pod_name = format!("{}-{}", name_of(rs), api::random_suffix(5));
            let mut meta = template.get("metadata").cloned().unwrap_or(json!({}));
            meta["name"] = json!(pod_name);
            meta["generateName"] = json!(format!("{}-", name_of(rs)));
            meta["ownerReferences"] = json!([owner_ref(rs_res, rs)]);
            let pod = json!({"metadata": meta, "spec": template.get("spec").cloned().unwrap_or(json!({}))});
            if let Ok(created) = api::create(&shared, pod_res, &ns, pod, false) {
                ctx.event(
                    rs_res,
                    rs,
                    Type::Normal,
                    "SuccessfulCreate",
                    &format!("Created pod: {pod_name}"),
                    "replicaset-controller",
                );
                owned.push(Arc::new(created));
            }
        }
    } else if count > desired {
        // Delete not-ready pods first, then the newest.
        owned.sort_by_key(|p| {
            (
                pod_ready(p),
                std::cmp::Reverse(
                    p.pointer("/metadata/creationTimestamp")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                ),
            )
        });
        let extra = (count - desired) as usize;
        for p in owned.drain(..extra) {
            if api::delete(&shared, pod_res, &ns, name_of(&p), Propagation::Background, None, false).is_ok() {
                ctx.event(
                    rs_res,
                    rs,
                    Type::Normal,
                    "SuccessfulDelete",
                    &format!("Deleted pod: {}", name_of(&p)),
                    "replicaset-controller",
                );
            }
        }
    }
    let ready = owned.iter().filter(|p| pod_ready(p)).count();
    let labeled = owned.iter().filter(|p| selector.matches(p)).count();
    let mut status = json!({
        "replicas": owned.len(),
        "fullyLabeledReplicas": labeled,
        "readyReplicas": ready,
        "availableReplicas": ready,
        "observedGeneration": rs.pointer("/metadata/generation").cloned().unwrap_or(json!(1)),
    });
    for key in ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"] {
        if status[key] == json!(0) {
            status.as_object_mut().expect("object").remove(key);
        }
    }
    if rs.get("status") != Some(&status) {
        shared.store.mutate(rs_res, &ns, name_of(rs), |o| o["status"] = status);
    }
}
