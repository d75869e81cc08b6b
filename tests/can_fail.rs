//! Proof that checks can fail: for each check kind (and each comparison), and for every check
//! of `scenarios/day55.toml`, a cluster state in which the check must fail (the object absent,
//! the field different, one of two values different, the wrong namespace, a count off by one, a
//! pod with the same uid, an Ingress without address, an HTTP body without the marker). The
//! real binary runs the check against that state and must report a failure that shows what was
//! expected and what was observed, and what is observed must be the near miss itself (never
//! "waiting for the first answer").
//!
//! Each case is a one-step scenario run with `--cluster existing --kubeconfig` against a
//! rehearsal cluster built in the test process; cases of the same state run in parallel.

use std::thread;

use axum::Router;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use serde_json::{Value, json};

use crate::support::cluster::Cluster;
use crate::support::{Output, Test};

/// How long each check may wait: far longer than the first list takes, short enough that the
/// cases finish quickly.
const CHECK_TIMEOUT: &str = "3s";

/// How many `workshop run` processes run at once.
const PARALLEL: usize = 6;

/// One check that must fail.
pub struct Case {
    /// What the case is (shown when it does not fail as it should).
    pub name: String,
    /// The whole scenario holding the check.
    pub scenario: String,
    /// `--var` overrides.
    pub vars: Vec<(String, String)>,
    /// Text the `observed:` line must hold.
    pub observed: String,
}

impl Case {
    /// A case from the TOML of one `[[steps.checks]]` table (without `timeout`) and a `[vars]`
    /// table body.
    pub fn new(name: &str, vars: &str, check: &str, observed: &str) -> Case {
        let scenario = format!(
            "[lab]\nid = \"can-fail\"\ntitle = \"Can fail\"\n\n[vars]\n{vars}\n\n[[steps]]\nid = \"check\"\ntitle = \"{name}\"\nnote = {{}}\n\n[[steps.checks]]\n{check}\ntimeout = \"{CHECK_TIMEOUT}\"\n"
        );
        Case {
            name: name.to_owned(),
            scenario,
            vars: Vec::new(),
            observed: observed.to_owned(),
        }
    }
}

