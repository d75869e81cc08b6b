//! The learner's language: the tool's own words in Spanish (locales/es/workshop.ftl) when the
//! locale or --lang asks for it, and a lab that adds a language of its own.

use std::time::Duration;

use crate::support::pty::{Pty, assert_reflowed_paragraph};
use crate::support::{REPO, Test, english};

const RUN: Duration = Duration::from_secs(120);

#[test]
fn a_learner_with_a_spanish_locale_reads_day55_on_the_rehearsal_in_spanish() {
    let mut pty = Pty::spawn(
        REPO.as_ref(),
        &["run", "scenarios/day55.toml", "--cluster", "rehearsal"],
        &[("LANG", "es_ES.UTF-8")],
    );
    pty.expect("ENSAYO", RUN)
        .expect("omitido: necesita un clúster real", RUN)
        .expect("15 correctos, 0 fallidos, 5 omitidos", RUN);
    assert_eq!(pty.wait(RUN), 0, "{}", pty.screen());
    let screen = pty.screen();
    assert!(screen.contains("existe"), "{screen}");
    english::assert_none("the screen", &screen);
}

#[test]
fn plain_output_plan_handout_and_doctor_speak_spanish_with_lang_es() {
    let run = Test::in_repo()
        .args(["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--lang", "ES"])
        .run()
        .success();
    let out = run.stdout.clone();
    assert!(out.contains("paso 6/20 create-pacman"), "{out}");
    assert!(out.contains("1 pod Ready con name=pacman en pacman"), "{out}");
    // The ingress check says which address it saw: the `get` table just before shows none yet.
    assert!(
        out.contains("✔ ingress pacman/pacman-ingress tiene dirección: dirección 127."),
        "{out}"
    );
    // Lines of the steps' own output (`  id | …`) are kubectl's words, not the tool's.
    let tool: String = out
        .lines()
        .filter(|l| !l.contains(" | "))
        .collect::<Vec<_>>()
        .join("\n");
    english::assert_none("the output", &tool);

    let plan = Test::in_repo()
        .args(["plan", "scenarios/day55.toml"])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .success();
    assert!(
        plan.stdout.contains("comprueba pvc pacman/mongo-storage está Bound"),
        "{}",
        plan.stdout
    );
    english::assert_none("the output", &plan.stdout);

    let md = Test::in_repo()
        .args(["export", "scenarios/day55.toml", "--format", "md", "--lang", "es"])
        .run()
        .success();
    for needle in [
        "Qué comprueba workshop:",
        "Necesita `",
        "| nombre | valor | significado |",
        "sigue ejecutándose en segundo plano",
    ] {
        assert!(md.stdout.contains(needle), "missing {needle:?} in:\n{}", md.stdout);
    }
    english::assert_none("the output", &md.stdout);

    let doctor = Test::in_repo()
        .args(["doctor", "scenarios/day55.toml", "--cluster", "rehearsal"])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .success();
    assert!(
        doctor.stdout.contains("listo: está todo lo que la ejecución necesita"),
        "{}",
        doctor.stdout
    );
    english::assert_none("the output", &doctor.stdout);
}

#[test]
fn english_stays_the_default_and_developer_logs_stay_english() {
    let t = Test::in_repo()
        .args(["-v", "plan", "scenarios/day55.toml", "--lang", "es"])
        .run()
        .success();
    assert!(t.stdout.contains("comprueba"), "{}", t.stdout);
    Test::in_repo()
        .args(["plan", "scenarios/day55.toml"])
        .env("LANG", "C.UTF-8")
        .run()
        .success()
        .stdout_contains("check pvc pacman/mongo-storage is Bound");
}

const FRENCH_LAB: &str = r#"
[lab]
id = "fr-lab"
title = { en = "A lab", fr = "Un labo" }
languages = ["en", "fr"]

[[steps]]
id = "look"
title = { en = "Look", fr = "Regarder" }
get = { resources = "namespaces" }

[[steps.checks]]
exists = { kind = "Namespace", name = "default" }
"#;

