//! Hints that point the right way: each suggested command, run as printed (split into words as
//! a shell would), does what the hint says.

use crate::support::serve::Serve;
use crate::support::{LAB, Test};

/// A lab that needs only an API server.
fn lab() -> String {
    format!(
        "{LAB}\n[[steps]]\nid = \"look\"\ntitle = \"Look\"\nget = {{ resources = \"namespaces\" }}\n\n[[steps.checks]]\nexists = {{ kind = \"Namespace\", name = \"default\" }}\n"
    )
}

/// The command a hint suggests right after `marker`, up to `;` or a closing backtick, as
/// words without the leading `workshop`.
fn suggested(text: &str, marker: &str) -> Vec<String> {
    let at = text.find(marker).unwrap_or_else(|| panic!("no {marker:?} in:\n{text}"));
    let rest = &text[at + marker.len()..];
    let end = rest.find([';', '`', '\n']).unwrap_or(rest.len());
    let words = shlex::split(rest[..end].trim()).expect("shell words");
    assert_eq!(words.first().map(String::as_str), Some("workshop"), "{text}");
    words[1..].to_vec()
}

fn dir_with_lab() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("lab.toml"), lab()).expect("write the lab");
    dir
}

#[test]
fn a_missing_rehearsal_kubeconfig_says_to_start_the_rehearsal_server() {
    let dir = dir_with_lab();
    let run = || {
        Test::new()
            .current_dir(dir.path())
            .args([
                "run",
                "lab.toml",
                "--cluster",
                "rehearsal",
                "--kubeconfig",
                "rehearsal.yaml",
            ])
            .run()
    };
    let out = run().status(3).stderr_lacks("~/.kube/config");
    let cmd = suggested(&out.stderr, "in another terminal: ");
    assert_eq!(
        cmd,
        ["rehearsal", "serve", "lab.toml", "--kubeconfig", "rehearsal.yaml"]
    );
    let _serve = Serve::printed(dir.path(), &cmd);
    run().success().stdout_contains("1 passed, 0 failed");
}

#[test]
fn a_stopped_rehearsal_server_is_named_not_the_rehearsal_flag_it_already_uses() {
    let dir = dir_with_lab();
    drop(Serve::start(dir.path(), "k.yaml"));
    let run = || {
        Test::new()
            .current_dir(dir.path())
            .args(["run", "lab.toml", "--cluster", "rehearsal", "--kubeconfig", "k.yaml"])
            .run()
    };
    let out = run().status(3).stderr_lacks("try --cluster rehearsal");
    let cmd = suggested(&out.stderr, "is `");
    assert_eq!(cmd, ["rehearsal", "serve", "lab.toml", "--kubeconfig", "k.yaml"]);
    let _serve = Serve::printed(dir.path(), &cmd);
    run().success();
}

#[test]
fn a_kubeconfig_variable_naming_a_missing_file_says_so_plainly() {
    let dir = dir_with_lab();
    Test::new()
        .current_dir(dir.path())
        .env("KUBECONFIG", "missing.kubeconfig")
        .args(["run", "lab.toml", "--cluster", "existing"])
        .run()
        .status(3)
        .stderr_contains("KUBECONFIG names missing.kubeconfig, which does not exist")
        .stderr_contains("point KUBECONFIG at an existing file")
        .stderr_lacks("'\"");
    // Pointed at an existing file, as the hint says, it runs.
    let serve = Serve::start(dir.path(), "k.yaml");
    Test::new()
        .current_dir(dir.path())
        .env("KUBECONFIG", serve.kubeconfig_str())
        .args(["run", "lab.toml", "--cluster", "existing"])
        .run()
        .success();
}

#[test]
fn only_on_the_built_in_rehearsal_suggests_one_run_up_to_the_step_with_the_same_flags() {
    let out = Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--only",
            "scale-pacman",
        ])
        .run()
        .status(2);
    let cmd = suggested(&out.stderr, "in one run: ");
    assert_eq!(
        cmd,
        [
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--until",
            "scale-pacman"
        ]
    );
    Test::in_repo()
        .args(&cmd)
        .run()
        .success()
        .stdout_contains("scale-pacman passed");
}

#[test]
fn resume_with_nothing_recorded_suggests_the_same_run_with_the_same_flags() {
    let dir = dir_with_lab();
    let serve = Serve::start(dir.path(), "k.yaml");
    let out = Test::new()
        .current_dir(dir.path())
        .args([
            "run",
            "lab.toml",
            "--cluster",
            "rehearsal",
            "--kubeconfig",
            "k.yaml",
            "--resume",
        ])
        .run()
        .status(2);
    let cmd = suggested(&out.stderr, "start it without --resume: ");
    assert_eq!(
        cmd,
        ["run", "lab.toml", "--cluster", "rehearsal", "--kubeconfig", "k.yaml"]
    );
    Test::new().current_dir(dir.path()).args(&cmd).run().success();
    drop(serve);
}

