//! What every controller works with: [`Ctx`] (the cluster, and the memory of paced transitions
//! and of events already sent) and helpers over the objects they reconcile (owner references,
//! readiness, replicas, conditions).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;

use crate::rehearsal::events::{self, Type};
use crate::rehearsal::kinds::Resource;
use crate::rehearsal::object::uid_of;
use crate::rehearsal::state::Shared;

/// Controller memory: when each paced transition falls due, and which one-off events were sent.
pub struct Ctx {
    /// The cluster.
    pub shared: Arc<Shared>,
    deadlines: HashMap<String, Instant>,
    sent: HashSet<String>,
    /// When the earliest pending paced transition falls due (the run loop sleeps until then).
    pub(super) next_wake: Option<Instant>,
}

impl Ctx {
    pub(super) fn new(shared: Arc<Shared>) -> Self {
        Ctx {
            shared,
            deadlines: HashMap::new(),
            sent: HashSet::new(),
            next_wake: None,
        }
    }

    /// Whether the paced transition `key` is due. The first call starts its clock; the loop
    /// wakes again when it falls due. Once due, the clock is forgotten.
    pub fn due(&mut self, key: String) -> bool {
        let now = Instant::now();
        let deadline = *self
            .deadlines
            .entry(key.clone())
            .or_insert_with(|| now + self.shared.pace_delay());
        if now >= deadline {
            self.deadlines.remove(&key);
            true
        } else {
            self.next_wake = Some(self.next_wake.map_or(deadline, |w| w.min(deadline)));
            false
        }
    }

    /// Record an event once per `(object, key)`: controllers re-evaluate constantly, real ones
    /// would emit the same event only on a transition or after a backoff.
    pub fn event_once(
        &mut self,
        res: &Resource,
        obj: &Value,
        kind: Type,
        reason: &str,
        message: &str,
        component: &str,
    ) {
        let key = format!("{}/{reason}/{message}", uid_of(obj));
        if self.sent.insert(key) {
            events::record(&self.shared, res, obj, kind, reason, message, component);
        }
    }

    /// Record an event (a real transition happened).
    pub fn event(&self, res: &Resource, obj: &Value, kind: Type, reason: &str, message: &str, component: &str) {
        events::record(&self.shared, res, obj, kind, reason, message, component);
    }
}

/// Whether an object is being deleted.
pub fn deleting(obj: &Value) -> bool {
    obj.pointer("/metadata/deletionTimestamp").is_some()
}

/// Whether `obj` has a controller owner reference to `owner_uid`.
pub fn controlled_by(obj: &Value, owner_uid: &str) -> bool {
    obj.pointer("/metadata/ownerReferences")
        .and_then(Value::as_array)
        .is_some_and(|refs| {
            refs.iter().any(|r| {
                r.get("uid").and_then(Value::as_str) == Some(owner_uid)
                    && r.get("controller").and_then(Value::as_bool) == Some(true)
            })
        })
}

/// A controller owner reference to `owner`.
pub fn owner_ref(res: &Resource, owner: &Value) -> Value {
    serde_json::json!({
        "apiVersion": res.api_version(),
        "kind": res.kind,
        "name": crate::rehearsal::object::name_of(owner),
        "uid": uid_of(owner),
        "controller": true,
        "blockOwnerDeletion": true,
    })
}

/// Whether a pod's Ready condition is True.
pub fn pod_ready(pod: &Value) -> bool {
    pod.pointer("/status/conditions")
        .and_then(Value::as_array)
        .is_some_and(|cs| {
            cs.iter().any(|c| {
                c.get("type").and_then(Value::as_str) == Some("Ready")
                    && c.get("status").and_then(Value::as_str) == Some("True")
            })
        })
}

/// `spec.replicas` (default 1).
pub fn replicas(obj: &Value) -> i64 {
    obj.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1)
}

/// Build a condition, keeping `lastTransitionTime` (and `lastUpdateTime`) from the previous
/// one when its status did not change.
pub fn condition(
    previous: Option<&Value>,
    type_: &str,
    status: bool,
    reason: &str,
    message: &str,
    with_update_time: bool,
) -> Value {
    let status_str = if status { "True" } else { "False" };
    let old = previous
        .and_then(|s| s.get("conditions"))
        .and_then(Value::as_array)
        .and_then(|cs| cs.iter().find(|c| c.get("type").and_then(Value::as_str) == Some(type_)));
    let now = crate::rehearsal::object::now_rfc3339();
    let same_status = old.is_some_and(|c| c.get("status").and_then(Value::as_str) == Some(status_str));
    let same_all = same_status
        && old.is_some_and(|c| {
            c.get("reason").and_then(Value::as_str) == Some(reason)
                && c.get("message").and_then(Value::as_str) == Some(message)
        });
    let transition = if same_status {
        old.and_then(|c| c.get("lastTransitionTime").cloned())
            .unwrap_or(now.clone().into())
    } else {
        now.clone().into()
    };
    let mut c = serde_json::json!({"type": type_, "status": status_str});
    if with_update_time {
        let update = if same_all {
            old.and_then(|c| c.get("lastUpdateTime").cloned())
                .unwrap_or(now.clone().into())
        } else {
            now.into()
        };
        c["lastUpdateTime"] = update;
    }
    c["lastTransitionTime"] = transition;
    c["reason"] = reason.into();
    c["message"] = message.into();
    c
}
