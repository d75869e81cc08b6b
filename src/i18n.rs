//! The tool's own words in the learner's language, through Fluent.
//!
//! Every learner-facing message lives in one catalogue file per language,
//! `locales/<lang>/workshop.ftl`, embedded in the binary (English and Spanish today), in sections
//! named for the part of the tool whose words they hold. A lab adds a language, or rewords a
//! message, with its own `locales/<lang>/workshop.ftl` beside the scenario file (see
//! `docs/languages.md`). Messages are looked up with [`t!`](crate::t): the run's language first,
//! then English, so a lab's catalogue may be partial. Developer logs (`-v`) stay English and
//! never go through here.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::{FluentArgs, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The catalogues built into the binary: (language, Fluent source).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../locales/en/workshop.ftl")),
    ("es", include_str!("../locales/es/workshop.ftl")),
];

/// The file name of a catalogue inside `locales/<lang>/` (built in, and a lab's).
pub const FILE_NAME: &str = "workshop.ftl";

/// The messages of one language, with English behind them.
pub struct Catalogue {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

static CURRENT: RwLock<Option<Arc<Catalogue>>> = RwLock::new(None);

thread_local! {
    /// A language for this thread only (tests that render in a given language side by side).
    static SCOPED: std::cell::RefCell<Option<Arc<Catalogue>>> = const { std::cell::RefCell::new(None) };
}

fn bundle(lang: &str, sources: &[(PathBuf, String)]) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    b.set_use_isolating(false);
    for (_, src) in sources {
        // Sources were parsed before (built-in ones by a unit test, a lab's by `lab_sources`).
        let res = FluentResource::try_new(src.clone()).unwrap_or_else(|(res, _)| res);
        b.add_resource_overriding(res);
    }
    b
}

fn built_in(lang: &str) -> Vec<(PathBuf, String)> {
    BUILT_IN
        .iter()
        .filter(|(l, _)| *l == lang)
        .map(|(l, src)| (PathBuf::from(format!("locales/{l}/{FILE_NAME}")), (*src).to_owned()))
        .collect()
}

/// The built-in catalogue of `lang` (tests compare languages).
#[cfg(test)]
fn built_in_source(lang: &str) -> String {
    built_in(lang).into_iter().map(|(_, s)| s).collect()
}

impl Catalogue {
    /// The built-in catalogue of `lang` (English when there is none), with a lab's files on top.
    fn build(lang: &str, lab: &[(String, PathBuf, String)]) -> Catalogue {
        let lab_of = |l: &str| -> Vec<(PathBuf, String)> {
            lab.iter()
                .filter(|(ll, _, _)| ll == l)
                .map(|(_, p, s)| (p.clone(), s.clone()))
                .collect()
        };
        let mut sources: Vec<(PathBuf, String)> = built_in(lang);
        sources.extend(lab_of(lang));
        let mut english: Vec<(PathBuf, String)> = built_in("en");
        english.extend(lab_of("en"));
        Catalogue {
            lang: lang.to_owned(),
            bundle: bundle(lang, &sources),
            english: bundle("en", &english),
        }
    }

    fn format(&self, id: &str, args: &FluentArgs) -> String {
        for b in [&self.bundle, &self.english] {
            if let Some(pattern) = b.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = b.format_pattern(pattern, Some(args), &mut errors);
                if errors.is_empty() {
                    return text.into_owned();
                }
                tracing::debug!("message {id} in {}: {errors:?}", self.lang);
            }
        }
        // A missing message is a defect the catalogue test catches; show its id, never nothing.
        id.to_owned()
    }
}

/// The message `id` in the current language, with `args` filled in.
pub fn tr(id: &str, args: &FluentArgs) -> String {
    let scoped = SCOPED.with(|s| s.borrow().clone());
    if let Some(c) = scoped {
        return c.format(id, args);
    }
    let current = CURRENT.read().ok().and_then(|c| c.clone());
    match current {
        Some(c) => c.format(id, args),
        None => {
            let c = Arc::new(Catalogue::build("en", &[]));
            let text = c.format(id, args);
            if let Ok(mut cur) = CURRENT.write()
                && cur.is_none()
            {
                *cur = Some(c);
            }
            text
        }
    }
}

