//! Which steps a run executes: `--from`, `--until`, `--only`, `--skip` and `--resume`, and the
//! refusal of a step whose prerequisites (its `needs`, transitively) have not run against this
//! cluster, unless `--force`.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::scenario::load::suggest;
use crate::scenario::{Scenario, Step};

use super::options::GuidedOptions;

/// The steps to run, by id, in lab order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub ids: Vec<String>,
    /// True when every step of the lab is selected (a full run starts the state over).
    pub full: bool,
}

impl Selection {
    pub fn contains(&self, id: &str) -> bool {
        self.ids.iter().any(|i| i == id)
    }

    /// `running 3 of 20 steps: a, b, c`, for a partial run.
    pub fn describe(&self, total: usize) -> Option<String> {
        if self.full {
            return None;
        }
        let shown: Vec<&str> = self.ids.iter().take(8).map(String::as_str).collect();
        let more = if self.ids.len() > shown.len() { ", …" } else { "" };
        Some(crate::t!(
            "selection-running",
            count = self.ids.len(),
            total = total,
            ids = format!("{}{more}", shown.join(", "))
        ))
    }
}

/// Resolves the flags against the scenario. `completed` holds the steps recorded as completed
/// against this very cluster (empty when there is no such record). `again` is the command
/// that runs the lab again with the same cluster flags, variables and language (for hints);
/// `embedded`: the built-in rehearsal, which starts empty on every run and records nothing.
pub fn select(
    scenario: &Scenario,
    args: &GuidedOptions,
    completed: &HashSet<String>,
    again: &[String],
    embedded: bool,
) -> Result<Selection, Diagnostics> {
    let again = crate::plan::command::shell_join(again);
    let steps = &scenario.steps;
    let mut diags = Diagnostics::default();
    let index = |flag: &str, id: &str, diags: &mut Diagnostics| -> Option<usize> {
        match steps.iter().position(|s| s.id.as_str() == id) {
            Some(i) => Some(i),
            None => {
                diags.push(unknown_id(scenario, flag, id));
                None
            }
        }
    };
    let from = args.from.as_deref().and_then(|id| index("--from", id, &mut diags));
    let until = args.until.as_deref().and_then(|id| index("--until", id, &mut diags));
    let only: Vec<usize> = args
        .only
        .iter()
        .filter_map(|id| index("--only", id, &mut diags))
        .collect();
    let skip: Vec<usize> = args
        .skip
        .iter()
        .filter_map(|id| index("--skip", id, &mut diags))
        .collect();
    if let (Some(f), Some(u)) = (from, until)
        && f > u
    {
        diags.push(
            Diagnostic::new(crate::t!(
                "selection-reversed",
                from = steps[f].id.to_string(),
                until = steps[u].id.to_string()
            ))
            .expected(crate::t!("selection-reversed-expected"))
            .hint(crate::t!(
                "selection-reversed-hint",
                from = steps[u].id.to_string(),
                until = steps[f].id.to_string()
            )),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }

    let first = from.unwrap_or(0);
    let last = until.unwrap_or(steps.len().saturating_sub(1));
    let chosen: Vec<usize> = (0..steps.len())
        .filter(|i| (first..=last).contains(i))
        .filter(|i| only.is_empty() || only.contains(i))
        .filter(|i| !skip.contains(i))
        .filter(|i| !args.resume || !completed.contains(steps[*i].id.as_str()))
        .collect();
    let full = chosen.len() == steps.len();
    let ids: Vec<String> = chosen.iter().map(|i| steps[*i].id.to_string()).collect();

    if !args.force {
        // Steps refused for the same missing prerequisites are reported together.
        let mut refused: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        let mut before: HashSet<&str> = HashSet::new();
        let needs = Prerequisites::new(scenario);
        for i in &chosen {
            let step = &steps[*i];
            let missing: Vec<String> = needs
                .of(step)
                .into_iter()
                .filter(|p| !before.contains(p.as_str()) && !completed.contains(p))
                .collect();
            if !missing.is_empty() {
                match refused.iter_mut().find(|(m, _)| *m == missing) {
                    Some((_, ids)) => ids.push(step.id.to_string()),
                    None => refused.push((missing, vec![step.id.to_string()])),
                }
            }
            before.insert(step.id.as_str());
        }
        for (missing, ids) in refused {
            let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            let who: Vec<String> = ids.iter().map(|m| format!("`{m}`")).collect();
            diags.push(
                Diagnostic::new(crate::t!(
                    "selection-needs-not-run",
                    steps = who.join(", "),
                    count = who.len(),
                    needs = names.join(", "),
                    needed = missing.len()
                ))
                .expected(if embedded {
                    crate::t!("selection-needs-expected-rehearsal")
                } else {
                    crate::t!("selection-needs-expected")
                })
                .hint(if embedded {
                    crate::t!(
                        "selection-needs-hint-rehearsal",
                        command = format!("{again} --until {}", ids[0])
                    )
                } else {
                    crate::t!(
                        "selection-needs-hint",
                        command = format!("{again} --from {} --until {}", missing[0], ids[0])
                    )
                }),
            );
        }
    }
    if diags.is_empty() {
        Ok(Selection { ids, full })
    } else {
        Err(diags)
    }
}

/// Every step's prerequisites, looked up by id in a table built once per lab (not a scan of
/// the lab per step).
pub struct Prerequisites<'a> {
    scenario: &'a Scenario,
    /// Step id → its position in the lab.
    position: HashMap<&'a str, usize>,
}

impl<'a> Prerequisites<'a> {
    /// The table for `scenario`.
    pub fn new(scenario: &'a Scenario) -> Self {
        let position = scenario
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        Prerequisites { scenario, position }
    }

    /// A step's prerequisites: its `needs`, and theirs, in lab order.
    pub fn of(&self, step: &Step) -> Vec<String> {
        let mut seen: BTreeSet<usize> = BTreeSet::new();
        let mut todo: Vec<&str> = step.needs.iter().map(|n| n.as_str()).collect();
        while let Some(id) = todo.pop() {
            if let Some(&i) = self.position.get(id)
                && seen.insert(i)
            {
                todo.extend(self.scenario.steps[i].needs.iter().map(|n| n.as_str()));
            }
        }
        seen.into_iter()
            .map(|i| self.scenario.steps[i].id.to_string())
            .collect()
    }
}

fn unknown_id(scenario: &Scenario, flag: &str, id: &str) -> Diagnostic {
    let ids: Vec<&str> = scenario.steps.iter().map(|s| s.id.as_str()).collect();
    let d = Diagnostic::new(crate::t!(
        "selection-unknown-step",
        flag = flag,
        id = id,
        lab = scenario.lab.id.to_string()
    ));
    if scenario.cleanup.iter().any(|s| s.id.as_str() == id) {
        return d
            .expected(crate::t!("selection-step-id-expected"))
            .hint(crate::t!("selection-cleanup-step-hint", id = id));
    }
    let hint = suggest(id, &ids).unwrap_or_else(|| crate::t!("selection-steps-are", ids = ids.join(", ")));
    d.expected(crate::t!("selection-step-id-expected-plan")).hint(hint)
}
