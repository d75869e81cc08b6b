//! The object store: every object as JSON, a monotonic resourceVersion, a bounded change history
//! for watches, and the deletion rules (finalizers, Terminating namespaces).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};

use crate::rehearsal::kinds::Resource;
use crate::rehearsal::status::ApiError;

/// How many changes the store keeps for watches that resume from a resourceVersion.
pub const HISTORY_CAPACITY: usize = 5000;

/// Identifies a collection independently of its version: `(storage group, plural)`, so
/// `extensions/v1beta1` and `networking.k8s.io/v1` ingresses are the same objects.
pub type Gr = (&'static str, &'static str);

fn gr(res: &Resource) -> Gr {
    (res.storage.0, res.plural)
}

/// The type of a watch event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// Object created.
    Added,
    /// Object changed.
    Modified,
    /// Object removed.
    Deleted,
}

impl EventType {
    /// The wire name (`ADDED`…).
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        }
    }
}

/// One recorded change.
#[derive(Debug, Clone)]
pub struct Change {
    /// resourceVersion of this change.
    pub rv: u64,
    /// Collection it happened in.
    pub gr: Gr,
    /// Namespace of the object ("" for cluster-scoped).
    pub namespace: String,
    /// What happened.
    pub event: EventType,
    /// The object after the change (before removal for `Deleted`).
    pub object: Arc<Value>,
    /// When the store committed the change (for synthetic ADDED events of a fresh watch: when
    /// the watch started).
    pub at: Instant,
}

struct Watcher {
    gr: Gr,
    namespace: Option<String>,
    tx: mpsc::UnboundedSender<Change>,
}

#[derive(Default)]
struct Inner {
    rv: u64,
    objects: HashMap<Gr, BTreeMap<(String, String), Value>>,
    history: VecDeque<Change>,
    compacted_rv: u64,
    watchers: Vec<Watcher>,
}

/// The shared store.
pub struct Store {
    inner: Mutex<Inner>,
    rv_tx: watch::Sender<u64>,
}

/// How a DELETE treats the object's dependents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Propagation {
    /// Delete now; the garbage collector removes dependents afterwards.
    Background,
    /// Keep the owner (with a `foregroundDeletion` finalizer) until its dependents are gone.
    Foreground,
    /// Remove owner references from dependents, then delete.
    Orphan,
}

