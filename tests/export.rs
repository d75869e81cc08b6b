//! The exported shell script with hostile values: whatever the variables and the captured
//! values hold, `bash -n` accepts the script and, run with stub kubectl/minikube/curl that record
//! their arguments, every program receives exactly the arguments workshop would use.
//!
//! A seeded generator builds the values from fragments that break naive quoting (quotes, `$(…)`,
//! backticks, line breaks, globs, the heredoc delimiter, …). `WORKSHOP_FUZZ_CASES` sets how many
//! cases run (default 16) and `WORKSHOP_FUZZ_SEED` the first seed; a failure prints its seed.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::Test;

/// Fragments that break naive shell quoting, YAML or heredocs.
const FRAGMENTS: &[&str] = &[
    "'",
    "\"",
    "$",
    "`",
    "\\",
    "$(touch PWNED)",
    "`touch PWNED`",
    ";id",
    "&",
    "|",
    "\n",
    " ",
    "\t",
    "*",
    "?",
    "[a]",
    "~",
    "#",
    "!",
    "{x,y}",
    "%",
    "=",
    ",",
    "<",
    ">",
    "-",
    "--",
    "\nWORKSHOP_EOF\n",
    "é",
    "'\\''",
    "\r",
    "${HOME}",
    "$HOME",
    "a",
    "Z9",
    ":",
    "/",
    "^",
    "..",
    "@",
    "\u{2028}",
    "*/",
];

/// A hostile value: 0 to 6 fragments.
fn hostile(rng: &mut fastrand::Rng) -> String {
    (0..rng.usize(0..=6))
        .map(|_| FRAGMENTS[rng.usize(..FRAGMENTS.len())])
        .collect()
}

/// A hostile value with no whitespace at either end (a command's output is captured trimmed).
fn hostile_trimmed(rng: &mut fastrand::Rng) -> String {
    format!("x{}x", hostile(rng))
}

const LAB: &str = r#"
[lab]
id = "hostile"
title = "Hostile values"

[cluster]
profile = "hp"

[vars]
ns = "a"
name = "b"
addon = "c"
sel = "d"
path = "e"
header = "f"
form = "g"
body = "h"
arg = "i"
label = "j"
prompt = "k"
replicas = 3

[[steps]]
id = "start"
title = "Start"
start-cluster = {}

[[steps]]
id = "addon"
title = "Addon"
enable-addon = { name = "{{ addon }}" }

[[steps]]
id = "create"
title = "Create"
create = { template = "cm.yaml.j2", allow-existing = true }

[[steps]]
id = "get"
title = "Get"
get = { resources = "pods", name = "{{ name }}", namespace = "{{ ns }}", selector = "{{ sel }}" }

[[steps.capture]]
name = "victim"
object = { kind = "Pod", name = "{{ name }}", namespace = "{{ ns }}" }
path = "metadata.name"

[[steps.capture]]
name = "rel"
object = { kind = "Pod", name = "{{ name }}", namespace = "{{ ns }}" }
path = "metadata.uid"

[[steps]]
id = "patch"
title = "Patch"
patch = { kind = "Pod", name = "{{ victim }}", namespace = "{{ ns }}", type = "merge", patch = '{"metadata":{"labels":{"x":"{{ label }}","y":"{{ rel }}"}}}' }

[[steps]]
id = "delete"
title = "Delete"
delete = { kind = "Pod", name = "{{ victim }}", namespace = "{{ ns }}" }

[[steps]]
id = "scale"
title = "Scale"
scale = { kind = "Deployment", name = "{{ name }}", namespace = "{{ ns }}", replicas = "{{ replicas }}" }

[[steps]]
id = "forward"
title = "Forward"
port-forward = { service = "{{ name }}", namespace = "{{ ns }}", local-port = 18080, remote-port = 80 }

[[steps]]
id = "post"
title = "Post"
pause = "{{ prompt }}"
http = { url = "http://127.0.0.1:18080/{{ path }}", method = "POST", headers = { X-Test = "{{ header }}" }, form = { who = "{{ form }}", cap = "{{ victim }}" } }

[[steps]]
id = "raw"
title = "Raw body"
http = { url = "http://127.0.0.1:18080/{{ path }}", method = "POST", body = "{{ body }}" }

