//! PersistentVolume controller and dynamic provisioner stand-in: claims bind to a pre-created
//! matching volume or to one provisioned for their StorageClass; claims without a class (and no
//! default) stay Pending with the real controller's event; released volumes are reclaimed.

use serde_json::{Value, json};

use crate::rehearsal::api;
use crate::rehearsal::controllers::context::{Ctx, deleting};
use crate::rehearsal::events::Type;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of, uid_of};
use crate::rehearsal::store::Propagation;

const NO_CLASS: &str = "no persistent volumes available for this claim and no storage class is set";

fn pods_use(ctx: &Ctx, ns: &str, claim: &str) -> bool {
    let (pods, _) = ctx.shared.store.list(by_kind("", "Pod"), Some(ns));
    pods.iter().any(|p| {
        p.pointer("/spec/volumes").and_then(Value::as_array).is_some_and(|vs| {
            vs.iter()
                .any(|v| v.pointer("/persistentVolumeClaim/claimName").and_then(Value::as_str) == Some(claim))
        })
    })
}

fn bind(ctx: &mut Ctx, pvc: &Value, pv_name: &str, by_controller: bool) {
    let shared = ctx.shared.clone();
    let pv_res = by_kind("", "PersistentVolume");
    let pvc_res = by_kind("", "PersistentVolumeClaim");
    let (ns, name) = (namespace_of(pvc).to_string(), name_of(pvc).to_string());
    let claim_ref = json!({
        "kind": "PersistentVolumeClaim", "namespace": ns, "name": name, "uid": uid_of(pvc),
        "apiVersion": "v1", "resourceVersion": pvc["metadata"]["resourceVersion"],
    });
    let Some(pv) = shared.store.mutate(pv_res, "", pv_name, |o| {
        o["spec"]["claimRef"] = claim_ref;
        o["status"] = json!({"phase": "Bound"});
        o["metadata"]["annotations"]["pv.kubernetes.io/bound-by-controller"] = json!("yes");
    }) else {
        return;
    };
    shared.store.mutate(pvc_res, &ns, &name, |o| {
        o["spec"]["volumeName"] = json!(pv_name);
        o["metadata"]["annotations"]["pv.kubernetes.io/bind-completed"] = json!("yes");
        if by_controller {
            o["metadata"]["annotations"]["pv.kubernetes.io/bound-by-controller"] = json!("yes");
        }
        o["status"] = json!({
            "phase": "Bound",
            "accessModes": pv.pointer("/spec/accessModes").cloned().unwrap_or(json!([])),
            "capacity": pv.pointer("/spec/capacity").cloned().unwrap_or(json!({})),
        });
    });
}

