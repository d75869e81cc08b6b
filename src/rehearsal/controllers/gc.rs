//! Garbage collection: dependents whose owners are all gone are deleted; foreground and orphan
//! deletions are completed. Driven by the changes it is given (uids to look at), never by a walk
//! of the whole store: the store's owner index answers "who depends on this uid".

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::rehearsal::api;
use crate::rehearsal::controllers::context::{Ctx, deleting};
use crate::rehearsal::kinds::{Resource, storage_resources};
use crate::rehearsal::object::{name_of, namespace_of, owner_uids, uid_of};
use crate::rehearsal::store::{Change, EventType, Gr, Propagation};

/// The uids the garbage collector has to look at.
#[derive(Default)]
pub struct Queue(BTreeSet<String>);

impl Queue {
    /// Queue what a change concerns: an object with owners (are they still there?), an object
    /// being deleted (its dependents and its own finalizers), and, once an object is gone, its
    /// dependents and its owners (a foreground deletion may be waiting for it).
    pub fn note(&mut self, ctx: &Ctx, change: &Change) {
        let obj = &change.object;
        let uid = uid_of(obj);
        match change.event {
            EventType::Deleted => {
                self.0.extend(ctx.shared.store.dependents(uid));
                self.0.extend(owner_uids(obj).map(str::to_string));
            }
            EventType::Added | EventType::Modified => {
                if deleting(obj) {
                    self.0.extend(ctx.shared.store.dependents(uid));
                    self.0.insert(uid.to_string());
                } else if owner_uids(obj).next().is_some() {
                    self.0.insert(uid.to_string());
                }
            }
        }
    }

    /// Queue every object in the store (after a start or a reset).
    pub fn all(&mut self, ctx: &Ctx) {
        self.0.extend(ctx.shared.store.uids());
    }

    /// Whether nothing is queued.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn resource_of((group, plural): Gr) -> Option<&'static Resource> {
    storage_resources().find(|r| r.group == group && r.plural == plural)
}

fn has_finalizer(obj: &Value, f: &str) -> bool {
    obj.pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|x| x == f))
}

/// Look at every queued uid once, and empty the queue.
pub fn reconcile(ctx: &mut Ctx, queue: &mut Queue) {
    for uid in std::mem::take(&mut queue.0) {
        let Some((g, obj)) = ctx.shared.store.by_uid(&uid) else {
            continue;
        };
        let Some(res) = resource_of(g) else {
            continue;
        };
        as_dependent(ctx, res, &obj);
        if deleting(&obj) {
            as_owner(ctx, res, &uid);
        }
    }
}

/// An object with owners: let go of owners that orphan it; delete it when all its owners are
/// gone, or when one of them is deleted in the foreground.
fn as_dependent(ctx: &Ctx, res: &Resource, obj: &Value) {
    let shared = &ctx.shared;
    let owners: Vec<&str> = owner_uids(obj).collect();
    if owners.is_empty() {
        return;
    }
    let live: Vec<_> = owners
        .iter()
        .filter_map(|u| shared.store.by_uid(u))
        .map(|(_, o)| o)
        .collect();
    let orphaning: Vec<&str> = live
        .iter()
        .filter(|o| deleting(o) && has_finalizer(o, "orphan"))
        .map(|o| uid_of(o))
        .collect();
    if !orphaning.is_empty() {
        shared.store.mutate(res, namespace_of(obj), name_of(obj), |o| {
            if let Some(refs) = o.pointer_mut("/metadata/ownerReferences").and_then(Value::as_array_mut) {
                refs.retain(|r| {
                    !orphaning
                        .iter()
                        .any(|u| r.get("uid").and_then(Value::as_str) == Some(u))
                });
            }
        });
        return;
    }
    let foreground = live
        .iter()
        .any(|o| deleting(o) && has_finalizer(o, "foregroundDeletion"));
    if (live.is_empty() || foreground) && !deleting(obj) {
        // Already gone or already being deleted is fine: another pass got there first.
        let _ = api::delete(
            shared,
            res,
            namespace_of(obj),
            name_of(obj),
            Propagation::Background,
            None,
            false,
        );
    }
}

/// An object being deleted in the foreground or with orphaning: once nothing depends on it any
/// more, its `foregroundDeletion`/`orphan` finalizer goes (and with the last one, the object).
fn as_owner(ctx: &Ctx, res: &Resource, uid: &str) {
    let shared = &ctx.shared;
    let Some((_, obj)) = shared.store.by_uid(uid) else {
        return;
    };
    if !has_finalizer(&obj, "foregroundDeletion") && !has_finalizer(&obj, "orphan") {
        return;
    }
    for dependent in shared.store.dependents(uid) {
        if let Some((g, d)) = shared.store.by_uid(&dependent)
            && let Some(dres) = resource_of(g)
        {
            as_dependent(ctx, dres, &d);
        }
    }
    if shared.store.dependents(uid).is_empty() {
        shared.store.mutate(res, namespace_of(&obj), name_of(&obj), |o| {
            if let Some(f) = o.pointer_mut("/metadata/finalizers").and_then(Value::as_array_mut) {
                f.retain(|x| x != &json!("foregroundDeletion") && x != &json!("orphan"));
            }
        });
    }
}
