//! The plan: a validated [`Scenario`] with its variables bound (`--var`), its templates rendered
//! for a cluster's facts and every manifest parsed. What `plan` prints and what the engine runs.

pub mod command;
pub mod describe;
pub mod effects;
pub mod manifest;

use std::collections::{BTreeMap, HashMap, HashSet};

use minijinja::Value;

pub use manifest::Manifest;

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::facts::ClusterFacts;
use crate::kinds;
use crate::scenario::action::Action;
use crate::scenario::analyze::{RESERVED_NAMES, object_refs as named_objects};
use crate::scenario::load::suggest;
use crate::scenario::value::{IntExpr, shown};
use crate::scenario::{Expr, Scenario, Span, Step, Text, VarValue};
pub use crate::template::template_diagnostic;
use crate::template::{TemplateError, Templates};

/// Captured values by name, filled in as steps run.
pub type Captures = BTreeMap<String, String>;

/// A scenario ready to run.
#[derive(Debug)]
pub struct Plan {
    pub scenario: Scenario,
    pub vars: BTreeMap<String, VarValue>,
    pub facts: ClusterFacts,
    pub templates: Templates,
    /// The parsed documents of every template an `apply`/`create` step uses, by template name.
    pub manifests: HashMap<String, Vec<Manifest>>,
}

/// Binds `--var name=value` overrides over the scenario's defaults: each value is read and
/// checked as its variable's type (`type = "dns-label"`, or the default's type); a variable
/// given twice is an error.
pub fn bind_vars(
    scenario: &Scenario,
    overrides: &[(String, String)],
) -> Result<BTreeMap<String, VarValue>, Diagnostics> {
    let mut vars: BTreeMap<String, VarValue> = scenario
        .vars
        .iter()
        .map(|v| (v.name.clone(), v.default.clone()))
        .collect();
    let mut diags = Diagnostics::default();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (name, raw) in overrides {
        if let Some(first) = seen.insert(name, raw) {
            diags.push(
                Diagnostic::new(crate::t!(
                    "var-given-twice",
                    name = name.as_str(),
                    first = shown(first),
                    then = shown(raw)
                ))
                .hint(crate::t!("var-given-twice-hint", name = name.as_str())),
            );
            continue;
        }
        match scenario.vars.iter().find(|v| &v.name == name) {
            Some(var) => match var.ty.parse(raw) {
                Ok(v) => {
                    vars.insert(name.clone(), v);
                }
                Err(why) => diags.push(
                    Diagnostic::new(format!("--var {name}: {why}"))
                        .expected(var.ty.expected())
                        .hint(crate::t!(
                            "var-type-hint",
                            name = name.as_str(),
                            ty = var.ty.to_string(),
                            default = shown(&var.default.to_string())
                        )),
                ),
            },
            None => {
                let names: Vec<&str> = scenario.vars.iter().map(|v| v.name.as_str()).collect();
                let hint = suggest(name, &names).unwrap_or_else(|| crate::t!("var-names", names = names.join(", ")));
                diags.push(
                    Diagnostic::new(crate::t!("var-unknown", name = name.as_str()))
                        .expected(crate::t!("var-unknown-expected"))
                        .hint(hint),
                );
            }
        }
    }
    if diags.is_empty() { Ok(vars) } else { Err(diags) }
}

/// The plan stage's problems for a scenario that analysis found problems in (and so may lack
/// parts): built with the variables' defaults and facts assumed from `[cluster]`. Templates
/// analysis has complaints about are not rendered (their problems are reported already).
pub fn later_problems(scenario: Scenario) -> Diagnostics {
    let vars = scenario
        .vars
        .iter()
        .map(|v| (v.name.clone(), v.default.clone()))
        .collect();
    let facts = Plan::for_prose(scenario.clone(), BTreeMap::new()).facts;
    match Plan::build(scenario, vars, facts) {
        Ok(_) => Diagnostics::default(),
        Err(d) => d,
    }
}

