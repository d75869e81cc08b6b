//! Values in a scenario that are more than a string: integers that may be templated,
//! free-form JSON (patch bodies, expected values), and the types of `[vars]`.

use serde::{Deserialize, Deserializer, de};
use toml::Spanned;

use super::expr::Expr;
use super::span::Span;

/// An integer written literally (`10`) or as a template that renders to one (`"{{ replicas }}"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntExpr {
    Lit(i64),
    Expr(Expr),
}

impl<'de> Deserialize<'de> for IntExpr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Spanned::<toml::Value>::deserialize(d)?;
        let span = Span(v.span());
        match v.into_inner() {
            toml::Value::Integer(i) => Ok(IntExpr::Lit(i)),
            toml::Value::String(text) => Ok(IntExpr::Expr(Expr { text, span })),
            other => Err(de::Error::custom(crate::t!(
                "value-int-expr-type",
                found = super::load::type_name(other.type_str())
            ))),
        }
    }
}

impl std::fmt::Display for IntExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntExpr::Lit(i) => write!(f, "{i}"),
            IntExpr::Expr(e) => f.write_str(&e.text),
        }
    }
}

/// A free-form value (a table, array, string, number or boolean) kept as JSON, with the span of
/// where it was written. A string that `from_json_string` accepts may hold a JSON document.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonValue {
    pub value: serde_json::Value,
    pub span: Span,
}

impl JsonValue {
    /// When the value is a string holding a JSON object or array (`'{"metadata": …}'`), the
    /// parsed document; errors say where in the string the JSON is wrong.
    pub fn parse_embedded_json(&self) -> Option<Result<serde_json::Value, String>> {
        let s = self.value.as_str()?;
        let t = s.trim_start();
        if !(t.starts_with('{') || t.starts_with('[')) {
            return None;
        }
        Some(serde_json::from_str(s).map_err(|e| {
            // serde_json ends its message with ` at line L column C`; say it once, plainly.
            let full = e.to_string();
            let what = full
                .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
                .unwrap_or(&full);
            crate::t!(
                "value-embedded-json",
                why = json_why(what),
                line = e.line(),
                column = e.column()
            )
        }))
    }
}

/// serde_json's words for what is wrong in a JSON document, in the learner's language: the
/// common ones by name, any other as serde_json says it.
fn json_why(what: &str) -> String {
    match what {
        "EOF while parsing a list" => crate::t!("json-eof-list"),
        "EOF while parsing an object" => crate::t!("json-eof-object"),
        "EOF while parsing a string" => crate::t!("json-eof-string"),
        "EOF while parsing a value" => crate::t!("json-eof-value"),
        "expected `:`" => crate::t!("json-expected-colon"),
        "expected `,` or `]`" => crate::t!("json-expected-list-comma"),
        "expected `,` or `}`" => crate::t!("json-expected-object-comma"),
        "expected value" => crate::t!("json-expected-value"),
        "expected `\"`" => crate::t!("json-expected-quote"),
        "invalid escape" => crate::t!("json-invalid-escape"),
        "invalid number" => crate::t!("json-invalid-number"),
        "key must be a string" => crate::t!("json-key-string"),
        "trailing comma" => crate::t!("json-trailing-comma"),
        "trailing characters" => crate::t!("json-trailing-characters"),
        other => other.to_owned(),
    }
}

impl<'de> Deserialize<'de> for JsonValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Spanned::<toml::Value>::deserialize(d)?;
        let span = Span(v.span());
        let value = toml_to_json(v.into_inner());
        Ok(JsonValue { value, span })
    }
}

/// TOML → JSON. Datetimes become their string form.
pub fn toml_to_json(v: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// The type of a `[vars]` entry (`type = "dns-label"`), inferred from the default when absent:
/// a string default is a `string`, a whole number an `int`, a boolean a `bool`. Every value,
/// default or `--var`, is checked against it; no string may hold a NUL character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarType {
    /// Any text.
    String,
    /// A whole number.
    Int,
    Bool,
    /// A TCP port, 1 to 65535.
    Port,
    /// An RFC 1123 label, as namespaces and most object names are.
    DnsLabel,
    /// An RFC 1123 subdomain: labels joined by dots (host names, object names).
    DnsName,
    /// A container image reference (`docker.io/bitnamilegacy/mongodb:4.4.8`).
    Image,
    /// A duration such as `30s` or `1m 30s`.
    Duration,
}

impl VarType {
    pub const ALL: &[VarType] = &[
        VarType::String,
        VarType::Int,
        VarType::Bool,
        VarType::Port,
        VarType::DnsLabel,
        VarType::DnsName,
        VarType::Image,
        VarType::Duration,
    ];