#[test]
fn a_lab_adds_a_language_with_its_own_catalogue_beside_the_scenario() {
    let t = Test::new()
        .write("lab.toml", FRENCH_LAB)
        .write(
            "locales/fr/workshop.ftl",
            "step-header = étape { $index }/{ $total }\ncheck-exists = { $target } existe bien\n",
        )
        .args(["run", "lab.toml", "--cluster", "rehearsal", "--lang", "fr"])
        .run()
        .success();
    t.stdout_contains("étape 1/1 look: Regarder")
        .stdout_contains("namespace default existe bien")
        // What the lab's catalogue does not say comes in English.
        .stdout_contains("1 passed, 0 failed");

    Test::new()
        .write("lab.toml", FRENCH_LAB)
        .write("locales/fr/workshop.ftl", "step-header = étape { $index\n")
        .args(["plan", "lab.toml", "--lang", "fr"])
        .run()
        .status(2)
        .stderr_contains("locales/fr/workshop.ftl:2:1: this is not a valid Fluent message")
        .stderr_contains("docs/languages.md");
}

/// A lab in English and Spanish whose one step applies an Ingress no controller serves, then
/// checks a field that differs and the Ingress's address: both checks fail.
const FAILING_LAB: &str = r#"
[lab]
id = "failing"
title = { en = "Failing", es = "Con fallos" }
languages = ["en", "es"]

[[steps]]
id = "labels"
title = { en = "Labels", es = "Etiquetas" }
optional = true
get = { resources = "namespaces" }

[[steps.checks]]
field = { kind = "Namespace", name = "default", path = "metadata.labels[*]", equals = "x" }
timeout = "1s"

[[steps]]
id = "ingress"
title = { en = "An Ingress", es = "Un Ingress" }
apply = { template = "ingress.yaml" }

[[steps.checks]]
ingress-address = { name = "web", namespace = "default" }
timeout = "1s"
"#;

const INGRESS: &str = "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: default
spec:
  rules:
  - host: web.example
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
";

#[test]
fn a_failing_check_says_what_it_expected_observed_and_diagnosed_in_spanish() {
    let lab = Test::new()
        .write("lab.toml", FAILING_LAB)
        .write("templates/ingress.yaml", INGRESS);
    let mut pty = Pty::spawn(
        lab.path(),
        &["run", "lab.toml", "--cluster", "rehearsal", "--trust"],
        &[("LANG", "es_ES.UTF-8")],
    );
    pty.expect("se observó: labels: 0 de 1 = \"x\"; los demás: \"default\"", RUN)
        .expect(
            "diagnóstico: el Ingress no tiene dirección porque no hay ningún controlador de Ingress instalado",
            RUN,
        )
        .expect("se esperaba: ingress default/web tiene dirección", RUN)
        .expect("se observó: aún sin dirección", RUN);
    assert_eq!(pty.wait(RUN), 1, "{}", pty.screen());
    let screen = pty.screen();
    english::assert_none("the screen", &screen);
}

#[test]
fn a_broken_scenario_is_explained_in_spanish_with_its_place() {
    let broken = FAILING_LAB.replace("apply = {", "aply = {");
    for (env, lang) in [(Some(("LANG", "es_ES.UTF-8")), None), (None, Some("es"))] {
        let mut t = Test::new()
            .write("lab.toml", &broken)
            .args(["run", "lab.toml", "--cluster", "rehearsal"]);
        if let Some((k, v)) = env {
            t = t.env(k, v);
        }
        if let Some(l) = lang {
            t = t.args(["--lang", l]);
        }
        let out = t.run().status(2);
        let err = out.stderr.clone();
        out.stderr_in_order(&[
            "error: campo desconocido `aply`",
            "--> lab.toml:20:1",
            "aply = { template = \"ingress.yaml\" }",
            "= se esperaba: un campo de paso (id, title,",
            "= pista: ¿querías decir `apply`?",
            "1 problema encontrado",
        ]);
        english::assert_none("the output", &err);
    }
}

