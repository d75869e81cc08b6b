//! `StepId`: the unique, stable name of a step (`make-csi-default`).

use serde::{Deserialize, Deserializer};
use toml::Spanned;

use super::span::Span;

/// A step's id: lowercase letters, digits and `-`, starting with a letter. Used by `needs`,
/// `--from`/`--only`, resume state and reports, so it must stay stable.
#[derive(Debug, Clone)]
pub struct StepId {
    name: String,
    pub span: Span,
}

impl StepId {
    pub fn new(name: impl Into<String>) -> Self {
        StepId {
            name: name.into(),
            span: Span::default(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// Why `s` is not a valid id, if it is not.
    pub fn problem(s: &str) -> Option<String> {
        let mut chars = s.chars();
        match chars.next() {
            None => return Some(crate::t!("step-id-empty")),
            Some(c) if !c.is_ascii_lowercase() => {
                return Some(crate::t!("step-id-first", id = s));
            }
            _ => {}
        }
        if let Some(bad) = s
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Some(crate::t!("step-id-character", id = s, character = bad.to_string()));
        }
        None
    }
}

impl PartialEq for StepId {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for StepId {}
impl std::hash::Hash for StepId {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.name.hash(h)
    }
}

impl std::fmt::Display for StepId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl<'de> Deserialize<'de> for StepId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        let span = Span(s.span());
        Ok(StepId {
            name: s.into_inner(),
            span,
        })
    }
}
