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
const PARALLEL: usize = 10;

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
    pub fn var(mut self, name: &str, value: &str) -> Case {
        self.vars.push((name.to_owned(), value.to_owned()));
        self
    }

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
                    "--trust",
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

// ----------------------------------------------------------------------------------------------
// Every check of scenarios/day55.toml
// ----------------------------------------------------------------------------------------------

/// The captures of day55, given to a lone check as variables.
const DAY55_CAPTURES: &[&str] = &["bound_pv", "player", "mongo_uid", "mongo_volume", "ingress_ip"];

/// When a case runs: on the lab's end state (with near-miss namespaces beside it), or after the
/// cluster was changed in place for checks whose objects have fixed names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    /// The state `workshop run scenarios/day55.toml` leaves, plus near-miss namespaces.
    EndState,
    /// The node and kube-system are gone (a cluster that did not finish starting).
    NodeGone,
    /// csi-hostpath-sc has another provisioner and is not the default; standard is.
    ClassesWrong,
    /// Both StorageClasses are gone.
    ClassesGone,
    /// The ingress controller's new image does not pull.
    ControllerBroken,
    /// The ingress-nginx namespace is gone.
    IngressGone,
}

const PHASES: &[Phase] = &[
    Phase::EndState,
    Phase::NodeGone,
    Phase::ClassesWrong,
    Phase::ClassesGone,
    Phase::ControllerBroken,
    Phase::IngressGone,
];

/// The near miss for one check of day55: where, with which variables, and what the failure
/// must show as observed.
struct NearMiss {
    /// `steps` or `cleanup`, the step id, and the check's index in the step.
    at: (&'static str, &'static str, usize),
    phase: Phase,
    vars: Vec<(&'static str, String)>,
    observed: String,
    /// What the state is, in a few words.
    why: &'static str,
}

fn near(at: (&'static str, &'static str, usize), phase: Phase, why: &'static str, observed: &str) -> NearMiss {
    NearMiss {
        at,
        phase,
        vars: Vec::new(),
        observed: observed.to_owned(),
        why,
    }
}

impl NearMiss {
    fn var(mut self, name: &'static str, value: impl Into<String>) -> NearMiss {
        self.vars.push((name, value.into()));
        self
    }
}

/// Where a check is in day55: `steps` or `cleanup`, the step id, its index in the step.
type CheckAt = (String, String, usize);

/// day55's `[vars]`, and every check of day55 with where it is.
fn day55_checks() -> (toml::Table, Vec<(CheckAt, toml::Table)>) {
    let text = std::fs::read_to_string(format!("{}/scenarios/day55.toml", crate::support::REPO)).expect("day55");
    let doc: toml::Table = toml::from_str(&text).expect("day55 parses");
    let vars = doc["vars"].as_table().expect("[vars]").clone();
    let mut out = Vec::new();
    for table in ["steps", "cleanup"] {
        for step in doc[table]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| s.as_table().expect("a step"))
        {
            let id = step["id"].as_str().expect("an id").to_owned();
            let checks = step
                .get("checks")
                .and_then(|c| c.as_array())
                .cloned()
                .unwrap_or_default();
            for (i, check) in checks.into_iter().enumerate() {
                out.push((
                    (table.to_owned(), id.clone(), i),
                    check.as_table().expect("a check").clone(),
                ));
            }
        }
    }
    (vars, out)
}

