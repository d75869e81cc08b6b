//! An HTTP request, as an action or a check: its URL, its one body and what it expects back.

use std::collections::HashSet;

use super::{Analyzer, Scope};
use crate::scenario::action::{Http, JsonExpect};
use crate::scenario::span::Span;

impl Analyzer<'_> {
    pub(super) fn http(&mut self, h: &Http, span: &Span, scope: &Scope, used: &mut HashSet<String>) {
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
}