/// Whether each custom kind a CustomResourceDefinition of the manifests defines is namespaced.
fn crd_scopes<'m>(manifests: impl Iterator<Item = &'m Manifest>) -> HashMap<String, bool> {
    manifests
        .filter(|m| m.kind == "CustomResourceDefinition")
        .filter_map(|m| {
            let kind = m.object.pointer("/spec/names/kind")?.as_str()?;
            let scope = m.object.pointer("/spec/scope")?.as_str()?;
            Some((kind.to_owned(), scope == "Namespaced"))
        })
        .collect()
}

impl Plan {
    /// A plan for showing a scenario's prose before its templates are rendered (`list`, the
    /// reset confirmation): the variables bound, facts assumed from `[cluster]`, no manifests.
    pub fn for_prose(scenario: Scenario, vars: BTreeMap<String, VarValue>) -> Plan {
        let version = (scenario.cluster.kubernetes_version.as_ref())
            .and_then(|v| crate::facts::KubeVersion::parse(v.get_ref()).ok())
            .unwrap_or(crate::facts::KubeVersion::DEFAULT);
        Plan {
            facts: ClusterFacts::assumed(version, scenario.cluster.provider.as_str()),
            templates: Templates::new(scenario.templates_dir.clone()),
            manifests: HashMap::new(),
            vars,
            scenario,
        }
    }

