//! Simulated controllers (kube-controller-manager, scheduler, kubelet, provisioner, ingress
//! controller), run as one reconcile loop fed by the store's changes: the namespace controller
//! and the garbage collector look only at the objects that changed; the workload controllers
//! run when a collection they read changed. A paced transition falling due runs everything.
//!
//! Depends on `state`, `store` and `kinds`, and on its children; each controller
//! (`deployment.rs`, `pod.rs`…) depends on `context` and on `api`, `events`, `store`, `kinds`,
//! `selector`, `images`; `context` on `events`, `state`, `store`. Nothing outside the crate root
//! imports the controllers, and no controller imports this file.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;
use std::time::Instant;

use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::state::Shared;
use crate::rehearsal::store::{Change, EventType, name_of};
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
