//! Every word the boards show, in one place: the web board reads them as JSON
//! (`GET /strings.json`) and the terminal board uses them directly. They are the catalogue's
//! `board-*` messages (locales/*/workshop.ftl) in the instructor's language; what the
//! learner's terminal says in class mode comes from the same catalogue (`class-*` messages).

use serde::Serialize;

/// The boards' words in one language (the JSON keys are what `board.js` reads).
#[derive(Debug, Clone, Serialize)]
pub struct Strings {
    /// The language they are in (`en`, `es`), for the page's `<html lang>`.
    pub lang: String,
    pub board: String,
    /// After a count: `learners` for most counts, `learners_one` for the one the language
    /// calls singular (1 in English and Spanish; the web board asks `Intl.PluralRules`).
    pub learners: String,
    pub learners_one: String,
    pub learner: String,
    pub stuck: String,
    pub finished: String,
    pub finished_one: String,
    pub offline: String,
    pub on_step: String,
    pub waiting_on: String,
    pub past: String,
    pub expected: String,
    pub observed: String,
    pub hint: String,
    pub diagnosis: String,
    pub events: String,
    pub steps: String,
    pub announce: String,
    pub announce_placeholder: String,
    pub announcements: String,
    pub no_learners: String,
    pub join_line: String,
    pub live: String,
    pub reconnecting: String,
    pub pending: String,
    pub running: String,
    pub passed: String,
    pub failed: String,
    pub skipped: String,
    pub interrupted: String,
    pub reset: String,
    pub pull: String,
    pub close: String,
    pub seconds: String,
    pub minutes: String,
    /// A cell's note (`Cell::note`): an optional step that failed, a step already done.
    pub optional_failed: String,
    pub already_done: String,
    /// The server refused the board's key (`protocol::WRONG_KEY`).
    pub wrong_key: String,
}

impl Strings {
    /// The boards' words in the current language ([`crate::i18n::current`]).
    pub fn current() -> Strings {
        Strings {
            lang: crate::i18n::current(),
            board: crate::t!("board-title"),
            learners: crate::t!("board-learners"),
            learners_one: crate::t!("board-learners-one"),
            learner: crate::t!("board-learner"),
            stuck: crate::t!("board-stuck"),
            finished: crate::t!("board-finished"),
            finished_one: crate::t!("board-finished-one"),
            offline: crate::t!("board-offline"),
            on_step: crate::t!("board-on-step"),
            waiting_on: crate::t!("board-waiting-on"),
            past: crate::t!("board-past"),
            expected: crate::t!("board-expected"),
            observed: crate::t!("board-observed"),
            hint: crate::t!("board-hint"),
            diagnosis: crate::t!("board-diagnosis"),
            events: crate::t!("board-events"),
            steps: crate::t!("board-steps"),
            announce: crate::t!("board-announce"),
            announce_placeholder: crate::t!("board-announce-placeholder"),
            announcements: crate::t!("board-announcements"),
            no_learners: crate::t!("board-no-learners"),
            join_line: crate::t!("board-join-line"),
            live: crate::t!("board-live"),
            reconnecting: crate::t!("board-reconnecting"),
            pending: crate::t!("board-pending"),
            running: crate::t!("board-running"),
            passed: crate::t!("board-passed"),
            failed: crate::t!("board-failed"),
            skipped: crate::t!("board-skipped"),
            interrupted: crate::t!("board-interrupted"),
            reset: crate::t!("board-reset"),
            pull: crate::t!("board-pull"),
            close: crate::t!("board-close"),
            seconds: crate::t!("board-seconds"),
            minutes: crate::t!("board-minutes"),
            optional_failed: crate::t!("board-optional-failed"),
            already_done: crate::t!("board-already-done"),
            wrong_key: crate::t!("board-wrong-key"),
        }
    }

    /// The boards' words in `lang`, one of the built-in languages (for a browser that asks
    /// for another language than the server's).
    pub fn in_language(lang: &str) -> Strings {
        let _scoped = crate::i18n::scoped(lang);
        Strings::current()
    }

    /// `n` and the word for it: the singular form for 1 (the built-in languages' only singular
    /// count), else the plural one.
    pub fn count(n: usize, one: &str, other: &str) -> String {
        format!("{n} {}", if n == 1 { one } else { other })
    }

    /// The word of a run's state as the board has it (`running`, `passed`, `failed`,
    /// `interrupted`, `reset`); another is shown as it is.
    pub fn run<'a>(&'a self, run: &'a str) -> &'a str {
        match run {
            "running" => &self.running,
            "passed" => &self.passed,
            "failed" => &self.failed,
            "interrupted" => &self.interrupted,
            "reset" => &self.reset,
            other => other,
        }
    }

    /// The word of a step state.
    pub fn state(&self, s: super::board::StepState) -> &str {
        use super::board::StepState::*;
        match s {
            Pending => &self.pending,
            Running => &self.running,
            Passed => &self.passed,
            Failed => &self.failed,
            Skipped => &self.skipped,
            Interrupted => &self.interrupted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_gives_every_word_and_spanish_differs_from_english() {
        let en = serde_json::to_value(Strings::in_language("en")).expect("json");
        let es = serde_json::to_value(Strings::in_language("es")).expect("json");
        let (en, es) = (en.as_object().expect("an object"), es.as_object().expect("an object"));
        assert_eq!(en["lang"], "en");
        assert_eq!(es["lang"], "es");
        assert_eq!(en["board"], "Class board");
        assert_eq!(es["board"], "Tablero de la clase");
        for (k, v) in en {
            let v = v.as_str().expect("a string");
            assert!(!v.is_empty() && !v.starts_with("board-"), "{k} in English: {v:?}");
            let o = es[k].as_str().expect("a string");
            assert!(!o.is_empty() && !o.starts_with("board-"), "{k} in Spanish: {o:?}");
        }
    }
}
