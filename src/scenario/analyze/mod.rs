//! Analysis: checks a read [`ScenarioFile`] as a whole and builds the validated [`Scenario`].
//! Every problem is collected with its location; nothing here touches a cluster. Checks that
//! need the rendered manifests (kinds) happen in [`crate::plan`].
//!
//! This file holds the entry points, the `Analyzer` with its `Scope`, the lab, the variables
//! and the steps; a step's parts are checked in `actions`, `http`, `checks` and `captures`, the
//! objects they name in `objects`, and every expression in `exprs`.

mod actions;
mod captures;
mod checks;
mod exprs;
mod http;
mod objects;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use toml::Spanned;

use super::action::Action;
use super::load::{ScenarioFile, suggest};
use super::model::{CaptureWhen, PauseSpec, StepSpec};
use super::span::Span;
use super::step_id::StepId;
use super::text::lang_problem;
use super::value::JsonValue;
use super::{Lab, Pause, Scenario, Step, Variable};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::KubeVersion;
use crate::source::Source;
use crate::template::Templates;

pub use objects::object_refs;

/// Names every expression may use besides the variables.
pub const RESERVED_NAMES: &[&str] = &["cluster"];

/// Analyses a read file. Returns the scenario when no problem was found.
pub fn analyze(file: ScenarioFile, diags: &mut Diagnostics) -> Option<Scenario> {
    let scenario = analyze_partly(file, diags);
    if diags.is_empty() { scenario } else { None }
}

/// Analyses a read file and returns the scenario built from every part that could be read, even
/// when problems were found (`None` without a usable `[lab]`), so later stages can look for
/// their own problems and the author sees all of them at once.
pub fn analyze_partly(file: ScenarioFile, diags: &mut Diagnostics) -> Option<Scenario> {
    let source = file.source.clone();
    let mut a = Analyzer {
        source: &source,
        diags,
        templates: None,
    };

    let lab = file.lab.as_ref().map(|l| a.lab(l));
    let templates_dir = file.lab.as_ref().map(|l| a.templates_dir(l));
    if let Some(Some(dir)) = &templates_dir {
        a.templates = Some(Templates::new(dir.clone()));
    }
    if let Some(v) = &file.cluster.kubernetes_version
        && let Err(why) = KubeVersion::parse(v.get_ref())
    {
        let d = Diagnostic::at(a.source, &Span(v.span()), why)
            .expected(crate::t!("sc-kube-version-expected"))
            .hint(crate::t!("sc-kube-version-hint"));
        a.diags.push(d);
    }
    let vars = a.vars(&file.vars);
    let var_names: HashSet<String> = vars.iter().map(|v| v.name.clone()).collect();
    // Prose outside the steps renders with the variables (and `cluster`) only.
    {
        let (none, lab_step) = (HashMap::new(), StepId::new("lab"));
        let scope = Scope {
            vars: &var_names,
            captures: &none,
            all_captures: &none,
            step: &lab_step,
        };
        if let Some(l) = &file.lab {
            a.text(&l.title, &Span(l.id.span()), &scope);
            if let Some(summary) = &l.summary {
                a.text(summary, &Span(l.id.span()), &scope);
            }
        }
        for (name, spec) in &file.vars {
            if let Some(d) = &spec.description {
                a.text(d, &Span(name.span()), &scope);
            }
        }
    }

    if file.steps.is_empty() && !file.incomplete {
        let span = if file.steps_span.is_known() {
            file.steps_span.clone()
        } else {
            file.lab_span.clone()
        };
        let d = Diagnostic::at(a.source, &span, crate::t!("sc-no-steps"))
            .expected(crate::t!("sc-no-steps-expected"))
            .hint(crate::t!("sc-no-steps-hint"));
        a.diags.push(d);
    }
    let steps = a.steps(&file.steps, &var_names, file.incomplete, "steps");
    let cleanup = a.steps(&file.cleanup, &var_names, file.incomplete, "cleanup");

    Some(Scenario {
        source: source.clone(),
        lab: lab?,
        cluster: file.cluster,
        vars,
        steps,
        cleanup,
        templates_dir: templates_dir??,
    })
}

/// A diagnostic just recorded, still open for its expected text and hint.
struct Pending<'d>(&'d mut Diagnostic);

impl Pending<'_> {
    fn expected(self, e: impl Into<String>) -> Self {
        self.0.expected = Some(e.into());
        self
    }

    fn hint(self, h: impl Into<String>) -> Self {
        self.0.hint = Some(h.into());
        self
    }
}

