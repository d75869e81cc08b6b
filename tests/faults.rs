//! The rehearsal cluster's faults on demand (`--faults SPEC`, `WORKSHOP_REHEARSAL_FAULTS`):
//! each fault seen from a client, reproducibility by seed, and a watch from a resourceVersion
//! the server never reached failing like a real API server's.

use std::future::Future;
use std::time::Duration;

use futures::TryStreamExt;
use k8s_openapi::api::core::v1::{ConfigMap, Namespace};
use kube::api::{Api, ListParams, PostParams, WatchEvent, WatchParams};
use kube::{Client, ResourceExt};
use serde_json::{Value, json};
use workshop::rehearsal::faults::Phase;
use workshop::rehearsal::{RehearsalCluster, RehearsalOptions};

use crate::support::Test;

const WAIT: Duration = Duration::from_secs(20);

async fn start(faults: &str) -> (RehearsalCluster, Client) {
    let cluster = RehearsalCluster::start(RehearsalOptions {
        faults: Some(faults.parse().expect("a valid fault spec")),
        ..Default::default()
    })
    .await
    .expect("rehearsal cluster starts");
    // kube-rs retries 429/503/504 by itself unless told not to: these tests look at each answer.
    let mut config = cluster.kube_config();
    config.default_retry = false;
    let client = Client::try_from(config).expect("client from config");
    (cluster, client)
}

async fn within<T>(what: &str, fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(WAIT, fut)
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
}

/// One request: status, headers and the body as JSON (or the transport error).
async fn send(client: &Client, method: &str, path: &str, body: Value) -> Result<(u16, http::HeaderMap, Value), String> {
    let bytes = if body.is_null() {
        Vec::new()
    } else {
        serde_json::to_vec(&body).expect("json")
    };
    let req = http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json")
        .body(kube::client::Body::from(bytes))
        .expect("request");
    let resp = client.send(req).await.map_err(|e| e.to_string())?;
    let code = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = http_body_util::BodyExt::collect(resp.into_body())
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    let text = String::from_utf8_lossy(&bytes);
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        // A watch answers one JSON document per line.
        Value::Array(text.lines().filter_map(|l| serde_json::from_str(l).ok()).collect())
    });
    Ok((code, headers, json))
}

#[tokio::test]
async fn injected_statuses_are_real_status_objects_and_429_says_when_to_retry() {
    let (cluster, client) = start("seed=1,429=100%,retry-after=2").await;
    let (code, headers, body) = send(&client, "GET", "/api/v1/namespaces", Value::Null)
        .await
        .expect("an answer");
    assert_eq!(code, 429);
    assert_eq!(headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("2"));
    assert_eq!(body["kind"], "Status");
    assert_eq!(body["reason"], "TooManyRequests");
    assert_eq!(body["details"]["retryAfterSeconds"], 2);
    let faults = cluster.faults().expect("faults");
    assert_eq!(faults.injected().errors.get(&429), Some(&1));
    cluster.shutdown().await;

    let (cluster, client) = start("500=100%").await;
    let e = Api::<Namespace>::all(client)
        .list(&ListParams::default())
        .await
        .expect_err("500");
    match e {
        kube::Error::Api(s) => {
            assert_eq!((s.code, s.reason.as_str()), (500, "InternalError"));
            assert!(s.message.starts_with("injected 500"), "{}", s.message);
        }
        other => panic!("expected an API error, got {other}"),
    }
    cluster.shutdown().await;
}

