//! The instructor's side of class mode in Spanish (locales/*/workshop.ftl, `board-*` and
//! `class-*` messages): `class serve`, `class board`, `class announce`, `class check`, the
//! words the web board reads (`/strings.json`) and the board itself in headless Chromium, with
//! `LANG=es_ES.UTF-8` or `--lang es`, read no English; the browser's `Accept-Language` picks
//! the web board's language unless `--lang` fixed it.

use std::time::Duration;

use serde_json::Value;

use crate::support::Test;
use crate::support::class::{ClassServer, http, http_get_with};
use crate::support::english;

const ES: (&str, &str) = ("LANG", "es_ES.UTF-8");
/// [`ES`], with no other locale variable of the test's own environment before it.
const SPANISH_ONLY: &[(&str, &str)] = &[ES, ("LC_ALL", ""), ("LC_MESSAGES", "")];
/// A locale that names no language: workshop speaks English.
const NO_LANGUAGE: &[(&str, &str)] = &[("LANG", "C.UTF-8"), ("LC_ALL", ""), ("LC_MESSAGES", "")];

/// `t` with the locale variables `env`.
fn locale(mut t: Test, env: &[(&str, &str)]) -> Test {
    for (k, v) in env {
        t = t.env(*k, *v);
    }
    t
}

