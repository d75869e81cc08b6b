//! Shell words for the exported script and handout: literal text joined with the values of
//! shell variables that captures set at run time (`'name='"$PLAYER"`).
//!
//! While a step's commands are rendered, each capture stands as a token made only of ASCII
//! letters, digits and `_` (so JSON, YAML and URLs carry it through unchanged); [`CaptureVars::word`]
//! then splits an argument at the tokens. Literal text goes through the one quoting function,
//! [`command::shell_quote`]; a capture becomes `"$NAME"`. Nothing else is ever written raw.

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::plan::{Captures, Plan, command};
use crate::redact::Secrets;

/// Shell variables the script itself uses, or the shell gives a meaning to: a capture whose
/// upper-case name is one of these becomes `CAPTURED_<NAME>` instead.
const RESERVED: &[&str] = &[
    "BASH",
    "BASHOPTS",
    "BASHPID",
    "BASH_ENV",
    "CDPATH",
    "COLUMNS",
    "COMP_WORDS",
    "DIRSTACK",
    "ENV",
    "EUID",
    "FUNCNAME",
    "GLOBIGNORE",
    "GROUPS",
    "HISTFILE",
    "HOME",
    "HOSTNAME",
    "IFS",
    "KUBECONFIG",
    "LANG",
    "LC_ALL",
    "LINENO",
    "LINES",
    "MAIL",
    "MAILPATH",
    "OLDPWD",
    "OPTARG",
    "OPTERR",
    "OPTIND",
    "PATH",
    "PIPESTATUS",
    "PPID",
    "PS1",
    "PS2",
    "PS4",
    "PWD",
    "RANDOM",
    "REPLY",
    "SECONDS",
    "SHELL",
    "SHELLOPTS",
    "SHLVL",
    "TERM",
    "TMPDIR",
    "UID",
    "STEP_OUTPUT",
];

/// A piece of one shell word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// A shell variable, by name.
    Var(String),
}

/// One shell word: text and variables, written as one argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word(pub Vec<Piece>);

impl Word {
    pub fn text(s: impl Into<String>) -> Word {
        Word(vec![Piece::Text(s.into())])
    }

    /// The word as shell source: literal parts quoted by [`command::shell_quote`], variables
    /// as `"$NAME"`, so the shell passes exactly one argument whatever the values hold.
    pub fn shell(&self) -> String {
        let pieces: Vec<&Piece> = self
            .0
            .iter()
            .filter(|p| !matches!(p, Piece::Text(t) if t.is_empty()))
            .collect();
        if pieces.is_empty() {
            return command::shell_quote("");
        }
        pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => command::shell_quote(t),
                Piece::Var(v) => format!("\"${v}\""),
            })
            .collect()
    }

    /// The word for a comment: variables as `$NAME`, text as it is.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.clone(),
                Piece::Var(v) => format!("${v}"),
            })
            .collect()
    }

    fn has_nul(&self) -> bool {
        self.0.iter().any(|p| matches!(p, Piece::Text(t) if t.contains('\0')))
    }
}

/// Words as one command line.
pub fn line(words: &[Word]) -> String {
    words.iter().map(Word::shell).collect::<Vec<_>>().join(" ")
}

/// A value the script cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WordError {
    /// A NUL byte: no program can receive one in an argument.
    #[error("{0} holds a NUL character, which no command argument can carry")]
    Nul(String),
    /// A template filter changed a capture's token (`{{ player | upper }}`), so the script
    /// cannot know the value.
    #[error("{0} transforms a captured value (a filter on a capture?), which a script cannot repeat")]
    Transformed(String),
}

impl WordError {
    /// The error in the learner's language (the `Display` form stays English, for logs).
    pub fn message(&self) -> String {
        match self {
            WordError::Nul(what) => crate::t!("export-word-nul", what = what.as_str()),
            WordError::Transformed(what) => crate::t!("export-word-transformed", what = what.as_str()),
        }
    }
}