/// The message `id` in the current language from the catalogues built into workshop only, never
/// a lab's: for what a lab must not reword, such as the consent prompt (docs/security.md). A
/// language only a lab adds is shown in English here.
pub fn tr_built_in(id: &str, args: &FluentArgs) -> String {
    static BUILT: Mutex<Vec<Arc<Catalogue>>> = Mutex::new(Vec::new());
    let lang = current();
    let found = BUILT
        .lock()
        .ok()
        .and_then(|b| b.iter().find(|c| c.lang == lang).cloned());
    let catalogue = found.unwrap_or_else(|| {
        // Parsed once per language: capabilities ask for many lines.
        let c = Arc::new(Catalogue::build(&lang, &[]));
        if let Ok(mut b) = BUILT.lock() {
            b.push(c.clone());
        }
        c
    });
    catalogue.format(id, args)
}

/// The language messages are shown in now (`en`, `es`, or one a lab added).
pub fn current() -> String {
    let scoped = SCOPED.with(|s| s.borrow().as_ref().map(|c| c.lang.clone()));
    scoped.unwrap_or_else(|| {
        CURRENT
            .read()
            .ok()
            .and_then(|c| c.as_ref().map(|c| c.lang.clone()))
            .unwrap_or_else(|| "en".into())
    })
}

/// A message with named arguments: `t!("step-header", index = 1, total = 20)`.
#[macro_export]
macro_rules! t {
    ($id:expr) => {
        $crate::i18n::tr($id, &$crate::i18n::FluentArgs::new())
    };
    ($id:expr, $($k:ident = $v:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($k), $crate::i18n::FluentValue::from($v)); )+
        $crate::i18n::tr($id, &args)
    }};
}

/// [`t!`](crate::t) from the built-in catalogues only ([`tr_built_in`]).
#[macro_export]
macro_rules! t_builtin {
    ($id:expr) => {
        $crate::i18n::tr_built_in($id, &$crate::i18n::FluentArgs::new())
    };
    ($id:expr, $($k:ident = $v:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($k), $crate::i18n::FluentValue::from($v)); )+
        $crate::i18n::tr_built_in($id, &args)
    }};
}

/// The languages the tool speaks: the built-in ones and those a lab's `locales/` adds.
pub fn languages(lab: &[(String, PathBuf, String)]) -> Vec<String> {
    let mut all: Vec<String> = BUILT_IN.iter().map(|(l, _)| (*l).to_owned()).collect();
    for (l, _, _) in lab {
        if !all.contains(l) {
            all.push(l.clone());
        }
    }
    all
}

/// Chooses the language of the tool's messages and makes it current: the first of `wanted`
/// (the lab's language, `--lang`, the locale) that a catalogue serves, else English. `lab_dir`
/// is the folder of the scenario, whose `locales/<lang>/workshop.ftl` files add to the catalogues.
pub fn select(wanted: &[&str], lab_dir: Option<&Path>) -> Result<String, Diagnostics> {
    let lab = match lab_dir {
        Some(d) => lab_sources(d)?,
        None => Vec::new(),
    };
    let langs = languages(&lab);
    let locale = crate::language::locale_language();
    let chosen = wanted
        .iter()
        .filter_map(|w| crate::language::parse_tag(w))
        .chain(locale)
        .find_map(|tag| crate::language::best_match(&tag, &langs))
        .unwrap_or_else(|| "en".into());
    let catalogue = Arc::new(Catalogue::build(&chosen, &lab));
    if let Ok(mut cur) = CURRENT.write() {
        *cur = Some(catalogue);
    }
    Ok(chosen)
}

