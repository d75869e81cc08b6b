//! Scheduler and kubelet stand-in: pods are bound to node `minikube` once their claims are
//! Bound, then go Pending → Running → Ready, with the events a real node records. No container
//! ever runs.

use serde_json::{Value, json};

use crate::rehearsal::controllers::context::{Ctx, condition, deleting, pod_ready};
use crate::rehearsal::events::Type;
use crate::rehearsal::images::{PullFailure, pull_failure};
use crate::rehearsal::kinds::Resource;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of, now_rfc3339, uid_of};
use crate::rehearsal::state::NODE_IP;

const PREEMPTION: &str = "preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";

fn claims(pod: &Value) -> Vec<String> {
    pod.pointer("/spec/volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| {
            v.pointer("/persistentVolumeClaim/claimName")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .collect()
}

/// Why the scheduler cannot place this pod, if it cannot.
fn unschedulable(ctx: &Ctx, pod: &Value) -> Option<String> {
    let pvc_res = by_kind("", "PersistentVolumeClaim");
    let ns = namespace_of(pod);
    for claim in claims(pod) {
        match ctx.shared.store.get(pvc_res, ns, &claim) {
            None => {
                return Some(format!(
                    "0/1 nodes are available: persistentvolumeclaim \"{claim}\" not found. {PREEMPTION}"
                ));
            }
            Some(pvc) if pvc.pointer("/status/phase").and_then(Value::as_str) != Some("Bound") => {
                return Some(format!(
                    "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. {PREEMPTION}"
                ));
            }
            Some(_) => {}
        }
    }
    None
}

fn image_id(image: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in image.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!(
        "docker-pullable://{image}@sha256:{h:016x}{:016x}{h:016x}{:016x}",
        !h, !h
    )
}

fn container_statuses(pod: &Value, key: &str, ready: bool, started_at: &str) -> Value {
    let list = pod
        .pointer(&format!("/spec/{key}"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let init = key == "initContainers";
    Value::Array(
        list.iter()
            .map(|c| {
                let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
                let state = if init {
                    json!({"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": started_at, "finishedAt": started_at,
                        "containerID": format!("docker://{}", uuid::Uuid::new_v4().simple())}})
                } else {
                    json!({"running": {"startedAt": started_at}})
                };
                let mut s = json!({
                    "name": c.get("name").cloned().unwrap_or(Value::Null),
                    "state": state,
                    "lastState": {},
                    "ready": if init { true } else { ready },
                    "restartCount": 0,
                    "image": image,
                    "imageID": image_id(image),
                    "containerID": format!("docker://{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple()),
                });
                if !init {
                    s["started"] = json!(true);
                }
                s
            })
            .collect(),
    )
}

/// Reconcile all pods.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let pod_res = by_kind("", "Pod");
    let (pods, _) = shared.store.list(pod_res, None);
    for pod in pods.into_iter().filter(|p| !deleting(p)) {
        let ns = namespace_of(&pod).to_string();
        let name = name_of(&pod).to_string();
        let uid = uid_of(&pod).to_string();
        let scheduled = pod
            .pointer("/spec/nodeName")
            .and_then(Value::as_str)
            .is_some_and(|n| !n.is_empty());
        let prev = pod.get("status").cloned();
        if !scheduled {
            if let Some(reason) = unschedulable(ctx, &pod) {
                let cond = condition(prev.as_ref(), "PodScheduled", false, "Unschedulable", &reason, false);
                let mut c = cond.clone();
                c["lastProbeTime"] = Value::Null;
                let conds = json!([c]);
                if pod.pointer("/status/conditions") != Some(&conds) {
                    shared
                        .store
                        .mutate(pod_res, &ns, &name, |o| o["status"]["conditions"] = conds);
                }
                ctx.event_once(
                    pod_res,
                    &pod,
                    Type::Warning,
                    "FailedScheduling",
                    &reason,
                    "default-scheduler",
                );
                continue;
            }
            if ctx.due(format!("{uid}/schedule")) {
                let cond = condition(None, "PodScheduled", true, "", "", false);
                let node = shared.node_name.clone();
                let updated = shared.store.mutate(pod_res, &ns, &name, |o| {
                    o["spec"]["nodeName"] = json!(node);
                    o["status"]["phase"] = json!("Pending");
                    o["status"]["conditions"] = json!([{"type": "PodScheduled", "status": "True", "lastProbeTime": null,
                        "lastTransitionTime": cond["lastTransitionTime"]}]);
                });
                if let Some(p) = updated {
                    ctx.event(
                        pod_res,
                        &p,
                        Type::Normal,
                        "Scheduled",
                        &format!("Successfully assigned {ns}/{name} to {}", shared.node_name),
                        "default-scheduler",
                    );
                }
            }
            continue;
        }
        let running = pod.pointer("/status/phase").and_then(Value::as_str) == Some("Running");
        if !running {
            if let Some(failed) = unpullable(&pod) {
                image_pull_failed(ctx, pod_res, &pod, &failed);
                continue;
            }
            if !ctx.due(format!("{uid}/start")) {
                continue;
            }
            let now = now_rfc3339();
            let pod_ip = shared.allocate_pod_ip();
            let names: Vec<&str> = pod
                .pointer("/spec/containers")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|c| c.get("name").and_then(Value::as_str))
                .collect();
            let unready = format!("containers with unready status: [{}]", names.join(" "));
            let updated = shared.store.mutate(pod_res, &ns, &name, |o| {
                let init = container_statuses(o, "initContainers", false, &now);
                let main = container_statuses(o, "containers", false, &now);
                let initialized =
                    json!({"type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": now});
                let mut status = unready_status(o, "Running", &now, initialized, &unready, main, init);
                status["podIP"] = json!(pod_ip);
                status["podIPs"] = json!([{"ip": pod_ip}]);
                o["status"] = status;
            });
            if let Some(p) = updated {
                for key in ["initContainers", "containers"] {
                    for c in p
                        .pointer(&format!("/spec/{key}"))
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                    {
                        let cname = c.get("name").and_then(Value::as_str).unwrap_or_default();
                        let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
                        ctx.event(
                            pod_res,
                            &p,
                            Type::Normal,
                            "Pulled",
                            &format!("Container image \"{image}\" already present on machine"),
                            "kubelet",
                        );
                        ctx.event(
                            pod_res,
                            &p,
                            Type::Normal,
                            "Created",
                            &format!("Created container {cname}"),
                            "kubelet",
                        );
                        ctx.event(
                            pod_res,
                            &p,
                            Type::Normal,
                            "Started",
                            &format!("Started container {cname}"),
                            "kubelet",
                        );
                    }
                }
            }
            continue;
        }
        if !pod_ready(&pod) && ctx.due(format!("{uid}/ready")) {
            let now = now_rfc3339();
            shared.store.mutate(pod_res, &ns, &name, |o| {
                if let Some(conds) = o.pointer_mut("/status/conditions").and_then(Value::as_array_mut) {
                    for c in conds.iter_mut() {
                        if matches!(c.get("type").and_then(Value::as_str), Some("Ready" | "ContainersReady")) {
                            *c = json!({"type": c["type"], "status": "True", "lastProbeTime": null, "lastTransitionTime": now});
                        }
                    }
                }
                if let Some(cs) = o.pointer_mut("/status/containerStatuses").and_then(Value::as_array_mut) {
                    for c in cs.iter_mut() {
                        c["ready"] = json!(true);
                    }
                }
            });
        }
    }
}

/// The first container whose image cannot be pulled (init containers first, as a kubelet goes).
struct Unpullable {
    /// `initContainers` or `containers`.
    key: &'static str,
    image: String,
    failure: PullFailure,
}

fn unpullable(pod: &Value) -> Option<Unpullable> {
    ["initContainers", "containers"].into_iter().find_map(|key| {
        pod.pointer(&format!("/spec/{key}"))
            .and_then(Value::as_array)?
            .iter()
            .filter_map(|c| c.get("image").and_then(Value::as_str))
            .find_map(|image| {
                pull_failure(image).map(|failure| Unpullable {
                    key,
                    image: image.to_owned(),
                    failure,
                })
            })
    })
}

/// A pod whose image cannot be pulled stays Pending: its container waits in `ErrImagePull`, then
/// `ImagePullBackOff`, with the kubelet's Events, exactly as a learner sees it on minikube.
fn image_pull_failed(ctx: &mut Ctx, pod_res: &Resource, pod: &Value, f: &Unpullable) {
    let shared = ctx.shared.clone();
    let (ns, name, uid) = (
        namespace_of(pod).to_string(),
        name_of(pod).to_string(),
        uid_of(pod).to_string(),
    );
    let invalid = f.failure.reason == "InvalidImageName";
    let backoff = !invalid && ctx.due(format!("{uid}/pull-backoff"));
    let reason = if backoff { "ImagePullBackOff" } else { f.failure.reason };
    let message = if backoff {
        format!("Back-off pulling image \"{}\"", f.image)
    } else {
        f.failure.message.clone()
    };
    let current = pod
        .pointer(&format!("/status/{}", statuses_key(f.key)))
        .and_then(Value::as_array)
        .and_then(|cs| {
            cs.iter()
                .find_map(|c| c.pointer("/state/waiting/reason").and_then(Value::as_str))
        });
    if current != Some(reason) && !(current == Some("ImagePullBackOff") && reason == "ErrImagePull") {
        let now = now_rfc3339();
        let waiting = |c: &Value, pulling: bool| {
            let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
            let state = if pulling && image == f.image {
                json!({"waiting": {"reason": reason, "message": message}})
            } else if f.key == "initContainers" && !pulling {
                json!({"waiting": {"reason": "PodInitializing"}})
            } else {
                json!({"waiting": {"reason": "ContainerCreating"}})
            };
            json!({"name": c.get("name").cloned().unwrap_or(json!("")), "image": image, "imageID": "",
                   "ready": false, "started": false, "restartCount": 0, "state": state})
        };
        shared.store.mutate(pod_res, &ns, &name, |o| {
            let list = |key: &str| -> Vec<Value> {
                o.pointer(&format!("/spec/{key}"))
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            let init: Vec<Value> = list("initContainers")
                .iter()
                .map(|c| waiting(c, f.key == "initContainers"))
                .collect();
            let main: Vec<Value> = list("containers")
                .iter()
                .map(|c| waiting(c, f.key == "containers"))
                .collect();
            let unready = "containers with unready status";
            let initialized = if f.key == "initContainers" {
                json!({"type": "Initialized", "status": "False", "lastProbeTime": null, "lastTransitionTime": now,
                       "reason": "ContainersNotInitialized", "message": "containers with incomplete status"})
            } else {
                json!({"type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": now})
            };
            o["status"] = unready_status(o, "Pending", &now, initialized, unready, json!(main), json!(init));
        });
    }
    if !invalid {
        ctx.event_once(
            pod_res,
            pod,
            Type::Normal,
            "Pulling",
            &format!("Pulling image \"{}\"", f.image),
            "kubelet",
        );
    }
    ctx.event_once(pod_res, pod, Type::Warning, "Failed", &f.failure.message, "kubelet");
    ctx.event_once(
        pod_res,
        pod,
        Type::Warning,
        "Failed",
        &format!("Error: {}", f.failure.reason),
        "kubelet",
    );
    if backoff {
        ctx.event_once(pod_res, pod, Type::Normal, "BackOff", &message, "kubelet");
        ctx.event_once(
            pod_res,
            pod,
            Type::Warning,
            "Failed",
            "Error: ImagePullBackOff",
            "kubelet",
        );
    }
}

fn statuses_key(spec_key: &str) -> &'static str {
    if spec_key == "initContainers" {
        "initContainerStatuses"
    } else {
        "containerStatuses"
    }
}

/// The status of a pod whose containers are not Ready yet: its conditions, host and start time,
/// and its container statuses (init ones only when it has init containers).
fn unready_status(
    pod: &Value,
    phase: &str,
    now: &str,
    initialized: Value,
    unready: &str,
    containers: Value,
    init_containers: Value,
) -> Value {
    let scheduled_at = pod
        .pointer("/status/conditions/0/lastTransitionTime")
        .cloned()
        .unwrap_or(json!(now));
    let mut status = json!({
        "phase": phase,
        "conditions": [
            initialized,
            {"type": "Ready", "status": "False", "lastProbeTime": null, "lastTransitionTime": now,
             "reason": "ContainersNotReady", "message": unready},
            {"type": "ContainersReady", "status": "False", "lastProbeTime": null, "lastTransitionTime": now,
             "reason": "ContainersNotReady", "message": unready},
            {"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": scheduled_at},
        ],
        "hostIP": NODE_IP,
        "hostIPs": [{"ip": NODE_IP}],
        "startTime": now,
        "containerStatuses": containers,
        "qosClass": pod.pointer("/status/qosClass").cloned().unwrap_or(json!("BestEffort")),
    });
    if init_containers.as_array().is_some_and(|a| !a.is_empty()) {
        status["initContainerStatuses"] = init_containers;
    }
    status
}
