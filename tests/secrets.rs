//! Secrets never show: distinct secret values planted in every place a lab can hold one, then
//! every channel searched for them, as they are and in base64 (docs/security.md).
//!
//! - `S_DATA`: a Secret manifest's `data` (base64 in the file);
//! - `S_STRING`: a Secret manifest's `stringData`;
//! - `S_VAR`: a secret-named variable, copied into a ConfigMap, a step title and a command;
//! - `S_RESPONSE`: a secret-named capture of a command's output;
//! - `S_PATCH`: a patch body that writes a Secret;
//! - `S_CHECKED`: the value a check compares a Secret (made outside the lab) with;
//! - `S_WRONG`: the value a failing check on that Secret expects;
//! - `S_CAPTURED`: a value captured from that Secret's data, then used in a command.
//!
//! The Secret's uid, which is not secret, must still show.

use std::path::Path;
use std::time::Duration;

use base64::Engine as _;

use crate::support::Test;

const S_DATA: &str = "s1-data-Kx9q";
const S_STRING: &str = "s2-string-Qw4r";
const S_VAR: &str = "s3-var-Zp7t";
const S_RESPONSE: &str = "42-s4-cap-Jd6u";
const S_PATCH: &str = "s5-patch-Lm2w";
const S_CHECKED: &str = "s6-precheck-Vb8e";
const S_WRONG: &str = "s7-wrong-Yt3y";
const S_CAPTURED: &str = "s8-captured-Hn5i";

const ALL: &[&str] = &[
    S_DATA, S_STRING, S_VAR, S_RESPONSE, S_PATCH, S_CHECKED, S_WRONG, S_CAPTURED,
];

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// Every form a secret may leak in: as it is, base64, base64 without padding.
fn forms(s: &str) -> Vec<String> {
    let b = b64(s);
    vec![s.to_owned(), b.trim_end_matches('=').to_owned(), b]
}

/// The secrets (in any form) `text` holds.
fn leaks(text: &str) -> Vec<String> {
    ALL.iter()
        .flat_map(|s| forms(s))
        .filter(|f| text.contains(f.as_str()))
        .collect()
}

fn lab() -> String {
    format!(
        r#"
[lab]
id = "secrets"
title = "Secrets"

[vars]
db_password = "{S_VAR}"

[[steps]]
id = "start"
title = "Start"
start-cluster = {{}}

[[steps]]
id = "create"
title = "Create the app with {{{{ db_password }}}}"
create = {{ template = "app.yaml.j2", allow-existing = true }}

[[steps.checks]]
field = {{ kind = "ConfigMap", name = "settings", namespace = "default", path = "data.copy", equals = "{{{{ db_password }}}}" }}

[[steps.checks]]
field = {{ kind = "Secret", name = "creds", namespace = "default", path = "data.password", equals = "{data}" }}

[[steps]]
id = "rotate"
title = "Rotate"
patch = {{ kind = "Secret", name = "creds", namespace = "default", type = "merge", patch = '{{"stringData": {{"rotated": "{S_PATCH}"}}}}' }}

[[steps]]
id = "token"
title = "Make a token"
command = {{ argv = ["sh", "-c", "echo $((6*7))-s4-cap-Jd6u"] }}

[[steps.capture]]
name = "api_token"
response = "."

[[steps]]
id = "use-token"
title = "Use the token"
command = {{ argv = ["echo", "token", "{{{{ api_token }}}}", "pass", "{{{{ db_password }}}}"] }}

[[steps]]
id = "outside"
title = "The Secret made outside the lab"
note = {{}}

[[steps.checks]]
field = {{ kind = "Secret", name = "outside", namespace = "default", path = "data.token", equals = "{checked}" }}

[[steps.checks]]
field = {{ kind = "Secret", name = "outside", namespace = "default", path = "metadata.name", equals = "outside" }}

[[steps.capture]]
name = "outside_value"
object = {{ kind = "Secret", name = "outside", namespace = "default" }}
path = "data.copied"

[[steps.capture]]
name = "outside_uid"
object = {{ kind = "Secret", name = "outside", namespace = "default" }}
path = "metadata.uid"

[[steps]]
id = "use-captured"
title = "Use the captured value"
command = {{ argv = ["echo", "captured", "{{{{ outside_value }}}}"] }}

[[steps]]
id = "wrong"
title = "A check that fails"
note = {{}}
optional = true

[[steps.checks]]
field = {{ kind = "Secret", name = "outside", namespace = "default", path = "data.token", equals = "{wrong}" }}
timeout = "1s"
"#,
        data = b64(S_DATA),
        checked = b64(S_CHECKED),
        wrong = b64(S_WRONG),
    )
}

fn template() -> String {
    format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: default\ndata:\n  password: {}\nstringData:\n  user: {S_STRING}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: default\ndata:\n  copy: {{{{ db_password }}}}\n",
        b64(S_DATA)
    )
}

