//! Guided labs: `--step` on a terminal, `--lang`, partial runs, resume, converge, reset and
//! handouts (docs/guided.md).

use std::time::Duration;

use crate::support::pty::Pty;
use crate::support::serve::Serve;
use crate::support::{REPO, Test};

const SCREEN: Duration = Duration::from_secs(30);

/// A lab for a standalone rehearsal cluster: a patch that sticks, a check that fails until
/// `--var want=mini`, a read, and cleanup with an optional step that fails.
const MINI: &str = r#"
[lab]
id = "mini"
title = "Mini lab"

[cluster]
provider = "existing"

[vars]
want = "wrong"

[[steps]]
id = "label-standard"
title = "Label the standard StorageClass"
patch = { kind = "StorageClass", name = "standard", type = "merge", patch = '{"metadata":{"labels":{"lab":"mini"}}}' }

[[steps.checks]]
field = { kind = "StorageClass", name = "standard", path = "metadata.labels.lab", equals = "mini" }

[[steps]]
id = "check-label"
title = "Check the label has the wanted value"
note = {}
needs = ["label-standard"]

[[steps.checks]]
field = { kind = "StorageClass", name = "standard", path = "metadata.labels.lab", equals = "{{ want }}" }
timeout = "1s"

[[steps]]
id = "list"
title = "List the StorageClasses"
get = { resources = "storageclass" }

[[cleanup]]
id = "patch-refused"
title = "A patch the API server refuses (a JSON patch test that does not hold)"
patch = { kind = "StorageClass", name = "standard", type = "json", patch = '[{"op":"test","path":"/metadata/name","value":"other"}]' }
optional = true

[[cleanup]]
id = "unlabel-standard"
title = "Remove the label"
patch = { kind = "StorageClass", name = "standard", type = "merge", patch = '{"metadata":{"labels":{"lab":"gone"}}}' }

[[cleanup.checks]]
field = { kind = "StorageClass", name = "standard", path = "metadata.labels.lab", equals = "gone" }
"#;

fn mini_run(serve: &Serve, dir: &std::path::Path) -> Test {
    Test::new().current_dir(dir).args([
        "run",
        "mini.toml",
        "--cluster",
        "existing",
        "--kubeconfig",
        serve.kubeconfig_str(),
    ])
}

// ---------------------------------------------------------------------------------------------
// --step
// ---------------------------------------------------------------------------------------------

#[test]
fn step_mode_on_a_terminal_in_spanish() {
    let mut pty = Pty::spawn(
        REPO.as_ref(),
        &[
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--step",
            "--lang",
            "es",
        ],
        &[],
    );
    // Step 1: the Spanish explanation, its Markdown rendered (no ** or backticks), the command.
    pty.expect("── paso 1/20 start-cluster", SCREEN)
        .expect("Arrancar minikube con el driver CSI hostpath", SCREEN)
        .expect(
            "Arranca un perfil de minikube llamado mc-demo fijado a Kubernetes 1.21.2",
            SCREEN,
        )
        .expect("• csi-hostpath-driver instala un driver CSI", SCREEN)
        .expect(
            "$ minikube start -p mc-demo --addons 'volumesnapshots,csi-hostpath-driver'",
            SCREEN,
        )
        .expect("Enter: ejecutar este paso · s: saltarlo · q: salir", SCREEN)
        .send("\r")
        .expect("start-cluster", SCREEN);
    // Step 2: skipped with `s`.
    pty.expect("── paso 2/20 get-storageclasses", SCREEN)
        .expect("Listar las StorageClasses", SCREEN)
        .expect("$ kubectl get storageclass", SCREEN)
        .expect("q: salir", SCREEN)
        .send("s")
        .expect("omitido: a petición tuya", SCREEN);
    // Step 3: the patch, run with Enter.
    pty.expect("── paso 3/20 make-csi-default", SCREEN)
        .expect("es solo una anotación en la StorageClass", SCREEN)
        .expect("$ kubectl patch storageclass csi-hostpath-sc --type merge -p", SCREEN)
        .expect("q: salir", SCREEN)
        .send("\r")
        .expect("make-csi-default", SCREEN);
    // Step 4: quit.
    pty.expect("── paso 4/20 unset-standard-default", SCREEN)
        .expect("q: salir", SCREEN)
        .send("q")
        .expect("detenido a petición tuya (q)", SCREEN);
    assert_eq!(pty.wait(SCREEN), 130, "{}", pty.screen());
    let screen = pty.screen();
    assert!(screen.contains("2 correctos"), "{screen}");
    assert!(!screen.contains("**"), "Markdown markers should be rendered:\n{screen}");
    assert!(!screen.contains("── paso 5/20"), "{screen}");
}

