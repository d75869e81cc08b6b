//! Spanish for what the clusters and class mode's HTTP say (locales/*/workshop.ftl): a learner
//! with `LANG=es_ES.UTF-8` reads no English from minikube's provider, the rehearsal (embedded,
//! served, attached), `doctor`, or a class server that does not answer.

use crate::support::class::ClassServer;
use crate::support::serve::Serve;
use crate::support::{Test, english};

const ES: (&str, &str) = ("LANG", "es_ES.UTF-8");
/// [`ES`], with no other locale variable of the test's own environment before it.
const SPANISH_ONLY: &[(&str, &str)] = &[ES, ("LC_ALL", ""), ("LC_MESSAGES", "")];

/// A lab in English and Spanish.
const LAB: &str = "[lab]\nid = \"t\"\ntitle = { en = \"T\", es = \"T\" }\nlanguages = [\"en\", \"es\"]\n";

/// A lab that needs only an API server.
fn lab() -> String {
    format!(
        "{LAB}\n[[steps]]\nid = \"look\"\ntitle = {{ en = \"Look\", es = \"Mirar\" }}\nget = {{ resources = \"namespaces\" }}\n\n[[steps.checks]]\nexists = {{ kind = \"Namespace\", name = \"default\" }}\n"
    )
}

#[test]
fn rehearsal_serve_its_attached_run_and_doctor_speak_spanish_also_once_it_stopped() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("lab.toml"), lab()).expect("write the lab");
    let lab_file = dir.path().join("lab.toml");
    let lab_file = lab_file.to_str().expect("a UTF-8 temp path");
    let serve = Serve::start_with_env(dir.path(), "k.yaml", &[lab_file, "--pace", "fast"], SPANISH_ONLY);
    let banner = serve.banner.clone();
    assert!(banner.contains("Pulsa Ctrl-C para detenerlo."), "{banner}");
    // The kubeconfig line stays parseable as in English.
    assert!(banner.contains("  kubeconfig: "), "{banner}");
    english::assert_none("rehearsal serve", &banner);
    let attached = || {
        Test::new()
            .current_dir(dir.path())
            .env(ES.0, ES.1)
            .args(["run", "lab.toml", "--cluster", "rehearsal", "--kubeconfig", "k.yaml"])
            .run()
    };
    let doctor = || {
        Test::new()
            .current_dir(dir.path())
            .env(ES.0, ES.1)
            .args(["doctor", "lab.toml", "--cluster", "rehearsal", "--kubeconfig", "k.yaml"])
            .run()
    };
    let run = attached().success();
    english::assert_none("a run attached to it", &run.stdout);
    let ok = doctor().success();
    english::assert_none("doctor", &ok.stdout);

    drop(serve);
    let stopped = attached().status(3);
    assert!(
        stopped.stderr.contains("¿sigue en marcha `workshop rehearsal serve"),
        "{}",
        stopped.stderr
    );
    english::assert_none("a run attached to a stopped one", &stopped.stderr);
    let dead = doctor().status(3);
    assert!(
        dead.stdout.contains("no se puede contactar con el clúster"),
        "{}",
        dead.stdout
    );
    assert!(dead.stdout.contains("conexión rechazada"), "{}", dead.stdout);
    assert!(!dead.stdout.contains("os error"), "{}", dead.stdout);
    english::assert_none("doctor with a dead kubeconfig", &dead.stdout);

    let missing = Test::new()
        .current_dir(dir.path())
        .env(ES.0, ES.1)
        .args(["doctor", "--cluster", "rehearsal", "--kubeconfig", "/missing/k.yaml"])
        .run()
        .status(3);
    english::assert_none("doctor with a missing kubeconfig", &missing.stdout);
}

/// A `minikube` whose profile is stopped and whose `start` fails, as with no driver.
const FAILING_MINIKUBE: &str = "#!/usr/bin/env bash\ncase \"$1\" in\n  status) exit 7 ;;\n  start) echo 'X  Exiting due to DRV_NOT_DETECTED'; exit 1 ;;\nesac\nexit 0\n";

#[test]
fn minikube_missing_or_failing_and_doctor_without_it_speak_spanish() {
    // No minikube on PATH (this machine has none): the install hint, from run and doctor.
    let bare = Test::in_repo()
        .env(ES.0, ES.1)
        .env("PATH", "/usr/bin:/bin")
        .args(["run", "scenarios/day55.toml"])
        .run()
        .status(3);
    assert!(bare.stderr.contains("--cluster rehearsal"), "{}", bare.stderr);
    english::assert_none("run without minikube", &bare.stderr);
    let doctor = Test::in_repo()
        .env(ES.0, ES.1)
        .env("PATH", "/usr/bin:/bin")
        .args(["doctor", "scenarios/day55.toml"])
        .run()
        .status(3);
    english::assert_none("doctor without minikube", &doctor.stdout);

    let t = Test::new().write(
        "lab.toml",
        format!("{LAB}[cluster]\nprofile = \"p\"\n\n[[steps]]\nid = \"up\"\ntitle = {{ en = \"Up\", es = \"Arriba\" }}\nstart-cluster = {{}}\n"),
    );
    let t = t.write("bin/minikube", FAILING_MINIKUBE);
    let bin = t.path().join("bin");
    std::fs::set_permissions(
        bin.join("minikube"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("make the fake minikube executable");
    let out = t
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env(ES.0, ES.1)
        .args(["run", "lab.toml", "--trust"])
        .run()
        .status(1);
    assert!(out.stdout.contains("terminó con código 1"), "{}", out.stdout);
    assert!(out.stdout.contains("minikube logs -p p"), "{}", out.stdout);
    // minikube's own words stay minikube's.
    let tool: String = out
        .stdout
        .lines()
        .filter(|l| !l.contains("DRV_NOT_DETECTED"))
        .collect::<Vec<_>>()
        .join("\n");
    english::assert_none("minikube start failing", &tool);
}

#[test]
fn a_class_server_that_does_not_answer_is_said_in_spanish_without_the_os_words() {
    // A port nothing listens on.
    let port = crate::support::unused_port();
    let run = |url: &str| {
        Test::new()
            .write("lab.toml", lab())
            .env(ES.0, ES.1)
            .args(["run", "lab.toml", "--cluster", "rehearsal"])
            .args(["--class", url, "--join", "ABC", "--name", "ana"])
            .run()
            .success()
    };
    let refused = run(&format!("http://127.0.0.1:{port}"));
    assert!(refused.stdout.contains("(conexión rechazada)"), "{}", refused.stdout);
    assert!(!refused.stdout.contains("os error"), "{}", refused.stdout);
    english::assert_none("a class server that refuses", &refused.stdout);
    let bad = run("ftp://127.0.0.1");
    assert!(bad.stdout.contains("debe empezar por http://"), "{}", bad.stdout);
    english::assert_none("a class URL that is not one", &bad.stdout);
}

#[test]
fn a_class_server_refusing_a_wrong_join_code_is_said_in_spanish() {
    let work = tempfile::tempdir().expect("temp");
    let server = ClassServer::start(work.path(), &[]);
    let out = Test::new()
        .write("lab.toml", lab())
        .env(ES.0, ES.1)
        .args(["run", "lab.toml", "--cluster", "rehearsal"])
        .args(["--class", &server.base, "--join", "NOPE99", "--name", "ana"])
        .run()
        .success();
    assert!(
        out.stdout.contains("este código no es el de la clase"),
        "{}",
        out.stdout
    );
    english::assert_none("a wrong join code", &out.stdout);
}
