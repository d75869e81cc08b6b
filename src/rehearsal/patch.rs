//! The four PATCH flavours: JSON merge patch, strategic merge patch, JSON patch and (simplified)
//! server-side apply.
//!
//! Depends on nothing in the rehearsal.

use serde_json::{Map, Value};

/// Which patch the request body holds, from its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchKind {
    /// `application/merge-patch+json` (RFC 7386).
    Merge,
    /// `application/strategic-merge-patch+json`.
    Strategic,
    /// `application/json-patch+json` (RFC 6902).
    Json,
    /// `application/apply-patch+yaml` (server-side apply).
    Apply,
}

impl PatchKind {
    /// The patch media types, as a real server lists them in a 415 answer.
    pub const ACCEPTED: &str = "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";

    /// Recognise a patch content type.
    pub fn from_content_type(ct: &str) -> Option<Self> {
        let base = ct.split(';').next().unwrap_or_default().trim();
        match base {
            "application/merge-patch+json" => Some(PatchKind::Merge),
            "application/strategic-merge-patch+json" => Some(PatchKind::Strategic),
            "application/json-patch+json" => Some(PatchKind::Json),
            "application/apply-patch+yaml" | "application/apply-patch+json" => Some(PatchKind::Apply),
            _ => None,
        }
    }
}

