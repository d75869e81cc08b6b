//! Namespace lifecycle (a Terminating namespace takes its objects with it) and the per-namespace
//! `default` ServiceAccount and `kube-root-ca.crt` ConfigMap.

use serde_json::json;

use crate::rehearsal::api;
use crate::rehearsal::controllers::context::{Ctx, deleting};
use crate::rehearsal::kinds::{by_kind, storage_resources};
use crate::rehearsal::object::{name_of, uid_of};
use crate::rehearsal::store::Propagation;

/// Reconcile the given namespaces (those whose objects changed).
pub fn reconcile(ctx: &mut Ctx, names: impl IntoIterator<Item = String>) {
    let shared = ctx.shared.clone();
    let ns_res = by_kind("", "Namespace");
    for name in names {
        let Some(ns) = shared.store.get(ns_res, "", &name) else {
            continue;
        };
        if deleting(&ns) {
            let mut remaining = 0;
            for res in storage_resources().filter(|r| r.namespaced) {
                let (items, _) = shared.store.list(res, Some(&name));
                for item in items {
                    remaining += 1;
                    if !deleting(&item) {
                        let _ = api::delete(
                            &shared,
                            res,
                            &name,
                            name_of(&item),
                            Propagation::Background,
                            None,
                            false,
                        );
                    }
                }
            }
            if remaining == 0 && ctx.due(format!("{}/terminate", uid_of(&ns))) {
                shared.store.remove(ns_res, "", &name);
            }
            continue;
        }
        let sa = by_kind("", "ServiceAccount");
        if shared.store.get(sa, &name, "default").is_none() {
            let _ = api::create(&shared, sa, &name, json!({"metadata": {"name": "default"}}), false);
        }
        let cm = by_kind("", "ConfigMap");
        if shared.store.get(cm, &name, "kube-root-ca.crt").is_none() {
            let data = json!({"ca.crt": "# workshop rehearsal cluster: plain HTTP, no certificate authority\n"});
            let _ = api::create(
                &shared,
                cm,
                &name,
                json!({"metadata": {"name": "kube-root-ca.crt"}, "data": data}),
                false,
            );
        }
    }
}