/// The Secret the lab did not make, created in the cluster beforehand with kubectl.
fn create_outside_secret(kubeconfig: &Path, cache: &Path) -> String {
    let yaml = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: outside\n  namespace: default\ndata:\n  token: {}\n  copied: {}\n",
        b64(S_CHECKED),
        b64(S_CAPTURED)
    );
    let dir = kubeconfig.parent().unwrap();
    let file = dir.join("outside.yaml");
    std::fs::write(&file, yaml).unwrap();
    let kubectl = |args: &[&str]| {
        std::process::Command::new("kubectl")
            .arg("--kubeconfig")
            .arg(kubeconfig)
            .arg("--cache-dir")
            .arg(cache)
            .args(args)
            .output()
            .expect("run kubectl")
    };
    let out = kubectl(&["create", "-f", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    std::fs::remove_file(&file).unwrap();
    let uid = kubectl(&[
        "get",
        "secret",
        "outside",
        "-n",
        "default",
        "-o",
        "jsonpath={.metadata.uid}",
    ]);
    String::from_utf8(uid.stdout).unwrap()
}

#[track_caller]
fn assert_no_leak(channel: &str, text: &str) {
    let found = leaks(text);
    assert!(found.is_empty(), "{channel} shows {found:?}:\n{text}");
}

#[test]
fn secrets_never_show_in_any_channel() {
    let t = Test::new()
        .write("lab.toml", lab())
        .write("templates/app.yaml.j2", template());
    let cluster = crate::support::serve::Serve::start(t.path(), "cluster.kubeconfig");
    let cache = t.path().join("kube-cache");
    let uid = create_outside_secret(&cluster.kubeconfig, &cache);
    assert!(!uid.is_empty());
    let dir = t.path().to_owned();

    // A run: NDJSON events on stdout, the human lines and -vvv logs on stderr, both reports,
    // and the resume state (the attached rehearsal keeps its identity, so progress is recorded).
    let run = t
        .args([
            "-vvv",
            "run",
            "lab.toml",
            "--cluster",
            "rehearsal",
            "--trust",
            "--kubeconfig",
        ])
        .arg(&cluster.kubeconfig)
        .args([
            "--events",
            "ndjson",
            "--report",
            "json=report.json",
            "--report",
            "junit=report.xml",
        ])
        .env("KUBECACHEDIR", &cache)
        .timeout(Duration::from_secs(120))
        .run();
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    let human = &run.stderr;
    assert!(human.contains("step 8 wrong"), "{human}");
    assert!(human.contains("captured outside_uid = "), "{human}");
    // Not secret: the Secret's uid and name show.
    assert!(human.contains(&format!("captured outside_uid = {uid}")), "{human}");
    assert!(human.contains("metadata.name = \"outside\""), "{human}");
    assert_no_leak("the NDJSON events", &run.stdout);
    assert_no_leak("the terminal and -vvv logs", human);
    let report = |name: &str| std::fs::read_to_string(run.path().join(name)).unwrap();
    assert_no_leak("the JSON report", &report("report.json"));
    assert_no_leak("the JUnit report", &report("report.xml"));
    let state = report(".workshop/state/secrets.json");
    assert_no_leak("the resume state", &state);
    assert!(state.contains("\"withheld\""), "{state}");

    // The lab on the embedded rehearsal (whose API server logs in this process too), drawn as
    // plain lines on stdout; the Secret made outside is missing there, so a step fails.
    let plain = Test::new()
        .write("lab.toml", lab())
        .write("templates/app.yaml.j2", template())
        .args([
            "-vvv",
            "run",
            "lab.toml",
            "--cluster",
            "rehearsal",
            "--trust",
            "--timeout",
            "0.02",
        ])
        .env("KUBECACHEDIR", &cache)
        .timeout(Duration::from_secs(120))
        .run();
    assert_eq!(plain.code, Some(1), "{}", plain.stdout);
    assert!(plain.stdout.contains("captured api_token = ••••••"), "{}", plain.stdout);
    assert_no_leak("the terminal and -vvv logs", &(plain.stdout.clone() + &plain.stderr));

    // plan, with the manifests.
    let plan = Test::new()
        .write("lab.toml", lab())
        .write("templates/app.yaml.j2", template())
        .args(["plan", "lab.toml", "--manifests", "--explain"])
        .run()
        .success();
    assert!(plan.stdout.contains("copy: ••••••"), "{}", plan.stdout);
    assert_no_leak("plan", &plan.stdout);

    // The Markdown handout.
    let md = Test::new()
        .write("lab.toml", lab())
        .write("templates/app.yaml.j2", template())
        .args(["export", "lab.toml", "--format", "md"])
        .run()
        .success();
    assert_no_leak("export md", &md.stdout);

    // The script: only where it recreates the Secret (its manifest, its patch).
    let sh = Test::new()
        .write("lab.toml", lab())
        .write("templates/app.yaml.j2", template())
        .args(["export", "lab.toml", "--format", "sh"])
        .run()
        .success();
    let script = &sh.stdout;
    assert!(script.contains(&format!("  password: {}", b64(S_DATA))), "{script}");
    assert!(script.contains(&format!("  user: {S_STRING}")), "{script}");
    assert!(script.contains("  copy: ••••••"), "{script}");
    let outside_secret_parts: String = script
        .split("\n---\n")
        .filter(|doc| !doc.contains("kind: Secret"))
        .collect::<Vec<_>>()
        .join("\n---\n")
        .lines()
        .filter(|l| !l.starts_with("kubectl patch secret creds"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_no_leak("export sh outside the Secret and its patch", &outside_secret_parts);
    assert!(script.contains("kubectl patch secret creds"), "{script}");
    drop(dir);
}