/// A one-step scenario holding `check` as day55 writes it (its timeout shortened), with day55's
/// variables and its captures as variables.
fn lone_check_scenario(vars: &toml::Table, check: &toml::Table, title: &str) -> String {
    let mut vars = vars.clone();
    for c in DAY55_CAPTURES {
        vars.insert((*c).to_owned(), toml::Value::String("unset".into()));
    }
    let mut check = check.clone();
    check.insert("timeout".into(), toml::Value::String(CHECK_TIMEOUT.into()));
    let step = toml::toml! {
        id = "check"
        note = {}
    };
    let mut step = step;
    step.insert("title".into(), toml::Value::String(title.to_owned()));
    step.insert("checks".into(), toml::Value::Array(vec![toml::Value::Table(check)]));
    let mut lab = toml::Table::new();
    lab.insert("id".into(), "can-fail".into());
    lab.insert("title".into(), "One check of day55".into());
    let mut doc = toml::Table::new();
    doc.insert("lab".into(), toml::Value::Table(lab));
    doc.insert("vars".into(), toml::Value::Table(vars));
    doc.insert("steps".into(), toml::Value::Array(vec![toml::Value::Table(step)]));
    toml::to_string(&doc).expect("a scenario")
}

fn pvc(ns: &str, name: &str, class: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": name, "namespace": ns},
           "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": class, "resources": {"requests": {"storage": "1Gi"}}}})
}

fn volume_of(c: &Cluster, ns: &str, claim: &str) -> String {
    c.wait_for(
        &format!("{ns}/{claim} Bound"),
        "PersistentVolumeClaim",
        Some(ns),
        |items| {
            items.iter().any(|p| {
                p["metadata"]["name"] == claim && p.pointer("/status/phase").and_then(Value::as_str) == Some("Bound")
            })
        },
    );
    c.get("PersistentVolumeClaim", Some(ns), claim)["spec"]["volumeName"]
        .as_str()
        .expect("a bound claim names its volume")
        .to_owned()
}

/// Near-miss namespaces beside the lab's `pacman`: each holds almost what a check wants.
/// Returns the PersistentVolumes of `nm-storage/mongo-storage` (class standard) and
/// `nm-storage/data` (class csi-hostpath-sc).
fn near_miss_namespaces(c: &Cluster) -> (String, String) {
    const BAD_IMAGE: &str = "docker.io/bitnami/mongodb:4.4.8";
    let pacman = |ns: &str, replicas: i64, image: &str| {
        deployment(
            ns,
            "pacman",
            json!({"name": "pacman"}),
            replicas,
            json!([{"name": "pacman", "image": image}]),
        )
    };
    c.create(&[
        ns("nm-storage"),
        pvc("nm-storage", "mongo-storage", "standard"),
        pvc("nm-storage", "data", "csi-hostpath-sc"),
        ns("nm-rollout"),
        json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "mongo", "namespace": "nm-rollout"},
               "spec": {"serviceName": "mongo", "replicas": 1, "selector": {"matchLabels": {"name": "mongo"}},
                        "template": {"metadata": {"labels": {"name": "mongo"}},
                                     "spec": {"containers": [{"name": "mongo", "image": BAD_IMAGE}]}}}}),
        pacman("nm-rollout", 1, BAD_IMAGE),
        ns("nm-count"),
        pacman("nm-count", 2, "quay.io/ifont/pacman-nodejs-app:latest"),
        ns("nm-empty"),
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "mongodb", "namespace": "nm-empty"},
               "spec": {"selector": {"name": "mongo"}, "ports": [{"port": 27017}]}}),
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "pacman", "namespace": "nm-empty"},
               "spec": {"type": "ClusterIP", "selector": {"name": "pacman"}, "ports": [{"port": 80, "targetPort": 8080}]}}),
        json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "pacman-ingress", "namespace": "nm-empty"},
               "spec": {"ingressClassName": "other", "rules": [{"host": "pacman.org", "http": {"paths": [{"path": "/", "pathType": "Prefix",
                   "backend": {"service": {"name": "pacman", "port": {"number": 80}}}}]}}]}}),
    ]);
    c.wait_for("2 pacman pods Ready in nm-count", "Pod", Some("nm-count"), |p| {
        p.iter()
            .filter(|p| p.pointer("/metadata/labels/name").and_then(Value::as_str) == Some("pacman"))
            .filter(|p| {
                p.pointer("/status/conditions")
                    .and_then(Value::as_array)
                    .is_some_and(|c| c.iter().any(|c| c["type"] == "Ready" && c["status"] == "True"))
            })
            .count()
            == 2
    });
    c.wait_for(
        "mongo-0 in nm-rollout failing to pull",
        "Pod",
        Some("nm-rollout"),
        |p| p.iter().any(|p| p["metadata"]["name"] == "mongo-0"),
    );
    (
        volume_of(c, "nm-storage", "mongo-storage"),
        volume_of(c, "nm-storage", "data"),
    )
}

