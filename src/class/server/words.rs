//! Which language the web board speaks: `class serve --lang` fixes it; without it, the
//! browser's `Accept-Language` picks among the languages workshop has (`es-ES,es;q=0.9` →
//! `es`), else the server's own language (LANG, `LC_*`), else English. The page is served
//! with `<html lang>` and its title in that language, and asks `/strings.json?lang=` for the
//! same language, so page and words never disagree.

use fluent_langneg::accepted_languages;

use super::super::strings::Strings;

/// The boards' words in every built-in language, and how to choose among them.
pub struct BoardWords {
    all: Vec<Strings>,
    /// The server's language (the one `--lang`, LANG or `LC_*` chose).
    server: String,
    /// `--lang` was given: every board speaks the server's language.
    fixed: bool,
}

impl BoardWords {
    /// The words of every built-in language; `server` is the server's language, `fixed` when
    /// `--lang` chose it.
    pub fn new(server: &str, fixed: bool) -> BoardWords {
        let all = crate::i18n::BUILT_IN
            .iter()
            .map(|(lang, _)| Strings::in_language(lang))
            .collect();
        BoardWords {
            all,
            server: server.to_owned(),
            fixed,
        }
    }

    fn languages(&self) -> Vec<String> {
        self.all.iter().map(|s| s.lang.clone()).collect()
    }

    fn of(&self, lang: &str) -> Option<&Strings> {
        self.all.iter().find(|s| s.lang == lang)
    }

    /// The words for one request: `asked` is the page's own `?lang=` (its `<html lang>`),
    /// `accept` the browser's `Accept-Language` header.
    pub fn pick(&self, asked: Option<&str>, accept: Option<&str>) -> &Strings {
        let langs = self.languages();
        let by_tag = |tag: &str| {
            crate::language::parse_tag(tag)
                .and_then(|t| crate::language::best_match(&t, &langs))
                .and_then(|l| self.of(&l))
        };
        let browser = || {
            accepted_languages::parse(accept.unwrap_or_default())
                .iter()
                .find_map(|t| crate::language::best_match(t, &langs))
                .and_then(|l| self.of(&l))
        };
        let chosen = asked.and_then(by_tag);
        let chosen = match chosen {
            Some(s) => Some(s),
            None if self.fixed => None,
            None => browser(),
        };
        chosen
            .or_else(|| by_tag(&self.server))
            .or_else(|| self.of("en"))
            .unwrap_or(&self.all[0])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_chooses_unless_lang_was_given() {
        let free = BoardWords::new("en", false);
        assert_eq!(free.pick(None, Some("es-ES,es;q=0.9,en;q=0.8")).lang, "es");
        assert_eq!(
            free.pick(None, Some("fr-FR,fr;q=0.9")).lang,
            "en",
            "a language workshop lacks"
        );
        assert_eq!(
            free.pick(None, Some("fr-FR, es-MX;q=0.5")).lang,
            "es",
            "the first it has"
        );
        assert_eq!(free.pick(None, None).lang, "en");
        assert_eq!(
            free.pick(Some("es"), Some("en-US")).lang,
            "es",
            "the page's own language"
        );
        let spanish = BoardWords::new("es", false);
        assert_eq!(spanish.pick(None, None).lang, "es", "the server's language by default");
        assert_eq!(spanish.pick(None, Some("de")).lang, "es");
        assert_eq!(spanish.pick(None, Some("en-US,en")).lang, "en");
        let fixed = BoardWords::new("es", true);
        assert_eq!(fixed.pick(None, Some("en-US,en")).lang, "es", "--lang wins");
        assert_eq!(fixed.pick(Some("xx-not"), None).lang, "es");
    }
}