/// Shows messages in `lang` on this thread until the guard drops (for tests).
pub fn scoped(lang: &str) -> ScopedLanguage {
    let c = Arc::new(Catalogue::build(lang, &[]));
    SCOPED.with(|s| *s.borrow_mut() = Some(c));
    ScopedLanguage(())
}

/// Restores the program's language on this thread when dropped.
pub struct ScopedLanguage(());

impl Drop for ScopedLanguage {
    fn drop(&mut self) {
        SCOPED.with(|s| *s.borrow_mut() = None);
    }
}

/// A lab's own catalogues: every `locales/<lang>/workshop.ftl` under `dir`, parsed. A file
/// that is not valid Fluent is an error naming file:line:col.
pub fn lab_sources(dir: &Path) -> Result<Vec<(String, PathBuf, String)>, Diagnostics> {
    let root = dir.join("locales");
    let Ok(entries) = std::fs::read_dir(&root) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut dirs: Vec<_> = entries.flatten().filter(|e| e.path().is_dir()).collect();
    dirs.sort_by_key(|e| e.file_name());
    for e in dirs {
        let lang = e.file_name().to_string_lossy().into_owned();
        let file = e.path().join(FILE_NAME);
        let Ok(src) = std::fs::read_to_string(&file) else {
            continue;
        };
        let Some(tag) = crate::language::parse_tag(&lang) else {
            problems.push(
                Diagnostic::new(format!("{}: `{lang}` is not a language tag", file.display()))
                    .expected("a folder named for a language, such as locales/fr or locales/pt-BR")
                    .hint("rename the folder to the language's tag"),
            );
            continue;
        };
        match check_source(&file, &src) {
            None => found.push((tag.to_string(), file, src)),
            Some(d) => problems.push(d),
        }
    }
    if problems.is_empty() {
        Ok(found)
    } else {
        Err(Diagnostics(problems))
    }
}

/// A Fluent source's first syntax error, as file:line:col; none when it is valid.
fn check_source(file: &Path, src: &str) -> Option<Diagnostic> {
    match fluent_syntax::parser::parse(src) {
        Ok(_) => None,
        Err((_, errors)) => {
            let e = &errors[0];
            let (line, col) = line_col(src, e.pos.start);
            Some(
                Diagnostic::new(format!(
                    "{}:{line}:{col}: this is not a valid Fluent message ({})",
                    file.display(),
                    e.kind
                ))
                .expected("messages written as `message-id = text with { $variable }`")
                .hint("see docs/languages.md and the built-in catalogue locales/en/workshop.ftl"),
            )
        }
    }
}

fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let before = &src[..offset.min(src.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Every message of a Fluent source with the variables it uses, sorted.
pub fn messages_and_variables(src: &str) -> Vec<(String, Vec<String>)> {
    use fluent_syntax::ast;
    fn pattern(p: &ast::Pattern<&str>, vars: &mut Vec<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                expr(expression, vars);
            }
        }
    }
    fn expr(e: &ast::Expression<&str>, vars: &mut Vec<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                inline(selector, vars);
                for v in variants {
                    pattern(&v.value, vars);
                }
            }
            ast::Expression::Inline(i) => inline(i, vars),
        }
    }
    fn inline(i: &ast::InlineExpression<&str>, vars: &mut Vec<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => vars.push(id.name.to_owned()),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline(a, vars);
                }
            }
            ast::InlineExpression::Placeable { expression } => expr(expression, vars),
            _ => {}
        }
    }
    let res = fluent_syntax::parser::parse(src).unwrap_or_else(|(res, _)| res);
    let mut out = Vec::new();
    for entry in &res.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = Vec::new();
            if let Some(v) = &m.value {
                pattern(v, &mut vars);
            }
            vars.sort();
            vars.dedup();
            out.push((m.id.name.to_owned(), vars));
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_catalogues_parse() {
        for (lang, src) in BUILT_IN {
            if let Err((_, errors)) = fluent_syntax::parser::parse(*src) {
                panic!("locales/{lang}/{FILE_NAME}: {errors:?}");
            }
        }
    }

    #[test]
    fn every_message_exists_in_every_language_with_the_same_variables() {
        let english = messages_and_variables(&built_in_source("en"));
        assert!(english.len() > 50, "{}", english.len());
        for (lang, src) in BUILT_IN {
            // A second definition would silently win over the first.
            let mut ids: Vec<String> = messages_and_variables(src).into_iter().map(|(i, _)| i).collect();
            let all = ids.len();
            ids.dedup();
            assert_eq!(ids.len(), all, "locales/{lang}: a message id is defined twice");
        }
        for (lang, _) in &BUILT_IN[1..] {
            let other = messages_and_variables(&built_in_source(lang));
            let ids = |v: &[(String, Vec<String>)]| v.iter().map(|(i, _)| i.clone()).collect::<Vec<_>>();
            let missing: Vec<_> = ids(&english).into_iter().filter(|i| !ids(&other).contains(i)).collect();
            let extra: Vec<_> = ids(&other).into_iter().filter(|i| !ids(&english).contains(i)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has messages English lacks: {extra:?}");
            for ((id, ev), (_, ov)) in english.iter().zip(&other) {
                assert_eq!(ev, ov, "message {id}: English uses {ev:?}, {lang} uses {ov:?}");
            }
        }
    }

    #[test]
    fn every_message_the_code_asks_for_exists() {
        // Every `t!("id"` in the sources names a message of the English catalogue.
        let english: Vec<String> = messages_and_variables(&built_in_source("en"))
            .into_iter()
            .map(|(i, _)| i)
            .collect();
        let mut missing = Vec::new();
        let mut stack = vec![PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).expect("src is readable").flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    let text = std::fs::read_to_string(&p).expect("a source file");
                    let parts: Vec<&str> = text.split("!(").collect();
                    for (before, part) in parts.iter().zip(parts.iter().skip(1)) {
                        // `t!(` and `t_builtin!(`, not `format!(` or `print!(`; the id may
                        // stand on the next line.
                        let macro_name = before
                            .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or("");
                        let ours = macro_name == "t" || macro_name == "t_builtin";
                        let Some(rest) = part.trim_start().strip_prefix('"').filter(|_| ours) else {
                            continue;
                        };
                        let id = rest.split('"').next().unwrap_or("");
                        if id != "id" && id != "no-such-message" && !english.iter().any(|e| e == id) {
                            missing.push(format!("{}: {id}", p.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "messages not in locales/en: {missing:#?}");
    }

    #[test]
    fn a_message_renders_in_the_chosen_language_with_english_behind() {
        let _es = scoped("es");
        assert_eq!(crate::t!("step-header", index = 1, total = 20), "paso 1/20");
        drop(_es);
        let _en = scoped("en");
        assert_eq!(crate::t!("step-header", index = 1, total = 20), "step 1/20");
        assert_eq!(crate::t!("no-such-message"), "no-such-message");
    }

    #[test]
    fn a_lab_adds_a_language_and_a_broken_catalogue_is_named_with_its_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fr = dir.path().join("locales/fr");
        std::fs::create_dir_all(&fr).expect("mkdir");
        std::fs::write(fr.join(FILE_NAME), "step-header = étape { $index }/{ $total }\n").expect("write");
        let lab = lab_sources(dir.path()).expect("valid");
        assert_eq!(languages(&lab), ["en", "es", "fr"]);
        let c = Catalogue::build("fr", &lab);
        let mut args = FluentArgs::new();
        args.set("index", 2);
        args.set("total", 3);
        assert_eq!(c.format("step-header", &args), "étape 2/3");
        // What French lacks comes in English.
        assert_eq!(c.format("status-passed", &FluentArgs::new()), "passed");

        std::fs::write(fr.join(FILE_NAME), "ok = fine\nbroken = { $x\n").expect("write");
        let e = lab_sources(dir.path()).expect_err("invalid");
        assert!(e.0[0].message.contains("fr/workshop.ftl:3:1: "), "{}", e.0[0].message);
    }
}
