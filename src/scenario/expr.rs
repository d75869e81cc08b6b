//! `Expr`: a string field that may hold minijinja expressions such as `{{ namespace }}`.

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::span::Span;

/// A templated string from the scenario. Its text is rendered with the scenario variables,
/// the cluster facts and earlier captures; `span` points at it in the scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    pub text: String,
    pub span: Span,
}

impl Expr {
    /// An expression that did not come from a file (tests, defaults).
    pub fn new(text: impl Into<String>) -> Self {
        Expr {
            text: text.into(),
            span: Span::default(),
        }
    }

    /// True when the text holds template syntax (an expression, a statement or a comment)
    /// and so needs rendering.
    pub fn is_templated(&self) -> bool {
        self.text.contains("{{") || self.text.contains("{%") || self.text.contains("{#")
    }
}

/// The variable a template names and nothing else (`{{ local_port }}` → `local_port`), for hints
/// that say which `--var` to change.
pub fn variable_name(text: &str) -> Option<&str> {
    let inner = text.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let ident = !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !inner.starts_with(|c: char| c.is_ascii_digit());
    ident.then_some(inner)
}

impl<'de> Deserialize<'de> for Expr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        let span = Span(s.span());
        Ok(Expr {
            text: s.into_inner(),
            span,
        })
    }
}

impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}
