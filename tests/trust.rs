//! Consent for what can hurt (docs/security.md): a lab that runs programs, commands in pods,
//! reaches hosts or grants powerful roles runs only with the user's consent, asked once on a
//! terminal and remembered by the lab's content, given for one run with `--trust`, or built in
//! for the bundled labs while they are as shipped.

use std::path::Path;
use std::time::Duration;

use crate::support::pty::Pty;
use crate::support::{DATA_DIR_VAR, REPO, Test};

const SCREEN: Duration = Duration::from_secs(60);

/// A lab whose only step runs a program that leaves a file behind (`ran`).
const COMMAND_LAB: &str = r#"
[lab]
id = "touchy"
title = "Runs a program"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "touch"
title = "Touch a file"
command = { argv = ["sh", "-c", "touch ran; echo touched"] }
"#;

/// A lab that only changes objects of its cluster.
const PLAIN_LAB: &str = r#"
[lab]
id = "plain"
title = "Only objects"

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "ns"
title = "Make a namespace"
apply = { template = "ns.yaml.j2" }
"#;

/// A ClusterRoleBinding that gives cluster-admin to the default ServiceAccount.
const ROOT_BINDING: &str = "\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: root
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: default
  namespace: default
";

const NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: plain\n";

/// A folder holding COMMAND_LAB, and the data folder its runs share.
fn command_lab() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("lab.toml"), COMMAND_LAB).expect("write the lab");
    let data = dir.path().join(".data");
    (dir, data)
}

/// `workshop ARGS` in `dir`, with no terminal, remembering consent in `data`.
fn in_dir(dir: &Path, data: &Path) -> Test {
    Test::new().current_dir(dir).env(DATA_DIR_VAR, data)
}

#[test]
fn a_lab_that_runs_a_program_is_refused_without_a_terminal_naming_what_it_runs() {
    let (dir, data) = command_lab();
    in_dir(dir.path(), &data)
        .args(["run", "lab.toml"])
        .run()
        .status(4)
        .stderr_contains("error: lab `touchy` was not run: it has not been trusted on this machine and there is no terminal to ask on")
        .stderr_contains("runs programs on this machine:")
        .stderr_contains("`sh -c 'touch ran; echo touched'` (step touch)")
        .stderr_contains("workshop plan lab.toml")
        .stderr_contains("add --trust to trust this run only")
        .stdout_lacks("touched");
    assert!(!dir.path().join("ran").exists(), "the program ran without consent");
    assert!(!data.join("trusted-labs").exists(), "a refusal is not remembered");
}

#[test]
fn trust_runs_the_lab_for_that_run_only() {
    let (dir, data) = command_lab();
    in_dir(dir.path(), &data)
        .args(["run", "lab.toml", "--trust"])
        .run()
        .success()
        .stdout_contains("trusted for this run only (--trust)")
        .stdout_contains("touch | touched");
    assert!(dir.path().join("ran").exists());
    std::fs::remove_file(dir.path().join("ran")).expect("remove the mark");
    in_dir(dir.path(), &data).args(["run", "lab.toml"]).run().status(4);
    assert!(!dir.path().join("ran").exists(), "--trust was remembered");
}

#[test]
fn yes_at_the_terminal_runs_the_lab_and_is_remembered_until_the_lab_changes() {
    let (dir, data) = command_lab();
    let data_str = data.to_str().expect("a UTF-8 path");
    let mut pty = Pty::spawn(dir.path(), &["run", "lab.toml"], &[(DATA_DIR_VAR, data_str)]);
    pty.expect(
        "lab `touchy` (lab.toml) has not been trusted on this machine. This lab:",
        SCREEN,
    )
    .expect("`sh -c 'touch ran; echo touched'` (step touch)", SCREEN)
    .expect("run it? [y/N]", SCREEN)
    .send("y\r")
    .expect("trusted: you said yes", SCREEN);
    assert_eq!(pty.wait(SCREEN), 0, "{}", pty.screen());
    assert!(dir.path().join("ran").exists());
    let list = std::fs::read_to_string(data.join("trusted-labs")).expect("the answer is remembered");
    assert!(
        list.starts_with("sha256:") && list.contains("\ttouchy\tlab.toml\t"),
        "{list}"
    );

    // Remembered: no terminal needed any more, and plan says so.
    in_dir(dir.path(), &data)
        .args(["run", "lab.toml"])
        .run()
        .success()
        .stdout_contains("trusted: you trusted this lab's content on this machine before");
    in_dir(dir.path(), &data)
        .args(["plan", "lab.toml"])
        .run()
        .success()
        .stdout_contains("consent: not asked, you trusted this content on this machine");

    // A changed lab (one more word in a command) is asked about again.
    let changed = COMMAND_LAB.replace("echo touched", "echo touched; id");
    std::fs::write(dir.path().join("lab.toml"), changed).expect("change the lab");
    in_dir(dir.path(), &data)
        .args(["run", "lab.toml"])
        .run()
        .status(4)
        .stderr_contains("`sh -c 'touch ran; echo touched; id'` (step touch)");
    in_dir(dir.path(), &data)
        .args(["plan", "lab.toml"])
        .run()
        .success()
        .stdout_contains("consent: `workshop run` asks before it runs this lab");
}

