//! Expressions, prose and field paths: that each compiles and uses only names in scope.

use std::collections::HashSet;
use std::path::PathBuf;

use toml::Spanned;

use super::{Analyzer, RESERVED_NAMES, Scope};
use crate::scenario::expr::Expr;
use crate::scenario::field_path::FieldPath;
use crate::scenario::load::suggest;
use crate::scenario::span::Span;
use crate::scenario::text::Text;
use crate::scenario::value::IntExpr;
use crate::template::Templates;

impl Analyzer<'_> {
    pub(super) fn path(&mut self, p: &Spanned<String>) -> Option<FieldPath> {
        match FieldPath::parse(p.get_ref()) {
            Ok(fp) => Some(fp),
            Err(why) => {
                self.error(&Span(p.span()), why).expected(crate::t!("sc-path-expected"));
                None
            }
        }
    }

    pub(super) fn opt_exprs<const N: usize>(
        &mut self,
        exprs: [Option<&Expr>; N],
        scope: &Scope,
        used: &mut HashSet<String>,
    ) {
        for e in exprs.into_iter().flatten() {
            self.expr(e, scope, used);
        }
    }

    pub(super) fn int_expr(&mut self, i: &IntExpr, scope: &Scope, used: &mut HashSet<String>) {
        if let IntExpr::Expr(e) = i {
            if !e.is_templated() && e.text.trim().parse::<i64>().is_err() {
                self.error(&e.span, crate::t!("sc-not-whole-number", text = e.text.as_str()))
                    .expected(crate::t!("sc-whole-number-expected"));
                return;
            }
            self.expr(e, scope, used);
        }
    }

    pub(super) fn json_exprs(&mut self, v: &serde_json::Value, span: &Span, scope: &Scope, used: &mut HashSet<String>) {
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
    pub(super) fn text(&mut self, t: &Text, fallback: &Span, scope: &Scope) {
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
    pub(super) fn expr(&mut self, e: &Expr, scope: &Scope, used: &mut HashSet<String>) {
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
