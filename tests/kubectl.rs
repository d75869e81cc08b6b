//! kubectl conformance: the imperative commands a Kubernetes course teaches, run with the
//! installed kubectl against the rehearsal cluster, each checked for what a learner sees.
//! Skipped (with a note) when kubectl is not installed.
//!
//! The cluster claims Kubernetes 1.32, the installed kubectl's own version: kubectl 1.32's typed
//! clients send protobuf bodies (`kubectl create namespace|configmap|secret|deployment|service`),
//! which the rehearsal must read like a real API server.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use tokio::io::AsyncWriteExt;
use tokio::process::Command;
use workshop::rehearsal::{RehearsalCluster, RehearsalOptions};

const WAIT: Duration = Duration::from_secs(60);

struct Kubectl {
    kubeconfig: PathBuf,
    cache: PathBuf,
}

impl Kubectl {
    fn new(kubeconfig: &Path) -> Kubectl {
        Kubectl {
            kubeconfig: kubeconfig.to_path_buf(),
            // kubectl caches discovery per host:port; this cluster gets a cache of its own.
            cache: kubeconfig.with_extension("kubectl-cache"),
        }
    }

    async fn run(&self, args: &[&str], stdin: Option<&str>) -> (bool, String, String) {
        let mut cmd = Command::new("kubectl");
        cmd.arg("--kubeconfig")
            .arg(&self.kubeconfig)
            .arg("--cache-dir")
            .arg(&self.cache)
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd.spawn().expect("kubectl starts");
        let mut input = child.stdin.take().expect("stdin");
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).await.expect("stdin written");
        }
        drop(input);
        let out = tokio::time::timeout(WAIT, child.wait_with_output())
            .await
            .unwrap_or_else(|_| panic!("kubectl {} did not finish in {WAIT:?}", args.join(" ")))
            .expect("kubectl runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Run in namespace `course`; it must succeed without complaining on stderr.
    async fn ok(&self, args: &[&str]) -> String {
        self.ok_with(args, None).await
    }

    async fn ok_with(&self, args: &[&str], stdin: Option<&str>) -> String {
        let mut full = vec!["-n", "course"];
        full.extend_from_slice(args);
        let (success, stdout, stderr) = self.run(&full, stdin).await;
        assert!(success, "kubectl {} failed:\n{stdout}\n{stderr}", args.join(" "));
        assert!(
            !stderr.to_lowercase().contains("error"),
            "kubectl {} complained:\n{stderr}",
            args.join(" ")
        );
        stdout
    }

    async fn json(&self, args: &[&str]) -> Value {
        let mut full = args.to_vec();
        full.extend_from_slice(&["-o", "json"]);
        serde_json::from_str(&self.ok(&full).await).expect("kubectl -o json prints JSON")
    }
}

fn available() -> bool {
    if which::which("kubectl").is_ok() {
        return true;
    }
    eprintln!("note: kubectl is not on PATH; skipping the kubectl conformance test");
    false
}

fn assert_has(out: &str, expected: &[&str]) {
    for e in expected {
        assert!(out.contains(e), "{e:?} missing from:\n{out}");
    }
}