/// Runs every case against `cluster` and asserts each failed as it must. Returns how many ran.
pub fn expect_failures(cluster: &Cluster, cases: Vec<Case>) -> usize {
    let count = cases.len();
    let mut problems = Vec::new();
    let mut pending = cases.into_iter().peekable();
    while pending.peek().is_some() {
        let batch: Vec<Case> = pending.by_ref().take(PARALLEL).collect();
        let runs: Vec<(Case, thread::JoinHandle<Output>)> = batch
            .into_iter()
            .map(|case| {
                let mut t = Test::new().write("case.toml", &case.scenario).args([
                    "run",
                    "case.toml",
                    "--cluster",
                    "existing",
                    "--kubeconfig",
                    cluster.kubeconfig_str(),
                ]);
                for (k, v) in &case.vars {
                    t = t.args(["--var", &format!("{k}={v}")]);
                }
                (case, thread::spawn(move || t.run()))
            })
            .collect();
        for (case, run) in runs {
            let out = run.join().expect("the run thread");
            if let Some(problem) = failed_as_it_must(&case, &out) {
                problems.push(problem);
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    count
}

/// `None` when the run failed the check with expected and observed shown and the observed
/// holding the near miss; otherwise what went wrong.
fn failed_as_it_must(case: &Case, out: &Output) -> Option<String> {
    // Lines look like `[   3.0s]     observed: still there in web`.
    let line = |label: &str| {
        let prefix = format!("{label}: ");
        out.stdout.lines().find_map(|l| {
            let text = l.split_once("] ").map_or(l, |(_, rest)| rest).trim_start();
            text.strip_prefix(&prefix).map(str::to_owned)
        })
    };
    let expected = line("expected");
    let observed = line("observed");
    let ok = out.code == Some(1)
        && out.stdout.contains("✖ ")
        && expected.as_deref().is_some_and(|e| !e.trim().is_empty())
        && observed.as_deref().is_some_and(|o| o.contains(&case.observed));
    (!ok).then(|| {
        format!(
            "case `{}` did not fail as it must (exit {:?}; expected line {:?}; observed line {:?}, which must hold {:?})\n--- scenario ---\n{}--- stdout ---\n{}--- stderr ---\n{}",
            case.name, out.code, expected, observed, case.observed, case.scenario, out.stdout, out.stderr
        )
    })
}

/// An HTTP server on 127.0.0.1 standing in for the Pacman front end, in one of two bad moods.
/// `Broken`: `/` answers 500 (404 for `Host: pacman.com`, as an ingress controller's default
/// backend does), `/highscores/list` 503. `Scores`: everything answers 200, and the high-score
/// list holds `player-aaaaaa` and `alice` (never the marker a check looks for).
#[derive(Clone, Copy)]
pub enum Stub {
    Broken,
    Scores,
}

/// Starts `stub` on the cluster's runtime; returns its port.
pub fn serve(cluster: &Cluster, stub: Stub) -> u16 {
    let app = match stub {
        Stub::Broken => Router::new()
            .route(
                "/",
                get(|headers: HeaderMap| async move {
                    let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("");
                    if host == "pacman.com" {
                        (StatusCode::NOT_FOUND, "default backend - 404")
                    } else {
                        (StatusCode::INTERNAL_SERVER_ERROR, "cannot reach MongoDB")
                    }
                }),
            )
            .route(
                "/highscores/list",
                get(|| async { (StatusCode::SERVICE_UNAVAILABLE, "MongoDB is restarting") }),
            ),
        Stub::Scores => Router::new()
            .route("/", get(|| async { "<html><title>Pacman</title></html>" }))
            .route(
                "/highscores/list",
                get(|| async {
                    axum::Json(json!([
                        {"name": "player-aaaaaa", "score": 31337},
                        {"name": "alice", "score": 10}
                    ]))
                }),
            ),
    };
    cluster.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("address").port();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        port
    })
}

fn ns(name: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}})
}

fn deployment(ns: &str, name: &str, labels: Value, replicas: i64, containers: Value) -> Value {
    json!({
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": ns, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {"metadata": {"labels": labels}, "spec": {"containers": containers}}
        }
    })
}

