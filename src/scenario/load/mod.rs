//! Reading a scenario file into the model (`model.rs`), with every syntax and type problem
//! reported together: each top-level table and each step is read on its own, so one broken
//! step does not hide the problems of the next.
//!
//! This file reads the tables and steps; serde's errors become diagnostics in `serde_errors`,
//! and "did you mean" comes from `spelling`.

mod serde_errors;
mod spelling;

use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue, ValueDeserializer};

use super::model::{ClusterSpec, LabSpec, StepSpec, VarSpec};
use super::span::Span;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Source;
use serde_errors::type_error;

pub(crate) use serde_errors::type_name;
pub(crate) use spelling::suggest;

/// The scenario file as read, before analysis. Parts that failed to read are absent and
/// their problems are in the diagnostics returned beside it.
#[derive(Debug, Clone)]
pub struct ScenarioFile {
    pub source: Arc<Source>,
    pub lab: Option<LabSpec>,
    pub lab_span: Span,
    pub cluster: ClusterSpec,
    pub vars: Vec<(Spanned<String>, VarSpec)>,
    pub steps: Vec<Spanned<StepSpec>>,
    pub steps_span: Span,
    pub cleanup: Vec<Spanned<StepSpec>>,
    /// True when some step or table failed to read, so cross-references may be incomplete.
    pub incomplete: bool,
}

const TOP_LEVEL: &[&str] = &["lab", "cluster", "vars", "steps", "cleanup"];

/// Reads and parses a scenario file: a regular UTF-8 file of at most 4 MiB
/// ([`crate::source::read_text`]).
pub fn load_file(path: &Path) -> Result<(ScenarioFile, Diagnostics), Diagnostics> {
    let source = Source::read(path).map_err(|e| {
        let mut d = e.diagnostic("scenario");
        if e.is_not_found() {
            d = d.hint(crate::t!("load-not-found-hint"));
        }
        Diagnostics(vec![d])
    })?;
    Ok(parse(source))
}

/// Parses scenario text; never fails, but may return an almost empty file and many problems.
pub fn parse(source: Source) -> (ScenarioFile, Diagnostics) {
    let source = Arc::new(source);
    let mut diags = Diagnostics::default();
    let mut file = ScenarioFile {
        source: source.clone(),
        lab: None,
        lab_span: Span::default(),
        cluster: ClusterSpec::default(),
        vars: Vec::new(),
        steps: Vec::new(),
        steps_span: Span::default(),
        cleanup: Vec::new(),
        incomplete: false,
    };

    let (root, syntax_errors) = DeTable::parse_recoverable(&source.text);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            let span = Span(e.span().unwrap_or(0..0));
            diags.push(
                Diagnostic::at(
                    &source,
                    &span,
                    crate::t!("load-toml-syntax", error = e.message().trim()),
                )
                .hint(crate::t!("load-toml-syntax-hint")),
            );
        }
        // Read on: the parser recovers after a syntax error, and the tables it could read may
        // hold problems of their own, which the author should see in the same pass.
        file.incomplete = true;
    }

    let root_span = Span(root.span());
    let root = root.into_inner();
    let mut seen_lab = false;
    for (key, value) in root {
        let key_span = Span(key.span());
        match key.get_ref().as_ref() {
            "lab" => {
                seen_lab = true;
                file.lab_span = Span(value.span());
                file.lab = read(&source, value, &mut diags, Context::Lab);
            }
            "cluster" => {
                if let Some(c) = read(&source, value, &mut diags, Context::Cluster) {
                    file.cluster = c;
                }
            }
            "vars" => read_vars(&source, value, &mut diags, &mut file.vars),
            "steps" => {
                file.steps_span = Span(value.span());
                file.steps = read_steps(&source, value, &mut diags, &mut file.incomplete, "steps");
            }
            "cleanup" => {
                file.cleanup = read_steps(&source, value, &mut diags, &mut file.incomplete, "cleanup");
            }
            other => diags.push(
                Diagnostic::at(&source, &key_span, crate::t!("load-unknown-table", table = other))
                    .expected(one_of(TOP_LEVEL))
                    .hint(suggest(other, TOP_LEVEL).unwrap_or_else(|| crate::t!("load-unknown-table-hint"))),
            ),
        }
    }
    if !seen_lab {
        diags.push(
            Diagnostic::at(
                &source,
                &Span(root_span.0.start..root_span.0.start),
                crate::t!("load-no-lab"),
            )
            .expected(crate::t!("load-no-lab-expected"))
            .hint(crate::t!("load-no-lab-hint")),
        );
        file.incomplete = true;
    }
    (file, diags)
}

