//! Analysis: checks a read [`ScenarioFile`] as a whole and builds the validated [`Scenario`].
//! Every problem is collected with its location; nothing here touches a cluster. Checks that
//! need the rendered manifests (kinds) happen in [`crate::plan`].

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use toml::Spanned;

use super::action::{Action, Http, JsonExpect, Manifests, PatchType};
use super::check::{Check, CheckKind, Comparison};
use super::expr::Expr;
use super::field_path::FieldPath;
use super::load::{ScenarioFile, is_step_field, one_of, suggest};
use super::model::{CaptureSpec, CaptureWhen, CheckSpec, PauseSpec, StepSpec};
use super::scope::{ObjectRef, ScopeProblem, what};
use super::span::Span;
use super::step_id::StepId;
use super::text::{Text, lang_problem};
use super::value::{IntExpr, JsonValue};
use super::{Capture, CaptureSource, Lab, Pause, Scenario, Step, Variable};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::facts::KubeVersion;
use crate::source::Source;
use crate::template::Templates;

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

    fn action(&mut self, spec: &StepSpec, span: &Span, scope: &Scope, used: &mut HashSet<String>) -> Option<Action> {
        let mut found: Vec<(Span, Action)> = Vec::new();
        macro_rules! take {
            ($field:ident, $variant:ident) => {
                if let Some(v) = &spec.$field {
                    found.push((Span(v.span()), Action::$variant(v.get_ref().clone())));
                }
            };
        }
        take!(start_cluster, StartCluster);
        take!(enable_addon, EnableAddon);
        take!(disable_addon, DisableAddon);
        take!(apply, Apply);
        take!(create, Create);
        take!(patch, Patch);
        take!(delete, Delete);
        take!(scale, Scale);
        take!(get, Get);
        take!(port_forward, PortForward);
        take!(http, Http);
        take!(exec, Exec);
        take!(tunnel, Tunnel);
        take!(command, Command);
        take!(note, Note);
        // Name and point at them in the order the author wrote them.
        found.sort_by_key(|(span, _)| span.0.start);

        let id = &spec.id;
        match found.len() {
            // Its action (or what was meant as one: an unknown key) was left out for a problem
            // already reported.
            0 if (spec.left_out.iter()).any(|k| !k.contains('[') && !is_step_field(k)) => None,
            0 => {
                self.error(span, crate::t!("sc-no-action", id = id.as_str()))
                    .expected(one_of(Action::KEYS))
                    .hint(crate::t!("sc-no-action-hint"));
                None
            }
            1 => {
                let (aspan, action) = found.pop().expect("one action");
                self.action_body(&action, &aspan, scope, used);
                Some(action)
            }
            _ => {
                let (second_span, second) = &found[1];
                let first = found[0].1.key();
                self.error(
                    second_span,
                    crate::t!("sc-two-actions", id = id.as_str(), first = first, second = second.key()),
                )
                .expected(crate::t!("sc-two-actions-expected"))
                .hint(crate::t!("sc-two-actions-hint"));
                None
            }
        }
    }

    fn action_body(&mut self, action: &Action, span: &Span, scope: &Scope, used: &mut HashSet<String>) {
        match action {
            Action::StartCluster(_) | Action::Tunnel(_) | Action::Note(_) => {}
            Action::EnableAddon(a) | Action::DisableAddon(a) => self.expr(&a.name, scope, used),
            Action::Apply(m) | Action::Create(m) => self.manifests(m, scope),
            Action::Patch(p) => {
                self.object_ref(&p.object_ref(), scope, used, what::PATCH);
                let body = match p.patch.parse_embedded_json() {
                    Some(Ok(v)) => Some(v),
                    Some(Err(why)) => {
                        self.error(&p.patch.span, why)
                            .expected(crate::t!("sc-patch-json-expected"))
                            .hint(crate::t!("sc-patch-json-hint"));
                        None
                    }
                    None => Some(p.patch.value.clone()),
                };
                if let Some(body) = body {
                    let ok = match p.patch_type {
                        PatchType::Json => body.is_array(),
                        PatchType::Merge | PatchType::Strategic => body.is_object(),
                    };
                    if !ok {
                        let (exp, hint) = if p.patch_type == PatchType::Json {
                            ("sc-patch-json-shape-expected", "sc-patch-json-shape-hint")
                        } else {
                            ("sc-patch-merge-shape-expected", "sc-patch-merge-shape-hint")
                        };
                        self.error(
                            &p.patch.span,
                            crate::t!("sc-patch-shape", patch_type = p.patch_type.as_kubectl()),
                        )
                        .expected(crate::t!(exp))
                        .hint(crate::t!(hint));
                    }
                    self.json_exprs(&body, &p.patch.span, scope, used);
                }
            }
            Action::Delete(d) => self.object_ref(&d.object_ref(), scope, used, what::DELETE),
            Action::Scale(s) => {
                self.object_ref(&s.object_ref(), scope, used, what::SCALE);
                self.int_expr(&s.replicas, scope, used);
                self.kind_among(
                    &s.kind,
                    &["Deployment", "StatefulSet", "ReplicaSet"],
                    "sc-kind-not-scalable",
                );
            }
            Action::Get(g) => {
                self.opt_exprs(
                    [g.name.as_ref(), g.namespace.as_ref(), g.selector.as_ref()],
                    scope,
                    used,
                );
                if g.resources.get_ref().trim().is_empty() {
                    self.error(&Span(g.resources.span()), crate::t!("sc-get-empty"))
                        .expected(crate::t!("sc-get-empty-expected"));
                }
            }
            Action::PortForward(p) => {
                self.opt_exprs([Some(&p.service), p.namespace.as_ref()], scope, used);
                self.int_expr(&p.local_port, scope, used);
                self.int_expr(&p.remote_port, scope, used);
            }
            Action::Http(h) => self.http(h, span, scope, used),
            Action::Exec(e) => {
                self.opt_exprs([Some(&e.pod), e.namespace.as_ref(), e.container.as_ref()], scope, used);
                if e.command.is_empty() {
                    self.error(span, crate::t!("sc-exec-empty"))
                        .expected(crate::t!("sc-exec-empty-expected"));
                }
                for c in &e.command {
                    self.expr(c, scope, used);
                }
                if let Some(s) = &e.expect.stdout_contains {
                    self.expr(s, scope, used);
                }
            }
            Action::Command(c) => {
                if c.argv.is_empty() {
                    self.error(span, crate::t!("sc-argv-empty"))
                        .expected(crate::t!("sc-argv-empty-expected"));
                } else if c.argv[0].text.contains(' ') && c.argv.len() == 1 {
                    self.error(&c.argv[0].span, crate::t!("sc-argv-one-string"))
                        .expected(crate::t!("sc-argv-one-string-expected"))
                        .hint(crate::t!("sc-argv-one-string-hint"));
                }
                for a in &c.argv {
                    self.expr(a, scope, used);
                }
                if let Some(s) = &c.expect.stdout_contains {
                    self.expr(s, scope, used);
                }
                // Written at all, even as the default `{ exit = 0 }`: it would never be checked.
                if c.background
                    && let Some(at) = &c.expect.written
                {
                    self.error(at, crate::t!("sc-background-expect"))
                        .expected(crate::t!("sc-background-expect-expected"))
                        .hint(crate::t!("sc-background-expect-hint"));
                }
            }
        }
    }

    fn manifests(&mut self, m: &Manifests, scope: &Scope) {
        let span = Span(m.template.span());
        let name = m.template.get_ref();
        let Some(templates) = &self.templates else { return };
        let path = match templates.path_of(name) {
            Ok(p) => p,
            Err(why) => {
                self.error(&span, why).expected(crate::t!("sc-template-name-expected"));
                return;
            }
        };
        if !path.is_file() {
            let dir = templates.dir().display().to_string();
            let mut names: Vec<String> = std::fs::read_dir(templates.dir())
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort();
            let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = suggest(name, &candidates).unwrap_or_else(|| {
                if names.is_empty() {
                    crate::t!("sc-template-folder-empty", dir = dir.as_str())
                } else {
                    crate::t!("sc-template-folder-holds", names = names.join(", "))
                }
            });
            self.error(
                &span,
                crate::t!("sc-template-not-found", name = name.as_str(), dir = dir.as_str()),
            )
            .expected(crate::t!("sc-template-not-found-expected"))
            .hint(hint);
            return;
        }
        match templates.names_used_by_file(name) {
            Ok(names) => {
                let mut unknown: Vec<String> = names
                    .into_iter()
                    .filter(|n| !scope.vars.contains(n) && !RESERVED_NAMES.contains(&n.as_str()))
                    .collect();
                unknown.sort();
                for n in unknown {
                    let hint = if scope.captures.contains_key(&n) {
                        crate::t!("sc-template-uses-capture-hint")
                    } else {
                        match templates.first_use(name, &n) {
                            Some((line, col)) => crate::t!(
                                "sc-template-uses-unknown-at-hint",
                                name = n.as_str(),
                                place = format!(
                                    "{}:{line}:{col}",
                                    templates
                                        .path_of(name)
                                        .map(|p| p.display().to_string())
                                        .unwrap_or_default()
                                )
                            ),
                            None => crate::t!("sc-template-uses-unknown-hint", name = n.as_str()),
                        }
                    };
                    // Not `self.error`: `templates` still borrows `self.templates`.
                    self.diags.push(
                        Diagnostic::at(
                            self.source,
                            &span,
                            crate::t!("sc-template-uses-unknown", template = name.as_str(), name = n.as_str()),
                        )
                        .expected(crate::t!("sc-template-uses-unknown-expected"))
                        .hint(hint),
                    );
                }
            }
            Err(e) => {
                let d = crate::template::template_diagnostic(&e, templates, name);
                self.diags.push(d);
            }
        }
    }

    fn http(&mut self, h: &Http, span: &Span, scope: &Scope, used: &mut HashSet<String>) {
        self.expr(&h.url, scope, used);
        let url = &h.url.text;
        if !(url.contains("{{") || url.starts_with("http://")) {
            self.error(&h.url.span, crate::t!("sc-http-url", url = url.as_str()))
                .expected(crate::t!("sc-http-url-expected"))
                .hint(crate::t!("sc-http-url-hint"));
        }
        let bodies = [!h.form.is_empty(), h.json.is_some(), h.body.is_some()];
        if bodies.iter().filter(|b| **b).count() > 1 {
            self.error(span, crate::t!("sc-http-bodies"))
                .expected(crate::t!("sc-http-bodies-expected"));
        }
        for e in h.form.values().chain(h.headers.values()).chain(h.body.iter()) {
            self.expr(e, scope, used);
        }
        if let Some(j) = &h.json {
            self.json_exprs(&j.value, &j.span, scope, used);
        }
        if let Some(b) = &h.expect.body_contains {
            self.expr(b, scope, used);
        }
        for j in &h.expect.json {
            self.json_expect(j, scope, used);
        }
    }

    fn json_expect(&mut self, j: &JsonExpect, scope: &Scope, used: &mut HashSet<String>) {
        let path = self.path(&j.path);
        let at = Span(j.path.span());
        self.comparison(&j.comparisons(), path.as_ref(), &j.path, &at, scope, used);
    }

    /// Exactly one comparison, whose values use names in scope; `any` and `count` only on a
    /// path that can select several values.
    fn comparison(
        &mut self,
        written: &[Comparison<'_>],
        path: Option<&FieldPath>,
        path_text: &Spanned<String>,
        at: &Span,
        scope: &Scope,
        used: &mut HashSet<String>,
    ) {
        let [one] = written else {
            let message = match written {
                [] => crate::t!("sc-compare-nothing"),
                [a, b, ..] => crate::t!("sc-compare-two", first = a.key(), second = b.key()),
                [_] => unreachable!("one comparison is the valid case"),
            };
            self.error(at, message)
                .expected(crate::t!("sc-compare-expected"))
                .hint(crate::t!("sc-compare-hint"));
            return;
        };
        match one {
            Comparison::Equals(v) | Comparison::Any(v) | Comparison::Contains(v) => {
                self.json_exprs(&v.value, &v.span, scope, used)
            }
            Comparison::Count(n) => self.int_expr(n, scope, used),
        }
        let several = path.is_some_and(FieldPath::can_select_several);
        if path.is_some() && !several && matches!(one, Comparison::Any(_) | Comparison::Count(_)) {
            let p = path_text.get_ref();
            self.error(
                &Span(path_text.span()),
                crate::t!("sc-compare-needs-several", comparison = one.key(), path = p.as_str()),
            )
            .expected(crate::t!("sc-compare-needs-several-expected"))
            .hint(match one {
                Comparison::Any(_) => crate::t!("sc-compare-any-hint", path = p.as_str()),
                _ => crate::t!("sc-compare-count-hint", path = p.as_str()),
            });
        }
    }

    fn check(&mut self, spanned: &Spanned<CheckSpec>, scope: &Scope, used: &mut HashSet<String>) -> Option<Check> {
        let span = Span(spanned.span());
        let c = spanned.get_ref();
        let mut found: Vec<(Span, CheckKind)> = Vec::new();
        macro_rules! take {
            ($field:ident, $variant:ident) => {
                if let Some(v) = &c.$field {
                    found.push((Span(v.span()), CheckKind::$variant(v.get_ref().clone())));
                }
            };
        }
        take!(exists, Exists);
        take!(absent, Absent);
        if let Some(v) = &c.field {
            found.push((Span(v.span()), CheckKind::Field(Box::new(v.get_ref().clone()))));
        }
        take!(absent_field, AbsentField);
        take!(condition, Condition);
        take!(rollout, Rollout);
        take!(count, Count);
        take!(default_storage_class, DefaultStorageClass);
        take!(pvc_bound, PvcBound);
        take!(recreated, Recreated);
        take!(ingress_address, IngressAddress);
        take!(http, Http);
        found.sort_by_key(|(span, _)| span.0.start);
        if found.len() != 1 {
            let (msg, at) = if found.is_empty() {
                (crate::t!("sc-check-nothing"), span)
            } else {
                (
                    crate::t!(
                        "sc-check-two-kinds",
                        first = found[0].1.key(),
                        second = found[1].1.key()
                    ),
                    found[1].0.clone(),
                )
            };
            let keys: Vec<String> = CheckKind::KEYS.iter().map(|k| format!("`{k}`")).collect();
            self.error(&at, msg)
                .expected(crate::t!("sc-check-kinds-expected", keys = keys.join(", ")))
                .hint(crate::t!("sc-check-kinds-hint"));
            return None;
        }
        let (kspan, kind) = found.pop().expect("one check");
        if let Some(target) = kind.object_ref() {
            self.object_ref(&target, scope, used, what::CHECK);
        }
        match &kind {
            CheckKind::Exists(_) | CheckKind::Absent(_) | CheckKind::Rollout(_) | CheckKind::Recreated(_) => {}
            CheckKind::Field(f) => {
                self.name_or_selector(f.name.as_ref(), f.selector.as_ref(), &kspan);
                let path = self.path(&f.path);
                self.comparison(&f.comparisons(), path.as_ref(), &f.path, &kspan, scope, used);
            }
            CheckKind::AbsentField(f) => {
                self.name_or_selector(f.name.as_ref(), f.selector.as_ref(), &kspan);
                self.path(&f.path);
            }
            CheckKind::Condition(_) => {}
            CheckKind::Count(cc) => {
                self.int_expr(&cc.equals, scope, used);
                if cc.ready && cc.kind.get_ref() != "Pod" {
                    self.error(&Span(cc.kind.span()), crate::t!("sc-count-ready"))
                        .expected("kind = \"Pod\"");
                }
            }
            CheckKind::DefaultStorageClass(_) => {}
            CheckKind::PvcBound(p) => self.opt_exprs([p.storage_class.as_ref(), p.volume.as_ref()], scope, used),
            CheckKind::IngressAddress(i) => self.opt_exprs([i.address.as_ref()], scope, used),
            CheckKind::Http(h) => self.http(h, &kspan, scope, used),
        }
        if let CheckKind::Rollout(r) = &kind {
            self.kind_among(
                &r.kind,
                &["Deployment", "StatefulSet", "DaemonSet"],
                "sc-kind-no-rollout",
            );
        }
        if let CheckKind::Recreated(r) = &kind {
            self.expr(&r.previous_uid, scope, used);
        }
        let timeout = c.timeout.unwrap_or_else(|| kind.default_timeout());
        Some(Check {
            kind,
            timeout,
            hint: c.hint.clone(),
            nature: c.nature,
        })
    }

    fn captures(
        &mut self,
        spec: &StepSpec,
        vars: &HashSet<String>,
        earlier: &HashMap<String, StepId>,
        all_captures: &HashMap<String, StepId>,
    ) -> Vec<Capture> {
        let mut out: Vec<Capture> = Vec::new();
        let has_response = spec.http.is_some() || spec.exec.is_some() || spec.command.is_some();
        for spanned in &spec.capture {
            let span = Span(spanned.span());
            let c: &CaptureSpec = spanned.get_ref();
            let name = c.name.get_ref().clone();
            let nspan = Span(c.name.span());
            let ident = name
                .chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_alphabetic() || ch == '_')
                && name.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_');
            if !ident {
                self.error(&nspan, crate::t!("sc-capture-name", name = name.as_str()))
                    .expected(crate::t!("sc-capture-name-expected"));
            }
            if vars.contains(&name) || RESERVED_NAMES.contains(&name.as_str()) {
                self.error(&nspan, crate::t!("sc-capture-is-var", name = name.as_str()))
                    .hint(crate::t!("sc-capture-is-var-hint"));
            } else if let Some(owner) = earlier.get(&name) {
                self.error(
                    &nspan,
                    crate::t!("sc-capture-taken", name = name.as_str(), step = owner.as_str()),
                )
                .hint(crate::t!("sc-capture-taken-hint"));
            } else if out.iter().any(|o| o.name == name) {
                self.error(&nspan, crate::t!("sc-capture-twice", name = name.as_str()));
            }
            let sources = [c.generate.is_some(), c.object.is_some(), c.response.is_some()];
            if sources.iter().filter(|s| **s).count() != 1 {
                self.error(&span, crate::t!("sc-capture-sources", name = name.as_str()))
                    .expected(crate::t!("sc-capture-sources-expected"));
                continue;
            }
            let (source, when) = if let Some(prefix) = &c.generate {
                if prefix.is_empty() || !prefix.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
                    self.error(&span, crate::t!("sc-capture-prefix", prefix = prefix.as_str()));
                }
                if c.when == Some(CaptureWhen::After) {
                    self.error(&span, crate::t!("sc-capture-generate-after"))
                        .hint(crate::t!("sc-capture-generate-after-hint"));
                }
                (CaptureSource::Generate { prefix: prefix.clone() }, CaptureWhen::Before)
            } else if let Some(obj) = &c.object {
                let Some(path) = &c.path else {
                    self.error(&span, crate::t!("sc-capture-no-path", name = name.as_str()))
                        .expected(crate::t!("sc-capture-no-path-expected"));
                    continue;
                };
                let Some(path) = self.path(path) else { continue };
                let scope_caps = earlier.clone();
                let scope = Scope {
                    vars,
                    captures: &scope_caps,
                    all_captures,
                    step: &spec.id,
                };
                let mut used = HashSet::new();
                let o = obj.get_ref();
                self.object_ref(&o.object_ref(), &scope, &mut used, what::CAPTURE);
                (
                    CaptureSource::Object {
                        object: o.clone(),
                        path,
                    },
                    c.when.unwrap_or_default(),
                )
            } else {
                let resp = c.response.as_ref().expect("checked: one source");
                if !has_response {
                    self.error(&Span(resp.span()), crate::t!("sc-capture-response"))
                        .hint(crate::t!("sc-capture-response-hint"));
                }
                if c.when == Some(CaptureWhen::Before) {
                    self.error(&span, crate::t!("sc-capture-response-before"));
                }
                let path = if matches!(resp.get_ref().trim(), "" | ".") {
                    None
                } else {
                    self.path(resp)
                };
                (CaptureSource::Response { path }, CaptureWhen::After)
            };
            out.push(Capture { name, when, source });
        }
        out
    }

    /// Checks the expressions of an object reference and, for built-in kinds, that its scope fits
    /// the kind: a namespaced kind says `namespace` or `all-namespaces = true`, a cluster-scoped
    /// kind says neither. (Kinds only the cluster knows are checked the same way during the run.)
    fn object_ref(&mut self, target: &ObjectRef<'_>, scope: &Scope, used: &mut HashSet<String>, what: &str) {
        self.opt_exprs([target.name, target.selector, target.namespace], scope, used);
        let Some(known) = crate::kinds::lookup(target.kind) else {
            return;
        };
        if let Some(problem) = target.scope_problem(known.namespaced) {
            let at = match (problem, target.namespace) {
                (ScopeProblem::NamespaceOnClusterKind, Some(ns)) if ns.span.is_known() => ns.span.clone(),
                _ => target.at.clone(),
            };
            self.error(&at, problem.message(known.kind, what))
                .expected(problem.expected())
                .hint(problem.hint());
        }
    }

    /// Exactly one of `name` and `selector`.
    fn name_or_selector(&mut self, name: Option<&Expr>, selector: Option<&Expr>, at: &Span) {
        match (name, selector) {
            (Some(_), None) | (None, Some(_)) => {}
            (None, None) => {
                self.error(at, crate::t!("sc-no-object"))
                    .expected(crate::t!("sc-no-object-expected"));
            }
            (Some(_), Some(s)) => {
                self.error(&s.span, crate::t!("sc-name-and-selector"))
                    .expected(crate::t!("sc-name-and-selector-expected"))
                    .hint(crate::t!("sc-name-and-selector-hint"));
            }
        }
    }

    /// Reports a kind that is not one of the three `allowed`, with the message `message` (its
    /// catalogue id); a misspelling of one of them (`Statefulset`) gets the right spelling as its
    /// hint.
    fn kind_among(&mut self, kind: &Spanned<String>, allowed: &[&str; 3], message: &str) {
        let k = kind.get_ref();
        if allowed.contains(&k.as_str()) {
            return;
        }
        let [a, b, c] = allowed;
        let d = self
            .error(&Span(kind.span()), crate::t!(message, kind = k.as_str()))
            .expected(crate::t!("sc-three-kinds", a = *a, b = *b, c = *c));
        if let Some(known) = crate::kinds::lookup(k).filter(|known| allowed.contains(&known.kind)) {
            d.hint(crate::t!("sc-write-kind-as", kind = known.kind));
        }
    }

    fn path(&mut self, p: &Spanned<String>) -> Option<FieldPath> {
        match FieldPath::parse(p.get_ref()) {
            Ok(fp) => Some(fp),
            Err(why) => {
                self.error(&Span(p.span()), why).expected(crate::t!("sc-path-expected"));
                None
            }
        }
    }

    fn opt_exprs<const N: usize>(&mut self, exprs: [Option<&Expr>; N], scope: &Scope, used: &mut HashSet<String>) {
        for e in exprs.into_iter().flatten() {
            self.expr(e, scope, used);
        }
    }

    fn int_expr(&mut self, i: &IntExpr, scope: &Scope, used: &mut HashSet<String>) {
        if let IntExpr::Expr(e) = i {
            if !e.is_templated() && e.text.trim().parse::<i64>().is_err() {
                self.error(&e.span, crate::t!("sc-not-whole-number", text = e.text.as_str()))
                    .expected(crate::t!("sc-whole-number-expected"));
                return;
            }
            self.expr(e, scope, used);
        }
    }

    fn json_exprs(&mut self, v: &serde_json::Value, span: &Span, scope: &Scope, used: &mut HashSet<String>) {
        match v {
            serde_json::Value::String(s) => self.expr(
                &Expr {
                    text: s.clone(),
                    span: span.clone(),
                },
                scope,
                used,
            ),
            serde_json::Value::Array(a) => a.iter().for_each(|x| self.json_exprs(x, span, scope, used)),
            serde_json::Value::Object(o) => o.values().for_each(|x| self.json_exprs(x, span, scope, used)),
            _ => {}
        }
    }

    /// Checks every string of a text (each language) like an expression: prose is rendered
    /// with the same variables and captures. A string read without its place is reported at
    /// `fallback`. Names used in prose do not make a step depend on another.
    fn text(&mut self, t: &Text, fallback: &Span, scope: &Scope) {
        for e in t.exprs() {
            let e = if e.span.is_known() {
                e.clone()
            } else {
                Expr {
                    text: e.text.clone(),
                    span: fallback.clone(),
                }
            };
            self.expr(&e, scope, &mut HashSet::new());
        }
    }

    /// Checks that an expression compiles and uses only names in scope.
    fn expr(&mut self, e: &Expr, scope: &Scope, used: &mut HashSet<String>) {
        if !e.is_templated() {
            return;
        }
        let templates = self.templates.get_or_insert_with(|| Templates::new(PathBuf::new()));
        let names = match templates.names_used(&e.text) {
            Ok(n) => n,
            Err(err) => {
                let d = self
                    .error(
                        &e.span,
                        crate::t!("sc-expression", text = shortened(&e.text), why = err.message.as_str()),
                    )
                    .expected(crate::t!("sc-expression-expected"));
                if let Some(h) = err.hint {
                    d.hint(h);
                }
                return;
            }
        };
        let mut names: Vec<String> = names.into_iter().collect();
        names.sort();
        for n in names {
            if scope.vars.contains(&n) || RESERVED_NAMES.contains(&n.as_str()) {
                continue;
            }
            if scope.captures.contains_key(&n) {
                used.insert(n);
                continue;
            }
            if let Some(owner) = scope.all_captures.get(&n) {
                let d = if owner == scope.step {
                    self.error(&e.span, crate::t!("sc-captured-after", name = n.as_str()))
                        .hint(crate::t!("sc-captured-after-hint"))
                } else {
                    self.error(
                        &e.span,
                        crate::t!("sc-captured-later", name = n.as_str(), step = owner.as_str()),
                    )
                    .hint(crate::t!("sc-captured-later-hint", step = owner.as_str()))
                };
                d.expected(crate::t!("sc-captured-expected"));
                continue;
            }
            let mut candidates: Vec<&str> = scope.vars.iter().map(String::as_str).collect();
            candidates.extend(scope.captures.keys().map(String::as_str));
            candidates.sort();
            let hint = suggest(&n, &candidates).unwrap_or_else(|| crate::t!("sc-undefined-hint", name = n.as_str()));
            self.error(&e.span, crate::t!("sc-undefined", name = n.as_str()))
                .expected(if candidates.is_empty() {
                    crate::t!("sc-undefined-expected")
                } else {
                    crate::t!("sc-undefined-expected-names", names = candidates.join(", "))
                })
                .hint(hint);
        }
    }
}

