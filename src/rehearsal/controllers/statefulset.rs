//! StatefulSet controller: pods `<name>-0`, `<name>-1`, … created in order, each Ready before the
//! next (OrderedReady), PVCs from volumeClaimTemplates, scale-down from the highest ordinal,
//! rolling replacement of outdated pods, status.

use std::sync::Arc;

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::rehearsal::api;
use crate::rehearsal::controllers::context::{Ctx, controlled_by, deleting, owner_ref, pod_ready, replicas};
use crate::rehearsal::controllers::deployment::template_hash;
use crate::rehearsal::events::Type;
use crate::rehearsal::kinds::{Resource, by_kind};
use crate::rehearsal::object::{name_of, namespace_of, uid_of};
use crate::rehearsal::store::Propagation;

fn ordinal(sts_name: &str, pod_name: &str) -> Option<i64> {
    pod_name.strip_prefix(sts_name)?.strip_prefix('-')?.parse().ok()
}

fn build_pod(sts: &Value, ord: i64, revision: &str, minor: u32) -> Value {
    let name = name_of(sts);
    let pod_name = format!("{name}-{ord}");
    let template = sts.pointer("/spec/template").cloned().unwrap_or(json!({}));
    let mut meta = template.get("metadata").cloned().unwrap_or(json!({}));
    meta["name"] = json!(pod_name);
    meta["generateName"] = json!(format!("{name}-"));
    meta["labels"]["controller-revision-hash"] = json!(revision);
    meta["labels"]["statefulset.kubernetes.io/pod-name"] = json!(pod_name);
    if minor >= 28 {
        meta["labels"]["apps.kubernetes.io/pod-index"] = json!(ord.to_string());
    }
    meta["ownerReferences"] = json!([owner_ref(by_kind("apps", "StatefulSet"), sts)]);
    let mut spec = template.get("spec").cloned().unwrap_or(json!({}));
    spec["hostname"] = json!(pod_name);
    if let Some(svc) = sts
        .pointer("/spec/serviceName")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
    {
        spec["subdomain"] = json!(svc);
    }
    for tpl in sts
        .pointer("/spec/volumeClaimTemplates")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let tname = tpl
            .pointer("/metadata/name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let volume = json!({"name": tname, "persistentVolumeClaim": {"claimName": format!("{tname}-{name}-{ord}")}});
        let volumes = spec
            .as_object_mut()
            .expect("object")
            .entry("volumes")
            .or_insert_with(|| json!([]));
        if let Some(list) = volumes.as_array_mut() {
            list.retain(|v| v.get("name").and_then(Value::as_str) != Some(tname));
            list.push(volume);
        }
    }
    json!({"metadata": meta, "spec": spec})
}

/// Sync one stateful set: claims and pods in order, scale-down, rolling update, status.
/// The Event the real controller records when it deletes one of its set's pods.
fn deleted(ctx: &Ctx, sts_res: &Resource, sts: &Value, pod: &Value) {
    ctx.event(
        sts_res,
        sts,
        Type::Normal,
        "SuccessfulDelete",
        &format!("delete Pod {} in StatefulSet {} successful", name_of(pod), name_of(sts)),
        "statefulset-controller",
    );
}