/// Pods of `ns` with label `app=<app>` that are Ready.
fn ready_pods(items: &[Value], app: &str) -> usize {
    items
        .iter()
        .filter(|p| p.pointer("/metadata/labels/app").and_then(Value::as_str) == Some(app))
        .filter(|p| {
            p.pointer("/status/conditions")
                .and_then(Value::as_array)
                .is_some_and(|c| c.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"))
        })
        .count()
}

/// Every check kind, and every comparison of `field`, against one state: a Deployment `nginx`
/// in `web` whose strategic patch went wrong (a second container `ngnix` got the new image, the
/// real one kept `nginx:1.25`), another `nginx` in `other`, a Deployment whose image does not
/// pull, a Pod, a claim of a class nobody provisions, an Ingress no controller serves, and an
/// HTTP server whose answers lack what the checks look for.
#[test]
fn every_check_kind_and_comparison_can_fail() {
    let c = Cluster::start("1.31.0", "minikube");
    let nginx = json!([
        {"name": "nginx", "image": "nginx:1.25"},
        {"name": "ngnix", "image": "nginx:1.27.3"}
    ]);
    c.create(&[
        ns("web"),
        ns("other"),
        deployment("web", "nginx", json!({"app": "nginx", "tier": "front"}), 3, nginx),
        deployment("other", "nginx", json!({"app": "nginx"}), 1, json!([{"name": "nginx", "image": "nginx:1.27.3"}])),
        deployment("web", "broken", json!({"app": "broken"}), 1, json!([{"name": "db", "image": "docker.io/bitnami/mongodb:4.4.8"}])),
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "solo", "namespace": "web", "labels": {"app": "solo"}},
               "spec": {"containers": [{"name": "busybox", "image": "busybox:1.36", "args": ["--port", "80"]}]}}),
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": "data", "namespace": "web"},
               "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "nobody-provisions-this", "resources": {"requests": {"storage": "1Gi"}}}}),
        json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "web", "namespace": "web"},
               "spec": {"ingressClassName": "other", "rules": [{"host": "web.example", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                   "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}}]}}),
    ]);
    c.wait_for("3 nginx pods Ready in web", "Pod", Some("web"), |p| {
        ready_pods(p, "nginx") == 3
    });
    c.wait_for("1 nginx pod Ready in other", "Pod", Some("other"), |p| {
        ready_pods(p, "nginx") == 1
    });
    c.wait_for("solo Ready", "Pod", Some("web"), |p| ready_pods(p, "solo") == 1);
    let solo_uid = c.get("Pod", Some("web"), "solo")["metadata"]["uid"]
        .as_str()
        .expect("uid")
        .to_owned();
    let scores = serve(&c, Stub::Scores);
    let broken = serve(&c, Stub::Broken);

    let deploy = r#"kind = "Deployment", name = "nginx", namespace = "web""#;
    let images = "spec.template.spec.containers[*].image";
    let case = |name: &str, check: &str, observed: &str| Case::new(name, "", check, observed);
    let cases = vec![
        case(
            "exists: the object absent",
            r#"exists = { kind = "Pod", name = "web-0", namespace = "web" }"#,
            "not found",
        ),
        case(
            "exists: the namespace wrong",
            r#"exists = { kind = "Deployment", name = "broken", namespace = "other" }"#,
            "not found",
        ),
        case(
            "absent: there in another namespace",
            r#"absent = { kind = "Deployment", name = "nginx", all-namespaces = true }"#,
            "still there in other, web",
        ),
        case(
            "field equals: one of two values different",
            &format!(r#"field = {{ {deploy}, path = "{images}", equals = "nginx:1.27.3" }}"#),
            r#"1 of 2 containers' image = "nginx:1.27.3"; the others: "nginx:1.25""#,
        ),
        case(
            "field equals: the field different",
            &format!(r#"field = {{ {deploy}, path = "spec.replicas", equals = 2 }}"#),
            "spec.replicas = 3",
        ),
        case(
            "field equals: the field not set",
            &format!(r#"field = {{ {deploy}, path = "spec.paused", equals = true }}"#),
            "spec.paused is not set",
        ),
        case(
            "field any: no value equal",
            &format!(r#"field = {{ {deploy}, path = "{images}", any = "busybox" }}"#),
            r#"none of 2 containers' image = "busybox""#,
        ),
        case(
            "field count: off by one",
            &format!(r#"field = {{ {deploy}, path = "spec.template.spec.containers[*]", count = 1 }}"#),
            "2 containers",
        ),
        case(
            "field contains on a map: an entry different",
            &format!(r#"field = {{ {deploy}, path = "metadata.labels", contains = {{ app = "db" }} }}"#),
            r#"metadata.labels = {"app":"nginx","tier":"front"}"#,
        ),
        case(
            "field contains on a map: a key alone is not an entry",
            &format!(r#"field = {{ {deploy}, path = "metadata.labels", contains = "app" }}"#),
            "metadata.labels is a map",
        ),
        case(
            "field contains on a list of objects: no element holds every entry",
            &format!(
                r#"field = {{ {deploy}, path = "spec.template.spec.containers", contains = {{ name = "nginx", image = "nginx:1.27.3" }} }}"#
            ),
            "spec.template.spec.containers = [",
        ),
        case(
            "field contains on a list of strings: no element equal",
            r#"field = { kind = "Pod", name = "solo", namespace = "web", path = "spec.containers[0].args", contains = "8" }"#,
            r#"spec.containers[0].args = ["--port","80"]"#,
        ),
        case(
            "field contains on a string: no substring",
            &format!(r#"field = {{ {deploy}, path = "spec.template.spec.containers[0].image", contains = "1.27" }}"#),
            r#"spec.template.spec.containers[0].image = "nginx:1.25""#,
        ),
        case(
            "field contains on several values: not among them",
            &format!(
                r#"field = {{ {deploy}, path = "spec.template.spec.containers[*].name", contains = "nginx-sidecar" }}"#
            ),
            r#"spec.template.spec.containers[*].name = "nginx", "ngnix" (2 values)"#,
        ),
        case(
            "field selector: several objects match",
            r#"field = { kind = "Pod", selector = "app=nginx", namespace = "web", path = "spec.nodeName", equals = "minikube" }"#,
            "3 objects match",
        ),
        case(
            "field selector: no object matches",
            r#"field = { kind = "Deployment", selector = "app=db", namespace = "web", path = "spec.replicas", equals = 1 }"#,
            "no object matches the selector",
        ),
        case(
            "field all-namespaces: the name in two namespaces",
            r#"field = { kind = "Deployment", name = "nginx", all-namespaces = true, path = "spec.replicas", equals = 3 }"#,
            "2 objects match (other/nginx, web/nginx)",
        ),
        case(
            "absent-field: the element there",
            &format!(r#"absent-field = {{ {deploy}, path = "spec.template.spec.containers[name=ngnix]" }}"#),
            r#"spec.template.spec.containers[name=ngnix] is there: {"name":"ngnix","image":"nginx:1.27.3""#,
        ),
        case(
            "condition: another status",
            &format!(r#"condition = {{ {deploy}, type = "Available", status = "False" }}"#),
            "Available=True",
        ),
        case(
            "rollout: the image does not pull",
            r#"rollout = { kind = "Deployment", name = "broken", namespace = "web" }"#,
            "0/1 ready",
        ),
        case(
            "count: off by one across namespaces",
            r#"count = { kind = "Pod", selector = "app=nginx", all-namespaces = true, equals = 3 }"#,
            "4 of 3 (other: 1, web: 3)",
        ),
        case(
            "count: Ready pods off by one",
            r#"count = { kind = "Pod", selector = "app=nginx", namespace = "web", ready = true, equals = 4 }"#,
            "3/4 Ready",
        ),
        case(
            "default-storage-class: another class is the default",
            r#"default-storage-class = { name = "csi-hostpath-sc" }"#,
            "default: standard",
        ),
        case(
            "pvc-bound: the claim Pending",
            r#"pvc-bound = { name = "data", namespace = "web" }"#,
            "phase Pending",
        ),
        case(
            "recreated: the same uid",
            &format!(r#"recreated = {{ name = "solo", namespace = "web", previous-uid = "{solo_uid}" }}"#),
            &format!("still the old object (uid {solo_uid})"),
        ),
        case(
            "ingress-address: no address",
            r#"ingress-address = { name = "web", namespace = "web" }"#,
            "no address yet",
        ),
        case(
            "http: the body without the marker",
            &format!(
                r#"http = {{ url = "http://127.0.0.1:{scores}/highscores/list", expect = {{ body-contains = "player-zzzzzz" }} }}"#
            ),
            "player-zzzzzz",
        ),
        case(
            "http: the status different",
            &format!(r#"http = {{ url = "http://127.0.0.1:{broken}/highscores/list", expect = {{ status = 200 }} }}"#),
            "503",
        ),
        case(
            "http json equals: one of two values different",
            &format!(
                r#"http = {{ url = "http://127.0.0.1:{scores}/highscores/list", expect = {{ json = [{{ path = "[*].score", equals = 31337 }}] }} }}"#
            ),
            "1 of 2 items' score = 31337",
        ),
        case(
            "http json count: off by one",
            &format!(
                r#"http = {{ url = "http://127.0.0.1:{scores}/highscores/list", expect = {{ json = [{{ path = "[*]", count = 3 }}] }} }}"#
            ),
            "2 items",
        ),
    ];
    let n = expect_failures(&c, cases);
    assert_eq!(n, 30);
}