/// `doctor` on a rehearsal kubeconfig that nothing answers at (none yet, or a `rehearsal serve`
/// that stopped): not ready, and its fix, run as printed, makes it ready.
fn doctor_is_not_ready_until_its_fix_runs(stopped: bool) {
    let dir = dir_with_lab();
    if stopped {
        drop(Serve::start(dir.path(), "k.yaml"));
    }
    let doctor = || {
        Test::new()
            .current_dir(dir.path())
            .args(["doctor", "lab.toml", "--cluster", "rehearsal", "--kubeconfig", "k.yaml"])
            .run()
    };
    let out = doctor().status(3).stdout_contains("not ready: 1 problem to fix");
    let cmd = suggested(&out.stdout, "start it with `");
    assert_eq!(cmd, ["rehearsal", "serve", "lab.toml", "--kubeconfig", "k.yaml"]);
    let _serve = Serve::printed(dir.path(), &cmd);
    doctor()
        .success()
        .stdout_contains("ready: everything the run needs is here");
}

#[test]
fn doctor_on_a_missing_rehearsal_kubeconfig_is_not_ready_and_its_fix_works() {
    doctor_is_not_ready_until_its_fix_runs(false);
}

#[test]
fn doctor_on_a_stopped_rehearsal_server_is_not_ready_and_its_fix_works() {
    doctor_is_not_ready_until_its_fix_runs(true);
}

#[test]
fn a_busy_port_names_the_variable_and_a_free_port_that_works() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = busy.local_addr().expect("addr").port().to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let lab = format!(
        "{LAB}\n[vars]\nweb_port = {{ default = 1, type = \"port\" }}\n\n[[steps]]\nid = \"forward\"\ntitle = \"Forward\"\nport-forward = {{ service = \"web\", namespace = \"default\", local-port = \"{{{{ web_port }}}}\", remote-port = 80 }}\n"
    );
    std::fs::write(dir.path().join("lab.toml"), lab).expect("write");
    let serve = Serve::start(dir.path(), "k.yaml");
    let out = Test::new()
        .current_dir(dir.path())
        .args([
            "run",
            "lab.toml",
            "--cluster",
            "existing",
            "--kubeconfig",
            serve.kubeconfig_str(),
        ])
        .args(["--var", &format!("web_port={port}")])
        .run()
        .status(3);
    let at = out
        .stderr
        .find("--var web_port=")
        .unwrap_or_else(|| panic!("{}", out.stderr));
    let suggestion: String = out.stderr[at + "--var ".len()..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert_ne!(suggestion, format!("web_port={port}"));
    // With the suggested value the port check passes (the step then finds no service: the
    // rehearsal runs no pods).
    Test::new()
        .current_dir(dir.path())
        .args([
            "run",
            "lab.toml",
            "--cluster",
            "existing",
            "--kubeconfig",
            serve.kubeconfig_str(),
        ])
        .args(["--var", &suggestion])
        .run()
        .stderr_lacks("already in use");
    drop(busy);
}

#[test]
fn a_rehearsal_served_for_a_scenario_is_the_cluster_its_run_expects() {
    let t = Test::in_repo();
    let dir = t.path().to_owned();
    let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let serve = Serve::printed(
        &dir,
        &words("rehearsal serve scenarios/day55.toml --kubeconfig k.yaml --pace fast"),
    );
    assert!(serve.banner.contains("(Kubernetes v1.21.2)"), "{}", serve.banner);
    assert!(serve.banner.contains("Node: mc-demo"), "{}", serve.banner);
    assert!(serve.banner.contains("csi-hostpath-driver"), "{}", serve.banner);
    let printed = serve
        .banner
        .lines()
        .find_map(|l| l.trim().strip_prefix("kubeconfig: "))
        .expect("the kubeconfig is printed")
        .to_owned();
    // The node check (mc-demo) and the PodSecurityPolicy (served on 1.21 only) pass.
    Test::new()
        .current_dir(&dir)
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--kubeconfig",
            &printed,
        ])
        .run()
        .success()
        .stdout_contains("node mc-demo exists")
        .stdout_contains("start-cluster passed")
        .stdout_contains("create-pacman passed")
        .stdout_contains("15 passed, 0 failed");
    drop(serve);
    // A flag wins over the scenario.
    let other = Serve::printed(
        &dir,
        &words(
            "rehearsal serve scenarios/day55.toml --kubeconfig o.yaml --profile other --version 1.30.1 --addons ingress",
        ),
    );
    assert!(other.banner.contains("(Kubernetes v1.30.1)"), "{}", other.banner);
    assert!(other.banner.contains("Node: other"), "{}", other.banner);
    assert!(!other.banner.contains("csi-hostpath-driver"), "{}", other.banner);
}

