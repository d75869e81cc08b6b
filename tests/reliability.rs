//! The engine against a rehearsal cluster that misbehaves (`--faults`): transient errors are
//! retried and the request that failed for good is named, creates and deletes whose answer was
//! lost are reconciled, discovery survives a failing group-version, waits list again after a
//! 410 in both forms, and a cluster that was replaced or vanished is declared lost, and said so
//! by `workshop run`.

mod matrix;

use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kube::api::{Api, DynamicObject, ListParams, PostParams};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use workshop::checks::wait::{self, Observation, Target, WaitEnd};
use workshop::engine::cluster::health::Lost;
use workshop::engine::cluster::reconcile::{self, Created, Deleted};
use workshop::engine::cluster::{Connection, plain_error, retry};
use workshop::rehearsal::{RehearsalCluster, RehearsalOptions};

use crate::support::Test;
use crate::support::serve::Serve;

const WAIT: Duration = Duration::from_secs(30);

async fn start(version: &str, faults: &str) -> (RehearsalCluster, Connection) {
    let cluster = RehearsalCluster::start(RehearsalOptions {
        version: version.into(),
        faults: Some(faults.parse().expect("a valid fault spec")),
        ..Default::default()
    })
    .await
    .expect("rehearsal cluster starts");
    let conn = Connection::connect(cluster.kube_config(), "workshop-rehearsal", "")
        .await
        .expect("connects");
    (cluster, conn)
}

async fn within<T>(what: &str, fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(WAIT, fut)
        .await
        .unwrap_or_else(|_| panic!("timed out waiting for {what}"))
}

async fn configmaps(conn: &Connection) -> Api<DynamicObject> {
    let r = conn.resolve("ConfigMap", None).await.expect("ConfigMap is served");
    conn.api(&r, Some("default"))
}

fn configmap(name: &str) -> DynamicObject {
    serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": name, "namespace": "default"}, "data": {"a": "1"}
    }))
    .expect("a ConfigMap")
}

