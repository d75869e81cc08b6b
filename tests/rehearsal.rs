//! The rehearsal cluster driven through kube-rs (typed and dynamic APIs), raw HTTP and kubectl.

use std::collections::BTreeMap;
use std::future::Future;
use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, PersistentVolume, PersistentVolumeClaim, Pod, Service,
};
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::api::storage::v1::StorageClass;
use kube::api::{
    Api, DeleteParams, DynamicObject, ListParams, Patch, PatchParams, PostParams, WatchEvent, WatchParams,
};
use kube::core::GroupVersionKind;
use kube::discovery::Discovery;
use kube::runtime::wait::{Condition, await_condition, conditions};
use kube::runtime::{WatchStreamExt, watcher};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};
use workshop::rehearsal::{RehearsalCluster, RehearsalOptions};

const WAIT: Duration = Duration::from_secs(20);

async fn start(version: &str) -> (RehearsalCluster, Client) {
    let cluster = RehearsalCluster::start(RehearsalOptions {
        version: version.into(),
        ..Default::default()
    })
    .await
    .expect("rehearsal cluster starts");
    let client = Client::try_from(cluster.kube_config()).expect("client from config");
    (cluster, client)
}

async fn within<T>(what: &str, fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(WAIT, fut)
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
}

async fn wait_until<K>(api: &Api<K>, name: &str, cond: impl Condition<K>) -> Option<K>
where
    K: kube::Resource + Clone + std::fmt::Debug + serde::de::DeserializeOwned + Send + 'static,
{
    within(
        &format!("condition on {name}"),
        await_condition(api.clone(), name, cond),
    )
    .await
    .expect("watch works")
}

async fn wait_for<K>(api: &Api<K>, name: &str, cond: impl Condition<K>) -> K
where
    K: kube::Resource + Clone + std::fmt::Debug + serde::de::DeserializeOwned + Send + 'static,
{
    wait_until(api, name, cond).await.expect("object exists")
}

fn api_error(e: kube::Error) -> Box<kube::core::Status> {
    match e {
        kube::Error::Api(s) => s,
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn namespace(client: &Client, name: &str) {
    let nss: Api<Namespace> = Api::all(client.clone());
    nss.create(
        &PostParams::default(),
        &serde_json::from_value(json!({"metadata": {"name": name}})).expect("namespace"),
    )
    .await
    .expect("namespace created");
}

fn deployment(name: &str, replicas: i32) -> Deployment {
    serde_json::from_value(json!({
        "metadata": {"name": name, "labels": {"name": name}},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"name": name}},
            "template": {"metadata": {"labels": {"name": name}},
                         "spec": {"containers": [{"name": name, "image": "quay.io/ifont/pacman-nodejs-app:latest",
                                                  "ports": [{"containerPort": 8080, "name": "http-server"}]}]}}
        }
    }))
    .expect("deployment")
}

fn ready_replicas(n: i32) -> impl Condition<Deployment> {
    move |d: Option<&Deployment>| {
        d.and_then(|d| d.status.as_ref()).is_some_and(|s| {
            s.ready_replicas.unwrap_or(0) == n && s.replicas.unwrap_or(0) == n && s.available_replicas.unwrap_or(0) == n
        })
    }
}

fn is_ready(p: Option<&Pod>) -> bool {
    p.and_then(|p| p.status.as_ref())
        .and_then(|s| s.conditions.as_ref())
        .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
}

async fn raw(client: &Client, method: &str, path: &str, content_type: &str, body: Vec<u8>) -> (u16, Value) {
    let req = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", content_type)
        .body(body)
        .expect("request");
    let resp = client.send(req.map(kube::client::Body::from)).await.expect("response");
    let code = resp.status().as_u16();
    let bytes = http_body_util::BodyExt::collect(resp.into_body())
        .await
        .expect("body")
        .to_bytes();
    (code, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

async fn events_for(client: &Client, ns: &str, name: &str) -> Vec<Event> {
    let events: Api<Event> = Api::namespaced(client.clone(), ns);
    events
        .list(&ListParams::default().fields(&format!("involvedObject.name={name}")))
        .await
        .expect("events listed")
        .items
}

async fn wait_event(client: &Client, ns: &str, name: &str, reason: &str) -> Event {
    let events: Api<Event> = Api::namespaced(client.clone(), ns);
    let stream = watcher(
        events,
        watcher::Config::default().fields(&format!("involvedObject.name={name}")),
    )
    .applied_objects();
    let mut stream = std::pin::pin!(stream);
    within(&format!("{reason} event on {name}"), async {
        loop {
            let e = stream.try_next().await.expect("watch works").expect("stream continues");
            if e.reason.as_deref() == Some(reason) {
                return e;
            }
        }
    })
    .await
}

#[tokio::test]
async fn discovery_version_and_short_names() {
    let (cluster, client) = start("v1.31.0").await;
    let info = client.apiserver_version().await.expect("version");
    assert_eq!(
        (info.major.as_str(), info.minor.as_str(), info.git_version.as_str()),
        ("1", "31", "v1.31.0")
    );
    assert_eq!(cluster.version(), "v1.31.0");
    let discovery = Discovery::new(client.clone()).run().await.expect("discovery");
    let (ar, caps) = discovery
        .resolve_gvk(&GroupVersionKind::gvk("apps", "v1", "Deployment"))
        .expect("deployments served");
    assert_eq!(ar.plural, "deployments");
    assert_eq!(caps.scope, kube::discovery::Scope::Namespaced);
    assert!(
        caps.subresources
            .iter()
            .any(|(sub, _)| sub.plural == "deployments/scale" || sub.plural == "scale")
    );
    // policy/v1 alone on 1.31: PodDisruptionBudget; PodSecurityPolicy is gone.
    let policy = discovery.get("policy").expect("policy served");
    assert_eq!(policy.versions().collect::<Vec<_>>(), ["v1"]);
    let (code, core) = raw(&client, "GET", "/api/v1", "application/json", vec![]).await;
    assert_eq!(code, 200);
    let pods = core["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["name"] == "pods")
        .expect("pods");
    assert_eq!(pods["shortNames"], json!(["po"]));
    assert_eq!(pods["categories"], json!(["all"]));
    assert_eq!(pods["kind"], "Pod");
    let (code, status) = raw(&client, "GET", "/apis/nonexistent.io/v1", "application/json", vec![]).await;
    assert_eq!((code, status["kind"].as_str()), (404, Some("Status")));
    cluster.shutdown().await;
}

#[tokio::test]
async fn crud_selectors_and_status_errors() {
    let (cluster, client) = start("v1.31.0").await;
    let cms: Api<ConfigMap> = Api::default_namespaced(client.clone());
    for (name, tier) in [("a", "front"), ("b", "back"), ("c", "")] {
        let mut labels = BTreeMap::from([("app".to_string(), "web".to_string())]);
        if !tier.is_empty() {
            labels.insert("tier".into(), tier.into());
        }
        let cm = ConfigMap {
            metadata: kube::core::ObjectMeta {
                name: Some(name.into()),
                labels: Some(labels),
                ..Default::default()
            },
            data: Some(BTreeMap::from([("k".into(), "v".into())])),
            ..Default::default()
        };
        let created = cms.create(&PostParams::default(), &cm).await.expect("created");
        assert!(created.metadata.uid.is_some() && created.metadata.creation_timestamp.is_some());
    }
    let names = |l: kube::core::ObjectList<ConfigMap>| {
        l.items
            .iter()
            .map(|c| c.name_any())
            .filter(|n| n.len() == 1)
            .collect::<Vec<_>>()
    };
    let sel = |s: &str| ListParams::default().labels(s);
    assert_eq!(names(cms.list(&sel("tier=front")).await.expect("list")), ["a"]);
    assert_eq!(
        names(cms.list(&sel("tier!=front,app=web")).await.expect("list")),
        ["b", "c"]
    );
    assert_eq!(
        names(cms.list(&sel("tier in (front,back)")).await.expect("list")),
        ["a", "b"]
    );
    assert_eq!(
        names(cms.list(&sel("app,tier notin (back)")).await.expect("list")),
        ["a", "c"]
    );
    assert_eq!(names(cms.list(&sel("!tier")).await.expect("list")), ["c"]);
    assert_eq!(
        names(
            cms.list(&ListParams::default().fields("metadata.name=b"))
                .await
                .expect("list")
        ),
        ["b"]
    );
    let page = cms.list(&sel("app=web").limit(2)).await.expect("page 1");
    assert_eq!(page.items.len(), 2);
    let token = page.metadata.continue_.clone().expect("continue token");
    let rest = cms
        .list(&sel("app=web").limit(2).continue_token(&token))
        .await
        .expect("page 2");
    assert_eq!(names(rest), ["c"]);

    // 409 AlreadyExists
    let dup = cms
        .create(&PostParams::default(), &cms.get("a").await.expect("get"))
        .await
        .expect_err("duplicate");
    let s = api_error(dup);
    assert_eq!((s.code, s.reason.as_str()), (409, "AlreadyExists"));
    assert_eq!(s.message, "configmaps \"a\" already exists");

    // 409 Conflict on a stale resourceVersion; resourceVersion is monotonic.
    let a = cms.get("a").await.expect("get");
    let mut changed = a.clone();
    changed.data = Some(BTreeMap::from([("k".into(), "v2".into())]));
    let updated = cms
        .replace("a", &PostParams::default(), &changed)
        .await
        .expect("replace");
    let rv = |o: &ConfigMap| o.resource_version().expect("rv").parse::<u64>().expect("numeric rv");
    assert!(rv(&updated) > rv(&a));
    let stale = api_error(
        cms.replace("a", &PostParams::default(), &changed)
            .await
            .expect_err("stale"),
    );
    assert_eq!((stale.code, stale.reason.as_str()), (409, "Conflict"));

    // 404 NotFound with details
    cms.delete("a", &DeleteParams::default()).await.expect("deleted");
    let nf = api_error(cms.get("a").await.expect_err("gone"));
    assert_eq!(
        (nf.code, nf.reason.as_str(), nf.message.as_str()),
        (404, "NotFound", "configmaps \"a\" not found")
    );
    let details = nf.details.expect("details");
    assert_eq!((details.name.as_str(), details.kind.as_str()), ("a", "configmaps"));

    // 422 Invalid, 404 for a missing namespace
    let bad: Api<Deployment> = Api::default_namespaced(client.clone());
    let mut d = deployment("bad", 1);
    d.spec.as_mut().expect("spec").selector.match_labels = Some(BTreeMap::from([("other".into(), "x".into())]));
    let invalid = api_error(bad.create(&PostParams::default(), &d).await.expect_err("invalid"));
    assert_eq!((invalid.code, invalid.reason.as_str()), (422, "Invalid"));
    assert!(
        invalid.message.contains("does not match template"),
        "{}",
        invalid.message
    );
    let nowhere: Api<ConfigMap> = Api::namespaced(client.clone(), "nowhere");
    let cm: ConfigMap = serde_json::from_value(json!({"metadata": {"name": "x"}})).expect("cm");
    let missing = api_error(
        nowhere
            .create(&PostParams::default(), &cm)
            .await
            .expect_err("no namespace"),
    );
    assert_eq!(
        (missing.code, missing.message.as_str()),
        (404, "namespaces \"nowhere\" not found")
    );
    cluster.shutdown().await;
}

#[tokio::test]
async fn every_patch_kind() {
    let (cluster, client) = start("v1.31.0").await;
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    let mut d = deployment("web", 1);
    d.spec
        .as_mut()
        .expect("spec")
        .template
        .spec
        .as_mut()
        .expect("pod spec")
        .containers
        .push(serde_json::from_value(json!({"name": "side", "image": "busybox:1.36"})).expect("container"));
    deploys.create(&PostParams::default(), &d).await.expect("created");

    let merged = deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"metadata": {"labels": {"extra": "yes"}}, "spec": {"replicas": 2}})),
        )
        .await
        .expect("merge patch");
    assert_eq!(merged.labels().get("extra").map(String::as_str), Some("yes"));
    assert_eq!(merged.spec.as_ref().and_then(|s| s.replicas), Some(2));
    assert_eq!(merged.metadata.generation, Some(2));

    let strategic = deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Strategic(
                json!({"spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}),
            ),
        )
        .await
        .expect("strategic patch");
    let containers = &strategic
        .spec
        .as_ref()
        .expect("spec")
        .template
        .spec
        .as_ref()
        .expect("pod spec")
        .containers;
    assert_eq!(containers.len(), 2, "containers merge by name");
    assert_eq!(containers[0].image.as_deref(), Some("nginx:1.27"));
    assert_eq!(containers[1].name, "side");

    let json_patch: json_patch::Patch =
        serde_json::from_value(json!([{"op": "replace", "path": "/spec/replicas", "value": 3}])).expect("json patch");
    let patched = deploys
        .patch("web", &PatchParams::default(), &Patch::<()>::Json(json_patch))
        .await
        .expect("json patch");
    assert_eq!(patched.spec.as_ref().and_then(|s| s.replicas), Some(3));

    let applied = deploys
        .patch(
            "web",
            &PatchParams::apply("workshop").force(),
            &Patch::Apply(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "annotations": {"a": "b"}}, "spec": {"replicas": 4}})),
        )
        .await
        .expect("server-side apply");
    assert_eq!(applied.spec.as_ref().and_then(|s| s.replicas), Some(4));
    assert_eq!(applied.annotations().get("a").map(String::as_str), Some("b"));
    assert_eq!(
        applied.labels().get("extra").map(String::as_str),
        Some("yes"),
        "apply merges into the object"
    );

    // Server-side apply creates a missing object.
    let cms: Api<ConfigMap> = Api::default_namespaced(client.clone());
    let created = cms
        .patch(
            "fresh",
            &PatchParams::apply("workshop"),
            &Patch::Apply(
                json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "fresh"}, "data": {"x": "1"}}),
            ),
        )
        .await
        .expect("apply creates");
    assert!(created.metadata.uid.is_some());

    // Apply without a field manager is rejected like the real server does.
    let (code, status) = raw(
        &client,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/fresh",
        "application/apply-patch+yaml",
        b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fresh\n".to_vec(),
    )
    .await;
    assert_eq!((code, status["reason"].as_str()), (422, Some("Invalid")));
    assert!(status["message"].as_str().unwrap_or_default().contains("fieldManager"));
    let (code, _) = raw(
        &client,
        "PATCH",
        "/api/v1/namespaces/default/configmaps/fresh",
        "text/plain",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(code, 415);
    cluster.shutdown().await;
}