struct Analyzer<'a> {
    source: &'a Source,
    diags: &'a mut Diagnostics,
    templates: Option<Templates>,
}

/// The names an expression may use at one point of the scenario.
struct Scope<'s> {
    vars: &'s HashSet<String>,
    captures: &'s HashMap<String, StepId>,
    /// Every capture of the table with the step that takes it, to explain a name that is
    /// captured only later.
    all_captures: &'s HashMap<String, StepId>,
    /// The step being analysed.
    step: &'s StepId,
}

impl Analyzer<'_> {
    fn error(&mut self, span: &Span, message: impl Into<String>) -> Pending<'_> {
        self.diags.push(Diagnostic::at(self.source, span, message));
        Pending(self.diags.0.last_mut().expect("just pushed"))
    }

    fn lab(&mut self, l: &super::model::LabSpec) -> Lab {
        let id = l.id.get_ref();
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            self.error(&Span(l.id.span()), crate::t!("sc-lab-id", id = id.as_str()))
                .expected(crate::t!("sc-lab-id-expected"))
                .hint(crate::t!("sc-lab-id-hint"));
        }
        let mut languages = Vec::new();
        for lang in &l.languages {
            if let Some(problem) = lang_problem(lang.get_ref()) {
                self.error(&Span(lang.span()), problem);
            }
            languages.push(lang.get_ref().clone());
        }
        if languages.is_empty() {
            languages.push("en".into());
        }
        Lab {
            id: id.clone(),
            title: l.title.clone(),
            summary: l.summary.clone(),
            languages,
        }
    }

    fn templates_dir(&mut self, l: &super::model::LabSpec) -> Option<PathBuf> {
        let (rel, span) = match &l.templates {
            Some(t) => (t.get_ref().clone(), Span(t.span())),
            None => ("templates".to_owned(), Span::default()),
        };
        match crate::template::templates_folder(&self.source.path, &rel, l.templates.is_some()) {
            Ok(dir) => Some(dir),
            Err(e) => {
                self.error(&span, e.to_string())
                    .expected(crate::t!("sc-templates-folder-expected"))
                    .hint(crate::t!("sc-templates-folder-hint"));
                None
            }
        }
    }

    fn vars(&mut self, vars: &[(Spanned<String>, super::model::VarSpec)]) -> Vec<Variable> {
        let mut out = Vec::new();
        for (name, spec) in vars {
            let n = name.get_ref();
            let ident = n.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !ident {
                self.error(&Span(name.span()), crate::t!("sc-var-name", name = n.as_str()))
                    .expected(crate::t!("sc-var-name-expected"))
                    .hint(crate::t!("sc-var-name-hint"));
            } else if RESERVED_NAMES.contains(&n.as_str()) {
                self.error(&Span(name.span()), crate::t!("sc-var-reserved", name = n.as_str()))
                    .hint(crate::t!("sc-var-reserved-hint"));
            }
            out.push(Variable {
                name: n.clone(),
                default: spec.default.clone(),
                ty: spec.ty,
                description: spec.description.clone(),
            });
        }
        out
    }

    fn steps(
        &mut self,
        specs: &[Spanned<StepSpec>],
        vars: &HashSet<String>,
        incomplete: bool,
        table: &str,
    ) -> Vec<Step> {
        let mut out: Vec<Step> = Vec::new();
        let mut seen: HashMap<String, Span> = HashMap::new();
        let mut captures: HashMap<String, StepId> = HashMap::new();
        let mut all_captures: HashMap<String, StepId> = HashMap::new();
        for spec in specs.iter().map(Spanned::get_ref) {
            for c in &spec.capture {
                all_captures
                    .entry(c.get_ref().name.get_ref().clone())
                    .or_insert_with(|| spec.id.clone());
            }
        }
        for spanned in specs {
            let span = Span(spanned.span());
            let spec = spanned.get_ref();
            let id = spec.id.clone();
            if let Some(problem) = StepId::problem(id.as_str()) {
                self.error(&id.span, problem).expected(crate::t!("sc-step-id-expected"));
            }
            if let Some(first) = seen.get(id.as_str()) {
                let (line, _) = self.source.line_col(first.0.start);
                self.error(&id.span, crate::t!("sc-duplicate-step", id = id.as_str()))
                    .expected(crate::t!("sc-duplicate-step-expected"))
                    .hint(crate::t!("sc-duplicate-step-hint", id = id.as_str(), line = line));
            } else {
                seen.insert(id.as_str().to_owned(), id.span.clone());
            }

            // Captures taken before the action (and generated markers) are visible to the
            // action and the checks of this same step.
            let step_captures = self.captures(spec, vars, &captures, &all_captures);
            let mut scope_caps = captures.clone();
            for c in &step_captures {
                if c.when == CaptureWhen::Before {
                    scope_caps.insert(c.name.clone(), id.clone());
                }
            }
            let scope = Scope {
                vars,
                captures: &scope_caps,
                all_captures: &all_captures,
                step: &id,
            };
            let mut used = HashSet::new();
            let action = self.action(spec, &span, &scope, &mut used);
            let checks = spec
                .checks
                .iter()
                .filter_map(|c| self.check(c, &scope, &mut used))
                .collect();
            // The title and explanation are shown before the step runs: earlier steps' captures
            // only. Hints and the pause message come after the action: like the checks.
            let before = Scope {
                captures: &captures,
                ..scope
            };
            self.text(&spec.title, &id.span, &before);
            if let Some(e) = &spec.explain {
                self.text(e, &id.span, &before);
            }
            if let Some(PauseSpec::Message(t)) = &spec.pause {
                self.text(t, &id.span, &scope);
            }
            for c in &spec.checks {
                if let Some(h) = &c.get_ref().hint {
                    self.text(h, &Span(c.span()), &scope);
                }
            }

            let mut needs: Vec<StepId> = Vec::new();
            for n in &spec.needs {
                let nspan = Span(n.span());
                let name = n.get_ref();
                if out.iter().any(|s| s.id.as_str() == name) {
                    needs.push(StepId::new(name.clone()));
                } else if specs.iter().any(|s| s.get_ref().id.as_str() == name) {
                    self.error(
                        &nspan,
                        crate::t!("sc-needs-later", id = id.as_str(), name = name.as_str()),
                    )
                    .expected(crate::t!("sc-needs-expected"))
                    .hint(crate::t!("sc-needs-later-hint"));
                } else if incomplete {
                    // The step may be one that failed to read; its problem is reported already.
                } else {
                    let ids: Vec<&str> = out.iter().map(|s| s.id.as_str()).collect();
                    let d = self
                        .error(
                            &nspan,
                            crate::t!(
                                "sc-needs-unknown",
                                id = id.as_str(),
                                name = name.as_str(),
                                table = table
                            ),
                        )
                        .expected(crate::t!("sc-needs-expected"));
                    if let Some(s) = suggest(name, &ids) {
                        d.hint(s);
                    }
                }
            }
            for name in &used {
                if let Some(owner) = captures.get(name)
                    && owner != &id
                    && !needs.contains(owner)
                {
                    needs.push(owner.clone());
                }
            }
            for c in &step_captures {
                captures.insert(c.name.clone(), id.clone());
            }

            let pause = match &spec.pause {
                None | Some(PauseSpec::Off) => None,
                Some(PauseSpec::Default) => Some(Pause::Default),
                Some(PauseSpec::Message(t)) => Some(Pause::Message(t.clone())),
            };
            if let Some(action) = action {
                if spec.keep_running
                    && !action.is_background()
                    && !matches!(&action, Action::Command(c) if c.background)
                {
                    self.error(&span, crate::t!("sc-keep-running", id = id.as_str()))
                        .hint(crate::t!("sc-keep-running-hint"));
                }
                out.push(Step {
                    id,
                    title: spec.title.clone(),
                    explain: spec.explain.clone(),
                    action,
                    checks,
                    captures: step_captures,
                    needs,
                    optional: spec.optional,
                    pause,
                    keep_running: spec.keep_running,
                    timeout: spec.timeout,
                    span,
                });
            }
        }
        out
    }
}

/// Convenience for tests and callers: the JSON of a `JsonValue`.
pub fn json_of(v: &JsonValue) -> serde_json::Value {
    v.parse_embedded_json()
        .and_then(Result::ok)
        .unwrap_or_else(|| v.value.clone())
}

#[cfg(test)]
mod testing {
    use super::analyze;
    use crate::scenario::load::parse;
    use crate::source::Source;

    /// The problems of a scenario text, as (line, message, hint).
    pub(super) fn problems(text: &str) -> Vec<(usize, String, Option<String>)> {
        let (file, mut diags) = parse(Source::new("t.toml", text));
        analyze(file, &mut diags);
        diags.sort();
        diags
            .0
            .into_iter()
            .map(|d| (d.location.map_or(0, |l| l.line), d.message, d.hint))
            .collect()
    }

    pub(super) const LAB: &str = "[lab]\nid = \"x\"\ntitle = \"X\"\n";
}