/// Reconcile claims and volumes.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let pvc_res = by_kind("", "PersistentVolumeClaim");
    let pv_res = by_kind("", "PersistentVolume");
    let sc_res = by_kind("storage.k8s.io", "StorageClass");
    let (claims, _) = shared.store.list(pvc_res, None);
    for pvc in claims.iter().filter(|c| !deleting(c)) {
        if pvc.pointer("/status/phase").and_then(Value::as_str) == Some("Bound") {
            continue;
        }
        let ns = namespace_of(pvc).to_string();
        let name = name_of(pvc).to_string();
        let class = match pvc.pointer("/spec/storageClassName") {
            None | Some(Value::Null) => {
                // Retroactive default StorageClass assignment (Kubernetes 1.28+).
                if shared.version.minor >= 28
                    && let Some(default) = shared.default_storage_class()
                {
                    shared
                        .store
                        .mutate(pvc_res, &ns, &name, |o| o["spec"]["storageClassName"] = json!(default));
                    continue;
                }
                None
            }
            Some(v) => v.as_str().map(str::to_string),
        };
        let wanted = pvc
            .pointer("/spec/resources/requests/storage")
            .cloned()
            .unwrap_or(json!("1Gi"));
        // Static binding: an Available volume of the same class (or of none, for class "").
        let (volumes, _) = shared.store.list(pv_res, None);
        let static_match = volumes.iter().find(|pv| {
            let pv_class = pv
                .pointer("/spec/storageClassName")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let claim_ref_ok = pv.pointer("/spec/claimRef").is_none_or(|r| {
                r.get("name").and_then(Value::as_str) == Some(&name)
                    && r.get("namespace").and_then(Value::as_str) == Some(&ns)
            });
            pv.pointer("/status/phase").and_then(Value::as_str) == Some("Available")
                && pv_class == class.as_deref().unwrap_or_default()
                && claim_ref_ok
                && !deleting(pv)
        });
        if let Some(pv) = static_match {
            let pv_name = name_of(pv).to_string();
            bind(ctx, pvc, &pv_name, true);
            continue;
        }
        let Some(class) = class.filter(|c| !c.is_empty()) else {
            ctx.event_once(
                pvc_res,
                pvc,
                Type::Normal,
                "FailedBinding",
                NO_CLASS,
                "persistentvolume-controller",
            );
            continue;
        };
        let Some(sc) = shared.store.get(sc_res, "", &class) else {
            let msg = format!("storageclass.storage.k8s.io \"{class}\" not found");
            ctx.event_once(
                pvc_res,
                pvc,
                Type::Warning,
                "ProvisioningFailed",
                &msg,
                "persistentvolume-controller",
            );
            continue;
        };
        let provisioner = sc
            .get("provisioner")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if provisioner == "kubernetes.io/no-provisioner" {
            ctx.event_once(
                pvc_res,
                pvc,
                Type::Normal,
                "FailedBinding",
                "no persistent volumes available for this claim",
                "persistentvolume-controller",
            );
            continue;
        }
        if sc.get("volumeBindingMode").and_then(Value::as_str) == Some("WaitForFirstConsumer")
            && !pods_use(ctx, &ns, &name)
        {
            ctx.event_once(
                pvc_res,
                pvc,
                Type::Normal,
                "WaitForFirstConsumer",
                "waiting for first consumer to be created before binding",
                "persistentvolume-controller",
            );
            continue;
        }
        if pvc
            .pointer("/metadata/annotations/volume.kubernetes.io~1storage-provisioner")
            .is_none()
        {
            shared.store.mutate(pvc_res, &ns, &name, |o| {
                o["metadata"]["annotations"]["volume.beta.kubernetes.io/storage-provisioner"] = json!(provisioner);
                o["metadata"]["annotations"]["volume.kubernetes.io/storage-provisioner"] = json!(provisioner);
            });
            ctx.event_once(
                pvc_res,
                pvc,
                Type::Normal,
                "ExternalProvisioning",
                &format!("Waiting for a volume to be created either by the external provisioner '{provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered."),
                "persistentvolume-controller",
            );
            continue;
        }
        ctx.event_once(
            pvc_res,
            pvc,
            Type::Normal,
            "Provisioning",
            &format!("External provisioner is provisioning volume for claim \"{ns}/{name}\""),
            &provisioner,
        );
        if !ctx.due(format!("{}/provision", uid_of(pvc))) {
            continue;
        }
        let pv_name = format!("pvc-{}", uid_of(pvc));
        let source = if provisioner == "k8s.io/minikube-hostpath" {
            json!({"hostPath": {"path": format!("/tmp/hostpath-provisioner/{ns}/{name}"), "type": ""}})
        } else {
            json!({"csi": {"driver": provisioner, "volumeHandle": uuid::Uuid::new_v4().to_string(), "fsType": "ext4"}})
        };
        let mut spec = json!({
            "capacity": {"storage": wanted},
            "accessModes": pvc.pointer("/spec/accessModes").cloned().unwrap_or(json!(["ReadWriteOnce"])),
            "persistentVolumeReclaimPolicy": sc.get("reclaimPolicy").cloned().unwrap_or(json!("Delete")),
            "storageClassName": class,
            "volumeMode": pvc.pointer("/spec/volumeMode").cloned().unwrap_or(json!("Filesystem")),
        });
        if let (Some(s), Some(src)) = (spec.as_object_mut(), source.as_object()) {
            s.extend(src.clone());
        }
        let pv = json!({
            "metadata": {"name": pv_name, "annotations": {"pv.kubernetes.io/provisioned-by": provisioner}},
            "spec": spec,
        });
        if api::create(&shared, pv_res, "", pv, false).is_ok() {
            ctx.event(
                pvc_res,
                pvc,
                Type::Normal,
                "ProvisioningSucceeded",
                &format!("Successfully provisioned volume {pv_name}"),
                &provisioner,
            );
            bind(ctx, pvc, &pv_name, false);
        }
    }
    // Reclaim volumes whose claim is gone.
    let (volumes, _) = shared.store.list(pv_res, None);
    for pv in volumes.iter().filter(|v| !deleting(v)) {
        let Some(claim_ref) = pv.pointer("/spec/claimRef") else {
            continue;
        };
        let (cns, cname) = (
            claim_ref.get("namespace").and_then(Value::as_str).unwrap_or_default(),
            claim_ref.get("name").and_then(Value::as_str).unwrap_or_default(),
        );
        let claim_uid = claim_ref.get("uid").and_then(Value::as_str);
        let alive = claims
            .iter()
            .any(|c| namespace_of(c) == cns && name_of(c) == cname && Some(uid_of(c)) == claim_uid)
            || shared
                .store
                .get(pvc_res, cns, cname)
                .is_some_and(|c| Some(uid_of(&c)) == claim_uid);
        if alive || pv.pointer("/status/phase").and_then(Value::as_str) != Some("Bound") {
            continue;
        }
        if pv
            .pointer("/spec/persistentVolumeReclaimPolicy")
            .and_then(Value::as_str)
            == Some("Delete")
        {
            let _ = api::delete(&shared, pv_res, "", name_of(pv), Propagation::Background, None, false);
        } else {
            shared
                .store
                .mutate(pv_res, "", name_of(pv), |o| o["status"] = json!({"phase": "Released"}));
        }
    }
}
