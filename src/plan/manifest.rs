//! `Manifest`: one rendered YAML document, parsed, with where it came from.

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Location};

/// One Kubernetes object from a rendered template.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The template file it was rendered from.
    pub template: String,
    /// 1-based, counting the non-empty documents of the rendered text.
    pub doc: usize,
    /// 1-based line of the document's first line in the rendered text.
    pub line: usize,
    pub api_version: String,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    pub object: Value,
}

impl Manifest {
    /// `StatefulSet pacman/mongo`
    pub fn display_name(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {ns}/{}", self.kind, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }

    /// `apps/v1` → (`apps`, `v1`); `v1` → (``, `v1`).
    pub fn group_version(&self) -> (&str, &str) {
        match self.api_version.split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", self.api_version.as_str()),
        }
    }
}

/// Splits rendered YAML into documents and parses each one; every problem names the template,
/// the document number and the line in the rendered text.
pub fn parse_documents(template: &str, origin: &str, rendered: &str) -> Result<Vec<Manifest>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let lines: Vec<&str> = rendered.lines().collect();
    let mut start = 0;
    let mut doc_no = 0;
    let mut chunks: Vec<(usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim_end() == "---" || line.starts_with("--- ") {
            chunks.push((start, lines[start..i].join("\n")));
            start = i + 1;
        }
    }
    chunks.push((start, lines[start.min(lines.len())..].join("\n")));

    for (first_line, chunk) in chunks {
        let meaningful = chunk
            .lines()
            .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
        if !meaningful {
            continue;
        }
        doc_no += 1;
        let at = |line: usize, col: usize| Location {
            origin: origin.to_owned(),
            line,
            col,
            snippet: lines.get(line.saturating_sub(1)).map(|t| ((*t).to_owned(), 1)),
            detail: Some(crate::t!("manifest-rendered-document", doc = doc_no)),
        };
        let value = match serde_norway::Deserializer::from_str(&chunk).next() {
            Some(de) => Value::deserialize(de),
            None => continue,
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                let (msg, (l, c)) = yaml_problem(&e, chunk.lines().count().max(1));
                problems.push(
                    Diagnostic::new(crate::t!("manifest-invalid-yaml", template = template, error = msg))
                        .with_location(at(first_line + l, c))
                        .expected(crate::t!("manifest-invalid-yaml-expected"))
                        .hint(crate::t!("manifest-invalid-yaml-hint")),
                );
                continue;
            }
        };
        let doc_line = first_line + 1;
        let missing = |what: &str| {
            Diagnostic::new(crate::t!(
                "manifest-missing-field",
                doc = doc_no,
                template = template,
                field = what
            ))
            .with_location(at(doc_line, 1))
            .expected(crate::t!("manifest-missing-field-expected"))
        };
        let Some(obj) = value.as_object() else {
            problems.push(
                Diagnostic::new(crate::t!("manifest-not-a-mapping", doc = doc_no, template = template))
                    .with_location(at(doc_line, 1))
                    .expected(crate::t!("manifest-not-a-mapping-expected")),
            );
            continue;
        };
        let get = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
        let meta = obj.get("metadata").and_then(Value::as_object);
        let (Some(api_version), Some(kind)) = (get("apiVersion"), get("kind")) else {
            let what = if get("apiVersion").is_none() {
                "apiVersion"
            } else {
                "kind"
            };
            problems.push(missing(what).hint(crate::t!("manifest-missing-kind-hint")));
            continue;
        };
        let Some(name) = meta.and_then(|m| m.get("name")).and_then(Value::as_str) else {
            problems.push(missing("metadata.name").hint(crate::t!("manifest-missing-name-hint")));
            continue;
        };
        let namespace = meta
            .and_then(|m| m.get("namespace"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        out.push(Manifest {
            template: template.to_owned(),
            doc: doc_no,
            line: doc_line,
            api_version,
            kind,
            name: name.to_owned(),
            namespace,
            object: value,
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Whether every string a template wrote (a variable's value, a fact) came through YAML intact:
/// each must appear, as many times as it was written, inside the keys and string values of the
/// parsed documents. A value that changed the documents' structure (a new key, a new document)
/// or was cut (a `#` read as a comment) is the problem returned, named by `name_of`.
pub fn check_written(
    template: &str,
    origin: &str,
    docs: &[Manifest],
    written: &[String],
    name_of: impl Fn(&str) -> Option<String>,
) -> Option<Diagnostic> {
    let mut scalars: Vec<&str> = Vec::new();
    for d in docs {
        collect_strings(&d.object, &mut scalars);
    }
    let mut wanted: Vec<(&str, usize)> = Vec::new();
    for w in written.iter().filter(|w| !w.is_empty()) {
        match wanted.iter_mut().find(|(v, _)| v == w) {
            Some((_, n)) => *n += 1,
            None => wanted.push((w, 1)),
        }
    }
    for (value, times) in wanted {
        let found: usize = scalars.iter().map(|s| s.matches(value).count()).sum();
        if found >= times {
            continue;
        }
        let what = match name_of(value) {
            Some(var) => crate::t!("manifest-value-of", var = var),
            None => crate::t!("manifest-value", value = crate::scenario::value::shown(value)),
        };
        return Some(
            Diagnostic::new(crate::t!("manifest-value-changed", template = template, what = what))
                .with_location(Location {
                    origin: origin.to_owned(),
                    line: 1,
                    col: 1,
                    snippet: None,
                    detail: Some(crate::t!("manifest-rendered")),
                })
                .expected(crate::t!("manifest-value-changed-expected"))
                .hint(crate::t!("manifest-value-changed-hint")),
        );
    }
    None
}

/// Every key and string value of a document.
fn collect_strings<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::String(s) => out.push(s),
        Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        Value::Object(o) => {
            for (k, x) in o {
                out.push(k);
                collect_strings(x, out);
            }
        }
        _ => {}
    }
}

/// The message of a YAML error without its positions, and the best place to point at (1-based
/// line and column in the document): where the problem is, or, when the parser only noticed it
/// at the end of the document (an unclosed `[` or quote), where the unclosed thing began.
fn yaml_problem(e: &serde_norway::Error, doc_lines: usize) -> (String, (usize, usize)) {
    let full = e.to_string();
    let (problem, context) = match full.split_once(", while ") {
        Some((p, c)) => (p, Some(c)),
        None => (full.as_str(), None),
    };
    let (problem, problem_at) = strip_position(problem);
    let problem_at = e.location().map(|l| (l.line(), l.column())).or(problem_at);
    let (context, context_at) = match context.map(strip_position) {
        Some((c, at)) => (Some(c), at),
        None => (None, None),
    };
    let at_the_end = problem.contains("end of stream") || problem_at.is_none_or(|(l, _)| l > doc_lines);
    let at = match (problem_at, context_at) {
        (_, Some(c)) if at_the_end => c,
        (Some((l, c)), _) if l <= doc_lines => (l, c),
        _ => (doc_lines, 1),
    };
    let message = match context {
        Some(c) => format!("{problem}, while {c}"),
        None => problem.to_owned(),
    };
    (message, at)
}

/// `"found x at line 3 column 5"` → (`"found x"`, (3, 5)).
fn strip_position(text: &str) -> (&str, Option<(usize, usize)>) {
    let Some((before, pos)) = text.rsplit_once(" at line ") else {
        return (text, None);
    };
    let mut parts = pos.split(" column ");
    let line = parts.next().and_then(|l| l.trim().parse().ok());
    let col = parts.next().and_then(|c| c.trim().parse().ok());
    match (line, col) {
        (Some(l), Some(c)) => (before, Some((l, c))),
        _ => (text, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_parses_documents() {
        let text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pacman\n---\n# only a comment\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: pacman\n";
        let docs = parse_documents("t.j2", "t.j2", text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].doc, 2);
        assert_eq!(docs[1].line, 8);
        assert_eq!(docs[1].namespace.as_deref(), Some("pacman"));
    }

    #[test]
    fn reports_missing_kind_and_bad_yaml_with_lines() {
        let text =
            "apiVersion: v1\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n";
        let problems = parse_documents("t.j2", "t.j2", text).unwrap_err();
        assert_eq!(problems.len(), 2);
        assert!(problems[0].message.contains("no kind"));
        assert_eq!(problems[0].location.as_ref().unwrap().line, 1);
        assert!(problems[1].message.contains("invalid YAML"));
        assert_eq!(
            problems[1].location.as_ref().unwrap().detail.as_deref(),
            Some("rendered, document 2")
        );
    }

    #[test]
    fn a_written_value_must_come_through_whole() {
        let text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: pacman\n  # a comment: oops\n";
        let docs = parse_documents("t.j2", "t.j2", text).unwrap();
        let name = |v: &str| (v == "oops").then(|| "note".to_owned());
        assert!(check_written("t.j2", "t.j2", &docs, &["pacman".into(), "cm".into()], name).is_none());
        let d = check_written("t.j2", "t.j2", &docs, &["oops".into()], name).unwrap();
        assert_eq!(
            d.message,
            "template `t.j2`: the value of `note` does not come through as written: the rendered YAML reads it differently"
        );
        // Written twice but found once: one of the two places lost it.
        assert!(check_written("t.j2", "t.j2", &docs, &["pacman".into(), "pacman".into()], name).is_some());
    }

    #[test]
    fn unclosed_flow_sequence_points_at_its_start_inside_the_document() {
        let text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: [unclosed\n";
        let problems = parse_documents("t.j2", "t.j2", text).unwrap_err();
        let d = &problems[0];
        assert_eq!(
            d.message,
            "invalid YAML in template `t.j2`: did not find expected ',' or ']', while parsing a flow sequence"
        );
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.col), (11, 6));
        assert_eq!(loc.snippet.as_ref().unwrap().0, "  x: [unclosed");
    }

    #[test]
    fn unclosed_quote_points_at_the_quote_and_bad_indentation_at_the_key() {
        let problems = parse_documents("t.j2", "t.j2", "kind: Pod\nx: \"open\ny: 1\n").unwrap_err();
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.col), (2, 4), "{}", problems[0].message);
        let problems = parse_documents("t.j2", "t.j2", "kind: Pod\n name: 2\nz: 3\n").unwrap_err();
        let loc = problems[0].location.as_ref().unwrap();
        assert_eq!((loc.line, loc.col), (2, 6), "{}", problems[0].message);
    }
}