/// Apply an RFC 7386 JSON merge patch.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(pm) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let tm = target.as_object_mut().expect("made an object above");
            for (k, v) in pm {
                if v.is_null() {
                    tm.remove(k);
                } else {
                    merge_patch(tm.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// Apply an RFC 6902 JSON patch.
pub fn json_patch(target: &mut Value, patch: &Value) -> Result<(), String> {
    let ops: json_patch::Patch =
        serde_json::from_value(patch.clone()).map_err(|e| format!("invalid JSON patch: {e}"))?;
    json_patch::patch(target, &ops).map_err(|e| e.to_string())
}

/// The merge key Kubernetes declares (`patchMergeKey`) for a list field, if it merges by key.
fn merge_key(field: &str, items: &[Value]) -> Option<&'static str> {
    match field {
        "containers" | "initContainers" | "ephemeralContainers" | "volumes" | "env" | "imagePullSecrets" => {
            Some("name")
        }
        "volumeMounts" => Some("mountPath"),
        "volumeDevices" => Some("devicePath"),
        "conditions" => Some("type"),
        "ownerReferences" => Some("uid"),
        "hostAliases" => Some("ip"),
        "topologySpreadConstraints" => Some("topologyKey"),
        "ports" => {
            if items.iter().any(|i| i.get("containerPort").is_some()) {
                Some("containerPort")
            } else {
                Some("port")
            }
        }
        _ => None,
    }
}

/// Primitive lists that merge as sets (`patchStrategy: merge` on a list of strings).
fn is_set_list(field: &str) -> bool {
    matches!(field, "finalizers")
}

fn strip_directives(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !k.starts_with('$'))
                .map(|(k, v)| (k.clone(), strip_directives(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_directives).collect()),
        other => other.clone(),
    }
}

/// Apply a strategic merge patch: maps merge, `null` deletes, lists with a known merge key merge
/// item by item (`$patch: delete` removes an item), other lists are replaced. Directives
/// `$patch: replace`, `$deleteFromPrimitiveList/…` are honoured; `$setElementOrder/…` and
/// `$retainKeys` are accepted and ignored.
pub fn strategic_merge(target: &mut Value, patch: &Value) {
    let Value::Object(pm) = patch else {
        *target = patch.clone();
        return;
    };
    if pm.get("$patch").and_then(Value::as_str) == Some("replace") {
        *target = strip_directives(patch);
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let tm = target.as_object_mut().expect("made an object above");
    for (k, v) in pm {
        if let Some(field) = k.strip_prefix("$deleteFromPrimitiveList/") {
            if let (Some(Value::Array(list)), Some(remove)) = (tm.get_mut(field), v.as_array()) {
                list.retain(|item| !remove.contains(item));
            }
            continue;
        }
        if k.starts_with('$') {
            continue;
        }
        match v {
            Value::Null => {
                tm.remove(k);
            }
            Value::Object(inner) if inner.get("$patch").and_then(Value::as_str) == Some("delete") => {
                tm.remove(k);
            }
            Value::Object(_) => {
                let slot = tm.entry(k.clone()).or_insert(Value::Object(Map::new()));
                strategic_merge(slot, v);
            }
            Value::Array(items) => {
                let existing = tm.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
                let all: Vec<Value> = existing.iter().chain(items.iter()).cloned().collect();
                if let Some(key) = merge_key(k, &all).filter(|_| items.iter().all(Value::is_object)) {
                    tm.insert(k.clone(), Value::Array(merge_list_by_key(existing, items, key)));
                } else if is_set_list(k) {
                    let mut merged = existing;
                    for item in items {
                        if !merged.contains(item) {
                            merged.push(item.clone());
                        }
                    }
                    tm.insert(k.clone(), Value::Array(merged));
                } else {
                    tm.insert(k.clone(), strip_directives(v));
                }
            }
            other => {
                tm.insert(k.clone(), other.clone());
            }
        }
    }
}

fn merge_list_by_key(mut existing: Vec<Value>, items: &[Value], key: &str) -> Vec<Value> {
    for item in items {
        let id = item.get(key);
        if item.get("$patch").and_then(Value::as_str) == Some("replace") {
            return items.iter().map(strip_directives).collect();
        }
        let pos = id.and_then(|id| existing.iter().position(|e| e.get(key) == Some(id)));
        let delete = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match (pos, delete) {
            (Some(p), true) => {
                existing.remove(p);
            }
            (None, true) => {}
            (Some(p), false) => strategic_merge(&mut existing[p], item),
            (None, false) => existing.push(strip_directives(item)),
        }
    }
    existing
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_deletes_with_null_and_replaces_lists() {
        let mut t = json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]});
        merge_patch(&mut t, &json!({"a": null, "b": {"c": 5}, "l": [3]}));
        assert_eq!(t, json!({"b": {"c": 5, "d": 3}, "l": [3]}));
    }

    #[test]
    fn strategic_merges_containers_by_name() {
        let mut t = json!({"spec": {"replicas": 1, "template": {"spec": {"containers": [
            {"name": "app", "image": "a:1", "env": [{"name": "X", "value": "1"}]},
            {"name": "side", "image": "s:1"}
        ]}}}});
        strategic_merge(
            &mut t,
            &json!({"spec": {"replicas": 3, "template": {"spec": {
                "$setElementOrder/containers": [{"name": "app"}, {"name": "side"}],
                "containers": [
                    {"name": "app", "image": "a:2", "env": [{"name": "Y", "value": "2"}]},
                    {"name": "side", "$patch": "delete"},
                    {"name": "new", "image": "n:1"}
                ]
            }}}}),
        );
        assert_eq!(
            t,
            json!({"spec": {"replicas": 3, "template": {"spec": {"containers": [
                {"name": "app", "image": "a:2", "env": [{"name": "X", "value": "1"}, {"name": "Y", "value": "2"}]},
                {"name": "new", "image": "n:1"}
            ]}}}})
        );
    }

    #[test]
    fn strategic_labels_annotations_and_replace_lists() {
        let mut t = json!({"metadata": {"labels": {"a": "1", "b": "2"}, "finalizers": ["x"]},
                           "spec": {"tolerations": [{"key": "k"}], "ports": [{"port": 80, "name": "http"}]}});
        strategic_merge(
            &mut t,
            &json!({"metadata": {"labels": {"b": null, "c": "3"}, "annotations": {"n": "v"}, "finalizers": ["y"]},
                    "spec": {"tolerations": [{"key": "z"}], "ports": [{"port": 80, "targetPort": 8080}, {"port": 443}]}}),
        );
        assert_eq!(
            t,
            json!({"metadata": {"labels": {"a": "1", "c": "3"}, "finalizers": ["x", "y"], "annotations": {"n": "v"}},
                   "spec": {"tolerations": [{"key": "z"}], "ports": [{"port": 80, "name": "http", "targetPort": 8080}, {"port": 443}]}})
        );
    }

    #[test]
    fn strategic_replace_and_delete_from_primitive_list() {
        let mut t = json!({"spec": {"selector": {"a": "1", "b": "2"}}, "metadata": {"finalizers": ["x", "y"]}});
        strategic_merge(
            &mut t,
            &json!({"spec": {"selector": {"$patch": "replace", "c": "3"}},
                    "metadata": {"$deleteFromPrimitiveList/finalizers": ["x"]}}),
        );
        assert_eq!(
            t,
            json!({"spec": {"selector": {"c": "3"}}, "metadata": {"finalizers": ["y"]}})
        );
    }

    #[test]
    fn json_patch_ops() {
        let mut t = json!({"spec": {"replicas": 1}, "metadata": {"labels": {}}});
        json_patch(
            &mut t,
            &json!([{"op": "replace", "path": "/spec/replicas", "value": 4},
                    {"op": "add", "path": "/metadata/labels/x", "value": "y"}]),
        )
        .expect("valid patch");
        assert_eq!(t, json!({"spec": {"replicas": 4}, "metadata": {"labels": {"x": "y"}}}));
        assert!(json_patch(&mut t, &json!([{"op": "test", "path": "/spec/replicas", "value": 9}])).is_err());
        assert!(json_patch(&mut t, &json!({"op": "nope"})).is_err());
    }

    #[test]
    fn content_types() {
        assert_eq!(
            PatchKind::from_content_type("application/merge-patch+json; charset=utf-8"),
            Some(PatchKind::Merge)
        );
        assert_eq!(
            PatchKind::from_content_type("application/apply-patch+yaml"),
            Some(PatchKind::Apply)
        );
        assert_eq!(PatchKind::from_content_type("text/plain"), None);
    }
}
