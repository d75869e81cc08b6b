//! Re-runs after interruptions: `reset` that is idempotent, `--resume` that adopts what the lab
//! created and restarts background steps, `--converge` on a half-done lab. Against a standalone
//! rehearsal cluster, so every run of a test meets the same cluster.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::live::Live;
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

/// `workshop run day55 ARGS…` in `dir`, attached to `serve`, watched while it runs.
fn live(dir: &Path, serve: &Serve, args: &[&str]) -> Live {
    let day55 = day55();
    let mut all = vec![
        "run",
        day55.to_str().expect("a UTF-8 path"),
        "--cluster",
        "rehearsal",
        "--kubeconfig",
        serve.kubeconfig_str(),
    ];
    all.extend_from_slice(args);
    Live::start(dir, &all)
}

#[test]
fn resume_after_sigkill_inside_create_pacman_adopts_what_the_lab_created() {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::day55(dir.path(), "kubeconfig", "realistic");
    let mut run = live(dir.path(), &serve, &[]);
    run.wait_for("create-pacman | namespace/pacman created", LONG);
    run.signal(libc::SIGKILL);
    assert_eq!(run.finish(LONG).code, None);
    // Killed: the state file and the journal lines written after it, read as --resume does.
    let state = workshop::engine::state::load(&dir.path().join(".workshop/state/day55.json"))
        .unwrap()
        .expect("the killed run recorded its progress");
    let state = serde_json::to_value(state).unwrap();
    assert_eq!(state["in_progress"]["step"], "create-pacman", "{state}");
    assert_eq!(state["created"][0]["kind"], "Namespace", "{state}");
    assert!(
        state["created"][0]["uid"].as_str().is_some_and(|u| !u.is_empty()),
        "{state}"
    );

    let out = workshop(dir.path(), &serve, "run", &["--resume", "--until", "get-all"])
        .success()
        .stdout_contains("namespace/pacman was created by this lab before the interruption (uid ")
        .stdout_contains("): adopted")
        .stdout_contains("adopted (created before the interruption)")
        .stdout_contains("✔ what they left still holds")
        .stdout_contains(", 0 failed")
        .stdout_lacks("✖")
        .stdout_lacks("FAILED");
    assert!(out.stdout.contains("✔ step 6 create-pacman passed"), "{}", out.stdout);
}

#[test]
fn create_still_refuses_an_object_that_existed_before_the_lab() {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::day55(dir.path(), "kubeconfig", "fast");
    workshop(dir.path(), &serve, "run", &["--until", "create-pacman"]).success();
    // Another attempt at the lab (its progress forgotten): the namespace is not its own.
    std::fs::remove_file(dir.path().join(".workshop/state/day55.json")).unwrap();
    workshop(dir.path(), &serve, "run", &["--only", "create-pacman", "--force"])
        .status(1)
        .stdout_contains("creating namespace/pacman: it already exists, and this run of lab `day55` did not create it")
        .stdout_contains("`workshop reset` with this lab's scenario file removes what lab `day55` creates")
        .stdout_lacks("allow-existing");
}

#[test]
fn resume_after_the_lab_scaled_pacman_raises_no_false_alarm() {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::day55(dir.path(), "kubeconfig", "fast");
    workshop(dir.path(), &serve, "run", &["--until", "scale-pacman"]).success();
    workshop(dir.path(), &serve, "run", &["--resume"])
        .success()
        .stdout_contains("resuming: 11 steps completed earlier against this cluster")
        .stdout_contains("✔ what they left still holds (")
        .stdout_contains("left out: moments of their steps, or changed on purpose by later steps)")
        .stdout_lacks("no longer holds");
}

#[test]
fn converge_finishes_a_half_done_lab() {
    let dir = tempfile::tempdir().unwrap();
    let serve = Serve::day55(dir.path(), "kubeconfig", "fast");
    workshop(dir.path(), &serve, "run", &["--until", "get-pvc"]).success();
    workshop(dir.path(), &serve, "run", &["--converge"])
        .success()
        .stdout_contains("not checked again: namespace pacman is absent (a moment of its step, true when it ran)")
        .stdout_contains("✔ step 6 create-pacman already done")
        .stdout_contains("✔ step 15 scale-pacman passed")
        .stdout_contains(", 0 failed")
        .stdout_lacks("✖");
}

/// A lab with a background process that later steps need: `serve` writes its PID, `use`
/// fails unless that process runs, and `wait` gives the run something to be interrupted in.
const BACKGROUND: &str = r#"
[lab]
id = "bg"
title = "A background helper"

[cluster]
provider = "existing"

[[steps]]
id = "serve"
title = "Start the helper"
command = { argv = ["sh", "-c", "echo $$ > helper.pid; exec sleep 1000"], background = true }

[[steps]]
id = "wait"
title = "Something long"
command = { argv = ["sh", "-c", "echo waiting; sleep 1000"] }

[[steps]]
id = "use"
title = "Use the helper"
command = { argv = ["sh", "-c", "sleep 0.5; kill -0 $(cat helper.pid)"] }
"#;

#[test]
fn resume_starts_completed_background_steps_again() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bg.toml"), BACKGROUND).unwrap();
    let serve = Serve::start(dir.path(), "kubeconfig");
    // The lab runs shell commands: trusted for each run (tests/trust.rs tests the asking).
    let args = [
        "run",
        "bg.toml",
        "--trust",
        "--cluster",
        "existing",
        "--kubeconfig",
        serve.kubeconfig_str(),
    ];
    let mut run = Live::start(dir.path(), &args);
    run.wait_for("wait | waiting", LONG);
    run.signal(libc::SIGTERM);
    let end = run.finish(LONG);
    assert_eq!(end.code, Some(143), "{}", end.output);
    assert!(end.output.contains("serve: background stopped"), "{}", end.output);
    // The step that was cut off runs again; skip it to reach `use` at once.
    let mut resumed: Vec<&str> = args.to_vec();
    resumed.extend(["--resume", "--skip", "wait"]);
    let out = Test::new().current_dir(dir.path()).args(&resumed).timeout(LONG).run();
    out.success()
        .stdout_in_order(&[
            "↻ starting `serve` again: it completed in an earlier run, and its process ended with that run",
            "serve: background started: sh -c",
            "✔ step 3 use passed",
            "serve: background stopped",
        ])
        .stdout_lacks("✖");
}