/// Changes the cluster for `phase` (each phase builds on the one before).
fn enter(c: &Cluster, phase: Phase) {
    use kube::api::{DeleteParams, Patch, PatchParams};
    let delete = |kind: &str, ns: Option<&str>, name: &str| {
        c.block_on(c.api(kind, ns).delete(name, &DeleteParams::default()))
            .unwrap_or_else(|e| panic!("delete {kind} {name}: {e}"));
        c.wait_for(&format!("{kind} {name} gone"), kind, ns, |items| {
            !items.iter().any(|o| o["metadata"]["name"] == name)
        });
    };
    let merge = |kind: &str, ns: Option<&str>, name: &str, patch: Value| {
        c.block_on(
            c.api(kind, ns)
                .patch(name, &PatchParams::default(), &Patch::Merge(&patch)),
        )
        .unwrap_or_else(|e| panic!("patch {kind} {name}: {e}"));
    };
    match phase {
        Phase::EndState => {}
        Phase::NodeGone => {
            // The rehearsal, unlike a real API server, lets kube-system be deleted; that is the
            // state of a cluster whose start did not finish.
            delete("Node", None, "mc-demo");
            delete("Namespace", None, "kube-system");
        }
        Phase::ClassesWrong => {
            let mut csi = c.get("StorageClass", None, "csi-hostpath-sc");
            delete("StorageClass", None, "csi-hostpath-sc");
            csi["provisioner"] = json!("k8s.io/minikube-hostpath");
            csi["metadata"] = json!({"name": "csi-hostpath-sc",
                "annotations": {"storageclass.kubernetes.io/is-default-class": "false"}});
            c.create(&[csi]);
            merge(
                "StorageClass",
                None,
                "standard",
                json!({"metadata": {"annotations": {"storageclass.kubernetes.io/is-default-class": "true"}}}),
            );
        }
        Phase::ClassesGone => {
            delete("StorageClass", None, "csi-hostpath-sc");
            delete("StorageClass", None, "standard");
        }
        Phase::ControllerBroken => {
            let patch = json!({"spec": {"template": {"spec": {"containers": [
                {"name": "controller", "image": "docker.io/bitnami/nginx-ingress-controller:1.1.1"}
            ]}}}});
            c.block_on(c.api("Deployment", Some("ingress-nginx")).patch(
                "ingress-nginx-controller",
                &PatchParams::default(),
                &Patch::Strategic(&patch),
            ))
            .expect("patch the ingress controller's image");
        }
        Phase::IngressGone => delete("Namespace", None, "ingress-nginx"),
    }
}

