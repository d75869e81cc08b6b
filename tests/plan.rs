//! `workshop plan` on the shipped day-55 lab: every command of the lab, in the lab's order.

use crate::support::Test;
use crate::support::pty::assert_reflowed_paragraph;

/// The commands of the lab as a learner types them, in order.
const DAY55_COMMANDS: &[&str] = &[
    "$ minikube start -p mc-demo --addons 'volumesnapshots,csi-hostpath-driver' --kubernetes-version 1.21.2 --container-runtime containerd --apiserver-port 6443\n",
    "$ kubectl get storageclass\n",
    "$ kubectl patch storageclass csi-hostpath-sc --type merge -p '{\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"true\"}}}'\n",
    "$ kubectl patch storageclass standard --type merge -p '{\"metadata\":{\"annotations\":{\"storageclass.kubernetes.io/is-default-class\":\"false\"}}}'\n",
    "$ kubectl create -f pacman-stateful-demo.yaml\n",
    "$ kubectl get all -n pacman\n",
    "$ kubectl get pv\n",
    "$ kubectl get pvc -n pacman\n",
    "$ kubectl port-forward svc/pacman 9090:80 -n pacman\n",
    "$ kubectl delete pod mongo-0 -n pacman\n",
    "$ kubectl scale deployment pacman --replicas 10 -n pacman\n",
    "$ minikube -p mc-demo addons enable ingress\n",
    "$ kubectl create -f pacman-ingress.yaml\n",
    "$ kubectl get ingress -n pacman\n",
    "$ minikube tunnel -p mc-demo\n",
];

#[test]
fn day55_plan_shows_every_command_in_order() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml"])
        .run()
        .success()
        .stderr("")
        .stdout_in_order(DAY55_COMMANDS);
}

#[test]
fn day55_minikube_start_has_every_flag() {
    let out = Test::in_repo().args(["plan", "scenarios/day55.toml"]).run().success();
    let start = out
        .stdout
        .lines()
        .find(|l| l.contains("$ minikube start"))
        .expect("a minikube start line")
        .to_owned();
    for flag in [
        "--addons 'volumesnapshots,csi-hostpath-driver'",
        "--kubernetes-version 1.21.2",
        "--container-runtime containerd",
        "--apiserver-port 6443",
        "-p mc-demo",
    ] {
        assert!(start.contains(flag), "`{start}` lacks {flag}");
    }
}

#[test]
fn day55_plan_shows_checks_and_captures() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml"])
        .run()
        .success()
        .stdout_in_order(&[
            "check exactly one default StorageClass, and it is csi-hostpath-sc",
            "capture player ← a new unique marker `player-…`",
            "capture mongo_uid ← pod pacman/mongo-0 metadata.uid (before the action)",
            "check pod pacman/mongo-0 recreated with a new uid (was <mongo_uid>) and Ready",
            "[*].name contains \"<player>\"",
            "cleanup (workshop reset)",
            "$ kubectl delete namespace pacman",
        ]);
}

#[test]
fn var_override_changes_the_scale_command() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml", "--var", "pacman_replicas=5"])
        .run()
        .success()
        .stdout_contains("$ kubectl scale deployment pacman --replicas 5 -n pacman\n")
        .stdout_contains("check 5 Ready pods with name=pacman in pacman")
        .stdout_lacks("--replicas 10");
}

/// Titles and the lab's summary render with the variables like the commands under them: the
/// plan never says "to 10 replicas" above `--replicas 4`.
#[test]
fn titles_render_with_the_variables() {
    Test::in_repo()
        .args([
            "plan",
            "scenarios/day55.toml",
            "--var",
            "pacman_replicas=4",
            "--var",
            "ingress_host=pacman.example",
        ])
        .run()
        .success()
        .stdout_contains("scale the front end to 4 replicas")
        .stdout_in_order(&[
            "scale-pacman · Scale the pacman front end to 4 replicas",
            "$ kubectl scale deployment pacman --replicas 4 -n pacman\n",
            "create-ingress · Create the Ingress for pacman.example",
        ])
        .stdout_lacks("10 replicas")
        .stdout_lacks("{{");
}

