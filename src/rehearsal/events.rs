//! core/v1 Events recorded by the simulated controllers.
//!
//! Depends on `kinds`, `state` and `store` only.

use serde_json::{Value, json};

use crate::rehearsal::kinds::{Resource, by_kind};
use crate::rehearsal::object::{name_of, namespace_of, now_rfc3339, uid_of};
use crate::rehearsal::state::Shared;

/// Event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// Normal event.
    Normal,
    /// Warning event.
    Warning,
}

/// Record an event about `involved` (of resource `res`). An identical event (same object,
/// reason and message) is folded into the existing one: count + 1 and a new lastTimestamp.
pub fn record(
    shared: &Shared,
    res: &Resource,
    involved: &Value,
    kind: Type,
    reason: &str,
    message: &str,
    component: &str,
) {
    let events = by_kind("", "Event");
    let ns = match namespace_of(involved) {
        "" => "default",
        n => n,
    };
    if shared
        .store
        .get(by_kind("", "Namespace"), "", ns)
        .is_none_or(|n| n.pointer("/metadata/deletionTimestamp").is_some())
    {
        return;
    }
    let uid = uid_of(involved);
    let now = now_rfc3339();
    let (existing, _) = shared.store.list(events, Some(ns));
    if let Some(e) = existing.iter().find(|e| {
        e.pointer("/involvedObject/uid").and_then(Value::as_str) == Some(uid)
            && e.get("reason").and_then(Value::as_str) == Some(reason)
            && e.get("message").and_then(Value::as_str) == Some(message)
    }) {
        let count = e.get("count").and_then(Value::as_i64).unwrap_or(1);
        shared.store.mutate(events, ns, name_of(e), |ev| {
            ev["count"] = json!(count + 1);
            ev["lastTimestamp"] = json!(now);
        });
        return;
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let mut involved_ref = json!({
        "kind": res.kind,
        "name": name_of(involved),
        "uid": uid,
        "apiVersion": res.api_version(),
        "resourceVersion": involved.pointer("/metadata/resourceVersion").cloned().unwrap_or(json!("")),
    });
    if res.namespaced {
        involved_ref["namespace"] = json!(namespace_of(involved));
    }
    let event = json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": format!("{}.{:x}", name_of(involved), nanos), "namespace": ns},
        "involvedObject": involved_ref,
        "reason": reason,
        "message": message,
        "source": {"component": component, "host": shared.node_name},
        "firstTimestamp": now,
        "lastTimestamp": now,
        "count": 1,
        "type": match kind { Type::Normal => "Normal", Type::Warning => "Warning" },
        "eventTime": null,
        "reportingComponent": component,
        "reportingInstance": shared.node_name,
    });
    // A name collision (same object, same nanosecond) only loses a duplicate event.
    let _ = shared.store.create(events, event);
}