/// For every check of day55, a state in which it must fail, and the failure it must report.
#[test]
fn every_check_of_day55_can_fail() {
    let c = Cluster::start("1.21.2", "mc-demo");
    let run = Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--kubeconfig",
            c.kubeconfig_str(),
        ])
        .timeout(std::time::Duration::from_secs(180))
        .run()
        .success();
    let captured = |name: &str| {
        run.stdout
            .lines()
            .find_map(|l| l.split(&format!("captured {name} = ")).nth(1))
            .unwrap_or_else(|| panic!("the run prints {name}"))
            .trim()
            .to_owned()
    };
    let (pacman_pv, mongo_uid) = (captured("bound_pv"), captured("mongo_uid"));
    let current_mongo_uid = c.get("Pod", Some("pacman"), "mongo-0")["metadata"]["uid"]
        .as_str()
        .expect("uid")
        .to_owned();
    assert_ne!(mongo_uid, current_mongo_uid, "the lab recreated mongo-0");
    let (standard_pv, csi_pv) = near_miss_namespaces(&c);
    let broken = serve(&c, Stub::Broken);
    let scores = serve(&c, Stub::Scores);

    use Phase::*;
    let s = |id, i| ("steps", id, i);
    // Near misses that several checks share.
    let rollout_broken =
        |at| near(at, EndState, "its image does not pull", "0/1 ready, 1 updated").var("namespace", "nm-rollout");
    let list_without_marker = |at| {
        near(
            at,
            EndState,
            "the list without the marker",
            r#"[*].name = "player-aaaaaa", "alice" (2 values)"#,
        )
        .var("local_port", scores.to_string())
        .var("player", "player-zzzzzz")
    };
    let not_in = |at, namespace: &str, why| near(at, EndState, why, "not found").var("namespace", namespace.to_owned());
    let annotation =
        |value: &str| format!(r#"metadata.annotations["storageclass.kubernetes.io/is-default-class"] = "{value}""#);
    let misses = vec![
        near(s("start-cluster", 0), NodeGone, "the node is gone", "not found"),
        near(s("start-cluster", 1), NodeGone, "kube-system is gone", "not found"),
        near(s("start-cluster", 2), ClassesGone, "standard is gone", "not found"),
        near(
            s("start-cluster", 3),
            ClassesGone,
            "csi-hostpath-sc is gone",
            "not found",
        ),
        near(
            s("get-storageclasses", 0),
            ClassesWrong,
            "another provisioner",
            r#"provisioner = "k8s.io/minikube-hostpath""#,
        ),
        near(
            s("make-csi-default", 0),
            ClassesWrong,
            "the annotation false",
            &annotation("false"),
        ),
        near(
            s("unset-standard-default", 0),
            ClassesWrong,
            "standard still the default",
            &annotation("true"),
        ),
        near(
            s("unset-standard-default", 1),
            ClassesWrong,
            "standard is the default",
            "default: standard",
        ),
        near(s("get-namespaces", 0), EndState, "the namespace exists", "still there"),
        not_in(s("create-pacman", 0), "pacmann", "the wrong namespace"),
        near(
            s("create-pacman", 1),
            EndState,
            "bound with the class standard",
            &format!("phase Bound, class standard, volume {standard_pv}"),
        )
        .var("namespace", "nm-storage"),
        rollout_broken(s("create-pacman", 2)),
        rollout_broken(s("create-pacman", 3)),
        near(s("create-pacman", 4), EndState, "a count off by one", "2/1 Ready").var("namespace", "nm-count"),
        not_in(s("get-all", 0), "nm-empty", "no mongo-0 there"),
        not_in(s("get-all", 1), "nm-empty", "a Service mongodb, not mongo"),
        near(
            s("get-all", 2),
            EndState,
            "a ClusterIP Service",
            r#"spec.type = "ClusterIP""#,
        )
        .var("namespace", "nm-empty"),
        near(
            s("get-pv", 0),
            EndState,
            "the volume of another claim",
            r#"spec.claimRef.name = "data""#,
        )
        .var("bound_pv", csi_pv.clone()),
        near(
            s("get-pv", 1),
            EndState,
            "a volume of class standard",
            r#"spec.storageClassName = "standard""#,
        )
        .var("bound_pv", standard_pv.clone()),
        near(
            s("get-pvc", 0),
            EndState,
            "bound to another volume",
            &format!("volume {pacman_pv}"),
        )
        .var("bound_pv", csi_pv.clone()),
        near(
            s("port-forward", 0),
            EndState,
            "the front end answers 500",
            "status 500 (expected 200)",
        )
        .var("local_port", broken.to_string()),
        near(
            s("play-pacman", 0),
            EndState,
            "the high scores answer 503",
            "status 503 (expected 200)",
        )
        .var("local_port", broken.to_string()),
        list_without_marker(s("post-high-score", 0)),
        near(
            s("delete-mongo-0", 0),
            EndState,
            "a pod with the same uid",
            &format!("still the old object (uid {current_mongo_uid})"),
        )
        .var("mongo_uid", current_mongo_uid.clone()),
        near(
            s("delete-mongo-0", 1),
            EndState,
            "bound to another volume",
            &format!("volume {pacman_pv}"),
        )
        .var("mongo_volume", csi_pv.clone()),
        rollout_broken(s("delete-mongo-0", 2)),
        list_without_marker(s("high-score-survived", 0)),
        rollout_broken(s("scale-pacman", 0)),
        near(s("scale-pacman", 1), EndState, "a count off by one", "10/11 Ready").var("pacman_replicas", "11"),
        near(
            s("enable-ingress", 0),
            IngressGone,
            "ingress-nginx is gone",
            "not found",
        ),
        near(
            s("enable-ingress", 1),
            ControllerBroken,
            "the controller's new image does not pull",
            "1/1 ready, 1 updated",
        ),
        near(s("get-ns", 0), IngressGone, "ingress-nginx is gone", "not found"),
        not_in(s("get-ns", 1), "pacmann", "the wrong namespace"),
        not_in(s("create-ingress", 0), "nm-count", "no Ingress there"),
        near(
            s("create-ingress", 1),
            EndState,
            "another host",
            r#"spec.rules[0].host = "pacman.org""#,
        )
        .var("namespace", "nm-empty"),
        near(
            s("get-ingress", 0),
            EndState,
            "an Ingress without address",
            "no address yet",
        )
        .var("namespace", "nm-empty"),
        near(
            s("tunnel", 0),
            EndState,
            "the host is not served",
            "status 404 (expected 200)",
        )
        .var("ingress_ip", format!("127.0.0.1:{broken}")),
        near(
            ("cleanup", "delete-namespace", 0),
            EndState,
            "the namespace exists",
            "still there",
        ),
        near(
            ("cleanup", "unset-csi-default", 0),
            EndState,
            "csi-hostpath-sc is the default",
            "default: csi-hostpath-sc",
        ),
    ];

    // Every check of day55 has exactly one near miss, and every near miss is a check of day55.
    let (vars, checks) = day55_checks();
    let key = |t: &str, id: &str, i: usize| (t.to_owned(), id.to_owned(), i);
    let covered: Vec<CheckAt> = misses.iter().map(|m| key(m.at.0, m.at.1, m.at.2)).collect();
    let all: Vec<CheckAt> = checks.iter().map(|(k, _)| k.clone()).collect();
    let missing: Vec<_> = all.iter().filter(|k| !covered.contains(k)).collect();
    let unknown: Vec<_> = covered.iter().filter(|k| !all.contains(k)).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "checks without a near miss: {missing:?}; near misses of no check: {unknown:?}"
    );
    assert_eq!(covered.len(), all.len(), "one near miss per check");

    let mut ran = 0;
    for phase in PHASES {
        enter(&c, *phase);
        let cases: Vec<Case> = misses
            .iter()
            .filter(|m| m.phase == *phase)
            .map(|m| {
                let (_, check) = checks
                    .iter()
                    .find(|(k, _)| *k == key(m.at.0, m.at.1, m.at.2))
                    .expect("covered above");
                let name = format!("{} {} check {}: {}", m.at.0, m.at.1, m.at.2 + 1, m.why);
                let mut case = Case {
                    name: name.clone(),
                    scenario: lone_check_scenario(&vars, check, &name),
                    vars: Vec::new(),
                    observed: m.observed.clone(),
                };
                for (k, v) in &m.vars {
                    case = case.var(k, v);
                }
                case
            })
            .collect();
        ran += expect_failures(&c, cases);
    }
    assert_eq!(ran, all.len());
    assert_eq!(ran, 39, "day55 has 39 checks; each was made to fail");
}
