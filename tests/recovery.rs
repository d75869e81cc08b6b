//! Re-runs after interruptions: `reset` that is idempotent, `--resume` that adopts what the lab
//! created and restarts background steps, `--converge` on a half-done lab. Against a standalone
//! rehearsal cluster, so every run of a test meets the same cluster.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::serve::Serve;
use crate::support::{Output, REPO, Test};

const LONG: Duration = Duration::from_secs(180);

fn day55() -> PathBuf {
    Path::new(REPO).join("scenarios/day55.toml")
}

/// `workshop CMD day55 ARGS…` in `dir`, attached to `serve`.
fn workshop(dir: &Path, serve: &Serve, cmd: &str, args: &[&str]) -> Output {
    Test::new()
        .current_dir(dir)
        .arg(cmd)
        .arg(day55())
        .args(["--cluster", "rehearsal", "--kubeconfig", serve.kubeconfig_str()])
        .args(args)
        .timeout(LONG)
        .run()
}

#[test]
fn reset_is_idempotent_and_works_before_anything_ran() {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::start(dir.path(), "kubeconfig");
    // A cluster of Kubernetes 1.31, where PodSecurityPolicy is gone. Nothing of the lab exists yet (as after a run interrupted at its first step).
    workshop(dir.path(), &serve, "reset", &["--yes"])
        .success()
        .stdout_contains("already clean: namespace/pacman does not exist")
        .stdout_contains(
            "already clean: this cluster does not serve PodSecurityPolicy (policy/v1beta1), so there is none",
        )
        .stdout_contains("already clean: storageclass/csi-hostpath-sc does not exist")
        .stdout_lacks("✖")
        .stdout_lacks("⚠");
    drop(serve);
    let serve = Serve::day55(dir.path(), "kubeconfig", "fast");
    workshop(dir.path(), &serve, "run", &["--until", "create-pacman"]).success();
    workshop(dir.path(), &serve, "reset", &["--yes"])
        .success()
        .stdout_contains("namespace/pacman deleted")
        .stdout_contains("resume state cleared")
        .stdout_lacks("✖");
    workshop(dir.path(), &serve, "reset", &["--yes"])
        .success()
        .stdout_contains("already clean: namespace/pacman does not exist")
        .stdout_contains("already clean: clusterrole/pacman-clusterrole does not exist")
        .stdout_contains("already clean: podsecuritypolicy/pacman does not exist")
        .stdout_contains("no resume state to clear")
        .stdout_lacks("✖")
        .stdout_lacks("⚠");
}
