//! Printers of the storage kinds: PersistentVolumeClaim, PersistentVolume and StorageClass
//! (with `VolumeAttributesClass` from 1.29 on).

use jiff::Timestamp;
use serde_json::{Value, json};

use super::cells::{access_modes, age, arr_at, deleting, name, str_at};
use super::columns::{AGE, Col, NAME, col};

pub(super) const VAC: Col = Col {
    since_minor: 29,
    ..col(
        "VolumeAttributesClass",
        "string",
        0,
        "VolumeAttributesClass of the volume",
    )
};

pub(super) const PVC: &[Col] = &[
    NAME,
    col(
        "Status",
        "string",
        0,
        "phase represents the current phase of PersistentVolumeClaim.",
    ),
    col(
        "Volume",
        "string",
        0,
        "volumeName is the binding reference to the PersistentVolume backing this claim.",
    ),
    col(
        "Capacity",
        "string",
        0,
        "capacity represents the actual resources of the underlying volume.",
    ),
    col(
        "Access Modes",
        "string",
        0,
        "accessModes contains the actual access modes the volume backing the PVC has.",
    ),
    col("StorageClass", "string", 0, "StorageClass of the pvc"),
    VAC,
    AGE,
    col(
        "VolumeMode",
        "string",
        1,
        "volumeMode defines what type of volume is required by the claim.",
    ),
];

pub(super) const PV: &[Col] = &[
    NAME,
    col(
        "Capacity",
        "string",
        0,
        "capacity is the description of the persistent volume's resources and capacity.",
    ),
    col(
        "Access Modes",
        "string",
        0,
        "accessModes contains all ways the volume can be mounted.",
    ),
    col(
        "Reclaim Policy",
        "string",
        0,
        "persistentVolumeReclaimPolicy defines what happens to a persistent volume when released from its claim.",
    ),
    col(
        "Status",
        "string",
        0,
        "phase indicates if a volume is available, bound to a claim, or released by a claim.",
    ),
    col(
        "Claim",
        "string",
        0,
        "claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim.",
    ),
    col("StorageClass", "string", 0, "StorageClass of the pv"),
    VAC,
    col(
        "Reason",
        "string",
        0,
        "reason is a brief CamelCase string that describes any failure and is meant for machine parsing and tidy display in the CLI.",
    ),
    AGE,
    col(
        "VolumeMode",
        "string",
        1,
        "volumeMode defines if a volume is intended to be used with a formatted filesystem or to remain in raw block state.",
    ),
];

pub(super) const STORAGECLASS: &[Col] = &[
    NAME,
    col(
        "Provisioner",
        "string",
        0,
        "provisioner indicates the type of the provisioner.",
    ),
    col(
        "ReclaimPolicy",
        "string",
        0,
        "reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class.",
    ),
    col(
        "VolumeBindingMode",
        "string",
        0,
        "volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.",
    ),
    col(
        "AllowVolumeExpansion",
        "string",
        0,
        "allowVolumeExpansion shows whether the storage class allow volume expand.",
    ),
    AGE,
];

pub(super) fn storage_class_of(obj: &Value) -> &str {
    match obj
        .pointer("/metadata/annotations/volume.beta.kubernetes.io~1storage-class")
        .and_then(Value::as_str)
    {
        Some(c) => c,
        None => str_at(obj, "/spec/storageClassName"),
    }
}

pub(super) fn unset(s: &str) -> String {
    if s.is_empty() { "<unset>".into() } else { s.into() }
}

pub(super) fn pvc(obj: &Value, now: Timestamp) -> Vec<Value> {
    let phase = if deleting(obj) {
        "Terminating"
    } else {
        str_at(obj, "/status/phase")
    };
    let volume = str_at(obj, "/spec/volumeName");
    let (capacity, modes) = if volume.is_empty() {
        (String::new(), String::new())
    } else {
        (
            str_at(obj, "/status/capacity/storage").to_string(),
            access_modes(arr_at(obj, "/status/accessModes")),
        )
    };
    vec![
        name(obj),
        json!(phase),
        json!(volume),
        json!(capacity),
        json!(modes),
        json!(storage_class_of(obj)),
        json!(unset(str_at(obj, "/spec/volumeAttributesClassName"))),
        age(obj, now),
        json!(unset(str_at(obj, "/spec/volumeMode"))),
    ]
}

pub(super) fn pv(obj: &Value, now: Timestamp) -> Vec<Value> {
    let phase = if deleting(obj) {
        "Terminating"
    } else {
        str_at(obj, "/status/phase")
    };
    let claim = match obj.pointer("/spec/claimRef").filter(|c| !c.is_null()) {
        Some(c) => format!("{}/{}", str_at(c, "/namespace"), str_at(c, "/name")),
        None => String::new(),
    };
    vec![
        name(obj),
        json!(str_at(obj, "/spec/capacity/storage")),
        json!(access_modes(arr_at(obj, "/spec/accessModes"))),
        json!(str_at(obj, "/spec/persistentVolumeReclaimPolicy")),
        json!(phase),
        json!(claim),
        json!(storage_class_of(obj)),
        json!(unset(str_at(obj, "/spec/volumeAttributesClassName"))),
        json!(str_at(obj, "/status/reason")),
        age(obj, now),
        json!(unset(str_at(obj, "/spec/volumeMode"))),
    ]
}

pub(super) fn storageclass(obj: &Value, now: Timestamp) -> Vec<Value> {
    let ann = |k: &str| {
        obj.pointer(&format!("/metadata/annotations/{k}"))
            .and_then(Value::as_str)
            == Some("true")
    };
    let mut n = str_at(obj, "/metadata/name").to_string();
    if ann("storageclass.kubernetes.io~1is-default-class") || ann("storageclass.beta.kubernetes.io~1is-default-class") {
        n.push_str(" (default)");
    }
    let or = |ptr: &str, default: &'static str| match str_at(obj, ptr) {
        "" => default.to_string(),
        v => v.to_string(),
    };
    vec![
        json!(n),
        json!(str_at(obj, "/provisioner")),
        json!(or("/reclaimPolicy", "Delete")),
        json!(or("/volumeBindingMode", "Immediate")),
        json!(
            obj.get("allowVolumeExpansion")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        ),
        age(obj, now),
    ]
}
