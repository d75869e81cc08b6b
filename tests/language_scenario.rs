//! Spanish for what validate says of a scenario's meaning (locales/*/workshop.ftl): a corpus of
//! broken labs (tests/data/broken-labs/) that triggers nearly every problem `validate` reports,
//! read by a Spanish learner (no English) and by an English one (the words pinned as they were).

use crate::support::{Test, english};

const ANALYSIS: &str = include_str!("data/broken-labs/analysis.toml");
const VALUES: &str = include_str!("data/broken-labs/values.toml");
const FILES: &str = include_str!("data/broken-labs/files.toml");
const TEMPLATE: &str = include_str!("data/broken-labs/templates/uses.yaml.j2");

/// The corpus in a fresh folder, run by relative path so the output holds no temporary path.
fn corpus() -> Test {
    Test::new()
        .write("analysis.toml", ANALYSIS)
        .write("values.toml", VALUES)
        .write("files.toml", FILES)
        .write("templates/uses.yaml.j2", TEMPLATE)
}

/// `workshop validate FILE`'s stderr in the locale `lang`, which must refuse the file.
fn validate(file: &str, lang: &str) -> String {
    corpus()
        .args(["validate", file])
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE")
        .run()
        .status(2)
        .stdout("")
        .stderr
}

/// Asserts a Spanish learner reads no English in `stderr`, and that every problem still says
/// where it is (`file:line:col`).
fn assert_spanish(stderr: &str, file: &str, problems: usize) {
    english::assert_none(file, &english::without_source_lines(stderr));
    assert!(
        stderr.ends_with(&format!("{problems} problemas encontrados\n")),
        "{stderr}"
    );
    let places = stderr.matches(&format!(" --> {file}:")).count();
    assert_eq!(places, problems, "every problem has its file:line:col:\n{stderr}");
}

#[test]
fn a_spanish_learner_reads_every_analysis_problem_in_spanish_with_its_place() {
    let stderr = validate("analysis.toml", "es_ES.UTF-8");
    assert_spanish(&stderr, "analysis.toml", 59);
    for needle in [
        "error: el paso `Start` necesita `zzz`, que no es ningún paso de [[steps]]\n  --> analysis.toml:20:23",
        "= se esperaba: el id de un paso anterior",
        "error: `nope` no está definido",
        "error: no se encuentra la plantilla `missing.yaml.j2` en `templates`",
        "= pista: plantillas que hay: uses.yaml.j2",
        "error: `StatefulSet` pertenece a un namespace, y este scale no dice en qué namespace buscar",
        "error: esta comprobación da a la vez `namespace` y `all-namespaces = true`",
        "error: `expect` en un comando en segundo plano nunca se comprueba\n  --> analysis.toml:86:64",
        "error: este paso captura `mine` solo después de su acción y sus comprobaciones",
        // What serde_json and minijinja say, in the learner's words too.
        "error: la cadena lleva un JSON que no se puede leer: se esperaba un valor (línea 1, columna 7 de la cadena)",
        "error: en `Expr {{ 1 + }}`: error de sintaxis en la plantilla: no se esperaba el final del bloque de variable",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
}

#[test]
fn a_spanish_learner_reads_serde_and_value_problems_in_spanish_with_the_values_as_written() {
    let stderr = validate("values.toml", "es_ES.UTF-8");
    assert_spanish(&stderr, "values.toml", 26);
    for needle in [
        "error: tipo no válido: la cadena \"echo hi\"\n  --> values.toml:69:20",
        "= se esperaba: una lista",
        "error: tipo no válido: el entero `3`",
        "error: valor no válido: el entero `70000`",
        "= se esperaba: un número entero (u16)",
        "error: valor desconocido `later`",
        "= se esperaba: `before` o `after`",
        "= se esperaba: un booleano (true o false)",
        "error: `soon` no es una duración (se esperaba un número en la posición 0)",
        "error: falta el campo `id`",
    ] {
        assert!(stderr.contains(needle), "missing {needle:?} in:\n{stderr}");
    }
}

#[test]
fn a_spanish_learner_reads_file_problems_and_workshop_new_in_spanish() {
    let stderr = validate("files.toml", "es_ES.UTF-8");
    assert_spanish(&stderr, "files.toml", 2);
    assert!(
        stderr.contains("la carpeta de plantillas `nowhere` no existe"),
        "{stderr}"
    );

    // A file that cannot be read has no line to point at: its path is in the message.
    let missing = validate("nothere.toml", "es_ES.UTF-8");
    assert!(
        missing.starts_with("error: no se puede leer el escenario `nothere.toml`: no existe ese archivo o carpeta\n"),
        "{missing}"
    );
    assert_eq!(english::lines(&missing), Vec::<String>::new(), "{missing}");
    let folder = validate("templates", "es_ES.UTF-8");
    assert!(
        folder.starts_with("error: el escenario `templates` es una carpeta, no un archivo normal\n"),
        "{folder}"
    );
    assert_eq!(english::lines(&folder), Vec::<String>::new(), "{folder}");

    let new = |t: Test| {
        t.args(["new", "labs/day60"])
            .env("LANG", "es_ES.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LANGUAGE")
            .run()
    };
    let wrote = new(Test::new()).success();
    assert!(
        wrote
            .stdout
            .starts_with("escritos labs/day60.toml y labs/templates/day60.yaml.j2\nsiguiente:\n"),
        "{}",
        wrote.stdout
    );
    assert_eq!(english::lines(&wrote.stdout), Vec::<String>::new(), "{}", wrote.stdout);
    let refused = new(Test::new().write("labs/day60.toml", "# mine\n")).status(2);
    let out = format!("{}{}", refused.stdout, refused.stderr);
    assert!(
        out.contains("`labs/day60.toml` ya existe; no se ha escrito nada"),
        "{out}"
    );
    assert_eq!(english::lines(&out), Vec::<String>::new(), "{out}");
}

#[test]
fn an_english_learner_reads_the_analysis_problems_as_before() {
    insta::assert_snapshot!(validate("analysis.toml", "C.UTF-8"));
}

#[test]
fn an_english_learner_reads_serde_and_value_problems_as_before() {
    insta::assert_snapshot!(validate("values.toml", "C.UTF-8"));
}

#[test]
fn an_english_learner_reads_file_problems_as_before() {
    insta::assert_snapshot!(validate("files.toml", "C.UTF-8"));
}