/// The shell variables that stand for a plan's captures, and the redaction of what is written.
#[derive(Debug, Clone)]
pub struct CaptureVars {
    nonce: String,
    /// Capture name → shell variable name.
    vars: BTreeMap<String, String>,
    /// Shell variable names, by token number.
    by_token: Vec<String>,
    /// When set, secret values in words, comments and text become [`crate::redact::MASK`].
    secrets: Option<Secrets>,
    /// Whether anything was masked.
    masked: Cell<bool>,
}

impl CaptureVars {
    pub fn new(plan: &Plan) -> CaptureVars {
        let nonce: String = (0..10).map(|_| fastrand::alphanumeric()).collect();
        let mut vars = BTreeMap::new();
        let mut by_token = Vec::new();
        for name in plan.placeholder_captures().into_keys() {
            let mut var = shell_name(&name);
            while by_token.contains(&var) {
                var.push('_');
            }
            by_token.push(var.clone());
            vars.insert(name, var);
        }
        CaptureVars {
            nonce,
            vars,
            by_token,
            secrets: None,
            masked: Cell::new(false),
        }
    }

    /// Masks the secret values `secrets` knows in everything written through these variables
    /// (except [`CaptureVars::words_kept`]).
    pub fn masking(mut self, secrets: Secrets) -> CaptureVars {
        self.secrets = Some(secrets);
        self
    }

    /// `text` with its secret values masked.
    pub fn mask(&self, text: &str) -> String {
        match &self.secrets {
            Some(s) => {
                let masked = s.mask(text);
                if masked != text {
                    self.masked.set(true);
                }
                masked
            }
            None => text.to_owned(),
        }
    }

    /// Whether some secret value was masked.
    pub fn masked_any(&self) -> bool {
        self.masked.get()
    }

    /// The shell variable of a capture.
    pub fn var(&self, capture: &str) -> String {
        self.vars.get(capture).cloned().unwrap_or_else(|| shell_name(capture))
    }

    fn prefix(&self) -> String {
        format!("WSCAP{}N", self.nonce)
    }

    /// Captures as tokens, for rendering.
    pub fn tokens(&self) -> Captures {
        self.vars
            .iter()
            .map(|(name, var)| {
                let i = self
                    .by_token
                    .iter()
                    .position(|v| v == var)
                    .expect("every var has a token");
                (name.clone(), format!("{}{i}Z", self.prefix()))
            })
            .collect()
    }

    /// A rendered argument as a word: tokens become variables, secret values are masked.
    pub fn word(&self, what: &str, rendered: &str) -> Result<Word, WordError> {
        let word = self.word_kept(what, rendered)?;
        Ok(Word(
            word.0
                .into_iter()
                .map(|p| match p {
                    Piece::Text(t) => Piece::Text(self.mask(&t)),
                    var => var,
                })
                .collect(),
        ))
    }

    /// [`CaptureVars::word`] with secret values kept: for what recreates a Secret.
    pub fn word_kept(&self, what: &str, rendered: &str) -> Result<Word, WordError> {
        let prefix = self.prefix();
        let mut pieces = Vec::new();
        let mut rest = rendered;
        while let Some(at) = rest.find(&prefix) {
            let after = &rest[at + prefix.len()..];
            let digits = after.chars().take_while(char::is_ascii_digit).count();
            let var = after[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|i| self.by_token.get(i))
                .filter(|_| after[digits..].starts_with('Z'));
            let Some(var) = var else {
                return Err(WordError::Transformed(what.to_owned()));
            };
            if at > 0 {
                pieces.push(Piece::Text(rest[..at].to_owned()));
            }
            pieces.push(Piece::Var(var.clone()));
            rest = &after[digits + 1..];
        }
        if !rest.is_empty() || pieces.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        let word = Word(pieces);
        if word.has_nul() {
            return Err(WordError::Nul(what.to_owned()));
        }
        if word
            .0
            .iter()
            .any(|p| matches!(p, Piece::Text(t) if t.to_ascii_uppercase().contains(&prefix.to_ascii_uppercase())))
        {
            return Err(WordError::Transformed(what.to_owned()));
        }
        Ok(word)
    }