/// Which part of the file a value belongs to, for better hints.
#[derive(Clone, Copy)]
enum Context {
    Lab,
    Cluster,
    Var,
    Step,
    /// A `[[steps.checks]]` table.
    Check,
}

fn read<T: for<'de> Deserialize<'de>>(
    source: &Source,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
    ctx: Context,
) -> Option<T> {
    let outer = Span(value.span());
    match T::deserialize(ValueDeserializer::from(value)) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(type_error(source, &e, &outer, ctx));
            None
        }
    }
}

fn read_vars(
    source: &Source,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
    out: &mut Vec<(Spanned<String>, VarSpec)>,
) {
    let span = Span(value.span());
    match value.into_inner() {
        DeValue::Table(t) => {
            for (k, v) in t {
                let name = Spanned::new(k.span(), k.get_ref().to_string());
                if let Some(spec) = read::<VarSpec>(source, v, diags, Context::Var) {
                    out.push((name, spec));
                }
            }
        }
        other => diags.push(
            Diagnostic::at(
                source,
                &span,
                crate::t!("load-vars-not-table", found = type_name(other.type_str())),
            )
            .expected(crate::t!("load-vars-not-table-expected")),
        ),
    }
}

fn read_steps(
    source: &Source,
    value: Spanned<DeValue<'_>>,
    diags: &mut Diagnostics,
    incomplete: &mut bool,
    table: &str,
) -> Vec<Spanned<StepSpec>> {
    let span = Span(value.span());
    let DeValue::Array(items) = value.into_inner() else {
        diags.push(
            Diagnostic::at(source, &span, crate::t!("load-not-array", table = table))
                .expected(crate::t!("load-not-array-expected", table = table))
                .hint(crate::t!("load-not-array-hint", table = table)),
        );
        *incomplete = true;
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let item_span = item.span();
        match read_step(source, item, diags) {
            Some(step) => {
                if step.left_out.iter().any(|k| k.starts_with("capture")) {
                    // A later step may use what the broken capture would have recorded.
                    *incomplete = true;
                }
                out.push(Spanned::new(item_span, step));
            }
            None => *incomplete = true,
        }
    }
    out
}

/// Reads one step. A key whose value is wrong (or unknown) is reported and left out, and the
/// step is read again without it, so the rest of the step (its id, its other checks) is still
/// analysed; in `checks` and `capture` only the broken table is left out. Gives up, after
/// reporting, when a required key is missing or the problem is in no key.
fn read_step(source: &Source, item: Spanned<DeValue<'_>>, diags: &mut Diagnostics) -> Option<StepSpec> {
    let item_span = item.span();
    let DeValue::Table(mut table) = item.get_ref().clone() else {
        return read::<StepSpec>(source, item, diags, Context::Step);
    };
    let mut left_out: Vec<String> = Vec::new();
    // Each round leaves out one key or table, so the number of keys bounds the rounds.
    loop {
        let value = Spanned::new(item_span.clone(), DeValue::Table(table.clone()));
        let e = match StepSpec::deserialize(ValueDeserializer::from(value)) {
            Ok(mut step) => {
                step.left_out = left_out;
                return Some(step);
            }
            Err(e) => e,
        };
        let missing = e
            .message()
            .strip_prefix("missing field `")
            .and_then(|r| r.split('`').next());
        if missing.is_some_and(|m| left_out.iter().any(|k| k == m)) {
            // The key was left out for a problem already reported.
            return None;
        }
        let at = e.span();
        let inside = at.as_ref().and_then(|at| holding_key(&table, at));
        let ctx = match inside.as_deref() {
            Some("checks") => Context::Check,
            _ => Context::Step,
        };
        diags.push(type_error(source, &e, &Span(item_span.clone()), ctx));
        if !leave_out(&mut table, &at?, &mut left_out) {
            return None;
        }
    }
}

/// The key of a step table whose name or value holds `at`.
fn holding_key(table: &DeTable<'_>, at: &std::ops::Range<usize>) -> Option<String> {
    table
        .iter()
        .find(|(k, v)| within(k.span(), at) || holds(v, at))
        .map(|(k, _)| k.get_ref().to_string())
}

