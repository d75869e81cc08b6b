//! Printers of the access-control and policy kinds: Role and ClusterRole, RoleBinding and
//! ClusterRoleBinding, PodSecurityPolicy and PodDisruptionBudget.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::cells::{age, arr_at, int_at, name, str_at, timestamp};
use super::columns::{AGE, Col, NAME, col};

pub(super) const ROLE: &[Col] = &[NAME, col("Created At", "date", 0, AGE.description)];

pub(super) const ROLEBINDING: &[Col] = &[
    NAME,
    col(
        "Role",
        "string",
        0,
        "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.",
    ),
    AGE,
    col("Users", "string", 1, "Users in the roleBinding"),
    col("Groups", "string", 1, "Groups in the roleBinding"),
    col("ServiceAccounts", "string", 1, "ServiceAccounts in the roleBinding"),
];

pub(super) const PSP: &[Col] = &[
    NAME,
    col(
        "Priv",
        "string",
        0,
        "privileged determines if a pod can request to be run as privileged.",
    ),
    col(
        "Caps",
        "string",
        0,
        "allowedCapabilities is a list of capabilities that can be requested to add to the container.",
    ),
    col(
        "SELinux",
        "string",
        0,
        "seLinux is the strategy that will dictate the allowable labels that may be set.",
    ),
    col(
        "RunAsUser",
        "string",
        0,
        "runAsUser is the strategy that will dictate the allowable RunAsUser values that may be set.",
    ),
    col(
        "FsGroup",
        "string",
        0,
        "fsGroup is the strategy that will dictate what fs group is used by the SecurityContext.",
    ),
    col(
        "SupGroup",
        "string",
        0,
        "supplementalGroups is the strategy that will dictate what supplemental groups are used by the SecurityContext.",
    ),
    col(
        "ReadOnlyRootFs",
        "string",
        0,
        "readOnlyRootFilesystem when set to true will force containers to run with a read only root file system.",
    ),
    col("Volumes", "string", 0, "volumes is an allowlist of volume plugins."),
];

pub(super) const PDB: &[Col] = &[
    NAME,
    col(
        "Min Available",
        "string",
        0,
        "An eviction is allowed if at least \"minAvailable\" pods selected by \"selector\" will still be available after the eviction, i.e. even in the absence of the evicted pod.  So for example you can prevent all voluntary evictions by specifying \"100%\".",
    ),
    col(
        "Max Unavailable",
        "string",
        0,
        "An eviction is allowed if at most \"maxUnavailable\" pods selected by \"selector\" are unavailable after the eviction, i.e. even in absence of the evicted pod. For example, one can prevent all voluntary evictions by specifying 0. This is a mutually exclusive setting with \"minAvailable\".",
    ),
    col(
        "Allowed Disruptions",
        "integer",
        0,
        "Number of pod disruptions that are currently allowed.",
    ),
    AGE,
];

pub(super) fn role(obj: &Value, _now: Timestamp) -> Vec<Value> {
    let created = timestamp(str_at(obj, "/metadata/creationTimestamp"))
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default();
    vec![name(obj), json!(created)]
}

pub(super) fn rolebinding(obj: &Value, now: Timestamp) -> Vec<Value> {
    let subjects = arr_at(obj, "/subjects");
    let of_kind = |kind: &str| {
        subjects
            .iter()
            .filter(|s| str_at(s, "/kind") == kind)
            .map(|s| {
                if kind == "ServiceAccount" {
                    format!("{}/{}", str_at(s, "/namespace"), str_at(s, "/name"))
                } else {
                    str_at(s, "/name").to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        name(obj),
        json!(format!(
            "{}/{}",
            str_at(obj, "/roleRef/kind"),
            str_at(obj, "/roleRef/name")
        )),
        age(obj, now),
        json!(of_kind("User")),
        json!(of_kind("Group")),
        json!(of_kind("ServiceAccount")),
    ]
}

pub(super) fn psp(obj: &Value, _now: Timestamp) -> Vec<Value> {
    let strings = |ptr: &str| {
        arr_at(obj, ptr)
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(",")
    };
    let flag = |ptr: &str| obj.pointer(ptr).and_then(Value::as_bool).unwrap_or(false);
    vec![
        name(obj),
        json!(flag("/spec/privileged").to_string()),
        json!(strings("/spec/allowedCapabilities")),
        json!(str_at(obj, "/spec/seLinux/rule")),
        json!(str_at(obj, "/spec/runAsUser/rule")),
        json!(str_at(obj, "/spec/fsGroup/rule")),
        json!(str_at(obj, "/spec/supplementalGroups/rule")),
        json!(flag("/spec/readOnlyRootFilesystem")),
        json!(strings("/spec/volumes")),
    ]
}

pub(super) fn pdb(obj: &Value, now: Timestamp) -> Vec<Value> {
    let int_or_percent = |ptr: &str| match obj.pointer(ptr) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => "N/A".into(),
    };
    vec![
        name(obj),
        json!(int_or_percent("/spec/minAvailable")),
        json!(int_or_percent("/spec/maxUnavailable")),
        json!(int_at(obj, "/status/disruptionsAllowed")),
        age(obj, now),
    ]
}