#[test]
fn titles_render_in_the_chosen_language_and_explanations_too() {
    Test::in_repo()
        .args([
            "plan",
            "scenarios/day55.toml",
            "--lang",
            "es",
            "--explain",
            "--var",
            "pacman_replicas=3",
        ])
        .run()
        .success()
        .stdout_contains("Escalar el front end pacman a 3 réplicas")
        .stdout_lacks("{{");
}

#[test]
fn var_override_changes_the_namespace_everywhere() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml", "--var", "namespace=arcade"])
        .run()
        .success()
        .stdout_contains("$ kubectl get all -n arcade\n")
        .stdout_contains("$ kubectl delete pod mongo-0 -n arcade\n")
        .stdout_lacks("-n pacman");
}

#[test]
fn manifests_on_1_21_include_the_pod_security_policy() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml", "--manifests"])
        .run()
        .success()
        .stdout_contains("# pacman-stateful-demo.yaml (rendered)")
        .stdout_contains("kind: PodSecurityPolicy")
        .stdout_contains("image: docker.io/bitnamilegacy/mongodb:4.4.8");
}

#[test]
fn manifests_on_1_31_leave_the_pod_security_policy_out() {
    Test::in_repo()
        .args([
            "plan",
            "scenarios/day55.toml",
            "--manifests",
            "--kubernetes-version",
            "1.31.0",
        ])
        .run()
        .success()
        .stdout_contains("kind: StatefulSet")
        .stdout_lacks("kind: PodSecurityPolicy")
        .stdout_lacks("policy/v1beta1");
}

#[test]
fn plan_in_spanish() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml", "--lang", "es"])
        .run()
        .success()
        .stdout_contains("Estado e Ingress");
}

#[test]
fn plan_of_an_invalid_scenario_exits_2() {
    Test::new()
        .write("lab.toml", "[lab]\nid = 3\n")
        .args(["plan", "lab.toml"])
        .run()
        .status(2)
        .stdout("")
        .stderr_contains(" --> lab.toml:2:6\n");
}

/// `plan --explain` renders a step's explanation like the `--step` card: piped, the author's
/// lines as written (Markdown markers kept without colours); on a 60-column terminal, each
/// paragraph re-flowed and wrapped between words, and the list items hanging under their text.
#[test]
fn explanations_are_rendered_like_the_step_card_and_re_flowed_on_a_terminal() {
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml", "--explain"])
        .run()
        .success()
        .stdout_contains(
            "    Starts a minikube profile named `mc-demo` pinned to **Kubernetes 1.21.2** on **containerd**,\n    with two addons switched on from the first boot:\n",
        )
        .stdout_contains("    • `volumesnapshots` adds the snapshot API the CSI driver expects.\n")
        .stdout_lacks("{{");

    let repo = Test::in_repo();
    let mut pty = crate::support::pty::Pty::spawn_sized(
        repo.path(),
        &["plan", "scenarios/day55.toml", "--explain"],
        &[("LANG", "C.UTF-8")],
        60,
    );
    let limit = std::time::Duration::from_secs(30);
    pty.expect("create-ingress", limit);
    assert_eq!(pty.wait(limit), 0);
    let lines: Vec<String> = pty
        .screen()
        .lines()
        .map(|l| console::strip_ansi_codes(l).trim_end().to_owned())
        .collect();
    let too_wide: Vec<&String> = lines
        .iter()
        // A command is copied whole, and one word longer than the line cannot be helped.
        .filter(|l| l.chars().count() > 60 && !l.trim_start().starts_with("$ ") && l.trim().contains(' '))
        .collect();
    assert!(too_wide.is_empty(), "lines wider than the terminal: {too_wide:#?}");
    let paragraph = assert_reflowed_paragraph(&pty.screen(), "Starts a minikube profile", 60);
    // The bold markers are drawn as bold, not printed.
    assert!(paragraph.iter().all(|l| !l.contains("**")), "{paragraph:#?}");
}