/// Leaves out of a step table the key whose value (or name) holds `at`; in an array of tables,
/// only the table that holds it. False when no key holds it.
fn leave_out(table: &mut DeTable<'_>, at: &std::ops::Range<usize>, left_out: &mut Vec<String>) -> bool {
    let Some(key) = holding_key(table, at) else {
        return false;
    };
    if let Some(v) = table.get_mut(key.as_str())
        && let DeValue::Array(items) = v.get_mut()
        && let Some(i) = items.iter().position(|x| holds(x, at))
    {
        let kept: DeArray<'_> = items
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, x)| x.clone())
            .collect();
        *items = kept;
        left_out.push(format!("{key}[{i}]"));
        return true;
    }
    table.remove(key.as_str());
    left_out.push(key);
    true
}

/// `at` lies within `r`.
fn within(r: std::ops::Range<usize>, at: &std::ops::Range<usize>) -> bool {
    r != (0..0) && r.start <= at.start && at.end <= r.end
}

/// `at` lies within the value, or within one of its keys or values, however deep: the span of
/// a `[[steps.checks]]` table covers only its header, not the keys under it.
fn holds(v: &Spanned<DeValue<'_>>, at: &std::ops::Range<usize>) -> bool {
    within(v.span(), at)
        || match v.get_ref() {
            DeValue::Table(t) => t.iter().any(|(k, x)| within(k.span(), at) || holds(x, at)),
            DeValue::Array(items) => items.iter().any(|x| holds(x, at)),
            _ => false,
        }
}

/// True for the keys of a step table other than its action (`id`, `checks`, `timeout`, …).
pub(crate) fn is_step_field(key: &str) -> bool {
    StepSpec_FIELDS.contains(&key)
}

/// Field names of a step table, for hints.
#[allow(non_upper_case_globals)]
const StepSpec_FIELDS: &[&str] = &[
    "id",
    "title",
    "explain",
    "checks",
    "capture",
    "needs",
    "optional",
    "pause",
    "keep-running",
    "timeout",
];

pub(crate) fn one_of(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    crate::t!("one-of", items = quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> (ScenarioFile, Diagnostics) {
        parse(Source::new("t.toml", s))
    }

    #[test]
    fn reads_a_minimal_file() {
        let (f, d) = parse_str("[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\n");
        assert!(d.is_empty(), "{d}");
        assert_eq!(f.steps.len(), 1);
    }

    #[test]
    fn reports_every_broken_step() {
        let (f, d) = parse_str(
            "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nfrob = {}\n[[steps]]\nid = 3\ntitle = \"B\"\nnote = {}\n",
        );
        assert_eq!(d.len(), 2, "{d}");
        assert!(f.incomplete);
        let lines: Vec<usize> = d.0.iter().map(|d| d.location.as_ref().unwrap().line).collect();
        assert_eq!(lines, vec![7, 9]);
    }

    #[test]
    fn a_step_with_a_bad_key_is_read_without_it() {
        let (f, d) = parse_str(
            "[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\ntitle = \"A\"\nnote = {}\ntimeout = \"soon\"\nfrob = 1\n\
             [[steps.checks]]\nexists = { kind = 3, name = \"n\" }\n[[steps.checks]]\nabsent = { kind = \"Namespace\", name = \"n\" }\n",
        );
        let lines: Vec<usize> = d.0.iter().map(|d| d.location.as_ref().unwrap().line).collect();
        assert_eq!(d.len(), 3, "{d}");
        assert!(
            lines.contains(&8) && lines.contains(&9) && lines.contains(&11),
            "{lines:?}"
        );
        assert_eq!(f.steps.len(), 1, "the step is read without its bad keys");
        let step = f.steps[0].get_ref();
        assert_eq!(step.id.as_str(), "a");
        assert_eq!(step.checks.len(), 1, "the good check is kept: {:?} {d}", step.left_out);
        assert!(!f.incomplete);
    }

    #[test]
    fn a_step_without_a_required_key_is_reported_once() {
        let (f, d) = parse_str("[lab]\nid = \"x\"\ntitle = \"X\"\n[[steps]]\nid = \"a\"\nnote = {}\n");
        assert_eq!(d.len(), 1, "{d}");
        assert!(d.0[0].message.contains("missing field `title`"));
        assert!(f.steps.is_empty() && f.incomplete);
    }
}
