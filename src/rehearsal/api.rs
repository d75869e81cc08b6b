//! Object operations with API-server semantics (admission, preconditions, subresources), shared
//! by the HTTP layer and the simulated controllers.
//!
//! Depends on `admission`, `convert`, `events`, `patch`, `shape`, `selector`, `state`, `status`
//! and `store`; the server, the controllers and the addons call it, never the other way round.

use serde_json::{Value, json};

use crate::rehearsal::admission;
use crate::rehearsal::convert;
use crate::rehearsal::events;
use crate::rehearsal::kinds::Resource;
use crate::rehearsal::object::{name_of, rv_of};
use crate::rehearsal::patch::{self, PatchKind};
use crate::rehearsal::selector::LabelSelector;
use crate::rehearsal::shape;
use crate::rehearsal::state::Shared;
use crate::rehearsal::status::ApiError;
use crate::rehearsal::store::Propagation;

/// Which part of an object a write addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sub {
    /// The object itself (status changes are ignored when a status subresource exists).
    Main,
    /// The `status` subresource (only status changes are kept).
    Status,
    /// The `scale` subresource (an autoscaling/v1 Scale).
    Scale,
}

fn check_type(res: &Resource, obj: &mut Value) -> Result<(), ApiError> {
    if !obj.is_object() {
        return Err(ApiError::bad_request("the request body must be a JSON or YAML object"));
    }
    let api_version = res.api_version();
    match obj.get("apiVersion").and_then(Value::as_str) {
        Some(v) if v != api_version => {
            return Err(ApiError::bad_request(format!(
                "the API version in the data ({v}) does not match the expected API version ({api_version})"
            )));
        }
        _ => obj["apiVersion"] = json!(api_version),
    }
    match obj.get("kind").and_then(Value::as_str) {
        Some(k) if k != res.kind => {
            return Err(ApiError::bad_request(format!(
                "the kind in the data ({k}) does not match the expected kind ({})",
                res.kind
            )));
        }
        _ => obj["kind"] = json!(res.kind),
    }
    if !obj.get("metadata").is_some_and(Value::is_object) {
        obj["metadata"] = json!({});
    }
    Ok(())
}

fn set_namespace(res: &Resource, ns: &str, obj: &mut Value) -> Result<(), ApiError> {
    let meta = obj["metadata"].as_object_mut().expect("checked by check_type");
    if res.namespaced {
        match meta.get("namespace").and_then(Value::as_str) {
            Some(n) if !n.is_empty() && n != ns => {
                return Err(ApiError::bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request",
                ));
            }
            _ => {
                meta.insert("namespace".into(), json!(ns));
            }
        }
    } else {
        meta.remove("namespace");
    }
    Ok(())
}

/// Random suffix alphabet Kubernetes uses for generated names and hashes.
pub const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";

/// A random `n`-character suffix like `9mhxd`.
pub fn random_suffix(n: usize) -> String {
    (0..n)
        .map(|_| char::from(ALPHANUMS[fastrand::usize(..ALPHANUMS.len())]))
        .collect()
}

/// Create an object (POST).
pub fn create(shared: &Shared, res: &Resource, ns: &str, mut obj: Value, dry_run: bool) -> Result<Value, ApiError> {
    check_type(res, &mut obj)?;
    shape::check(res, &obj)?;
    set_namespace(res, ns, &mut obj)?;
    if name_of(&obj).is_empty() {
        match obj.pointer("/metadata/generateName").and_then(Value::as_str) {
            Some(prefix) if !prefix.is_empty() => {
                obj["metadata"]["name"] = json!(format!("{prefix}{}", random_suffix(5)));
            }
            _ => {
                return Err(ApiError::invalid(
                    res,
                    "",
                    &[(
                        "metadata.name".into(),
                        "FieldValueRequired",
                        "Required value: name or generateName is required".into(),
                    )],
                ));
            }
        }
    }
    admission::validate_name(res, name_of(&obj))?;
    admission::check_namespace(shared, res, &obj)?;
    if let Some(m) = obj["metadata"].as_object_mut() {
        m.remove("resourceVersion");
        m.remove("uid");
        m.remove("managedFields");
    }
    let mut obj = convert::to_storage(res, obj);
    admission::admit(shared, res.storage(), &mut obj, None)?;
    if dry_run {
        if shared.store.get(res, ns_of(res, ns), name_of(&obj)).is_some() {
            return Err(ApiError::already_exists(res, name_of(&obj)));
        }
        return Ok(convert::from_storage(res, &obj));
    }
    let created = shared.store.create(res, obj)?;
    Ok(convert::from_storage(res, &created))
}

