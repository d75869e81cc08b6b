//! `workshop run`: the main job, end to end against the rehearsal cluster, and its failure
//! paths (a check that times out, preflight, missing minikube, an unreachable cluster, Ctrl-C).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::cluster::Cluster as Standalone;
use crate::support::{BIN, Test, minikube};
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::api::networking::v1::Ingress;
use k8s_openapi::api::storage::v1::StorageClass;
use kube::Api;
use kube::api::ListParams;

#[test]
fn day55_on_the_rehearsal_passes_and_leaves_the_lab_state() {
    let r = Standalone::start("1.21.2", "mc-demo");
    let out = Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--kubeconfig"])
        .arg(r.kubeconfig.clone())
        .timeout(Duration::from_secs(120))
        .run()
        .success()
        .stdout_contains("REHEARSAL")
        .stdout_in_order(&[
            "step 1 start-cluster passed",
            "step 3 make-csi-default passed",
            "step 4 unset-standard-default passed",
            "step 6 create-pacman passed",
            "step 10 port-forward skipped: needs a real cluster",
            "step 12 post-high-score skipped: needs a real cluster",
            "step 13 delete-mongo-0 passed",
            "step 14 high-score-survived skipped: needs a real cluster",
            "step 15 scale-pacman passed",
            "step 16 enable-ingress passed",
            "step 18 create-ingress passed",
            "step 19 get-ingress passed",
            "step 20 tunnel skipped: needs a real cluster",
            "15 passed, 0 failed, 5 skipped",
        ])
        .stdout_lacks("post-high-score passed");
    let old_uid = out
        .stdout
        .lines()
        .find_map(|l| l.split("captured mongo_uid = ").nth(1))
        .expect("the run prints the captured uid")
        .trim()
        .to_owned();

    let client = r.client();
    r.rt.block_on(async move {
        let classes: Api<StorageClass> = Api::all(client.clone());
        let defaults: Vec<String> = classes
            .list(&ListParams::default())
            .await
            .unwrap()
            .items
            .into_iter()
            .filter(|c| {
                c.metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get("storageclass.kubernetes.io/is-default-class"))
                    .is_some_and(|v| v == "true")
            })
            .filter_map(|c| c.metadata.name)
            .collect();
        assert_eq!(
            defaults,
            vec!["csi-hostpath-sc".to_owned()],
            "exactly one default class"
        );

        let pods: Api<Pod> = Api::namespaced(client.clone(), "pacman");
        let mongo = pods.get("mongo-0").await.unwrap();
        assert_ne!(
            mongo.metadata.uid.as_deref(),
            Some(old_uid.as_str()),
            "mongo-0 was recreated"
        );
        let ready = |p: &Pod| {
            p.status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|c| c.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
        };
        assert!(ready(&mongo), "mongo-0 is Ready");
        let pacman = pods
            .list(&ListParams::default().labels("name=pacman"))
            .await
            .unwrap()
            .items;
        assert_eq!(pacman.iter().filter(|p| ready(p)).count(), 10, "10 pacman pods Ready");

        let ingresses: Api<Ingress> = Api::namespaced(client, "pacman");
        let ing = ingresses.get("pacman-ingress").await.unwrap();
        let ip = ing
            .status
            .and_then(|s| s.load_balancer)
            .and_then(|lb| lb.ingress)
            .and_then(|i| i.into_iter().next())
            .and_then(|i| i.ip);
        assert_eq!(ip.as_deref(), Some("127.0.49.2"));
    });
}

