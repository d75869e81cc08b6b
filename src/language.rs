//! Which language a lab is shown in: `--lang`, else the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`, e.g. `es_ES.UTF-8` → `es`) when the lab offers it, else the lab's first language.
//! Only the lab's prose is translated; the tool's own messages stay English.

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The language to show a lab in. An explicit `--lang` the lab does not offer is an error.
pub fn pick(offered: &[String], asked: Option<&str>) -> Result<String, Diagnostics> {
    pick_with(offered, asked, locale_language())
}

fn pick_with(offered: &[String], asked: Option<&str>, locale: Option<String>) -> Result<String, Diagnostics> {
    if let Some(l) = asked {
        if offered.iter().any(|o| o == l) {
            return Ok(l.to_owned());
        }
        let names: Vec<&str> = offered.iter().map(String::as_str).collect();
        return Err(Diagnostics(vec![
            Diagnostic::new(format!("--lang {l}: this lab is not written in `{l}`"))
                .expected(format!("one of the lab's languages: {}", names.join(", ")))
                .hint(format!(
                    "choose one: {}",
                    names
                        .iter()
                        .map(|n| format!("--lang {n}"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                )),
        ]));
    }
    if let Some(l) = locale
        && offered.contains(&l)
    {
        return Ok(l);
    }
    Ok(offered.first().cloned().unwrap_or_else(|| "en".into()))
}

/// The language of the user's locale: the first set of `LC_ALL`, `LC_MESSAGES`, `LANG`,
/// reduced to its language (`es_ES.UTF-8` → `es`, `pt_BR` → `pt-BR`).
pub fn locale_language() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| from_locale(&v))
}

fn from_locale(locale: &str) -> Option<String> {
    let base = locale.split(['.', '@']).next().unwrap_or("");
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    let mut parts = base.split(['_', '-']);
    let lang = parts.next()?.to_ascii_lowercase();
    Some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "es".into()]
    }

    #[test]
    fn locale_is_reduced_to_its_language() {
        assert_eq!(from_locale("es_ES.UTF-8").as_deref(), Some("es"));
        assert_eq!(from_locale("en_US").as_deref(), Some("en"));
        assert_eq!(from_locale("C.UTF-8"), None);
        assert_eq!(from_locale("POSIX"), None);
    }

    #[test]
    fn explicit_then_locale_then_first() {
        assert_eq!(pick_with(&langs(), Some("es"), None).unwrap(), "es");
        assert_eq!(pick_with(&langs(), None, Some("es".into())).unwrap(), "es");
        assert_eq!(pick_with(&langs(), None, Some("fr".into())).unwrap(), "en");
        assert_eq!(pick_with(&langs(), None, None).unwrap(), "en");
        let e = pick_with(&langs(), Some("ex"), None).unwrap_err();
        assert!(e.0[0].message.contains("not written in `ex`"), "{}", e.0[0].message);
    }
}
