//! Reading a scenario file into the model (`model.rs`), with every syntax and type problem
//! reported together: each top-level table and each step is read on its own, so one broken
//! step does not hide the problems of the next.

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};

use super::action::Action;
use super::check::CheckKind;
use super::model::{ClusterSpec, LabSpec, StepSpec, VarSpec};
use super::span::Span;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Source;

/// The scenario file as read, before analysis. Parts that failed to read are absent and
/// their problems are in the diagnostics returned beside it.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    pub source: Arc<Source>,
    pub lab: Option<LabSpec>,
    pub lab_span: Span,
    pub cluster: ClusterSpec,
    pub vars: Vec<(Spanned<String>, VarSpec)>,
    pub steps: Vec<Spanned<StepSpec>>,
    pub steps_span: Span,
    pub cleanup: Vec<Spanned<StepSpec>>,
    /// True when some step or table failed to read, so cross-references may be incomplete.
    pub incomplete: bool,
}

const TOP_LEVEL: &[&str] = &["lab", "cluster", "vars", "steps", "cleanup"];

/// Reads and parses a scenario file: a regular UTF-8 file of at most 4 MiB
/// ([`crate::source::read_text`]).
pub fn load_file(path: &Path) -> Result<(ScenarioFile, Diagnostics), Diagnostics> {
    let source = Source::read(path).map_err(|e| {
        let mut d = e.diagnostic("scenario");
        if e.is_not_found() {
            d = d.hint(crate::t!("load-not-found-hint"));
        }
        Diagnostics(vec![d])
    })?;
    Ok(parse(source))
}

/// Parses scenario text; never fails, but may return an almost empty file and many problems.
pub fn parse(source: Source) -> (ScenarioFile, Diagnostics) {
    let source = Arc::new(source);
    let mut diags = Diagnostics::default();
    let mut file = ScenarioFile {
        source: source.clone(),
        lab: None,
        lab_span: Span::default(),
        cluster: ClusterSpec::default(),
        vars: Vec::new(),
        steps: Vec::new(),
        steps_span: Span::default(),
        cleanup: Vec::new(),
        incomplete: false,
    };

    let (root, syntax_errors) = DeTable::parse_recoverable(&source.text);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            let span = Span(e.span().unwrap_or(0..0));
            diags.push(
                Diagnostic::at(
                    &source,
                    &span,
                    crate::t!("load-toml-syntax", error = e.message().trim()),
                )
                .hint(crate::t!("load-toml-syntax-hint")),
            );
        }
        // Read on: the parser recovers after a syntax error, and the tables it could read may
        // hold problems of their own, which the author should see in the same pass.
        file.incomplete = true;
    }

    let root_span = Span(root.span());
    let root = root.into_inner();
    let mut seen_lab = false;
    for (key, value) in root {
        let key_span = Span(key.span());
        match key.get_ref().as_ref() {
            "lab" => {
                seen_lab = true;
                file.lab_span = Span(value.span());
                file.lab = read(&source, value, &mut diags, Context::Lab);
            }
            "cluster" => {
                if let Some(c) = read(&source, value, &mut diags, Context::Cluster) {
                    file.cluster = c;
                }
            }
            "vars" => read_vars(&source, value, &mut diags, &mut file.vars),
            "steps" => {
                file.steps_span = Span(value.span());
                file.steps = read_steps(&source, value, &mut diags, &mut file.incomplete, "steps");
            }
            "cleanup" => {
                file.cleanup = read_steps(&source, value, &mut diags, &mut file.incomplete, "cleanup");
            }
            other => diags.push(
                Diagnostic::at(&source, &key_span, crate::t!("load-unknown-table", table = other))
                    .expected(one_of(TOP_LEVEL))
                    .hint(suggest(other, TOP_LEVEL).unwrap_or_else(|| crate::t!("load-unknown-table-hint"))),
            ),
        }
    }
    if !seen_lab {
        diags.push(
            Diagnostic::at(
                &source,
                &Span(root_span.0.start..root_span.0.start),
                crate::t!("load-no-lab"),
            )
            .expected(crate::t!("load-no-lab-expected"))
            .hint(crate::t!("load-no-lab-hint")),
        );
        file.incomplete = true;
    }
    (file, diags)
}