/// On Kubernetes 1.21–1.24 `policy/v1` is preferred but PodSecurityPolicy lives only in
/// `policy/v1beta1`: `reset` must still find and delete the lab's PodSecurityPolicy, so that
/// a second run can create it again (on a real 1.23 it used to stay behind and fail the rerun
/// with 409 AlreadyExists).
#[test]
fn reset_after_day55_on_1_21_removes_the_psp_and_a_second_run_passes() {
    let r = Standalone::start("1.21.2", "mc-demo");
    let run = || {
        Test::in_repo()
            .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--kubeconfig"])
            .arg(r.kubeconfig.clone())
            .timeout(Duration::from_secs(120))
            .run()
            .success()
            .stdout_contains("15 passed, 0 failed, 5 skipped");
    };
    run();
    let psps = |r: &Standalone| {
        let client = r.client();
        r.rt.block_on(async move {
            let ar = kube::discovery::ApiResource::from_gvk_with_plural(
                &kube::core::GroupVersionKind::gvk("policy", "v1beta1", "PodSecurityPolicy"),
                "podsecuritypolicies",
            );
            let api: Api<kube::api::DynamicObject> = Api::all_with(client, &ar);
            api.list(&ListParams::default())
                .await
                .unwrap()
                .items
                .into_iter()
                .filter_map(|p| p.metadata.name)
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(psps(&r), ["pacman"]);
    Test::in_repo()
        .args([
            "reset",
            "scenarios/day55.toml",
            "--yes",
            "--cluster",
            "rehearsal",
            "--kubeconfig",
        ])
        .arg(r.kubeconfig.clone())
        .timeout(Duration::from_secs(120))
        .run()
        .success()
        .stdout_lacks("does not serve kind");
    assert!(psps(&r).is_empty(), "reset deleted the PodSecurityPolicy");
    run();
}

#[test]
fn day55_on_an_embedded_rehearsal_exits_zero() {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .timeout(Duration::from_secs(120))
        .run()
        .success()
        // It runs `minikube tunnel`, and needs no --trust as shipped (tests/trust.rs).
        .stdout_contains("trusted: a lab shipped with workshop, unchanged")
        .stdout_contains("15 passed, 0 failed, 5 skipped");
}

const NO_DEFAULT_CLASS: &str = r#"
[lab]
id = "pending"
title = "A claim with no default class"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "no-default"
title = "Unset the default class"
patch = { kind = "StorageClass", name = "standard", type = "merge", patch = '{"metadata":{"annotations":{"storageclass.kubernetes.io/is-default-class":"false"}}}' }

[[steps]]
id = "claim"
title = "Create a claim"
create = { template = "claim.yaml.j2" }

[[steps.checks]]
pvc-bound = { name = "data", namespace = "default" }
timeout = "2s"
hint = "look at the StorageClasses"
"#;

const CLAIM: &str = "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: default\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n";

#[test]
fn a_check_that_times_out_shows_expected_observed_events_diagnosis_and_hint() {
    Test::new()
        .write("lab.toml", NO_DEFAULT_CLASS)
        .write("templates/claim.yaml.j2", CLAIM)
        .args(["run", "lab.toml"])
        .run()
        .status(1)
        .stdout_in_order(&[
            // The time it took is the 2 s timeout and however long a loaded machine adds.
            "✖ pvc default/data is Bound (after 2.",
            "diagnosis: the claim is Pending because no StorageClass is marked default",
            "expected: pvc default/data is Bound",
            "observed: phase Pending, no class",
            "recent events:",
            "no persistent volumes available for this claim and no storage class is set",
            "hint: look at the StorageClasses",
            "✖ step 3 claim FAILED",
        ])
        .stdout_contains("2 passed, 1 failed");
}

const PSP_ALWAYS: &str = r#"
[lab]
id = "psp"
title = "A template that always emits a PodSecurityPolicy"

[cluster]
provider = "rehearsal"
kubernetes-version = "1.31.0"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "create"
title = "Create"
create = { template = "psp.yaml.j2" }
"#;

const PSP: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\napiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: demo\nspec:\n  privileged: true\n";

#[test]
fn a_podsecuritypolicy_on_1_31_is_caught_in_preflight_before_anything_runs() {
    Test::new()
        .write("lab.toml", PSP_ALWAYS)
        .write("templates/psp.yaml.j2", PSP)
        .args(["run", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("PodSecurityPolicy demo uses policy/v1beta1, which Kubernetes v1.31.0 does not serve")
        .stderr_contains("templates/psp.yaml.j2:6:1 (rendered, document 2)")
        .stderr_contains("{% if \"policy/v1beta1\" in cluster.api_versions %}")
        .stderr_contains("nothing was created")
        .stdout_lacks("step 1");
}

#[test]
fn the_same_template_passes_preflight_on_1_21() {
    Test::new()
        .write("lab.toml", PSP_ALWAYS.replace("1.31.0", "1.21.2"))
        .write("templates/psp.yaml.j2", PSP)
        .args(["run", "lab.toml"])
        .run()
        .success()
        .stdout_contains("podsecuritypolicy/demo created");
}

#[test]
fn minikube_missing_exits_3_with_the_install_hint_and_the_rehearsal_alternative() {
    Test::in_repo()
        .env("PATH", "/nonexistent")
        .args(["run", "scenarios/day55.toml"])
        .run()
        .status(3)
        .stderr_contains("error: `minikube` was not found on PATH")
        .stderr_contains("https://minikube.sigs.k8s.io/docs/start/")
        .stderr_contains("workshop run scenarios/day55.toml --cluster rehearsal");
}

#[test]
fn an_unreachable_cluster_exits_3() {
    let kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: gone\nclusters:\n- name: gone\n  cluster:\n    server: http://127.0.0.1:9\ncontexts:\n- name: gone\n  context:\n    cluster: gone\n    user: me\nusers:\n- name: me\n  user: {}\n";
    Test::in_repo()
        .write("kc.yaml", kubeconfig)
        .args(["run", "scenarios/day55.toml", "--cluster", "existing", "--kubeconfig"])
        .arg_in_dir("kc.yaml")
        .run()
        .status(3)
        .stderr_contains("cannot reach the cluster (gone)")
        .stderr_contains("http://127.0.0.1:9/")
        .stderr_contains("hint:");
}

#[test]
fn a_rehearsal_kubeconfig_that_is_not_a_rehearsal_is_refused() {
    let kubeconfig = "apiVersion: v1\nkind: Config\ncurrent-context: gone\nclusters:\n- name: gone\n  cluster:\n    server: http://127.0.0.1:9\ncontexts:\n- name: gone\n  context:\n    cluster: gone\n    user: me\nusers:\n- name: me\n  user: {}\n";
    Test::in_repo()
        .write("kc.yaml", kubeconfig)
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--kubeconfig"])
        .arg_in_dir("kc.yaml")
        .run()
        .status(3)
        .stderr_contains("cannot reach the cluster");
}

const SLOW: &str = r#"
[lab]
id = "slow"
title = "A long wait with a background process"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "sleeper"
title = "A background process"
command = { argv = ["sleep", "SECONDS"], background = true }

[[steps]]
id = "wait"
title = "Wait for something that never comes"
note = {}

[[steps.checks]]
exists = { kind = "ConfigMap", name = "never", namespace = "default" }
timeout = "5m"
"#;

/// Processes whose command line is `sleep <marker>`.
fn sleepers(marker: &str) -> usize {
    let tail = format!("sleep\0{marker}\0");
    std::fs::read_dir("/proc")
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| {
                    std::fs::read(e.path().join("cmdline"))
                        .map(|c| c.ends_with(tail.as_bytes()))
                        .unwrap_or(false)
                })
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn ctrl_c_during_a_wait_stops_everything_and_exits_130() {
    // A marker unique to this run, so other runs' processes never count.
    let marker = format!("{}", 100_000 + std::process::id() % 100_000);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lab.toml"), SLOW.replace("SECONDS", &marker)).unwrap();
    let child = Command::new(BIN)
        .args(["--color", "never", "run", "lab.toml", "--trust"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = KillOnDrop(Some(child));
    let stdout = child.0.as_mut().unwrap().stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no 'checking' line in time; output so far:\n{}", seen.join("\n")));
        let waiting = line.contains("wait: checking");
        seen.push(line);
        if waiting {
            break;
        }
    }
    assert_eq!(sleepers(&marker), 1, "the background process runs during the wait");
    let mut child = child.0.take().unwrap();
    // SAFETY: kill(2) on our own child's pid.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done_tx.send(child.wait());
    });
    let status = done_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("exits soon after Ctrl-C")
        .unwrap();
    seen.extend(rx.try_iter());
    let out = seen.join("\n");
    assert_eq!(status.code(), Some(130), "{out}");
    assert!(out.contains(&format!("background stopped: sleep {marker}")), "{out}");
    assert!(out.contains("⏹ step 3 wait interrupted"), "{out}");
    assert!(
        out.contains("interrupted by SIGINT: 2 passed, `wait` interrupted"),
        "{out}"
    );
    assert!(!out.contains("FAILED") && !out.contains("failed"), "{out}");
    assert_eq!(sleepers(&marker), 0, "no stray child process after Ctrl-C");
}

/// Kills the child (and so its process group's leader) if the test fails before it ends.
struct KillOnDrop(Option<std::process::Child>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(c) = self.0.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// The fake `minikube` (see `support::minikube`) backed by the standalone rehearsal `r`.
fn with_fake_minikube(t: Test, r: &Standalone, running: bool) -> Test {
    minikube::install(t, Some(&r.kubeconfig), running)
}

#[test]
fn a_fake_minikube_receives_the_exact_flags_of_day55() {
    let r = Standalone::start("1.21.2", "mc-demo");
    let out = with_fake_minikube(Test::in_repo(), &r, false)
        .args(["run", "scenarios/day55.toml", "--keep-going", "--timeout", "0.02"])
        .timeout(Duration::from_secs(120))
        .run();
    let argv = std::fs::read_to_string(out.path().join("bin/argv.log")).unwrap_or_default();
    let lines: Vec<&str> = argv.lines().collect();
    // What the run said on both streams, for a failure that cannot be reproduced at will.
    let said = format!("--- stdout ---\n{}\n--- stderr ---\n{}", out.stdout, out.stderr);
    assert!(lines.contains(&"status -p mc-demo -o json"), "{argv}\n{said}");
    let start = "start -p mc-demo --addons volumesnapshots,csi-hostpath-driver --kubernetes-version 1.21.2 --container-runtime containerd --apiserver-port 6443";
    let enable = "-p mc-demo addons enable ingress";
    let tunnel = "tunnel -p mc-demo";
    let pos = |s: &str| {
        lines
            .iter()
            .position(|l| *l == s)
            .unwrap_or_else(|| panic!("`minikube {s}` not called:\n{argv}\n{said}"))
    };
    assert!(pos(start) < pos(enable) && pos(enable) < pos(tunnel), "{argv}");
    assert!(out.stdout.contains("step 16 enable-ingress passed"), "{}", out.stdout);
    assert!(
        out.stdout.contains("background stopped: minikube tunnel -p mc-demo"),
        "{}",
        out.stdout
    );
}

#[test]
fn reset_all_runs_the_cleanup_then_deletes_the_minikube_profile() {
    let r = Standalone::start("1.21.2", "mc-demo");
    // The lab first, on the same cluster (attached), so there is something to clean up.
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--kubeconfig"])
        .arg(r.kubeconfig.clone())
        .timeout(Duration::from_secs(120))
        .run()
        .success();
    let out = with_fake_minikube(Test::in_repo(), &r, true)
        .args(["reset", "scenarios/day55.toml", "--yes", "--all"])
        .timeout(Duration::from_secs(120))
        .run()
        .success()
        .stdout_contains("minikube profile mc-demo deleted");
    let argv = std::fs::read_to_string(out.path().join("bin/argv.log")).unwrap_or_default();
    let lines: Vec<&str> = argv.lines().collect();
    let said = format!("--- stdout ---\n{}\n--- stderr ---\n{}", out.stdout, out.stderr);
    let pos = |s: &str| {
        lines
            .iter()
            .position(|l| *l == s)
            .unwrap_or_else(|| panic!("`minikube {s}` not called:\n{argv}\n{said}"))
    };
    assert!(
        pos("-p mc-demo addons disable ingress") < pos("delete -p mc-demo"),
        "{argv}"
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("start")),
        "reset never starts a cluster: {argv}"
    );

    let client = r.client();
    r.rt.block_on(async move {
        let namespaces: Api<k8s_openapi::api::core::v1::Namespace> = Api::all(client.clone());
        let gone = namespaces
            .get_opt("pacman")
            .await
            .unwrap()
            .is_none_or(|n| n.status.and_then(|s| s.phase).as_deref() == Some("Terminating"));
        assert!(gone, "namespace pacman is deleted");
        let classes: Api<StorageClass> = Api::all(client);
        let standard = classes.get("standard").await.unwrap();
        let default = standard
            .metadata
            .annotations
            .and_then(|a| a.get("storageclass.kubernetes.io/is-default-class").cloned());
        assert_eq!(default.as_deref(), Some("true"), "standard is the default class again");
    });
}

#[test]
fn the_lab_s_original_bitnami_image_fails_to_pull_with_a_diagnosis() {
    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--var",
            "mongo_image=docker.io/bitnami/mongodb:4.4.8",
            "--timeout",
            "0.01",
        ])
        .timeout(Duration::from_secs(60))
        .run()
        .status(1)
        .stdout_in_order(&[
            "✖ statefulset pacman/mongo rolled out",
            "diagnosis: an image cannot be pulled",
            "docker.io/bitnamilegacy/",
            "observed: 0/1 ready",
            "Normal Pulling pod/mongo-0: Pulling image \"docker.io/bitnami/mongodb:4.4.8\"",
            "Warning Failed pod/mongo-0: Error: ErrImagePull",
            "hint: ErrImagePull on docker.io/bitnami/",
            "✖ step 6 create-pacman FAILED",
        ]);
}

/// Titles and hints render like actions, with the variables (after `--var`) and the captures
/// of earlier steps.
#[test]
fn titles_and_hints_render_with_variables_and_captures() {
    let out = Test::new()
        .write(
            "lab.toml",
            r#"[lab]
id = "prose"
title = "Labels for {{ app }}"

[vars]
app = "web"

[[steps]]
id = "make"
title = "Create the namespace {{ app }}"
create = { template = "ns.yaml.j2" }

[[steps.capture]]
name = "ns_uid"
object = { kind = "Namespace", name = "{{ app }}" }
path = "metadata.uid"

[[steps]]
id = "look"
title = "Look at {{ app }} ({{ ns_uid }})"
note = {}

[[steps.checks]]
field = { kind = "Namespace", name = "{{ app }}", path = "metadata.labels", contains = { team = "x" } }
timeout = "2s"
hint = "namespace {{ app }} (uid {{ ns_uid }}) needs the label team=x"
"#,
        )
        .write(
            "templates/ns.yaml.j2",
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ app }}\n",
        )
        .args(["run", "lab.toml", "--cluster", "rehearsal", "--var", "app=shop"])
        .run()
        .status(1);
    let uid = out
        .stdout
        .lines()
        .find_map(|l| l.split("captured ns_uid = ").nth(1))
        .expect("the run prints the captured uid")
        .trim()
        .to_owned();
    out.stdout_in_order(&[
        "lab prose: Labels for shop",
        "step 1/2 make: Create the namespace shop",
        &format!("step 2/2 look: Look at shop ({uid})"),
        &format!("hint: namespace shop (uid {uid}) needs the label team=x"),
    ])
    .stdout_lacks("{{");
}
