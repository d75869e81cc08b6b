//! The object store: every object as JSON, a monotonic resourceVersion, a bounded change history
//! for watches, and the deletion rules (finalizers, Terminating namespaces).
//!
//! Objects are stored behind `Arc` and handed out shared and immutable: a read copies a pointer,
//! never the object, so the lock is held only for the lookup. A write builds a new object and
//! swaps it in. Two indexes ride along: uid to key, and owner uid to dependents (for the
//! garbage collector), so nothing walks the whole store after a write.
//!
//! Depends on `object`, `kinds` and `status` only: the store knows nothing of admission, the API, the
//! controllers or HTTP, which all build on it.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::ops::Bound;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};

use crate::rehearsal::kinds::Resource;
use crate::rehearsal::object::{name_of, namespace_of, now_rfc3339, owner_uids, rv_of, uid_of};
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
    /// `None` watches every collection (the controllers).
    gr: Option<Gr>,
    namespace: Option<String>,
    tx: mpsc::UnboundedSender<Change>,
}

/// Where an object lives: namespace ("" for cluster-scoped) and name.
pub type Key = (String, String);

#[derive(Default)]
struct Inner {
    rv: u64,
    objects: HashMap<Gr, BTreeMap<Key, Arc<Value>>>,
    /// uid → where the object lives.
    by_uid: HashMap<String, (Gr, Key)>,
    /// owner uid → uids of the objects whose ownerReferences name it.
    dependents: HashMap<String, BTreeSet<String>>,
    history: VecDeque<Change>,
    compacted_rv: u64,
    watchers: Vec<Watcher>,
}

impl Inner {
    /// Store `obj` at `key`, keeping the uid and owner indexes in step.
    fn put(&mut self, g: Gr, key: Key, obj: Arc<Value>) {
        let uid = uid_of(&obj).to_string();
        let old = self.objects.entry(g).or_default().insert(key.clone(), obj.clone());
        if let Some(old) = &old {
            self.unindex_owners(old);
        }
        for owner in owner_uids(&obj) {
            self.dependents
                .entry(owner.to_string())
                .or_default()
                .insert(uid.clone());
        }
        if !uid.is_empty() {
            self.by_uid.insert(uid, (g, key));
        }
    }

    /// Remove the object at `key`, keeping the indexes in step.
    fn take(&mut self, g: Gr, key: &Key) -> Option<Arc<Value>> {
        let old = self.objects.get_mut(&g)?.remove(key)?;
        self.unindex_owners(&old);
        self.by_uid.remove(uid_of(&old));
        Some(old)
    }

    fn unindex_owners(&mut self, obj: &Value) {
        let uid = uid_of(obj);
        for owner in owner_uids(obj) {
            if let Some(set) = self.dependents.get_mut(owner) {
                set.remove(uid);
                if set.is_empty() {
                    self.dependents.remove(owner);
                }
            }
        }
    }

    fn get(&self, g: Gr, ns: &str, name: &str) -> Option<&Arc<Value>> {
        self.objects.get(&g)?.get(&(ns.to_string(), name.to_string()))
    }
}

/// What a list asks for: a namespace (or all), an exact name (a `metadata.name` field selector),
/// a predicate for the rest of the selectors, the key after which the page starts, and a limit.
pub struct ListQuery<'a> {
    /// Only this namespace.
    pub namespace: Option<&'a str>,
    /// Only this name.
    pub name: Option<&'a str>,
    /// Start after this key (the previous page's continue token).
    pub after: Option<Key>,
    /// At most this many items.
    pub limit: Option<usize>,
}

