//! Server-side printing: `meta.k8s.io/v1` Table responses for `Accept: application/json;as=Table`,
//! with the columns of the Kubernetes printers (`pkg/printers/internalversion`), computed from
//! the stored JSON. kubectl asks for tables for its human-readable output (`kubectl get`, `-o wide`).

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde_json::{Value, json};

use crate::rehearsal::convert;
use crate::rehearsal::kinds::Resource;
use crate::rehearsal::media::{Include, TableRequest};

/// One column definition.
struct Col {
    name: &'static str,
    ty: &'static str,
    priority: u8,
    description: &'static str,
    /// Shown from this minor version on.
    since_minor: u32,
}

const fn col(name: &'static str, ty: &'static str, priority: u8, description: &'static str) -> Col {
    Col {
        name,
        ty,
        priority,
        description,
        since_minor: 0,
    }
}

const NAME: Col = col(
    "Name",
    "string",
    0,
    "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
);
const AGE: Col = col(
    "Age",
    "string",
    0,
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
);
const CONTAINERS: Col = col("Containers", "string", 1, "Names of each container in the template.");
const IMAGES: Col = col(
    "Images",
    "string",
    1,
    "Images referenced by each container in the template.",
);
const SELECTOR: Col = col(
    "Selector",
    "string",
    1,
    "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
);
const VAC: Col = Col {
    since_minor: 29,
    ..col(
        "VolumeAttributesClass",
        "string",
        0,
        "VolumeAttributesClass of the volume",
    )
};