/// The objects a step names (its action's, its checks', its captures'), for the plan stage's
/// kind and scope checks.
pub fn object_refs(step: &Step) -> Vec<(ObjectRef<'_>, &'static str)> {
    let mut out = Vec::new();
    if let Some(o) = step.action.object_ref() {
        out.push((o, what::ACTION));
    }
    for c in &step.checks {
        if let Some(o) = c.kind.object_ref() {
            out.push((o, what::CHECK));
        }
    }
    for cap in &step.captures {
        if let CaptureSource::Object { object, .. } = &cap.source {
            out.push((object.object_ref(), what::CAPTURE));
        }
    }
    out
}

/// A text cut to its first line and 60 characters, to quote it in a message.
fn shortened(text: &str) -> String {
    let first = text.trim().lines().next().unwrap_or("");
    let cut: String = first.chars().take(60).collect();
    if cut.len() < text.trim().len() {
        format!("{cut}…")
    } else {
        cut
    }
}

/// Convenience for tests and callers: the JSON of a `JsonValue`.
pub fn json_of(v: &JsonValue) -> serde_json::Value {
    v.parse_embedded_json()
        .and_then(Result::ok)
        .unwrap_or_else(|| v.value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::parse;

    /// The problems of a scenario text, as (line, message, hint).
    fn problems(text: &str) -> Vec<(usize, String, Option<String>)> {
        let (file, mut diags) = parse(Source::new("t.toml", text));
        analyze(file, &mut diags);
        diags.sort();
        diags
            .0
            .into_iter()
            .map(|d| (d.location.map_or(0, |l| l.line), d.message, d.hint))
            .collect()
    }

    const LAB: &str = "[lab]\nid = \"x\"\ntitle = \"X\"\n";

    #[test]
    fn two_actions_are_named_in_file_order_at_the_second() {
        let p = problems(&format!(
            "{LAB}[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {{}}\ntunnel = {{}}\n"
        ));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 8);
        assert_eq!(p[0].1, "step `a` has two actions: `note` and `tunnel`");
    }

    #[test]
    fn two_check_kinds_are_named_in_file_order_at_the_second() {
        let p = problems(&format!(
            "{LAB}[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {{}}\n[[steps.checks]]\nabsent = {{ kind = \"Pod\", name = \"q\", namespace = \"n\" }}\nexists = {{ kind = \"Pod\", name = \"p\", namespace = \"n\" }}\n"
        ));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 10);
        assert_eq!(p[0].1, "this check has two kinds: `absent` and `exists`");
    }

    #[test]
    fn a_capture_used_too_early_names_the_step_that_takes_it() {
        let p = problems(&format!(
            "{LAB}[[steps]]\nid = \"a\"\ntitle = \"A\"\nget = {{ resources = \"pods\", name = \"{{{{ uid }}}}\" }}\n\
             [[steps]]\nid = \"b\"\ntitle = \"B\"\nnote = {{}}\n\
             [[steps.checks]]\nexists = {{ kind = \"Pod\", name = \"{{{{ uid }}}}\", namespace = \"n\" }}\n\
             [[steps.capture]]\nname = \"uid\"\nobject = {{ kind = \"Pod\", name = \"p\", namespace = \"n\" }}\npath = \"metadata.uid\"\n"
        ));
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(
            (p[0].0, p[0].1.as_str()),
            (7, "`uid` is captured only later, by step `b`")
        );
        assert_eq!(
            p[0].2.as_deref(),
            Some("move this step after `b`, or capture the value in an earlier step")
        );
        assert_eq!(
            (p[1].0, p[1].1.as_str()),
            (13, "`uid` is captured by this step only after its action and checks")
        );
    }

    #[test]
    fn a_misspelt_rollout_kind_gets_the_right_spelling() {
        let p = problems(&format!(
            "{LAB}[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {{}}\n[[steps.checks]]\nrollout = {{ kind = \"Statefulset\", name = \"m\", namespace = \"n\" }}\n"
        ));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].1, "`Statefulset` has no rollout");
        assert_eq!(p[0].2.as_deref(), Some("write the kind as `StatefulSet`"));
    }
}