/// A one-check step `id` whose check waits 2 s.
fn check_step(id: &str, check: &str) -> String {
    format!(
        "\n[[steps]]\nid = \"{id}\"\ntitle = \"{id}\"\nnote = {{}}\n\n[[steps.checks]]\n{check}\ntimeout = \"2s\"\n"
    )
}

/// The `observed:` line printed after `step`'s check failed.
fn observed_after<'a>(out: &'a str, step: &str) -> &'a str {
    let at = out
        .find(&format!("step {step}: "))
        .or_else(|| out.find(&format!(" {step}: ✖")))
        .unwrap_or_else(|| panic!("no failure of {step} in:\n{out}"));
    let line = out[at..]
        .lines()
        .find(|l| l.contains("observed:"))
        .unwrap_or_else(|| panic!("no observed line after {step} in:\n{out}"));
    line.trim()
}

#[test]
fn a_check_waiting_for_a_missing_object_names_the_similar_ones_there_are() {
    let lab = [
        ("node", "exists = { kind = \"Node\", name = \"mc-demo\" }"),
        ("typo", "exists = { kind = \"Namespace\", name = \"defualt\" }"),
        (
            "elsewhere",
            "field = { kind = \"Service\", name = \"kubernetes\", namespace = \"kube-system\", path = \"spec.type\", equals = \"ClusterIP\" }",
        ),
        ("unlike", "exists = { kind = \"Namespace\", name = \"pacman\" }"),
    ]
    .map(|(id, check)| check_step(id, check))
    .concat();
    let out = Test::new()
        .write("lab.toml", format!("{LAB}{lab}"))
        .args(["run", "lab.toml", "--cluster", "rehearsal", "--keep-going"])
        .run()
        .status(1);
    let text = format!("{}{}", out.stdout, out.stderr);
    // The cluster's one node, however unlike its name.
    let node = observed_after(&text, "node");
    assert!(node.ends_with("not found; similar: node minikube"), "{node}");
    // A typo of a name that exists.
    let typo = observed_after(&text, "typo");
    assert!(typo.contains("; similar: namespace default"), "{typo}");
    assert!(!typo.contains("kube-"), "{typo}");
    // The same name in another namespace first, then what the namespace holds.
    let elsewhere = observed_after(&text, "elsewhere");
    assert!(
        elsewhere.contains("; similar: service default/kubernetes, service kube-system/kube-dns"),
        "{elsewhere}"
    );
    // Nothing alike: nothing named.
    let unlike = observed_after(&text, "unlike");
    assert!(unlike.ends_with("not found"), "{unlike}");
    assert!(!unlike.contains("similar"), "{unlike}");
}

#[test]
fn doctor_without_minikube_does_not_promise_a_start_and_its_rehearsal_fix_runs_the_lab() {
    let t = Test::in_repo();
    let empty = t.path().join("empty-path");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let dir = t.path().to_owned();
    let out = Test::new()
        .current_dir(&dir)
        .env("PATH", &empty)
        .env("KUBECONFIG", empty.join("none"))
        .args(["doctor", "scenarios/day55.toml"])
        .run()
        .status(3)
        .stdout_contains("profile mc-demo is not running, and without minikube nothing can start it")
        .stdout_lacks("first step");
    let cmd = suggested(&out.stdout, "rehearse the lab without it: ");
    assert_eq!(cmd, ["run", "scenarios/day55.toml", "--cluster", "rehearsal"]);
    Test::new()
        .current_dir(&dir)
        .env("PATH", &empty)
        .args(&cmd)
        .run()
        .success()
        .stdout_contains("0 failed");
}

#[test]
fn attaching_to_a_rehearsal_whose_node_is_not_the_labs_says_how_to_serve_one_that_is() {
    let t = Test::in_repo();
    let dir = t.path().to_owned();
    // Served without the scenario: its node is `minikube`, day 55's profile `mc-demo`.
    let serve = Serve::start(&dir, "k.yaml");
    let run = |extra: &[&str]| {
        Test::new()
            .current_dir(&dir)
            .args([
                "run",
                "scenarios/day55.toml",
                "--cluster",
                "rehearsal",
                "--kubeconfig",
                "k.yaml",
            ])
            .args(["--until", "start-cluster"])
            .args(extra)
            .run()
    };
    let out = run(&["--timeout", "0.05"]).status(1);
    let text = format!("{}{}", out.stdout, out.stderr);
    assert!(
        text.contains("this rehearsal's node is minikube, not mc-demo"),
        "{text}"
    );
    assert!(text.contains("observed: not found; similar: node minikube"), "{text}");
    let cmd = suggested(&text, "stop it and run `");
    assert_eq!(
        cmd,
        ["rehearsal", "serve", "scenarios/day55.toml", "--kubeconfig", "k.yaml"]
    );
    drop(serve);
    let _serve = Serve::printed(&dir, &cmd);
    run(&[])
        .success()
        .stdout_contains("start-cluster passed")
        .stdout_lacks("this rehearsal's node");
}