#[test]
fn no_at_the_terminal_runs_nothing_and_is_not_remembered() {
    let (dir, data) = command_lab();
    let data_str = data.to_str().expect("a UTF-8 path");
    let mut pty = Pty::spawn(dir.path(), &["run", "lab.toml"], &[(DATA_DIR_VAR, data_str)]);
    pty.expect("run it? [y/N]", SCREEN).send("\r").expect(
        "was not run: it has not been trusted on this machine and you did not say yes",
        SCREEN,
    );
    assert_eq!(pty.wait(SCREEN), 4, "{}", pty.screen());
    assert!(!dir.path().join("ran").exists(), "the program ran after a no");
    assert!(!data.join("trusted-labs").exists(), "a no is not remembered");
}

#[test]
fn a_lab_that_only_changes_objects_needs_no_consent() {
    Test::new()
        .write("lab.toml", PLAIN_LAB)
        .write("templates/ns.yaml.j2", NS)
        .args(["run", "lab.toml"])
        .run()
        .success()
        .stdout_lacks("trusted")
        .stdout_contains("2 passed, 0 failed");
}

#[test]
fn workshop_trust_remembers_the_lab_and_revoke_forgets_it() {
    let (dir, data) = command_lab();
    in_dir(dir.path(), &data)
        .args(["trust", "lab.toml"])
        .run()
        .success()
        .stdout_contains("`sh -c 'touch ran; echo touched'` (step touch)")
        .stdout_contains("trusted: `workshop run lab.toml` will not ask while the lab's content stays the same");
    in_dir(dir.path(), &data).args(["run", "lab.toml"]).run().success();
    in_dir(dir.path(), &data)
        .args(["trust", "lab.toml", "--revoke"])
        .run()
        .success()
        .stdout_contains("lab `touchy` (lab.toml) is no longer trusted");
    in_dir(dir.path(), &data).args(["run", "lab.toml"]).run().status(4);
}

#[test]
fn reset_asks_only_for_what_the_cleanup_steps_do() {
    // The steps run a program, the cleanup does not: reset needs no consent.
    let (dir, data) = command_lab();
    in_dir(dir.path(), &data)
        .args(["reset", "lab.toml", "--yes"])
        .run()
        .success();
    // A cleanup step that runs a program: reset asks (and refuses here).
    let with_cleanup = format!(
        "{COMMAND_LAB}\n[[cleanup]]\nid = \"untouch\"\ntitle = \"Remove the file\"\ncommand = {{ argv = [\"rm\", \"-f\", \"ran\"] }}\n"
    );
    std::fs::write(dir.path().join("lab.toml"), with_cleanup).expect("write the lab");
    std::fs::write(dir.path().join("ran"), "").expect("plant the file");
    in_dir(dir.path(), &data)
        .args(["reset", "lab.toml", "--yes"])
        .run()
        .status(4)
        .stderr_contains("error: lab `touchy` was not reset")
        .stderr_contains("`rm -f ran` (cleanup step untouch)")
        .stderr_contains("add --trust to trust this reset only");
    assert!(dir.path().join("ran").exists(), "the cleanup ran without consent");
    in_dir(dir.path(), &data)
        .args(["reset", "lab.toml", "--yes", "--trust"])
        .run()
        .success();
    assert!(!dir.path().join("ran").exists(), "the trusted cleanup did not run");
}

/// A copy of the bundled day55 (scenario and templates) in a new folder.
fn day55_copy() -> Test {
    let t = Test::new().write(
        "day55.toml",
        std::fs::read(Path::new(REPO).join("scenarios/day55.toml")).expect("read day55"),
    );
    let templates = Path::new(REPO).join("scenarios/templates");
    let mut t = t;
    for entry in std::fs::read_dir(&templates).expect("read day55's templates") {
        let entry = entry.expect("a templates entry");
        let name = Path::new("templates").join(entry.file_name());
        t = t.write(name, std::fs::read(entry.path()).expect("read a template"));
    }
    t
}

#[test]
fn an_unchanged_copy_of_day55_is_the_bundled_lab_and_a_changed_one_is_not() {
    day55_copy()
        .args(["plan", "day55.toml"])
        .run()
        .success()
        .stdout_contains("`minikube tunnel -p mc-demo` (step tunnel)")
        .stdout_contains("consent: not asked, a lab shipped with workshop, unchanged");
    let changed = std::fs::read_to_string(Path::new(REPO).join("scenarios/day55.toml")).expect("read day55")
        + "\n[[steps]]\nid = \"extra\"\ntitle = \"One more thing\"\ncommand = { argv = [\"sh\", \"-c\", \"id > PWNED\"] }\n";
    let out = day55_copy()
        .write("day55.toml", changed)
        .args(["run", "day55.toml", "--cluster", "rehearsal"])
        .run()
        .status(4)
        .stderr_contains("error: lab `day55` was not run: it has not been trusted on this machine")
        .stderr_contains("`sh -c 'id > PWNED'` (step extra)")
        .stderr_contains("`minikube tunnel -p mc-demo` (step tunnel)");
    assert!(!out.path().join("PWNED").exists());
}