/// Which of 60 identical requests fail, as a string of `.` and `x`.
async fn pattern(spec: &str) -> String {
    let (cluster, client) = start(spec).await;
    let mut out = String::new();
    for _ in 0..60 {
        let (code, _, _) = send(&client, "GET", "/api/v1/namespaces/default", Value::Null)
            .await
            .expect("an answer");
        out.push(if code == 200 { '.' } else { 'x' });
    }
    cluster.shutdown().await;
    out
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults() {
    let a = pattern("seed=4,500=30%").await;
    let b = pattern("seed=4,500=30%").await;
    let c = pattern("seed=5,500=30%").await;
    assert_eq!(a, b, "same seed, same faults");
    assert_ne!(a, c, "another seed, other faults");
    let failed = a.matches('x').count();
    assert!((8..=30).contains(&failed), "about 30% of 60 fail: {a}");
}

#[tokio::test]
async fn watches_are_cut_after_their_events() {
    let (cluster, client) = start("cut=2").await;
    let nss: Api<Namespace> = Api::all(client);
    // Four namespaces exist; a watch from "now" sends them as ADDED events, then is cut.
    let stream = nss
        .watch(&WatchParams::default().timeout(60), "0")
        .await
        .expect("watch");
    let events = within("the cut", stream.try_collect::<Vec<_>>())
        .await
        .expect("a clean end");
    assert_eq!(events.len(), 2, "{events:?}");
    assert_eq!(cluster.faults().expect("faults").injected().cuts, 1);
    cluster.shutdown().await;
}

#[tokio::test]
async fn gone_comes_as_an_error_event_or_as_the_http_status() {
    let (cluster, client) = start("gone=100%").await;
    let cms: Api<ConfigMap> = Api::default_namespaced(client.clone());
    let rv = cms
        .list(&ListParams::default())
        .await
        .expect("list")
        .metadata
        .resource_version
        .expect("rv");
    let stream = cms.watch(&WatchParams::default(), &rv).await.expect("a 200 answer");
    let mut stream = std::pin::pin!(stream);
    match within("410 event", stream.try_next()).await.expect("watch works") {
        Some(WatchEvent::Error(e)) => assert_eq!((e.code, e.reason.as_str()), (410, "Expired")),
        other => panic!("expected a 410 ERROR event, got {other:?}"),
    }
    // A watch from "now" does not resume anything: no 410.
    let fresh = cms.watch(&WatchParams::default().timeout(1), "0").await.expect("watch");
    let fresh: Vec<_> = within("a fresh watch", fresh.try_collect::<Vec<_>>())
        .await
        .expect("no error");
    assert!(fresh.iter().all(|e| !matches!(e, WatchEvent::Error(_))));
    cluster.shutdown().await;

    let (cluster, client) = start("gone-status=100%").await;
    let path = format!("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}");
    let (code, _, body) = send(&client, "GET", &path, Value::Null).await.expect("an answer");
    assert_eq!((code, body["reason"].as_str()), (410, Some("Expired")));
    assert_eq!(cluster.faults().expect("faults").injected().gone_statuses, 1);
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_lost_answer_still_did_the_write() {
    let (cluster, client) = start("lost=100%").await;
    let cm = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "lost"}, "data": {"a": "1"}});
    let err = send(&client, "POST", "/api/v1/namespaces/default/configmaps", cm)
        .await
        .expect_err("the answer is lost");
    assert!(!err.is_empty());
    // Reads are never lost: the write happened.
    let cms: Api<ConfigMap> = Api::default_namespaced(client);
    assert_eq!(cms.get("lost").await.expect("it exists").name_any(), "lost");
    assert_eq!(cluster.faults().expect("faults").injected().lost, 1);
    cluster.shutdown().await;
}

#[tokio::test]
async fn latency_delays_every_request() {
    let (cluster, client) = start("latency=5ms..20ms").await;
    Api::<Namespace>::all(client)
        .list(&ListParams::default())
        .await
        .expect("list");
    assert_eq!(cluster.faults().expect("faults").injected().delayed, 1);
    cluster.shutdown().await;
}

async fn refused(addr: std::net::SocketAddr) -> bool {
    matches!(
        tokio::net::TcpStream::connect(addr).await,
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused
    )
}

