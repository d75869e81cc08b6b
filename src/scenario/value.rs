//! Values in a scenario that are more than a string: integers that may be templated, and
//! free-form JSON (patch bodies, expected values).

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
            other => Err(de::Error::custom(format!(
                "expected a whole number or a template such as \"{{{{ replicas }}}}\", found {}",
                other.type_str()
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
            format!(
                "the string holds JSON that does not parse: {what} (line {}, column {} of the string)",
                e.line(),
                e.column()
            )
        }))
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

#[cfg(test)]
mod tests {
    use super::*;

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
