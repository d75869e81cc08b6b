//! Simulated controllers (kube-controller-manager, scheduler, kubelet, provisioner, ingress
//! controller), run as one reconcile loop fed by the store's changes: the namespace controller
//! and the garbage collector look only at the objects that changed; the workload controllers
//! run when a collection they read changed. A paced transition falling due runs everything.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;

use crate::rehearsal::events::{self, Type};
use crate::rehearsal::kinds::{Resource, by_kind};
use crate::rehearsal::state::Shared;
use crate::rehearsal::store::{Change, EventType, name_of, uid_of};

pub mod deployment;
pub mod disruption;
pub mod endpoints;
pub mod gc;
pub mod ingress;
pub mod namespace;
pub mod pod;
pub mod pvc;
pub mod replicaset;
pub mod statefulset;

/// Controller memory: when each paced transition falls due, and which one-off events were sent.
pub struct Ctx {
    /// The cluster.
    pub shared: Arc<Shared>,
    deadlines: HashMap<String, Instant>,
    sent: HashSet<String>,
    next_wake: Option<Instant>,
}

impl Ctx {
    fn new(shared: Arc<Shared>) -> Self {
        Ctx {
            shared,
            deadlines: HashMap::new(),
            sent: HashSet::new(),
            next_wake: None,
        }
    }

    /// Whether the paced transition `key` is due. The first call starts its clock; the loop
    /// wakes again when it falls due. Once due, the clock is forgotten.
    pub fn due(&mut self, key: String) -> bool {
        let now = Instant::now();
        let deadline = *self
            .deadlines
            .entry(key.clone())
            .or_insert_with(|| now + self.shared.pace_delay());
        if now >= deadline {
            self.deadlines.remove(&key);
            true
        } else {
            self.next_wake = Some(self.next_wake.map_or(deadline, |w| w.min(deadline)));
            false
        }
    }

    /// Record an event once per `(object, key)`: controllers re-evaluate constantly, real ones
    /// would emit the same event only on a transition or after a backoff.
    pub fn event_once(
        &mut self,
        res: &Resource,
        obj: &Value,
        kind: Type,
        reason: &str,
        message: &str,
        component: &str,
    ) {
        let key = format!("{}/{reason}/{message}", uid_of(obj));
        if self.sent.insert(key) {
            events::record(&self.shared, res, obj, kind, reason, message, component);
        }
    }

    /// Record an event (a real transition happened).
    pub fn event(&self, res: &Resource, obj: &Value, kind: Type, reason: &str, message: &str, component: &str) {
        events::record(&self.shared, res, obj, kind, reason, message, component);
    }
}

/// Whether an object is being deleted.
pub fn deleting(obj: &Value) -> bool {
    obj.pointer("/metadata/deletionTimestamp").is_some()
}

/// Whether `obj` has a controller owner reference to `owner_uid`.
pub fn controlled_by(obj: &Value, owner_uid: &str) -> bool {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|refs| {
            refs.iter().any(|r| {
                r.get("uid").and_then(Value::as_str) == Some(owner_uid)
                    && r.get("controller").and_then(Value::as_bool) == Some(true)
            })
        })
}

/// A controller owner reference to `owner`.
pub fn owner_ref(res: &Resource, owner: &Value) -> Value {
    serde_json::json!({
        "apiVersion": res.api_version(),
        "kind": res.kind,
        "name": crate::rehearsal::store::name_of(owner),
        "uid": uid_of(owner),
        "controller": true,
        "blockOwnerDeletion": true,
    })
}

/// Whether a pod's Ready condition is True.
pub fn pod_ready(pod: &Value) -> bool {
    pod.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c.get("type").and_then(Value::as_str) == Some("Ready")
                    && c.get("status").and_then(Value::as_str) == Some("True")
            })
        })
}

/// `spec.replicas` (default 1).
pub fn replicas(obj: &Value) -> i64 {
    obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)
}

/// Build a condition, keeping `lastTransitionTime` (and `lastUpdateTime`) from the previous
/// one when its status did not change.
pub fn condition(
    previous: Option<&Value>,
    type_: &str,
    status: bool,
    reason: &str,
    message: &str,
    with_update_time: bool,
) -> Value {
    let status_str = if status { "True" } else { "False" };
    let old = previous
        .and_then(|s| s.get("conditions"))
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c.get("type").and_then(Value::as_str) == Some(type_)));
    let now = crate::rehearsal::store::now_rfc3339();
    let same_status = old.is_some_and(|c| c.get("status").and_then(Value::as_str) == Some(status_str));
    let same_all = same_status
        && old.is_some_and(|c| {
            c.get("reason").and_then(Value::as_str) == Some(reason)
                && c.get("message").and_then(Value::as_str) == Some(message)
        });
    let transition = if same_status {
        old.and_then(|c| c.get("lastTransitionTime").cloned())
            .unwrap_or(now.clone().into())
    } else {
        now.clone().into()
    };
    let mut c = serde_json::json!({"type": type_, "status": status_str});
    if with_update_time {
        let update = if same_all {
            old.and_then(|c| c.get("lastUpdateTime").cloned())
                .unwrap_or(now.clone().into())
        } else {
            now.into()
        };
        c["lastUpdateTime"] = update;
    }
    c["lastTransitionTime"] = transition;
    c["reason"] = reason.into();
    c["message"] = message.into();
    c
}

