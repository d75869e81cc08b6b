//! A step's captures: their names, their one source (`generate`, `object`, `response`) and
//! when each is taken.

use std::collections::{HashMap, HashSet};

use super::{Analyzer, RESERVED_NAMES, Scope};
use crate::scenario::model::{CaptureSpec, CaptureWhen, StepSpec};
use crate::scenario::scope::what;
use crate::scenario::span::Span;
use crate::scenario::step_id::StepId;
use crate::scenario::{Capture, CaptureSource};

impl Analyzer<'_> {
    pub(super) fn captures(
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
}

#[cfg(test)]
mod tests {
    use crate::scenario::analyze::testing::{LAB, problems};

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
}