[[steps]]
id = "json"
title = "JSON body"
http = { url = "http://127.0.0.1:18080/{{ path }}", method = "POST", json = { k = "{{ body }}", u = "{{ rel }}" } }

[[steps]]
id = "run"
title = "Run"
command = { argv = ["curl", "{{ arg }}", "{{ victim }}"] }

[[steps.capture]]
name = "out"
response = "."

[[steps]]
id = "exec"
title = "Exec"
exec = { pod = "{{ out }}", namespace = "{{ ns }}", command = ["sh", "-c", "{{ arg }}"] }

[[steps]]
id = "marker"
title = "Marker"
get = { resources = "pods", name = "{{ player }}" }

[[steps.capture]]
name = "player"
when = "before"
generate = "player"

[[steps]]
id = "waits"
title = "Waits"
note = {}

[[steps.checks]]
rollout = { kind = "Deployment", name = "{{ name }}", namespace = "{{ ns }}" }
timeout = "60s"

[[steps.checks]]
pvc-bound = { name = "{{ victim }}", namespace = "{{ ns }}" }
timeout = "60s"

[[steps.checks]]
ingress-address = { name = "{{ name }}", namespace = "{{ ns }}" }
timeout = "60s"

[[steps.checks]]
timeout = "4s"
http = { url = "http://127.0.0.1:18080/{{ path }}", headers = { Host = "{{ header }}" } }

[[steps]]
id = "tunnel"
title = "Tunnel"
tunnel = {}
"#;

const CONFIGMAP: &str =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  plain: value\n";

/// A template that writes hostile values as a value and as a key.
const HOSTILE_CONFIGMAP: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  plain: {{ label }}\n  {{ form }}: key\n";