#[tokio::test]
async fn reads_are_retried_through_error_statuses_and_429() {
    let (cluster, conn) = start("v1.31.0", "seed=2,500=10%,502=5%,503=10%,504=5%,429=10%").await;
    let nss = kube::Api::<k8s_openapi::api::core::v1::Namespace>::all(conn.client.clone());
    for _ in 0..30 {
        within("a list", nss.list(&ListParams::default()))
            .await
            .expect("every read succeeds in the end");
    }
    let injected = cluster.faults().expect("faults").injected();
    assert!(
        injected.errors.values().sum::<u64>() >= 5,
        "faults were met: {injected:?}"
    );
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_request_that_fails_past_its_budget_is_named() {
    let (cluster, conn) = start("v1.31.0", "500=100%@/api/v1/namespaces/default/configmaps").await;
    let api = configmaps(&conn).await;
    let message = retry::within(Instant::now() + Duration::from_secs(1), async {
        let e = api.list(&ListParams::default()).await.expect_err("always 500");
        plain_error(&e)
    })
    .await;
    assert!(
        message.ends_with("(500 InternalError) on GET /api/v1/namespaces/default/configmaps"),
        "{message}"
    );
    assert!(
        cluster.faults().expect("faults").injected().errors[&500] >= 2,
        "it was retried"
    );
    cluster.shutdown().await;
}

/// The first seed whose draws lose the answer to the first write to `path` and not to the
/// second: seeded draws are reproducible, so the search always ends on the same seed.
fn seed_losing_the_first_answer_only(path: &str) -> u64 {
    (1..100)
        .find(|seed| {
            let spec: workshop::rehearsal::faults::FaultSpec =
                format!("seed={seed},lost=50%@{path}").parse().expect("valid");
            let faults = workshop::rehearsal::faults::Faults::new(spec);
            faults.would_lose("POST", path) && !faults.would_lose("POST", path)
        })
        .expect("a seed below 100")
}

#[tokio::test]
async fn a_create_whose_answer_was_lost_is_ours_and_an_older_object_is_not() {
    let path = "/api/v1/namespaces/default/configmaps";
    let seed = seed_losing_the_first_answer_only(path);
    let faults = format!("seed={seed},lost=50%@{path}");
    let (cluster, conn) = start("v1.31.0", &faults).await;
    let api = configmaps(&conn).await;
    match reconcile::create(&api, &configmap("probe")).await.expect("created") {
        Created::AnswerLost(o) => assert_eq!(o.metadata.name.as_deref(), Some("probe")),
        Created::Now(_) => panic!("seed {seed} loses the first answer"),
    }
    assert_eq!(cluster.faults().expect("faults").injected().lost, 1);
    cluster.shutdown().await;

    // The same faults on an object that was there before: still AlreadyExists.
    let (cluster, conn) = start("v1.31.0", &faults).await;
    let api = configmaps(&conn).await;
    let first = api.create(&PostParams::default(), &configmap("probe")).await;
    assert!(first.is_err(), "this answer is lost, but the object was made");
    assert!(api.get_opt("probe").await.expect("read").is_some(), "it exists before");
    let e = reconcile::create(&api, &configmap("probe"))
        .await
        .expect_err("it was there before");
    match e {
        kube::Error::Api(s) => assert_eq!((s.code, s.reason.as_str()), (409, "AlreadyExists")),
        other => panic!("expected AlreadyExists, got {other}"),
    }
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_delete_whose_answer_was_lost_is_ours() {
    let path = "/api/v1/namespaces/default/configmaps/probe";
    let seed = (1..100)
        .find(|seed| {
            let spec = format!("seed={seed},lost=50%@{path}").parse().expect("valid");
            let faults = workshop::rehearsal::faults::Faults::new(spec);
            faults.would_lose("DELETE", path) && !faults.would_lose("DELETE", path)
        })
        .expect("a seed below 100");
    let (cluster, conn) = start("v1.31.0", &format!("seed={seed},lost=50%@{path}")).await;
    let api = configmaps(&conn).await;
    let created = api
        .create(&PostParams::default(), &configmap("probe"))
        .await
        .expect("created");
    let uid = created.metadata.uid.expect("uid");
    let deleted = reconcile::delete(&api, "probe", Some(&uid)).await.expect("deleted");
    assert_eq!(deleted, Deleted::AnswerLost);
    assert!(api.get_opt("probe").await.expect("read").is_none());
    assert_eq!(cluster.faults().expect("faults").injected().lost, 1);
    cluster.shutdown().await;
}

#[tokio::test]
async fn discovery_goes_on_without_a_failing_group_version_unless_the_lab_needs_it() {
    let (cluster, conn) = start("1.21.2", "500=100%@/apis/policy/v1beta1").await;
    retry::within(Instant::now() + Duration::from_secs(1), async {
        let facts = conn.facts("rehearsal").await.expect("facts despite the failing group");
        assert!(facts.api_versions.iter().any(|v| v == "policy/v1beta1"), "still listed as served");
        conn.resolve("StatefulSet", None).await.expect("other kinds resolve");
        let why = conn
            .resolve("PodSecurityPolicy", Some("policy/v1beta1"))
            .await
            .expect_err("its group-version did not answer");
        assert!(
            why.starts_with("the cluster's discovery failed where kind PodSecurityPolicy in policy/v1beta1 would be (policy/v1beta1: "),
            "{why}"
        );
        assert!(why.contains("on GET /apis/policy/v1beta1"), "{why}");
    })
    .await;
    cluster.shutdown().await;
}

/// Waits for ConfigMap `late` to exist, creating it once the wait has listed.
async fn wait_sees_a_late_object(faults: &str) -> WaitEnd {
    let (cluster, conn) = start("v1.31.0", faults).await;
    let resolved = conn.resolve("ConfigMap", None).await.expect("served");
    let target = Target {
        resolved,
        namespace: Some("default".into()),
        name: Some("late".into()),
        labels: None,
    };
    let (listed_tx, listed_rx) = tokio::sync::oneshot::channel::<()>();
    let listed = Mutex::new(Some(listed_tx));
    let progress = move |_: &str, _: Duration| {
        if let Some(tx) = listed.lock().expect("lock").take() {
            let _ = tx.send(());
        }
    };
    let cancel = CancellationToken::new();
    let waiting = wait::until(&cancel, &conn, &target, Duration::from_secs(20), &progress, |seen| {
        if seen.is_empty() {
            Observation::waiting("not found")
        } else {
            Observation::done("exists")
        }
    });
    let create = async {
        listed_rx.await.expect("the wait lists first");
        configmaps(&conn)
            .await
            .create(&PostParams::default(), &configmap("late"))
            .await
            .expect("created");
        std::future::pending::<()>().await
    };
    let end = tokio::select! {
        end = waiting => end,
        () = create => unreachable!("pending"),
    };
    cluster.shutdown().await;
    end
}

#[tokio::test]
async fn a_wait_lists_again_after_410_as_an_error_event() {
    let end = wait_sees_a_late_object("gone=100%").await;
    assert!(matches!(end, WaitEnd::Done { .. }), "{end:?}");
}

#[tokio::test]
async fn a_wait_lists_again_after_410_as_the_http_status() {
    let end = wait_sees_a_late_object("gone-status=100%").await;
    assert!(matches!(end, WaitEnd::Done { .. }), "{end:?}");
}

/// Keeps a wait running (as a check would) until the connection's cluster is declared lost.
async fn lost_while_waiting(conn: &Connection) -> Lost {
    let resolved = conn.resolve("ConfigMap", None).await.expect("served");
    let target = Target {
        resolved,
        namespace: Some("default".into()),
        name: Some("never".into()),
        labels: None,
    };
    let cancel = CancellationToken::new();
    let waiting = wait::until(&cancel, conn, &target, WAIT, &|_, _| {}, |_| {
        Observation::waiting("not found")
    });
    tokio::select! {
        lost = conn.health().lost_signal() => lost,
        end = waiting => panic!("the wait ended first: {end:?}"),
    }
}

#[tokio::test]
async fn a_restart_without_data_is_declared_a_replaced_cluster() {
    let (cluster, conn) = start("v1.31.0", "restart=1s,down=1s").await;
    match within("the loss", lost_while_waiting(&conn)).await {
        Lost::Replaced { why } => assert!(why.contains("kube-system namespace has another uid"), "{why}"),
        other => panic!("expected Replaced, got {other:?}"),
    }
    cluster.shutdown().await;
}

#[tokio::test]
async fn a_vanished_cluster_is_declared_gone_after_the_grace() {
    let (cluster, conn) = start("v1.31.0", "vanish=500ms").await;
    conn.health().set_grace(Duration::from_secs(2));
    match within("the loss", lost_while_waiting(&conn)).await {
        Lost::Vanished { grace, last, .. } => {
            assert_eq!(grace, Duration::from_secs(2));
            assert_eq!(last, "connection refused");
        }
        other => panic!("expected Vanished, got {other:?}"),
    }
    // Once lost, requests fail at once with that.
    let e = conn.client.apiserver_version().await.expect_err("lost");
    assert!(plain_error(&e).starts_with("the cluster stopped answering: connection refused since "));
    cluster.shutdown().await;
}

#[test]
fn day55_fails_at_once_when_the_cluster_restarts_without_its_data() {
    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--pace",
            "realistic",
        ])
        .env("WORKSHOP_REHEARSAL_FAULTS", "restart=5s,down=1s")
        .timeout(Duration::from_secs(90))
        .run()
        .status(1)
        .stdout_contains("with faults restart=5s,down=1s (WORKSHOP_REHEARSAL_FAULTS)")
        .stdout_contains(
            "✖ the cluster was replaced (restarted without its data): its kube-system namespace has another uid",
        )
        .stdout_contains("hint: everything the lab made went with the old cluster: start the lab over")
        .stdout_contains("later steps not run")
        .stdout_lacks("--resume\n");
}

