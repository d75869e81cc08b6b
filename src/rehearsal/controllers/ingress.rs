//! ingress-nginx stand-in: once the ingress addon's controller Deployment is Ready, Ingresses of
//! class `nginx` get the node address as their load balancer address.

use serde_json::{Value, json};

use crate::rehearsal::controllers::context::{Ctx, deleting};
use crate::rehearsal::events::Type;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of};
use crate::rehearsal::state::NODE_IP;

/// Reconcile ingress statuses.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let ing_res = by_kind("networking.k8s.io", "Ingress");
    let controller_ready = shared
        .store
        .get(
            by_kind("apps", "Deployment"),
            "ingress-nginx",
            "ingress-nginx-controller",
        )
        .and_then(|d| d.pointer("/status/readyReplicas").and_then(Value::as_i64))
        .is_some_and(|r| r >= 1);
    let (ingresses, _) = shared.store.list(ing_res, None);
    for ing in ingresses.iter().filter(|i| !deleting(i)) {
        let class = ing
            .pointer("/spec/ingressClassName")
            .or_else(|| ing.pointer("/metadata/annotations/kubernetes.io~1ingress.class"))
            .and_then(Value::as_str);
        let ours = class == Some("nginx");
        let desired = if controller_ready && ours {
            json!({"loadBalancer": {"ingress": [{"ip": NODE_IP}]}})
        } else {
            json!({"loadBalancer": {}})
        };
        if controller_ready && ours {
            ctx.event_once(
                ing_res,
                ing,
                Type::Normal,
                "Sync",
                "Scheduled for sync",
                "nginx-ingress-controller",
            );
        }
        if ing.get("status") != Some(&desired) {
            shared
                .store
                .mutate(ing_res, namespace_of(ing), name_of(ing), |o| o["status"] = desired);
        }
    }
}