/// Current time as an RFC 3339 timestamp with second precision, as Kubernetes writes it.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `metadata.name`.
pub fn name_of(obj: &Value) -> &str {
    obj.pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// `metadata.namespace` ("" when absent).
pub fn namespace_of(obj: &Value) -> &str {
    obj.pointer("/metadata/namespace")
        .and_then(Value::as_str)
        .unwrap_or_default()
}

/// `metadata.uid`.
pub fn uid_of(obj: &Value) -> &str {
    obj.pointer("/metadata/uid").and_then(Value::as_str).unwrap_or_default()
}

/// Parsed `metadata.resourceVersion`.
pub fn rv_of(obj: &Value) -> Option<u64> {
    obj.pointer("/metadata/resourceVersion")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
}

fn without_meta_status(obj: &Value) -> Value {
    let mut v = obj.clone();
    if let Some(m) = v.as_object_mut() {
        m.remove("metadata");
        m.remove("status");
    }
    v
}

fn has_finalizers(obj: &Value) -> bool {
    obj.pointer("/metadata/finalizers")
        .and_then(Value::as_array)
        .is_some_and(|f| !f.is_empty())
}

impl Default for Store {
    fn default() -> Self {
        Self::new()
    }
}

impl Store {
    /// An empty store.
    pub fn new() -> Self {
        let (rv_tx, _) = watch::channel(0);
        Store {
            inner: Mutex::new(Inner::default()),
            rv_tx,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A receiver that changes whenever anything in the store changes.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.rv_tx.subscribe()
    }

    /// The latest resourceVersion.
    pub fn resource_version(&self) -> u64 {
        self.lock().rv
    }

    /// Fetch one object.
    pub fn get(&self, res: &Resource, ns: &str, name: &str) -> Option<Value> {
        self.lock()
            .objects
            .get(&gr(res))
            .and_then(|m| m.get(&(ns.to_string(), name.to_string())))
            .cloned()
    }

    /// All objects of a collection, optionally in one namespace, sorted by namespace and name,
    /// with the resourceVersion of the snapshot.
    pub fn list(&self, res: &Resource, ns: Option<&str>) -> (Vec<Value>, u64) {
        let inner = self.lock();
        let items = inner
            .objects
            .get(&gr(res))
            .map(|m| {
                m.iter()
                    .filter(|((n, _), _)| ns.is_none_or(|want| want == n))
                    .map(|(_, v)| v.clone())
                    .collect()
            })
            .unwrap_or_default();
        (items, inner.rv)
    }

    /// Every uid in the store (for the garbage collector).
    pub fn all_objects(&self) -> Vec<(Gr, Value)> {
        let inner = self.lock();
        inner
            .objects
            .iter()
            .flat_map(|(g, m)| m.values().map(move |v| (*g, v.clone())))
            .collect()
    }

    fn record(&self, inner: &mut Inner, res: &Resource, event: EventType, object: Value) {
        let change = Change {
            rv: inner.rv,
            gr: gr(res),
            namespace: namespace_of(&object).to_string(),
            event,
            object: Arc::new(object),
            at: Instant::now(),
        };
        inner.watchers.retain(|w| {
            if w.gr == change.gr && w.namespace.as_ref().is_none_or(|n| *n == change.namespace) {
                w.tx.send(change.clone()).is_ok()
            } else {
                !w.tx.is_closed()
            }
        });
        inner.history.push_back(change);
        while inner.history.len() > HISTORY_CAPACITY {
            if let Some(old) = inner.history.pop_front() {
                inner.compacted_rv = old.rv;
            }
        }
        self.rv_tx.send_replace(inner.rv);
    }

    /// Create an object whose name and namespace are already set. Fills uid, resourceVersion,
    /// creationTimestamp and generation.
    pub fn create(&self, res: &Resource, mut obj: Value) -> Result<Value, ApiError> {
        let mut inner = self.lock();
        let key = (namespace_of(&obj).to_string(), name_of(&obj).to_string());
        if inner.objects.get(&gr(res)).is_some_and(|m| m.contains_key(&key)) {
            return Err(ApiError::already_exists(res, &key.1));
        }
        inner.rv += 1;
        let rv = inner.rv;
        {
            let meta = obj
                .as_object_mut()
                .expect("objects are JSON objects")
                .entry("metadata")
                .or_insert_with(|| json!({}));
            meta["uid"] = json!(uuid::Uuid::new_v4().to_string());
            meta["resourceVersion"] = json!(rv.to_string());
            meta["creationTimestamp"] = json!(now_rfc3339());
            if let Some(m) = meta.as_object_mut() {
                m.remove("deletionTimestamp");
                m.remove("generation");
            }
            if res.status {
                meta["generation"] = json!(1);
            }
        }
        inner.objects.entry(gr(res)).or_default().insert(key, obj.clone());
        self.record(&mut inner, res, EventType::Added, obj.clone());
        Ok(obj)
    }

    /// Replace an existing object. `precondition` is the resourceVersion the caller based its
    /// change on (409 Conflict when stale). Keeps uid and creationTimestamp, bumps generation
    /// when anything outside metadata and status changed, and removes the object when it is
    /// being deleted and its last finalizer is gone. A no-op update returns the object unchanged.
    pub fn update(&self, res: &Resource, obj: Value, precondition: Option<u64>) -> Result<Value, ApiError> {
        let mut inner = self.lock();
        self.update_locked(&mut inner, res, obj, precondition)
    }

    fn update_locked(
        &self,
        inner: &mut Inner,
        res: &Resource,
        mut obj: Value,
        precondition: Option<u64>,
    ) -> Result<Value, ApiError> {
        let key = (namespace_of(&obj).to_string(), name_of(&obj).to_string());
        let Some(old) = inner.objects.get(&gr(res)).and_then(|m| m.get(&key)).cloned() else {
            return Err(ApiError::not_found(res, &key.1));
        };
        if precondition.is_some_and(|p| Some(p) != rv_of(&old)) {
            return Err(ApiError::conflict(res, &key.1));
        }
        {
            let meta = obj
                .as_object_mut()
                .expect("objects are JSON objects")
                .entry("metadata")
                .or_insert_with(|| json!({}));
            for field in [
                "uid",
                "creationTimestamp",
                "deletionTimestamp",
                "deletionGracePeriodSeconds",
                "generation",
            ] {
                match old["metadata"].get(field) {
                    Some(v) => meta[field] = v.clone(),
                    None => {
                        if let Some(m) = meta.as_object_mut() {
                            m.remove(field);
                        }
                    }
                }
            }
            meta["resourceVersion"] = old["metadata"]["resourceVersion"].clone();
        }
        if res.status && without_meta_status(&obj) != without_meta_status(&old) {
            let generation = old.pointer("/metadata/generation").and_then(Value::as_i64).unwrap_or(1);
            obj["metadata"]["generation"] = json!(generation + 1);
        }
        let deleting = obj.pointer("/metadata/deletionTimestamp").is_some();
        if obj == old && (!deleting || has_finalizers(&obj)) {
            return Ok(old);
        }
        inner.rv += 1;
        obj["metadata"]["resourceVersion"] = json!(inner.rv.to_string());
        if deleting && !has_finalizers(&obj) && res.plural != "namespaces" {
            if let Some(m) = inner.objects.get_mut(&gr(res)) {
                m.remove(&key);
            }
            self.record(inner, res, EventType::Deleted, obj.clone());
            return Ok(obj);
        }
        inner.objects.entry(gr(res)).or_default().insert(key, obj.clone());
        self.record(inner, res, EventType::Modified, obj.clone());
        Ok(obj)
    }

    /// Read-modify-write one object atomically (for controllers). Returns the stored object,
    /// or `None` when it does not exist.
    pub fn mutate(&self, res: &Resource, ns: &str, name: &str, f: impl FnOnce(&mut Value)) -> Option<Value> {
        let mut inner = self.lock();
        let mut obj = inner
            .objects
            .get(&gr(res))
            .and_then(|m| m.get(&(ns.to_string(), name.to_string())))
            .cloned()?;
        f(&mut obj);
        self.update_locked(&mut inner, res, obj, None).ok()
    }

    /// Remove an object now, whatever its finalizers.
    pub fn remove(&self, res: &Resource, ns: &str, name: &str) -> Option<Value> {
        let mut inner = self.lock();
        let mut obj = inner
            .objects
            .get_mut(&gr(res))?
            .remove(&(ns.to_string(), name.to_string()))?;
        inner.rv += 1;
        obj["metadata"]["resourceVersion"] = json!(inner.rv.to_string());
        self.record(&mut inner, res, EventType::Deleted, obj.clone());
        Some(obj)
    }

    /// Delete with Kubernetes semantics: objects with finalizers (and namespaces, and
    /// foreground/orphan deletions) get a deletionTimestamp and stay until their finalizers are
    /// removed; others are removed now. `precondition_uid` guards against deleting a replacement.
    pub fn delete(
        &self,
        res: &Resource,
        ns: &str,
        name: &str,
        propagation: Propagation,
        precondition_uid: Option<&str>,
    ) -> Result<Value, ApiError> {
        let mut inner = self.lock();
        let Some(mut obj) = inner
            .objects
            .get(&gr(res))
            .and_then(|m| m.get(&(ns.to_string(), name.to_string())))
            .cloned()
        else {
            return Err(ApiError::not_found(res, name));
        };
        if precondition_uid.is_some_and(|u| u != uid_of(&obj)) {
            return Err(ApiError::conflict(res, name));
        }
        let finalizer = match propagation {
            Propagation::Foreground => Some("foregroundDeletion"),
            Propagation::Orphan => Some("orphan"),
            Propagation::Background => None,
        };
        if res.plural == "namespaces" || has_finalizers(&obj) || finalizer.is_some() {
            if obj.pointer("/metadata/deletionTimestamp").is_some() {
                return Ok(obj);
            }
            if let Some(f) = finalizer {
                let list = obj["metadata"]
                    .as_object_mut()
                    .expect("metadata is an object")
                    .entry("finalizers")
                    .or_insert_with(|| json!([]));
                if let Some(a) = list.as_array_mut()
                    && !a.contains(&json!(f))
                {
                    a.push(json!(f));
                }
            }
            if res.plural == "namespaces" {
                obj["status"]["phase"] = json!("Terminating");
            }
            // Set the deletion timestamp through the normal update path, bypassing the
            // "preserve deletionTimestamp" rule by writing the stored copy first.
            let key = (ns.to_string(), name.to_string());
            let mut marked = obj.clone();
            marked["metadata"]["deletionTimestamp"] = json!(now_rfc3339());
            marked["metadata"]["deletionGracePeriodSeconds"] = json!(0);
            inner.rv += 1;
            marked["metadata"]["resourceVersion"] = json!(inner.rv.to_string());
            inner.objects.entry(gr(res)).or_default().insert(key, marked.clone());
            self.record(&mut inner, res, EventType::Modified, marked.clone());
            return Ok(marked);
        }
        drop(inner);
        self.remove(res, ns, name).ok_or_else(|| ApiError::not_found(res, name))
    }

    /// Start a watch: the backlog to send first, a receiver for what follows, and the current
    /// resourceVersion.
    /// `from = None` sends the current objects as synthetic ADDED events; `Some(rv)` replays
    /// the recorded changes after `rv`, or fails with 410 Expired when they were compacted away.
    pub fn watch(
        &self,
        res: &Resource,
        ns: Option<&str>,
        from: Option<u64>,
    ) -> Result<(Vec<Change>, mpsc::UnboundedReceiver<Change>, u64), ApiError> {
        let mut inner = self.lock();
        let g = gr(res);
        let in_scope = |n: &str| ns.is_none_or(|want| want == n);
        let backlog: Vec<Change> = match from {
            None => inner
                .objects
                .get(&g)
                .map(|m| {
                    m.iter()
                        .filter(|((n, _), _)| in_scope(n))
                        .map(|((n, _), v)| Change {
                            rv: rv_of(v).unwrap_or_default(),
                            gr: g,
                            namespace: n.clone(),
                            event: EventType::Added,
                            object: Arc::new(v.clone()),
                            at: Instant::now(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            Some(rv) => {
                if rv < inner.compacted_rv {
                    return Err(ApiError::expired(rv, inner.compacted_rv + 1));
                }
                inner
                    .history
                    .iter()
                    .filter(|c| c.rv > rv && c.gr == g && in_scope(&c.namespace))
                    .cloned()
                    .collect()
            }
        };
        let (tx, rx) = mpsc::unbounded_channel();
        inner.watchers.push(Watcher {
            gr: g,
            namespace: ns.map(str::to_string),
            tx,
        });
        Ok((backlog, rx, inner.rv))
    }

    /// When the change with resourceVersion `rv` was committed, while it is in the history.
    pub fn committed_at(&self, rv: u64) -> Option<Instant> {
        let inner = self.lock();
        let i = inner.history.partition_point(|c| c.rv < rv);
        inner.history.get(i).filter(|c| c.rv == rv).map(|c| c.at)
    }

    /// Forget everything, like an API server whose etcd lost its data: no objects, no history,
    /// resourceVersions start again from 1, and every open watch ends.
    pub fn reset(&self) {
        let mut inner = self.lock();
        *inner = Inner::default();
        self.rv_tx.send_replace(0);
    }

    /// Forget the change history, like an etcd compaction: watches from any older
    /// resourceVersion get 410 Gone afterwards.
    pub fn compact(&self) {
        let mut inner = self.lock();
        inner.history.clear();
        inner.compacted_rv = inner.rv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::kinds::by_kind;

    fn cm(name: &str) -> Value {
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": "default"}, "data": {"a": "1"}})
    }

    #[test]
    fn create_update_conflict_delete() {
        let store = Store::new();
        let res = by_kind("", "ConfigMap");
        let created = store.create(res, cm("x")).expect("created");
        assert!(!uid_of(&created).is_empty());
        assert_eq!(store.create(res, cm("x")).map_err(|e| e.code).err(), Some(409));
        let rv1 = rv_of(&created).expect("rv");
        let mut changed = created.clone();
        changed["data"]["a"] = json!("2");
        let updated = store.update(res, changed.clone(), Some(rv1)).expect("updated");
        assert!(rv_of(&updated).expect("rv") > rv1);
        assert_eq!(uid_of(&updated), uid_of(&created));
        let stale = store.update(res, changed, Some(rv1)).map_err(|e| e.reason).err();
        assert_eq!(stale, Some("Conflict"));
        store
            .delete(res, "default", "x", Propagation::Background, None)
            .expect("deleted");
        assert!(store.get(res, "default", "x").is_none());
    }

    #[test]
    fn generation_bumps_on_spec_change_only() {
        let store = Store::new();
        let res = by_kind("apps", "Deployment");
        let d = json!({"metadata": {"name": "d", "namespace": "default"}, "spec": {"replicas": 1}});
        let created = store.create(res, d).expect("created");
        assert_eq!(created["metadata"]["generation"], json!(1));
        let mut s = created.clone();
        s["status"] = json!({"replicas": 1});
        assert_eq!(
            store.update(res, s, None).expect("ok")["metadata"]["generation"],
            json!(1)
        );
        let bumped = store
            .mutate(res, "default", "d", |o| o["spec"]["replicas"] = json!(3))
            .expect("exists");
        assert_eq!(bumped["metadata"]["generation"], json!(2));
    }

    #[test]
    fn finalizers_hold_deletion() {
        let store = Store::new();
        let res = by_kind("", "ConfigMap");
        let mut obj = cm("f");
        obj["metadata"]["finalizers"] = json!(["example.com/hold"]);
        store.create(res, obj).expect("created");
        let marked = store
            .delete(res, "default", "f", Propagation::Background, None)
            .expect("marked");
        assert!(marked.pointer("/metadata/deletionTimestamp").is_some());
        assert!(store.get(res, "default", "f").is_some());
        store.mutate(res, "default", "f", |o| o["metadata"]["finalizers"] = json!([]));
        assert!(store.get(res, "default", "f").is_none());
    }

    #[test]
    fn watch_replays_and_expires() {
        let store = Store::new();
        let res = by_kind("", "ConfigMap");
        let a = store.create(res, cm("a")).expect("created");
        store.create(res, cm("b")).expect("created");
        let (backlog, _rx, _) = store.watch(res, Some("default"), rv_of(&a)).expect("watch");
        assert_eq!(backlog.len(), 1);
        assert_eq!(name_of(&backlog[0].object), "b");
        store.compact();
        let err = store.watch(res, None, rv_of(&a)).err().map(|e| e.code);
        assert_eq!(err, Some(410));
    }
}
