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
    let mut changed = Value::clone(&created);
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
fn dependents_of_finds_an_owners_objects_of_one_kind_in_its_namespace_in_list_order() {
    let store = Store::new();
    let (rs, pods, cms) = (
        by_kind("apps", "ReplicaSet"),
        by_kind("", "Pod"),
        by_kind("", "ConfigMap"),
    );
    let owner = store
        .create(rs, json!({"metadata": {"name": "web", "namespace": "default"}}))
        .expect("created");
    let owned = |name: &str, ns: &str| {
        json!({"metadata": {"name": name, "namespace": ns,
            "ownerReferences": [{"uid": uid_of(&owner), "controller": true}]}})
    };
    for name in ["web-c", "web-a", "web-b"] {
        store.create(pods, owned(name, "default")).expect("pod");
    }
    store.create(pods, owned("elsewhere", "other")).expect("pod");
    store.create(cms, owned("web-cm", "default")).expect("configmap");
    store
        .create(pods, json!({"metadata": {"name": "stray", "namespace": "default"}}))
        .expect("pod");
    let names = |objs: Vec<Arc<Value>>| objs.iter().map(|o| name_of(o).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        names(store.dependents_of(pods, "default", uid_of(&owner))),
        ["web-a", "web-b", "web-c"]
    );
    assert_eq!(names(store.dependents_of(cms, "default", uid_of(&owner))), ["web-cm"]);
    store
        .delete(pods, "default", "web-a", Propagation::Background, None)
        .expect("deleted");
    assert_eq!(
        names(store.dependents_of(pods, "default", uid_of(&owner))),
        ["web-b", "web-c"]
    );
}

#[test]
fn generation_bumps_on_spec_change_only() {
    let store = Store::new();
    let res = by_kind("apps", "Deployment");
    let d = json!({"metadata": {"name": "d", "namespace": "default"}, "spec": {"replicas": 1}});
    let created = store.create(res, d).expect("created");
    assert_eq!(created["metadata"]["generation"], json!(1));
    let mut s = Value::clone(&created);
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
    let (backlog, _rx, _) = store.watch(res, Some("default"), None, rv_of(&a)).expect("watch");
    assert_eq!(backlog.len(), 1);
    assert_eq!(name_of(&backlog[0].object), "b");
    store.compact();
    let err = store.watch(res, None, None, rv_of(&a)).err().map(|e| e.code);
    assert_eq!(err, Some(410));
}

fn owned(name: &str, owner: &Value) -> Value {
    let mut o = cm(name);
    o["metadata"]["ownerReferences"] = json!([{"apiVersion": "v1", "kind": "ConfigMap",
        "name": name_of(owner), "uid": uid_of(owner)}]);
    o
}

#[test]
fn owner_index_follows_writes() {
    let store = Store::new();
    let res = by_kind("", "ConfigMap");
    let owner = store.create(res, cm("owner")).expect("created");
    let other = store.create(res, cm("other")).expect("created");
    let a = store.create(res, owned("a", &owner)).expect("created");
    let b = store.create(res, owned("b", &owner)).expect("created");
    let mut deps = store.dependents(uid_of(&owner));
    deps.sort();
    let mut want = vec![uid_of(&a).to_string(), uid_of(&b).to_string()];
    want.sort();
    assert_eq!(deps, want);
    assert!(store.dependents(uid_of(&other)).is_empty());
    // Moving `a` to another owner moves it in the index.
    store
        .mutate(res, "default", "a", |o| {
            o["metadata"]["ownerReferences"][0]["uid"] = json!(uid_of(&other));
        })
        .expect("exists");
    assert_eq!(store.dependents(uid_of(&owner)), vec![uid_of(&b).to_string()]);
    assert_eq!(store.dependents(uid_of(&other)), vec![uid_of(&a).to_string()]);
    // Removal drops it from both indexes.
    store.remove(res, "default", "b");
    assert!(store.dependents(uid_of(&owner)).is_empty());
    assert!(store.by_uid(uid_of(&b)).is_none());
    let (g, found) = store.by_uid(uid_of(&a)).expect("indexed by uid");
    assert_eq!((g, name_of(&found)), (("", "configmaps"), "a"));
}

#[test]
fn pages_follow_keys_not_offsets() {
    let store = Store::new();
    let res = by_kind("", "ConfigMap");
    for name in ["a", "b", "c", "d", "e"] {
        store.create(res, cm(name)).expect("created");
    }
    let q = |after: Option<Key>| ListQuery {
        namespace: Some("default"),
        name: None,
        after,
        limit: Some(2),
    };
    let first = store.list_page(res, &q(None), |_| true);
    let names = |p: &Page| p.items.iter().map(|o| name_of(o).to_string()).collect::<Vec<_>>();
    assert_eq!(names(&first), ["a", "b"]);
    let (last, remaining) = first.more.clone().expect("more to come");
    assert_eq!(remaining, 3);
    // An object of the first page goes away mid-listing: the next page does not shift.
    store
        .delete(res, "default", "a", Propagation::Background, None)
        .expect("deleted");
    let second = store.list_page(res, &q(Some(last)), |_| true);
    assert_eq!(names(&second), ["c", "d"]);
    let third = store.list_page(res, &q(second.more.map(|m| m.0)), |_| true);
    assert_eq!(names(&third), ["e"]);
    assert!(third.more.is_none());
    // A name narrows the walk to one key; other namespaces are never listed.
    let one = ListQuery {
        namespace: Some("default"),
        name: Some("d"),
        after: None,
        limit: None,
    };
    assert_eq!(names(&store.list_page(res, &one, |_| true)), ["d"]);
    let elsewhere = ListQuery {
        namespace: Some("kube-system"),
        name: None,
        after: None,
        limit: None,
    };
    assert!(store.list_page(res, &elsewhere, |_| true).items.is_empty());
}