/// Records every call as its arguments separated by NUL, one file per call; answers `get -o
/// jsonpath=` with the values the test chose, and curl with a body.
const STUB: &str = r#"#!/usr/bin/env bash
prog=${0##*/}
record="$STUB_LOG/$(date +%s%N)-$$-$RANDOM"
printf '%s\0' "$prog" "$@" > "$record.tmp"
mv "$record.tmp" "$record.call"
if [[ $prog == kubectl && $1 == create && $2 == -f ]]; then
  cp -- "$3" "$record.manifest"
  if [[ -n ${STUB_CREATE_ERROR:-} ]]; then
    printf '%s\n' "$STUB_CREATE_ERROR" >&2
    exit 1
  fi
fi
if [[ $prog == kubectl && $1 == get ]]; then
  for ((i = 1; i < $#; i++)); do
    if [[ ${!i} == -o ]]; then
      j=$((i + 1))
      case ${!j} in
        'jsonpath={.metadata.name}') printf '%s' "$STUB_NAME" ;;
        'jsonpath={.metadata.uid}') printf '%s' "$STUB_UID" ;;
      esac
    fi
  done
fi
if [[ $prog == curl ]]; then
  printf '%s' "$STUB_BODY"
fi
exit 0
"#;

struct Values {
    vars: BTreeMap<&'static str, String>,
    /// What `kubectl get -o jsonpath={.metadata.name}` answers.
    name_answer: String,
    /// What `kubectl get -o jsonpath={.metadata.uid}` answers (it goes into JSON documents).
    uid_answer: String,
    /// What curl answers.
    body_answer: String,
}

impl Values {
    fn generate(rng: &mut fastrand::Rng) -> Values {
        let names = [
            "ns", "name", "addon", "sel", "path", "header", "form", "body", "arg", "label", "prompt",
        ];
        Values {
            vars: names.iter().map(|n| (*n, hostile(rng))).collect(),
            name_answer: hostile_trimmed(rng),
            uid_answer: format!("uid-{}", rng.u32(..)),
            body_answer: hostile_trimmed(rng),
        }
    }

    fn v(&self, name: &str) -> String {
        self.vars[name].clone()
    }

    /// Every call the script must make, in order (`player` is the generated marker).
    fn expected(&self, player: &str) -> Vec<Vec<String>> {
        let s = |xs: &[&str]| xs.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        let (ns, name, victim) = (self.v("ns"), self.v("name"), self.name_answer.clone());
        let url = format!("http://127.0.0.1:18080/{}", self.v("path"));
        let patch = json!({"metadata": {"labels": {"x": self.v("label"), "y": self.uid_answer}}}).to_string();
        let body = json!({"k": self.v("body"), "u": self.uid_answer}).to_string();
        vec![
            s(&["minikube", "start", "-p", "hp"]),
            s(&["minikube", "-p", "hp", "addons", "enable", &self.v("addon")]),
            s(&["kubectl", "create", "-f", "cm.yaml"]),
            s(&["kubectl", "get", "pods", &name, "-n", &ns, "-l", &self.v("sel")]),
            s(&[
                "kubectl",
                "get",
                "pod",
                &name,
                "-n",
                &ns,
                "-o",
                "jsonpath={.metadata.name}",
            ]),
            s(&[
                "kubectl",
                "get",
                "pod",
                &name,
                "-n",
                &ns,
                "-o",
                "jsonpath={.metadata.uid}",
            ]),
            s(&[
                "kubectl", "patch", "pod", &victim, "-n", &ns, "--type", "merge", "-p", &patch,
            ]),
            s(&["kubectl", "delete", "pod", &victim, "-n", &ns]),
            s(&["kubectl", "scale", "deployment", &name, "--replicas", "3", "-n", &ns]),
            s(&["kubectl", "port-forward", &format!("svc/{name}"), "18080:80", "-n", &ns]),
            s(&[
                "curl",
                "-s",
                "-X",
                "POST",
                "-H",
                &format!("X-Test: {}", self.v("header")),
                "--data-urlencode",
                &format!("cap={victim}"),
                "--data-urlencode",
                &format!("who={}", self.v("form")),
                "--globoff",
                "--url",
                &url,
            ]),
            s(&[
                "curl",
                "-s",
                "-X",
                "POST",
                "--data-raw",
                &self.v("body"),
                "--globoff",
                "--url",
                &url,
            ]),
            s(&[
                "curl",
                "-s",
                "-X",
                "POST",
                "-H",
                "Content-Type: application/json",
                "--data-raw",
                &body,
                "--globoff",
                "--url",
                &url,
            ]),
            s(&["curl", &self.v("arg"), &victim]),
            s(&[
                "kubectl",
                "exec",
                "-n",
                &ns,
                &self.body_answer,
                "--",
                "sh",
                "-c",
                &self.v("arg"),
            ]),
            s(&["kubectl", "get", "pods", player]),
            s(&[
                "kubectl",
                "rollout",
                "status",
                &format!("deployment/{name}"),
                "-n",
                &ns,
                "--timeout",
                "60s",
            ]),
            s(&[
                "kubectl",
                "wait",
                "--for",
                "jsonpath={.status.phase}=Bound",
                &format!("pvc/{victim}"),
                "-n",
                &ns,
                "--timeout",
                "60s",
            ]),
            s(&[
                "kubectl",
                "wait",
                "--for",
                "jsonpath={.status.loadBalancer.ingress}",
                &format!("ingress/{name}"),
                "-n",
                &ns,
                "--timeout",
                "60s",
            ]),
            s(&[
                "curl",
                "-s",
                "-f",
                "--retry",
                "2",
                "--retry-delay",
                "2",
                "--retry-all-errors",
                "-o",
                "/dev/null",
                "-H",
                &format!("Host: {}", self.v("header")),
                "--globoff",
                "--url",
                &url,
            ]),
            s(&["minikube", "tunnel", "-p", "hp"]),
        ]
    }
}

/// The calls the stubs recorded, in the order they started, with the manifests given to
/// `kubectl create -f`.
fn recorded(log: &Path) -> (Vec<Vec<String>>, Vec<String>) {
    let mut files: Vec<_> = std::fs::read_dir(log).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut calls = Vec::new();
    let mut manifests = Vec::new();
    for f in files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default().to_owned();
        if ext != "call" && ext != "manifest" {
            continue;
        }
        let bytes = std::fs::read(&f).unwrap();
        match ext.as_str() {
            "call" => {
                let text = String::from_utf8(bytes).expect("arguments are UTF-8");
                let mut args: Vec<String> = text.split('\0').map(str::to_owned).collect();
                assert_eq!(args.pop().as_deref(), Some(""), "a record ends with NUL");
                calls.push(args);
            }
            _ => manifests.push(String::from_utf8(bytes).unwrap()),
        }
    }
    (calls, manifests)
}