/// Which part of the file a value belongs to, for better hints.
#[derive(Clone, Copy)]
enum Context {
    Lab,
    Cluster,
    Var,
    Step,
    /// A `[[steps.checks]]` table.
    Check,
}

fn read<T: for<'de> Deserialize<'de>>(
    source: &Source,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
    ctx: Context,
) -> Option<T> {
    let outer = Span(value.span());
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(type_error(source, &e, &outer, ctx));
            None
        }
    }
}

fn read_vars(
    source: &Source,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
    out: &mut Vec<(Spanned<String>, VarSpec)>,
) {
    let span = Span(value.span());
    match value.into_inner() {
        DeValue::Table(t) => {
            for (k, v) in t {
                let name = Spanned::new(k.span(), k.get_ref().to_string());
                if let Some(spec) = read::<VarSpec>(source, v, diags, Context::Var) {
                    out.push((name, spec));
                }
            }
        }
        other => diags.push(
            Diagnostic::at(
                source,
                &span,
                crate::t!("load-vars-not-table", found = type_name(other.type_str())),
            )
            .expected(crate::t!("load-vars-not-table-expected")),
        ),
    }
}

fn read_steps(
    source: &Source,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
    incomplete: &mut bool,
    table: &str,
) -> Vec<Spanned<StepSpec>> {
    let span = Span(value.span());
    let DeValue::Array(items) = value.into_inner() else {
        diags.push(
            Diagnostic::at(source, &span, crate::t!("load-not-array", table = table))
                .expected(crate::t!("load-not-array-expected", table = table))
                .hint(crate::t!("load-not-array-hint", table = table)),
        );
        *incomplete = true;
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let item_span = item.span();
        match read_step(source, item, diags) {
            Some(step) => {
                if step.left_out.iter().any(|k| k.starts_with("capture")) {
                    // A later step may use what the broken capture would have recorded.
                    *incomplete = true;
                }
                out.push(Spanned::new(item_span, step));
            }
            None => *incomplete = true,
        }
    }
    out
}

/// Reads one step. A key whose value is wrong (or unknown) is reported and left out, and the
/// step is read again without it, so the rest of the step (its id, its other checks) is still
/// analysed; in `checks` and `capture` only the broken table is left out. Gives up, after
/// reporting, when a required key is missing or the problem is in no key.
fn read_step(source: &Source, item: Spanned<DeValue<'_>>, diags: &mut Diagnostics) -> Option<StepSpec> {
    let item_span = item.span();
    let DeValue::Table(mut table) = item.get_ref().clone() else {
        return read::<StepSpec>(source, item, diags, Context::Step);
    };
    let mut left_out: Vec<String> = Vec::new();
    // Each round leaves out one key or table, so the number of keys bounds the rounds.
    loop {
        let value = Spanned::new(item_span.clone(), DeValue::Table(table.clone()));
        let e = match StepSpec::deserialize(ValueDeserializer::from(value)) {
            Ok(mut step) => {
                step.left_out = left_out;
                return Some(step);
            }
            Err(e) => e,
        };
        let missing = e
            .message()
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next());
        if missing.is_some_and(|m| left_out.iter().any(|k| k == m)) {
            // The key was left out for a problem already reported.
            return None;
        }
        let at = e.span();
        let inside = at.as_ref().and_then(|at| holding_key(&table, at));
        let ctx = match inside.as_deref() {
            Some("checks") => Context::Check,
            _ => Context::Step,
        };
        diags.push(type_error(source, &e, &Span(item_span.clone()), ctx));
        if !leave_out(&mut table, &at?, &mut left_out) {
            return None;
        }
    }
}

/// The key of a step table whose name or value holds `at`.
fn holding_key(table: &DeTable<'_>, at: &std::ops::Range<usize>) -> Option<String> {
    table
        .iter()
        .find(|(k, v)| within(k.span(), at) || holds(v, at))
        .map(|(k, _)| k.get_ref().to_string())
}

/// Leaves out of a step table the key whose value (or name) holds `at`; in an array of tables,
/// only the table that holds it. False when no key holds it.
fn leave_out(table: &mut DeTable<'_>, at: &std::ops::Range<usize>, left_out: &mut Vec<String>) -> bool {
    let Some(key) = holding_key(table, at) else {
        return false;
    };
    if let Some(v) = table.get_mut(key.as_str())
        && let DeValue::Array(items) = v.get_mut()
        && let Some(i) = items.iter().position(|x| holds(x, at))
    {
        let kept: DeArray<'_> = items
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, x)| x.clone())
            .collect();
        *items = kept;
        left_out.push(format!("{key}[{i}]"));
        return true;
    }
    table.remove(key.as_str());
    left_out.push(key);
    true
}

