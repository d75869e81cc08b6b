//! Which language a lab is shown in: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`, e.g. `es_ES.UTF-8`), matched against the languages the lab offers, else the lab's
//! first language. Language tags are read with `unic-langid` and matched with `fluent-langneg`,
//! so `es`, `ES`, `es-ES` and `es_ES.UTF-8` all pick a lab's `es`. The tool's own messages
//! follow the same request through [`crate::i18n`].

use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The language to show a lab in. An explicit `--lang` the lab does not offer is an error.
pub fn pick(offered: &[String], asked: Option<&str>) -> Result<String, Diagnostics> {
    pick_with(offered, asked, locale_language())
}

fn pick_with(
    offered: &[String],
    asked: Option<&str>,
    locale: Option<LanguageIdentifier>,
) -> Result<String, Diagnostics> {
    if let Some(l) = asked {
        if let Some(found) = parse_tag(l).and_then(|tag| best_match(&tag, offered)) {
            return Ok(found);
        }
        let names: Vec<&str> = offered.iter().map(String::as_str).collect();
        return Err(Diagnostics(vec![
            Diagnostic::new(crate::t!("lang-not-offered", asked = l))
                .expected(crate::t!("lang-not-offered-expected", offered = names.join(", ")))
                .hint(crate::t!(
                    "lang-not-offered-hint",
                    choices = names
                        .iter()
                        .map(|n| format!("--lang {n}"))
                        .collect::<Vec<_>>()
                        .join(&format!(" {} ", crate::t!("word-or")))
                )),
        ]));
    }
    if let Some(found) = locale.and_then(|l| best_match(&l, offered)) {
        return Ok(found);
    }
    Ok(offered.first().cloned().unwrap_or_else(|| "en".into()))
}

/// The one of `available` that best serves `wanted` (`es-ES` is served by `es`, `es` by
/// `es-MX` when that is all there is), or none.
pub fn best_match(wanted: &LanguageIdentifier, available: &[String]) -> Option<String> {
    let tags: Vec<(LanguageIdentifier, &String)> =
        available.iter().filter_map(|a| parse_tag(a).map(|t| (t, a))).collect();
    let ids: Vec<&LanguageIdentifier> = tags.iter().map(|(t, _)| t).collect();
    let chosen = negotiate_languages(&[wanted], &ids, None, NegotiationStrategy::Filtering);
    let first = chosen.first()?;
    tags.iter().find(|(t, _)| t == **first).map(|(_, a)| (*a).clone())
}

/// A language tag as a user or a locale writes it: `es`, `ES`, `es-ES`, `es_ES.UTF-8`,
/// `pt_BR@euro`. `C` and `POSIX` name no language.
pub fn parse_tag(raw: &str) -> Option<LanguageIdentifier> {
    let base = raw.split(['.', '@']).next().unwrap_or("").trim();
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    base.replace('_', "-").parse().ok()
}

/// The language of the user's locale: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`.
pub fn locale_language() -> Option<LanguageIdentifier> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| parse_tag(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "es".into()]
    }

    fn tag(s: &str) -> Option<LanguageIdentifier> {
        parse_tag(s)
    }

    #[test]
    fn locales_and_flags_are_read_as_language_tags() {
        assert_eq!(tag("es_ES.UTF-8").map(|t| t.to_string()).as_deref(), Some("es-ES"));
        assert_eq!(tag("ES").map(|t| t.to_string()).as_deref(), Some("es"));
        assert_eq!(tag("pt_BR@euro").map(|t| t.to_string()).as_deref(), Some("pt-BR"));
        assert_eq!(tag("C.UTF-8"), None);
        assert_eq!(tag("POSIX"), None);
        assert_eq!(tag("not a tag!"), None);
    }

    #[test]
    fn explicit_then_locale_then_first() {
        assert_eq!(pick_with(&langs(), Some("es"), None).unwrap(), "es");
        assert_eq!(pick_with(&langs(), Some("ES"), None).unwrap(), "es");
        assert_eq!(pick_with(&langs(), Some("es-ES"), None).unwrap(), "es");
        assert_eq!(pick_with(&langs(), Some("es_ES.UTF-8"), None).unwrap(), "es");
        assert_eq!(pick_with(&langs(), None, tag("es_ES.UTF-8")).unwrap(), "es");
        assert_eq!(pick_with(&langs(), None, tag("fr_FR")).unwrap(), "en");
        assert_eq!(pick_with(&langs(), None, None).unwrap(), "en");
        let e = pick_with(&langs(), Some("fr"), None).unwrap_err();
        assert!(e.0[0].message.contains("`fr`"), "{}", e.0[0].message);
        assert!(e.0[0].hint.as_deref().unwrap_or("").contains("--lang es"));
    }

    #[test]
    fn a_region_is_served_by_its_language_and_the_other_way_round() {
        let offered = vec!["en".to_owned(), "es-MX".to_owned()];
        assert_eq!(best_match(&"es".parse().unwrap(), &offered).as_deref(), Some("es-MX"));
        assert_eq!(best_match(&"es-ES".parse().unwrap(), &langs()).as_deref(), Some("es"));
        assert_eq!(best_match(&"de".parse().unwrap(), &langs()), None);
    }
}
