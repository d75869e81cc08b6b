//! Fitting the ecosystem: reports, the event stream, secrets, the schema, `new`, `doctor` and
//! completions.

use std::path::Path;

use serde_json::Value;

use crate::support::{REPO, Test};

/// A lab on the rehearsal cluster whose second step fails its check and whose third never runs.
const FAILING: &str = r#"
[lab]
id = "failing"
title = "A lab that fails"

[cluster]
provider = "rehearsal"

[vars]
namespace = "demo"

[[steps]]
id = "start-cluster"
title = "Start"
start-cluster = {}

[[steps]]
id = "make-namespace"
title = "Create the namespace"
apply = { template = "ns.yaml.j2" }

[[steps.checks]]
field = { kind = "Namespace", name = "{{ namespace }}", path = "metadata.labels.team", equals = "blue & <green>" }
timeout = "1s"
hint = "label it with team=blue"

[[steps]]
id = "never-runs"
title = "After the failure"
get = { resources = "pods", namespace = "{{ namespace }}" }
"#;

const NS: &str = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ namespace }}\n  labels:\n    team: red\n";

fn failing() -> Test {
    Test::new().write("lab.toml", FAILING).write("templates/ns.yaml.j2", NS)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// (name, child element tags) for every testcase.
fn testcases(xml: &str) -> Vec<(String, Vec<(String, String)>)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("JUnit is not XML: {e}\n{xml}"));
    doc.descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|n| {
            let children = n
                .children()
                .filter(|c| c.is_element())
                .map(|c| {
                    (
                        c.tag_name().name().to_owned(),
                        c.attribute("message").unwrap_or_default().to_owned(),
                    )
                })
                .collect();
            (n.attribute("name").unwrap_or_default().to_owned(), children)
        })
        .collect()
}

#[test]
fn junit_and_json_reports_of_a_failing_run() {
    let out = failing()
        .args([
            "run",
            "lab.toml",
            "--report",
            "junit=out.xml",
            "--report",
            "json=out.json",
        ])
        .run()
        .status(1);
    let xml = read(&out.path().join("out.xml"));
    let cases = testcases(&xml);
    let names: Vec<&str> = cases.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["start-cluster", "make-namespace", "never-runs"], "{xml}");
    assert!(cases[0].1.iter().all(|(t, _)| t == "system-out"), "{xml}");
    let (tag, message) = &cases[1].1[0];
    assert_eq!(tag, "failure", "{xml}");
    assert!(
        message.contains("blue & <green>"),
        "the message keeps the expected value: {message}"
    );
    assert!(xml.contains("hint: label it with team=blue"), "{xml}");
    assert!(xml.contains("observed: metadata.labels.team = \"red\""), "{xml}");
    assert_eq!(cases[2].1[0].0, "skipped", "{xml}");
    let doc = roxmltree::Document::parse(&xml).expect("xml");
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("testsuite");
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("1"));

    let json: Value = serde_json::from_str(&read(&out.path().join("out.json"))).expect("JSON report parses");
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["lab"]["id"], "failing");
    assert_eq!(json["cluster"]["provider"], "rehearsal");
    assert_eq!(json["outcome"], "failed");
    for key in ["started_at", "finished_at", "duration_ms", "totals", "steps", "tool"] {
        assert!(json.get(key).is_some(), "the report has `{key}`");
    }
    assert_eq!(json["totals"]["steps"], 3);
    assert_eq!(json["totals"]["passed"], 1);
    assert_eq!(json["totals"]["failed"], 1);
    assert_eq!(json["totals"]["not_run"], 1);
    let steps = json["steps"].as_array().expect("steps");
    let status: Vec<&str> = steps.iter().map(|s| s["status"].as_str().unwrap_or("")).collect();
    assert_eq!(status, ["passed", "failed", "not-run"]);
    let check = &steps[1]["checks"][0];
    assert_eq!(check["status"], "failed");
    assert_eq!(check["hint"], "label it with team=blue");
    assert!(check["expected"].as_str().unwrap_or("").contains("blue & <green>"));
    assert!(check["observed"].as_str().unwrap_or("").contains("red"));
    assert!(check["elapsed_ms"].is_u64() && check["timeout_ms"] == 1000);
    assert!(steps[1]["duration_ms"].is_u64());
}

