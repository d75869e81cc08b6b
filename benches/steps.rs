//! Cost against the length of a lab: an N-step lab (each step applies a ConfigMap and checks a
//! field of it) run as `workshop run --cluster rehearsal --kubeconfig …` against a fresh
//! in-process rehearsal cluster, for N = 100, 1000 and 5000, then the day-55 lab. For each run:
//! the client's CPU time (the `workshop` child's user + system time) and the server's (this
//! process's CPU time during the run: it does nothing but serve the rehearsal), and a fit of the
//! server's CPU and the client's against N (a·N + b·N²); and the CPU of `workshop validate`
//! on the same lab.
//!
//! Run: `cargo bench --bench steps` (`WORKSHOP_BENCH_STEPS=100,1000` picks the sizes;
//! `WORKSHOP_BIN=path` runs another `workshop` binary, to compare builds).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use workshop::rehearsal::{Pace, RehearsalCluster, RehearsalOptions};

fn cpu(who: libc::c_int) -> Duration {
    // SAFETY: getrusage fills the struct it is given; both are valid for the call.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above.
    let rc = unsafe { libc::getrusage(who, &mut usage) };
    assert_eq!(rc, 0, "getrusage");
    let tv = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

struct Measured {
    wall: Duration,
    client: Duration,
    server: Duration,
}

/// Run `workshop run SCENARIO` from `dir` against a fresh rehearsal cluster.
fn measure(rt: &tokio::runtime::Runtime, dir: &Path, scenario: &str, version: &str, node: &str) -> Measured {
    let kc = dir.join("bench.kubeconfig");
    let _ = std::fs::remove_dir_all(dir.join(".workshop"));
    let cluster = rt
        .block_on(RehearsalCluster::start(RehearsalOptions {
            version: version.into(),
            pace: Pace::Fast,
            kubeconfig: Some(kc.clone()),
            node_name: node.into(),
            ..Default::default()
        }))
        .expect("rehearsal starts");
    let (server0, client0) = (cpu(libc::RUSAGE_SELF), cpu(libc::RUSAGE_CHILDREN));
    let t = Instant::now();
    let bin = std::env::var_os("WORKSHOP_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_workshop").into());
    let out = Command::new(bin)
        .args([
            "--color",
            "never",
            "run",
            scenario,
            "--cluster",
            "rehearsal",
            "--kubeconfig",
        ])
        .arg(&kc)
        .current_dir(dir)
        .output()
        .expect("workshop runs");
    let wall = t.elapsed();
    let (server1, client1) = (cpu(libc::RUSAGE_SELF), cpu(libc::RUSAGE_CHILDREN));
    assert!(
        out.status.success(),
        "workshop run {scenario} failed:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    rt.block_on(cluster.shutdown());
    Measured {
        wall,
        client: client1 - client0,
        server: server1 - server0,
    }
}

/// Write the N-step lab into `dir`: `lab-N.toml` and one template per step.
fn write_lab(dir: &Path, n: usize) -> String {
    let templates = dir.join(format!("templates-{n}"));
    std::fs::create_dir_all(&templates).expect("templates dir");
    let mut toml = format!(
        "[lab]\nid = \"steps-{n}\"\ntitle = \"{n} steps\"\ntemplates = \"templates-{n}\"\n\n\
         [cluster]\nprovider = \"rehearsal\"\n\n\
         [[steps]]\nid = \"start\"\ntitle = \"Start\"\nstart-cluster = {{}}\n"
    );
    for i in 0..n {
        std::fs::write(
            templates.join(format!("cm-{i}.yaml.j2")),
            format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i}\n  namespace: default\ndata:\n  n: \"{i}\"\n"),
        )
        .expect("template");
        toml.push_str(&format!(
            "\n[[steps]]\nid = \"s{i}\"\ntitle = \"ConfigMap {i}\"\napply = {{ template = \"cm-{i}.yaml.j2\" }}\n\n\
             [[steps.checks]]\nfield = {{ kind = \"ConfigMap\", name = \"cm-{i}\", namespace = \"default\", path = \"data.n\", equals = \"{i}\" }}\n"
        ));
    }
    let name = format!("lab-{n}.toml");
    std::fs::write(dir.join(&name), toml).expect("lab");
    name
}

