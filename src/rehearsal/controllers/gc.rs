//! Garbage collection: dependents whose owners are all gone are deleted; foreground and orphan
//! deletions are completed.

use std::collections::{HashMap, HashSet};

use serde_json::{Value, json};

use crate::rehearsal::api;
use crate::rehearsal::controllers::{Ctx, deleting};
use crate::rehearsal::kinds::storage_resources;
use crate::rehearsal::store::{Propagation, name_of, namespace_of, uid_of};

fn owner_uids(obj: &Value) -> Vec<String> {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .map(|refs| {
            refs.iter()
                .filter_map(|r| r.get("uid").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn has_finalizer(obj: &Value, f: &str) -> bool {
    obj.pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|a| a.iter().any(|x| x == f))
}

/// One garbage-collection pass.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let all = shared.store.all_objects();
    let by_uid: HashMap<String, &Value> = all.iter().map(|(_, o)| (uid_of(o).to_string(), o)).collect();
    let mut referenced: HashSet<String> = HashSet::new();
    for ((group, plural), obj) in &all {
        let owners = owner_uids(obj);
        if owners.is_empty() {
            continue;
        }
        referenced.extend(owners.iter().cloned());
        let Some(res) = storage_resources().find(|r| r.group == *group && r.plural == *plural) else {
            continue;
        };
        let live: Vec<&&Value> = owners.iter().filter_map(|u| by_uid.get(u)).collect();
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
            continue;
        }
        let all_gone = live.is_empty();
        let foreground = live
            .iter()
            .any(|o| deleting(o) && has_finalizer(o, "foregroundDeletion"));
        if (all_gone || foreground) && !deleting(obj) {
            let _ = api::delete(
                &shared,
                res,
                namespace_of(obj),
                name_of(obj),
                Propagation::Background,
                None,
                false,
            );
        }
    }
    for ((group, plural), obj) in &all {
        if !deleting(obj) || referenced.contains(uid_of(obj)) {
            continue;
        }
        let Some(res) = storage_resources().find(|r| r.group == *group && r.plural == *plural) else {
            continue;
        };
        if has_finalizer(obj, "foregroundDeletion") || has_finalizer(obj, "orphan") {
            shared.store.mutate(res, namespace_of(obj), name_of(obj), |o| {
                if let Some(f) = o.pointer_mut("/metadata/finalizers").and_then(Value::as_array_mut) {
                    f.retain(|x| x != &json!("foregroundDeletion") && x != &json!("orphan"));
                }
            });
        }
    }
}
