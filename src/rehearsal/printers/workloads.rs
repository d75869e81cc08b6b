//! Printers of the workload kinds: Pod, Deployment, ReplicaSet and StatefulSet.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::cells::{
    age, arr_at, deleting, human_duration, int_at, join_containers, label_selector, name, or_none, str_at, timestamp,
};
use super::columns::{AGE, CONTAINERS, Col, IMAGES, NAME, SELECTOR, col};

pub(super) const POD: &[Col] = &[
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

pub(super) const DEPLOYMENT: &[Col] = &[
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

pub(super) const REPLICASET: &[Col] = &[
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

pub(super) const STATEFULSET: &[Col] = &[
    NAME,
    col("Ready", "string", 0, "Number of the pod with ready state"),
    AGE,
    CONTAINERS,
    IMAGES,
];

pub(super) fn pod(obj: &Value, now: Timestamp) -> Vec<Value> {
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

pub(super) fn replicas(obj: &Value) -> i64 {
    obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)
}

pub(super) fn deployment(obj: &Value, now: Timestamp) -> Vec<Value> {
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

pub(super) fn replicaset(obj: &Value, now: Timestamp) -> Vec<Value> {
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

pub(super) fn statefulset(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(format!("{}/{}", int_at(obj, "/status/readyReplicas"), replicas(obj))),
        age(obj, now),
        json!(join_containers(obj, "/spec/template/spec/containers", "name")),
        json!(join_containers(obj, "/spec/template/spec/containers", "image")),
    ]
}
