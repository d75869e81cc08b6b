//! Simulated controllers (kube-controller-manager, scheduler, kubelet, provisioner, ingress
//! controller), run as one reconcile loop fed by the store's changes: the namespace controller
//! and the garbage collector look only at the objects that changed; the Deployment, ReplicaSet
//! and StatefulSet controllers sync only the objects a change concerns (a work queue of keys:
//! the changed object, or the owner its ownerReferences name); the others run when a collection
//! they read changed. A paced transition falling due runs everything.
//!
//! Depends on `state`, `store` and `kinds`, and on its children; each controller
//! (`deployment.rs`, `pod.rs`…) depends on `context` and on `api`, `events`, `store`, `kinds`,
//! `selector`, `images`; `context` on `events`, `state`, `store`. Nothing outside the crate root
//! imports the controllers, and no controller imports this file.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;

use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::name_of;
use crate::rehearsal::state::Shared;
use crate::rehearsal::store::{Change, EventType};
use context::Ctx;

pub mod context;
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

/// A controller that reconciles every object of its kinds in one pass, and the collections
/// (plural names) whose changes wake it.
type KindController = (fn(&mut Ctx), &'static [&'static str]);

/// The kind-wide controllers in the order a pass runs them (after the keyed ones), each with
/// what it reads.
const KIND_CONTROLLERS: &[KindController] = &[
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

/// Objects to sync, by namespace and name.
type Keys = BTreeSet<(String, String)>;

/// A controller that syncs one object of its kind at a time.
type Sync = fn(&mut Ctx, &Value);

/// The keyed controllers' queues: the objects a change concerns.
#[derive(Default)]
struct Keyed {
    deployments: Keys,
    replicasets: Keys,
    statefulsets: Keys,
}

impl Keyed {
    /// Queue what `change` concerns: the changed object for its own controller, and the owners
    /// its ownerReferences name (a ReplicaSet's Deployment, a pod's ReplicaSet or StatefulSet).
    /// A claim names its StatefulSet only by name, so a claim's change queues its namespace's sets.
    fn note(&mut self, shared: &Shared, change: &Change) {
        let ns = &change.namespace;
        let own = || (ns.clone(), name_of(&change.object).to_string());
        let owners = |kind: &str| -> Vec<(String, String)> {
            owner_refs(&change.object)
                .filter(|r| r.get("kind").and_then(Value::as_str) == Some(kind))
                .filter_map(|r| r.get("name").and_then(Value::as_str))
                .map(|name| (ns.clone(), name.to_string()))
                .collect()
        };
        match change.gr.1 {
            "deployments" => {
                self.deployments.insert(own());
            }
            "replicasets" => {
                self.replicasets.insert(own());
                self.deployments.extend(owners("Deployment"));
            }
            "statefulsets" => {
                self.statefulsets.insert(own());
            }
            "pods" => {
                self.replicasets.extend(owners("ReplicaSet"));
                self.statefulsets.extend(owners("StatefulSet"));
            }
            "persistentvolumeclaims" => {
                let (sets, _) = shared.store.list(by_kind("apps", "StatefulSet"), Some(ns));
                self.statefulsets
                    .extend(sets.iter().map(|s| (ns.clone(), name_of(s).to_string())));
            }
            _ => {}
        }
    }

    fn is_empty(&self) -> bool {
        self.deployments.is_empty() && self.replicasets.is_empty() && self.statefulsets.is_empty()
    }

    /// Sync the queued objects (every object of the kinds with `all`), in the order a Deployment
    /// rolls out: Deployments, then ReplicaSets, then StatefulSets.
    fn run(&mut self, ctx: &mut Ctx, all: bool) {
        let queues: [(&mut Keys, (&str, &str), Sync); 3] = [
            (&mut self.deployments, ("apps", "Deployment"), deployment::sync),
            (&mut self.replicasets, ("apps", "ReplicaSet"), replicaset::sync),
            (&mut self.statefulsets, ("apps", "StatefulSet"), statefulset::sync),
        ];
        for (keys, (group, kind), sync) in queues {
            let keys = std::mem::take(keys);
            let res = by_kind(group, kind);
            let objects: Vec<Arc<Value>> = if all {
                ctx.shared.store.list(res, None).0
            } else {
                keys.iter()
                    .filter_map(|(ns, name)| ctx.shared.store.get(res, ns, name))
                    .collect()
            };
            for object in objects.iter().filter(|o| !context::deleting(o)) {
                sync(ctx, object);
            }
        }
    }
}

/// The `metadata.ownerReferences` of an object.
fn owner_refs(obj: &Value) -> impl Iterator<Item = &Value> {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// What the changes since the last pass ask for: which namespaces to look at, which uids the
/// garbage collector must check, which objects the keyed controllers must sync, which
/// collections changed (for [`KIND_CONTROLLERS`]).
#[derive(Default)]
struct Work {
    namespaces: BTreeSet<String>,
    gc: gc::Queue,
    keyed: Keyed,
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
        self.keyed.note(&ctx.shared, change);
    }

    fn is_empty(&self) -> bool {
        !self.all
            && self.namespaces.is_empty()
            && self.gc.is_empty()
            && self.keyed.is_empty()
            && self.collections.is_empty()
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
    work.keyed.run(ctx, work.all);
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

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use serde_json::json;

    use super::*;
    use crate::rehearsal::kinds::KubeVersion;
    use crate::rehearsal::state::Pace;

    fn change(plural: &'static str, namespace: &str, object: Value) -> Change {
        Change {
            rv: 1,
            gr: (
                if plural == "pods" || plural == "persistentvolumeclaims" {
                    ""
                } else {
                    "apps"
                },
                plural,
            ),
            namespace: namespace.into(),
            event: EventType::Modified,
            object: Arc::new(object),
            at: Instant::now(),
        }
    }

    fn owned_by(kind: &str, name: &str, own: &str) -> Value {
        json!({"metadata": {"name": own, "namespace": "lab",
            "ownerReferences": [{"kind": kind, "name": name, "uid": "u", "controller": true}]}})
    }

    fn keys(names: &[&str]) -> Keys {
        names.iter().map(|n| ("lab".to_string(), n.to_string())).collect()
    }

    #[test]
    fn a_change_queues_the_object_and_the_owners_it_names() {
        let version = KubeVersion::parse("v1.31.0").expect("version");
        let shared = Shared::new(version, Pace::Fast, "minikube".into());
        let mut keyed = Keyed::default();
        keyed.note(
            &shared,
            &change("pods", "lab", owned_by("ReplicaSet", "web-abc", "web-abc-x1")),
        );
        keyed.note(&shared, &change("pods", "lab", owned_by("StatefulSet", "db", "db-0")));
        keyed.note(
            &shared,
            &change("replicasets", "lab", owned_by("Deployment", "web", "web-abc")),
        );
        keyed.note(
            &shared,
            &change("services", "lab", json!({"metadata": {"name": "web"}})),
        );
        assert_eq!(keyed.deployments, keys(&["web"]));
        assert_eq!(keyed.replicasets, keys(&["web-abc"]));
        assert_eq!(keyed.statefulsets, keys(&["db"]));

        // A claim names its StatefulSet only by name: its namespace's sets are queued.
        let sts = by_kind("apps", "StatefulSet");
        for name in ["db", "cache"] {
            shared
                .store
                .create(
                    sts,
                    json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
                    "metadata": {"name": name, "namespace": "lab"}}),
                )
                .expect("stateful set");
        }
        let mut keyed = Keyed::default();
        keyed.note(
            &shared,
            &change(
                "persistentvolumeclaims",
                "lab",
                json!({"metadata": {"name": "data-db-0"}}),
            ),
        );
        assert_eq!(keyed.statefulsets, keys(&["cache", "db"]));
        assert!(keyed.deployments.is_empty() && keyed.replicasets.is_empty());
    }
}
