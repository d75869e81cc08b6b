//! The objects a scenario names: the expressions and scope of a reference, `name` or
//! `selector`, the kinds an action or check allows, and [`object_refs`] for the plan stage.

use std::collections::HashSet;

use toml::Spanned;

use super::{Analyzer, Scope};
use crate::scenario::expr::Expr;
use crate::scenario::scope::{ObjectRef, ScopeProblem, what};
use crate::scenario::span::Span;
use crate::scenario::{CaptureSource, Step};

impl Analyzer<'_> {
    /// Checks the expressions of an object reference and, for built-in kinds, that its scope fits
    /// the kind: a namespaced kind says `namespace` or `all-namespaces = true`, a cluster-scoped
    /// kind says neither. (Kinds only the cluster knows are checked the same way during the run.)
    pub(super) fn object_ref(&mut self, target: &ObjectRef<'_>, scope: &Scope, used: &mut HashSet<String>, what: &str) {
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
    pub(super) fn name_or_selector(&mut self, name: Option<&Expr>, selector: Option<&Expr>, at: &Span) {
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
    pub(super) fn kind_among(&mut self, kind: &Spanned<String>, allowed: &[&str; 3], message: &str) {
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

#[cfg(test)]
mod tests {
    use crate::scenario::analyze::testing::{LAB, problems};

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