/// `at` lies within `r`.
fn within(r: std::ops::Range<usize>, at: &std::ops::Range<usize>) -> bool {
    r != (0..0) && r.start <= at.start && at.end <= r.end
}

/// `at` lies within the value, or within one of its keys or values, however deep: the span of
/// a `[[steps.checks]]` table covers only its header, not the keys under it.
fn holds(v: &Spanned<DeValue<'_>>, at: &std::ops::Range<usize>) -> bool {
    within(v.span(), at)
        || match v.get_ref() {
            DeValue::Table(t) => t.iter().any(|(k, x)| within(k.span(), at) || holds(x, at)),
            DeValue::Array(items) => items.iter().any(|x| holds(x, at)),
            _ => false,
        }
}

/// Turns a serde/toml error into a diagnostic with what was expected and a hint.
fn type_error(source: &Source, e: &toml::de::Error, outer: &Span, ctx: Context) -> Diagnostic {
    let span = e.span().map(Span).unwrap_or_else(|| outer.clone());
    let raw = e.message().trim().to_owned();
    let (message, expected) = split_expected(&raw);
    let mut d = Diagnostic::at(source, &span, serde_message(&message));
    let unknown_step_key = matches!(ctx, Context::Step) && message.starts_with("unknown field `");
    if unknown_step_key {
        d = d.expected(crate::t!(
            "load-step-field-expected",
            fields = StepSpec_FIELDS.join(", ")
        ));
    } else if matches!(ctx, Context::Check) && message.starts_with("unknown field `") {
        d = d.expected(crate::t!("load-check-key-expected", keys = CheckKind::KEYS.join(", ")));
    } else if let Some(exp) = expected {
        d = d.expected(serde_expected(&exp));
    }
    if message.contains(&crate::t!("duration-is-not-one")) {
        d = d
            .expected(crate::t!("load-duration-expected"))
            .hint(crate::t!("load-duration-hint"));
    }
    if let Some(field) = message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
    {
        let hint = match ctx {
            Context::Step if !StepSpec_FIELDS.contains(&field) => {
                let actions = Action::KEYS;
                let checks = CheckKind::KEYS;
                suggest(field, actions)
                    .or_else(|| suggest(field, StepSpec_FIELDS))
                    .or_else(|| suggest(field, checks))
                    .unwrap_or_else(|| crate::t!("load-step-one-action-hint", actions = actions.join(", ")))
            }
            Context::Check => suggest(field, CheckKind::KEYS)
                .or_else(|| suggest(field, &["timeout", "hint"]))
                .unwrap_or_else(|| crate::t!("load-check-one-key-hint")),
            _ => crate::t!("load-unknown-field-hint", field = field),
        };
        d = d.hint(hint);
    } else if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        d = d.hint(crate::t!("load-missing-field-hint", field = field));
    } else if matches!(ctx, Context::Lab) {
        d = d.hint(crate::t!("load-lab-hint"));
    } else if matches!(ctx, Context::Cluster) {
        d = d.hint(crate::t!("load-cluster-hint"));
    }
    d
}

/// True for the keys of a step table other than its action (`id`, `checks`, `timeout`, …).
pub(crate) fn is_step_field(key: &str) -> bool {
    StepSpec_FIELDS.contains(&key)
}

/// Field names of a step table, for hints.
#[allow(non_upper_case_globals)]
const StepSpec_FIELDS: &[&str] = &[
    "id",
    "title",
    "explain",
    "checks",
    "capture",
    "needs",
    "optional",
    "pause",
    "keep-running",
    "timeout",
];

/// `"unknown field `x`, expected one of `a`, `b`"` → (`unknown field `x``, `one of `a`, `b``).
fn split_expected(raw: &str) -> (String, Option<String>) {
    for sep in [", expected ", "; expected "] {
        if let Some((m, e)) = raw.split_once(sep) {
            return (m.to_owned(), Some(e.to_owned()));
        }
    }
    if let Some((m, e)) = raw.split_once(": expected ") {
        return (m.to_owned(), Some(e.to_owned()));
    }
    (raw.to_owned(), None)
}