#[tokio::test]
async fn dynamic_api_through_discovery() {
    let (cluster, client) = start("v1.31.0").await;
    let discovery = Discovery::new(client.clone()).run().await.expect("discovery");
    let manifest: Value =
        serde_norway::from_str("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  user: clyde\n")
            .expect("yaml");
    let obj: DynamicObject = serde_json::from_value(manifest).expect("dynamic object");
    let gvk = GroupVersionKind::try_from(obj.types.as_ref().expect("types")).expect("gvk");
    let (ar, _) = discovery.resolve_gvk(&gvk).expect("secrets served");
    let api: Api<DynamicObject> = Api::namespaced_with(client.clone(), "default", &ar);
    api.patch("creds", &PatchParams::apply("workshop").force(), &Patch::Apply(&obj))
        .await
        .expect("applied");
    let got = api.get("creds").await.expect("get");
    assert_eq!(
        got.data["data"]["user"], "Y2x5ZGU=",
        "stringData is folded into base64 data"
    );
    let listed = api.list(&ListParams::default()).await.expect("list");
    assert!(listed.items.iter().any(|o| o.name_any() == "creds"));
    api.delete("creds", &DeleteParams::default()).await.expect("deleted");
    cluster.shutdown().await;
}

#[tokio::test]
async fn watch_from_resource_version_and_gone() {
    let (cluster, client) = start("v1.31.0").await;
    let cms: Api<ConfigMap> = Api::default_namespaced(client.clone());
    let cm: ConfigMap = serde_json::from_value(json!({"metadata": {"name": "w"}, "data": {"n": "0"}})).expect("cm");
    let created = cms.create(&PostParams::default(), &cm).await.expect("created");
    let rv = created.resource_version().expect("rv");
    cms.patch("w", &PatchParams::default(), &Patch::Merge(json!({"data": {"n": "1"}})))
        .await
        .expect("patched");
    cms.delete("w", &DeleteParams::default()).await.expect("deleted");

    let stream = cms.watch(&WatchParams::default().timeout(5), &rv).await.expect("watch");
    let mut stream = std::pin::pin!(stream);
    let mut seen = Vec::new();
    within("replayed events", async {
        while seen.len() < 2 {
            match stream.try_next().await.expect("watch works").expect("stream continues") {
                WatchEvent::Modified(o) => seen.push(format!("MODIFIED {}", o.data.expect("data")["n"])),
                WatchEvent::Deleted(o) => seen.push(format!("DELETED {}", o.name_any())),
                other => panic!("unexpected {other:?}"),
            }
        }
    })
    .await;
    assert_eq!(seen, ["MODIFIED 1", "DELETED w"]);

    // timeoutSeconds is honoured: the stream ends by itself.
    let short = cms.watch(&WatchParams::default().timeout(1), "0").await.expect("watch");
    let started = std::time::Instant::now();
    within("watch timeout", short.for_each(|_| async {})).await;
    assert!(started.elapsed() >= Duration::from_millis(900));

    cluster.compact_history();
    let stream = cms.watch(&WatchParams::default().timeout(5), &rv).await.expect("watch");
    let mut stream = std::pin::pin!(stream);
    match within("410 event", stream.try_next()).await.expect("watch works") {
        Some(WatchEvent::Error(e)) => assert_eq!((e.code, e.reason.as_str()), (410, "Expired")),
        other => panic!("expected a 410 error event, got {other:?}"),
    }
    cluster.shutdown().await;
}

#[tokio::test]
async fn watcher_and_await_condition() {
    let (cluster, client) = start("v1.31.0").await;
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    let pods: Api<Pod> = Api::default_namespaced(client.clone());
    let seen = tokio::spawn({
        let pods = pods.clone();
        async move {
            let stream = watcher(pods, watcher::Config::default().labels("name=pacman"))
                .applied_objects()
                .default_backoff();
            let mut stream = std::pin::pin!(stream);
            loop {
                let p = stream
                    .try_next()
                    .await
                    .expect("watcher works")
                    .expect("stream continues");
                if p.status.as_ref().and_then(|s| s.phase.as_deref()) == Some("Running") {
                    return p.name_any();
                }
            }
        }
    });
    deploys
        .create(&PostParams::default(), &deployment("pacman", 1))
        .await
        .expect("created");
    let d = wait_for(&deploys, "pacman", conditions::is_deployment_completed()).await;
    assert_eq!(d.status.as_ref().and_then(|s| s.observed_generation), Some(1));
    let running = within("watcher sees the pod running", seen).await.expect("task");
    assert!(running.starts_with("pacman-"));
    wait_for(&pods, &running, conditions::is_pod_running()).await;
    cluster.shutdown().await;
}

#[tokio::test]
async fn status_and_scale_subresources() {
    let (cluster, client) = start("v1.31.0").await;
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    deploys
        .create(&PostParams::default(), &deployment("web", 1))
        .await
        .expect("created");
    let scale = deploys.get_scale("web").await.expect("scale");
    assert_eq!(scale.spec.as_ref().and_then(|s| s.replicas), Some(1));
    let scaled = deploys
        .patch_scale(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"replicas": 3}})),
        )
        .await
        .expect("patch scale");
    assert_eq!(scaled.spec.as_ref().and_then(|s| s.replicas), Some(3));
    assert_eq!(
        scaled.status.as_ref().map(|s| s.selector.clone()),
        Some(Some("name=web".into()))
    );
    assert_eq!(
        deploys.get("web").await.expect("get").spec.and_then(|s| s.replicas),
        Some(3)
    );
    wait_for(&deploys, "web", ready_replicas(3)).await;

    // A status write keeps the spec; a main write keeps the status.
    let status = deploys
        .patch_status(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"replicas": 9}, "status": {"collisionCount": 7}})),
        )
        .await
        .expect("patch status");
    assert_eq!(status.spec.as_ref().and_then(|s| s.replicas), Some(3));
    assert_eq!(status.status.as_ref().and_then(|s| s.collision_count), Some(7));
    let mut d = deploys.get("web").await.expect("get");
    d.status = None;
    let replaced = deploys
        .replace("web", &PostParams::default(), &d)
        .await
        .expect("replace");
    assert!(replaced.status.is_some());
    let sts: Api<StatefulSet> = Api::default_namespaced(client.clone());
    let nf = api_error(sts.get_scale("missing").await.expect_err("missing"));
    assert_eq!(nf.code, 404);
    cluster.shutdown().await;
}

