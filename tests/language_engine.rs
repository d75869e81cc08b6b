//! Spanish for what the plan and the choice of steps say (locales/*/workshop.ftl): the refusals of
//! `--only`/`--from`/`--until`/`--resume`/`--var`, a manifest that does not parse, the errors of
//! a failing action, step mode on a terminal, and what an interrupted, locked or killed run says.

use std::time::Duration;

use crate::support::live::Live;
use crate::support::pty::Pty;
use crate::support::{Test, english};

const RUN: Duration = Duration::from_secs(120);

/// Fails with the English lines of `text` (tests/support/english.rs), if any.
#[track_caller]
fn assert_no_english(text: &str) {
    assert_no_english_but(text, &[]);
}

/// [`assert_no_english`] on `text` without the words it quotes from elsewhere, which stay as
/// they were written (docs/languages.md): `quoted` (the API server's or the YAML parser's own
/// messages) and the lines of the scenario shown under a problem (`23 | exists = …`).
#[track_caller]
fn assert_no_english_but(text: &str, quoted: &[&str]) {
    let tool: String = english::without_source_lines(text)
        .lines()
        .map(|l| quoted.iter().fold(l.to_owned(), |l, q| l.replace(q, "…")) + "\n")
        .collect();
    english::assert_none("the output", &tool);
}

/// day55 in Spanish (from the locale), as a learner types it.
fn day55(args: &[&str]) -> crate::support::Output {
    Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .args(args)
        .env("LANG", "es_ES.UTF-8")
        .run()
}

#[test]
fn refused_step_choices_and_variables_are_explained_in_spanish() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--only", "scale-pacmn"],
            "--only scale-pacmn: el laboratorio `day55` no tiene ningún paso `scale-pacmn`",
        ),
        (
            &["--only", "delete-namespace"],
            "es un paso de limpieza; los pasos de limpieza se ejecutan con `workshop reset`",
        ),
        (
            &["--only", "scale-pacman"],
            "el paso `scale-pacman` necesita `make-csi-default`, `unset-standard-default`, `create-pacman`, que aún no se han ejecutado contra este clúster",
        ),
        (
            &["--from", "get-all", "--until", "create-pacman"],
            "pista: inviértelos: --from create-pacman --until get-all",
        ),
        (
            &["--resume"],
            "--resume: nada que reanudar, el laboratorio `day55` no tiene progreso guardado",
        ),
        (
            &["--var", "playr=ana"],
            "--var playr: el escenario no tiene ninguna variable `playr`",
        ),
        (
            &["--var", "player"],
            "valor no válido `player` para `--var <NAME=VALUE>`: `player` no es NOMBRE=VALOR",
        ),
        (&["--timeout", "0"], "`0` no dejaría tiempo para esperar"),
        (
            &["--var", "player=ana", "--var", "player=eva"],
            "--var player aparece dos veces (`ana`, y luego `eva`)",
        ),
    ];
    for (args, spanish) in cases {
        let out = day55(args).status(2);
        assert!(
            out.stderr.contains(spanish),
            "{args:?}: missing {spanish:?} in:\n{}",
            out.stderr
        );
        assert_no_english(&out.stderr);
    }
}

#[test]
fn a_partial_run_in_step_mode_speaks_spanish_on_a_terminal() {
    let repo = Test::in_repo();
    let mut pty = Pty::spawn(
        repo.path(),
        &[
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--step",
            "--skip",
            "get-namespaces",
        ],
        &[("LANG", "es_ES.UTF-8")],
    );
    pty.expect("se ejecutan 19 de 20 pasos: start-cluster, get-storageclasses", RUN)
        .expect("paso 1/20", RUN)
        .send("x")
        .expect("`x` no hace nada aquí", RUN)
        .send("?")
        .expect("esta ayuda", RUN)
        .send("\r")
        .expect("paso 2/20", RUN)
        .send("\r")
        .expect("paso 3/20", RUN)
        .send("\r")
        .expect("paso 4/20", RUN)
        .send("\r")
        .expect("paso 6/20 create-pacman", RUN)
        .send("s")
        .expect("si lo saltas, fallarán o se saltarán", RUN)
        .send("q");
    pty.wait(RUN);
    let screen = pty.screen();
    assert!(screen.contains("detenido a petición tuya (q)"), "{screen}");
    assert_no_english(&screen);
}