fn ns_of<'a>(res: &Resource, ns: &'a str) -> &'a str {
    if res.namespaced { ns } else { "" }
}

/// Build the autoscaling/v1 Scale view of a workload.
pub fn scale_of(obj: &Value) -> Value {
    let selector = obj
        .pointer("/spec/selector")
        .map(LabelSelector::from_object)
        .unwrap_or_default();
    let meta = &obj["metadata"];
    let mut m = json!({
        "name": meta["name"],
        "namespace": meta["namespace"],
        "uid": meta["uid"],
        "resourceVersion": meta["resourceVersion"],
        "creationTimestamp": meta["creationTimestamp"],
    });
    if meta.get("namespace").is_none() {
        m.as_object_mut().expect("object").remove("namespace");
    }
    json!({
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": m,
        "spec": {"replicas": obj.pointer("/spec/replicas").cloned().unwrap_or(json!(1))},
        "status": {
            "replicas": obj.pointer("/status/replicas").cloned().unwrap_or(json!(0)),
            "selector": selector.render(),
        }
    })
}

/// Replace an object or one of its subresources (PUT). For `Sub::Scale` the body and the result
/// are Scale objects.
pub fn update(
    shared: &Shared,
    res: &Resource,
    ns: &str,
    name: &str,
    mut new: Value,
    sub: Sub,
    dry_run: bool,
) -> Result<Value, ApiError> {
    let ns = ns_of(res, ns);
    let old = shared
        .store
        .get(res, ns, name)
        .ok_or_else(|| ApiError::not_found(res, name))?;
    let precondition = rv_of(&new);
    if !new.is_object() {
        return Err(ApiError::bad_request("the request body must be a JSON or YAML object"));
    }
    let body_name = name_of(&new).to_string();
    if !body_name.is_empty() && body_name != name {
        return Err(ApiError::bad_request(format!(
            "the name of the object ({body_name}) does not match the name on the URL ({name})"
        )));
    }
    let mut obj = match sub {
        Sub::Scale => {
            let replicas = new.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(0);
            if replicas < 0 {
                return Err(ApiError::invalid(
                    res,
                    name,
                    &[(
                        "spec.replicas".into(),
                        "FieldValueInvalid",
                        format!("Invalid value: {replicas}: must be greater than or equal to 0"),
                    )],
                ));
            }
            let mut o = Value::clone(&old);
            o["spec"]["replicas"] = json!(replicas);
            o
        }
        Sub::Status => {
            let new = convert::to_storage(res, new);
            let mut o = Value::clone(&old);
            o["status"] = new.get("status").cloned().unwrap_or(json!({}));
            o
        }
        Sub::Main => {
            check_type(res, &mut new)?;
            shape::check(res, &new)?;
            let mut new = convert::to_storage(res, new);
            set_namespace(res, ns, &mut new)?;
            new["metadata"]["name"] = json!(name);
            if res.status {
                match old.get("status") {
                    Some(s) => new["status"] = s.clone(),
                    None => {
                        new.as_object_mut().expect("object").remove("status");
                    }
                }
            }
            if let Some(m) = new["metadata"].as_object_mut() {
                m.remove("managedFields");
            }
            admission::admit(shared, res.storage(), &mut new, Some(&old))?;
            new
        }
    };
    shape::check(res.storage(), &obj)?;
    if precondition.is_some_and(|p| Some(p) != rv_of(&old)) {
        return Err(ApiError::conflict(res, name));
    }
    obj["metadata"]["resourceVersion"] = old["metadata"]["resourceVersion"].clone();
    let stored = if dry_run {
        std::sync::Arc::new(obj)
    } else {
        shared.store.update(res, obj, rv_of(&old))?
    };
    Ok(if sub == Sub::Scale {
        scale_of(&stored)
    } else {
        convert::from_storage(res, &stored)
    })
}

