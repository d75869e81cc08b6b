//! `Text`: prose written once, or once per language (`title.en`, `title.es`).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, de};

/// A language code as used by `--lang` and `[lab] languages`: `en`, `es`, `pt-BR`.
pub type Lang = String;

/// Prose in one or several languages. Written as a plain string (the same text for every
/// language) or as a table keyed by language code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Same(String),
    PerLang(BTreeMap<Lang, String>),
}

impl Text {
    /// The text in `lang`, falling back to English, then to any language present.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Text::Same(s) => s,
            Text::PerLang(map) => map
                .get(lang)
                .or_else(|| map.get("en"))
                .or_else(|| map.values().next())
                .map(String::as_str)
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
}

/// Why `code` is not a language code, if it is not.
pub fn lang_problem(code: &str) -> Option<String> {
    let (base, region) = match code.split_once('-') {
        Some((b, r)) => (b, Some(r)),
        None => (code, None),
    };
    let base_ok = (2..=3).contains(&base.len()) && base.chars().all(|c| c.is_ascii_lowercase());
    let region_ok = region.is_none_or(|r| r.len() == 2 && r.chars().all(|c| c.is_ascii_uppercase()));
    (!(base_ok && region_ok))
        .then(|| format!("`{code}` is not a language code; write a code such as \"en\", \"es\" or \"pt-BR\""))
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> de::Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or a table of strings keyed by language (en = \"…\", es = \"…\")")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Same(s.to_owned()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    if let Some(problem) = lang_problem(&k) {
                        return Err(de::Error::custom(problem));
                    }
                    out.insert(k, v);
                }
                if out.is_empty() {
                    return Err(de::Error::custom(
                        "this text has no language in it; write at least `en = \"…\"`",
                    ));
                }
                Ok(Text::PerLang(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_english() {
        let t = Text::PerLang(BTreeMap::from([
            ("en".into(), "Hello".into()),
            ("es".into(), "Hola".into()),
        ]));
        assert_eq!(t.get("es"), "Hola");
        assert_eq!(t.get("fr"), "Hello");
        assert_eq!(Text::Same("x".into()).get("es"), "x");
    }

    #[test]
    fn language_codes() {
        assert!(lang_problem("en").is_none());
        assert!(lang_problem("pt-BR").is_none());
        assert!(lang_problem("English").is_some());
        assert!(lang_problem("EN").is_some());
    }
}
