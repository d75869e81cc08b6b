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
    pub fn note(&self) -> Option<&'static str> {
        match self {
            Consent::NotNeeded => None,
            Consent::Bundled => Some("trusted: a lab shipped with workshop, unchanged (docs/security.md)"),
            Consent::Remembered => Some("trusted: you trusted this lab's content on this machine before"),
            Consent::Given => Some("trusted: you said yes; this lab's content is remembered as trusted"),
            Consent::Flag => Some("trusted for this run only (--trust)"),
        }
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
) -> Result<Consent, Diagnostics> {
    let what = match scope {
        Scope::Lab => "run",
        Scope::Cleanup => "reset",
    };
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
            "there is no terminal to ask on",
            secrets,
        ));
    }
    let mut err = std::io::stderr().lock();
    let _ = writeln!(
        err,
        "lab `{lab}` ({scenario_path}) has not been trusted on this machine. This lab:"
    );
    for line in caps.lines() {
        let _ = writeln!(err, "  {}", secrets.mask(&line));
    }
    let _ = write!(err, "{what} it? [y/N] ");
    let _ = err.flush();
    drop(err);
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        return Err(refused(
            &caps,
            &lab,
            scenario_path,
            what,
            "you did not say yes",
            secrets,
        ));
    }
    match store {
        Some(s) => match s.remember(&hash, &lab, scenario_path) {
            Ok(()) => {}
            Err(e) => eprintln!(
                "warning: cannot remember the answer in {}: {e}; you will be asked again",
                s.path().display()
            ),
        },
        None => eprintln!("warning: no data folder to remember the answer in; you will be asked again"),
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
    if !caps.need_consent() {
        return "consent: not needed (it runs no programs, reaches no hosts and grants no powerful roles)".to_owned();
    }
    match known(&hash::lab_hash(&plan.scenario)) {
        Some(Consent::Bundled) => "consent: not asked, a lab shipped with workshop, unchanged".to_owned(),
        Some(_) => "consent: not asked, you trusted this content on this machine (`workshop trust --revoke` forgets it)"
            .to_owned(),
        None => "consent: `workshop run` asks before it runs this lab, and refuses without a terminal unless --trust is given (docs/security.md)"
            .to_owned(),
    }
}

/// The refusal: what the lab does (masked) and the three ways to consent.
fn refused(
    caps: &Capabilities,
    lab: &str,
    scenario_path: &str,
    what: &str,
    why: &str,
    secrets: &Secrets,
) -> Diagnostics {
    let listed = caps
        .lines()
        .into_iter()
        .filter(|l| !l.starts_with("reads:"))
        .map(|l| secrets.mask(&l))
        .collect::<Vec<_>>()
        .join("\n");
    Diagnostics(vec![
        Diagnostic::new(format!(
            "lab `{lab}` was not {what}: it has not been trusted on this machine and {why}"
        ))
        .expected(format!("your consent for what this lab does:\n{listed}"))
        .hint(format!(
            "read the lab first (`workshop plan {scenario_path}`); then {what} it on a terminal to be asked once, trust it with `workshop trust {scenario_path}`, or add --trust to trust this {what} only"
        )),
    ])
}