pub(crate) fn one_of(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    crate::t!("one-of", items = quoted.join(", "))
}

/// serde's messages in the learner's language (the shapes of `serde::de::Error`: a field it
/// does not know, misses or sees twice, a value of the wrong type, an invalid value or length,
/// an unknown variant), keeping the values quoted from the file exactly; a message it does not
/// recognise as it is.
fn serde_message(message: &str) -> String {
    let quoted = |prefix: &str| {
        message
            .strip_prefix(prefix)
            .and_then(|r| r.strip_suffix('`'))
            .filter(|f| !f.contains('`'))
    };
    if let Some(f) = quoted("unknown field `") {
        crate::t!("load-unknown-field", field = f)
    } else if let Some(f) = quoted("missing field `") {
        crate::t!("load-missing-field", field = f)
    } else if let Some(f) = quoted("duplicate field `") {
        crate::t!("serde-duplicate-field", field = f)
    } else if let Some(v) = quoted("unknown variant `") {
        crate::t!("serde-unknown-variant", value = v)
    } else if let Some(found) = message.strip_prefix("invalid type: ") {
        crate::t!("serde-invalid-type", found = serde_unexpected(found))
    } else if let Some(found) = message.strip_prefix("invalid value: ") {
        crate::t!("serde-invalid-value", found = serde_unexpected(found))
    } else if let Some(n) = message
        .strip_prefix("invalid length ")
        .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
    {
        crate::t!("serde-invalid-length", length = n)
    } else {
        message.to_owned()
    }
}

/// What serde found (`serde::de::Unexpected` as it displays): `string "echo hi"`,
/// `integer `3``, `sequence`, …, in the learner's language with the value as written.
fn serde_unexpected(found: &str) -> String {
    let value = |prefix: &str| found.strip_prefix(prefix).filter(|v| !v.is_empty());
    if let Some(v) = value("string ") {
        crate::t!("serde-found-string", value = v)
    } else if let Some(v) = value("integer ") {
        crate::t!("serde-found-integer", value = v)
    } else if let Some(v) = value("floating point ") {
        crate::t!("serde-found-float", value = v)
    } else if let Some(v) = value("boolean ") {
        crate::t!("serde-found-boolean", value = v)
    } else if let Some(v) = value("character ") {
        crate::t!("serde-found-character", value = v)
    } else {
        match found {
            "sequence" => crate::t!("serde-found-sequence"),
            "map" => crate::t!("serde-found-map"),
            "unit value" => crate::t!("serde-found-unit"),
            "enum" => crate::t!("serde-found-enum"),
            _ => found.to_owned(),
        }
    }
}

/// What serde expected, in the learner's language: "one of `a`, `b`", "`a` or `b`", and the
/// names serde and derived types give to TOML's types ("a sequence", "a string", "i32",
/// "struct Command"); anything else (workshop's own words, already translated) as it is.
fn serde_expected(expected: &str) -> String {
    if let Some(items) = expected.strip_prefix("one of ") {
        return crate::t!("one-of", items = items);
    }
    if let Some((a, b)) = expected.split_once("` or `")
        && a.starts_with('`')
        && b.ends_with('`')
    {
        return crate::t!("serde-either", first = format!("{a}`"), second = format!("`{b}"));
    }
    const INTEGERS: &[&str] = &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
    ];
    match expected {
        "a sequence" => crate::t!("serde-expected-sequence"),
        "a string" | "a borrowed string" => crate::t!("serde-expected-string"),
        "a boolean" => crate::t!("serde-expected-boolean"),
        "a map" => crate::t!("serde-expected-map"),
        "a character" => crate::t!("serde-expected-character"),
        "f32" | "f64" => crate::t!("serde-expected-float", rust_type = expected),
        t if INTEGERS.contains(&t) => crate::t!("serde-expected-integer", rust_type = t),
        _ => match (expected.strip_prefix("struct "), expected.strip_prefix("enum ")) {
            (Some(name), _) if !name.contains(' ') => crate::t!("serde-expected-struct", name = name),
            (_, Some(name)) if !name.contains(' ') => crate::t!("serde-expected-enum", name = name),
            _ => expected.to_owned(),
        },
    }
}