const POD: &[Col] = &[
    NAME,
    col(
        "Ready",
        "string",
        0,
        "The aggregate readiness state of this pod for accepting traffic.",
    ),
    col(
        "Status",
        "string",
        0,
        "The aggregate status of the containers in this pod.",
    ),
    col(
        "Restarts",
        "string",
        0,
        "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
    ),
    AGE,
    col(
        "IP",
        "string",
        1,
        "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
    ),
    col(
        "Node",
        "string",
        1,
        "NodeName indicates in which node this pod is scheduled.",
    ),
    col(
        "Nominated Node",
        "string",
        1,
        "nominatedNodeName is set only when this pod preempts other pods on the node.",
    ),
    col(
        "Readiness Gates",
        "string",
        1,
        "If specified, all readiness gates will be evaluated for pod readiness.",
    ),
];
const DEPLOYMENT: &[Col] = &[
    NAME,
    col("Ready", "string", 0, "Number of the pod with ready state"),
    col(
        "Up-to-date",
        "integer",
        0,
        "Total number of non-terminating pods targeted by this deployment that have the desired template spec.",
    ),
    col(
        "Available",
        "integer",
        0,
        "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.",
    ),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
];
const REPLICASET: &[Col] = &[
    NAME,
    col("Desired", "integer", 0, "Replicas is the number of desired pods."),
    col(
        "Current",
        "integer",
        0,
        "Replicas is the most recently observed number of non-terminating pods.",
    ),
    col(
        "Ready",
        "integer",
        0,
        "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.",
    ),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
];
const STATEFULSET: &[Col] = &[
    NAME,
    col("Ready", "string", 0, "Number of the pod with ready state"),
    AGE,
    CONTAINERS,
    IMAGES,
];
const SERVICE: &[Col] = &[
    NAME,
    col("Type", "string", 0, "type determines how the Service is exposed."),
    col(
        "Cluster-IP",
        "string",
        0,
        "clusterIP is the IP address of the service and is usually assigned randomly.",
    ),
    col(
        "External-IP",
        "string",
        0,
        "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
    ),
    col(
        "Port(s)",
        "string",
        0,
        "The list of ports that are exposed by this service.",
    ),
    AGE,
    col(
        "Selector",
        "string",
        1,
        "Route service traffic to pods with label keys and values matching this selector.",
    ),
];
const PVC: &[Col] = &[
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
const PV: &[Col] = &[
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
const STORAGECLASS: &[Col] = &[
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
const NAMESPACE: &[Col] = &[NAME, col("Status", "string", 0, "The status of the namespace"), AGE];
const NODE: &[Col] = &[
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
const INGRESS: &[Col] = &[
    NAME,
    col(
        "Class",
        "string",
        0,
        "The name of the IngressClass resource that should be used for additional configuration",
    ),
    col(
        "Hosts",
        "string",
        0,
        "Hosts that incoming requests are matched against before the ingress rule",
    ),
    col(
        "Address",
        "string",
        0,
        "Address is a list containing ingress points for the load-balancer",
    ),
    col("Ports", "string", 0, "Ports of TLS configurations that open"),
    AGE,
];
const INGRESSCLASS: &[Col] = &[
    NAME,
    col(
        "Controller",
        "string",
        0,
        "Controller that is responsible for handling this class",
    ),
    col(
        "Parameters",
        "string",
        0,
        "A reference to a resource with additional parameters",
    ),
    AGE,
];
const EVENT: &[Col] = &[
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
const ENDPOINTS: &[Col] = &[
    NAME,
    col(
        "Endpoints",
        "string",
        0,
        "The set of all endpoints is the union of all subsets.",
    ),
    AGE,
];
const SECRET: &[Col] = &[
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
const CONFIGMAP: &[Col] = &[
    NAME,
    col("Data", "string", 0, "Data contains the configuration data."),
    AGE,
];
const SERVICEACCOUNT: &[Col] = &[
    NAME,
    col(
        "Secrets",
        "string",
        0,
        "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.",
    ),
    AGE,
];
const ROLE: &[Col] = &[NAME, col("Created At", "date", 0, AGE.description)];
const ROLEBINDING: &[Col] = &[
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
const PSP: &[Col] = &[
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
const PDB: &[Col] = &[
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
const NETWORKPOLICY: &[Col] = &[
    NAME,
    col(
        "Pod-Selector",
        "string",
        0,
        "podSelector selects the pods to which this NetworkPolicy object applies. The array of rules is applied to any pods selected by this field. An empty selector matches all pods in this namespace.",
    ),
    AGE,
];
const FALLBACK: &[Col] = &[NAME, AGE];

type Printer = fn(&Value, Timestamp) -> Vec<Value>;

fn printer(res: &Resource) -> (&'static [Col], Printer) {
    // Printers read the stored object, in its storage version.
    let res = res.storage();
    match (res.group, res.kind) {
        ("", "Pod") => (POD, pod),
        ("apps", "Deployment") => (DEPLOYMENT, deployment),
        ("apps", "ReplicaSet") => (REPLICASET, replicaset),
        ("apps", "StatefulSet") => (STATEFULSET, statefulset),
        ("", "Service") => (SERVICE, service),
        ("", "PersistentVolumeClaim") => (PVC, pvc),
        ("", "PersistentVolume") => (PV, pv),
        ("storage.k8s.io", "StorageClass") => (STORAGECLASS, storageclass),
        ("", "Namespace") => (NAMESPACE, namespace),
        ("", "Node") => (NODE, node),
        ("networking.k8s.io", "Ingress") => (INGRESS, ingress),
        ("networking.k8s.io", "IngressClass") => (INGRESSCLASS, ingressclass),
        ("", "Event") => (EVENT, event),
        ("", "Endpoints") => (ENDPOINTS, endpoints),
        ("", "Secret") => (SECRET, secret),
        ("", "ConfigMap") => (CONFIGMAP, configmap),
        ("", "ServiceAccount") => (SERVICEACCOUNT, serviceaccount),
        ("rbac.authorization.k8s.io", "Role" | "ClusterRole") => (ROLE, role),
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => (ROLEBINDING, rolebinding),
        ("policy", "PodSecurityPolicy") => (PSP, psp),
        ("policy", "PodDisruptionBudget") => (PDB, pdb),
        ("networking.k8s.io", "NetworkPolicy") => (NETWORKPOLICY, networkpolicy),
        _ => (FALLBACK, fallback),
    }
}

/// The column definitions served for a resource on a cluster of the given minor version.
pub fn column_definitions(res: &Resource, minor: u32) -> Vec<Value> {
    let (cols, _) = printer(res);
    cols.iter()
        .filter(|c| minor >= c.since_minor)
        .map(|c| {
            json!({
                "name": c.name,
                "type": c.ty,
                "format": if c.name == "Name" { "name" } else { "" },
                "description": c.description,
                "priority": c.priority,
            })
        })
        .collect()
}

/// The cells of one object's row.
pub fn cells(res: &Resource, obj: &Value, minor: u32, now: Timestamp) -> Vec<Value> {
    let (cols, print) = printer(res);
    print(obj, now)
        .into_iter()
        .zip(cols)
        .filter(|(_, c)| minor >= c.since_minor)
        .map(|(cell, _)| cell)
        .collect()
}

/// One row: cells, conditions and the object as `includeObject` asks.
pub fn row(res: &Resource, obj: &Value, req: &TableRequest, now: Timestamp) -> Value {
    let mut row = json!({"cells": cells(res, obj, req.minor, now)});
    if res.kind == "Pod" && res.group.is_empty() {
        let (reason, message) = match str_at(obj, "/status/phase") {
            "Succeeded" => ("Succeeded", "The pod has completed successfully."),
            "Failed" => ("Failed", "The pod failed."),
            _ => ("", ""),
        };
        if !reason.is_empty() {
            row["conditions"] = json!([{"type": "Completed", "status": "True", "reason": reason, "message": message}]);
        }
    }
    match req.include {
        Include::None => {}
        Include::Object => row["object"] = convert::from_storage(res, obj),
        Include::Metadata => {
            row["object"] = json!({
                "kind": "PartialObjectMetadata",
                "apiVersion": req.api_version,
                "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
            });
        }
    }
    row
}

/// A Table of the given objects; `metadata` is the list metadata (resourceVersion, continue…).
pub fn table<O: std::borrow::Borrow<Value>>(res: &Resource, objs: &[O], metadata: Value, req: &TableRequest) -> Value {
    let now = Timestamp::now();
    let rows: Vec<Value> = objs.iter().map(|o| row(res, o.borrow(), req, now)).collect();
    json!({
        "kind": "Table",
        "apiVersion": req.api_version,
        "metadata": metadata,
        "columnDefinitions": column_definitions(res, req.minor),
        "rows": rows,
    })
}

/// A Table of one object (a get, or a watch event), with the object's resourceVersion.
pub fn single(res: &Resource, obj: &Value, req: &TableRequest) -> Value {
    let rv = str_at(obj, "/metadata/resourceVersion");
    table(res, std::slice::from_ref(obj), json!({"resourceVersion": rv}), req)
}

// ---------------------------------------------------------------------------------------------
// Helpers over the stored JSON.

fn str_at<'a>(obj: &'a Value, ptr: &str) -> &'a str {
    obj.pointer(ptr).and_then(Value::as_str).unwrap_or_default()
}

fn int_at(obj: &Value, ptr: &str) -> i64 {
    obj.pointer(ptr).and_then(Value::as_i64).unwrap_or_default()
}

fn arr_at<'a>(obj: &'a Value, ptr: &str) -> &'a [Value] {
    obj.pointer(ptr)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

fn or_none(s: &str) -> String {
    if s.is_empty() { "<none>".into() } else { s.into() }
}

fn timestamp(s: &str) -> Option<Timestamp> {
    s.parse::<Timestamp>().ok()
}

/// kubectl's `HumanDuration` (k8s.io/apimachinery/pkg/util/duration).
pub fn human_duration(secs: i64) -> String {
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    if secs < 120 {
        return format!("{secs}s");
    }
    let minutes = secs / 60;
    if minutes < 10 {
        let s = secs % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = secs / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// `translateTimestampSince`: `<unknown>` for a missing timestamp.
fn since(ts: &str, now: Timestamp) -> String {
    match timestamp(ts) {
        Some(t) => human_duration(now.as_second() - t.as_second()),
        None => "<unknown>".into(),
    }
}

fn age(obj: &Value, now: Timestamp) -> Value {
    json!(since(str_at(obj, "/metadata/creationTimestamp"), now))
}

fn name(obj: &Value) -> Value {
    json!(str_at(obj, "/metadata/name"))
}

fn deleting(obj: &Value) -> bool {
    obj.pointer("/metadata/deletionTimestamp").is_some_and(|v| !v.is_null())
}

fn join_containers(obj: &Value, ptr: &str, field: &str) -> String {
    arr_at(obj, ptr)
        .iter()
        .map(|c| str_at(c, &format!("/{field}")))
        .collect::<Vec<_>>()
        .join(",")
}

/// `metav1.LabelSelectorAsSelector(...).String()`.
fn label_selector(sel: Option<&Value>) -> String {
    let Some(sel) = sel.filter(|s| !s.is_null()) else {
        return "<none>".into();
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(m) = sel.get("matchLabels").and_then(Value::as_object) {
        parts.extend(m.iter().map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default())));
    }
    for e in arr_at(sel, "/matchExpressions") {
        let key = str_at(e, "/key");
        let mut values: Vec<&str> = arr_at(e, "/values").iter().filter_map(Value::as_str).collect();
        values.sort_unstable();
        parts.push(match str_at(e, "/operator") {
            "In" => format!("{key} in ({})", values.join(",")),
            "NotIn" => format!("{key} notin ({})", values.join(",")),
            "Exists" => key.to_string(),
            "DoesNotExist" => format!("!{key}"),
            other => format!("{key} {other}"),
        });
    }
    parts.sort();
    parts.join(",")
}

/// A plain `map[string]string` selector (Service), `<none>` when empty.
fn map_selector(sel: Option<&Value>) -> String {
    let mut parts: Vec<String> = sel
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    parts.sort();
    if parts.is_empty() {
        "<none>".into()
    } else {
        parts.join(",")
    }
}

fn access_modes(modes: &[Value]) -> String {
    let has = |m: &str| modes.iter().any(|v| v == m);
    [
        ("ReadWriteOnce", "RWO"),
        ("ReadOnlyMany", "ROX"),
        ("ReadWriteMany", "RWX"),
        ("ReadWriteOncePod", "RWOP"),
    ]
    .iter()
    .filter(|(m, _)| has(m))
    .map(|(_, short)| *short)
    .collect::<Vec<_>>()
    .join(",")
}

fn load_balancer_addresses(obj: &Value) -> String {
    arr_at(obj, "/status/loadBalancer/ingress")
        .iter()
        .filter_map(|i| {
            let ip = str_at(i, "/ip");
            let host = str_at(i, "/hostname");
            if !ip.is_empty() {
                Some(ip.to_string())
            } else if !host.is_empty() {
                Some(host.to_string())
            } else {
                None
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

// ---------------------------------------------------------------------------------------------
// Printers, one per kind, in the column order above (all columns, as the API server prints
// with `Wide: true`; kubectl hides priority-1 columns unless `-o wide`).

fn pod(obj: &Value, now: Timestamp) -> Vec<Value> {
    let total_spec = arr_at(obj, "/spec/containers").len();
    let mut total = total_spec;
    let mut ready = 0;
    let mut restarts: i64 = 0;
    let mut last_restart: Option<Timestamp> = None;
    let phase = str_at(obj, "/status/phase");
    let mut reason = phase.to_string();
    let status_reason = str_at(obj, "/status/reason");
    if !status_reason.is_empty() {
        reason = status_reason.to_string();
    }
    for c in arr_at(obj, "/status/conditions") {
        if str_at(c, "/type") == "PodScheduled" && str_at(c, "/reason") == "SchedulingGated" {
            reason = "SchedulingGated".into();
        }
    }
    let condition_true = |t: &str| {
        arr_at(obj, "/status/conditions")
            .iter()
            .any(|c| str_at(c, "/type") == t && str_at(c, "/status") == "True")
    };
    let mut note_restart = |c: &Value| {
        if let Some(t) = timestamp(str_at(c, "/lastState/terminated/finishedAt")) {
            last_restart = Some(last_restart.map_or(t, |l| l.max(t)));
        }
    };

    let init_specs = arr_at(obj, "/spec/initContainers");
    let init_statuses = arr_at(obj, "/status/initContainerStatuses");
    let mut initializing = false;
    for (i, c) in init_statuses.iter().enumerate() {
        restarts += int_at(c, "/restartCount");
        let sidecar = init_specs
            .iter()
            .find(|s| str_at(s, "/name") == str_at(c, "/name"))
            .is_some_and(|s| str_at(s, "/restartPolicy") == "Always");
        if sidecar {
            total += 1;
            note_restart(c);
            if c.get("ready").and_then(Value::as_bool) == Some(true) {
                ready += 1;
            }
        }
        let terminated = c.pointer("/state/terminated").filter(|t| !t.is_null());
        if terminated.is_some_and(|t| int_at(t, "/exitCode") == 0) {
            continue;
        }
        if sidecar && c.get("started").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let waiting_reason = str_at(c, "/state/waiting/reason");
        reason = if let Some(t) = terminated {
            let r = str_at(t, "/reason");
            if !r.is_empty() {
                format!("Init:{r}")
            } else if int_at(t, "/signal") != 0 {
                format!("Init:Signal:{}", int_at(t, "/signal"))
            } else {
                format!("Init:ExitCode:{}", int_at(t, "/exitCode"))
            }
        } else if !waiting_reason.is_empty() && waiting_reason != "PodInitializing" {
            format!("Init:{waiting_reason}")
        } else {
            format!("Init:{i}/{}", init_specs.len())
        };
        initializing = true;
        break;
    }
    if !initializing || condition_true("Initialized") {
        let mut has_running = false;
        for c in arr_at(obj, "/status/containerStatuses").iter().rev() {
            restarts += int_at(c, "/restartCount");
            note_restart(c);
            let waiting = str_at(c, "/state/waiting/reason");
            let terminated = c.pointer("/state/terminated").filter(|t| !t.is_null());
            if !waiting.is_empty() {
                reason = waiting.to_string();
            } else if let Some(t) = terminated {
                let r = str_at(t, "/reason");
                reason = if !r.is_empty() {
                    r.to_string()
                } else if int_at(t, "/signal") != 0 {
                    format!("Signal:{}", int_at(t, "/signal"))
                } else {
                    format!("ExitCode:{}", int_at(t, "/exitCode"))
                };
            } else if c.get("ready").and_then(Value::as_bool) == Some(true)
                && c.pointer("/state/running").is_some_and(|r| !r.is_null())
            {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if condition_true("Ready") { "Running" } else { "NotReady" }.into();
        }
    }
    if deleting(obj) && status_reason == "NodeLost" {
        reason = "Unknown".into();
    } else if deleting(obj) && !matches!(phase, "Succeeded" | "Failed") {
        reason = "Terminating".into();
    }
    let restarts = match last_restart {
        Some(t) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(now.as_second() - t.as_second())),
        _ => restarts.to_string(),
    };
    let ip = arr_at(obj, "/status/podIPs")
        .first()
        .map(|p| str_at(p, "/ip"))
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| str_at(obj, "/status/podIP"));
    let gates = arr_at(obj, "/spec/readinessGates");
    let gates = if gates.is_empty() {
        "<none>".to_string()
    } else {
        let trues = gates
            .iter()
            .filter(|g| condition_true(str_at(g, "/conditionType")))
            .count();
        format!("{trues}/{}", gates.len())
    };
    vec![
        name(obj),
        json!(format!("{ready}/{total}")),
        json!(reason),
        json!(restarts),
        age(obj, now),
        json!(or_none(ip)),
        json!(or_none(str_at(obj, "/spec/nodeName"))),
        json!(or_none(str_at(obj, "/status/nominatedNodeName"))),
        json!(gates),
    ]
}

fn replicas(obj: &Value) -> i64 {
    obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)
}

fn deployment(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(format!("{}/{}", int_at(obj, "/status/readyReplicas"), replicas(obj))),
        json!(int_at(obj, "/status/updatedReplicas")),
        json!(int_at(obj, "/status/availableReplicas")),
        age(obj, now),
        json!(join_containers(obj, "/spec/template/spec/containers", "name")),
        json!(join_containers(obj, "/spec/template/spec/containers", "image")),
        json!(label_selector(obj.pointer("/spec/selector"))),
    ]
}

fn replicaset(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(replicas(obj)),
        json!(int_at(obj, "/status/replicas")),
        json!(int_at(obj, "/status/readyReplicas")),
        age(obj, now),
        json!(join_containers(obj, "/spec/template/spec/containers", "name")),
        json!(join_containers(obj, "/spec/template/spec/containers", "image")),
        json!(label_selector(obj.pointer("/spec/selector"))),
    ]
}

fn statefulset(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(format!("{}/{}", int_at(obj, "/status/readyReplicas"), replicas(obj))),
        age(obj, now),
        json!(join_containers(obj, "/spec/template/spec/containers", "name")),
        json!(join_containers(obj, "/spec/template/spec/containers", "image")),
    ]
}

fn service(obj: &Value, now: Timestamp) -> Vec<Value> {
    let ty = match str_at(obj, "/spec/type") {
        "" => "ClusterIP",
        t => t,
    };
    let external_ips: Vec<&str> = arr_at(obj, "/spec/externalIPs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let external = match ty {
        "ClusterIP" | "NodePort" => or_none(&external_ips.join(",")),
        "LoadBalancer" => {
            let mut lb = load_balancer_addresses(obj);
            if !external_ips.is_empty() {
                if !lb.is_empty() {
                    lb.push(',');
                }
                lb.push_str(&external_ips.join(","));
            }
            if lb.is_empty() { "<pending>".into() } else { lb }
        }
        "ExternalName" => str_at(obj, "/spec/externalName").to_string(),
        _ => "<unknown>".into(),
    };
    let ports: Vec<String> = arr_at(obj, "/spec/ports")
        .iter()
        .map(|p| {
            let protocol = match str_at(p, "/protocol") {
                "" => "TCP",
                other => other,
            };
            let port = int_at(p, "/port");
            match int_at(p, "/nodePort") {
                0 => format!("{port}/{protocol}"),
                node_port => format!("{port}:{node_port}/{protocol}"),
            }
        })
        .collect();
    vec![
        name(obj),
        json!(ty),
        json!(or_none(str_at(obj, "/spec/clusterIP"))),
        json!(external),
        json!(or_none(&ports.join(","))),
        age(obj, now),
        json!(map_selector(obj.pointer("/spec/selector"))),
    ]
}

fn storage_class_of(obj: &Value) -> &str {
    match obj
        .pointer("/metadata/annotations/volume.beta.kubernetes.io~1storage-class")
        .and_then(Value::as_str)
    {
        Some(c) => c,
        None => str_at(obj, "/spec/storageClassName"),
    }
}

fn unset(s: &str) -> String {
    if s.is_empty() { "<unset>".into() } else { s.into() }
}

fn pvc(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn pv(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn storageclass(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn namespace(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![name(obj), json!(str_at(obj, "/status/phase")), age(obj, now)]
}

fn node(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn ingress(obj: &Value, now: Timestamp) -> Vec<Value> {
    let rules = arr_at(obj, "/spec/rules");
    let mut hosts: Vec<&str> = Vec::new();
    let mut more = false;
    for r in rules {
        if hosts.len() == 3 {
            more = true;
        }
        let host = str_at(r, "/host");
        if !more && !host.is_empty() {
            hosts.push(host);
        }
    }
    let hosts = if hosts.is_empty() {
        "*".to_string()
    } else if more {
        format!("{} + {} more...", hosts.join(","), rules.len() - 3)
    } else {
        hosts.join(",")
    };
    let ports = if arr_at(obj, "/spec/tls").is_empty() {
        "80"
    } else {
        "80, 443"
    };
    vec![
        name(obj),
        json!(or_none(str_at(obj, "/spec/ingressClassName"))),
        json!(hosts),
        json!(load_balancer_addresses(obj)),
        json!(ports),
        age(obj, now),
    ]
}

fn ingressclass(obj: &Value, now: Timestamp) -> Vec<Value> {
    let params = match obj.pointer("/spec/parameters").filter(|p| !p.is_null()) {
        Some(p) => {
            let mut s = str_at(p, "/kind").to_string();
            let group = str_at(p, "/apiGroup");
            if !group.is_empty() {
                s = format!("{s}.{group}");
            }
            format!("{s}/{}", str_at(p, "/name"))
        }
        None => "<none>".into(),
    };
    vec![
        name(obj),
        json!(str_at(obj, "/spec/controller")),
        json!(params),
        age(obj, now),
    ]
}

fn event(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn endpoints(obj: &Value, now: Timestamp) -> Vec<Value> {
    const MAX: usize = 3;
    let subsets = arr_at(obj, "/subsets");
    let text = if subsets.is_empty() {
        "<none>".to_string()
    } else {
        let mut list: Vec<String> = Vec::new();
        let mut count = 0;
        for ss in subsets {
            let addresses = arr_at(ss, "/addresses");
            let ports = arr_at(ss, "/ports");
            if ports.is_empty() {
                count += addresses.len();
                list.extend(addresses.iter().map(|a| str_at(a, "/ip").to_string()));
            } else {
                for p in ports {
                    count += addresses.len();
                    for a in addresses {
                        let ip = str_at(a, "/ip");
                        let port = int_at(p, "/port");
                        list.push(if ip.contains(':') {
                            format!("[{ip}]:{port}")
                        } else {
                            format!("{ip}:{port}")
                        });
                    }
                }
            }
        }
        if list.len() > MAX {
            list.truncate(MAX);
            format!("{} + {} more...", list.join(","), count - MAX)
        } else {
            list.join(",")
        }
    };
    vec![name(obj), json!(text), age(obj, now)]
}

fn len_of(obj: &Value, key: &str) -> usize {
    match obj.get(key) {
        Some(Value::Object(m)) => m.len(),
        Some(Value::Array(a)) => a.len(),
        _ => 0,
    }
}

fn secret(obj: &Value, now: Timestamp) -> Vec<Value> {
    let ty = match str_at(obj, "/type") {
        "" => "Opaque",
        t => t,
    };
    vec![name(obj), json!(ty), json!(len_of(obj, "data")), age(obj, now)]
}

fn configmap(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(len_of(obj, "data") + len_of(obj, "binaryData")),
        age(obj, now),
    ]
}

fn serviceaccount(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![name(obj), json!(len_of(obj, "secrets")), age(obj, now)]
}

fn role(obj: &Value, _now: Timestamp) -> Vec<Value> {
    let created = timestamp(str_at(obj, "/metadata/creationTimestamp"))
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default();
    vec![name(obj), json!(created)]
}

fn rolebinding(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn psp(obj: &Value, _now: Timestamp) -> Vec<Value> {
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

fn pdb(obj: &Value, now: Timestamp) -> Vec<Value> {
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

fn networkpolicy(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(or_none(&label_selector(obj.pointer("/spec/podSelector")))),
        age(obj, now),
    ]
}

fn fallback(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![name(obj), age(obj, now)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::kinds;

    fn res(group: &str, plural: &str) -> &'static Resource {
        let version = match group {
            "" => "v1",
            "policy" => "v1beta1",
            _ => "v1",
        };
        kinds::lookup(group, version, plural, 21).expect("served resource")
    }

    fn now() -> Timestamp {
        "2024-05-01T12:00:00Z".parse().expect("timestamp")
    }

    fn row_of(group: &str, plural: &str, obj: &Value, minor: u32) -> Vec<(String, Value)> {
        let r = res(group, plural);
        let cols = column_definitions(r, minor);
        let cells = cells(r, obj, minor, now());
        assert_eq!(cols.len(), cells.len(), "one cell per column for {plural}");
        cols.iter()
            .map(|c| c["name"].as_str().expect("name").to_string())
            .zip(cells)
            .collect()
    }

    fn cell(row: &[(String, Value)], col: &str) -> Value {
        row.iter()
            .find(|(n, _)| n == col)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no column {col}"))
    }

    #[test]
    fn human_durations_match_kubectl() {
        for (secs, want) in [
            (-5, "<invalid>"),
            (-1, "0s"),
            (5, "5s"),
            (119, "119s"),
            (182, "3m2s"),
            (300, "5m"),
            (600, "10m"),
            (3 * 3600 + 5 * 60, "3h5m"),
            (10 * 3600, "10h"),
            (2 * 86400, "2d"),
            (3 * 86400 + 4 * 3600, "3d4h"),
            (30 * 86400, "30d"),
            (3 * 365 * 86400 + 86400, "3y1d"),
            (9 * 365 * 86400, "9y"),
        ] {
            assert_eq!(human_duration(secs), want, "{secs}s");
        }
    }

    #[test]
    fn pod_columns() {
        let pod = json!({
            "metadata": {"name": "mongo-0", "creationTimestamp": "2024-05-01T11:59:55Z"},
            "spec": {"nodeName": "minikube", "containers": [{"name": "mongo"}]},
            "status": {"phase": "Running", "podIP": "10.244.0.5", "podIPs": [{"ip": "10.244.0.5"}],
                "conditions": [{"type": "Ready", "status": "True"}],
                "containerStatuses": [{"name": "mongo", "ready": true, "restartCount": 0,
                    "state": {"running": {"startedAt": "2024-05-01T11:59:57Z"}}}]}
        });
        let row = row_of("", "pods", &pod, 31);
        let names: Vec<&str> = row.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Name",
                "Ready",
                "Status",
                "Restarts",
                "Age",
                "IP",
                "Node",
                "Nominated Node",
                "Readiness Gates"
            ]
        );
        let values: Vec<Value> = row.into_iter().map(|(_, v)| v).collect();
        assert_eq!(
            values,
            [
                json!("mongo-0"),
                json!("1/1"),
                json!("Running"),
                json!("0"),
                json!("5s"),
                json!("10.244.0.5"),
                json!("minikube"),
                json!("<none>"),
                json!("<none>")
            ]
        );
        let pending = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]},
            "status": {"phase": "Pending"}});
        let row = row_of("", "pods", &pending, 31);
        assert_eq!(cell(&row, "Ready"), json!("0/2"));
        assert_eq!(cell(&row, "Status"), json!("Pending"));
        assert_eq!(cell(&row, "Age"), json!("<unknown>"));
        assert_eq!(cell(&row, "Node"), json!("<none>"));
        let creating = json!({"metadata": {"name": "p", "deletionTimestamp": null},
            "spec": {"containers": [{"name": "a"}]},
            "status": {"phase": "Pending", "containerStatuses": [{"name": "a", "ready": false, "restartCount": 2,
                "lastState": {"terminated": {"finishedAt": "2024-05-01T11:58:00Z"}},
                "state": {"waiting": {"reason": "ContainerCreating"}}}]}});
        let row = row_of("", "pods", &creating, 31);
        assert_eq!(cell(&row, "Status"), json!("ContainerCreating"));
        assert_eq!(cell(&row, "Restarts"), json!("2 (2m ago)"));
        let terminating = json!({"metadata": {"name": "p", "deletionTimestamp": "2024-05-01T11:59:00Z"},
            "spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Running"}});
        assert_eq!(
            cell(&row_of("", "pods", &terminating, 31), "Status"),
            json!("Terminating")
        );
        let init = json!({"metadata": {"name": "p"},
            "spec": {"initContainers": [{"name": "i"}], "containers": [{"name": "a"}]},
            "status": {"phase": "Pending", "initContainerStatuses": [{"name": "i", "restartCount": 0,
                "state": {"running": {}}}]}});
        assert_eq!(cell(&row_of("", "pods", &init, 31), "Status"), json!("Init:0/1"));
    }

    #[test]
    fn completed_pods_carry_a_row_condition() {
        let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
            "status": {"phase": "Succeeded", "containerStatuses": [{"name": "a", "ready": false,
                "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}});
        let req = TableRequest {
            api_version: "meta.k8s.io/v1",
            include: Include::None,
            minor: 31,
        };
        let row = row(res("", "pods"), &pod, &req, now());
        assert_eq!(row["cells"][2], json!("Completed"));
        assert_eq!(row["conditions"][0]["type"], json!("Completed"));
        assert!(row.get("object").is_none());
    }

    #[test]
    fn workload_columns() {
        let template =
            json!({"spec": {"containers": [{"name": "pacman", "image": "quay.io/ifont/pacman-nodejs-app:latest"}]}});
        let deploy = json!({"metadata": {"name": "pacman", "creationTimestamp": "2024-05-01T11:57:00Z"},
            "spec": {"replicas": 3, "selector": {"matchLabels": {"name": "pacman"}}, "template": template},
            "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}});
        let row = row_of("apps", "deployments", &deploy, 31);
        let values: Vec<Value> = row.into_iter().map(|(_, v)| v).collect();
        assert_eq!(
            values,
            [
                json!("pacman"),
                json!("2/3"),
                json!(3),
                json!(2),
                json!("3m"),
                json!("pacman"),
                json!("quay.io/ifont/pacman-nodejs-app:latest"),
                json!("name=pacman")
            ]
        );
        let rs = json!({"metadata": {"name": "pacman-abc"}, "spec": {"replicas": 3,
            "selector": {"matchLabels": {"name": "pacman", "pod-template-hash": "abc"},
                "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web", "api"]}]}, "template": template},
            "status": {"replicas": 3, "readyReplicas": 1}});
        let row = row_of("apps", "replicasets", &rs, 31);
        assert_eq!(cell(&row, "Desired"), json!(3));
        assert_eq!(cell(&row, "Current"), json!(3));
        assert_eq!(cell(&row, "Ready"), json!(1));
        assert_eq!(
            cell(&row, "Selector"),
            json!("name=pacman,pod-template-hash=abc,tier in (api,web)")
        );
        let sts = json!({"metadata": {"name": "mongo"}, "spec": {"template": template}, "status": {}});
        let row = row_of("apps", "statefulsets", &sts, 31);
        assert_eq!(cell(&row, "Ready"), json!("0/1"));
        assert_eq!(row.len(), 5);
    }

    #[test]
    fn service_columns() {
        let lb = json!({"metadata": {"name": "pacman"}, "spec": {"type": "LoadBalancer", "clusterIP": "10.96.12.3",
            "ports": [{"port": 80, "nodePort": 31234, "protocol": "TCP"}], "selector": {"name": "pacman"}},
            "status": {"loadBalancer": {}}});
        let row = row_of("", "services", &lb, 31);
        assert_eq!(cell(&row, "Type"), json!("LoadBalancer"));
        assert_eq!(cell(&row, "External-IP"), json!("<pending>"));
        assert_eq!(cell(&row, "Port(s)"), json!("80:31234/TCP"));
        assert_eq!(cell(&row, "Selector"), json!("name=pacman"));
        let with_ip = json!({"metadata": {"name": "x"}, "spec": {"type": "LoadBalancer", "clusterIP": "10.96.0.9"},
            "status": {"loadBalancer": {"ingress": [{"ip": "127.0.49.2"}]}}});
        assert_eq!(
            cell(&row_of("", "services", &with_ip, 31), "External-IP"),
            json!("127.0.49.2")
        );
        let headless = json!({"metadata": {"name": "mongo"}, "spec": {"clusterIP": "None",
            "ports": [{"port": 27017}, {"port": 53, "protocol": "UDP"}]}});
        let row = row_of("", "services", &headless, 31);
        assert_eq!(cell(&row, "Type"), json!("ClusterIP"));
        assert_eq!(cell(&row, "Cluster-IP"), json!("None"));
        assert_eq!(cell(&row, "External-IP"), json!("<none>"));
        assert_eq!(cell(&row, "Port(s)"), json!("27017/TCP,53/UDP"));
        assert_eq!(cell(&row, "Selector"), json!("<none>"));
    }

    #[test]
    fn storage_columns_follow_the_version() {
        let claim = json!({"metadata": {"name": "mongo-storage"},
            "spec": {"storageClassName": "standard", "volumeName": "pvc-1", "volumeMode": "Filesystem"},
            "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"]}});
        let new = row_of("", "persistentvolumeclaims", &claim, 31);
        let names: Vec<&str> = new.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Name",
                "Status",
                "Volume",
                "Capacity",
                "Access Modes",
                "StorageClass",
                "VolumeAttributesClass",
                "Age",
                "VolumeMode"
            ]
        );
        assert_eq!(cell(&new, "Access Modes"), json!("RWO"));
        assert_eq!(cell(&new, "VolumeAttributesClass"), json!("<unset>"));
        let old = row_of("", "persistentvolumeclaims", &claim, 21);
        assert!(old.iter().all(|(n, _)| n != "VolumeAttributesClass"));
        assert_eq!(cell(&old, "Capacity"), json!("1Gi"));
        let pending = json!({"metadata": {"name": "c"}, "spec": {}, "status": {"phase": "Pending"}});
        let row = row_of("", "persistentvolumeclaims", &pending, 21);
        assert_eq!(cell(&row, "Capacity"), json!(""));
        assert_eq!(cell(&row, "StorageClass"), json!(""));

        let volume = json!({"metadata": {"name": "pvc-1"}, "spec": {"capacity": {"storage": "1Gi"},
            "accessModes": ["ReadWriteMany", "ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Delete",
            "storageClassName": "standard", "claimRef": {"namespace": "pacman", "name": "mongo-storage"}},
            "status": {"phase": "Bound"}});
        let row = row_of("", "persistentvolumes", &volume, 31);
        assert_eq!(cell(&row, "Access Modes"), json!("RWO,RWX"));
        assert_eq!(cell(&row, "Claim"), json!("pacman/mongo-storage"));
        assert_eq!(cell(&row, "Reason"), json!(""));

        let sc = json!({"metadata": {"name": "standard",
            "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
            "provisioner": "k8s.io/minikube-hostpath"});
        let row = row_of("storage.k8s.io", "storageclasses", &sc, 31);
        let values: Vec<Value> = row.into_iter().map(|(_, v)| v).collect();
        assert_eq!(
            values[..5],
            [
                json!("standard (default)"),
                json!("k8s.io/minikube-hostpath"),
                json!("Delete"),
                json!("Immediate"),
                json!(false)
            ]
        );
    }

    #[test]
    fn cluster_and_config_columns() {
        let node = json!({"metadata": {"name": "minikube", "labels": {"node-role.kubernetes.io/control-plane": ""}},
            "status": {"conditions": [{"type": "Ready", "status": "True"}],
                "addresses": [{"type": "InternalIP", "address": "127.0.49.2"}],
                "nodeInfo": {"kubeletVersion": "v1.21.2"}}});
        let row = row_of("", "nodes", &node, 21);
        assert_eq!(cell(&row, "Status"), json!("Ready"));
        assert_eq!(cell(&row, "Roles"), json!("control-plane"));
        assert_eq!(cell(&row, "Version"), json!("v1.21.2"));
        assert_eq!(cell(&row, "Internal-IP"), json!("127.0.49.2"));
        assert_eq!(cell(&row, "External-IP"), json!("<none>"));
        assert_eq!(cell(&row, "OS-Image"), json!("<unknown>"));

        let ns = json!({"metadata": {"name": "pacman"}, "status": {"phase": "Active"}});
        assert_eq!(cell(&row_of("", "namespaces", &ns, 31), "Status"), json!("Active"));

        let secret = json!({"metadata": {"name": "s"}, "type": "kubernetes.io/tls", "data": {"a": "", "b": ""}});
        let row = row_of("", "secrets", &secret, 31);
        assert_eq!(
            (cell(&row, "Type"), cell(&row, "Data")),
            (json!("kubernetes.io/tls"), json!(2))
        );
        let cm = json!({"metadata": {"name": "c"}, "data": {"a": "1"}, "binaryData": {"b": ""}});
        assert_eq!(cell(&row_of("", "configmaps", &cm, 31), "Data"), json!(2));
        let sa = json!({"metadata": {"name": "default"}});
        assert_eq!(cell(&row_of("", "serviceaccounts", &sa, 31), "Secrets"), json!(0));

        let ep = json!({"metadata": {"name": "pacman"}, "subsets": [{"addresses": [
            {"ip": "10.244.0.4"}, {"ip": "10.244.0.5"}, {"ip": "10.244.0.6"}, {"ip": "10.244.0.7"}],
            "ports": [{"port": 8080}]}]});
        assert_eq!(
            cell(&row_of("", "endpoints", &ep, 31), "Endpoints"),
            json!("10.244.0.4:8080,10.244.0.5:8080,10.244.0.6:8080 + 1 more...")
        );
        let empty = json!({"metadata": {"name": "x"}});
        assert_eq!(cell(&row_of("", "endpoints", &empty, 31), "Endpoints"), json!("<none>"));
    }

    #[test]
    fn network_and_event_columns() {
        let ing = json!({"metadata": {"name": "pacman"}, "spec": {"ingressClassName": "nginx",
            "rules": [{"host": "pacman.example"}], "tls": [{"hosts": ["pacman.example"]}]},
            "status": {"loadBalancer": {"ingress": [{"ip": "127.0.49.2"}]}}});
        let row = row_of("networking.k8s.io", "ingresses", &ing, 31);
        let values: Vec<Value> = row.into_iter().map(|(_, v)| v).take(5).collect();
        assert_eq!(
            values,
            [
                json!("pacman"),
                json!("nginx"),
                json!("pacman.example"),
                json!("127.0.49.2"),
                json!("80, 443")
            ]
        );
        let bare = json!({"metadata": {"name": "x"}, "spec": {"rules": [{}]}});
        let row = row_of("networking.k8s.io", "ingresses", &bare, 31);
        assert_eq!(
            (cell(&row, "Class"), cell(&row, "Hosts")),
            (json!("<none>"), json!("*"))
        );
        let class = json!({"metadata": {"name": "nginx"}, "spec": {"controller": "k8s.io/ingress-nginx"}});
        let row = row_of("networking.k8s.io", "ingressclasses", &class, 31);
        assert_eq!(cell(&row, "Parameters"), json!("<none>"));

        let ev = json!({"metadata": {"name": "mongo-0.17"}, "type": "Warning", "reason": "FailedScheduling",
            "message": "0/1 nodes are available ", "involvedObject": {"kind": "Pod", "name": "mongo-0"},
            "source": {"component": "default-scheduler"},
            "firstTimestamp": "2024-05-01T11:55:00Z", "lastTimestamp": "2024-05-01T11:59:30Z", "count": 4});
        let row = row_of("", "events", &ev, 31);
        assert_eq!(row[0].0, "Last Seen");
        assert_eq!(cell(&row, "Last Seen"), json!("30s"));
        assert_eq!(cell(&row, "Object"), json!("pod/mongo-0"));
        assert_eq!(cell(&row, "Message"), json!("0/1 nodes are available"));
        assert_eq!(cell(&row, "First Seen"), json!("5m"));
        assert_eq!(cell(&row, "Count"), json!(4));
        assert_eq!(cell(&row, "Source"), json!("default-scheduler"));
    }

    #[test]
    fn rbac_psp_and_partial_metadata() {
        let rb = json!({"metadata": {"name": "rb"}, "roleRef": {"kind": "ClusterRole", "name": "view"},
            "subjects": [{"kind": "ServiceAccount", "namespace": "pacman", "name": "default"}]});
        let row = row_of("rbac.authorization.k8s.io", "rolebindings", &rb, 31);
        assert_eq!(cell(&row, "Role"), json!("ClusterRole/view"));
        assert_eq!(cell(&row, "ServiceAccounts"), json!("pacman/default"));
        let role = json!({"metadata": {"name": "r", "creationTimestamp": "2024-05-01T11:00:00Z"}});
        assert_eq!(
            cell(
                &row_of("rbac.authorization.k8s.io", "clusterroles", &role, 31),
                "Created At"
            ),
            json!("2024-05-01T11:00:00Z")
        );
        let psp = json!({"metadata": {"name": "pacman"}, "spec": {"privileged": false, "seLinux": {"rule": "RunAsAny"},
            "runAsUser": {"rule": "RunAsAny"}, "fsGroup": {"rule": "RunAsAny"}, "supplementalGroups": {"rule": "RunAsAny"},
            "volumes": ["*"]}});
        let row = row_of("policy", "podsecuritypolicies", &psp, 21);
        assert_eq!(cell(&row, "Priv"), json!("false"));
        assert_eq!(cell(&row, "Volumes"), json!("*"));

        let req = TableRequest {
            api_version: "meta.k8s.io/v1",
            include: Include::Metadata,
            minor: 31,
        };
        let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "pacman", "resourceVersion": "7"},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}});
        let t = single(res("", "namespaces"), &ns, &req);
        assert_eq!(t["kind"], "Table");
        assert_eq!(t["metadata"]["resourceVersion"], "7");
        assert_eq!(t["columnDefinitions"][0]["format"], "name");
        assert_eq!(t["rows"][0]["object"]["kind"], "PartialObjectMetadata");
        assert_eq!(t["rows"][0]["object"]["metadata"]["name"], "pacman");
        assert!(t["rows"][0]["object"].get("spec").is_none());
        let full = single(
            res("", "namespaces"),
            &ns,
            &TableRequest {
                include: Include::Object,
                ..req
            },
        );
        assert_eq!(full["rows"][0]["object"], ns);
    }
}