fn stubs(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    for prog in ["kubectl", "minikube", "curl"] {
        let p = dir.join(prog);
        std::fs::write(&p, STUB).unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

fn one_case(seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    let values = Values::generate(&mut rng);
    let mut t = Test::new()
        .write("lab.toml", LAB)
        .write("templates/cm.yaml.j2", HOSTILE_CONFIGMAP)
        .args(["export", "lab.toml", "--format", "sh", "-o", "lab.sh"]);
    for (k, v) in &values.vars {
        t = t.arg("--var").arg(format!("{k}={v}"));
    }
    let out = t.run();
    assert_eq!(out.code, Some(0), "seed {seed}: export failed:\n{}", out.stderr);
    let dir = out.path().to_owned();
    let script = dir.join("lab.sh");
    let text = std::fs::read_to_string(&script).unwrap();

    let syntax = Command::new("bash").arg("-n").arg(&script).output().unwrap();
    assert!(
        syntax.status.success(),
        "seed {seed}: bash -n: {}\n{text}",
        String::from_utf8_lossy(&syntax.stderr)
    );

    let bin = dir.join("stubs");
    let log = dir.join("calls");
    stubs(&bin);
    std::fs::create_dir_all(&log).unwrap();
    let path = format!("{}:/usr/bin:/bin", bin.display());
    let mut child = Command::new("bash")
        .arg(&script)
        .current_dir(&dir)
        .env("PATH", path)
        .env("STUB_LOG", &log)
        .env("STUB_NAME", &values.name_answer)
        .env("STUB_UID", &values.uid_answer)
        .env("STUB_BODY", &values.body_answer)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Enter for the pause; the last prompt keeps the background processes until stdin closes,
    // once both have started (as a learner presses Enter when done).
    child.stdin.as_mut().unwrap().write_all(b"\n").unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while recorded(&log)
        .0
        .iter()
        .filter(|c| c.get(1).is_some_and(|a| a == "port-forward" || a == "tunnel"))
        .count()
        < 2
    {
        assert!(
            Instant::now() < deadline,
            "seed {seed}: the background commands did not start:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let run = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "seed {seed}: the script failed: {}\n{stdout}\n{text}",
        String::from_utf8_lossy(&run.stderr)
    );
    let player = stdout
        .lines()
        .find_map(|l| l.strip_prefix("captured player = "))
        .unwrap_or_else(|| panic!("seed {seed}: no player captured:\n{stdout}"))
        .to_owned();
    assert!(player.starts_with("player-"), "{player}");

    let (mut calls, manifests) = recorded(&log);
    let mut expected = values.expected(&player);
    // Background calls (port-forward, tunnel) may be recorded a little out of order.
    calls.sort();
    expected.sort();
    assert_eq!(calls, expected, "seed {seed}: values {:?}\n{text}", values.vars);
    // The manifest holds each value exactly, as one YAML value, and nothing more.
    assert_eq!(manifests.len(), 1, "seed {seed}");
    let cm: serde_json::Value = serde_norway::from_str(&manifests[0])
        .unwrap_or_else(|e| panic!("seed {seed}: the manifest is not YAML ({e}):\n{}", manifests[0]));
    let mut data = serde_json::Map::new();
    data.insert("plain".into(), json!(values.v("label")));
    data.insert(values.v("form"), json!("key"));
    assert_eq!(
        cm,
        json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings", "namespace": "default"}, "data": data}),
        "seed {seed}:\n{}",
        manifests[0]
    );
    assert!(
        !walk_has(&dir, "PWNED"),
        "seed {seed}: a value ran as a command:\n{text}"
    );
}

fn walk_has(dir: &Path, name: &str) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        let p = e.unwrap().path();
        p.file_name().is_some_and(|n| n == name) || (p.is_dir() && walk_has(&p, name))
    })
}

#[test]
fn hostile_values_reach_every_program_exactly() {
    let cases: u64 = std::env::var("WORKSHOP_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    let first: u64 = std::env::var("WORKSHOP_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed);
    for seed in first..first + cases {
        one_case(seed);
    }
}

/// A small lab: an allow-existing create, then a patch whose JSON body holds a capture.
const IDEMPOTENT: &str = r#"
[lab]
id = "again"
title = "Again"

[[steps]]
id = "create"
title = "Create"
create = { template = "cm.yaml.j2", allow-existing = true }

