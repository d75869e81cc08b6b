//! Conversion between a kind's served versions and its storage version, as the API server's
//! conversion functions do: objects are stored once (in the storage version) and shown in the
//! version a client asked for. Most old versions differ only in `apiVersion`; Ingress
//! `v1beta1` (networking.k8s.io and extensions) has its own backend shape.
//!
//! Depends on `kinds` only.

use serde_json::{Map, Value, json};

use crate::rehearsal::kinds::Resource;

/// An object written through `res` (its version) as its storage version holds it.
pub fn to_storage(res: &Resource, mut obj: Value) -> Value {
    if res.is_storage() || !obj.is_object() {
        return obj;
    }
    if res.kind == "Ingress" && res.version == "v1beta1" {
        ingress_to_v1(&mut obj);
    }
    obj["apiVersion"] = json!(res.storage().api_version());
    obj
}

/// A stored object as a client of `res` (its version) sees it.
pub fn from_storage(res: &Resource, obj: &Value) -> Value {
    let mut obj = obj.clone();
    if res.is_storage() || !obj.is_object() {
        return obj;
    }
    if res.kind == "Ingress" && res.version == "v1beta1" {
        ingress_to_v1beta1(&mut obj);
    }
    obj["apiVersion"] = json!(res.api_version());
    obj
}

/// `{serviceName, servicePort}` → `{service: {name, port: {number | name}}}`.
fn backend_to_v1(backend: &mut Value) {
    let Some(b) = backend.as_object_mut() else { return };
    let name = b.remove("serviceName");
    let port = b.remove("servicePort");
    if name.is_none() && port.is_none() {
        return;
    }
    let mut service = Map::new();
    if let Some(n) = name {
        service.insert("name".into(), n);
    }
    match port {
        Some(Value::String(p)) => {
            service.insert("port".into(), json!({"name": p}));
        }
        Some(p @ Value::Number(_)) => {
            service.insert("port".into(), json!({"number": p}));
        }
        _ => {}
    }
    b.insert("service".into(), Value::Object(service));
}

/// `{service: {name, port: {number | name}}}` → `{serviceName, servicePort}`.
fn backend_to_v1beta1(backend: &mut Value) {
    let Some(b) = backend.as_object_mut() else { return };
    let Some(Value::Object(service)) = b.remove("service") else {
        return;
    };
    if let Some(n) = service.get("name") {
        b.insert("serviceName".into(), n.clone());
    }
    let port = service.get("port");
    if let Some(p) = port
        .and_then(|p| p.get("number"))
        .or_else(|| port.and_then(|p| p.get("name")))
    {
        b.insert("servicePort".into(), p.clone());
    }
}

fn paths_mut(obj: &mut Value) -> impl Iterator<Item = &mut Value> {
    obj.pointer_mut("/spec/rules")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(|rule| rule.pointer_mut("/http/paths").and_then(Value::as_array_mut))
        .flatten()
}

fn ingress_to_v1(obj: &mut Value) {
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut)
        && let Some(mut backend) = spec.remove("backend")
    {
        backend_to_v1(&mut backend);
        spec.insert("defaultBackend".into(), backend);
    }
    for path in paths_mut(obj) {
        if let Some(backend) = path.get_mut("backend") {
            backend_to_v1(backend);
        }
        // v1beta1 defaults pathType to ImplementationSpecific; v1 requires it.
        if path.get("pathType").is_none_or(Value::is_null) && path.is_object() {
            path["pathType"] = json!("ImplementationSpecific");
        }
    }
}

fn ingress_to_v1beta1(obj: &mut Value) {
    if let Some(spec) = obj.get_mut("spec").and_then(Value::as_object_mut)
        && let Some(mut backend) = spec.remove("defaultBackend")
    {
        backend_to_v1beta1(&mut backend);
        spec.insert("backend".into(), backend);
    }
    for path in paths_mut(obj) {
        if let Some(backend) = path.get_mut("backend") {
            backend_to_v1beta1(backend);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::kinds::lookup;

    #[test]
    fn ingress_round_trips_between_v1beta1_and_v1() {
        let beta = lookup("networking.k8s.io", "v1beta1", "ingresses", 21).expect("served on 1.21");
        let old = json!({
            "apiVersion": "networking.k8s.io/v1beta1", "kind": "Ingress",
            "metadata": {"name": "pacman"},
            "spec": {
                "backend": {"serviceName": "default", "servicePort": 80},
                "rules": [{"host": "pacman.com", "http": {"paths": [
                    {"path": "/", "backend": {"serviceName": "pacman", "servicePort": "http"}}
                ]}}]
            }
        });
        let stored = to_storage(beta, old.clone());
        assert_eq!(stored["apiVersion"], "networking.k8s.io/v1");
        assert_eq!(
            stored["spec"]["defaultBackend"],
            json!({"service": {"name": "default", "port": {"number": 80}}})
        );
        let path = &stored["spec"]["rules"][0]["http"]["paths"][0];
        assert_eq!(
            path["backend"],
            json!({"service": {"name": "pacman", "port": {"name": "http"}}})
        );
        assert_eq!(path["pathType"], "ImplementationSpecific");
        let back = from_storage(beta, &stored);
        assert_eq!(back["spec"]["backend"], old["spec"]["backend"]);
        assert_eq!(
            back["spec"]["rules"][0]["http"]["paths"][0]["backend"],
            old["spec"]["rules"][0]["http"]["paths"][0]["backend"]
        );
        let ext = lookup("extensions", "v1beta1", "ingresses", 21).expect("served on 1.21");
        assert_eq!(from_storage(ext, &stored)["apiVersion"], "extensions/v1beta1");
    }

    #[test]
    fn same_schema_versions_change_only_the_api_version() {
        let beta = lookup("policy", "v1beta1", "poddisruptionbudgets", 21).expect("served");
        let pdb = json!({"apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget", "spec": {"minAvailable": 1}});
        let stored = to_storage(beta, pdb);
        assert_eq!(stored["apiVersion"], "policy/v1");
        assert_eq!(stored["spec"]["minAvailable"], 1);
    }
}