#[tokio::test]
async fn a_restart_closes_the_port_then_comes_back_without_the_data() {
    let (cluster, client) = start("restart=4s,down=500ms").await;
    let nss: Api<Namespace> = Api::all(client.clone());
    let before = nss.get("kube-system").await.expect("kube-system");
    let cms: Api<ConfigMap> = Api::default_namespaced(client.clone());
    let cm: ConfigMap = serde_json::from_value(json!({"metadata": {"name": "kept"}})).expect("cm");
    cms.create(&PostParams::default(), &cm).await.expect("created");
    // Enough writes that a fresh cluster's resourceVersions stay below ours for a while.
    let mut old_rv = 0;
    for n in 0..60 {
        let patch = kube::api::Patch::Merge(json!({"data": {"n": n.to_string()}}));
        let cm = cms
            .patch("kept", &kube::api::PatchParams::default(), &patch)
            .await
            .expect("patched");
        old_rv = cm.resource_version().expect("rv").parse().expect("a number");
    }

    let faults = cluster.faults().expect("faults");
    let mut phase = faults.phase();
    within("the restart", phase.wait_for(|p| *p == Phase::Down))
        .await
        .expect("phase");
    assert!(refused(cluster.addr()).await, "the port is closed while down");
    within("the return", phase.wait_for(|p| *p == Phase::Restarted))
        .await
        .expect("phase");

    let after = nss.get("kube-system").await.expect("kube-system again");
    assert_ne!(before.uid(), after.uid(), "a new cluster: kube-system has a new uid");
    assert!(cms.get_opt("kept").await.expect("get").is_none(), "the data is gone");
    let list = cms.list(&ListParams::default()).await.expect("list");
    let now: u64 = list.metadata.resource_version.expect("rv").parse().expect("a number");
    assert!(now < old_rv, "resourceVersions went backwards ({now} < {old_rv})");
    assert_eq!(faults.injected().restarts, 1);
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_vanished_server_refuses_connections() {
    let (cluster, _client) = start("vanish=200ms").await;
    let mut phase = cluster.faults().expect("faults").phase();
    within("the vanishing", phase.wait_for(|p| *p == Phase::Vanished))
        .await
        .expect("phase");
    assert!(refused(cluster.addr()).await);
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_server_vanishing_at_a_path_answers_until_then_and_nothing_after() {
    let (cluster, client) = start("vanish=@/apis/apps").await;
    let (code, _, _) = within(
        "a core request",
        send(&client, "GET", "/api/v1/namespaces", Value::Null),
    )
    .await
    .expect("answered before the path is asked");
    assert_eq!(code, 200);
    let mut phase = cluster.faults().expect("faults").phase();
    assert_eq!(*phase.borrow(), Phase::Serving);
    let asked = within(
        "the vanishing request",
        send(&client, "GET", "/apis/apps/v1", Value::Null),
    )
    .await;
    assert!(asked.is_err(), "the request to the path gets no answer: {asked:?}");
    within("the vanishing", phase.wait_for(|p| *p == Phase::Vanished))
        .await
        .expect("phase");
    assert!(refused(cluster.addr()).await);
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_watch_from_a_resource_version_never_reached_fails_like_an_api_server() {
    let (cluster, client) = start("seed=1").await;
    let cms: Api<ConfigMap> = Api::default_namespaced(client.clone());
    let rv: u64 = cms
        .list(&ListParams::default())
        .await
        .expect("list")
        .metadata
        .resource_version
        .expect("rv")
        .parse()
        .expect("a number");
    let path = format!(
        "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={}",
        rv + 1000
    );
    let (code, _, body) = within("the 504", send(&client, "GET", &path, Value::Null))
        .await
        .expect("an answer");
    assert_eq!(code, 504);
    assert_eq!(body["reason"], "Timeout");
    let message = body["message"].as_str().unwrap_or_default();
    let expected = format!("Too large resource version: {}, current: ", rv + 1000);
    assert!(message.starts_with(&expected), "{message}");
    assert_eq!(body["details"]["causes"][0]["reason"], "ResourceVersionTooLarge");
    cluster.shutdown().await;
}

#[test]
fn a_bad_fault_spec_names_the_column_and_the_grammar() {
    Test::new()
        .args(["rehearsal", "serve", "--faults", "500=10%,503=ten"])
        .run()
        .status(2)
        .stderr_contains("column 9: 503: expected a percentage like 10%, found `ten`")
        .stderr_contains("hint: items are key=value");
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .env("WORKSHOP_REHEARSAL_FAULTS", "seed=1,flaky=yes")
        .run()
        .status(2)
        .stderr_contains("WORKSHOP_REHEARSAL_FAULTS: unknown fault `flaky`")
        .stderr_contains("--> WORKSHOP_REHEARSAL_FAULTS:1:8");
}