/// Copy the day-55 scenario and its templates, so the run's state stays out of the repository.
fn copy_day55(repo: &Path, dir: &Path) -> String {
    let scenarios = dir.join("scenarios");
    std::fs::create_dir_all(&scenarios).expect("scenarios dir");
    std::fs::copy(repo.join("scenarios/day55.toml"), scenarios.join("day55.toml")).expect("day55");
    let templates = scenarios.join("templates");
    std::fs::create_dir_all(&templates).expect("templates dir");
    for entry in std::fs::read_dir(repo.join("scenarios/templates")).expect("templates") {
        let path: PathBuf = entry.expect("entry").path();
        if path.is_file() {
            std::fs::copy(&path, templates.join(path.file_name().expect("file name"))).expect("copy template");
        }
    }
    "scenarios/day55.toml".into()
}

/// The CPU time of `workshop validate SCENARIO` (reads, renders and analyses the whole lab).
fn validate_cpu(dir: &Path, scenario: &str) -> Duration {
    let before = cpu(libc::RUSAGE_CHILDREN);
    let bin = std::env::var_os("WORKSHOP_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_workshop").into());
    let out = Command::new(bin)
        .args(["--color", "never", "validate", scenario])
        .current_dir(dir)
        .output()
        .expect("workshop validate runs");
    assert!(out.status.success(), "workshop validate {scenario} failed");
    cpu(libc::RUSAGE_CHILDREN) - before
}

/// Least squares of y = a·n + b·n² (no constant: an empty lab costs nothing).
fn fit(points: &[(f64, f64)]) -> (f64, f64) {
    let (mut s2, mut s3, mut s4, mut sy1, mut sy2) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(n, y) in points {
        s2 += n * n;
        s3 += n * n * n;
        s4 += n * n * n * n;
        sy1 += y * n;
        sy2 += y * n * n;
    }
    let det = s2 * s4 - s3 * s3;
    if det.abs() < f64::EPSILON {
        return (sy1 / s2, 0.0);
    }
    ((sy1 * s4 - sy2 * s3) / det, (s2 * sy2 - s3 * sy1) / det)
}

fn main() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sizes: Vec<usize> = std::env::var("WORKSHOP_BENCH_STEPS")
        .unwrap_or_else(|_| "100,1000,5000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    println!("N-step lab against the rehearsal cluster (fast pace): CPU seconds");
    println!(
        "  {:>6}  {:>9}  {:>10}  {:>10}  {:>14}  {:>10}",
        "steps", "wall", "client", "server", "server/step", "validate"
    );
    let (mut points, mut client_points) = (Vec::new(), Vec::new());
    for n in &sizes {
        let lab = write_lab(dir.path(), *n);
        let m = measure(&rt, dir.path(), &lab, "v1.31.0", "minikube");
        let v = validate_cpu(dir.path(), &lab);
        println!(
            "  {:>6}  {:>8.2}s  {:>9.2}s  {:>9.2}s  {:>11.3} ms  {:>9.2}s",
            n,
            m.wall.as_secs_f64(),
            m.client.as_secs_f64(),
            m.server.as_secs_f64(),
            m.server.as_secs_f64() * 1000.0 / *n as f64,
            v.as_secs_f64()
        );
        points.push((*n as f64, m.server.as_secs_f64()));
        client_points.push((*n as f64, m.client.as_secs_f64()));
    }
    if points.len() >= 2 {
        let (a, b) = fit(&points);
        println!("  server CPU fit: {:.3} ms·N + {:.4} µs·N²", a * 1e3, b * 1e6);
        let (a, b) = fit(&client_points);
        println!("  client CPU fit: {:.3} ms·N + {:.4} µs·N²", a * 1e3, b * 1e6);
        if let (Some(small), Some(big)) = (
            points.iter().find(|p| p.0 == 100.0),
            points.iter().find(|p| p.0 == 1000.0),
        ) {
            println!(
                "  server CPU, 1000 steps / 100 steps: {:.1}× (linear is 10×)",
                big.1 / small.1
            );
        }
    }
    let day55 = copy_day55(repo, dir.path());
    let mut runs: Vec<Measured> = (0..3)
        .map(|_| measure(&rt, dir.path(), &day55, "1.21.2", "mc-demo"))
        .collect();
    runs.sort_by_key(|m| m.server);
    let m = &runs[1];
    println!(
        "day-55 lab (median of 3 by server CPU): wall {:.2}s, client {:.2}s, server {:.3}s",
        m.wall.as_secs_f64(),
        m.client.as_secs_f64(),
        m.server.as_secs_f64()
    );
}