/// A lab in English and Spanish whose steps fail in the ways an action fails.
const FAILING_ACTIONS: &str = r#"
[lab]
id = "actions"
title = { en = "Failing actions", es = "Acciones que fallan" }
languages = ["en", "es"]

[[steps]]
id = "exit-one"
title = { en = "Exits 1", es = "Termina con 1" }
optional = true
command = { argv = ["sh", "-c", "exit 1"] }

[[steps]]
id = "no-program"
title = { en = "No such program", es = "Un programa que no existe" }
optional = true
command = { argv = ["no-such-program-for-workshop"] }

[[steps]]
id = "wrong-output"
title = { en = "Wrong output", es = "Otra salida" }
optional = true
command = { argv = ["echo", "hola"], expect = { stdout-contains = "adiós" } }

[[steps]]
id = "closed-port"
title = { en = "A closed port", es = "Un puerto cerrado" }
optional = true
timeout = "1s"
http = { url = "http://127.0.0.1:1/" }

[[steps]]
id = "delete-missing"
title = { en = "Delete what is not there", es = "Borrar lo que no está" }
optional = true
delete = { kind = "ConfigMap", name = "nothing-here", namespace = "default" }

[[steps]]
id = "scale-missing"
title = { en = "Scale what is not there", es = "Escalar lo que no está" }
optional = true
scale = { kind = "Deployment", name = "nothing-here", namespace = "default", replicas = 2 }

[[steps]]
id = "forward"
title = { en = "Forward to a missing service", es = "Reenviar a un servicio que no existe" }
optional = true
port-forward = { service = "nothing-here", namespace = "default", local-port = 18089, remote-port = 80 }
"#;