#[test]
fn reset_asks_and_reports_in_spanish() {
    let t = Test::in_repo()
        .args(["reset", "scenarios/day55.toml", "--cluster", "rehearsal", "--yes"])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .success();
    let out = t.stdout.clone();
    t.stdout_contains("restablecer: ")
        .stdout_contains("(7 pasos)")
        .stdout_contains("ya estaba limpio: namespace/pacman no existe")
        .stdout_contains("no hay estado para reanudar que borrar");
    english::assert_none("the output", &out);

    // Without --yes, on a terminal: the question and its answer in Spanish.
    let repo = Test::in_repo();
    let mut pty = Pty::spawn(
        repo.path(),
        &["reset", "scenarios/day55.toml", "--cluster", "rehearsal"],
        &[("LANG", "es_ES.UTF-8")],
    );
    pty.expect("Restablecer el laboratorio `day55` en el clúster rehearsal:", RUN)
        .expect("olvidar el estado para reanudar", RUN)
        .expect("¿Continuar? [s/N]", RUN)
        .send("n\r")
        .expect("no se ha cambiado nada", RUN);
    assert_eq!(pty.wait(RUN), 0, "{}", pty.screen());
    let screen = pty.screen();
    english::assert_none("the output", &screen);
}

/// What the bash script says in its own words (not the lab's manifests, whose comments are the
/// lab author's): every `#` line outside a here-document, and the lines that print.
fn script_words(script: &str) -> Vec<&str> {
    let mut in_doc = false;
    let mut out = Vec::new();
    for l in script.lines() {
        if in_doc {
            in_doc = l != "WORKSHOP_EOF";
            continue;
        }
        in_doc = l.contains("<<'WORKSHOP_EOF'");
        let t = l.trim_start();
        if t.starts_with('#') || t.starts_with("printf") || t.starts_with("read ") || t.contains("|| echo") {
            out.push(l);
        }
    }
    out
}

#[test]
fn the_spanish_handout_script_comments_in_spanish() {
    let es = Test::in_repo()
        .args(["export", "scenarios/day55.toml", "--format", "sh", "--lang", "es"])
        .run()
        .success();
    let script = es.stdout.clone();
    for needle in [
        "# Laboratorio day55: los comandos minikube/kubectl/curl equivalentes a cada paso, en orden.",
        "# `bash day55.sh reset` deshace el laboratorio",
        "# comprobación: namespace pacman existe",
        "printf \"capturado %s = %s\\\\n\" player \"$PLAYER\"",
        "|| echo 'el paso opcional falló; seguimos'",
        "read -r -p 'Los procesos en segundo plano siguen ejecutándose.",
    ] {
        assert!(script.contains(needle), "missing {needle:?} in:\n{script}");
    }
    const SCRIPT_ENGLISH: &[&str] = &[
        "check:",
        "the equivalent",
        "Generated by",
        "undoes the lab",
        "Background processes",
        "optional step failed",
        "captured %s",
        "Secret values",
        "gives no answer",
    ];
    let english: Vec<&str> = script_words(&script)
        .into_iter()
        .filter(|l| SCRIPT_ENGLISH.iter().any(|e| l.contains(e)) || !english::lines(l).is_empty())
        .collect();
    assert!(english.is_empty(), "English in the Spanish script: {english:#?}");
    // The translated words are quoted so bash still reads the script.
    let file = es.path().join("day55.sh");
    std::fs::write(&file, &script).expect("write the script");
    let syntax = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash runs");
    assert!(syntax.status.success(), "{}", String::from_utf8_lossy(&syntax.stderr));

    // English stays English.
    let en = Test::in_repo()
        .args(["export", "scenarios/day55.toml", "--format", "sh"])
        .run()
        .success();
    assert!(en.stdout.contains("# check: namespace pacman exists"), "{}", en.stdout);
}