pub fn sync(ctx: &mut Ctx, sts: &Value) {
    let shared = ctx.shared.clone();
    let sts_res = by_kind("apps", "StatefulSet");
    let pod_res = by_kind("", "Pod");
    let pvc_res = by_kind("", "PersistentVolumeClaim");
    let ns = namespace_of(sts).to_string();
    let name = name_of(sts).to_string();
    let desired = replicas(sts);
    let revision = format!(
        "{name}-{}",
        template_hash(sts.pointer("/spec/template").unwrap_or(&Value::Null), 0)
    );
    let parallel = sts.pointer("/spec/podManagementPolicy").and_then(Value::as_str) == Some("Parallel");
    let mut owned: BTreeMap<i64, Arc<Value>> = shared
        .store
        .dependents_of(pod_res, &ns, uid_of(sts))
        .into_iter()
        .filter(|p| controlled_by(p, uid_of(sts)))
        .filter_map(|p| ordinal(&name, name_of(&p)).map(|o| (o, p)))
        .collect();
    // Claims first, for every ordinal that should exist.
    for ord in 0..desired {
        for tpl in sts
            .pointer("/spec/volumeClaimTemplates")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let tname = tpl
                .pointer("/metadata/name")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let claim = format!("{tname}-{name}-{ord}");
            if shared.store.get(pvc_res, &ns, &claim).is_none() {
                let mut pvc = tpl.clone();
                pvc["metadata"]["name"] = json!(claim);
                if let Some(labels) = sts.pointer("/spec/selector/matchLabels") {
                    pvc["metadata"]["labels"] = labels.clone();
                }
                if api::create(&shared, pvc_res, &ns, pvc, false).is_ok() {
                    ctx.event(
                        sts_res,
                        sts,
                        Type::Normal,
                        "SuccessfulCreate",
                        &format!("create Claim {claim} Pod {name}-{ord} in StatefulSet {name} success"),
                        "statefulset-controller",
                    );
                }
            }
        }
    }
    // Create missing pods in order.
    for ord in 0..desired {
        match owned.get(&ord) {
            Some(p) if pod_ready(p) && !deleting(p) => continue,
            Some(_) if parallel => continue,
            Some(_) => break,
            None => {
                let pod = build_pod(sts, ord, &revision, shared.version.minor);
                if let Ok(created) = api::create(&shared, pod_res, &ns, pod, false) {
                    ctx.event(
                        sts_res,
                        sts,
                        Type::Normal,
                        "SuccessfulCreate",
                        &format!("create Pod {name}-{ord} in StatefulSet {name} successful"),
                        "statefulset-controller",
                    );
                    owned.insert(ord, Arc::new(created));
                }
                if !parallel {
                    break;
                }
            }
        }
    }
    // Scale down from the highest ordinal, one at a time.
    let all_ready = owned.values().all(|p| pod_ready(p));
    if let Some((&ord, p)) = owned.iter().next_back()
        && ord >= desired
        && (parallel || all_ready || !pod_ready(p))
        && ctx.due(format!("{}/scaledown/{ord}", uid_of(sts)))
        && api::delete(&shared, pod_res, &ns, name_of(p), Propagation::Background, None, false).is_ok()
    {
        deleted(ctx, sts_res, sts, p);
        owned.remove(&ord);
    }
    // Rolling update: replace the highest outdated pod once everything is Ready.
    let complete = (0..desired).all(|o| owned.get(&o).is_some_and(|p| pod_ready(p))) && owned.len() as i64 == desired;
    if complete
        && let Some((_, p)) = owned.iter().rev().find(|(_, p)| {
            p.pointer("/metadata/labels/controller-revision-hash")
                .and_then(Value::as_str)
                != Some(&revision)
        })
        && api::delete(&shared, pod_res, &ns, name_of(p), Propagation::Background, None, false).is_ok()
    {
        deleted(ctx, sts_res, sts, p);
    }
    let owned: Vec<Arc<Value>> = shared
        .store
        .dependents_of(pod_res, &ns, uid_of(sts))
        .into_iter()
        .filter(|p| controlled_by(p, uid_of(sts)))
        .collect();
    let ready = owned.iter().filter(|p| pod_ready(p)).count();
    let current = owned
        .iter()
        .filter(|p| {
            p.pointer("/metadata/labels/controller-revision-hash")
                .and_then(Value::as_str)
                == Some(&revision)
        })
        .count();
    let mut status = json!({
        "observedGeneration": sts.pointer("/metadata/generation").cloned().unwrap_or(json!(1)),
        "replicas": owned.len(),
        "readyReplicas": ready,
        "currentReplicas": current,
        "updatedReplicas": current,
        "availableReplicas": ready,
        "currentRevision": revision,
        "updateRevision": revision,
        "collisionCount": 0,
    });
    for key in ["readyReplicas", "currentReplicas", "updatedReplicas"] {
        if status[key] == json!(0) {
            status.as_object_mut().expect("object").remove(key);
        }
    }
    if sts.get("status") != Some(&status) {
        shared.store.mutate(sts_res, &ns, &name, |o| o["status"] = status);
    }
}