#[test]
fn the_errors_of_failing_actions_are_in_spanish() {
    let out = Test::new()
        .write("lab.toml", FAILING_ACTIONS)
        .args(["run", "lab.toml", "--cluster", "rehearsal", "--trust"])
        .args(["--report", "junit=report.xml"])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .success();
    // The report's texts are in the run's language; its structure (tags, attributes) is not.
    let junit = std::fs::read_to_string(out.path().join("report.xml")).expect("the JUnit report");
    assert!(
        junit.contains("el paso opcional falló, la ejecución siguió: `sh -c &apos;exit 1&apos;` terminó con código 1"),
        "{junit}"
    );
    assert!(!junit.contains("optional step failed"), "{junit}");
    let text = format!("{}{}", out.stdout, out.stderr);
    for needle in [
        "`sh -c 'exit 1'` terminó con código 1 (se esperaba 0)",
        "no se encontró `no-such-program-for-workshop` en el PATH",
        "la salida de `echo hola` no contiene \"adiós\"",
        "GET http://127.0.0.1:1/: no se puede conectar: conexión rechazada",
        "al leer configmap/nothing-here: ",
        "pista: el objeto no existe (todavía)",
        "al escalar deployment/nothing-here: ",
        "omitido: necesita un clúster real",
        "6 opcionales fallidos",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    // The API server's own words are quoted as it wrote them.
    assert_no_english_but(
        &text,
        &[
            r#"configmaps "nothing-here" not found"#,
            r#"deployments.apps "nothing-here" not found"#,
        ],
    );
}

const BROKEN_MANIFESTS: &str = r#"
[lab]
id = "broken"
title = { en = "Broken manifests", es = "Manifiestos rotos" }
languages = ["en", "es"]

[[steps]]
id = "bad-yaml"
title = { en = "Bad YAML", es = "YAML roto" }
apply = { template = "bad.yaml" }

[[steps]]
id = "no-kind"
title = { en = "No kind", es = "Sin kind" }
apply = { template = "nokind.yaml" }

[[steps]]
id = "custom"
title = { en = "A kind nobody creates", es = "Un kind que nadie crea" }
scale = { kind = "Deployment", name = "w", namespace = "default", replicas = 70000 }

[[steps.checks]]
exists = { kind = "Widget", name = "w", namespace = "default" }
"#;

#[test]
fn the_plan_of_broken_manifests_is_explained_in_spanish() {
    let out = Test::new()
        .write("lab.toml", BROKEN_MANIFESTS)
        .write(
            "templates/bad.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n",
        )
        .write("templates/nokind.yaml", "apiVersion: v1\nmetadata:\n  name: x\n")
        .args(["plan", "lab.toml"])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .status(2);
    for needle in [
        "YAML no válido en la plantilla `bad.yaml`",
        "(renderizado, documento 1)",
        "el documento 1 de la plantilla `nokind.yaml` no tiene kind",
        "el paso `custom` nombra un kind desconocido `Widget`",
        "`replicas` vale 70000, fuera de 0..=10000",
    ] {
        assert!(out.stderr.contains(needle), "missing {needle:?} in:\n{}", out.stderr);
    }
    // The YAML parser's own words are quoted as it wrote them.
    assert_no_english_but(
        &out.stderr,
        &["did not find expected ',' or ']', while parsing a flow sequence"],
    );
}

/// A lab in English and Spanish with a background helper and a long foreground command.
const SIGNALS: &str = r#"
[lab]
id = "sig"
title = { en = "Signals", es = "Señales" }
languages = ["en", "es"]

[[steps]]
id = "helper"
title = { en = "A background helper", es = "Un ayudante en segundo plano" }
command = { argv = ["sleep", "1000"], background = true }

[[steps]]
id = "work"
title = { en = "A long command", es = "Un comando largo" }
command = { argv = ["sh", "-c", "echo started; sleep 1000"] }
"#;

#[test]
fn locked_killed_resumed_and_interrupted_runs_speak_spanish() {
    let lab = Test::new().write("lab.toml", SIGNALS);
    let dir = lab.path();
    let serve = crate::support::serve::Serve::start(dir, "kubeconfig");
    let args = [
        "run",
        "lab.toml",
        "--cluster",
        "rehearsal",
        "--kubeconfig",
        serve.kubeconfig_str(),
        "--trust",
    ];
    let spanish = [("LANG", "es_ES.UTF-8")];
    let run = |extra: &[&str]| {
        Test::new()
            .current_dir(dir)
            .args(args)
            .args(extra)
            .env("LANG", "es_ES.UTF-8")
            .run()
    };

    // Nothing recorded yet.
    let none = run(&["--resume"]).status(2);
    assert!(none.stderr.contains("nada que reanudar"), "{}", none.stderr);
    assert_no_english(&none.stderr);

    // A second run while the first holds the lab.
    let mut first = Live::start_with(dir, &args, &spanish);
    first.wait_for("work | started", RUN);
    let busy = run(&[]).status(3);
    assert!(
        busy.stderr
            .contains("el laboratorio `sig` ya se está ejecutando desde esta carpeta"),
        "{}",
        busy.stderr
    );
    assert!(
        busy.stderr.contains("dos ejecuciones de un mismo laboratorio"),
        "{}",
        busy.stderr
    );
    assert_no_english(&busy.stderr);

    // Killed without a chance to stop its processes: the next run stops them and says so.
    first.signal(libc::SIGKILL);
    first.finish(RUN);
    let next = Live::start_with(dir, &[&args[..], &["--until", "helper"]].concat(), &spanish).finish(RUN);
    assert_eq!(next.code, Some(0), "{}", next.output);
    for needle in [
        "una ejecución anterior (PID ",
        "terminó sin detener sus procesos; detuve lo que seguía en marcha: `sh -c 'echo started; sleep 1000'`",
        "tomé el bloqueo del laboratorio `sig`",
    ] {
        assert!(next.output.contains(needle), "missing {needle:?} in:\n{}", next.output);
    }
    assert_no_english(&next.output);

    // Interrupted with Ctrl-C, then resumed.
    let mut third = Live::start_with(dir, &[&args[..], &["--resume"]].concat(), &spanish);
    third.wait_for("work | started", RUN);
    third.signal(libc::SIGINT);
    let ended = third.finish(RUN);
    assert_eq!(ended.code, Some(130), "{}", ended.output);
    for needle in [
        "⏹ Ctrl-C (SIGINT): detengo el paso en curso",
        "interrumpido por SIGINT",
        "↻ vuelvo a arrancar `helper`",
    ] {
        assert!(
            ended.output.contains(needle),
            "missing {needle:?} in:\n{}",
            ended.output
        );
    }
    assert!(ended.output.contains("reanuda con: "), "{}", ended.output);
    assert_no_english(&ended.output);
}