/// day55 in `--step` mode on the rehearsal, on a pty in `t`'s folder, without colours.
fn day55_step_mode(t: &Test) -> Pty {
    Pty::spawn(
        t.path(),
        &[
            "run",
            &format!("{REPO}/scenarios/day55.toml"),
            "--cluster",
            "rehearsal",
            "--step",
        ],
        &[("NO_COLOR", "1")],
    )
}

#[test]
fn step_mode_keys_in_front_of_a_class() {
    let t = Test::new();
    let mut pty = day55_step_mode(&t);
    // A single key answers, without Enter; a wrong key gets a whole sentence; ? explains.
    pty.expect("── step 1/20 start-cluster", SCREEN)
        .expect("?: help", SCREEN)
        .send("x")
        .expect(
            "`x` does nothing here: press Enter to run this step, s to skip it, q to quit, or ? for help.",
            SCREEN,
        )
        .send("?")
        .expect("Ctrl-C  stop at once, like q", SCREEN)
        .send("\r");
    for (n, id) in [
        (2, "get-storageclasses"),
        (3, "make-csi-default"),
        (4, "unset-standard-default"),
        (5, "get-namespaces"),
    ] {
        pty.expect(&format!("── step {n}/20 {id}"), SCREEN).send("\r");
    }
    // Skipping a step later steps need warns and asks; Enter then runs it after all.
    pty.expect("── step 6/20 create-pacman", SCREEN)
        .expect(".workshop/manifests/day55/pacman-stateful-demo.yaml", SCREEN)
        .expect(
            "$ kubectl create -f .workshop/manifests/day55/pacman-stateful-demo.yaml",
            SCREEN,
        )
        .send("s")
        .expect(
            "need `create-pacman`: skipping it makes them fail or be skipped.",
            SCREEN,
        )
        .send("\r")
        .expect("── step 7/20 get-all", SCREEN);
    // End of input (Ctrl-D) says so.
    pty.send("\u{4}")
        .expect("end of input: no more answers can come", SCREEN);
    assert_eq!(pty.wait(SCREEN), 130, "{}", pty.screen());
    let screen = pty.screen();
    // NO_COLOR takes the colours away, not the live display: no timestamped log lines.
    assert!(!screen.contains("[   0."), "{screen}");
    assert!(screen.contains("✔ [6] create-pacman"), "{screen}");
    assert!(screen.contains("⚠ port-forward, play-pacman, "), "{screen}");
    // The card's command runs as printed: the file is there, with the lab's 11 objects.
    let file = t.path().join(".workshop/manifests/day55/pacman-stateful-demo.yaml");
    let yaml = std::fs::read_to_string(&file).expect("the rendered manifests");
    assert_eq!(yaml.matches("\n---\n").count() + 1, 11, "{yaml}");
    assert!(yaml.contains("kind: StatefulSet"), "{yaml}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).expect("stat").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// Ctrl-D typed while no key is read yet (the run is still starting) reaches the prompt as the
/// terminal's end-of-file mark, a NUL once the prompt reads raw: it still ends the input.
#[test]
fn ctrl_d_typed_before_the_first_card_still_ends_the_input() {
    let t = Test::new();
    let mut pty = day55_step_mode(&t);
    pty.send("\u{4}")
        .expect("── step 1/20 start-cluster", SCREEN)
        .expect("end of input: no more answers can come", SCREEN);
    assert_eq!(pty.wait(SCREEN), 130, "{}", pty.screen());
    assert!(!pty.screen().contains("does nothing here"), "{}", pty.screen());
}

#[test]
fn step_mode_reads_answers_from_a_pipe_too() {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--step"])
        .stdin("\ns\n")
        .run()
        .status(130)
        .stdout_in_order(&[
            "── step 1/20 start-cluster",
            "Starts a minikube profile named `mc-demo` pinned to **Kubernetes 1.21.2**",
            "$ minikube start -p mc-demo",
            "✔ step 1 start-cluster passed",
            "── step 2/20 get-storageclasses",
            "↷ step 2 get-storageclasses skipped: at your request",
            "── step 3/20 make-csi-default",
            "end of input: no more answers can come, so the run stops here",
            "stopped: the input ended at a step card",
            "interrupted: 1 passed",
        ]);
}

#[test]
fn pause_waits_for_enter_on_a_terminal_and_not_without_one() {
    let lab = format!(
        "{}\n[[steps]]\nid = \"look\"\ntitle = \"Look\"\nnote = {{}}\npause = \"Open the game, then press Enter\"\n",
        crate::support::LAB
    );
    let t = Test::new().write("lab.toml", &lab);
    let mut pty = Pty::spawn(t.path(), &["run", "lab.toml", "--cluster", "rehearsal"], &[]);
    pty.expect("Open the game, then press Enter [Enter]", SCREEN).send("\r");
    assert_eq!(pty.wait(SCREEN), 0, "{}", pty.screen());

    t.args(["run", "lab.toml", "--cluster", "rehearsal"])
        .run()
        .success()
        .stdout_contains("pause: Open the game, then press Enter (not waiting: no terminal)");
}

// ---------------------------------------------------------------------------------------------
// --lang
// ---------------------------------------------------------------------------------------------

#[test]
fn language_comes_from_lang_when_the_lab_offers_it() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml"])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .success()
        .stdout_contains("Estado e Ingress");
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml"])
        .env("LANG", "fr_FR.UTF-8")
        .run()
        .success()
        .stdout_contains("State and Ingress");
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--lang", "fr"])
        .run()
        .status(2)
        .stderr_contains("--lang fr: this lab is not written in `fr`")
        .stderr_contains("choose one: --lang en or --lang es");
}

// ---------------------------------------------------------------------------------------------
// --from, --until, --only, --skip
// ---------------------------------------------------------------------------------------------

#[test]
fn from_and_until_run_a_range() {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .args(["--from", "start-cluster", "--until", "unset-standard-default"])
        .run()
        .success()
        .stdout_contains(
            "running 4 of 20 steps: start-cluster, get-storageclasses, make-csi-default, unset-standard-default",
        )
        .stdout_in_order(&[
            "step 1/20 start-cluster",
            "step 4/20 unset-standard-default",
            "4 passed, 0 failed",
        ])
        .stdout_lacks("step 5/20");
}

#[test]
fn only_and_skip_choose_steps() {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .args(["--only", "start-cluster,make-csi-default"])
        .run()
        .success()
        .stdout_in_order(&["step 1/20 start-cluster", "step 3/20 make-csi-default", "2 passed"])
        .stdout_lacks("step 2/20");
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .args(["--skip", "get-storageclasses,get-namespaces"])
        .run()
        .success()
        .stdout_contains("running 18 of 20 steps")
        .stdout_lacks("get-storageclasses:")
        .stdout_lacks("step 5/20")
        .stdout_contains("13 passed, 0 failed, 5 skipped");
}

#[test]
fn unknown_step_ids_are_refused_with_a_suggestion() {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .args(["--from", "make-csi-defualt", "--skip", "zzz"])
        .run()
        .status(2)
        .stderr_contains("error: --from make-csi-defualt: the lab `day55` has no step `make-csi-defualt`")
        .stderr_contains("did you mean `make-csi-default`?")
        .stderr_contains("error: --skip zzz: the lab `day55` has no step `zzz`")
        .stderr_contains("the steps are: start-cluster, get-storageclasses,");
    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--only",
            "delete-namespace",
        ])
        .run()
        .status(2)
        .stderr_contains("`delete-namespace` is a cleanup step; cleanup steps run with `workshop reset`");
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .args(["--from", "get-pv", "--until", "get-namespaces"])
        .run()
        .status(2)
        .stderr_contains("--from get-pv comes after --until get-namespaces");
}

