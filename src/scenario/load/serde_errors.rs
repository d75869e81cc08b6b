//! serde's and toml's errors as diagnostics in the learner's language: the field, value or type
//! found and what was expected, with the values quoted as written, and a hint to fix it.

use super::spelling::suggest;
use super::{Context, StepSpec_FIELDS};
use crate::diagnostic::Diagnostic;
use crate::scenario::action::Action;
use crate::scenario::check::CheckKind;
use crate::scenario::span::Span;
use crate::source::Source;

/// Turns a serde/toml error into a diagnostic with what was expected and a hint.
pub(super) fn type_error(source: &Source, e: &toml::de::Error, outer: &Span, ctx: Context) -> Diagnostic {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::parse;
    use crate::source::Source;

    /// The first problem of a step holding `body`, as (message, expected), in `lang`.
    fn step_problem(lang: &str, body: &str) -> (String, String) {
        let _lang = crate::i18n::scoped(lang);
        let (_, d) = parse(Source::new(
            "t.toml",
            format!("[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\n{body}\n"),
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
}