/// One page of a list.
pub struct Page {
    /// The matching objects, by namespace and name.
    pub items: Vec<Arc<Value>>,
    /// The store's resourceVersion when the page was read.
    pub rv: u64,
    /// The key of the last item when more match after it, and how many do.
    pub more: Option<(Key, usize)>,
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

/// One page of a collection (see [`Store::list_page`]), under the caller's lock.
fn page(inner: &Inner, res: &Resource, q: &ListQuery<'_>, keep: impl Fn(&Value) -> bool) -> Page {
    let rv = inner.rv;
    // Cluster-scoped objects all live under the namespace "".
    let scoped = ListQuery {
        namespace: if res.namespaced { q.namespace } else { Some("") },
        name: q.name,
        after: q.after.clone(),
        limit: q.limit,
    };
    let q = &scoped;

    let Some(m) = inner.objects.get(&gr(res)) else {
        return Page {
            items: Vec::new(),
            rv,
            more: None,
        };
    };
    let lower = match (&q.after, q.namespace) {
        (Some(after), _) => Bound::Excluded(after.clone()),
        (None, Some(ns)) => Bound::Included((ns.to_string(), q.name.unwrap_or_default().to_string())),
        (None, None) => Bound::Unbounded,
    };
    let in_scope = |(n, name): &Key| q.namespace.is_none_or(|want| want == n) && q.name.is_none_or(|want| want == name);
    let mut range = m
        .range((lower, Bound::Unbounded))
        .take_while(|(k, _)| q.namespace.is_none_or(|want| want == k.0))
        .filter(|(k, v)| in_scope(k) && keep(v));
    let limit = q.limit.unwrap_or(usize::MAX);
    let items: Vec<(&Key, &Arc<Value>)> = range.by_ref().take(limit).collect();
    let remaining = range.count();
    let more = match items.last() {
        Some((k, _)) if remaining > 0 => Some(((*k).clone(), remaining)),
        _ => None,
    };
    Page {
        items: items.into_iter().map(|(_, v)| v.clone()).collect(),
        rv,
        more,
    }
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
    pub fn get(&self, res: &Resource, ns: &str, name: &str) -> Option<Arc<Value>> {
        self.lock().get(gr(res), ns, name).cloned()
    }

    /// All objects of a collection, optionally in one namespace, sorted by namespace and name,
    /// with the resourceVersion of the snapshot.
    pub fn list(&self, res: &Resource, ns: Option<&str>) -> (Vec<Arc<Value>>, u64) {
        let page = self.list_page(
            res,
            &ListQuery {
                namespace: ns,
                name: None,
                after: None,
                limit: None,
            },
            |_| true,
        );
        (page.items, page.rv)
    }

    /// One page of a collection: the objects in `q`'s namespace (and with its name) that
    /// `keep` accepts, in key order, starting after `q.after`. Only the range that can match
    /// is walked, and nothing is copied but pointers.
    pub fn list_page(&self, res: &Resource, q: &ListQuery<'_>, keep: impl Fn(&Value) -> bool) -> Page {
        page(&self.lock(), res, q, keep)
    }

    /// The object with this uid, and its collection.
    pub fn by_uid(&self, uid: &str) -> Option<(Gr, Arc<Value>)> {
        let inner = self.lock();
        let (g, (ns, name)) = inner.by_uid.get(uid)?;
        inner.get(*g, ns, name).map(|o| (*g, o.clone()))
    }

    /// The uids of the objects whose ownerReferences name `owner_uid`.
    pub fn dependents(&self, owner_uid: &str) -> Vec<String> {
        self.lock()
            .dependents
            .get(owner_uid)
            .map(|set| set.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The objects of `res` in namespace `ns` whose ownerReferences name `owner_uid`, in the
    /// order a list returns them: a controller finds what it owns through the owner index
    /// instead of listing and filtering its whole namespace.
    pub fn dependents_of(&self, res: &Resource, ns: &str, owner_uid: &str) -> Vec<Arc<Value>> {
        let inner = self.lock();
        let g = gr(res);
        let mut keys: Vec<&Key> = inner
            .dependents
            .get(owner_uid)
            .into_iter()
            .flatten()
            .filter_map(|uid| inner.by_uid.get(uid))
            .filter(|(og, (ons, _))| *og == g && ons == ns)
            .map(|(_, key)| key)
            .collect();
        keys.sort();
        keys.into_iter()
            .filter_map(|(ns, name)| inner.get(g, ns, name).cloned())
            .collect()
    }

    /// Every uid in the store (for a controller's first pass).
    pub fn uids(&self) -> Vec<String> {
        self.lock().by_uid.keys().cloned().collect()
    }

    fn record(&self, inner: &mut Inner, res: &Resource, event: EventType, object: Arc<Value>) {
        let change = Change {
            rv: inner.rv,
            gr: gr(res),
            namespace: namespace_of(&object).to_string(),
            event,
            object,
            at: Instant::now(),
        };
        inner.watchers.retain(|w| {
            if w.gr.is_none_or(|g| g == change.gr) && w.namespace.as_ref().is_none_or(|n| *n == change.namespace) {
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
    pub fn create(&self, res: &Resource, mut obj: Value) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        let key = (namespace_of(&obj).to_string(), name_of(&obj).to_string());
        if inner.get(gr(res), &key.0, &key.1).is_some() {
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
        let obj = Arc::new(obj);
        inner.put(gr(res), key, obj.clone());
        self.record(&mut inner, res, EventType::Added, obj.clone());
        Ok(obj)
    }

    /// Replace an existing object. `precondition` is the resourceVersion the caller based its
    /// change on (409 Conflict when stale). Keeps uid and creationTimestamp, bumps generation
    /// when anything outside metadata and status changed, and removes the object when it is
    /// being deleted and its last finalizer is gone. A no-op update returns the object unchanged.
    pub fn update(&self, res: &Resource, obj: Value, precondition: Option<u64>) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        self.update_locked(&mut inner, res, obj, precondition)
    }

    fn update_locked(
        &self,
        inner: &mut Inner,
        res: &Resource,
        mut obj: Value,
        precondition: Option<u64>,
    ) -> Result<Arc<Value>, ApiError> {
        let key = (namespace_of(&obj).to_string(), name_of(&obj).to_string());
        let Some(old) = inner.get(gr(res), &key.0, &key.1).cloned() else {
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
        if obj == *old && (!deleting || has_finalizers(&obj)) {
            return Ok(old);
        }
        inner.rv += 1;
        obj["metadata"]["resourceVersion"] = json!(inner.rv.to_string());
        let obj = Arc::new(obj);
        if deleting && !has_finalizers(&obj) && res.plural != "namespaces" {
            inner.take(gr(res), &key);
            self.record(inner, res, EventType::Deleted, obj.clone());
            return Ok(obj);
        }
        inner.put(gr(res), key, obj.clone());
        self.record(inner, res, EventType::Modified, obj.clone());
        Ok(obj)
    }

    /// Read-modify-write one object atomically (for controllers). Returns the stored object,
    /// or `None` when it does not exist.
    pub fn mutate(&self, res: &Resource, ns: &str, name: &str, f: impl FnOnce(&mut Value)) -> Option<Arc<Value>> {
        let mut inner = self.lock();
        let mut obj = Value::clone(inner.get(gr(res), ns, name)?);
        f(&mut obj);
        self.update_locked(&mut inner, res, obj, None).ok()
    }

    /// Remove an object now, whatever its finalizers.
    pub fn remove(&self, res: &Resource, ns: &str, name: &str) -> Option<Arc<Value>> {
        let mut inner = self.lock();
        let mut obj = Arc::unwrap_or_clone(inner.take(gr(res), &(ns.to_string(), name.to_string()))?);
        inner.rv += 1;
        obj["metadata"]["resourceVersion"] = json!(inner.rv.to_string());
        let obj = Arc::new(obj);
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
    ) -> Result<Arc<Value>, ApiError> {
        let mut inner = self.lock();
        let Some(stored) = inner.get(gr(res), ns, name).cloned() else {
            return Err(ApiError::not_found(res, name));
        };
        let mut obj = Value::clone(&stored);
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
                return Ok(stored);
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
            let mut marked = obj;
            marked["metadata"]["deletionTimestamp"] = json!(now_rfc3339());
            marked["metadata"]["deletionGracePeriodSeconds"] = json!(0);
            inner.rv += 1;
            marked["metadata"]["resourceVersion"] = json!(inner.rv.to_string());
            let marked = Arc::new(marked);
            inner.put(gr(res), key, marked.clone());
            self.record(&mut inner, res, EventType::Modified, marked.clone());
            return Ok(marked);
        }
        drop(inner);
        self.remove(res, ns, name).ok_or_else(|| ApiError::not_found(res, name))
    }

    /// Start a watch: the backlog to send first, a receiver for what follows, and the current
    /// resourceVersion.
    /// `from = None` sends the current objects as synthetic ADDED events (only the one named
    /// `name`, when given); `Some(rv)` replays the recorded changes after `rv`, or fails with
    /// 410 Expired when they were compacted away.
    pub fn watch(
        &self,
        res: &Resource,
        ns: Option<&str>,
        name: Option<&str>,
        from: Option<u64>,
    ) -> Result<(Vec<Change>, mpsc::UnboundedReceiver<Change>, u64), ApiError> {
        let g = gr(res);
        let mut inner = self.lock();
        let backlog: Vec<Change> = match from {
            None => {
                let q = ListQuery {
                    namespace: ns,
                    name,
                    after: None,
                    limit: None,
                };
                let now = Instant::now();
                page(&inner, res, &q, |_| true)
                    .items
                    .into_iter()
                    .map(|v| Change {
                        rv: rv_of(&v).unwrap_or_default(),
                        gr: g,
                        namespace: namespace_of(&v).to_string(),
                        event: EventType::Added,
                        object: v,
                        at: now,
                    })
                    .collect()
            }
            Some(rv) => {
                if rv < inner.compacted_rv {
                    return Err(ApiError::expired(rv, inner.compacted_rv + 1));
                }
                let start = inner.history.partition_point(|c| c.rv <= rv);
                inner
                    .history
                    .range(start..)
                    .filter(|c| c.gr == g && ns.is_none_or(|want| want == c.namespace))
                    .cloned()
                    .collect()
            }
        };
        let (tx, rx) = mpsc::unbounded_channel();
        inner.watchers.push(Watcher {
            gr: Some(g),
            namespace: ns.map(str::to_string),
            tx,
        });
        Ok((backlog, rx, inner.rv))
    }

    /// Every change to every collection from now on (for the controllers). The channel closes
    /// when the store is [reset](Store::reset).
    pub fn watch_all(&self) -> mpsc::UnboundedReceiver<Change> {
        let (tx, rx) = mpsc::unbounded_channel();
        self.lock().watchers.push(Watcher {
            gr: None,
            namespace: None,
            tx,
        });
        rx
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
mod tests;