[[steps.capture]]
name = "victim"
object = { kind = "ConfigMap", name = "settings", namespace = "default" }
path = "metadata.name"

[[steps]]
id = "label"
title = "Label"
patch = { kind = "ConfigMap", name = "settings", namespace = "default", type = "merge", patch = '{"metadata":{"labels":{"by":"{{ victim }}"}}}' }
"#;

/// Exports [`IDEMPOTENT`] and runs it with the stubs and extra environment; returns the exit
/// code, stderr and the calls.
fn run_idempotent(env: &[(&str, &str)]) -> (i32, String, Vec<Vec<String>>) {
    let out = Test::new()
        .write("lab.toml", IDEMPOTENT)
        .write("templates/cm.yaml.j2", CONFIGMAP)
        .args(["export", "lab.toml", "--format", "sh", "-o", "lab.sh"])
        .run()
        .success();
    let dir = out.path().to_owned();
    let (bin, log) = (dir.join("stubs"), dir.join("calls"));
    stubs(&bin);
    std::fs::create_dir_all(&log).unwrap();
    let mut cmd = Command::new("bash");
    cmd.arg(dir.join("lab.sh"))
        .current_dir(&dir)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("STUB_LOG", &log)
        .env("STUB_NAME", "settings")
        .stdin(Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let run = cmd.output().unwrap();
    let (calls, _) = recorded(&log);
    (
        run.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&run.stderr).into_owned(),
        calls,
    )
}

#[test]
fn allow_existing_creates_are_idempotent_and_other_errors_stop_the_script() {
    let already =
        "Error from server (AlreadyExists): error when creating \"cm.yaml\": configmaps \"settings\" already exists";
    let (code, stderr, calls) = run_idempotent(&[("STUB_CREATE_ERROR", already)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("AlreadyExists"), "the error is still shown: {stderr}");
    assert_eq!(calls.last().map(|c| c[1].as_str()), Some("patch"), "{calls:?}");

    let denied = "Error from server (Forbidden): configmaps is forbidden";
    let (code, stderr, calls) = run_idempotent(&[("STUB_CREATE_ERROR", denied)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("Forbidden"), "{stderr}");
    assert_eq!(calls.len(), 1, "nothing runs after the failed create: {calls:?}");
}

#[test]
fn a_captured_value_that_json_would_escape_stops_the_script_before_the_patch() {
    let (code, stderr, calls) = run_idempotent(&[("STUB_NAME", "a\"b")]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("capture VICTIM holds a quote, backslash or control character"),
        "{stderr}"
    );
    assert!(!calls.iter().any(|c| c[1] == "patch"), "{calls:?}");
    let (code, stderr, calls) = run_idempotent(&[]);
    assert_eq!(code, 0, "{stderr}");
    let patch = calls.iter().find(|c| c[1] == "patch").expect("a patch");
    assert_eq!(patch.last().unwrap(), r#"{"metadata":{"labels":{"by":"settings"}}}"#);
}

#[test]
fn handouts_carry_what_the_lab_does_besides_kubectl_as_the_consent_lists_it() {
    const PROGRAM: &str = r#"
[lab]
id = "programs"
title = "A lab that runs a program"

[[steps]]
id = "touch"
title = "Touch a file"
command = { argv = ["touch", "marker"] }
"#;
    const KUBECTL_ONLY: &str = r#"
[lab]
id = "quiet"
title = "A lab that only asks the cluster"

[[steps]]
id = "list"
title = "List namespaces"
get = { resources = "namespaces" }
"#;
    for (format, heading, item) in [
        (
            "md",
            "## What this lab does on your machine",
            "  - `touch marker` (step touch)",
        ),
        (
            "sh",
            "# What this script does besides kubectl",
            "#     `touch marker` (step touch)",
        ),
    ] {
        let out = Test::new()
            .write("lab.toml", PROGRAM)
            .args(["export", "lab.toml", "--format", format])
            .run()
            .success();
        out.stdout_contains(heading).stdout_contains(item);
        let quiet = Test::new()
            .write("lab.toml", KUBECTL_ONLY)
            .args(["export", "lab.toml", "--format", format])
            .run()
            .success();
        assert!(!quiet.stdout.contains(heading), "{}", quiet.stdout);
    }
}
