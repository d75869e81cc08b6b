//! A step's checks: exactly one kind each, and the one comparison (`equals`, `any`,
//! `contains`, `count`) a field or a JSON answer is held to.

use std::collections::HashSet;

use toml::Spanned;

use super::{Analyzer, Scope};
use crate::scenario::check::{Check, CheckKind, Comparison};
use crate::scenario::field_path::FieldPath;
use crate::scenario::model::CheckSpec;
use crate::scenario::scope::what;
use crate::scenario::span::Span;

impl Analyzer<'_> {
    pub(super) fn check(
        &mut self,
        spanned: &Spanned<CheckSpec>,
        scope: &Scope,
        used: &mut HashSet<String>,
    ) -> Option<Check> {
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

    /// Exactly one comparison, whose values use names in scope; `any` and `count` only on a
    /// path that can select several values.
    pub(super) fn comparison(
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
}

#[cfg(test)]
mod tests {
    use crate::scenario::analyze::testing::{LAB, problems};

    #[test]
    fn two_check_kinds_are_named_in_file_order_at_the_second() {
        let p = problems(&format!(
            "{LAB}[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {{}}\n[[steps.checks]]\nabsent = {{ kind = \"Pod\", name = \"q\", namespace = \"n\" }}\nexists = {{ kind = \"Pod\", name = \"p\", namespace = \"n\" }}\n"
        ));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 10);
        assert_eq!(p[0].1, "this check has two kinds: `absent` and `exists`");
    }
}