/// The lab's kinds that have no imperative `create`: a StatefulSet with a claim template and
/// an Ingress.
const MANIFEST: &str = r#"
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, labels: {app: db}}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: db
        image: docker.io/library/mongo:7
        volumeMounts: [{name: data, mountPath: /data/db}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: web.course.test
    http:
      paths:
      - path: /
        pathType: Prefix
        backend: {service: {name: web-exposed, port: {number: 8080}}}
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_course_s_imperative_commands_work_as_on_a_real_cluster() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let kubeconfig = dir.path().join("course.kubeconfig");
    let cluster = RehearsalCluster::start(RehearsalOptions {
        version: "1.32.0".into(),
        kubeconfig: Some(kubeconfig.clone()),
        ..Default::default()
    })
    .await
    .expect("rehearsal starts");
    let k = Kubectl::new(&kubeconfig);

    // create: namespace, configmap, secret, deployment, services (protobuf bodies).
    let (ok, out, err) = k.run(&["create", "namespace", "course"], None).await;
    assert!(ok && out.contains("namespace/course created"), "{out}{err}");
    assert_has(
        &k.ok(&[
            "create",
            "configmap",
            "app-config",
            "--from-literal=mode=dev",
            "--from-literal=level=3",
        ])
        .await,
        &["configmap/app-config created"],
    );
    assert_has(
        &k.ok(&[
            "create",
            "secret",
            "generic",
            "app-secret",
            "--from-literal=password=s3cret",
        ])
        .await,
        &["secret/app-secret created"],
    );
    assert_eq!(
        k.ok(&["get", "secret", "app-secret", "-o", "jsonpath={.data.password}"])
            .await,
        "czNjcmV0",
        "stored base64 of s3cret"
    );
    assert_has(
        &k.ok(&[
            "create",
            "deployment",
            "web",
            "--image=nginx:1.25",
            "--replicas=2",
            "--port=80",
        ])
        .await,
        &["deployment.apps/web created"],
    );
    assert_has(
        &k.ok(&["create", "service", "clusterip", "web-svc", "--tcp=80:80"])
            .await,
        &["service/web-svc created"],
    );
    assert_has(
        &k.ok(&["create", "service", "nodeport", "web-np", "--tcp=80:80"]).await,
        &["service/web-np created"],
    );
    let np = k.json(&["get", "service", "web-np"]).await;
    let node_port = np["spec"]["ports"][0]["nodePort"].as_i64().unwrap_or_default();
    assert!((30000..=32767).contains(&node_port), "{np}");
    let deploy = k.json(&["get", "deployment", "web"]).await;
    assert_eq!(deploy["spec"]["strategy"]["type"], "RollingUpdate", "defaulted");
    assert_eq!(
        deploy["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"],
        "IfNotPresent"
    );

    // expose, rollout status, wait --for=condition.
    assert_has(
        &k.ok(&[
            "expose",
            "deployment",
            "web",
            "--port=8080",
            "--target-port=80",
            "--name=web-exposed",
        ])
        .await,
        &["service/web-exposed exposed"],
    );
    assert_has(
        &k.ok(&["rollout", "status", "deployment/web", "--timeout=60s"]).await,
        &["deployment \"web\" successfully rolled out"],
    );
    assert_has(
        &k.ok(&["wait", "--for=condition=Available", "deployment/web", "--timeout=60s"])
            .await,
        &["deployment.apps/web condition met"],
    );
    k.ok(&["wait", "--for=condition=Ready", "pod", "-l", "app=web", "--timeout=60s"])
        .await;
    let endpoints = k.json(&["get", "endpoints", "web-exposed"]).await;
    assert_eq!(
        endpoints["subsets"][0]["addresses"].as_array().map(Vec::len),
        Some(2),
        "{endpoints}"
    );

    // set image, rollout history, undo.
    assert_has(
        &k.ok(&["set", "image", "deployment/web", "nginx=nginx:1.27"]).await,
        &["deployment.apps/web image updated"],
    );
    k.ok(&["rollout", "status", "deployment/web", "--timeout=60s"]).await;
    let history = k.ok(&["rollout", "history", "deployment/web"]).await;
    assert_has(&history, &["REVISION", "CHANGE-CAUSE", "1 ", "2 "]);
    let rev2 = k.ok(&["rollout", "history", "deployment/web", "--revision=2"]).await;
    assert_has(&rev2, &["nginx:1.27"]);
    assert_has(
        &k.ok(&["rollout", "undo", "deployment/web"]).await,
        &["deployment.apps/web rolled back"],
    );
    k.ok(&["rollout", "status", "deployment/web", "--timeout=60s"]).await;
    assert_eq!(
        k.ok(&[
            "get",
            "deployment",
            "web",
            "-o",
            "jsonpath={.spec.template.spec.containers[0].image}"
        ])
        .await,
        "nginx:1.25"
    );
    let history = k.ok(&["rollout", "history", "deployment/web"]).await;
    assert_has(&history, &["2 ", "3 "]);
    assert_eq!(
        k.ok(&["get", "rs", "-l", "app=web", "-o", "name"])
            .await
            .lines()
            .count(),
        2,
        "the undo went back to the first ReplicaSet"
    );
    k.ok(&["rollout", "undo", "deployment/web", "--to-revision=2"]).await;
    k.ok(&["rollout", "status", "deployment/web", "--timeout=60s"]).await;
    assert_eq!(
        k.ok(&[
            "get",
            "deployment",
            "web",
            "-o",
            "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}"
        ])
        .await,
        "4"
    );

    // scale, label, annotate.
    assert_has(
        &k.ok(&["scale", "deployment", "web", "--replicas=4"]).await,
        &["deployment.apps/web scaled"],
    );
    k.ok(&["rollout", "status", "deployment/web", "--timeout=60s"]).await;
    assert_eq!(
        k.ok(&["get", "pods", "-l", "app=web", "-o", "name"])
            .await
            .lines()
            .count(),
        4
    );
    assert_has(
        &k.ok(&["label", "deployment", "web", "tier=frontend"]).await,
        &["deployment.apps/web labeled"],
    );
    assert_has(
        &k.ok(&["annotate", "deployment", "web", "owner=team-a"]).await,
        &["deployment.apps/web annotated"],
    );
    k.ok(&["label", "configmap", "app-config", "purpose=course"]).await;
    k.ok(&["label", "secret", "app-secret", "purpose=course"]).await;
    assert_has(
        &k.ok(&["get", "deployment", "-l", "tier=frontend", "--show-labels"])
            .await,
        &["web", "tier=frontend"],
    );

    // patch of each kind: strategic (the default), merge and JSON patches.
    k.ok(&["patch", "deployment", "web", "-p", r#"{"spec":{"minReadySeconds":1}}"#])
        .await;
    k.ok(&[
        "patch",
        "configmap",
        "app-config",
        "--type",
        "merge",
        "-p",
        r#"{"data":{"mode":"prod"}}"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "secret",
        "app-secret",
        "-p",
        r#"{"stringData":{"token":"abc"}}"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "service",
        "web-svc",
        "--type",
        "json",
        "-p",
        r#"[{"op":"replace","path":"/spec/type","value":"NodePort"}]"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "namespace",
        "course",
        "-p",
        r#"{"metadata":{"labels":{"team":"a"}}}"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "storageclass",
        "standard",
        "-p",
        r#"{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}"#,
    ])
    .await;
    assert_eq!(
        k.ok(&["get", "configmap", "app-config", "-o", "jsonpath={.data.mode}"])
            .await,
        "prod"
    );
    assert_eq!(
        k.ok(&["get", "secret", "app-secret", "-o", "jsonpath={.data.token}"])
            .await,
        "YWJj"
    );
    assert_eq!(
        k.ok(&["get", "service", "web-svc", "-o", "jsonpath={.spec.type}"])
            .await,
        "NodePort"
    );
    assert_eq!(
        k.ok(&["get", "deployment", "web", "-o", "jsonpath={.spec.minReadySeconds}"])
            .await,
        "1"
    );

    // The lab's other kinds, from a manifest; then get -o wide/yaml/jsonpath and describe.
    k.ok_with(&["apply", "-f", "-"], Some(MANIFEST)).await;
    k.ok(&["rollout", "status", "statefulset/db", "--timeout=60s"]).await;
    k.ok(&[
        "wait",
        "--for=jsonpath={.status.phase}=Bound",
        "pvc/data-db-0",
        "--timeout=60s",
    ])
    .await;
    let pod = k.json(&["get", "pod", "db-0"]).await;
    k.ok(&[
        "patch",
        "pod",
        "db-0",
        "--type",
        "json",
        "-p",
        r#"[{"op":"add","path":"/metadata/labels/checked","value":"yes"}]"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "statefulset",
        "db",
        "-p",
        r#"{"metadata":{"labels":{"patched":"yes"}}}"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "pvc",
        "data-db-0",
        "-p",
        r#"{"metadata":{"labels":{"patched":"yes"}}}"#,
    ])
    .await;
    k.ok(&[
        "patch",
        "ingress",
        "web",
        "--type",
        "merge",
        "-p",
        r#"{"metadata":{"annotations":{"patched":"yes"}}}"#,
    ])
    .await;
    let wide = k.ok(&["get", "pods", "-o", "wide"]).await;
    assert_has(
        &wide,
        &["NAME", "READY", "STATUS", "IP", "NODE", "db-0", "Running", "minikube"],
    );
    let yaml = k.ok(&["get", "deployment", "web", "-o", "yaml"]).await;
    assert_has(
        &yaml,
        &[
            "kind: Deployment",
            "tier: frontend",
            "owner: team-a",
            "minReadySeconds: 1",
        ],
    );
    assert_eq!(
        k.ok(&["get", "pod", "db-0", "-o", "jsonpath={.metadata.uid}"]).await,
        pod["metadata"]["uid"].as_str().unwrap_or_default()
    );
    assert_eq!(
        k.ok(&["get", "pvc", "data-db-0", "-o", "jsonpath={.status.phase}"])
            .await,
        "Bound"
    );
    for (kind, name, expected) in [
        ("deployment", "web", "RollingUpdateStrategy"),
        ("replicaset", "", "Controlled By:  Deployment/web"),
        ("pod", "db-0", "Controlled By:  StatefulSet/db"),
        ("service", "web-exposed", "Endpoints:"),
        ("statefulset", "db", "Volume Claims:"),
        ("pvc", "data-db-0", "Status:        Bound"),
        ("ingress", "web", "web.course.test"),
        ("configmap", "app-config", "mode:"),
        ("secret", "app-secret", "password:  6 bytes"),
        ("namespace", "course", "Status:       Active"),
    ] {
        let mut args = vec!["describe", kind];
        if !name.is_empty() {
            args.push(name);
        }
        assert_has(&k.ok(&args).await, &[expected]);
    }
    let (ok, out, err) = k.run(&["describe", "storageclass", "standard"], None).await;
    assert!(ok && out.contains("IsDefaultClass:        Yes"), "{out}{err}");
    let (ok, out, err) = k.run(&["describe", "node", "minikube"], None).await;
    assert!(ok && out.contains("Non-terminated Pods:"), "{out}{err}");

    // delete with selectors: pods come back, labelled configmaps and secrets go.
    let before: Vec<String> = k
        .ok(&["get", "pods", "-l", "app=web", "-o", "name"])
        .await
        .lines()
        .map(str::to_owned)
        .collect();
    assert_has(
        &k.ok(&["delete", "pods", "-l", "app=web", "--wait=false"]).await,
        &["deleted"],
    );
    k.ok(&["rollout", "status", "deployment/web", "--timeout=60s"]).await;
    k.ok(&["wait", "--for=condition=Ready", "pod", "-l", "app=web", "--timeout=60s"])
        .await;
    let after: Vec<String> = k
        .ok(&["get", "pods", "-l", "app=web", "-o", "name"])
        .await
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(after.len(), 4);
    assert!(after.iter().all(|p| !before.contains(p)), "{before:?} {after:?}");
    assert_has(
        &k.ok(&["delete", "configmap,secret", "-l", "purpose=course"]).await,
        &["configmap \"app-config\" deleted", "secret \"app-secret\" deleted"],
    );
    let (ok, _, err) = k.run(&["-n", "course", "get", "configmap", "app-config"], None).await;
    assert!(!ok && err.contains("configmaps \"app-config\" not found"), "{err}");
    cluster.shutdown().await;
}