#[test]
fn a_60_column_terminal_wraps_the_step_card_between_words() {
    let repo = Test::in_repo();
    let mut pty = Pty::spawn_sized(
        repo.path(),
        &["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--step"],
        &[("LANG", "es_ES.UTF-8")],
        60,
    );
    pty.expect("paso 1/20", RUN).expect("ayuda", RUN).send("?");
    pty.expect("ayuda", RUN).send("q");
    pty.wait(RUN);
    let screen = pty.screen();
    // The terminal wraps what is wider than it (and the live display pads its lines to fill
    // whole rows): cut the output into 60-column rows as the terminal does, and no row may end
    // inside a word that the next row goes on with. Only a command (`$ …`), copied whole, may.
    let mut cuts = Vec::new();
    for line in screen.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        let rows: Vec<String> = chars.chunks(60).map(|c| c.iter().collect()).collect();
        for pair in rows.windows(2) {
            let ends_in_word = pair[0].ends_with(|c: char| !c.is_whitespace());
            let goes_on = pair[1].starts_with(|c: char| !c.is_whitespace());
            if ends_in_word && goes_on && !line.trim_start().starts_with("$ ") {
                cuts.push(format!("{}|{}", pair[0], pair[1]));
            }
        }
    }
    assert!(
        cuts.is_empty(),
        "words cut at column 60: {cuts:#?}\n--- screen ---\n{screen}"
    );
    // The explanation's paragraphs are re-flowed, not wrapped line by line as the author broke
    // them: inside a paragraph, no line ends while the next line's first word would still fit.
    assert_reflowed_paragraph(&screen, "Arranca un perfil", 60);
    // The card's explanation is all there, word for word.
    let card: Vec<&str> = screen.split_whitespace().collect();
    for phrase in [
        "Arrancar minikube con el driver CSI hostpath",
        "Arranca un perfil de minikube llamado",
    ] {
        let words: Vec<&str> = phrase.split_whitespace().collect();
        assert!(
            card.windows(words.len()).any(|w| w == words.as_slice()),
            "{phrase:?} in:\n{screen}"
        );
    }
}

#[test]
fn class_mode_tells_a_spanish_learner_about_an_unreachable_server_in_spanish() {
    let closed = crate::support::class::Relay::unplugged();
    let out = Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--class",
            &closed.url(),
            "--join",
            "abc123",
            "--name",
            "Ana",
        ])
        .env("LANG", "es_ES.UTF-8")
        .timeout(Duration::from_secs(90))
        .run()
        .success();
    let text = out.stdout.clone();
    out.stdout_contains("clase: no se puede contactar con el servidor de la clase")
        .stdout_contains("el laboratorio sigue, y su progreso se enviará cuando el servidor vuelva")
        .stdout_contains("eventos aún sin enviar; se guardan en .workshop/class/ABC123.json");
    let english: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("class:") || l.contains("not sent") || l.contains("is unreachable"))
        .collect();
    assert!(english.is_empty(), "{english:#?}\n{text}");
}

/// A lab in English and Spanish that runs a program (so `run` asks for consent), with a
/// Spanish catalogue of its own that tries to reword the consent.
const CONSENT_LAB: &str = r#"
[lab]
id = "touchy"
title = { en = "Runs a program", es = "Ejecuta un programa" }
languages = ["en", "es"]

[cluster]
provider = "rehearsal"

[[steps]]
id = "start"
title = { en = "Start", es = "Arrancar" }
start-cluster = {}

[[steps]]
id = "touch"
title = { en = "Touch a file", es = "Tocar un archivo" }
command = { argv = ["sh", "-c", "touch ran; echo touched"] }
"#;

const REWORDING: &str = "trust-question = ¿Algo inofensivo?
caps-programs = no hace nada peligroso
trust-not-trusted = todo en orden con { $lab } ({ $path }):
diag-error = todo bien:
summary-passed = { $count } superados
";

#[test]
fn the_consent_prompt_is_in_spanish_from_the_built_in_catalogue_only() {
    let lab = Test::new()
        .write("lab.toml", CONSENT_LAB)
        .write("locales/es/workshop.ftl", REWORDING);
    let mut pty = Pty::spawn(lab.path(), &["run", "lab.toml"], &[("LANG", "es_ES.UTF-8")]);
    pty.expect(
        "el laboratorio `touchy` (lab.toml) no es de confianza en esta máquina todavía. Este laboratorio:",
        RUN,
    )
    .expect("ejecuta programas en esta máquina:", RUN)
    .expect("`sh -c 'touch ran; echo touched'` (paso touch)", RUN)
    .expect("¿Ejecutarlo? [s/N]", RUN)
    .send("n\r")
    .expect(
        "error: el laboratorio `touchy` no se ejecutó: no es de confianza en esta máquina y no respondiste que sí",
        RUN,
    )
    .expect(
        "= se esperaba: tu consentimiento para lo que hace este laboratorio:",
        RUN,
    )
    .expect(
        "= pista: lee primero el laboratorio (`workshop plan lab.toml`); después ejecútalo",
        RUN,
    );
    assert_eq!(pty.wait(RUN), 4, "{}", pty.screen());
    let screen = pty.screen();
    for reworded in ["inofensivo", "nada peligroso", "todo en orden", "todo bien"] {
        assert!(
            !screen.contains(reworded),
            "the lab reworded the consent ({reworded}):\n{screen}"
        );
    }
    english::assert_none("the output", &screen);
    assert!(!lab.path().join("ran").exists(), "the program ran after a no");

    // A Spanish yes runs it; the lab's catalogue still words the run itself.
    let mut pty = Pty::spawn(lab.path(), &["run", "lab.toml"], &[("LANG", "es_ES.UTF-8")]);
    pty.expect("¿Ejecutarlo? [s/N]", RUN)
        .send("s\r")
        .expect("de confianza: respondiste que sí", RUN)
        .expect("2 superados", RUN);
    assert_eq!(pty.wait(RUN), 0, "{}", pty.screen());
    assert!(lab.path().join("ran").exists());
}