    /// Renders every template for `facts` and checks what needs the rendered manifests.
    pub fn build(
        scenario: Scenario,
        vars: BTreeMap<String, VarValue>,
        facts: ClusterFacts,
    ) -> Result<Plan, Diagnostics> {
        let templates = Templates::new(scenario.templates_dir.clone());
        let mut plan = Plan {
            scenario,
            vars,
            facts,
            templates,
            manifests: HashMap::new(),
        };
        let mut diags = Diagnostics::default();
        let source = plan.scenario.source.clone();

        let mut names: Vec<String> = Vec::new();
        for step in plan.scenario.steps.iter().chain(&plan.scenario.cleanup) {
            if let Action::Apply(m) | Action::Create(m) = &step.action {
                let name = m.template.get_ref().clone();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        let ctx = plan.context(&Captures::new(), true);
        for name in names {
            // A template that does not parse, or uses a name that is not a variable, is
            // analysis' to report (a scenario with problems still reaches here from `validate`).
            let known = |n: &String| plan.vars.contains_key(n) || RESERVED_NAMES.contains(&n.as_str());
            if !(plan.templates.names_used_by_file(&name)).is_ok_and(|used| used.iter().all(known)) {
                continue;
            }
            let origin = plan
                .templates
                .path_of(&name)
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| name.clone());
            match plan.templates.render_manifest(&name, &ctx) {
                Ok(rendered) => match manifest::parse_documents(&name, &origin, &rendered.text) {
                    Ok(docs) => {
                        let vars = &plan.vars;
                        let name_of = |value: &str| {
                            vars.iter()
                                .find(|(_, v)| matches!(v, VarValue::String(s) if s == value))
                                .map(|(k, _)| k.clone())
                        };
                        if let Some(d) = manifest::check_written(&name, &origin, &docs, &rendered.written, name_of) {
                            diags.push(d);
                        }
                        if docs.is_empty() {
                            diags.push(
                                Diagnostic::new(crate::t!("template-renders-nothing", name = name.as_str()))
                                    .with_location(Location {
                                        origin,
                                        line: 1,
                                        col: 1,
                                        snippet: None,
                                        detail: None,
                                    })
                                    .hint(crate::t!("template-renders-nothing-hint")),
                            );
                        }
                        plan.manifests.insert(name, docs);
                    }
                    Err(problems) => problems.into_iter().for_each(|p| diags.push(p)),
                },
                Err(e) => diags.push(template_diagnostic(&e, &plan.templates, &name)),
            }
        }

        // Kinds named by checks and actions must be built in or created by the manifests; the
        // scope of a custom kind whose CustomResourceDefinition the manifests hold is checked
        // here (built-in kinds were checked by analysis, the rest are checked by the run).
        let manifest_kinds: HashSet<&str> = plan.manifests.values().flatten().map(|m| m.kind.as_str()).collect();
        let crd_scopes = crd_scopes(plan.manifests.values().flatten());
        for step in plan.scenario.steps.iter().chain(&plan.scenario.cleanup) {
            for (target, what) in named_objects(step) {
                let k = target.kind;
                if let Some(namespaced) = crd_scopes.get(k)
                    && kinds::lookup(k).is_none()
                    && let Some(problem) = target.scope_problem(*namespaced)
                {
                    diags.push(
                        Diagnostic::at(&source, &target.at, problem.message(k, what))
                            .expected(problem.expected())
                            .hint(problem.hint()),
                    );
                }
                let known = kinds::KNOWN_KINDS.iter().any(|kk| kk.kind == k) || manifest_kinds.contains(k);
                if known {
                    continue;
                }
                let mut candidates = kinds::kind_names();
                candidates.extend(manifest_kinds.iter().copied());
                let hint = match kinds::lookup(k) {
                    Some(kk) => crate::t!("kind-write-as", kind = kk.kind),
                    None => suggest(k, &candidates).unwrap_or_else(|| crate::t!("kind-unknown-hint")),
                };
                diags.push(
                    Diagnostic::at(
                        &source,
                        &target.at,
                        crate::t!("kind-unknown", step = step.id.to_string(), kind = k),
                    )
                    .expected(crate::t!("kind-unknown-expected"))
                    .hint(hint),
                );
            }
            if let Action::Get(g) = &step.action {
                for r in g
                    .resources
                    .get_ref()
                    .split(',')
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                {
                    if r == "all"
                        || kinds::lookup(r).is_some()
                        || manifest_kinds.iter().any(|k| k.eq_ignore_ascii_case(r))
                    {
                        continue;
                    }
                    diags.push(
                        Diagnostic::at(
                            &source,
                            &Span(g.resources.span()),
                            crate::t!("get-unknown-resource", resource = r),
                        )
                        .expected(crate::t!("get-unknown-resource-expected")),
                    );
                }
            }
            plan.check_numbers(step, &mut diags);
        }
        diags.sort();
        if diags.is_empty() { Ok(plan) } else { Err(diags) }
    }

    /// Integers that do not depend on captures must render to numbers in range now.
    fn check_numbers(&self, step: &Step, diags: &mut Diagnostics) {
        let mut ints: Vec<(&IntExpr, i64, i64, &str)> = Vec::new();
        match &step.action {
            Action::Scale(s) => ints.push((&s.replicas, 0, 10_000, "replicas")),
            Action::PortForward(p) => {
                ints.push((&p.local_port, 1, 65_535, "local-port"));
                ints.push((&p.remote_port, 1, 65_535, "remote-port"));
            }
            _ => {}
        }
        for c in &step.checks {
            if let crate::scenario::CheckKind::Count(cc) = &c.kind {
                ints.push((&cc.equals, 0, 100_000, "equals"));
            }
        }
        for (i, lo, hi, field) in ints {
            let (value, span) = match i {
                IntExpr::Lit(v) => (Ok(*v), Span::default()),
                IntExpr::Expr(e) => (self.render_int(i, &self.placeholder_captures()), e.span.clone()),
            };
            let problem = match value {
                Ok(v) if (lo..=hi).contains(&v) => None,
                Ok(v) => Some(crate::t!(
                    "number-out-of-range",
                    field = field,
                    value = v.to_string(),
                    low = lo.to_string(),
                    high = hi.to_string()
                )),
                Err(e) => Some(format!("`{field}`: {e}")),
            };
            if let Some(p) = problem {
                let d = if span.is_known() {
                    Diagnostic::at(
                        &self.scenario.source,
                        &span,
                        crate::t!("step-problem", step = step.id.to_string(), problem = p),
                    )
                } else {
                    Diagnostic::at(
                        &self.scenario.source,
                        &step.span,
                        crate::t!("step-problem", step = step.id.to_string(), problem = p),
                    )
                };
                diags.push(d.expected(crate::t!(
                    "number-expected",
                    low = lo.to_string(),
                    high = hi.to_string()
                )));
            }
        }
    }

    /// The template context: variables, `cluster` and captures. With `placeholders`, captures
    /// not yet taken render as `<name>` (for `plan` and validation).
    pub fn context(&self, captures: &Captures, placeholders: bool) -> Value {
        let mut map: BTreeMap<String, Value> = self.vars.iter().map(|(k, v)| (k.clone(), v.to_minijinja())).collect();
        map.insert("cluster".into(), Value::from(minijinja::value::Serde(&self.facts)));
        if placeholders {
            for c in self.all_capture_names() {
                map.insert(c.clone(), Value::from(format!("<{c}>")));
            }
        }
        for (k, v) in captures {
            map.insert(k.clone(), Value::from(v.as_str()));
        }
        Value::from(map)
    }

    fn all_capture_names(&self) -> Vec<String> {
        self.scenario
            .steps
            .iter()
            .flat_map(|s| s.captures.iter().map(|c| c.name.clone()))
            .collect()
    }

    /// Captures as placeholders, for showing a plan before anything ran.
    pub fn placeholder_captures(&self) -> Captures {
        self.all_capture_names()
            .into_iter()
            .map(|c| (c.clone(), format!("<{c}>")))
            .collect()
    }

    /// Renders a scenario string with the variables, facts and the given captures.
    pub fn render(&self, e: &Expr, captures: &Captures) -> Result<String, TemplateError> {
        self.templates.render_str(&e.text, &self.context(captures, false))
    }

    /// Prose (a title, an explanation, a hint, a pause message) in `lang`, rendered with the
    /// variables, facts and `captures` like any expression; captures not taken yet show as
    /// `<name>`. `validate` has checked every name, so the raw text is only a last resort.
    pub fn text(&self, t: &Text, lang: &str, captures: &Captures) -> String {
        let raw = t.get(lang);
        self.templates
            .render_str(raw, &self.context(captures, true))
            .unwrap_or_else(|_| raw.to_owned())
    }

    /// Renders an optional string.
    pub fn render_opt(&self, e: Option<&Expr>, captures: &Captures) -> Result<Option<String>, TemplateError> {
        e.map(|e| self.render(e, captures)).transpose()
    }

    /// Renders a whole number.
    pub fn render_int(&self, i: &IntExpr, captures: &Captures) -> Result<i64, TemplateError> {
        match i {
            IntExpr::Lit(v) => Ok(*v),
            IntExpr::Expr(e) => {
                let text = self.render(e, captures)?;
                text.trim().parse().map_err(|_| TemplateError {
                    name: None,
                    line: None,
                    range: None,
                    message: crate::t!("not-a-whole-number", expr = e.text.as_str(), text = text.as_str()),
                    hint: Some(crate::t!("not-a-whole-number-hint")),
                })
            }
        }
    }

    /// Renders every string inside a JSON value (patch bodies, expected values).
    pub fn render_json(&self, v: &serde_json::Value, captures: &Captures) -> Result<serde_json::Value, TemplateError> {
        use serde_json::Value as J;
        Ok(match v {
            J::String(s) => J::String(self.render(&Expr::new(s.clone()), captures)?),
            J::Array(a) => J::Array(
                a.iter()
                    .map(|x| self.render_json(x, captures))
                    .collect::<Result<_, _>>()?,
            ),
            J::Object(o) => J::Object(
                o.iter()
                    .map(|(k, x)| Ok((k.clone(), self.render_json(x, captures)?)))
                    .collect::<Result<_, TemplateError>>()?,
            ),
            other => other.clone(),
        })
    }

    /// The manifests of one template, in document order.
    pub fn manifests_of(&self, template: &str) -> &[Manifest] {
        self.manifests.get(template).map(Vec::as_slice).unwrap_or(&[])
    }
}
