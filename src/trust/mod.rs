//! Consent for what can hurt: a downloaded lab is code. `validate` and `plan` list a lab's
//! [`Capabilities`]; `run` and `reset` run a lab that has dangerous ones only with consent
//! ([`decide`]), given once on a terminal and remembered by the lab's content hash in a
//! per-user [`store::Store`], given for one run with `--trust`, or built in for the bundled labs
//! while they are as shipped. The decision is made here, before the engine starts; the engine
//! gets the outcome ([`Consent`]) through its options. See docs/security.md.

pub mod bundled;
pub mod capabilities;
pub mod hash;
pub mod store;

use std::io::{BufRead as _, IsTerminal as _, Write as _};

pub use capabilities::{Capabilities, Scope};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::plan::Plan;
use crate::redact::Secrets;

/// Why a lab may run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Consent {
    /// It runs no programs, reaches no host and grants no powerful role.
    NotNeeded,
    /// A lab shipped with workshop, unchanged.
    Bundled,
    /// Trusted earlier on this machine (the same content).
    Remembered,
    /// Trusted now, at the prompt (and remembered).
    Given,
    /// `--trust`: this run only.
    Flag,
}

impl Consent {
    /// The line a run shows about it, if any.
    pub fn note(&self) -> Option<String> {
        let id = match self {
            Consent::NotNeeded => return None,
            Consent::Bundled => "trust-note-bundled",
            Consent::Remembered => "trust-note-remembered",
            Consent::Given => "trust-note-given",
            Consent::Flag => "trust-note-flag",
        };
        Some(crate::i18n::tr_built_in(id, &crate::i18n::FluentArgs::new()))
    }
}

/// Decides whether the steps of `scope` of the lab of `plan` may run, before anything runs:
/// consent is needed when they can do what [`Capabilities::need_consent`] names. A lab shipped
/// with workshop, unchanged, or one trusted before (its content hash in the [`store::Store`]),
/// needs no asking; otherwise the user is asked once on a terminal, and without one the lab is
/// refused unless `trust` (`--trust`) is given.
pub fn decide(
    plan: &Plan,
    scenario_path: &str,
    trust: bool,
    scope: Scope,
    secrets: &Secrets,
) -> Result<Consent, Refused> {
    let what = match scope {
        Scope::Lab => "run",
        Scope::Cleanup => "reset",
    };
    // Every word of the consent comes from workshop's own catalogues, never a lab's: a lab
    // cannot reword what it asks for (docs/security.md).
    let caps = Capabilities::of_scope(plan, scenario_path, scope);
    if !caps.need_consent() {
        return Ok(Consent::NotNeeded);
    }
    if trust {
        return Ok(Consent::Flag);
    }
    let hash = hash::lab_hash(&plan.scenario);
    if let Some(known) = known(&hash) {
        return Ok(known);
    }
    let store = store::Store::user();
    let lab = plan.scenario.lab.id.clone();
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if !terminal {
        return Err(refused(
            &caps,
            &lab,
            scenario_path,
            what,
            &crate::t_builtin!("trust-why-no-terminal"),
            secrets,
        ));
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "{}",
        crate::t_builtin!("trust-not-trusted", lab = lab.as_str(), path = scenario_path)
    );
    for line in caps.lines() {
        let _ = writeln!(err, "  {}", secrets.mask(&line));
    }
    let _ = write!(
        err,
        "{} {} ",
        crate::t_builtin!("trust-question", what = what),
        crate::t_builtin!("confirm-choices")
    );
    let _ = err.flush();
    drop(err);
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    let answer = answer.trim().to_lowercase();
    let yes = crate::t_builtin!("confirm-yes-words");
    if answer.is_empty() || !yes.split_whitespace().any(|w| w == answer) {
        return Err(refused(
            &caps,
            &lab,
            scenario_path,
            what,
            &crate::t_builtin!("trust-why-not-yes"),
            secrets,
        ));
    }
    match store {
        Some(s) => match s.remember(&hash, &lab, scenario_path) {
            Ok(()) => {}
            Err(e) => eprintln!(
                "{}",
                crate::t_builtin!(
                    "trust-cannot-remember",
                    path = s.path().display().to_string(),
                    error = e.to_string()
                )
            ),
        },
        None => eprintln!("{}", crate::t_builtin!("trust-no-data-folder")),
    }
    Ok(Consent::Given)
}

/// Whether the lab with this content hash is trusted without asking: shipped with workshop and
/// unchanged, or trusted on this machine before.
pub fn known(hash: &str) -> Option<Consent> {
    if bundled::bundled(hash).is_some() {
        Some(Consent::Bundled)
    } else if store::Store::user().is_some_and(|s| s.contains(hash)) {
        Some(Consent::Remembered)
    } else {
        None
    }
}

/// What `validate` and `plan` say about consent for the lab of `plan` (whose capabilities are
/// `caps`): whether `run` will ask.
pub fn standing(plan: &Plan, caps: &Capabilities) -> String {
    let id = if !caps.need_consent() {
        "trust-standing-not-needed"
    } else {
        match known(&hash::lab_hash(&plan.scenario)) {
            Some(Consent::Bundled) => "trust-standing-bundled",
            Some(_) => "trust-standing-remembered",
            None => "trust-standing-asks",
        }
    };
    crate::i18n::tr_built_in(id, &crate::i18n::FluentArgs::new())
}

/// A lab that was not allowed to run: what it does and the three ways to consent. Its own type,
/// so the command exits with [`crate::exit_code::REFUSED`], not as an invalid scenario.
#[derive(Debug)]
pub struct Refused(pub Diagnostics);

/// The refusal: what the lab does (masked) and the three ways to consent.
fn refused(caps: &Capabilities, lab: &str, scenario_path: &str, what: &str, why: &str, secrets: &Secrets) -> Refused {
    let listed = caps
        .use_lines()
        .into_iter()
        .map(|l| secrets.mask(&l))
        .collect::<Vec<_>>()
        .join("\n");
    Refused(Diagnostics(vec![
        Diagnostic::new(crate::t_builtin!("trust-refused", lab = lab, what = what, why = why))
            .expected(crate::t_builtin!("trust-refused-expected", uses = listed))
            .hint(crate::t_builtin!(
                "trust-refused-hint",
                path = scenario_path,
                what = what
            )),
    ]))
}