#[test]
fn a_cluster_that_cannot_be_reached_is_explained_in_spanish() {
    // A loopback port nothing listens on.
    let port = crate::support::unused_port();
    let kubeconfig = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: dead\n  cluster:\n    server: http://127.0.0.1:{port}\ncontexts:\n- name: dead\n  context:\n    cluster: dead\n    user: dead\ncurrent-context: dead\nusers:\n- name: dead\n  user: {{}}\n"
    );
    let dead = Test::in_repo()
        .write("dead.kubeconfig", kubeconfig)
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "existing",
            "--kubeconfig",
            "dead.kubeconfig",
        ])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .status(3);
    let err = dead.stderr.clone();
    dead.stderr_contains("error: no se puede contactar con el clúster (dead): http://127.0.0.1:")
        .stderr_contains("= pista: ¿está en marcha el clúster? compruébalo con `kubectl cluster-info`");
    assert!(
        !err.contains("hint:") && !err.contains("is the cluster running"),
        "{err}"
    );

    Test::in_repo()
        .args([
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "existing",
            "--kubeconfig",
            "missing.kubeconfig",
        ])
        .env("LANG", "es_ES.UTF-8")
        .run()
        .status(3)
        .stderr_contains("error: kubeconfig: --kubeconfig missing.kubeconfig: ese archivo no existe")
        .stderr_contains("= pista: revisa la ruta; minikube y kind escriben su kubeconfig en ~/.kube/config");
}

#[test]
fn a_spanish_learner_steps_through_all_of_day55_on_a_pty_and_reads_no_english() {
    let repo = Test::in_repo();
    let mut pty = Pty::spawn(
        repo.path(),
        &["run", "scenarios/day55.toml", "--cluster", "rehearsal", "--step"],
        &[("LANG", "es_ES.UTF-8")],
    );
    // The keys, the help, a wrong key and a skip that later steps pay for, all in Spanish.
    pty.expect("paso 1/20", RUN)
        .expect("?: ayuda", RUN)
        .send("x")
        .expect("`x` no hace nada aquí", RUN)
        .send("?")
        .expect("Ctrl-C  para al momento", RUN)
        .send("\r");
    for n in 2..=20 {
        pty.expect(&format!("paso {n}/20"), RUN);
        if n == 6 {
            // create-pacman: skipping it warns and asks; Enter runs it after all.
            pty.send("s").expect("si lo saltas", RUN);
        }
        pty.send("\r");
    }
    pty.expect("15 correctos, 0 fallidos, 5 omitidos", RUN);
    assert_eq!(pty.wait(RUN), 0, "{}", pty.screen());
    let screen = pty.screen();
    english::assert_none("the screen", &screen);
}

#[test]
fn a_wrong_version_and_a_rehearsal_that_cannot_start_are_explained_in_spanish() {
    let cases: &[&[&str]] = &[
        &[
            "run",
            "scenarios/day55.toml",
            "--cluster",
            "rehearsal",
            "--kubernetes-version",
            "latest",
        ],
        &["rehearsal", "serve", "--version", "2.0"],
        &["rehearsal", "serve", "--addons", "nope"],
    ];
    for args in cases {
        let out = Test::in_repo().args(*args).env("LANG", "es_ES.UTF-8").run();
        assert!(out.code != Some(0), "{args:?} succeeded:\n{}", out.stderr);
        assert!(out.stderr.starts_with("error: "), "{args:?}:\n{}", out.stderr);
        english::assert_none(&args.join(" "), &out.stderr);
    }
}