#[tokio::test]
async fn namespace_cascade_and_garbage_collection() {
    let (cluster, client) = start("v1.31.0").await;
    namespace(&client, "doomed").await;
    let deploys: Api<Deployment> = Api::namespaced(client.clone(), "doomed");
    let pods: Api<Pod> = Api::namespaced(client.clone(), "doomed");
    let cms: Api<ConfigMap> = Api::namespaced(client.clone(), "doomed");
    deploys
        .create(&PostParams::default(), &deployment("app", 2))
        .await
        .expect("created");
    wait_for(&deploys, "app", ready_replicas(2)).await;

    // Background deletion: the ReplicaSet and pods follow their owner.
    let rs_api: Api<ReplicaSet> = Api::namespaced(client.clone(), "doomed");
    let rs = rs_api.list(&ListParams::default()).await.expect("rs").items.remove(0);
    deploys
        .delete("app", &DeleteParams::background())
        .await
        .expect("deleted");
    wait_until(&rs_api, &rs.name_any(), conditions::is_deleted(&rs.uid().expect("uid"))).await;
    within("pods garbage-collected", async {
        while !pods.list(&ListParams::default()).await.expect("list").items.is_empty() {
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;

    // Foreground deletion keeps the owner until its dependents are gone.
    deploys
        .create(&PostParams::default(), &deployment("fg", 1))
        .await
        .expect("created");
    wait_for(&deploys, "fg", ready_replicas(1)).await;
    let fg = deploys.get("fg").await.expect("get");
    deploys
        .delete("fg", &DeleteParams::foreground())
        .await
        .expect("deleted");
    wait_until(&deploys, "fg", conditions::is_deleted(&fg.uid().expect("uid"))).await;
    assert!(rs_api.list(&ListParams::default()).await.expect("rs").items.is_empty());

    // A finalizer holds the namespace in Terminating, where creation is forbidden.
    let held: ConfigMap =
        serde_json::from_value(json!({"metadata": {"name": "held", "finalizers": ["example.com/hold"]}})).expect("cm");
    cms.create(&PostParams::default(), &held).await.expect("created");
    deploys
        .create(&PostParams::default(), &deployment("app", 1))
        .await
        .expect("created");
    let nss: Api<Namespace> = Api::all(client.clone());
    let ns = nss.get("doomed").await.expect("ns");
    nss.delete("doomed", &DeleteParams::default())
        .await
        .expect("delete namespace");
    let terminating = wait_for(&nss, "doomed", |n: Option<&Namespace>| {
        n.and_then(|n| n.status.as_ref()).and_then(|s| s.phase.as_deref()) == Some("Terminating")
    })
    .await;
    assert!(terminating.metadata.deletion_timestamp.is_some());
    let forbidden = api_error(
        cms.create(
            &PostParams::default(),
            &serde_json::from_value(json!({"metadata": {"name": "late"}})).expect("cm"),
        )
        .await
        .expect_err("forbidden"),
    );
    assert_eq!((forbidden.code, forbidden.reason.as_str()), (403, "Forbidden"));
    wait_until(&deploys, "app", |d: Option<&Deployment>| d.is_none()).await;
    cms.patch(
        "held",
        &PatchParams::default(),
        &Patch::Merge(json!({"metadata": {"finalizers": null}})),
    )
    .await
    .expect("release");
    wait_until(&nss, "doomed", conditions::is_deleted(&ns.uid().expect("uid"))).await;
    cluster.shutdown().await;
}

#[tokio::test]
async fn deployment_scales_one_ten_one() {
    let (cluster, client) = start("v1.31.0").await;
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    let pods: Api<Pod> = Api::default_namespaced(client.clone());
    deploys
        .create(&PostParams::default(), &deployment("pacman", 1))
        .await
        .expect("created");
    wait_for(&deploys, "pacman", ready_replicas(1)).await;
    let listed = pods
        .list(&ListParams::default().labels("name=pacman"))
        .await
        .expect("pods")
        .items;
    assert_eq!(listed.len(), 1);
    let pod = &listed[0];
    let safe = |s: &str| s.bytes().all(|b| b"bcdfghjklmnpqrstvwxz2456789".contains(&b));
    let pod_name = pod.name_any();
    let parts: Vec<&str> = pod_name.rsplitn(3, '-').collect::<Vec<_>>();
    assert_eq!(parts.len(), 3, "{}", pod.name_any());
    assert!(
        parts[0].len() == 5 && safe(parts[0]) && safe(parts[1]) && parts[2] == "pacman",
        "{}",
        pod.name_any()
    );
    assert_eq!(
        pod.labels().get("pod-template-hash").map(String::as_str),
        Some(parts[1])
    );
    let spec = pod.spec.as_ref().expect("spec");
    assert_eq!(spec.node_name.as_deref(), Some("minikube"));
    let status = pod.status.as_ref().expect("status");
    assert!(status.pod_ip.is_some());
    let cs = &status.container_statuses.as_ref().expect("container statuses")[0];
    assert!(cs.ready && cs.started == Some(true) && cs.state.as_ref().and_then(|s| s.running.as_ref()).is_some());
    assert_eq!(cs.image, "quay.io/ifont/pacman-nodejs-app:latest");
    let reasons: Vec<String> = events_for(&client, "default", &pod.name_any())
        .await
        .into_iter()
        .filter_map(|e| e.reason)
        .collect();
    for r in ["Scheduled", "Pulled", "Created", "Started"] {
        assert!(reasons.iter().any(|x| x == r), "missing {r} in {reasons:?}");
    }

    deploys
        .patch_scale(
            "pacman",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"replicas": 10}})),
        )
        .await
        .expect("scale up");
    let d = wait_for(&deploys, "pacman", ready_replicas(10)).await;
    let s = d.status.expect("status");
    assert_eq!(
        (s.updated_replicas, s.observed_generation),
        (Some(10), d.metadata.generation)
    );
    let conds = s.conditions.expect("conditions");
    assert!(conds.iter().any(|c| c.type_ == "Available" && c.status == "True"));
    assert_eq!(
        pods.list(&ListParams::default().labels("name=pacman"))
            .await
            .expect("pods")
            .items
            .len(),
        10
    );

    deploys
        .patch_scale(
            "pacman",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"replicas": 1}})),
        )
        .await
        .expect("scale down");
    wait_for(&deploys, "pacman", ready_replicas(1)).await;
    within("pods scaled down", async {
        while pods
            .list(&ListParams::default().labels("name=pacman"))
            .await
            .expect("pods")
            .items
            .len()
            != 1
        {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    let ev = wait_event(&client, "default", "pacman", "ScalingReplicaSet").await;
    assert!(ev.message.unwrap_or_default().starts_with("Scaled "));
    cluster.shutdown().await;
}

/// A Deployment whose rollout of its current template is complete.
fn rolled_out(image: &'static str) -> impl Condition<Deployment> {
    move |d: Option<&Deployment>| {
        d.is_some_and(|d| {
            let s = d.status.clone().unwrap_or_default();
            let want = d.spec.as_ref().and_then(|s| s.replicas).unwrap_or(1);
            let template_image = d
                .spec
                .as_ref()
                .and_then(|s| s.template.spec.as_ref())
                .map(|p| p.containers[0].image.clone().unwrap_or_default());
            template_image.as_deref() == Some(image)
                && s.observed_generation == d.metadata.generation
                && s.updated_replicas == Some(want)
                && s.replicas == Some(want)
                && s.available_replicas == Some(want)
        })
    }
}

fn revision_of<K: ResourceExt>(obj: &K) -> Option<&str> {
    obj.annotations()
        .get("deployment.kubernetes.io/revision")
        .map(String::as_str)
}

#[tokio::test]
async fn deployment_revisions_rollback_and_history_limit() {
    let (cluster, client) = start("v1.31.0").await;
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    let sets: Api<ReplicaSet> = Api::default_namespaced(client.clone());
    let image = "quay.io/ifont/pacman-nodejs-app:latest";
    deploys
        .create(&PostParams::default(), &deployment("web", 2))
        .await
        .expect("created");
    let d = wait_for(&deploys, "web", rolled_out(image)).await;
    assert_eq!(revision_of(&d), Some("1"));
    let first = sets.list(&ListParams::default()).await.expect("sets").items;
    assert_eq!(first.len(), 1);
    assert_eq!(revision_of(&first[0]), Some("1"));
    assert_eq!(
        first[0]
            .annotations()
            .get("deployment.kubernetes.io/max-replicas")
            .map(String::as_str),
        Some("3")
    );

    // A new template: a new ReplicaSet with revision 2, the Deployment follows.
    let set_image =
        |image: &str| json!({"spec": {"template": {"spec": {"containers": [{"name": "web", "image": image}]}}}});
    deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Strategic(set_image("nginx:1.25")),
        )
        .await
        .expect("set image");
    let d = wait_for(&deploys, "web", rolled_out("nginx:1.25")).await;
    assert_eq!(revision_of(&d), Some("2"));
    // The Deployment's annotations (a change cause) are copied onto its current ReplicaSet.
    deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"metadata": {"annotations": {"kubernetes.io/change-cause": "nginx 1.25"}}})),
        )
        .await
        .expect("annotate");
    let current_rs = |sets: Vec<ReplicaSet>, revision: &str| {
        sets.into_iter()
            .find(|rs| revision_of(rs) == Some(revision))
            .unwrap_or_else(|| panic!("no ReplicaSet with revision {revision}"))
    };
    within("the change cause on the ReplicaSet", async {
        loop {
            let rs = current_rs(sets.list(&ListParams::default()).await.expect("sets").items, "2");
            if rs.annotations().get("kubernetes.io/change-cause").map(String::as_str) == Some("nginx 1.25") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;

    // Roll back as `kubectl rollout undo` does: a JSON patch that puts revision 1's template
    // (without its hash label, with Go's `creationTimestamp: null`) back. The old ReplicaSet
    // becomes current again with revision 3 and remembers revision 1; no new one is made.
    let old = current_rs(sets.list(&ListParams::default()).await.expect("sets").items, "1");
    let mut template = serde_json::to_value(old.spec.as_ref().expect("spec").template.clone()).expect("template");
    template["metadata"]["labels"]
        .as_object_mut()
        .expect("labels")
        .remove("pod-template-hash");
    template["metadata"]["creationTimestamp"] = Value::Null;
    let undo = json!([
        {"op": "replace", "path": "/spec/template", "value": template},
        {"op": "replace", "path": "/metadata/annotations", "value": {"deployment.kubernetes.io/revision": "2"}},
    ]);
    deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::<Value>::Json(serde_json::from_value(undo).expect("json patch")),
        )
        .await
        .expect("undo");
    let d = wait_for(&deploys, "web", rolled_out(image)).await;
    let d = within("revision 3", async {
        let mut d = d;
        while revision_of(&d) != Some("3") {
            tokio::time::sleep(Duration::from_millis(20)).await;
            d = deploys.get("web").await.expect("deployment");
        }
        d
    })
    .await;
    assert_eq!(revision_of(&d), Some("3"));
    let all = sets.list(&ListParams::default()).await.expect("sets").items;
    assert_eq!(all.len(), 2, "no third ReplicaSet");
    let back = current_rs(all, "3");
    assert_eq!(back.name_any(), old.name_any());
    assert_eq!(
        back.annotations()
            .get("deployment.kubernetes.io/revision-history")
            .map(String::as_str),
        Some("1")
    );

    // Past revisionHistoryLimit, the oldest scaled-down ReplicaSets are deleted.
    deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Merge(json!({"spec": {"revisionHistoryLimit": 0}})),
        )
        .await
        .expect("limit");
    deploys
        .patch(
            "web",
            &PatchParams::default(),
            &Patch::Strategic(set_image("nginx:1.27")),
        )
        .await
        .expect("set image");
    wait_for(&deploys, "web", rolled_out("nginx:1.27")).await;
    within("old ReplicaSets pruned", async {
        loop {
            let all = sets.list(&ListParams::default()).await.expect("sets").items;
            if all.len() == 1 {
                assert_eq!(revision_of(&all[0]), Some("4"));
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
    // A malformed body is refused as typed decoding would, never stored.
    let (code, status) = raw(
        &client,
        "PATCH",
        "/apis/apps/v1/namespaces/default/deployments/web",
        "application/merge-patch+json",
        br#"{"metadata":{"annotations":"x"}}"#.to_vec(),
    )
    .await;
    assert_eq!(code, 400, "{status}");
    cluster.shutdown().await;
}

#[tokio::test]
async fn statefulset_orders_pods_and_recreates_deleted_ones() {
    let (cluster, client) = start("v1.31.0").await;
    let sts: Api<StatefulSet> = Api::default_namespaced(client.clone());
    let pods: Api<Pod> = Api::default_namespaced(client.clone());
    let order = tokio::spawn({
        let pods = pods.clone();
        async move {
            // Record, for every pod creation, whether mongo-0 was Ready at that point.
            let stream = watcher(pods, watcher::Config::default().labels("name=mongo")).applied_objects();
            let mut stream = std::pin::pin!(stream);
            let mut zero_ready = false;
            loop {
                let p = stream.try_next().await.expect("watcher").expect("continues");
                if p.name_any() == "mongo-0" {
                    zero_ready |= is_ready(Some(&p));
                }
                if p.name_any() == "mongo-1" {
                    return zero_ready;
                }
            }
        }
    });
    let set: StatefulSet = serde_json::from_value(json!({
        "metadata": {"name": "mongo"},
        "spec": {"replicas": 2, "serviceName": "mongo", "selector": {"matchLabels": {"name": "mongo"}},
                 "template": {"metadata": {"labels": {"name": "mongo"}}, "spec": {"containers": [{"name": "mongo", "image": "docker.io/bitnamilegacy/mongodb:4.4.8"}]}},
                 "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]}
    }))
    .expect("sts");
    sts.create(&PostParams::default(), &set).await.expect("created");
    assert!(
        within("ordering", order).await.expect("task"),
        "mongo-1 was created before mongo-0 was Ready"
    );
    let s = wait_for(&sts, "mongo", |s: Option<&StatefulSet>| {
        s.and_then(|s| s.status.as_ref())
            .is_some_and(|st| st.ready_replicas == Some(2) && st.current_replicas == Some(2))
    })
    .await;
    assert_eq!(s.status.and_then(|st| st.observed_generation), Some(1));
    let pvcs: Api<PersistentVolumeClaim> = Api::default_namespaced(client.clone());
    let claim = pvcs.get("data-mongo-1").await.expect("claim from template");
    assert_eq!(claim.status.and_then(|s| s.phase).as_deref(), Some("Bound"));

    let old = pods.get("mongo-0").await.expect("pod");
    let old_uid = old.uid().expect("uid");
    pods.delete("mongo-0", &DeleteParams::default()).await.expect("deleted");
    let fresh = wait_for(&pods, "mongo-0", move |p: Option<&Pod>| {
        p.is_some_and(|p| p.uid().as_deref() != Some(old_uid.as_str())) && is_ready(p)
    })
    .await;
    assert_ne!(fresh.uid(), old.uid());
    assert_eq!(fresh.spec.as_ref().and_then(|s| s.hostname.as_deref()), Some("mongo-0"));
    cluster.shutdown().await;
}

#[tokio::test]
async fn pvc_pending_without_default_class_then_bound() {
    let (cluster, client) = start("v1.31.0").await;
    cluster.disable_addon("default-storageclass").await.expect("disabled");
    let pvcs: Api<PersistentVolumeClaim> = Api::default_namespaced(client.clone());
    let pods: Api<Pod> = Api::default_namespaced(client.clone());
    let claim: PersistentVolumeClaim = serde_json::from_value(json!({
        "metadata": {"name": "mongo-storage"},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}
    }))
    .expect("pvc");
    pvcs.create(&PostParams::default(), &claim).await.expect("created");
    let pod: Pod = serde_json::from_value(json!({
        "metadata": {"name": "mongo"},
        "spec": {"containers": [{"name": "mongo", "image": "docker.io/bitnamilegacy/mongodb:4.4.8"}],
                 "volumes": [{"name": "db", "persistentVolumeClaim": {"claimName": "mongo-storage"}}]}
    }))
    .expect("pod");
    pods.create(&PostParams::default(), &pod).await.expect("created");
    let ev = wait_event(&client, "default", "mongo-storage", "FailedBinding").await;
    assert_eq!(
        ev.message.as_deref(),
        Some("no persistent volumes available for this claim and no storage class is set")
    );
    let ev = wait_event(&client, "default", "mongo", "FailedScheduling").await;
    assert_eq!(ev.type_.as_deref(), Some("Warning"));
    assert_eq!(
        ev.message.as_deref(),
        Some(
            "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."
        )
    );
    let current = pvcs.get("mongo-storage").await.expect("pvc");
    assert_eq!(
        current.status.as_ref().and_then(|s| s.phase.as_deref()),
        Some("Pending")
    );
    assert_eq!(
        pods.get("mongo")
            .await
            .expect("pod")
            .status
            .and_then(|s| s.phase)
            .as_deref(),
        Some("Pending")
    );

    // Marking a class default binds the claim (retroactive default class assignment, 1.28+).
    let classes: Api<StorageClass> = Api::all(client.clone());
    classes
        .patch(
            "standard",
            &PatchParams::default(),
            &Patch::Merge(
                json!({"metadata": {"annotations": {"storageclass.kubernetes.io/is-default-class": "true"}}}),
            ),
        )
        .await
        .expect("default again");
    let bound = wait_for(&pvcs, "mongo-storage", |c: Option<&PersistentVolumeClaim>| {
        c.and_then(|c| c.status.as_ref()).and_then(|s| s.phase.as_deref()) == Some("Bound")
    })
    .await;
    let spec = bound.spec.as_ref().expect("spec");
    assert_eq!(spec.storage_class_name.as_deref(), Some("standard"));
    let pv_name = format!("pvc-{}", bound.uid().expect("uid"));
    assert_eq!(spec.volume_name.as_deref(), Some(pv_name.as_str()));
    let pvs: Api<PersistentVolume> = Api::all(client.clone());
    let pv = pvs.get(&pv_name).await.expect("pv");
    assert_eq!(pv.status.and_then(|s| s.phase).as_deref(), Some("Bound"));
    let pv_spec = pv.spec.expect("pv spec");
    assert_eq!(pv_spec.storage_class_name.as_deref(), Some("standard"));
    assert_eq!(pv_spec.claim_ref.and_then(|r| r.name).as_deref(), Some("mongo-storage"));
    wait_for(&pods, "mongo", conditions::is_pod_running()).await;
    wait_event(&client, "default", "mongo-storage", "ProvisioningSucceeded").await;
    cluster.shutdown().await;
}

async fn get_with_headers(client: &Client, path: &str) -> (u16, Vec<String>, Value) {
    let req = axum::http::Request::builder()
        .method("GET")
        .uri(path)
        .body(Vec::new())
        .expect("request");
    let resp = client.send(req.map(kube::client::Body::from)).await.expect("response");
    let code = resp.status().as_u16();
    let warnings = resp
        .headers()
        .get_all("warning")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    let bytes = http_body_util::BodyExt::collect(resp.into_body())
        .await
        .expect("body")
        .to_bytes();
    (code, warnings, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

fn names(list: &Value, key: &str) -> Vec<String> {
    list[key]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| {
            e["name"]
                .as_str()
                .or_else(|| e["groupVersion"].as_str())
                .map(str::to_owned)
        })
        .collect()
}

#[tokio::test]
async fn discovery_like_a_real_server_of_its_version() {
    let (cluster, client) = start("1.21.2").await;
    // On 1.21 policy/v1 is preferred and holds only PodDisruptionBudget; PodSecurityPolicy
    // lives in policy/v1beta1, deprecated.
    let (_, _, policy) = get_with_headers(&client, "/apis/policy").await;
    assert_eq!(policy["preferredVersion"]["version"], "v1", "{policy}");
    assert_eq!(names(&policy, "versions"), ["policy/v1", "policy/v1beta1"]);
    let (_, _, v1) = get_with_headers(&client, "/apis/policy/v1").await;
    assert_eq!(
        names(&v1, "resources"),
        ["poddisruptionbudgets", "poddisruptionbudgets/status"]
    );
    let (_, _, groups) = get_with_headers(&client, "/apis").await;
    let order: Vec<String> = groups["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["name"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        order,
        [
            "extensions",
            "apps",
            "networking.k8s.io",
            "policy",
            "rbac.authorization.k8s.io",
            "storage.k8s.io"
        ]
    );
    // What tripped the engine on a real 1.23: the preferred version has no PodSecurityPolicy…
    let discovery = Discovery::new(client.clone()).run().await.expect("discovery");
    let recommended = discovery.get("policy").expect("policy").recommended_resources();
    assert!(recommended.iter().all(|(ar, _)| ar.kind != "PodSecurityPolicy"));
    // …and the engine finds it in any served version, the preferred one first.
    let conn = workshop::engine::cluster::Connection::connect(cluster.kube_config(), "workshop-rehearsal", "")
        .await
        .expect("connects");
    for (kind, api_version) in [
        ("PodSecurityPolicy", "policy/v1beta1"),
        ("psp", "policy/v1beta1"),
        ("PodDisruptionBudget", "policy/v1"),
        ("Ingress", "networking.k8s.io/v1"),
        ("Event", "v1"),
    ] {
        let found = conn.resolve(kind, None).await.expect(kind);
        assert_eq!(found.ar.api_version, api_version, "{kind}");
    }
    let pinned = conn
        .resolve("PodDisruptionBudget", Some("policy/v1beta1"))
        .await
        .expect("pinned version");
    assert_eq!(pinned.ar.api_version, "policy/v1beta1");
    // A deprecated version answers with the real server's Warning.
    let (code, warnings, _) = get_with_headers(&client, "/apis/policy/v1beta1/podsecuritypolicies").await;
    assert_eq!(code, 200);
    assert_eq!(
        warnings,
        ["299 - \"policy/v1beta1 PodSecurityPolicy is deprecated in v1.21+, unavailable in v1.25+\""]
    );
    let (_, warnings, _) = get_with_headers(&client, "/apis/policy/v1/poddisruptionbudgets").await;
    assert!(warnings.is_empty(), "{warnings:?}");

    // One object, every served version: an Ingress written as v1 reads as extensions/v1beta1.
    let ingress: Ingress = serde_json::from_value(json!({
        "metadata": {"name": "web"},
        "spec": {"rules": [{"host": "web.example", "http": {"paths": [{"path": "/", "pathType": "Prefix",
            "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}
    }))
    .expect("ingress");
    Api::<Ingress>::default_namespaced(client.clone())
        .create(&PostParams::default(), &ingress)
        .await
        .expect("created");
    let (_, warnings, old) =
        get_with_headers(&client, "/apis/extensions/v1beta1/namespaces/default/ingresses/web").await;
    assert_eq!(old["apiVersion"], "extensions/v1beta1");
    assert_eq!(
        old["spec"]["rules"][0]["http"]["paths"][0]["backend"],
        json!({"serviceName": "web", "servicePort": 80})
    );
    assert!(warnings[0].contains("use networking.k8s.io/v1 Ingress"), "{warnings:?}");

    // A PodDisruptionBudget written as v1beta1 is read as v1, with the disruption controller's status.
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    deploys
        .create(&PostParams::default(), &deployment("guarded", 2))
        .await
        .expect("deployment");
    wait_for(&deploys, "guarded", ready_replicas(2)).await;
    let pdb = json!({"apiVersion": "policy/v1beta1", "kind": "PodDisruptionBudget", "metadata": {"name": "guarded"},
                     "spec": {"minAvailable": 1, "selector": {"matchLabels": {"name": "guarded"}}}});
    let (code, created) = raw(
        &client,
        "POST",
        "/apis/policy/v1beta1/namespaces/default/poddisruptionbudgets",
        "application/json",
        pdb.to_string().into_bytes(),
    )
    .await;
    assert_eq!(
        (code, created["apiVersion"].as_str()),
        (201, Some("policy/v1beta1")),
        "{created}"
    );
    let budgets: Api<k8s_openapi::api::policy::v1::PodDisruptionBudget> = Api::default_namespaced(client.clone());
    let guarded = wait_for(
        &budgets,
        "guarded",
        |b: Option<&k8s_openapi::api::policy::v1::PodDisruptionBudget>| {
            b.and_then(|b| b.status.as_ref())
                .is_some_and(|s| s.current_healthy == 2 && s.disruptions_allowed == 1)
        },
    )
    .await;
    let status = guarded.status.expect("status");
    assert_eq!((status.desired_healthy, status.expected_pods), (1, 2));
    cluster.shutdown().await;

    // From 1.22 the v1beta1 versions of networking, rbac and storage are gone; from 1.25 policy's.
    let (cluster, client) = start("1.24.0").await;
    let (_, _, policy) = get_with_headers(&client, "/apis/policy").await;
    assert_eq!(names(&policy, "versions"), ["policy/v1", "policy/v1beta1"]);
    let (_, _, networking) = get_with_headers(&client, "/apis/networking.k8s.io").await;
    assert_eq!(names(&networking, "versions"), ["networking.k8s.io/v1"]);
    let (code, _, _) = get_with_headers(&client, "/apis/extensions/v1beta1/ingresses").await;
    assert_eq!(code, 404);
    cluster.shutdown().await;
}

#[tokio::test]
async fn psp_served_only_below_1_25() {
    let (old, client) = start("1.21.2").await;
    let discovery = Discovery::new(client.clone()).run().await.expect("discovery");
    let (ar, _) = discovery
        .resolve_gvk(&GroupVersionKind::gvk("policy", "v1beta1", "PodSecurityPolicy"))
        .expect("PSP served on 1.21");
    let api: Api<DynamicObject> = Api::all_with(client.clone(), &ar);
    let psp: DynamicObject = serde_json::from_value(json!({
        "apiVersion": "policy/v1beta1", "kind": "PodSecurityPolicy", "metadata": {"name": "pacman"},
        "spec": {"privileged": true, "seLinux": {"rule": "RunAsAny"}, "runAsUser": {"rule": "RunAsAny"}}
    }))
    .expect("psp");
    api.create(&PostParams::default(), &psp)
        .await
        .expect("PSP created on 1.21");
    old.shutdown().await;

    let (new, client) = start("v1.31.0").await;
    let discovery = Discovery::new(client.clone()).run().await.expect("discovery");
    assert!(
        discovery
            .resolve_gvk(&GroupVersionKind::gvk("policy", "v1beta1", "PodSecurityPolicy"))
            .is_none()
    );
    let (code, status) = raw(
        &client,
        "GET",
        "/apis/policy/v1beta1/podsecuritypolicies",
        "application/json",
        vec![],
    )
    .await;
    assert_eq!((code, status["reason"].as_str()), (404, Some("NotFound")));
    new.shutdown().await;
}

#[tokio::test]
async fn services_endpoints_and_ingress_after_addon() {
    let (cluster, client) = start("v1.31.0").await;
    let deploys: Api<Deployment> = Api::default_namespaced(client.clone());
    deploys
        .create(&PostParams::default(), &deployment("pacman", 2))
        .await
        .expect("created");
    let services: Api<Service> = Api::default_namespaced(client.clone());
    let svc: Service = serde_json::from_value(json!({
        "metadata": {"name": "pacman"},
        "spec": {"type": "LoadBalancer", "selector": {"name": "pacman"}, "ports": [{"port": 80, "targetPort": "http-server"}]}
    }))
    .expect("svc");
    let created = services.create(&PostParams::default(), &svc).await.expect("created");
    let ip = created
        .spec
        .as_ref()
        .and_then(|s| s.cluster_ip.clone())
        .expect("cluster ip");
    let octets: Vec<u8> = ip.split('.').map(|o| o.parse().expect("octet")).collect();
    assert!(octets[0] == 10 && (96..112).contains(&octets[1]), "{ip}");
    let port = &created.spec.as_ref().and_then(|s| s.ports.clone()).expect("ports")[0];
    assert!(port.node_port.is_some());
    wait_for(&deploys, "pacman", ready_replicas(2)).await;
    let eps: Api<Endpoints> = Api::default_namespaced(client.clone());
    let ep = wait_for(&eps, "pacman", |e: Option<&Endpoints>| {
        e.and_then(|e| e.subsets.as_ref())
            .and_then(|s| s.first())
            .and_then(|s| s.addresses.as_ref())
            .is_some_and(|a| a.len() == 2)
    })
    .await;
    assert_eq!(
        ep.subsets.expect("subsets")[0].ports.as_ref().expect("ports")[0].port,
        8080
    );
    let lb = services
        .get("pacman")
        .await
        .expect("svc")
        .status
        .and_then(|s| s.load_balancer)
        .and_then(|l| l.ingress);
    assert!(lb.is_none_or(|i| i.is_empty()), "LoadBalancer stays pending");

    let ingresses: Api<Ingress> = Api::default_namespaced(client.clone());
    let ing: Ingress = serde_json::from_value(json!({
        "metadata": {"name": "pacman-ingress"},
        "spec": {"ingressClassName": "nginx", "rules": [{"host": "pacman.com", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                 "backend": {"service": {"name": "pacman", "port": {"number": 80}}}}]}}]}
    }))
    .expect("ingress");
    ingresses.create(&PostParams::default(), &ing).await.expect("created");
    let err = cluster.enable_addon("nope").await.expect_err("unknown addon");
    assert!(err.to_string().contains("ingress"), "{err}");
    assert!(!cluster.enabled_addons().contains(&"ingress".to_string()));
    cluster.enable_addon("ingress").await.expect("ingress addon");
    let with_address = wait_for(&ingresses, "pacman-ingress", |i: Option<&Ingress>| {
        i.and_then(|i| i.status.as_ref())
            .and_then(|s| s.load_balancer.as_ref())
            .and_then(|l| l.ingress.as_ref())
            .is_some_and(|l| l.iter().any(|x| x.ip.as_deref() == Some("127.0.49.2")))
    })
    .await;
    assert!(with_address.status.is_some());
    assert!(cluster.enabled_addons().contains(&"ingress".to_string()));
    cluster.enable_addon("csi-hostpath-driver").await.expect("csi addon");
    let classes: Api<StorageClass> = Api::all(client.clone());
    assert_eq!(
        classes.get("csi-hostpath-sc").await.expect("class").provisioner,
        "hostpath.csi.k8s.io"
    );
    cluster.shutdown().await;
}

#[tokio::test]
async fn exec_and_port_forward_are_refused_clearly() {
    let (cluster, client) = start("v1.31.0").await;
    for sub in ["exec?command=ls&stdout=true", "attach", "portforward"] {
        let (code, status) = raw(
            &client,
            "POST",
            &format!("/api/v1/namespaces/default/pods/x/{sub}"),
            "application/json",
            vec![],
        )
        .await;
        assert_eq!(code, 400);
        assert!(
            status["message"]
                .as_str()
                .unwrap_or_default()
                .contains("runs no containers"),
            "{status}"
        );
    }
    cluster.shutdown().await;
}

#[tokio::test]
async fn kubeconfig_file_and_cluster_identity() {
    let (cluster, client) = start("v1.31.0").await;
    let path = cluster.kubeconfig_path().to_path_buf();
    let kubeconfig = kube::config::Kubeconfig::read_from(&path).expect("kubeconfig readable");
    assert_eq!(kubeconfig.current_context.as_deref(), Some("workshop-rehearsal"));
    let config = kube::Config::from_custom_kubeconfig(kubeconfig, &kube::config::KubeConfigOptions::default())
        .await
        .expect("config");
    let from_file = Client::try_from(config).expect("client");
    let nss: Api<Namespace> = Api::all(from_file);
    let a = nss.get("kube-system").await.expect("kube-system").uid();
    let b = Api::<Namespace>::all(client)
        .get("kube-system")
        .await
        .expect("kube-system")
        .uid();
    assert!(a.is_some() && a == b, "stable kube-system uid");
    cluster.shutdown().await;
    assert!(!path.exists(), "temporary kubeconfig removed on shutdown");
}

/// kubectl's Accept header for human-readable output.
const TABLE_ACCEPT: &str =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

async fn get_accept(client: &Client, path: &str, accept: &str) -> (u16, String) {
    let req = axum::http::Request::builder()
        .method("GET")
        .uri(path)
        .header("accept", accept)
        .body(Vec::new())
        .expect("request");
    let resp = client.send(req.map(kube::client::Body::from)).await.expect("response");
    let code = resp.status().as_u16();
    let bytes = http_body_util::BodyExt::collect(resp.into_body())
        .await
        .expect("body")
        .to_bytes();
    (code, String::from_utf8_lossy(&bytes).into_owned())
}

#[tokio::test]
async fn content_negotiation_like_a_real_server() {
    let (cluster, client) = start("v1.31.0").await;
    let path = "/api/v1/namespaces/default/configmaps";
    // Protobuf bodies, as kubectl 1.32's typed clients send them, are read like JSON ones:
    // `k8s\0`, then a runtime.Unknown with the TypeMeta and the ConfigMap's own message.
    let type_meta = b"\x0a\x02v1\x12\x09ConfigMap";
    let object = b"\x0a\x0c\x0a\x0afrom-proto\x12\x06\x0a\x01a\x12\x01b";
    let mut body = b"k8s\x00".to_vec();
    body.extend([0x0a, type_meta.len() as u8]);
    body.extend(type_meta);
    body.extend([0x12, object.len() as u8]);
    body.extend(object);
    let (code, created) = raw(&client, "POST", path, "application/vnd.kubernetes.protobuf", body).await;
    assert_eq!(
        (
            code,
            created["metadata"]["name"].as_str(),
            created["data"]["a"].as_str()
        ),
        (201, Some("from-proto"), Some("b")),
        "{created}"
    );
    let (code, status) = raw(
        &client,
        "POST",
        path,
        "application/vnd.kubernetes.protobuf",
        b"{\"kind\": \"ConfigMap\"}".to_vec(),
    )
    .await;
    assert_eq!(code, 400, "{status}");
    // Other media types are refused with 415, naming the accepted ones.
    let (code, status) = raw(&client, "POST", path, "application/cbor", vec![0xa0]).await;
    assert_eq!(
        (code, status["reason"].as_str()),
        (415, Some("UnsupportedMediaType")),
        "{status}"
    );
    assert!(
        status["message"]
            .as_str()
            .is_some_and(|m| m.contains("application/json, application/yaml, application/vnd.kubernetes.protobuf")),
        "{status}"
    );
    // YAML bodies are accepted; a missing Content-Type means JSON.
    let yaml = b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  a: b\n".to_vec();
    let (code, created) = raw(&client, "POST", path, "application/yaml", yaml).await;
    assert_eq!((code, created["data"]["a"].as_str()), (201, Some("b")), "{created}");
    let (code, _) = raw(
        &client,
        "POST",
        path,
        "",
        br#"{"metadata":{"name":"untyped"}}"#.to_vec(),
    )
    .await;
    assert_eq!(code, 201);
    // Responses in YAML when asked for.
    let (code, text) = get_accept(&client, &format!("{path}/from-yaml"), "application/yaml").await;
    assert_eq!(code, 200);
    let back: Value = serde_norway::from_str(&text).expect("a YAML response");
    assert_eq!(
        (back["kind"].as_str(), back["data"]["a"].as_str()),
        (Some("ConfigMap"), Some("b"))
    );
    // PartialObjectMetadata, as kube-rs' metadata API asks.
    let (code, text) = get_accept(
        &client,
        path,
        "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
    )
    .await;
    let list: Value = serde_json::from_str(&text).expect("json");
    assert_eq!((code, list["kind"].as_str()), (200, Some("PartialObjectMetadataList")));
    assert!(
        list["items"].as_array().is_some_and(|items| items
            .iter()
            .all(|i| i["kind"] == "PartialObjectMetadata" && i.get("data").is_none())),
        "{list}"
    );
    // An unknown patch type is 415 too.
    let (code, status) = raw(
        &client,
        "PATCH",
        &format!("{path}/from-yaml"),
        "text/plain",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!((code, status["reason"].as_str()), (415, Some("UnsupportedMediaType")));
    // The real server's limits: 3 MiB bodies, and nesting bounded before the parser runs.
    let big = format!(
        r#"{{"metadata":{{"name":"big"}},"data":{{"a":"{}"}}}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let (code, status) = raw(&client, "POST", path, "application/json", big.into_bytes()).await;
    assert_eq!(
        (code, status["reason"].as_str()),
        (413, Some("RequestEntityTooLarge")),
        "{status}"
    );
    let (code, status) = raw(
        &client,
        "POST",
        path,
        "application/yaml",
        "[".repeat(40_000).into_bytes(),
    )
    .await;
    assert_eq!(code, 400, "{status}");
    assert!(
        status["message"]
            .as_str()
            .is_some_and(|m| m.contains("nested deeper than 128")),
        "{status}"
    );
    let (code, status) = raw(
        &client,
        "POST",
        path,
        "application/json",
        "[".repeat(40_000).into_bytes(),
    )
    .await;
    assert_eq!(code, 400, "{status}");
    cluster.shutdown().await;
}

async fn get_table(client: &Client, path: &str, accept: &str) -> (u16, Value) {
    let (code, body) = get_accept(client, path, accept).await;
    (code, serde_json::from_str(&body).unwrap_or(Value::Null))
}

fn column_names(table: &Value) -> Vec<&str> {
    table["columnDefinitions"]
        .as_array()
        .expect("columnDefinitions")
        .iter()
        .map(|c| c["name"].as_str().expect("column name"))
        .collect()
}

#[tokio::test]
async fn server_side_tables_for_kubectl() {
    let (cluster, client) = start("v1.31.0").await;
    namespace(&client, "tables").await;
    let deploys: Api<Deployment> = Api::namespaced(client.clone(), "tables");
    deploys
        .create(&PostParams::default(), &deployment("web", 1))
        .await
        .expect("deployment");
    wait_for(&deploys, "web", ready_replicas(1)).await;

    // A list answers a meta.k8s.io/v1 Table with the printer's columns and PartialObjectMetadata rows.
    let (code, t) = get_table(&client, "/api/v1/namespaces/tables/pods", TABLE_ACCEPT).await;
    assert_eq!(code, 200, "{t}");
    assert_eq!(
        (t["kind"].as_str(), t["apiVersion"].as_str()),
        (Some("Table"), Some("meta.k8s.io/v1"))
    );
    assert!(
        t["metadata"]["resourceVersion"]
            .as_str()
            .is_some_and(|rv| !rv.is_empty()),
        "{t}"
    );
    assert_eq!(
        column_names(&t),
        [
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates"
        ]
    );
    for c in t["columnDefinitions"].as_array().expect("columns") {
        for key in ["name", "type", "format", "description", "priority"] {
            assert!(c.get(key).is_some(), "column without {key}: {c}");
        }
    }
    assert_eq!(t["columnDefinitions"][0]["format"], "name");
    assert_eq!(t["columnDefinitions"][5]["priority"], 1);
    let rows = t["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{t}");
    let cells = rows[0]["cells"].as_array().expect("cells");
    assert_eq!(cells.len(), 9);
    assert_eq!(
        (cells[1].as_str(), cells[2].as_str()),
        (Some("1/1"), Some("Running")),
        "{t}"
    );
    assert_eq!(cells[6], "minikube");
    let object = &rows[0]["object"];
    assert_eq!(
        (object["kind"].as_str(), object["apiVersion"].as_str()),
        (Some("PartialObjectMetadata"), Some("meta.k8s.io/v1"))
    );
    assert_eq!(object["metadata"]["namespace"], "tables");
    assert!(object.get("spec").is_none());

    // includeObject=None|Object, and a bad value is a BadRequest Status.
    let (_, none) = get_table(
        &client,
        "/api/v1/namespaces/tables/pods?includeObject=None",
        TABLE_ACCEPT,
    )
    .await;
    assert!(none["rows"][0].get("object").is_none(), "{none}");
    let (_, full) = get_table(
        &client,
        "/api/v1/namespaces/tables/pods?includeObject=Object",
        TABLE_ACCEPT,
    )
    .await;
    assert_eq!(full["rows"][0]["object"]["kind"], "Pod");
    assert!(full["rows"][0]["object"]["spec"]["containers"].is_array());
    let (code, bad) = get_table(
        &client,
        "/api/v1/namespaces/tables/pods?includeObject=All",
        TABLE_ACCEPT,
    )
    .await;
    assert_eq!((code, bad["reason"].as_str()), (400, Some("BadRequest")), "{bad}");

    // One object, pagination, v1beta1, and the version-dependent PVC columns.
    let (_, one) = get_table(&client, "/apis/apps/v1/namespaces/tables/deployments/web", TABLE_ACCEPT).await;
    assert_eq!(one["kind"], "Table");
    assert_eq!(one["rows"][0]["cells"][1], "1/1", "{one}");
    let (_, page) = get_table(&client, "/api/v1/namespaces?limit=2", TABLE_ACCEPT).await;
    assert_eq!(page["rows"].as_array().map(Vec::len), Some(2));
    assert!(page["metadata"]["continue"].is_string(), "{page}");
    let (_, beta) = get_table(
        &client,
        "/apis/storage.k8s.io/v1/storageclasses",
        "application/json;as=Table;v=v1beta1;g=meta.k8s.io",
    )
    .await;
    assert_eq!(beta["apiVersion"], "meta.k8s.io/v1beta1");
    assert_eq!(beta["rows"][0]["object"]["apiVersion"], "meta.k8s.io/v1beta1");
    assert_eq!(beta["rows"][0]["cells"][0], "standard (default)");
    let (_, claims) = get_table(&client, "/api/v1/persistentvolumeclaims", TABLE_ACCEPT).await;
    assert!(column_names(&claims).contains(&"VolumeAttributesClass"), "{claims}");

    // Without as=Table nothing changes; a malformed or unservable Accept header is refused
    // with 406, as a real server does.
    for accept in ["application/json", "application/json, application/json;as="] {
        let (code, list) = get_table(&client, "/api/v1/namespaces/tables/pods", accept).await;
        assert_eq!((code, list["kind"].as_str()), (200, Some("PodList")), "{accept}");
    }
    for accept in [
        "application/json;as=",
        ";;,=;as=Table",
        "application/json;as=Table;g=x;v=v1",
        "application/vnd.kubernetes.protobuf",
    ] {
        let (code, status) = get_table(&client, "/api/v1/namespaces/tables/pods", accept).await;
        assert_eq!(
            (code, status["reason"].as_str()),
            (406, Some("NotAcceptable")),
            "{accept}"
        );
    }
    let (_, typed) = get_table(
        &client,
        "/api/v1/namespaces/tables/pods?includeObject=All",
        "application/json",
    )
    .await;
    assert_eq!(typed["kind"], "PodList");

    // A watch with as=Table sends one-row Tables.
    let (code, body) = get_accept(
        &client,
        "/api/v1/namespaces/tables/pods?watch=true&timeoutSeconds=1",
        TABLE_ACCEPT,
    )
    .await;
    assert_eq!(code, 200);
    let events: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("event JSON"))
        .collect();
    assert_eq!(events.len(), 1, "{body}");
    assert_eq!(events[0]["type"], "ADDED");
    assert_eq!(events[0]["object"]["kind"], "Table");
    assert_eq!(events[0]["object"]["rows"][0]["cells"][2], "Running");
    cluster.shutdown().await;
}

mod kubectl {
    //! The installed kubectl against the rehearsal cluster (skipped when kubectl is missing).

    use super::*;
    use std::path::Path;
    use tokio::io::AsyncBufReadExt;
    use tokio::process::Command;

    const MANIFEST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pacman-stateful-demo.yaml");

    fn available() -> bool {
        if which::which("kubectl").is_ok() {
            return true;
        }
        eprintln!("note: kubectl is not on PATH; skipping the kubectl rehearsal test");
        false
    }

    async fn kubectl(kubeconfig: &Path, args: &[&str]) -> (bool, String, String) {
        let out = within(
            &format!("kubectl {}", args.join(" ")),
            Command::new("kubectl")
                .arg("--kubeconfig")
                .arg(kubeconfig)
                // kubectl caches discovery per host:port; a later cluster on a reused port
                // with another version must not see this one's API list.
                .arg("--cache-dir")
                .arg(kubeconfig.with_extension("kubectl-cache"))
                .args(args)
                .kill_on_drop(true)
                .output(),
        )
        .await
        .expect("kubectl runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    async fn ok(kubeconfig: &Path, args: &[&str]) -> String {
        let (success, stdout, stderr) = kubectl(kubeconfig, args).await;
        assert!(success, "kubectl {} failed:\n{stdout}\n{stderr}", args.join(" "));
        assert!(
            !stderr.contains("error"),
            "kubectl {} complained: {stderr}",
            args.join(" ")
        );
        stdout
    }

    #[tokio::test]
    async fn apply_get_patch_scale_delete_and_watch() {
        if !available() {
            return;
        }
        let (cluster, client) = start("1.21.2").await;
        let kc = cluster.kubeconfig_path().to_path_buf();
        let applied = ok(&kc, &["apply", "-f", MANIFEST]).await;
        for line in [
            "namespace/pacman created",
            "podsecuritypolicy.policy/pacman created",
            "statefulset.apps/mongo created",
            "deployment.apps/pacman created",
        ] {
            assert!(applied.contains(line), "{applied}");
        }
        let again = ok(&kc, &["apply", "-f", MANIFEST]).await;
        assert!(again.contains("deployment.apps/pacman unchanged"), "{again}");
        let deploys: Api<Deployment> = Api::namespaced(client.clone(), "pacman");
        wait_for(&deploys, "pacman", ready_replicas(1)).await;
        let pods = ok(&kc, &["get", "pods", "-n", "pacman", "-o", "name"]).await;
        assert!(pods.contains("pod/mongo-0") && pods.contains("pod/pacman-"), "{pods}");
        let all = ok(&kc, &["get", "all", "-n", "pacman"]).await;
        assert!(
            all.contains("statefulset.apps/mongo") && all.contains("service/pacman"),
            "{all}"
        );

        ok(
            &kc,
            &[
                "patch",
                "deployment",
                "pacman",
                "-n",
                "pacman",
                "-p",
                r#"{"metadata":{"labels":{"patched":"yes"}}}"#,
            ],
        )
        .await;
        let label = ok(
            &kc,
            &[
                "get",
                "deploy",
                "pacman",
                "-n",
                "pacman",
                "-o",
                "jsonpath={.metadata.labels.patched}",
            ],
        )
        .await;
        assert_eq!(label, "yes");
        ok(
            &kc,
            &[
                "patch",
                "deploy",
                "pacman",
                "-n",
                "pacman",
                "--type",
                "json",
                "-p",
                r#"[{"op":"add","path":"/metadata/labels/j","value":"p"}]"#,
            ],
        )
        .await;

        // get -w sees the scale-up happen.
        let mut child = Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(&kc)
            .arg("--cache-dir")
            .arg(kc.with_extension("kubectl-cache"))
            .args([
                "get",
                "deploy",
                "pacman",
                "-n",
                "pacman",
                "-w",
                "-o",
                "jsonpath={.status.readyReplicas}{\"\\n\"}",
            ])
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("kubectl get -w");
        let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = within("first watch line", lines.next_line())
            .await
            .expect("read")
            .expect("line");
        assert_eq!(first.trim(), "1");
        ok(&kc, &["scale", "deployment", "pacman", "-n", "pacman", "--replicas=3"]).await;
        within("watch shows 3 ready", async {
            while let Some(line) = lines.next_line().await.expect("read") {
                if line.trim() == "3" {
                    return;
                }
            }
            panic!("kubectl get -w ended early");
        })
        .await;
        child.kill().await.expect("stop kubectl");

        let (success, _, stderr) = kubectl(&kc, &["exec", "-n", "pacman", "mongo-0", "--", "ls"]).await;
        assert!(!success && stderr.contains("runs no containers"), "{stderr}");
        let (success, _, stderr) = kubectl(&kc, &["get", "pod", "nope", "-n", "pacman"]).await;
        assert!(!success && stderr.contains("pods \"nope\" not found"), "{stderr}");

        ok(&kc, &["delete", "deployment", "pacman", "-n", "pacman"]).await;
        let nss: Api<Namespace> = Api::all(client.clone());
        let ns_uid = nss.get("pacman").await.expect("ns").uid().expect("uid");
        ok(&kc, &["delete", "namespace", "pacman", "--wait=false"]).await;
        wait_until(&nss, "pacman", conditions::is_deleted(&ns_uid)).await;
        cluster.shutdown().await;
    }

    #[tokio::test]
    async fn create_from_manifest_validates_server_side() {
        if !available() {
            return;
        }
        let (cluster, _client) = start("1.21.2").await;
        let kc = cluster.kubeconfig_path().to_path_buf();
        let created = ok(&kc, &["create", "-f", MANIFEST]).await;
        assert!(
            created.contains("persistentvolumeclaim/mongo-storage created"),
            "{created}"
        );
        let (success, _, stderr) = kubectl(&kc, &["create", "-f", MANIFEST]).await;
        assert!(!success && stderr.contains("AlreadyExists"), "{stderr}");
        cluster.shutdown().await;

        // On 1.31 the PSP document fails exactly like on a real cluster.
        let (cluster, _client) = start("v1.31.0").await;
        let kc = cluster.kubeconfig_path().to_path_buf();
        let (success, _, stderr) = kubectl(&kc, &["create", "-f", MANIFEST]).await;
        assert!(!success && stderr.contains("PodSecurityPolicy"), "{stderr}");
        cluster.shutdown().await;
    }

    fn line_of<'a>(out: &'a str, name: &str) -> &'a str {
        out.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no line for {name} in:\n{out}"))
    }

    /// A 1.21.2 cluster with the pacman manifest created by kubectl, its Deployment and mongo-0
    /// ready; and the cluster's kubeconfig.
    async fn pacman_created() -> (RehearsalCluster, Client, std::path::PathBuf) {
        let (cluster, client) = start("1.21.2").await;
        let kc = cluster.kubeconfig_path().to_path_buf();
        ok(&kc, &["create", "-f", MANIFEST]).await;
        let deploys: Api<Deployment> = Api::namespaced(client.clone(), "pacman");
        wait_for(&deploys, "pacman", ready_replicas(1)).await;
        let pods: Api<Pod> = Api::namespaced(client.clone(), "pacman");
        wait_for(&pods, "mongo-0", is_ready).await;
        (cluster, client, kc)
    }

    /// A `kubectl get` table as rows of cells, cut where the header's columns start (kubectl pads
    /// every column to its widest cell, so an empty cell stays in its place), with every age-like
    /// cell (`5s`, `2m3s`) replaced by `<age>`, since ages move with the clock.
    fn table_cells(out: &str) -> Vec<Vec<String>> {
        let is_age = |c: &str| {
            !c.is_empty()
                && c.split_inclusive(['s', 'm', 'h', 'd'])
                    .all(|part| part.len() > 1 && part[..part.len() - 1].bytes().all(|b| b.is_ascii_digit()))
        };
        let header = out.lines().next().unwrap_or_default();
        let starts: Vec<usize> = (0..header.len())
            .filter(|&i| header.as_bytes()[i] != b' ' && (i == 0 || header[..i].ends_with("  ")))
            .collect();
        out.lines()
            .map(|line| {
                starts
                    .iter()
                    .enumerate()
                    .map(|(n, &from)| {
                        let to = starts.get(n + 1).map_or(line.len(), |&to| to.min(line.len()));
                        let cell = line.get(from.min(line.len())..to).unwrap_or_default().trim();
                        if is_age(cell) {
                            "<age>".to_string()
                        } else {
                            cell.to_string()
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// `kubectl get` prints the columns and cells of a real cluster's printers for the lab's
    /// kinds, byte for byte apart from ages and the values a server picks at random.
    #[tokio::test]
    async fn get_pins_the_columns_and_cells_of_several_kinds() {
        if !available() {
            return;
        }
        let (cluster, client, kc) = pacman_created().await;
        let claims: Api<PersistentVolumeClaim> = Api::namespaced(client.clone(), "pacman");
        let volume = wait_for(&claims, "mongo-storage", |c: Option<&PersistentVolumeClaim>| {
            c.and_then(|c| c.spec.as_ref()?.volume_name.as_ref()).is_some()
        })
        .await
        .spec
        .and_then(|s| s.volume_name)
        .expect("bound claim");
        let services: Api<Service> = Api::namespaced(client.clone(), "pacman");
        let mut random = vec![("<volume>", volume)];
        for name in ["mongo", "pacman"] {
            let spec = services.get(name).await.expect("service").spec.expect("spec");
            random.push((
                if name == "mongo" { "<mongo-ip>" } else { "<pacman-ip>" },
                spec.cluster_ip.expect("cluster IP"),
            ));
            if let Some(node_port) = spec.ports.unwrap_or_default().iter().find_map(|p| p.node_port) {
                random.push(("<node-port>", node_port.to_string()));
            }
        }

        let cases: &[&[&str]] = &[
            &["get", "namespaces"],
            &["get", "nodes", "-o", "wide"],
            &["get", "storageclasses"],
            &["get", "pvc", "-n", "pacman", "-o", "wide"],
            &["get", "services", "-n", "pacman", "-o", "wide"],
            &["get", "deployments", "-n", "pacman", "-o", "wide"],
            &["get", "statefulsets", "-n", "pacman", "-o", "wide"],
            &["get", "pod", "mongo-0", "-n", "pacman"],
            &["get", "secrets", "-n", "pacman"],
            &["get", "serviceaccounts", "-n", "pacman"],
            &["get", "rolebindings", "-n", "pacman", "-o", "wide"],
            &["get", "podsecuritypolicies"],
            &["get", "configmaps", "-n", "kube-system"],
        ];
        let mut got = String::new();
        for args in cases {
            got.push_str(&format!("$ kubectl {}\n", args.join(" ")));
            for row in table_cells(&ok(&kc, args).await) {
                got.push_str(&row.join(" | "));
                got.push('\n');
            }
        }
        let mut expected = EXPECTED_GET.to_string();
        for (placeholder, value) in &random {
            expected = expected.replace(placeholder, value);
        }
        assert_eq!(got, expected, "\n{got}");
        cluster.shutdown().await;
    }

    /// What `kubectl get` prints for the cases above (cells joined by ` | `).
    const EXPECTED_GET: &str = r"$ kubectl get namespaces
NAME | STATUS | AGE
default | Active | <age>
kube-node-lease | Active | <age>
kube-public | Active | <age>
kube-system | Active | <age>
pacman | Active | <age>
$ kubectl get nodes -o wide
NAME | STATUS | ROLES | AGE | VERSION | INTERNAL-IP | EXTERNAL-IP | OS-IMAGE | KERNEL-VERSION | CONTAINER-RUNTIME
minikube | Ready | control-plane | <age> | v1.21.2 | 127.0.49.2 | <none> | workshop rehearsal (no containers) | <unknown> | rehearsal://0
$ kubectl get storageclasses
NAME | PROVISIONER | RECLAIMPOLICY | VOLUMEBINDINGMODE | ALLOWVOLUMEEXPANSION | AGE
standard (default) | k8s.io/minikube-hostpath | Delete | Immediate | false | <age>
$ kubectl get pvc -n pacman -o wide
NAME | STATUS | VOLUME | CAPACITY | ACCESS MODES | STORAGECLASS | AGE | VOLUMEMODE
mongo-storage | Bound | <volume> | 1Gi | RWO | standard | <age> | Filesystem
$ kubectl get services -n pacman -o wide
NAME | TYPE | CLUSTER-IP | EXTERNAL-IP | PORT(S) | AGE | SELECTOR
mongo | ClusterIP | <mongo-ip> | <none> | 27017/TCP | <age> | name=mongo
pacman | LoadBalancer | <pacman-ip> | <pending> | 80:<node-port>/TCP | <age> | name=pacman
$ kubectl get deployments -n pacman -o wide
NAME | READY | UP-TO-DATE | AVAILABLE | AGE | CONTAINERS | IMAGES | SELECTOR
pacman | 1/1 | 1 | 1 | <age> | pacman | quay.io/ifont/pacman-nodejs-app:latest | name=pacman
$ kubectl get statefulsets -n pacman -o wide
NAME | READY | AGE | CONTAINERS | IMAGES
mongo | 1/1 | <age> | mongo | docker.io/bitnamilegacy/mongodb:4.4.8
$ kubectl get pod mongo-0 -n pacman
NAME | READY | STATUS | RESTARTS | AGE
mongo-0 | 1/1 | Running | 0 | <age>
$ kubectl get secrets -n pacman
NAME | TYPE | DATA | AGE
mongodb-users-secret | Opaque | 5 | <age>
$ kubectl get serviceaccounts -n pacman
NAME | SECRETS | AGE
default | 0 | <age>
$ kubectl get rolebindings -n pacman -o wide
NAME | ROLE | AGE | USERS | GROUPS | SERVICEACCOUNTS
pacman-clusterrole | ClusterRole/pacman-clusterrole | <age> |  | system:serviceaccounts | pacman/default
$ kubectl get podsecuritypolicies
NAME | PRIV | CAPS | SELINUX | RUNASUSER | FSGROUP | SUPGROUP | READONLYROOTFS | VOLUMES
pacman | true |  | RunAsAny | RunAsAny | RunAsAny | RunAsAny | false | *
$ kubectl get configmaps -n kube-system
NAME | DATA | AGE
kube-root-ca.crt | 1 | <age>
";

    #[tokio::test]
    async fn get_prints_the_columns_of_a_real_cluster() {
        if !available() {
            return;
        }
        let (cluster, _client, kc) = pacman_created().await;

        let out = ok(&kc, &["get", "pods", "-n", "pacman"]).await;
        let header: Vec<&str> = out.lines().next().unwrap_or_default().split_whitespace().collect();
        assert_eq!(header, ["NAME", "READY", "STATUS", "RESTARTS", "AGE"], "{out}");
        let mongo: Vec<&str> = line_of(&out, "mongo-0").split_whitespace().collect();
        assert_eq!(mongo[1..4], ["1/1", "Running", "0"], "{out}");

        let wide = ok(&kc, &["get", "pods", "-n", "pacman", "-o", "wide"]).await;
        assert!(
            wide.lines()
                .next()
                .is_some_and(|h| h.contains("IP") && h.contains("NODE")),
            "{wide}"
        );
        assert!(line_of(&wide, "mongo-0").contains("minikube"), "{wide}");

        let sc = ok(&kc, &["get", "sc"]).await;
        assert!(
            sc.contains("standard (default)") && sc.contains("k8s.io/minikube-hostpath"),
            "{sc}"
        );
        let svc = ok(&kc, &["get", "svc", "-n", "pacman"]).await;
        let pacman = line_of(&svc, "pacman");
        assert!(pacman.contains("LoadBalancer") && pacman.contains("<pending>"), "{svc}");
        let pvc = ok(&kc, &["get", "pvc", "-n", "pacman"]).await;
        let claim = line_of(&pvc, "mongo-storage");
        assert!(
            claim.contains("Bound") && claim.contains("RWO") && claim.contains("standard"),
            "{pvc}"
        );

        let all = ok(&kc, &["get", "all", "-n", "pacman"]).await;
        for expected in [
            "pod/mongo-0",
            "service/pacman",
            "deployment.apps/pacman",
            "statefulset.apps/mongo",
            "UP-TO-DATE",
            "DESIRED",
            "<pending>",
        ] {
            assert!(all.contains(expected), "{expected} missing from:\n{all}");
        }
        let deploy = ok(&kc, &["get", "deploy", "pacman", "-n", "pacman", "-o", "wide"]).await;
        assert!(
            line_of(&deploy, "pacman").contains("quay.io/ifont/pacman-nodejs-app"),
            "{deploy}"
        );

        // Machine outputs still get whole objects.
        let json: Value = serde_json::from_str(&ok(&kc, &["get", "pods", "-n", "pacman", "-o", "json"]).await)
            .expect("kubectl -o json");
        assert!(
            json["items"]
                .as_array()
                .is_some_and(|items| items.iter().all(|p| p["kind"] == "Pod"
                    && p["spec"]["containers"].is_array()
                    && p["status"]["phase"] == "Running")),
            "{json}"
        );
        let yaml = ok(&kc, &["get", "pod", "mongo-0", "-n", "pacman", "-o", "yaml"]).await;
        assert!(yaml.contains("kind: Pod") && yaml.contains("containers:"), "{yaml}");

        // get -w prints table rows as the pods change.
        let mut child = Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(&kc)
            .arg("--cache-dir")
            .arg(kc.with_extension("kubectl-cache"))
            .args(["get", "pods", "-n", "pacman", "-w"])
            .stdout(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("kubectl get -w");
        let mut lines = tokio::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
        let header = within("watch header", lines.next_line())
            .await
            .expect("read")
            .expect("line");
        assert!(header.contains("READY") && header.contains("STATUS"), "{header}");
        ok(&kc, &["scale", "deployment", "pacman", "-n", "pacman", "--replicas=2"]).await;
        within("a new pod in the watch", async {
            let mut names = std::collections::BTreeSet::new();
            while let Some(line) = lines.next_line().await.expect("read") {
                assert!(!line.contains("NAME"), "headers printed once: {line}");
                if let Some(name) = line.split_whitespace().next().filter(|n| n.starts_with("pacman-")) {
                    names.insert(name.to_string());
                    if names.len() == 2 {
                        return;
                    }
                }
            }
            panic!("kubectl get -w ended early");
        })
        .await;
        child.kill().await.expect("stop kubectl");
        cluster.shutdown().await;
    }
}