/// Patch an object or a subresource (PATCH). Returns the result and whether it was created
/// (server-side apply of a missing object creates it).
#[allow(clippy::too_many_arguments)]
pub fn patch(
    shared: &Shared,
    res: &Resource,
    ns: &str,
    name: &str,
    kind: PatchKind,
    body: &Value,
    sub: Sub,
    field_manager: Option<&str>,
    dry_run: bool,
) -> Result<(Value, bool), ApiError> {
    if kind == PatchKind::Apply && field_manager.is_none_or(str::is_empty) {
        return Err(ApiError {
            code: 422,
            reason: "Invalid",
            message:
                "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"
                    .into(),
            details: Some(json!({"group": "meta.k8s.io", "kind": "PatchOptions", "causes": [
                {"reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager"}
            ]})),
        });
    }
    let ns_key = ns_of(res, ns);
    // Like the real server, retry a few times when a concurrent writer got in between.
    for _ in 0..5 {
        let Some(old) = shared.store.get(res, ns_key, name) else {
            if kind == PatchKind::Apply && sub == Sub::Main {
                let mut obj = body.clone();
                if !name_of(&obj).is_empty() && name_of(&obj) != name {
                    return Err(ApiError::bad_request(format!(
                        "the name of the object ({}) does not match the name on the URL ({name})",
                        name_of(&obj)
                    )));
                }
                if obj.is_object() {
                    if !obj.get("metadata").is_some_and(Value::is_object) {
                        obj["metadata"] = json!({});
                    }
                    obj["metadata"]["name"] = json!(name);
                }
                return create(shared, res, ns, obj, dry_run).map(|o| (o, true));
            }
            return Err(ApiError::not_found(res, name));
        };
        // The patch applies to the object as the client's version shows it.
        let mut doc = if sub == Sub::Scale {
            scale_of(&old)
        } else {
            convert::from_storage(res, &old)
        };
        let before_rv = doc.pointer("/metadata/resourceVersion").cloned();
        match kind {
            PatchKind::Merge => patch::merge_patch(&mut doc, body),
            PatchKind::Strategic | PatchKind::Apply => {
                if !body.is_object() {
                    return Err(ApiError::bad_request("the patch must be a JSON object"));
                }
                patch::strategic_merge(&mut doc, body);
            }
            PatchKind::Json => patch::json_patch(&mut doc, body).map_err(|e| ApiError {
                code: 422,
                reason: "Invalid",
                message: format!("the server rejected our request due to an error in our request: {e}"),
                details: None,
            })?,
        }
        if kind == PatchKind::Apply {
            // Server-side apply never carries a resourceVersion precondition unless the applied
            // object sets one; drop what the merge kept from the stored object.
            if body.pointer("/metadata/resourceVersion").is_none() {
                doc["metadata"]["resourceVersion"] = before_rv.clone().unwrap_or(Value::Null);
            }
        }
        let patched_rv = doc.pointer("/metadata/resourceVersion").cloned();
        if patched_rv != before_rv {
            return Err(ApiError::conflict(res, name));
        }
        match update(shared, res, ns, name, doc, sub, dry_run) {
            Err(e) if e.reason == "Conflict" => continue,
            other => return other.map(|o| (o, false)),
        }
    }
    Err(ApiError::conflict(res, name))
}

/// Delete an object (DELETE). Pods are removed at once (no grace period) with a `Killing` event.
pub fn delete(
    shared: &Shared,
    res: &Resource,
    ns: &str,
    name: &str,
    propagation: Propagation,
    precondition_uid: Option<&str>,
    dry_run: bool,
) -> Result<Value, ApiError> {
    let ns = ns_of(res, ns);
    let current = shared
        .store
        .get(res, ns, name)
        .ok_or_else(|| ApiError::not_found(res, name))?;
    if dry_run {
        return Ok(convert::from_storage(res, &current));
    }
    let deleted = shared.store.delete(res, ns, name, propagation, precondition_uid)?;
    if res.kind == "Pod" && res.group.is_empty() && current.pointer("/spec/nodeName").is_some() {
        for c in deleted
            .pointer("/spec/containers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let cname = c.get("name").and_then(Value::as_str).unwrap_or_default();
            events::record(
                shared,
                res,
                &deleted,
                events::Type::Normal,
                "Killing",
                &format!("Stopping container {cname}"),
                "kubelet",
            );
        }
    }
    Ok(convert::from_storage(res, &deleted))
}
