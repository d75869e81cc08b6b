//! Overhead: the whole day-55 lab with `workshop run` against the rehearsal cluster at its
//! fastest pace, side by side with the same lab performed as the sequence of `kubectl`
//! invocations it is taught with (plus the `kubectl rollout status`/`wait` a careful learner
//! types where `workshop` checks), each against a fresh, identical rehearsal cluster.
//!
//! Run: `cargo bench --bench overhead` (needs `kubectl` on PATH; prints a note otherwise).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use workshop::facts::{ClusterFacts, KubeVersion};
use workshop::plan::Plan;
use workshop::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};

const ROUNDS: usize = 5;

fn main() {
    if which::which("kubectl").is_err() {
        println!("overhead: kubectl is not on PATH; nothing to compare with");
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let manifests = render_manifests(repo, dir.path());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");

    let mut workshop_times = Vec::new();
    let mut kubectl_times = Vec::new();
    for round in 0..ROUNDS {
        let (cluster, kc) = start(&rt, dir.path(), &format!("w{round}"));
        let t = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_workshop"))
            .args([
                "--color",
                "never",
                "run",
                "scenarios/day55.toml",
                "--cluster",
                "rehearsal",
                "--kubeconfig",
            ])
            .arg(&kc)
            .current_dir(repo)
            .output()
            .expect("workshop runs");
        workshop_times.push(t.elapsed());
        assert!(
            out.status.success(),
            "workshop run failed:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        rt.block_on(cluster.shutdown());

        let (cluster, kc) = start(&rt, dir.path(), &format!("k{round}"));
        let t = Instant::now();
        kubectl_lab(&rt, &cluster, &kc, &manifests);
        kubectl_times.push(t.elapsed());
        rt.block_on(cluster.shutdown());
    }
    workshop_times.sort();
    kubectl_times.sort();
    let w = workshop_times[ROUNDS / 2];
    let k = kubectl_times[ROUNDS / 2];
    println!("day-55 lab against the rehearsal cluster (fast pace), median of {ROUNDS} rounds");
    println!("  workshop run (20 steps, 37 checks, 5 skipped)  {:>8.0} ms", ms(w));
    println!("  the same lab as kubectl invocations            {:>8.0} ms", ms(k));
    println!(
        "  ratio workshop / kubectl                       {:>8.2}",
        w.as_secs_f64() / k.as_secs_f64()
    );
    println!(
        "  (all rounds: workshop {:?} ms, kubectl {:?} ms)",
        all(&workshop_times),
        all(&kubectl_times)
    );
}

fn all(v: &[Duration]) -> Vec<u64> {
    v.iter().map(|d| d.as_millis() as u64).collect()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn start(rt: &tokio::runtime::Runtime, dir: &Path, name: &str) -> (RehearsalCluster, PathBuf) {
    let kc = dir.join(format!("{name}.kubeconfig"));
    let cluster = rt
        .block_on(RehearsalCluster::start(RehearsalOptions {
            version: "1.21.2".into(),
            pace: Pace::Fast,
            addons: Vec::new(),
            kubeconfig: Some(kc.clone()),
            node_name: "mc-demo".into(),
            ..Default::default()
        }))
        .expect("rehearsal starts");
    (cluster, kc)
}

/// The two manifests of the lab, rendered as `workshop` renders them, written as files.
fn render_manifests(repo: &Path, dir: &Path) -> [PathBuf; 2] {
    let scenario = workshop::app::load_scenario(&repo.join("scenarios/day55.toml")).expect("day55 is valid");
    let vars = workshop::plan::bind_vars(&scenario, &[]).expect("vars");
    let facts = ClusterFacts::assumed(KubeVersion::parse("1.21.2").expect("version"), "rehearsal");
    let plan = Plan::build(scenario, vars, facts).expect("plan");
    ["pacman-stateful-demo.yaml.j2", "pacman-ingress.yaml.j2"].map(|t| {
        let mut yaml = String::new();
        for m in plan.manifests_of(t) {
            yaml.push_str("---\n");
            yaml.push_str(&serde_norway::to_string(&m.object).expect("yaml"));
        }
        let path = dir.join(t.trim_end_matches(".j2"));
        std::fs::write(&path, yaml).expect("write manifest");
        path
    })
}

fn kubectl(kc: &Path, args: &[&str]) {
    let out = Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kc)
        .arg("--cache-dir")
        .arg(kc.with_extension("kubectl-cache"))
        .args(args)
        .output()
        .expect("kubectl runs");
    assert!(
        out.status.success(),
        "kubectl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `minikube addons enable NAME`, emulated the way `workshop` does on the rehearsal.
fn addon(rt: &tokio::runtime::Runtime, cluster: &RehearsalCluster, name: &str) {
    rt.block_on(cluster.enable_addon(name)).expect("addon");
}

fn kubectl_lab(rt: &tokio::runtime::Runtime, cluster: &RehearsalCluster, kc: &Path, manifests: &[PathBuf; 2]) {
    let stateful = manifests[0].to_str().expect("utf-8 path");
    let ingress = manifests[1].to_str().expect("utf-8 path");
    // minikube start --addons volumesnapshots,csi-hostpath-driver …
    addon(rt, cluster, "volumesnapshots");
    addon(rt, cluster, "csi-hostpath-driver");
    kubectl(kc, &["get", "storageclass"]);
    kubectl(
        kc,
        &[
            "patch",
            "storageclass",
            "csi-hostpath-sc",
            "-p",
            r#"{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"true"}}}"#,
        ],
    );
    kubectl(
        kc,
        &[
            "patch",
            "storageclass",
            "standard",
            "-p",
            r#"{"metadata": {"annotations":{"storageclass.kubernetes.io/is-default-class":"false"}}}"#,
        ],
    );
    kubectl(kc, &["get", "namespace"]);
    kubectl(kc, &["create", "-f", stateful]);
    kubectl(
        kc,
        &[
            "rollout",
            "status",
            "statefulset/mongo",
            "-n",
            "pacman",
            "--timeout=60s",
        ],
    );
    kubectl(
        kc,
        &[
            "rollout",
            "status",
            "deployment/pacman",
            "-n",
            "pacman",
            "--timeout=60s",
        ],
    );
    kubectl(kc, &["get", "all", "-n", "pacman"]);
    kubectl(kc, &["get", "pv"]);
    kubectl(kc, &["get", "pvc", "-n", "pacman"]);
    kubectl(kc, &["delete", "pod", "mongo-0", "-n", "pacman"]);
    kubectl(
        kc,
        &[
            "wait",
            "--for=condition=Ready",
            "pod/mongo-0",
            "-n",
            "pacman",
            "--timeout=60s",
        ],
    );
    kubectl(kc, &["scale", "deployment", "pacman", "--replicas=10", "-n", "pacman"]);
    kubectl(
        kc,
        &[
            "rollout",
            "status",
            "deployment/pacman",
            "-n",
            "pacman",
            "--timeout=60s",
        ],
    );
    // minikube addons enable ingress
    addon(rt, cluster, "ingress");
    kubectl(
        kc,
        &[
            "rollout",
            "status",
            "deployment/ingress-nginx-controller",
            "-n",
            "ingress-nginx",
            "--timeout=60s",
        ],
    );
    kubectl(kc, &["get", "ns"]);
    kubectl(kc, &["create", "-f", ingress]);
    kubectl(kc, &["get", "ingress", "-n", "pacman"]);
}