#[test]
fn junit_of_day55_on_the_rehearsal_has_a_testcase_per_step_and_no_failure() {
    let t = Test::in_repo();
    let xml_path = t.path().join("day55.xml");
    let out = t
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--quiet",
            "--report",
        ])
        .arg(format!("junit={}", xml_path.display()))
        .timeout(std::time::Duration::from_secs(120))
        .run()
        .success();
    let xml = read(&xml_path);
    let cases = testcases(&xml);
    assert_eq!(cases.len(), 20, "{xml}");
    assert_eq!(cases[0].0, "start-cluster");
    assert!(
        cases
            .iter()
            .all(|(_, c)| c.iter().all(|(t, _)| t != "failure" && t != "error")),
        "{xml}"
    );
    assert!(
        cases
            .iter()
            .any(|(_, c)| c.iter().any(|(t, m)| t == "skipped" && m.contains("real cluster"))),
        "steps that need containers are skipped on the rehearsal: {xml}"
    );
    // --quiet: no progress, only the summary.
    let out = out.stdout_lacks("step 1/20").stdout_contains("passed");
    assert!(out.stdout.lines().count() <= 3, "{}", out.stdout);
}

#[test]
fn a_report_into_a_missing_folder_is_refused_before_the_run() {
    failing()
        .args(["run", "lab.toml", "--report", "junit=nowhere/out.xml"])
        .run()
        .status(2)
        .stderr_contains("the folder `nowhere` does not exist")
        .stderr_contains("mkdir -p nowhere");
}

#[test]
fn unknown_report_format_is_a_usage_error() {
    failing()
        .args(["run", "lab.toml", "--report", "html=out.html"])
        .run()
        .status(2)
        .stderr_contains("use junit or json");
}

#[test]
fn events_ndjson_is_one_json_object_per_line_and_humans_read_stderr() {
    let out = failing()
        .args(["run", "lab.toml", "--events", "ndjson"])
        .run()
        .status(1);
    let events: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e["event"].as_str().unwrap_or("")).collect();
    assert_eq!(kinds.first(), Some(&"run-started"));
    assert_eq!(kinds.last(), Some(&"run-finished"));
    for k in ["step-started", "check-started", "check-failed", "step-finished"] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    assert!(events.iter().all(|e| e["time"].is_string()));
    let finished = events.last().expect("events");
    assert_eq!(finished["outcome"], "failed");
    assert_eq!(finished["failed"], 1);
    let failed_step = events
        .iter()
        .find(|e| e["event"] == "step-finished" && e["status"] == "failed")
        .expect("a failed step");
    assert_eq!(failed_step["step"], "make-namespace");
    assert!(
        out.stderr.contains("make-namespace"),
        "human output on stderr: {}",
        out.stderr
    );
}

const SECRETS: &str = r#"
[lab]
id = "secrets"
title = "Secrets stay secret"

[cluster]
provider = "rehearsal"

[vars]
db_password = "hunter2-hunter2"

[[steps]]
id = "start-cluster"
title = "Start"
start-cluster = {}

[[steps]]
id = "make-secret"
title = "Create the Secret"
apply = { template = "secret.yaml.j2" }

[[steps.capture]]
name = "api_token"
generate = "tok"

[[steps.checks]]
field = { kind = "Secret", name = "db", namespace = "default", path = "data.password", equals = "nope" }
timeout = "1s"
"#;

const SECRET: &str = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: default\nstringData:\n  password: \"{{ db_password }}\"\ndata:\n  password: aHVudGVyMi1odW50ZXIy\n";

#[test]
fn secret_values_never_appear_in_output_or_reports() {
    let t = Test::new()
        .write("lab.toml", SECRETS)
        .write("templates/secret.yaml.j2", SECRET);
    let out = t
        .args([
            "run",
            "lab.toml",
            "--events",
            "ndjson",
            "--report",
            "json=r.json",
            "--report",
            "junit=r.xml",
        ])
        .run()
        .status(1);
    let everything = format!(
        "{}{}{}{}",
        out.stdout,
        out.stderr,
        read(&out.path().join("r.json")),
        read(&out.path().join("r.xml"))
    );
    for secret in ["hunter2-hunter2", "aHVudGVyMi1odW50ZXIy", "tok-"] {
        assert!(!everything.contains(secret), "`{secret}` leaked:\n{everything}");
    }
    assert!(everything.contains("captured api_token = ••••••"), "{everything}");
    assert!(everything.contains("data.password = ••••••"), "{everything}");

    Test::new()
        .write("lab.toml", SECRETS)
        .write("templates/secret.yaml.j2", SECRET)
        .args(["plan", "lab.toml", "--manifests"])
        .run()
        .success()
        .stdout_contains("password: ••••••")
        .stdout_lacks("hunter2")
        .stdout_lacks("aHVudGVy");
}