#[test]
fn steps_whose_prerequisites_have_not_run_are_refused_unless_forced() {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--only", "scale-pacman"])
        .run()
        .status(2)
        .stderr_contains(
            "step `scale-pacman` needs `make-csi-default`, `unset-standard-default`, `create-pacman`, which have not run against this cluster",
        )
        .stderr_contains("in one run: workshop run scenarios/day55.toml --cluster rehearsal --until scale-pacman; or add --force");
    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--only",
            "scale-pacman",
            "--force",
        ])
        .run()
        .status(1)
        .stdout_contains("step 15/20 scale-pacman")
        .stderr_lacks("not run against this cluster");
}

// ---------------------------------------------------------------------------------------------
// resume, converge, reset
// ---------------------------------------------------------------------------------------------

#[test]
fn resume_continues_after_a_failure_on_the_same_cluster() {
    let t = Test::new().write("mini.toml", MINI);
    let serve = Serve::start(t.path(), "kubeconfig");
    let dir = t.path().to_owned();
    let out = mini_run(&serve, &dir)
        .run()
        .status(1)
        .stdout_in_order(&[
            "✔ step 1 label-standard passed",
            "✖ step 2 check-label FAILED",
            "step `check-label` failed; after fixing it, resume with: workshop run mini.toml --cluster existing --kubeconfig",
            "--resume",
        ]);
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".workshop/state/mini.json")).unwrap()).unwrap();
    assert_eq!(state["completed"], serde_json::json!(["label-standard"]), "{state}");
    assert_eq!(state["cluster"]["provider"], "existing");
    assert!(
        state["cluster"]["identity"].as_str().is_some_and(|s| !s.is_empty()),
        "{state}"
    );
    drop(out);

    mini_run(&serve, &dir)
        .args(["--resume", "--var", "want=mini"])
        .run()
        .success()
        .stdout_in_order(&[
            "running 2 of 3 steps: check-label, list",
            "resuming: 1 step completed earlier against this cluster",
            "✔ what they left still holds (1 check asked)",
            "✔ step 2 check-label passed",
            "✔ step 3 list passed",
            "2 passed, 0 failed",
        ])
        .stdout_lacks("step 1/3");

    mini_run(&serve, &dir)
        .arg("--resume")
        .run()
        .success()
        .stdout_contains("every step of lab `mini` already completed against this cluster; nothing to resume");
}