/// A controller that reconciles every object of its kinds in one pass, and the collections
/// (plural names) whose changes wake it.
type KindController = (fn(&mut Ctx), &'static [&'static str]);

/// The kind-wide controllers in the order a pass runs them, each with what it reads.
const KIND_CONTROLLERS: &[KindController] = &[
    (deployment::reconcile, &["deployments", "replicasets"]),
    (replicaset::reconcile, &["replicasets", "pods"]),
    (
        statefulset::reconcile,
        &["statefulsets", "pods", "persistentvolumeclaims"],
    ),
    (
        pvc::reconcile,
        &["persistentvolumeclaims", "persistentvolumes", "storageclasses", "pods"],
    ),
    (pod::reconcile, &["pods", "persistentvolumeclaims"]),
    (endpoints::reconcile, &["services", "pods", "endpoints"]),
    (
        disruption::reconcile,
        &[
            "poddisruptionbudgets",
            "pods",
            "replicasets",
            "deployments",
            "statefulsets",
        ],
    ),
    (ingress::reconcile, &["ingresses", "ingressclasses", "deployments"]),
];

/// What the changes since the last pass ask for: which namespaces to look at, which uids the
/// garbage collector must check, which collections changed (for [`KIND_CONTROLLERS`]).
#[derive(Default)]
struct Work {
    namespaces: BTreeSet<String>,
    gc: gc::Queue,
    collections: HashSet<&'static str>,
    /// Everything: after a start, a reset, or when a paced transition falls due.
    all: bool,
}

impl Work {
    fn note(&mut self, ctx: &Ctx, change: &Change) {
        let (_, plural) = change.gr;
        self.collections.insert(plural);
        if plural == "namespaces" {
            self.namespaces.insert(name_of(&change.object).to_string());
        } else if change.event == EventType::Deleted && !change.namespace.is_empty() {
            // A namespace's default objects are recreated, and a Terminating one may be empty now.
            self.namespaces.insert(change.namespace.clone());
        }
        self.gc.note(ctx, change);
    }

    fn is_empty(&self) -> bool {
        !self.all && self.namespaces.is_empty() && self.gc.is_empty() && self.collections.is_empty()
    }
}

/// One pass over what `work` asks for.
fn pass(ctx: &mut Ctx, work: &mut Work) {
    if work.all {
        let (namespaces, _) = ctx.shared.store.list(by_kind("", "Namespace"), None);
        work.namespaces
            .extend(namespaces.iter().map(|n| name_of(n).to_string()));
        work.gc.all(ctx);
    }
    namespace::reconcile(ctx, std::mem::take(&mut work.namespaces));
    gc::reconcile(ctx, &mut work.gc);
    for (reconcile, reads) in KIND_CONTROLLERS {
        if work.all || reads.iter().any(|r| work.collections.contains(r)) {
            reconcile(ctx);
        }
    }
    work.collections.clear();
    work.all = false;
}

/// Run the controllers until shutdown: a pass whenever the store changes (over what the changes
/// concern) or a paced transition falls due (over everything), until a pass changes nothing.
pub async fn run(shared: Arc<Shared>) {
    let mut changes = shared.store.watch_all();
    let mut ctx = Ctx::new(shared.clone());
    let mut work = Work {
        all: true,
        ..Work::default()
    };
    loop {
        while let Ok(change) = changes.try_recv() {
            work.note(&ctx, &change);
        }
        if ctx.next_wake.is_some_and(|w| w <= Instant::now()) {
            work.all = true;
        }
        if !work.is_empty() {
            if work.all {
                // A full pass registers every pending transition again.
                ctx.next_wake = None;
            }
            pass(&mut ctx, &mut work);
            // The pass's own writes are queued changes: look at them before sleeping.
            continue;
        }
        let wake = ctx.next_wake.map(tokio::time::Instant::from_std);
        let sleep = async move {
            match wake {
                Some(w) => tokio::time::sleep_until(w).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = shared.shutdown.cancelled() => return,
            change = changes.recv() => match change {
                Some(change) => work.note(&ctx, &change),
                None => {
                    // The store was reset (a simulated restart): start over on the new data.
                    changes = shared.store.watch_all();
                    work.all = true;
                }
            },
            () = sleep => work.all = true,
        }
    }
}
