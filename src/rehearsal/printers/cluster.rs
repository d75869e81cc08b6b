//! Printers of the cluster and configuration kinds: Namespace, Node, Event, Secret, ConfigMap
//! and ServiceAccount.

use jiff::Timestamp;
use serde_json::{Value, json};
use std::collections::BTreeSet;

use super::cells::{age, arr_at, int_at, name, or_none, since, str_at, timestamp};
use super::columns::{AGE, Col, NAME, col};

pub(super) const NAMESPACE: &[Col] = &[NAME, col("Status", "string", 0, "The status of the namespace"), AGE];

pub(super) const NODE: &[Col] = &[
    NAME,
    col("Status", "string", 0, "The status of the node"),
    col("Roles", "string", 0, "The roles of the node"),
    AGE,
    col("Version", "string", 0, "Kubelet Version reported by the node."),
    col("Internal-IP", "string", 1, "List of addresses reachable to the node."),
    col("External-IP", "string", 1, "List of addresses reachable to the node."),
    col(
        "OS-Image",
        "string",
        1,
        "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
    ),
    col(
        "Kernel-Version",
        "string",
        1,
        "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    ),
    col(
        "Container-Runtime",
        "string",
        1,
        "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
    ),
];

pub(super) const EVENT: &[Col] = &[
    col(
        "Last Seen",
        "string",
        0,
        "The time at which the most recent occurrence of this event was recorded.",
    ),
    col(
        "Type",
        "string",
        0,
        "Type of this event (Normal, Warning), new types could be added in the future",
    ),
    col(
        "Reason",
        "string",
        0,
        "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col("Object", "string", 0, "The object that this event is about."),
    col(
        "Subobject",
        "string",
        1,
        "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.",
    ),
    col(
        "Source",
        "string",
        1,
        "The component reporting this event. Should be a short machine understandable string.",
    ),
    col(
        "Message",
        "string",
        0,
        "A human-readable description of the status of this operation.",
    ),
    col(
        "First Seen",
        "string",
        1,
        "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
    ),
    col("Count", "string", 1, "The number of times this event has occurred."),
    Col { priority: 1, ..NAME },
];

pub(super) const SECRET: &[Col] = &[
    NAME,
    col(
        "Type",
        "string",
        0,
        "Used to facilitate programmatic handling of secret data.",
    ),
    col("Data", "string", 0, "Data contains the secret data."),
    AGE,
];

pub(super) const CONFIGMAP: &[Col] = &[
    NAME,
    col("Data", "string", 0, "Data contains the configuration data."),
    AGE,
];

pub(super) const SERVICEACCOUNT: &[Col] = &[
    NAME,
    col(
        "Secrets",
        "string",
        0,
        "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
    ),
    AGE,
];

pub(super) fn namespace(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![name(obj), json!(str_at(obj, "/status/phase")), age(obj, now)]
}

pub(super) fn node(obj: &Value, now: Timestamp) -> Vec<Value> {
    let mut status: Vec<String> = arr_at(obj, "/status/conditions")
        .iter()
        .filter(|c| str_at(c, "/type") == "Ready")
        .take(1)
        .map(|c| {
            if str_at(c, "/status") == "True" {
                "Ready".into()
            } else {
                "NotReady".into()
            }
        })
        .collect();
    if status.is_empty() {
        status.push("Unknown".into());
    }
    if obj.pointer("/spec/unschedulable").and_then(Value::as_bool) == Some(true) {
        status.push("SchedulingDisabled".into());
    }
    let mut roles = BTreeSet::new();
    if let Some(labels) = obj.pointer("/metadata/labels").and_then(Value::as_object) {
        for (k, v) in labels {
            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                if !role.is_empty() {
                    roles.insert(role.to_string());
                }
            } else if k == "kubernetes.io/role"
                && let Some(v) = v.as_str().filter(|v| !v.is_empty())
            {
                roles.insert(v.to_string());
            }
        }
    }
    let roles = roles.into_iter().collect::<Vec<_>>().join(",");
    let address = |ty: &str| {
        arr_at(obj, "/status/addresses")
            .iter()
            .find(|a| str_at(a, "/type") == ty)
            .map(|a| str_at(a, "/address"))
            .unwrap_or_default()
    };
    let unknown = |ptr: &str| match str_at(obj, ptr) {
        "" => "<unknown>".to_string(),
        v => v.to_string(),
    };
    vec![
        name(obj),
        json!(status.join(",")),
        json!(or_none(&roles)),
        age(obj, now),
        json!(str_at(obj, "/status/nodeInfo/kubeletVersion")),
        json!(or_none(address("InternalIP"))),
        json!(or_none(address("ExternalIP"))),
        json!(unknown("/status/nodeInfo/osImage")),
        json!(unknown("/status/nodeInfo/kernelVersion")),
        json!(unknown("/status/nodeInfo/containerRuntimeVersion")),
    ]
}

pub(super) fn event(obj: &Value, now: Timestamp) -> Vec<Value> {
    let mut first = since(str_at(obj, "/firstTimestamp"), now);
    if timestamp(str_at(obj, "/firstTimestamp")).is_none() {
        first = since(str_at(obj, "/eventTime"), now);
    }
    let mut last = if timestamp(str_at(obj, "/lastTimestamp")).is_some() {
        since(str_at(obj, "/lastTimestamp"), now)
    } else {
        first.clone()
    };
    let mut count = int_at(obj, "/count");
    if let Some(series) = obj.get("series").filter(|s| !s.is_null()) {
        last = since(str_at(series, "/lastObservedTime"), now);
        count = int_at(series, "/count");
    } else if count == 0 {
        count = 1;
    }
    let kind = str_at(obj, "/involvedObject/kind").to_lowercase();
    let involved = str_at(obj, "/involvedObject/name");
    let target = if involved.is_empty() {
        kind
    } else {
        format!("{kind}/{involved}")
    };
    let first_non_empty = |a: &str, b: &str| if a.is_empty() { b.to_string() } else { a.to_string() };
    let component = first_non_empty(str_at(obj, "/source/component"), str_at(obj, "/reportingComponent"));
    let host = first_non_empty(str_at(obj, "/source/host"), str_at(obj, "/reportingInstance"));
    let source = if host.is_empty() {
        component
    } else {
        format!("{component}, {host}")
    };
    vec![
        json!(last),
        json!(str_at(obj, "/type")),
        json!(str_at(obj, "/reason")),
        json!(target),
        json!(str_at(obj, "/involvedObject/fieldPath")),
        json!(source),
        json!(str_at(obj, "/message").trim()),
        json!(first),
        json!(count),
        name(obj),
    ]
}

pub(super) fn len_of(obj: &Value, key: &str) -> usize {
    match obj.get(key) {
        Some(Value::Object(m)) => m.len(),
        Some(Value::Array(a)) => a.len(),
        _ => 0,
    }
}

pub(super) fn secret(obj: &Value, now: Timestamp) -> Vec<Value> {
    let ty = match str_at(obj, "/type") {
        "" => "Opaque",
        t => t,
    };
    vec![name(obj), json!(ty), json!(len_of(obj, "data")), age(obj, now)]
}

pub(super) fn configmap(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(len_of(obj, "data") + len_of(obj, "binaryData")),
        age(obj, now),
    ]
}

pub(super) fn serviceaccount(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![name(obj), json!(len_of(obj, "secrets")), age(obj, now)]
}