#[test]
fn an_attached_rehearsal_records_progress_and_resumes() {
    let t = Test::new().write("mini.toml", MINI);
    let serve = Serve::start(t.path(), "kubeconfig");
    let dir = t.path().to_owned();
    let attached = || {
        Test::new().current_dir(&dir).args([
            "run",
            "mini.toml",
            "--cluster",
            "rehearsal",
            "--kubeconfig",
            serve.kubeconfig_str(),
        ])
    };
    attached()
        .run()
        .status(1)
        .stdout_contains("attached through")
        .stdout_contains("resume with: workshop run mini.toml --cluster rehearsal --kubeconfig");
    let state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".workshop/state/mini.json")).unwrap()).unwrap();
    assert_eq!(state["cluster"]["provider"], "rehearsal", "{state}");
    attached()
        .args(["--resume", "--var", "want=mini"])
        .run()
        .success()
        .stdout_contains("resuming: 1 step completed earlier against this cluster");
}

#[test]
fn resume_is_refused_on_another_cluster() {
    let t = Test::new().write("mini.toml", MINI);
    let dir = t.path().to_owned();
    {
        let first = Serve::start(&dir, "first");
        mini_run(&first, &dir).run().status(1);
    }
    let second = Serve::start(&dir, "second");
    mini_run(&second, &dir)
        .arg("--resume")
        .run()
        .status(2)
        .stderr_contains("--resume: the progress recorded in .workshop/state/mini.json belongs to another cluster")
        .stderr_contains("expected: the recorded cluster (existing cluster, context")
        .stderr_contains("point this run at the recorded cluster");
    Test::new()
        .current_dir(&dir)
        .args(["run", "mini.toml", "--cluster", "rehearsal", "--resume"])
        .run()
        .status(2)
        .stderr_contains("the embedded rehearsal cluster is new on every run, so it cannot be resumed");
    Test::new()
        .write("mini.toml", MINI)
        .args(["run", "mini.toml", "--cluster", "rehearsal", "--resume"])
        .run()
        .status(2)
        .stderr_contains(
            "--resume: nothing to resume, lab `mini` has no recorded progress in .workshop/state/mini.json",
        );
}