#[test]
fn validate_lists_programs_pod_commands_hosts_grants_and_files() {
    let lab = r#"
[lab]
id = "caps"
title = "Everything that asks"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "rbac"
title = "Grants"
apply = { template = "rbac.yaml.j2" }

[[steps]]
id = "forward"
title = "Forward"
port-forward = { service = "web", namespace = "default", local-port = 18080, remote-port = 80 }

[[steps]]
id = "own"
title = "Through the forward"
http = { url = "http://127.0.0.1:18080/" }

[[steps]]
id = "away"
title = "Somewhere else"
http = { url = "http://example.invalid/x" }

[[steps]]
id = "shell"
title = "In a pod"
exec = { pod = "web-0", namespace = "default", command = ["cat", "/etc/hostname"] }

[[steps]]
id = "local"
title = "Here"
command = { argv = ["echo", "hi"] }
"#;
    let rbac = format!(
        "{ROOT_BINDING}---\n\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: everything
  namespace: default
rules:
- apiGroups: ['*']
  resources: ['*']
  verbs: ['*']
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: everything
  namespace: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: everything
subjects:
- kind: User
  name: alice
"
    );
    Test::new()
        .write("lab.toml", lab)
        .write("templates/rbac.yaml.j2", rbac)
        .args(["validate", "lab.toml"])
        .run()
        .success()
        .stdout_in_order(&[
            "this lab:",
            "runs programs on this machine:",
            "`echo hi` (step local)",
            "runs commands in pods:",
            "`cat /etc/hostname` in pod default/web-0 (step shell)",
            "sends HTTP requests to:",
            "example.invalid:80 (step away)",
            "grants powerful roles:",
            "ClusterRoleBinding root gives ClusterRole cluster-admin to ServiceAccount default/default cluster-wide (template rbac.yaml.j2)",
            "RoleBinding everything gives Role everything to User alice in namespace default (template rbac.yaml.j2)",
            "reads: lab.toml, ",
            "templates/rbac.yaml.j2",
            "consent: `workshop run` asks before it runs this lab",
        ])
        .stdout_lacks("127.0.0.1:18080");
}

#[test]
fn minikube_flags_of_the_labs_own_are_a_program_it_runs_and_the_usual_start_is_not() {
    let lab = |flags: &str| {
        PLAIN_LAB.replace(
            "provider = \"rehearsal\"",
            &format!("provider = \"minikube\"\nprofile = \"lab\"{flags}"),
        )
    };
    Test::new()
        .write(
            "lab.toml",
            lab("\nextra-flags = [\"--mount\", \"--mount-string=/:/host\"]"),
        )
        .write("templates/ns.yaml.j2", NS)
        .args(["validate", "lab.toml"])
        .run()
        .success()
        .stdout_in_order(&[
            "runs programs on this machine:",
            "`minikube start -p lab --mount '--mount-string=/:/host'` (step start, with the lab's extra-flags)",
            "consent: `workshop run` asks before it runs this lab",
        ]);
    Test::new()
        .write("lab.toml", lab(""))
        .write("templates/ns.yaml.j2", NS)
        .args(["validate", "lab.toml"])
        .run()
        .success()
        .stdout_lacks("minikube start")
        .stdout_contains("consent: not needed");
}

#[test]
fn reads_lists_the_templates_a_template_includes() {
    Test::new()
        .write("lab.toml", PLAIN_LAB)
        .write(
            "templates/ns.yaml.j2",
            "apiVersion: v1\nkind: Namespace\n{% include 'parts/meta.yaml.j2' %}\n",
        )
        .write("templates/parts/meta.yaml.j2", "metadata:\n  name: plain")
        .args(["validate", "lab.toml"])
        .run()
        .success()
        .stdout_contains("reads: lab.toml, templates/ns.yaml.j2, templates/parts/meta.yaml.j2");
}

/// A grant a template makes only on some Kubernetes versions is listed and asked about,
/// whatever version is assumed before the cluster answers.
#[test]
fn a_grant_hidden_behind_a_version_check_is_still_listed() {
    let grant = format!(
        "{{% if cluster.minor < 20 %}}{ROOT_BINDING}{{% else %}}\
apiVersion: v1
kind: Namespace
metadata:
  name: plain
{{% endif %}}"
    );
    Test::new()
        .write(
            "lab.toml",
            PLAIN_LAB.replace("provider = \"rehearsal\"", "provider = \"rehearsal\"\nkubernetes-version = \"1.31.0\""),
        )
        .write("templates/ns.yaml.j2", grant)
        .args(["validate", "lab.toml"])
        .run()
        .success()
        .stdout_in_order(&[
            "grants powerful roles:",
            "ClusterRoleBinding root gives ClusterRole cluster-admin to ServiceAccount default/default cluster-wide (template ns.yaml.j2)",
            "consent: `workshop run` asks before it runs this lab",
        ]);
}