    /// The name written in `type = "…"`.
    pub fn name(self) -> &'static str {
        match self {
            VarType::String => "string",
            VarType::Int => "int",
            VarType::Bool => "bool",
            VarType::Port => "port",
            VarType::DnsLabel => "dns-label",
            VarType::DnsName => "dns-name",
            VarType::Image => "image",
            VarType::Duration => "duration",
        }
    }

    /// What a value of this type looks like, for `expected:` lines.
    pub fn expected(self) -> String {
        match self {
            VarType::String => crate::t!("var-type-string-expected"),
            VarType::Int => crate::t!("var-type-int-expected"),
            VarType::Bool => crate::t!("var-type-bool-expected"),
            VarType::Port => crate::t!("var-type-port-expected"),
            VarType::DnsLabel => crate::t!("var-type-dns-label-expected"),
            VarType::DnsName => crate::t!("var-type-dns-name-expected"),
            VarType::Image => crate::t!("var-type-image-expected"),
            VarType::Duration => crate::t!("var-type-duration-expected"),
        }
    }

    /// The type a default implies when `type` is not given.
    pub fn inferred(default: &crate::scenario::VarValue) -> VarType {
        match default {
            crate::scenario::VarValue::String(_) => VarType::String,
            crate::scenario::VarValue::Integer(_) => VarType::Int,
            crate::scenario::VarValue::Bool(_) => VarType::Bool,
        }
    }

    /// Reads a `--var` value.
    pub fn parse(self, raw: &str) -> Result<crate::scenario::VarValue, String> {
        use crate::scenario::VarValue;
        let value = match self {
            VarType::Int | VarType::Port => VarValue::Integer(
                raw.trim()
                    .parse()
                    .map_err(|_| crate::t!("var-not-whole-number", value = shown(raw)))?,
            ),
            VarType::Bool => match raw {
                "true" => VarValue::Bool(true),
                "false" => VarValue::Bool(false),
                _ => return Err(crate::t!("var-not-bool", value = shown(raw))),
            },
            _ => VarValue::String(raw.to_owned()),
        };
        self.check(&value)?;
        Ok(value)
    }

    /// Checks a value (a default, or a parsed `--var`) against the type.
    pub fn check(self, value: &crate::scenario::VarValue) -> Result<(), String> {
        use crate::scenario::VarValue;
        let this = self.name();
        match (self, value) {
            (VarType::Int, VarValue::Integer(_)) | (VarType::Bool, VarValue::Bool(_)) => Ok(()),
            (VarType::Port, VarValue::Integer(p)) if (1..=65_535).contains(p) => Ok(()),
            (VarType::Port, VarValue::Integer(p)) => Err(crate::t!("var-not-port", value = p.to_string())),
            (_, VarValue::String(s)) if s.contains('\0') => Err(crate::t!("var-nul", value = shown(s))),
            (VarType::String, VarValue::String(_)) => Ok(()),
            (VarType::DnsLabel, VarValue::String(s)) => {
                dns_label(s).map_err(|why| crate::t!("var-not-dns-label", value = shown(s), why = why))
            }
            (VarType::DnsName, VarValue::String(s)) => {
                dns_name(s).map_err(|why| crate::t!("var-not-dns-name", value = shown(s), why = why))
            }
            (VarType::Image, VarValue::String(s)) => s
                .parse::<oci_spec::distribution::Reference>()
                .map(|_| ())
                .map_err(|why| crate::t!("var-not-image", value = shown(s), why = image_why(&why))),
            (VarType::Duration, VarValue::String(s)) => {
                humantime::parse_duration(s.trim()).map(|_| ()).map_err(|why| {
                    crate::t!(
                        "var-not-duration",
                        value = shown(s),
                        why = super::duration::why_not(&why)
                    )
                })
            }
            (_, other) => Err(crate::t!(
                "var-wrong-type",
                var_type = this,
                kind = other.type_name(),
                value = other.to_string()
            )),
        }
    }
}

impl std::str::FromStr for VarType {
    type Err = String;
    fn from_str(s: &str) -> Result<VarType, String> {
        VarType::ALL.iter().copied().find(|t| t.name() == s).ok_or_else(|| {
            let names: Vec<&str> = VarType::ALL.iter().map(|t| t.name()).collect();
            crate::t!("var-type-unknown", name = s, types = names.join(", "))
        })
    }
}

impl std::fmt::Display for VarType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a string is not an image reference, in the learner's language.
fn image_why(e: &oci_spec::distribution::ParseError) -> String {
    use oci_spec::distribution::ParseError as P;
    match e {
        P::DigestInvalidFormat => crate::t!("image-digest-format"),
        P::DigestInvalidLength => crate::t!("image-digest-length"),
        P::DigestUnsupported => crate::t!("image-digest-algorithm"),
        P::NameContainsUppercase => crate::t!("image-name-uppercase"),
        P::NameEmpty => crate::t!("image-name-empty"),
        P::NameTooLong => crate::t!("image-name-too-long"),
        P::ReferenceInvalidFormat => crate::t!("image-reference-format"),
        P::TagInvalidFormat => crate::t!("image-tag-format"),
    }
}