#[test]
fn converge_skips_actions_whose_checks_already_pass() {
    let t = Test::new().write("mini.toml", MINI);
    let serve = Serve::start(t.path(), "kubeconfig");
    let dir = t.path().to_owned();
    mini_run(&serve, &dir).args(["--var", "want=mini"]).run().success();
    mini_run(&serve, &dir)
        .args(["--var", "want=mini", "--converge"])
        .run()
        .success()
        .stdout_in_order(&[
            "✔ step 1 label-standard already done",
            "✔ step 2 check-label passed",
            "✔ step 3 list passed",
            "3 passed (1 already done), 0 failed",
        ])
        .stdout_lacks("label-standard: patched");
}

#[test]
fn reset_runs_cleanup_and_clears_the_state() {
    let t = Test::new().write("mini.toml", MINI);
    let serve = Serve::start(t.path(), "kubeconfig");
    let dir = t.path().to_owned();
    mini_run(&serve, &dir).run().status(1);
    assert!(dir.join(".workshop/state/mini.json").exists());

    Test::new()
        .current_dir(&dir)
        .args([
            "reset",
            "mini.toml",
            "--cluster",
            "existing",
            "--kubeconfig",
            serve.kubeconfig_str(),
        ])
        .run()
        .status(2)
        .stderr_contains("reset asks for confirmation, and standard input is not a terminal")
        .stderr_contains("add --yes");
    assert!(dir.join(".workshop/state/mini.json").exists());

    Test::new()
        .current_dir(&dir)
        .args([
            "reset",
            "mini.toml",
            "--yes",
            "--cluster",
            "existing",
            "--kubeconfig",
            serve.kubeconfig_str(),
        ])
        .run()
        .success()
        .stdout_in_order(&[
            "step 1/2 patch-refused",
            "⚠ step 1 patch-refused failed (optional, the run goes on)",
            "✔ step 2 unlabel-standard passed",
            "resume state cleared (.workshop/state/mini.json)",
        ]);
    assert!(!dir.join(".workshop/state/mini.json").exists());

    Test::new()
        .write("mini.toml", MINI)
        .args(["reset", "mini.toml", "--yes", "--all", "--cluster", "existing"])
        .run()
        .status(2)
        .stderr_contains("--all deletes the minikube profile");
}

// ---------------------------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------------------------

