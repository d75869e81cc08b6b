//! Endpoints controller: each Service with a selector gets an Endpoints object listing its
//! matching pods (Ready ones as addresses, others as notReadyAddresses).

use serde_json::{Map, Value, json};

use crate::rehearsal::api;
use crate::rehearsal::controllers::context::{Ctx, deleting, pod_ready};
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::object::{name_of, namespace_of, uid_of};
use crate::rehearsal::selector::LabelSelector;
use crate::rehearsal::store::Propagation;

fn resolve_port(target: &Value, pods: &[&Value]) -> Value {
    match target {
        Value::String(name) => pods
            .iter()
            .flat_map(|p| {
                p.pointer("/spec/containers")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            })
            .flat_map(|c| c.get("ports").and_then(Value::as_array).cloned().unwrap_or_default())
            .find(|p| p.get("name").and_then(Value::as_str) == Some(name))
            .and_then(|p| p.get("containerPort").cloned())
            .unwrap_or(Value::Null),
        other => other.clone(),
    }
}

/// Reconcile endpoints of all services.
pub fn reconcile(ctx: &mut Ctx) {
    let shared = ctx.shared.clone();
    let svc_res = by_kind("", "Service");
    let ep_res = by_kind("", "Endpoints");
    let pod_res = by_kind("", "Pod");
    let (services, _) = shared.store.list(svc_res, None);
    for svc in services.iter().filter(|s| !deleting(s)) {
        let Some(selector) = svc
            .pointer("/spec/selector")
            .and_then(Value::as_object)
            .filter(|m| !m.is_empty())
        else {
            continue;
        };
        let ns = namespace_of(svc).to_string();
        let name = name_of(svc).to_string();
        let sel = LabelSelector::from_map(selector);
        let (pods, _) = shared.store.list(pod_res, Some(&ns));
        let matching: Vec<&Value> = pods
            .iter()
            .filter(|p| !deleting(p) && sel.matches(p) && p.pointer("/status/podIP").is_some())
            .map(|p| &**p)
            .collect();
        let address = |p: &Value| {
            json!({"ip": p["status"]["podIP"], "nodeName": shared.node_name,
                   "targetRef": {"kind": "Pod", "namespace": ns, "name": name_of(p), "uid": uid_of(p)}})
        };
        let ready: Vec<Value> = matching.iter().filter(|p| pod_ready(p)).map(|p| address(p)).collect();
        let not_ready: Vec<Value> = matching.iter().filter(|p| !pod_ready(p)).map(|p| address(p)).collect();
        let ports: Vec<Value> = svc
            .pointer("/spec/ports")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|p| {
                let target = p.get("targetPort").cloned().unwrap_or_else(|| p.get("port").cloned().unwrap_or(Value::Null));
                let mut ep = json!({"port": resolve_port(&target, &matching), "protocol": p.get("protocol").cloned().unwrap_or(json!("TCP"))});
                if let Some(n) = p.get("name") {
                    ep["name"] = n.clone();
                }
                ep
            })
            .collect();
        let mut subset = Map::new();
        if !ready.is_empty() {
            subset.insert("addresses".into(), json!(ready));
        }
        if !not_ready.is_empty() {
            subset.insert("notReadyAddresses".into(), json!(not_ready));
        }
        let labels = svc.pointer("/metadata/labels").cloned().unwrap_or(json!({}));
        let mut desired = json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": name, "namespace": ns, "labels": labels}});
        if !subset.is_empty() {
            subset.insert("ports".into(), json!(ports));
            desired["subsets"] = json!([subset]);
        }
        match shared.store.get(ep_res, &ns, &name) {
            None => {
                let _ = api::create(&shared, ep_res, &ns, desired, false);
            }
            Some(current) => {
                if current.get("subsets") != desired.get("subsets")
                    || current.pointer("/metadata/labels") != desired.pointer("/metadata/labels")
                {
                    shared.store.mutate(ep_res, &ns, &name, |o| {
                        o["metadata"]["labels"] = desired["metadata"]["labels"].clone();
                        match desired.get("subsets") {
                            Some(s) => o["subsets"] = s.clone(),
                            None => {
                                if let Some(m) = o.as_object_mut() {
                                    m.remove("subsets");
                                }
                            }
                        }
                    });
                }
            }
        }
    }
    // Endpoints of services that are gone (only those this controller manages).
    let (endpoints, _) = shared.store.list(ep_res, None);
    for ep in endpoints {
        let (ns, name) = (namespace_of(&ep), name_of(&ep));
        let svc = services.iter().find(|s| namespace_of(s) == ns && name_of(s) == name);
        if svc.is_none() && !(ns == "default" && name == "kubernetes") {
            let _ = api::delete(&shared, ep_res, ns, name, Propagation::Background, None, false);
        }
    }
}
