//! The action of a step: exactly one, its expressions, and the templates `apply`/`create` render.

use std::collections::HashSet;

use super::{Analyzer, RESERVED_NAMES, Scope};
use crate::diagnostic::Diagnostic;
use crate::scenario::action::{Action, Manifests, PatchType};
use crate::scenario::load::{is_step_field, one_of, suggest};
use crate::scenario::model::StepSpec;
use crate::scenario::scope::what;
use crate::scenario::span::Span;

impl Analyzer<'_> {
    pub(super) fn action(
        &mut self,
        spec: &StepSpec,
        span: &Span,
        scope: &Scope,
        used: &mut HashSet<String>,
    ) -> Option<Action> {
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
}

#[cfg(test)]
mod tests {
    use crate::scenario::analyze::testing::{LAB, problems};

    #[test]
    fn two_actions_are_named_in_file_order_at_the_second() {
        let p = problems(&format!(
            "{LAB}[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {{}}\ntunnel = {{}}\n"
        ));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 8);
        assert_eq!(p[0].1, "step `a` has two actions: `note` and `tunnel`");
    }
}
