//! `Diagnostic`: one problem found in a scenario, a template or a manifest, drawn for humans as
//! `path:line:col`, the source line with a `^^^` underline, what was expected and a hint.

use std::fmt::Write as _;

use console::Style;

use crate::scenario::Span;
use crate::source::Source;

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// What to print before `:line:col`: a path, or e.g. `pacman.yaml.j2 (rendered), document 3`.
    pub origin: String,
    pub line: usize,
    pub col: usize,
    /// The source line and how many characters to underline from `col`.
    pub snippet: Option<(String, usize)>,
    /// Said after `path:line:col`, e.g. `rendered, document 3` for a line of rendered output.
    pub detail: Option<String>,
}

impl Location {
    /// A location in a scenario file from a byte span.
    pub fn in_source(source: &Source, span: &Span) -> Location {
        let (line, col) = source.line_col(span.0.start);
        let text = source.line_text(line).to_owned();
        let span_text = &source.text[span.0.start.min(source.text.len())..span.0.end.min(source.text.len())];
        let first_line = span_text.split('\n').next().unwrap_or("");
        let width = first_line.chars().count().max(1);
        Location {
            origin: source.path.display().to_string(),
            line,
            col,
            snippet: Some((text, width)),
            detail: None,
        }
    }
}

/// One problem, with everything a learner or author needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub message: String,
    pub location: Option<Location>,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            location: None,
            expected: None,
            hint: None,
        }
    }

    /// A problem at `span` of `source`; an unknown span gives the file alone.
    pub fn at(source: &Source, span: &Span, message: impl Into<String>) -> Self {
        let mut d = Diagnostic::new(message);
        d.location = Some(if span.is_known() || span.0.start > 0 {
            Location::in_source(source, span)
        } else {
            Location {
                origin: source.path.display().to_string(),
                line: 1,
                col: 1,
                snippet: None,
                detail: None,
            }
        });
        d
    }

    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Draws the diagnostic; `color` decides whether ANSI styles are used.
    pub fn render(&self, color: bool) -> String {
        let style = |s: Style| if color { s } else { Style::new().force_styling(false) };
        let red = style(Style::new().red().bold());
        let blue = style(Style::new().blue().bold());
        let bold = style(Style::new().bold());
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {}",
            red.apply_to(crate::t_builtin!("diag-error")),
            bold.apply_to(&self.message)
        );
        let mut gutter = 1;
        if let Some(loc) = &self.location {
            gutter = loc.line.to_string().len();
            let pad = " ".repeat(gutter);
            let detail = loc.detail.as_ref().map(|d| format!(" ({d})")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{pad}{} {}:{}:{}{detail}",
                blue.apply_to("-->"),
                loc.origin,
                loc.line,
                loc.col
            );
            if let Some((text, width)) = &loc.snippet {
                let _ = writeln!(out, "{pad} {}", blue.apply_to("|"));
                let _ = writeln!(out, "{} {} {}", blue.apply_to(loc.line), blue.apply_to("|"), text);
                let lead: String = text
                    .chars()
                    .take(loc.col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                let available = text.chars().count().saturating_sub(loc.col.saturating_sub(1)).max(1);
                let _ = writeln!(
                    out,
                    "{pad} {} {}{}",
                    blue.apply_to("|"),
                    lead,
                    red.apply_to("^".repeat((*width).min(available)))
                );
            }
        }
        let pad = " ".repeat(gutter);
        // Lines after the first of a multi-line note line up under its first line.
        // The labels come from workshop's own catalogues: a lab's cannot reword them (a consent
        // refusal is drawn here too).
        let indent = |label: &str, text: &str| {
            text.replace('\n', &format!("\n{pad}   {}", " ".repeat(label.chars().count() + 1)))
        };
        let notes = [
            (crate::t_builtin!("diag-expected"), &self.expected),
            (crate::t_builtin!("diag-hint"), &self.hint),
        ];
        for (label, note) in notes {
            if let Some(text) = note {
                let text = indent(&label, text);
                let _ = writeln!(out, "{pad} {} {} {text}", blue.apply_to("="), bold.apply_to(&label));
            }
        }
        out
    }
}

/// All problems found in one pass, in source order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(color));
            out.push('\n');
        }
        let _ = writeln!(out, "{}", crate::t!("diag-problems-found", count = self.0.len()));
        out
    }

    /// Sorts by position so the output reads top to bottom.
    /// Drops a problem reported twice (the same message at the same place); keeps the order.
    pub fn dedup(&mut self) {
        let mut seen: Vec<(String, Option<Location>)> = Vec::new();
        self.0.retain(|d| {
            let key = (d.message.clone(), d.location.clone());
            let new = !seen.contains(&key);
            if new {
                seen.push(key);
            }
            new
        });
    }

    pub fn sort(&mut self) {
        self.0
            .sort_by_key(|d| d.location.as_ref().map(|l| (l.origin.clone(), l.line, l.col)));
    }
}

impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_snippet_expected_and_hint() {
        let src = Source::new("lab.toml", "[lab]\nid = 3\n");
        let d = Diagnostic::at(&src, &Span(11..12), "wrong type")
            .expected("a string")
            .hint("quote it");
        let text = d.render(false);
        assert_eq!(
            text,
            "error: wrong type\n --> lab.toml:2:6\n  |\n2 | id = 3\n  |      ^\n  = expected: a string\n  = hint: quote it\n"
        );
    }

    #[test]
    fn multi_line_hints_stay_indented() {
        let src = Source::new("lab.toml", "[lab]\n");
        let d = Diagnostic::at(&src, &Span(0..5), "no steps").hint("add a step:\n[[steps]]\nid = \"a\"");
        assert_eq!(
            d.render(false),
            "error: no steps\n --> lab.toml:1:1\n  |\n1 | [lab]\n  | ^^^^^\n  = hint: add a step:\n          [[steps]]\n          id = \"a\"\n"
        );
    }

    #[test]
    fn detail_follows_the_position() {
        let d = Diagnostic::new("bad").with_location(Location {
            origin: "templates/a.yaml.j2".into(),
            line: 3,
            col: 2,
            snippet: None,
            detail: Some("rendered, document 2".into()),
        });
        assert_eq!(
            d.render(false),
            "error: bad\n --> templates/a.yaml.j2:3:2 (rendered, document 2)\n"
        );
    }
}