#[test]
fn schema_command_matches_the_committed_schema() {
    let out = Test::new().args(["schema"]).run().success();
    let committed = read(&Path::new(REPO).join("schema/scenario.schema.json"));
    assert!(
        out.stdout == committed,
        "schema/scenario.schema.json is stale: run `cargo run -- schema > schema/scenario.schema.json`"
    );
    let v: Value = serde_json::from_str(&out.stdout).expect("the schema is JSON");
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
}

/// The first error of a TOML document against the schema (Draft 7), as an editor would show it.
fn schema_error(validator: &jsonschema::Validator, toml_text: &str) -> Option<String> {
    let doc: Value = toml::from_str(toml_text).expect("the scenario is TOML");
    validator
        .iter_errors(&doc)
        .next()
        .map(|e| format!("{} at {}", e, e.instance_path()))
}

#[test]
fn the_schema_accepts_day55_and_rejects_a_broken_scenario() {
    let schema = Test::new().args(["schema"]).run().success().stdout;
    let schema: Value = serde_json::from_str(&schema).expect("the schema is JSON");
    let validator = jsonschema::draft7::new(&schema).expect("the schema is a valid Draft 7 schema");
    let day55 = read(&Path::new(REPO).join("scenarios/day55.toml"));
    assert!(day55.starts_with("#:schema ../schema/scenario.schema.json\n"));
    assert_eq!(schema_error(&validator, &day55), None, "day55 is valid");

    let bad_id = day55.replacen("id = \"day55\"", "id = 55", 1);
    let error = schema_error(&validator, &bad_id).expect("a numeric lab id is refused");
    assert!(error.contains("/lab/id"), "{error}");
    let bogus_key = day55.replacen("start-cluster = {}", "start-cluster = {}\nbogus-key = 1", 1);
    let error = schema_error(&validator, &bogus_key).expect("an unknown step key is refused");
    assert!(error.contains("/steps/0"), "{error}");
}

#[test]
fn new_scaffolds_a_lab_that_validates_and_runs_on_the_rehearsal() {
    let t = Test::new();
    let dir = t.path().to_path_buf();
    // Kept alive: the folder goes away with it.
    let _first = t
        .args(["new", "x"])
        .run()
        .success()
        .stdout_contains("wrote x.toml and templates/x.yaml.j2");
    let run = |args: &[&str]| Test::new().current_dir(&dir).args(args.iter().copied()).run();
    run(&["validate", "x.toml"])
        .success()
        .stdout_contains("x.toml is valid");
    run(&["run", "x.toml", "--cluster", "rehearsal"])
        .success()
        .stdout_contains("5 passed, 0 failed");
    run(&["new", "x"]).status(2).stderr_contains("`x.toml` already exists");
}

#[test]
fn doctor_without_minikube_names_the_fix() {
    let t = Test::in_repo();
    let empty = t.path().join("empty-path");
    std::fs::create_dir_all(&empty).expect("mkdir");
    t.env("PATH", &empty)
        .env("KUBECONFIG", empty.join("none"))
        .args(["doctor", "scenarios/day55.toml"])
        .run()
        .status(3)
        .stdout_contains("✖ minikube")
        .stdout_contains("fix: install minikube (https://minikube.sigs.k8s.io/docs/start/)")
        .stdout_contains("workshop run scenarios/day55.toml --cluster rehearsal")
        .stdout_contains("not ready");
}

#[test]
fn doctor_for_the_rehearsal_needs_nothing() {
    Test::in_repo()
        .args(["doctor", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .run()
        .success()
        .stdout_contains("✔ rehearsal")
        .stdout_contains("✔ kubernetes  v1.21.2")
        .stdout_contains("ready: everything the run needs is here");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = Test::new().args(["completions", shell]).run().success();
        assert!(
            out.stdout.contains("workshop") && out.stdout.contains("doctor"),
            "{shell}"
        );
    }
}

#[test]
fn verbose_logs_go_to_stderr() {
    Test::new()
        .write("lab.toml", FAILING)
        .write("templates/ns.yaml.j2", NS)
        .args(["-vv", "run", "lab.toml", "--quiet"])
        .run()
        .status(1)
        .stderr_contains("DEBUG");
}
