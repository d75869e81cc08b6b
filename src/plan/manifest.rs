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
            origin: format!("{origin} (rendered), document {doc_no}"),
            line,
            col,
            snippet: lines.get(line.saturating_sub(1)).map(|t| ((*t).to_owned(), 1)),
        };
        let value = match serde_norway::Deserializer::from_str(&chunk).next() {
            Some(de) => Value::deserialize(de),
            None => continue,
        };
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                let (l, c) = e.location().map_or((1, 1), |loc| (loc.line(), loc.column()));
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_owned();
                problems.push(
                    Diagnostic::new(format!("invalid YAML in template `{template}`: {msg}"))
                        .with_location(at(first_line + l, c))
                        .expected("a YAML document describing one Kubernetes object")
                        .hint("check the indentation and quoting near that line of the rendered output (`workshop plan --manifests` shows it)"),
                );
                continue;
            }
        };
        let doc_line = first_line + 1;
        let missing = |what: &str| {
            Diagnostic::new(format!("document {doc_no} of template `{template}` has no {what}"))
                .with_location(at(doc_line, 1))
                .expected("every document to have apiVersion, kind and metadata.name")
        };
        let Some(obj) = value.as_object() else {
            problems.push(
                Diagnostic::new(format!("document {doc_no} of template `{template}` is not a mapping"))
                    .with_location(at(doc_line, 1))
                    .expected("a Kubernetes object: apiVersion, kind, metadata, …"),
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
            problems.push(missing(what).hint("add it at the top of the document, e.g. `kind: Deployment`"));
            continue;
        };
        let Some(name) = meta.and_then(|m| m.get("name")).and_then(Value::as_str) else {
            problems.push(missing("metadata.name").hint("every object needs `metadata: {name: …}`"));
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
        assert!(problems[1].location.as_ref().unwrap().origin.contains("document 2"));
    }
}
