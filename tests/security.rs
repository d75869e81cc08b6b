//! Labs from the internet (docs/security.md): files a lab may read, hostile variable values,
//! consent, the lab's cluster for commands, and secrets kept out of every output.

use std::time::Duration;

use crate::support::Test;

const NOTE_STEP: &str = "\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n";

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

#[test]
fn templates_outside_the_scenario_folder_are_refused_without_reading_them() {
    let lab = "[lab]\nid = \"x\"\ntitle = \"X\"\ntemplates = \"/etc\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\ncreate = { template = \"passwd\" }\n";
    Test::new()
        .write("lab.toml", lab)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: the templates folder `/etc` is outside the scenario's folder")
        .stderr_contains(" --> lab.toml:4:13\n")
        .stderr_contains("a lab reads only files in its own folder")
        .stderr_lacks("root:");
}

#[test]
fn a_templates_link_to_a_folder_outside_is_refused() {
    let t = Test::new().write(
        "lab/lab.toml",
        "[lab]\nid = \"x\"\ntitle = \"X\"\ntemplates = \"t\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\ncreate = { template = \"passwd\" }\n",
    );
    std::os::unix::fs::symlink("/etc", t.path().join("lab/t")).unwrap();
    t.args(["validate", "lab/lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: the templates folder `lab/t` is outside the scenario's folder")
        .stderr_lacks("root:");
}

#[test]
fn a_device_as_scenario_is_refused_at_once() {
    Test::new()
        .args(["validate", "/dev/zero"])
        .timeout(Duration::from_secs(20))
        .run()
        .status(2)
        .stderr_contains("error: scenario `/dev/zero` is a character device (such as /dev/zero), not a regular file")
        .stderr_contains("hint: name a regular text file");
}

#[test]
fn a_named_pipe_as_scenario_is_refused_without_blocking() {
    let t = Test::new();
    let fifo = t.path().join("lab.toml");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo(3) with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    t.args(["validate", "lab.toml"])
        .timeout(Duration::from_secs(20))
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is a named pipe (FIFO), not a regular file");
}

#[test]
fn a_scenario_larger_than_4_mib_is_refused() {
    let big = format!("{}# {}\n", crate::support::LAB, "x".repeat(4 * 1024 * 1024));
    Test::new()
        .write("lab.toml", big + NOTE_STEP)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is larger than 4 MiB");
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    Test::new()
        .write("lab.toml", b"[lab]\nid = \"x\"\ntitle = \"Caf\xE9\"\n")
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is not valid UTF-8: byte 0xE9 at line 3, column 13")
        .stderr_contains(" --> lab.toml:3:13\n")
        .stderr_contains("hint: save the file as UTF-8");
}

#[test]
fn utf16_is_refused_with_a_hint() {
    let text = format!("{}{NOTE_STEP}", crate::support::LAB);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    Test::new()
        .write("lab.toml", utf16)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: scenario `lab.toml` is UTF-16 text, not UTF-8")
        .stderr_contains("hint: save the file as UTF-8");
}

#[test]
fn a_template_in_latin1_is_reported_in_the_template() {
    let lab = "[lab]\nid = \"x\"\ntitle = \"X\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\ncreate = { template = \"cm.yaml.j2\" }\n";
    Test::new()
        .write("lab.toml", lab)
        .write(
            "templates/cm.yaml.j2",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xE9\n",
        )
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: template `templates/cm.yaml.j2` is not valid UTF-8: byte 0xE9 at line 4, column 12")
        .stderr_contains(" --> templates/cm.yaml.j2:4:12\n")
        .stderr_contains("save the file as UTF-8");
}

// ---------------------------------------------------------------------------------------------
// Typed variables
// ---------------------------------------------------------------------------------------------

#[test]
fn a_namespace_that_would_add_a_key_is_refused_at_the_command_line() {
    Test::in_repo()
        .args([
            "validate",
            "scenarios/day55.toml",
            "--var",
            "namespace=pacman\n  evil: 1",
        ])
        .run()
        .status(2)
        .stderr_contains("error: --var namespace: `pacman\\n  evil: 1` is not a dns-label")
        .stderr_contains("= expected: a DNS label")
        .stderr_contains("hint: `namespace` is of type `dns-label` in [vars] (its default is `pacman`)");
}

#[test]
fn a_namespace_with_a_comment_or_shell_code_is_refused() {
    for value in ["pacman # comment", "$(touch PWNED)", "a b", "Pacman"] {
        Test::in_repo()
            .args(["plan", "scenarios/day55.toml", "--var"])
            .arg(format!("namespace={value}"))
            .run()
            .status(2)
            .stderr_contains(&format!("error: --var namespace: `{value}` is not a dns-label"));
    }
    Test::in_repo()
        .args([
            "export",
            "scenarios/day55.toml",
            "--format",
            "sh",
            "--var",
            "local_port=99999",
        ])
        .run()
        .status(2)
        .stderr_contains("error: --var local_port: 99999 is not a port (1 to 65535)");
    Test::in_repo()
        .args(["validate", "scenarios/day55.toml", "--var", "mongo_image=Mongo 4"])
        .run()
        .status(2)
        .stderr_contains("error: --var mongo_image: `Mongo 4` is not an image reference");
}

#[test]
fn a_variable_given_twice_is_an_error() {
    Test::in_repo()
        .args([
            "validate",
            "scenarios/day55.toml",
            "--var",
            "namespace=a",
            "--var",
            "namespace=b",
        ])
        .run()
        .status(2)
        .stderr_contains("error: --var namespace is given twice (`a`, then `b`)")
        .stderr_contains("hint: give each variable once");
}

#[test]
fn a_default_that_does_not_fit_its_type_is_reported_at_its_line() {
    let lab = format!(
        "{}\n[vars]\nns = {{ default = \"Not A Label\", type = \"dns-label\" }}\nport = {{ default = 0, type = \"port\" }}\nkind = {{ default = \"x\", type = \"colour\" }}\n{NOTE_STEP}",
        crate::support::LAB
    );
    Test::new()
        .write("lab.toml", lab)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("the default does not fit `type = \"dns-label\"`: `Not A Label` is not a dns-label")
        .stderr_contains(" --> lab.toml:6:6")
        .stderr_contains("0 is not a port (1 to 65535)")
        .stderr_contains(
            "`colour` is not a variable type; use one of string, int, bool, port, dns-label, dns-name, image, duration",
        );
}

/// A string variable written into a manifest, and a check that reads it back.
const NOTE_LAB: &str = r#"
[lab]
id = "note"
title = "Note"

[vars]
note = "hello"

[[steps]]
id = "create"
title = "Create"
create = { template = "cm.yaml.j2" }

[[steps.checks]]
field = { kind = "ConfigMap", name = "note", namespace = "default", path = "data.note", equals = "{{ note }}" }

[[steps.checks]]
field = { kind = "ConfigMap", name = "note", namespace = "default", path = "data", equals = { note = "{{ note }}" } }

[[steps.checks]]
field = { kind = "ConfigMap", name = "note", namespace = "default", path = "metadata.labels", equals = { app = "note" } }
"#;

const NOTE_TEMPLATE: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: note\n  namespace: default\n  labels:\n    app: note\ndata:\n  note: {{ note }}\n";

#[test]
fn a_string_value_reaches_the_cluster_as_one_value_and_adds_no_key() {
    for value in [
        "pacman\n  evil: 1",
        "pacman # comment",
        "a\n---\nkind: Secret",
        "true",
        "x: y",
    ] {
        Test::new()
            .write("lab.toml", NOTE_LAB)
            .write("templates/cm.yaml.j2", NOTE_TEMPLATE)
            .args(["run", "lab.toml", "--cluster", "rehearsal", "--var"])
            .arg(format!("note={value}"))
            .run()
            .success()
            .stdout_contains("1 passed, 0 failed");
    }
}

#[test]
fn a_value_that_a_template_does_not_keep_whole_is_refused() {
    let template = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: note\n  namespace: default\n# made for {{ note }}\ndata: {}\n";
    Test::new()
        .write("lab.toml", NOTE_LAB)
        .write("templates/cm.yaml.j2", template)
        .args(["validate", "lab.toml"])
        .run()
        .status(2)
        .stderr_contains("error: template `cm.yaml.j2`: the value of `note` does not come through as written");
}

// ---------------------------------------------------------------------------------------------
// Command steps act on the lab's cluster
// ---------------------------------------------------------------------------------------------

/// Command steps that create a namespace with kubectl, show their KUBECONFIG (its mode and
/// path) and a check that the namespace exists on the lab's cluster.
const KUBECTL_LAB: &str = r#"
[lab]
id = "kubectl"
title = "kubectl in a command"

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "create"
title = "Create a namespace with kubectl"
command = { argv = ["kubectl", "create", "namespace", "made-by-command"] }

[[steps.checks]]
exists = { kind = "Namespace", name = "made-by-command" }
timeout = "10s"

[[steps]]
id = "show"
title = "Show KUBECONFIG"
command = { argv = ["sh", "-c", "for f in $(echo \"$KUBECONFIG\" | tr ':' ' '); do echo \"kubeconfig $(stat -c %a \"$f\") $f\"; done"] }
"#;

/// The `kubeconfig MODE PATH` lines the lab printed.
fn kubeconfig_lines(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|l| l.split_once("show | kubeconfig ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split_once(' '))
        .map(|(mode, path)| (mode.to_owned(), path.trim().to_owned()))
        .collect()
}

/// Whether `kubectl` finds namespace `name` in the cluster of `kubeconfig`.
fn namespace_exists(kubeconfig: &std::path::Path, cache: &std::path::Path, name: &str) -> bool {
    std::process::Command::new("kubectl")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .arg("--cache-dir")
        .arg(cache)
        .args(["get", "namespace", name])
        .output()
        .expect("run kubectl")
        .status
        .success()
}

#[test]
fn a_command_step_acts_on_the_embedded_rehearsal_not_the_ambient_kubeconfig() {
    let t = Test::new().write("lab.toml", KUBECTL_LAB);
    let other = crate::support::serve::Serve::start(t.path(), "other.kubeconfig");
    let cache = t.path().join("kube-cache");
    let out = t
        .args(["run", "lab.toml", "--cluster", "rehearsal", "--trust"])
        .env("KUBECONFIG", &other.kubeconfig)
        .env("KUBECACHEDIR", &cache)
        .timeout(Duration::from_secs(120))
        .run()
        .success()
        .stdout_contains("3 passed, 0 failed");
    // Only the embedded cluster's private kubeconfig, mode 0600, removed when the run ended.
    let files = kubeconfig_lines(&out.stdout);
    assert_eq!(files.len(), 1, "{}", out.stdout);
    assert_eq!(files[0].0, "600", "{}", out.stdout);
    assert!(
        !std::path::Path::new(&files[0].1).exists(),
        "{} was left behind",
        files[0].1
    );
    assert!(!namespace_exists(&other.kubeconfig, &cache, "made-by-command"));
}

#[test]
fn a_command_step_acts_on_the_kubeconfig_given_not_the_ambient_one() {
    let t = Test::new().write("lab.toml", KUBECTL_LAB);
    let lab = crate::support::serve::Serve::start(t.path(), "lab.kubeconfig");
    let other = crate::support::serve::Serve::start(t.path(), "other.kubeconfig");
    let cache = t.path().join("kube-cache");
    let out = t
        .args(["run", "lab.toml", "--cluster", "existing", "--trust", "--kubeconfig"])
        .arg(&lab.kubeconfig)
        .env("KUBECONFIG", &other.kubeconfig)
        .env("KUBECACHEDIR", &cache)
        .timeout(Duration::from_secs(120))
        .run()
        .success()
        .stdout_contains("3 passed, 0 failed");
    // A private file selecting the lab's context (0600, removed at the end), then the lab's file.
    let files = kubeconfig_lines(&out.stdout);
    assert_eq!(files.len(), 2, "{}", out.stdout);
    assert_eq!(files[0].0, "600");
    assert!(
        !std::path::Path::new(&files[0].1).exists(),
        "{} was left behind",
        files[0].1
    );
    assert_eq!(std::path::Path::new(&files[1].1), lab.kubeconfig.as_path());
    assert!(namespace_exists(&lab.kubeconfig, &cache, "made-by-command"));
    assert!(!namespace_exists(&other.kubeconfig, &cache, "made-by-command"));
}