/// day55 attached to `serve` with `--unreachable-grace grace`: it fails (exit 1) saying the
/// cluster stopped answering for more than the grace, with the serve command as the hint.
fn attached_run_fails_after_the_grace(serve: &Serve, grace: &str) -> crate::support::Output {
    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--unreachable-grace",
            grace,
            "--kubeconfig",
        ])
        .arg(serve.kubeconfig.clone())
        .timeout(Duration::from_secs(90))
        .run()
        .status(1)
        .stdout_contains("✖ the cluster stopped answering: connection refused since ")
        .stdout_contains(&format!(", for more than {grace}\n"))
        .stdout_contains(&format!(
            "hint: is `workshop rehearsal serve scenarios/day55.toml --kubeconfig {}` still running? Start it again with that command",
            serve.kubeconfig_str()
        ))
        .stdout_contains("once the cluster answers again, resume with: ")
}

#[test]
fn an_attached_rehearsal_that_vanished_fails_after_the_grace_naming_the_serve_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let serve = Serve::start_with(
        dir.path(),
        "r.kubeconfig",
        &[
            "--pace",
            "realistic",
            "--version",
            "1.21.2",
            "--profile",
            "mc-demo",
            "--faults",
            "vanish=4s",
        ],
    );
    attached_run_fails_after_the_grace(&serve, "3s");
}