#[test]
fn exported_script_has_every_command_in_order_and_is_valid_bash() {
    let plan = Test::in_repo().args(["plan", "scenarios/day55.toml"]).run().success();
    let (steps, cleanup) = plan
        .stdout
        .split_once("cleanup (workshop reset)")
        .expect("a cleanup section");
    let commands: Vec<String> = steps
        .lines()
        .map(str::trim)
        .filter_map(|l| l.strip_prefix("$ "))
        // A capture is `<name>` in a plan and a shell variable in the script: compare up to it.
        .map(|c| c.split('<').next().unwrap_or(c).to_owned())
        .collect();
    assert!(commands.len() >= 18, "{commands:?}");

    let out = Test::in_repo()
        .args(["export", "scenarios/day55.toml", "--format", "sh"])
        .run()
        .success();
    for c in cleanup.lines().map(str::trim).filter_map(|l| l.strip_prefix("$ ")) {
        assert!(
            out.stdout.contains(&format!("  {c} || true")),
            "cleanup command {c:?} missing:\n{}",
            out.stdout
        );
    }
    let needles: Vec<&str> = commands.iter().map(String::as_str).collect();
    let out = out.stdout_in_order(&needles).stdout_in_order(&[
        "#!/usr/bin/env bash",
        "set -euo pipefail",
        "trap 'kill $(jobs -p)",
        "cat > pacman-stateful-demo.yaml <<'WORKSHOP_EOF'",
        "kind: StatefulSet",
        "WORKSHOP_EOF\nkubectl create -f pacman-stateful-demo.yaml",
        "kubectl port-forward svc/pacman 9090:80 -n pacman &",
        "PLAYER=player-\"$RANDOM\"",
        "--data-urlencode 'name='\"$PLAYER\"",
        "MONGO_UID=$(kubectl get pod mongo-0 -n pacman -o 'jsonpath={.metadata.uid}')",
        "minikube tunnel -p mc-demo &",
    ]);
    let script = out.path().join("day55.sh");
    std::fs::write(&script, &out.stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .output()
        .expect("run bash -n");
    assert!(
        check.status.success(),
        "bash -n failed: {}\n{}",
        String::from_utf8_lossy(&check.stderr),
        out.stdout
    );
}

#[test]
fn exported_markdown_in_spanish_to_a_file() {
    let out = Test::new()
        .args(["export"])
        .arg(format!("{REPO}/scenarios/day55.toml"))
        .args(["--format", "md", "--lang", "es", "-o", "day55.es.md"])
        .run()
        .success()
        .stderr_contains("guardado en day55.es.md");
    let md = std::fs::read_to_string(out.path().join("day55.es.md")).unwrap();
    for needle in [
        "# Estado e Ingress",
        "### 3. Hacer de csi-hostpath-sc la StorageClass predeterminada (`make-csi-default`)",
        "Cuál es la clase predeterminada es solo una anotación",
        "```sh\nkubectl patch storageclass csi-hostpath-sc --type merge -p",
        "Qué comprueba workshop:",
        "- exactamente una StorageClass por defecto, y es csi-hostpath-sc",
        "## Limpieza",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
}

#[test]
fn keep_running_holds_background_processes_until_enter() {
    let lab = format!(
        "{}\n[[steps]]\nid = \"serve\"\ntitle = \"Serve\"\ncommand = {{ argv = [\"sleep\", \"120\"], background = true }}\nkeep-running = true\n",
        crate::support::LAB
    );
    let t = Test::new().write("lab.toml", &lab);
    let mut pty = Pty::spawn(t.path(), &["run", "lab.toml", "--cluster", "rehearsal", "--trust"], &[]);
    pty.expect("still running: ", SCREEN)
        .expect("sleep 120", SCREEN)
        .expect("— press Enter to stop", SCREEN)
        .send("\r")
        .expect("1 passed, 0 failed", SCREEN);
    assert_eq!(pty.wait(SCREEN), 0, "{}", pty.screen());
}