/// A TOML type as `toml` names it (`string`, `integer`, `float`, `boolean`, `datetime`,
/// `array`, `table`), in the learner's language, to say what was found.
pub(crate) fn type_name(type_str: &str) -> String {
    match type_str {
        "string" => crate::t!("toml-type-string"),
        "integer" => crate::t!("toml-type-integer"),
        "float" => crate::t!("toml-type-float"),
        "boolean" => crate::t!("toml-type-boolean"),
        "datetime" => crate::t!("toml-type-datetime"),
        "array" => crate::t!("toml-type-array"),
        "table" => crate::t!("toml-type-table"),
        other => other.to_owned(),
    }
}

/// "did you mean `x`?" for a close spelling.
pub(crate) fn suggest(word: &str, candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| crate::t!("did-you-mean", word = *c))
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> (ScenarioFile, Diagnostics) {
        parse(Source::new("t.toml", s))
    }

    #[test]
    fn reads_a_minimal_file() {
        let (f, d) = parse_str("[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n");
        assert!(d.is_empty(), "{d}");
        assert_eq!(f.steps.len(), 1);
    }

    #[test]
    fn reports_every_broken_step() {
        let (f, d) = parse_str(
            "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nfrob = {}\n[[steps]]\nid = 3\ntitle = \"B\"\nnote = {}\n",
        );
        assert_eq!(d.len(), 2, "{d}");
        assert!(f.incomplete);
        let lines: Vec<usize> = d.0.iter().map(|d| d.location.as_ref().unwrap().line).collect();
        assert_eq!(lines, vec![7, 9]);
    }

    #[test]
    fn a_step_with_a_bad_key_is_read_without_it() {
        let (f, d) = parse_str(
            "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\ntimeout = \"soon\"\nfrob = 1\n\
             [[steps.checks]]\nexists = { kind = 3, name = \"n\" }\n[[steps.checks]]\nabsent = { kind = \"Namespace\", name = \"n\" }\n",
        );
        let lines: Vec<usize> = d.0.iter().map(|d| d.location.as_ref().unwrap().line).collect();
        assert_eq!(d.len(), 3, "{d}");
        assert!(
            lines.contains(&8) && lines.contains(&9) && lines.contains(&11),
            "{lines:?}"
        );
        assert_eq!(f.steps.len(), 1, "the step is read without its bad keys");
        let step = f.steps[0].get_ref();
        assert_eq!(step.id.as_str(), "a");
        assert_eq!(step.checks.len(), 1, "the good check is kept: {:?} {d}", step.left_out);
        assert!(!f.incomplete);
    }

    #[test]
    fn a_step_without_a_required_key_is_reported_once() {
        let (f, d) = parse_str("[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\nnote = {}\n");
        assert_eq!(d.len(), 1, "{d}");
        assert!(d.0[0].message.contains("missing field `title`"));
        assert!(f.steps.is_empty() && f.incomplete);
    }

    /// The first problem of a step holding `body`, as (message, expected), in `lang`.
    fn step_problem(lang: &str, body: &str) -> (String, String) {
        let _lang = crate::i18n::scoped(lang);
        let (_, d) = parse_str(&format!(
            "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\n{body}\n"
        ));
        let first = d.0.into_iter().next().expect("a problem");
        (first.message, first.expected.unwrap_or_default())
    }

    /// Asserts `body` gives (message, expected) in English and in Spanish.
    #[track_caller]
    fn both(body: &str, en: (&str, &str), es: (&str, &str)) {
        let owned = |(m, e): (&str, &str)| (m.to_owned(), e.to_owned());
        assert_eq!(step_problem("en", body), owned(en), "English");
        assert_eq!(step_problem("es", body), owned(es), "Spanish");
    }

    #[test]
    fn serde_invalid_type_of_a_string_keeps_the_value_as_written() {
        both(
            "command = { argv = \"echo \\\"hi\\\"\" }",
            ("invalid type: string \"echo \\\"hi\\\"\"", "a sequence"),
            ("tipo no válido: la cadena \"echo \\\"hi\\\"\"", "una lista"),
        );
    }

    #[test]
    fn serde_invalid_type_of_an_integer_a_float_and_a_boolean() {
        both(
            "optional = 3",
            ("invalid type: integer `3`", "a boolean"),
            ("tipo no válido: el entero `3`", "un booleano (true o false)"),
        );
        both(
            "optional = 1.5",
            ("invalid type: floating point `1.5`", "a boolean"),
            ("tipo no válido: el número decimal `1.5`", "un booleano (true o false)"),
        );
        both(
            "note = {}\n[[steps.checks]]\nhttp = { url = \"http://127.0.0.1:1/\", expect = { status = true } }",
            ("invalid type: boolean `true`", "u16"),
            ("tipo no válido: el booleano `true`", "un número entero (u16)"),
        );
    }

    #[test]
    fn serde_invalid_type_of_a_table_or_a_list() {
        both(
            "needs = { a = 1 }",
            ("invalid type: map", "a sequence"),
            ("tipo no válido: una tabla", "una lista"),
        );
        both(
            "note = {}\nexplain = [\"a\"]",
            (
                "invalid type: sequence",
                "a string, or a table of strings keyed by language (en = \"…\", es = \"…\")",
            ),
            (
                "tipo no válido: una lista",
                "una cadena o una tabla de cadenas por idioma (en = \"…\", es = \"…\")",
            ),
        );
        both(
            "note = {}\n[[steps.checks]]\nexists = 3",
            ("invalid type: integer `3`", "struct ObjectCheck"),
            ("tipo no válido: el entero `3`", "una tabla (ObjectCheck)"),
        );
        both(
            "command = { argv = [\"a\"], background = \"no\" }",
            ("invalid type: string \"no\"", "a boolean"),
            ("tipo no válido: la cadena \"no\"", "un booleano (true o false)"),
        );
    }

    #[test]
    fn serde_invalid_value_keeps_the_value() {
        both(
            "note = {}\n[[steps.checks]]\nhttp = { url = \"http://127.0.0.1:1/\", expect = { status = 70000 } }",
            ("invalid value: integer `70000`", "u16"),
            ("valor no válido: el entero `70000`", "un número entero (u16)"),
        );
    }

    #[test]
    fn serde_unknown_variant_with_two_or_more_choices() {
        both(
            "note = {}\n[[steps.capture]]\nname = \"u\"\nwhen = \"later\"\ngenerate = \"m\"",
            ("unknown variant `later`", "`before` or `after`"),
            ("valor desconocido `later`", "`before` o `after`"),
        );
        both(
            "patch = { kind = \"Pod\", name = \"p\", namespace = \"n\", type = \"jsn\", patch = {} }",
            ("unknown variant `jsn`", "one of `merge`, `strategic`, `json`"),
            ("valor desconocido `jsn`", "uno de `merge`, `strategic`, `json`"),
        );
    }

    #[test]
    fn serde_shapes_no_scenario_reaches_yet_and_unknown_words() {
        let in_lang = |lang: &str, raw: &str| {
            let _lang = crate::i18n::scoped(lang);
            let (m, e) = split_expected(raw);
            (serde_message(&m), e.map(|e| serde_expected(&e)))
        };
        let raw = "invalid length 3, expected 2 elements";
        assert_eq!(
            in_lang("en", raw),
            ("invalid length 3".into(), Some("2 elements".into()))
        );
        assert_eq!(
            in_lang("es", raw),
            ("longitud no válida: 3".into(), Some("2 elements".into()))
        );
        let raw = "duplicate field `id`";
        assert_eq!(in_lang("en", raw).0, "duplicate field `id`");
        assert_eq!(in_lang("es", raw).0, "campo repetido `id`");
        let raw = "invalid type: character `x`, expected a string";
        assert_eq!(
            in_lang("es", raw),
            ("tipo no válido: el carácter `x`".into(), Some("una cadena".into()))
        );
        let raw = "invalid type: unit value, expected a map";
        assert_eq!(
            in_lang("es", raw),
            ("tipo no válido: un valor vacío".into(), Some("una tabla".into()))
        );
        // What is not one of serde's shapes stays as it is, in every language.
        let raw = "integer number overflowed";
        assert_eq!(in_lang("es", raw), (raw.into(), None));
    }

    #[test]
    fn suggests_close_spellings() {
        assert_eq!(
            suggest("tempalte", &["template", "allow-existing"]).unwrap(),
            "did you mean `template`?"
        );
        assert!(suggest("zzzzzz", &["template"]).is_none());
    }
}