/// The cluster vanishes while the run attaches: it answers the connection's first requests,
/// then nothing from the first discovery request on (`vanish=@/apis`). `--unreachable-grace`
/// holds from there too, not only in the steps (it was the default 30 s until the first step).
#[test]
fn a_rehearsal_that_vanishes_while_the_run_attaches_fails_after_the_grace_it_was_given() {
    let dir = tempfile::tempdir().expect("temp dir");
    let scenario = format!("{}/scenarios/day55.toml", crate::support::REPO);
    let serve = Serve::start_with(
        dir.path(),
        "r.kubeconfig",
        &[&scenario, "--pace", "fast", "--faults", "vanish=@/apis"],
    );
    let banner = &serve.banner;
    assert!(
        banner.contains("stops answering for good at the first request to /apis"),
        "{banner}"
    );
    attached_run_fails_after_the_grace(&serve, "2s")
        .stdout_contains("start-cluster: ✖ the cluster stopped answering")
        .stdout_contains("19 later steps not run");
}

const FLAKY_APPLY: &str = r#"
[lab]
id = "flaky"
title = "An apply the API server keeps refusing"

[cluster]
provider = "rehearsal"

[[steps]]
id = "apply"
title = "Apply a deployment"
apply = { template = "deploy.yaml.j2" }
timeout = "4s"
"#;

const DEPLOY: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n";

#[test]
fn an_action_that_keeps_failing_says_what_it_retried_and_names_the_request() {
    Test::new()
        .write("flaky.toml", FLAKY_APPLY)
        .write("templates/deploy.yaml.j2", DEPLOY)
        .args(["run", "flaky.toml"])
        .env(
            "WORKSHOP_REHEARSAL_FAULTS",
            "503=100%@/apis/apps/v1/namespaces/default/deployments",
        )
        .run()
        .status(1)
        .stdout_contains("API answers 503 since ")
        .stdout_contains("; retrying (PATCH /apis/apps/v1/namespaces/default/deployments/web)")
        .stdout_contains("applying deployment/web: injected 503: ")
        .stdout_contains("(503 ServiceUnavailable) on PATCH /apis/apps/v1/namespaces/default/deployments/web");
}