/// A value as messages show it: control characters escaped, so a value with a line break stays
/// on one line.
pub fn shown(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// RFC 1123 label: 1–63 of `a-z0-9-`, alphanumeric at both ends.
fn dns_label(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err(crate::t!("dns-empty"));
    }
    if s.len() > 63 {
        return Err(crate::t!("dns-label-too-long"));
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(crate::t!("dns-label-characters"));
    }
    if s.starts_with('-') || s.ends_with('-') {
        return Err(crate::t!("dns-label-ends"));
    }
    Ok(())
}

/// RFC 1123 subdomain: labels joined by dots, at most 253 characters.
fn dns_name(s: &str) -> Result<(), String> {
    if s.len() > 253 {
        return Err(crate::t!("dns-name-too-long"));
    }
    s.split('.').try_for_each(dns_label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::VarValue;

    #[test]
    fn typed_values_are_checked() {
        let s = |v: &str| VarValue::String(v.to_owned());
        assert!(VarType::DnsLabel.check(&s("pacman")).is_ok());
        for bad in [
            "Pacman",
            "pacman # comment",
            "pacman\n  evil: 1",
            "$(touch PWNED)",
            "",
            "-a",
            "a b",
        ] {
            assert!(VarType::DnsLabel.check(&s(bad)).is_err(), "{bad}");
        }
        assert!(VarType::DnsName.check(&s("pacman.com")).is_ok());
        assert!(VarType::DnsName.check(&s("pacman..com")).is_err());
        assert!(
            VarType::Image
                .check(&s("docker.io/bitnamilegacy/mongodb:4.4.8"))
                .is_ok()
        );
        assert!(
            VarType::Image
                .check(&s("quay.io/ifont/pacman-nodejs-app:latest"))
                .is_ok()
        );
        for bad in ["Mongo:4", "mongo 4", "mongo\nevil: 1", ""] {
            assert!(VarType::Image.check(&s(bad)).is_err(), "{bad}");
        }
        assert_eq!(
            VarType::Image.check(&s("Mongo:4")).unwrap_err(),
            "`Mongo:4` is not an image reference: invalid reference format"
        );
        {
            let _es = crate::i18n::scoped("es");
            assert_eq!(
                VarType::Image.check(&s("Mongo:4")).unwrap_err(),
                "`Mongo:4` no es una referencia de imagen: el formato de la referencia no es válido"
            );
        }
        assert!(VarType::Duration.check(&s("1m 30s")).is_ok());
        assert!(VarType::Duration.check(&s("soon")).is_err());
        assert_eq!(VarType::Port.parse("9090"), Ok(VarValue::Integer(9090)));
        assert_eq!(VarType::Port.parse("0").unwrap_err(), "0 is not a port (1 to 65535)");
        assert_eq!(VarType::Int.parse("ten").unwrap_err(), "`ten` is not a whole number");
        assert_eq!(
            VarType::String.check(&s("a\0b")).unwrap_err(),
            "`a\\u{0}b` holds a NUL character"
        );
        assert_eq!(
            VarType::DnsLabel.parse("a\nb").unwrap_err(),
            "`a\\nb` is not a dns-label: only lowercase letters, digits and `-` are allowed"
        );
        assert!(VarType::String.check(&VarValue::Integer(3)).is_err());
        assert_eq!("dns-label".parse::<VarType>(), Ok(VarType::DnsLabel));
        assert!("label".parse::<VarType>().unwrap_err().contains("dns-label"));
    }

    #[test]
    fn embedded_json_errors_are_said_in_the_learners_language() {
        let v = JsonValue {
            value: serde_json::Value::String(r#"{"a": 1,}"#.into()),
            span: Span::default(),
        };
        let _es = crate::i18n::scoped("es");
        assert_eq!(
            v.parse_embedded_json().unwrap().unwrap_err(),
            "la cadena lleva un JSON que no se puede leer: sobra una coma al final (línea 1, columna 9 de la cadena)"
        );
    }

    #[test]
    fn embedded_json_errors_say_the_position_once() {
        let v = JsonValue {
            value: serde_json::Value::String(r#"{"metadata": {"annotations": }}"#.into()),
            span: Span::default(),
        };
        assert_eq!(
            v.parse_embedded_json().unwrap().unwrap_err(),
            "the string holds JSON that does not parse: expected value (line 1, column 30 of the string)"
        );
    }
}