/// A learner joins and sends a run that fails its first step's check: the board has a stuck
/// learner with expected / observed / hint, and a step still pending. The learner's own words
/// (what the check expected, observed, the hint) are in Spanish, as a Spanish learner's run
/// sends them.
fn stuck_learner(server: &ClassServer, name: &str) {
    let h = server.listen.as_str();
    let (status, body) = http(
        h,
        "POST",
        "/api/join",
        None,
        &format!(r#"{{"code":"{}","name":"{name}"}}"#, server.code),
    );
    assert_eq!(status, 200, "{body}");
    let joined: Value = serde_json::from_str(&body).expect("JSON");
    let token = joined["token"].as_str().expect("a token");
    let events = serde_json::json!({"events": [
        {"seq": 1, "event": {"event": "run-started", "lab": "day55", "title": "Estado e Ingress",
            "plan": [{"id": "crear-pvc", "title": "Crear el PVC"}, {"id": "ver-pods", "title": "Ver los pods"}]}},
        {"seq": 2, "event": {"event": "step-started", "step": "crear-pvc", "time": "2026-01-01T10:00:00Z"}},
        {"seq": 3, "event": {"event": "check-failed", "step": "crear-pvc", "expected": "pvc datos enlazado",
            "observed": "fase Pending", "hint": "mira la clase de almacenamiento"}},
        {"seq": 4, "event": {"event": "step-finished", "step": "crear-pvc", "status": "failed"}},
    ]});
    let (status, body) = http(h, "POST", "/api/events", Some(token), &events.to_string());
    assert_eq!(status, 200, "{body}");
}

#[test]
fn class_serve_board_and_announce_speak_spanish() {
    let work = tempfile::tempdir().expect("temp");
    let server = ClassServer::start_with_env(work.path(), &["--scenario", "scenarios/day55.toml"], SPANISH_ONLY);
    english::assert_none("class serve's banner", &server.banner);
    assert!(server.banner.contains("Tablero del instructor:"), "{}", server.banner);
    stuck_learner(&server, "Ana");
    let url = server.board_url();

    let spanish = |args: &[&str]| locale(Test::new().args(args), SPANISH_ONLY).run();
    let board = spanish(&["class", "board", "--once", &url]).success();
    english::assert_none("class board --once", &board.stdout);
    assert!(
        board.stdout.contains("1 alumno · 1 con problemas · 0 terminados"),
        "{}",
        board.stdout
    );
    assert!(
        board.stdout.contains("    esperado: pvc datos enlazado"),
        "{}",
        board.stdout
    );
    assert!(board.stdout.contains("    pista: mira la clase"), "{}", board.stdout);
    let (en, es) = (strings_at(&server, "/strings.json?lang=en"), strings(&server, None));
    let left = english_board_words(&board.stdout, &en, &es);
    assert!(
        left.is_empty(),
        "English words on the terminal board: {left:?}\n{}",
        board.stdout
    );

    let announced = spanish(&["class", "announce", &url, "Descanso hasta las 11"]).success();
    english::assert_none("class announce", &announced.stdout);
    assert!(announced.stdout.contains("anunciado"), "{}", announced.stdout);

    // Errors and their hints: a URL without the key, a wrong key, a language workshop lacks.
    let no_key = spanish(&["class", "board", "--once", &server.base]).status(2);
    english::assert_none("class board without a key", &no_key.stderr);
    assert!(no_key.stderr.contains("--key CLAVE"), "{}", no_key.stderr);
    let wrong = format!("{}/?key=wrong", server.base);
    let refused = spanish(&["class", "announce", &wrong, "hola"]).status(3);
    english::assert_none("class announce with a wrong key", &refused.stderr);
    assert!(
        refused.stderr.contains("falta la clave del instructor"),
        "{}",
        refused.stderr
    );
    let long = "x".repeat(600);
    let too_long = spanish(&["class", "announce", &url, &long]).status(3);
    english::assert_none("class announce too long", &too_long.stderr);
    assert!(too_long.stderr.contains("de 1 a 500 caracteres"), "{}", too_long.stderr);
    let french = spanish(&["class", "board", "--once", &url, "--lang", "fr"]).status(2);
    english::assert_none("class board --lang fr", &french.stderr);

    // `--lang` works as on `run`: English from a Spanish locale, and the other way round.
    let english_board = spanish(&["class", "board", "--once", &url, "--lang", "en"]).success();
    assert!(
        english_board.stdout.contains("1 learner · 1 stuck · 0 finished"),
        "{}",
        english_board.stdout
    );
    assert!(
        english_board.stdout.contains("    expected: pvc datos enlazado"),
        "{}",
        english_board.stdout
    );
    let args = ["class", "board", "--once", &url, "--lang", "es"];
    let es_board = locale(Test::new().args(args), NO_LANGUAGE).run().success();
    english::assert_none("class board --lang es", &es_board.stdout);

    let stopped = server.stop();
    english::assert_none("class serve stopping", &stopped);
    assert!(stopped.contains("servidor de la clase detenido"), "{stopped}");
}

#[test]
fn class_serve_in_english_by_default_and_its_errors_in_spanish() {
    let work = tempfile::tempdir().expect("temp");
    let server = ClassServer::start_with_env(work.path(), &[], NO_LANGUAGE);
    assert!(
        server
            .banner
            .contains("Class \"Day 55, room 2\" is open (new, kept in "),
        "{}",
        server.banner
    );
    assert!(
        server.banner.contains("  Board for the instructor:  http://"),
        "{}",
        server.banner
    );
    assert!(
        server
            .banner
            .contains("  Learners join with:        workshop run SCENARIO --class "),
        "{}",
        server.banner
    );
    // The port is taken: said in Spanish with its hint.
    let args = ["class", "serve", "--listen", &server.listen, "--lang", "es"];
    let taken = locale(Test::new().args(args), NO_LANGUAGE).run().status(3);
    english::assert_none("class serve on a port in use", &taken.stderr);
    assert!(taken.stderr.contains("--listen 127.0.0.1:PUERTO"), "{}", taken.stderr);
    let stopped = server.stop();
    assert!(
        stopped.contains("class server stopped; everything is kept in "),
        "{stopped}"
    );
}

/// `/strings.json` as a browser asking for `accept` gets it.
fn strings(server: &ClassServer, accept: Option<&str>) -> serde_json::Map<String, Value> {
    let headers: Vec<(&str, &str)> = accept.map(|a| ("Accept-Language", a)).into_iter().collect();
    json_object(server, "/strings.json", &headers)
}

/// The words at `path` (`/strings.json?lang=en`).
fn strings_at(server: &ClassServer, path: &str) -> serde_json::Map<String, Value> {
    json_object(server, path, &[])
}

fn json_object(server: &ClassServer, path: &str, headers: &[(&str, &str)]) -> serde_json::Map<String, Value> {
    let (status, body) = http_get_with(&server.listen, path, headers);
    assert_eq!(status, 200, "{body}");
    match serde_json::from_str(&body) {
        Ok(Value::Object(m)) => m,
        other => panic!("not a JSON object ({other:?}): {body}"),
    }
}

#[test]
fn the_web_boards_words_follow_the_browser_or_lang() {
    let work = tempfile::tempdir().expect("temp");
    // A server whose locale names no language: the browser chooses among workshop's.
    let server = ClassServer::start_with_env(work.path(), &[], NO_LANGUAGE);
    let en = strings(&server, None);
    let es = strings(&server, Some("es-ES,es;q=0.9,en;q=0.8"));
    assert_eq!(en["lang"], "en");
    assert_eq!(en["board"], "Class board");
    assert_eq!(es["lang"], "es");
    assert_eq!(
        strings(&server, Some("fr-FR,fr;q=0.9"))["lang"],
        "en",
        "a language workshop lacks"
    );
    let mut missing = Vec::new();
    for (k, v) in &en {
        match es.get(k).and_then(Value::as_str) {
            Some(s) if !s.trim().is_empty() => {}
            other => missing.push(format!("{k}: {other:?} (English: {v})")),
        }
    }
    assert!(missing.is_empty(), "Spanish lacks board words: {missing:?}");
    assert_eq!(es.len(), en.len());
    let words: Vec<String> = es.values().filter_map(Value::as_str).map(str::to_owned).collect();
    english::assert_none("/strings.json in Spanish", &words.join("\n"));
    // The page itself: its language and title.
    let (_, page) = http_get_with(&server.listen, "/", &[("Accept-Language", "es")]);
    assert!(page.contains(r#"<html lang="es">"#), "{page}");
    assert!(page.contains("<title>Tablero de la clase</title>"), "{page}");
    let (_, page) = http_get_with(&server.listen, "/", &[]);
    assert!(page.contains(r#"<html lang="en">"#), "{page}");
    drop(server);

    // The server's language by default; `--lang` whatever the browser asks.
    for dir in ["es", "fixed"] {
        std::fs::create_dir_all(work.path().join(dir)).expect("folder");
    }
    let spanish = ClassServer::start_with_env(&work.path().join("es"), &[], SPANISH_ONLY);
    assert_eq!(strings(&spanish, None)["lang"], "es");
    assert_eq!(strings(&spanish, Some("en-US,en"))["lang"], "en");
    drop(spanish);
    let fixed = ClassServer::start_with_env(&work.path().join("fixed"), &["--lang", "es"], NO_LANGUAGE);
    assert_eq!(strings(&fixed, Some("en-US,en"))["lang"], "es");
}

#[test]
fn class_check_speaks_spanish() {
    let work = tempfile::tempdir().expect("temp");
    let server = ClassServer::start_with_env(work.path(), &[], NO_LANGUAGE);
    // A learner whose cluster is gone: nothing listens where the kubeconfig points.
    let kubeconfigs = work.path().join("kubeconfigs");
    std::fs::create_dir_all(&kubeconfigs).expect("folder");
    let port = crate::support::unused_port();
    std::fs::write(
        kubeconfigs.join("ana.yaml"),
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:{port}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: t\n"
        ),
    )
    .expect("write");
    let check = |dir: &std::path::Path| {
        let t = Test::in_repo()
            .args(["class", "check", "scenarios/day55.toml", "--kubeconfigs"])
            .arg(dir)
            .args(["--class", &server.board_url(), "--patience", "1s"])
            .timeout(Duration::from_secs(90));
        locale(t, SPANISH_ONLY).run()
    };
    let out = check(&kubeconfigs).status(3);
    english::assert_none("class check", &out.stdout);
    english::assert_none("class check", &out.stderr);
    assert!(out.stdout.contains("! ana: sin comprobar: "), "{}", out.stdout);
    assert!(out.stdout.contains("muestra estos resultados"), "{}", out.stdout);
    let empty = work.path().join("empty");
    std::fs::create_dir_all(&empty).expect("folder");
    let none = check(&empty).status(2);
    english::assert_none("class check on an empty folder", &none.stderr);
    assert!(
        none.stderr.contains("no tiene ningún archivo kubeconfig"),
        "{}",
        none.stderr
    );
}

/// The English board words (`/strings.json` in English, where Spanish says otherwise) that
/// `text` shows as words of their own: the detector of [`english`] knows sentences, and a
/// board's words are often single ones (`Close`, `stuck`, `steps`).
fn english_board_words(
    text: &str,
    en: &serde_json::Map<String, Value>,
    es: &serde_json::Map<String, Value>,
) -> Vec<String> {
    let alone = |word: &str| {
        text.match_indices(word).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    (en.iter())
        .filter(|(k, v)| *k != "lang" && es.get(*k) != Some(*v))
        .filter_map(|(_, v)| v.as_str())
        .filter(|w| alone(w))
        .map(str::to_owned)
        .collect()
}

/// Everything of the page a reader meets: its text, the titles and labels of its elements, the
/// placeholder, the window's title.
const PAGE_WORDS: &str = r#"
const words = [document.title, document.body.innerText];
for (const e of document.querySelectorAll('*')) {
  for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
    if (e.getAttribute(a)) words.push(e.getAttribute(a));
  }
}
return words.join('\n');
"#;

/// The web board of `class serve --lang es` in headless Chromium (which asks for English):
/// `<html lang="es">`, and no English in its text, titles, labels and placeholder, the
/// details of a stuck learner open.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_board_in_spanish_in_chromium() {
    let work = tempfile::tempdir().expect("temp");
    let server = ClassServer::start_with_env(work.path(), &["--lang", "es"], NO_LANGUAGE);
    stuck_learner(&server, "Ana");
    let browser = crate::support::class::Browser::start(1200, 900).await;
    browser.client.goto(&server.board_url()).await.expect("the board opens");
    browser
        .until(
            "Ana stuck, live",
            Duration::from_secs(20),
            "const r = document.querySelector('[data-learner=\"Ana\"]'); return !!r && r.classList.contains('stuck') && document.getElementById('live').classList.contains('on') && r.querySelector('.time').textContent !== ''",
        )
        .await;
    let lang = browser
        .client
        .execute("return document.documentElement.lang", Vec::new())
        .await
        .expect("lang");
    assert_eq!(lang.as_str(), Some("es"));
    // Counts take the singular word for one: "1 alumno", "0 terminados".
    let counts = browser
        .client
        .execute(
            "return ['count-learners', 'count-finished'].map(id => document.getElementById(id).textContent)",
            Vec::new(),
        )
        .await
        .expect("counts");
    assert_eq!(counts, serde_json::json!(["1 alumno", "0 terminados"]));
    let clicked = browser
        .client
        .execute(
            "const r = document.querySelector('[data-learner=\"Ana\"]'); if (r) { r.click(); } return !!r;",
            Vec::new(),
        )
        .await
        .expect("click");
    assert_eq!(clicked, Value::Bool(true));
    browser
        .until(
            "Ana's details",
            Duration::from_secs(10),
            "const d = document.getElementById('detail'); return d.open && d.querySelector('dd.expected') !== null",
        )
        .await;
    let words = browser
        .client
        .execute(PAGE_WORDS, Vec::new())
        .await
        .expect("the page's words");
    let words = words.as_str().expect("text").to_owned();
    browser.close().await;
    english::assert_none("the web board", &words);
    // The page's own language (`?lang=`, as board.js asks) is served whatever --lang says.
    let (en, es) = (strings_at(&server, "/strings.json?lang=en"), strings(&server, None));
    assert_eq!((en["lang"].as_str(), es["lang"].as_str()), (Some("en"), Some("es")));
    let left = english_board_words(&words, &en, &es);
    assert!(left.is_empty(), "English words on the web board: {left:?}\n{words}");
    for expected in ["Tablero de la clase", "con problemas", "esperado", "Anunciar", "Cerrar"] {
        assert!(words.contains(expected), "no {expected:?} on the board:\n{words}");
    }
}