    /// Every argument of a rendered command as a word.
    pub fn words(&self, what: &str, argv: &[String]) -> Result<Vec<Word>, WordError> {
        argv.iter().map(|a| self.word(what, a)).collect()
    }

    /// [`CaptureVars::words`] with secret values kept: for what recreates a Secret.
    pub fn words_kept(&self, what: &str, argv: &[String]) -> Result<Vec<Word>, WordError> {
        argv.iter().map(|a| self.word_kept(what, a)).collect()
    }

    /// Text for reading (a handout, a comment): tokens become `$NAME`, secret values are masked.
    pub fn plain(&self, text: &str) -> String {
        match self.word("text", text) {
            Ok(w) => w.plain(),
            Err(_) => self.mask(text),
        }
    }

    /// Text for a comment: tokens become `$NAME`, line breaks and other control characters
    /// become spaces, so a comment stays one comment line.
    pub fn comment(&self, text: &str) -> String {
        comment(&self.plain(text))
    }
}

/// Text on one comment line: control characters (line breaks above all) become spaces.
pub fn comment(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// `mongo_uid` → `MONGO_UID`; a name the shell or the script uses gets a `CAPTURED_` prefix.
fn shell_name(capture: &str) -> String {
    let upper: String = capture
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let starts_well = upper.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    if !starts_well || RESERVED.contains(&upper.as_str()) || upper.starts_with("BASH_") {
        format!("CAPTURED_{upper}")
    } else {
        upper
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(names: &[&str]) -> CaptureVars {
        let by_token: Vec<String> = names.iter().map(|n| shell_name(n)).collect();
        CaptureVars {
            nonce: "abc".into(),
            vars: names.iter().map(|n| ((*n).to_owned(), shell_name(n))).collect(),
            by_token,
            secrets: None,
            masked: Cell::new(false),
        }
    }

    #[test]
    fn tokens_become_quoted_variables() {
        let v = vars(&["player", "ingress_ip"]);
        let t = v.tokens();
        let w = v.word("x", &format!("name={}", t["player"])).unwrap();
        assert_eq!(w.shell(), "'name='\"$PLAYER\"");
        let w = v.word("x", &format!("http://{}/", t["ingress_ip"])).unwrap();
        assert_eq!(w.shell(), "http://\"$INGRESS_IP\"/");
        assert_eq!(v.word("x", &t["player"]).unwrap().shell(), "\"$PLAYER\"");
        assert_eq!(v.word("x", "").unwrap().shell(), "''");
        let json = serde_json::to_string(&serde_json::json!({"id": t["player"]})).unwrap();
        assert_eq!(v.word("x", &json).unwrap().shell(), "'{\"id\":\"'\"$PLAYER\"'\"}'");
    }

    #[test]
    fn a_transformed_token_or_a_nul_is_refused() {
        let v = vars(&["player"]);
        let upper = v.tokens()["player"].to_ascii_lowercase();
        assert!(matches!(v.word("x", &upper), Err(WordError::Transformed(_))));
        assert!(matches!(v.word("x", "a\0b"), Err(WordError::Nul(_))));
    }

    #[test]
    fn shell_names_avoid_what_the_shell_uses() {
        assert_eq!(shell_name("mongo_uid"), "MONGO_UID");
        assert_eq!(shell_name("path"), "CAPTURED_PATH");
        assert_eq!(shell_name("bash_env"), "CAPTURED_BASH_ENV");
        assert_eq!(shell_name("step_output"), "CAPTURED_STEP_OUTPUT");
    }

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nrm -rf ~\r"), "a rm -rf ~ ");
    }
}
