//! `Text`: prose written once, or once per language (`title.en`, `title.es`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, de};
use toml::Spanned;

use super::expr::Expr;
use super::span::Span;

/// A language code as used by `--lang` and `[lab] languages`: `en`, `es`, `pt-BR`.
pub type Lang = String;

/// Prose in one or several languages. Written as a plain string (the same text for every
/// language) or as a table keyed by language code. Each string keeps where it is written, so
/// `validate` can point at a problem in it (an undefined `{{ name }}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Same(Expr),
    PerLang(BTreeMap<Lang, Expr>),
}

impl Text {
    /// The text in `lang`, falling back to English, then to any language present.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::Same(s) => &s.text,
            Text::PerLang(map) => map
                .get(lang)
                .or_else(|| map.get("en"))
                .or_else(|| map.values().next())
                .map(|e| e.text.as_str())
                .unwrap_or(""),
        }
    }

    /// The languages this text is written in (`None` for a language-neutral string).
    pub fn languages(&self) -> Option<impl Iterator<Item = &str>> {
        match self {
            Text::Same(_) => None,
            Text::PerLang(map) => Some(map.keys().map(String::as_str)),
        }
    }

    /// Every string of the text (one per language), with where it is written: prose is
    /// rendered like any expression, so each is checked like one.
    pub fn exprs(&self) -> Vec<&Expr> {
        match self {
            Text::Same(e) => vec![e],
            Text::PerLang(map) => map.values().collect(),
        }
    }

    /// A text that did not come from a file (tests, defaults).
    pub fn plain(text: impl Into<String>) -> Text {
        Text::Same(Expr::new(text))
    }

    /// A text from a TOML value read without spans (inside a value read whole, such as a
    /// variable's `{ default, description }`); every string gets `span`, the value's place.
    pub fn from_value(v: toml::Value, span: Span) -> Result<Text, String> {
        let at = |text: String| Expr {
            text,
            span: span.clone(),
        };
        match v {
            toml::Value::String(s) => Ok(Text::Same(at(s))),
            toml::Value::Table(t) => {
                let mut out = BTreeMap::new();
                for (k, v) in t {
                    if let Some(problem) = lang_problem(&k) {
                        return Err(problem);
                    }
                    match v {
                        toml::Value::String(s) => out.insert(k, at(s)),
                        other => {
                            return Err(crate::t!(
                                "text-not-string",
                                lang = k.as_str(),
                                found = super::load::type_name(other.type_str())
                            ));
                        }
                    };
                }
                if out.is_empty() {
                    return Err(crate::t!("text-no-language"));
                }
                Ok(Text::PerLang(out))
            }
            other => Err(crate::t!("text-type", found = super::load::type_name(other.type_str()))),
        }
    }
}

/// Why `code` is not a language code, if it is not.
pub fn lang_problem(code: &str) -> Option<String> {
    let (base, region) = match code.split_once('-') {
        Some((b, r)) => (b, Some(r)),
        None => (code, None),
    };
    let base_ok = (2..=3).contains(&base.len()) && base.chars().all(|c| c.is_ascii_lowercase());
    let region_ok = region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()));
    (!(base_ok && region_ok)).then(|| crate::t!("text-lang-code", code = code))
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // Through `Spanned`, so a plain string keeps its place in the file; the strings of a
        // table are read as `Spanned` one by one.
        let spanned = Spanned::<Raw>::deserialize(d)?;
        let span = Span(spanned.span());
        Ok(match spanned.into_inner() {
            Raw::Same(text) => Text::Same(Expr { text, span }),
            Raw::PerLang(map) => Text::PerLang(map),
        })
    }
}

/// A text as read, before the plain string gets its span.
enum Raw {
    Same(String),
    PerLang(BTreeMap<Lang, Expr>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Raw;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&crate::t!("text-expecting"))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Raw, E> {
                Ok(Raw::Same(s.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, Expr>()? {
                    if let Some(problem) = lang_problem(&k) {
                        return Err(de::Error::custom(problem));
                    }
                    out.insert(k, v);
                }
                if out.is_empty() {
                    return Err(de::Error::custom(crate::t!("text-no-language")));
                }
                Ok(Raw::PerLang(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_keeps_its_place_in_the_file() {
        #[derive(Deserialize)]
        struct Doc {
            a: Text,
            b: Text,
        }
        let src = "a = \"one {{ x }}\"\nb.en = \"two\"\nb.es = \"dos\"\n";
        let doc: Doc = toml::from_str(src).unwrap();
        let a = doc.a.exprs()[0];
        assert_eq!(&src[a.span.0.clone()], "\"one {{ x }}\"");
        let es = doc.b.exprs()[1];
        assert_eq!((es.text.as_str(), &src[es.span.0.clone()]), ("dos", "\"dos\""));
    }

    #[test]
    fn falls_back_to_english() {
        let t = Text::PerLang(BTreeMap::from([
            ("en".into(), Expr::new("Hello")),
            ("es".into(), Expr::new("Hola")),
        ]));
        assert_eq!(t.get("es"), "Hola");
        assert_eq!(t.get("fr"), "Hello");
        assert_eq!(Text::plain("x").get("es"), "x");
    }

    #[test]
    fn language_codes() {
        assert!(lang_problem("en").is_none());
        assert!(lang_problem("pt-BR").is_none());
        assert!(lang_problem("English").is_some());
        assert!(lang_problem("EN").is_some());
    }
}
