//! `--report junit=PATH`: the run as JUnit XML, as GitHub Actions, GitLab and Jenkins read it.
//! One `<testsuite>` for the lab, one `<testcase>` per step (name = step id, classname = lab
//! id, time = its duration); failed steps carry `<failure>` with the evidence, skipped and
//! unrun steps `<skipped>`, an interrupted step `<error>`.

use std::fmt::Write as _;

use super::record::{RunRecord, StepRecord};

/// The XML document for a finished run.
pub fn render(r: &RunRecord) -> String {
    let t = &r.totals;
    let skipped = t.skipped + t.not_run + t.optional_failed;
    let errors = t.interrupted;
    let time = secs(r.duration_ms);
    let suite_name = if r.lab.title.is_empty() {
        r.lab.id.clone()
    } else {
        format!("{}: {}", r.lab.id, r.lab.title)
    };
    let mut x = String::new();
    let _ = writeln!(x, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        x,
        r#"<testsuites name="workshop" tests="{}" failures="{}" errors="{errors}" skipped="{skipped}" time="{time}">"#,
        t.steps, t.failed
    );
    let _ = writeln!(
        x,
        r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{errors}" skipped="{skipped}" time="{time}" timestamp="{}">"#,
        attr(&suite_name),
        t.steps,
        t.failed,
        attr(&r.started_at)
    );
    let _ = writeln!(x, "    <properties>");
    for (name, value) in [
        ("scenario", r.lab.scenario.as_str()),
        ("provider", r.cluster.provider.as_str()),
        ("cluster", r.cluster.description.as_str()),
        ("workshop.version", r.tool.version),
        ("outcome", r.outcome),
    ] {
        let _ = writeln!(x, r#"      <property name="{}" value="{}"/>"#, attr(name), attr(value));
    }
    let _ = writeln!(x, "    </properties>");
    for s in &r.steps {
        testcase(&mut x, &r.lab.id, s);
    }
    let _ = writeln!(x, "  </testsuite>");
    let _ = writeln!(x, "</testsuites>");
    x
}

fn testcase(x: &mut String, classname: &str, s: &StepRecord) {
    let _ = write!(
        x,
        r#"    <testcase name="{}" classname="{}" time="{}""#,
        attr(&s.id),
        attr(classname),
        secs(s.duration_ms.unwrap_or(0))
    );
    let evidence = evidence(s);
    let output = s.output.join("\n");
    let child = match s.status {
        "failed" => Some(("failure", failure_message(s))),
        "interrupted" => Some(("error", crate::t!("junit-interrupted"))),
        "skipped" | "not-run" => Some((
            "skipped",
            s.reason.clone().unwrap_or_else(|| crate::t!("junit-not-run")),
        )),
        "optional-failed" => Some(("skipped", crate::t!("junit-optional-failed", why = failure_message(s)))),
        _ => None,
    };
    if child.is_none() && output.is_empty() {
        let _ = writeln!(x, "/>");
        return;
    }
    let _ = writeln!(x, ">");
    if let Some((tag, message)) = child {
        let kind = if s.error.is_some() { "action" } else { "check" };
        if evidence.is_empty() || tag == "skipped" && s.status != "optional-failed" {
            let _ = writeln!(x, r#"      <{tag} message="{}"/>"#, attr(&message));
        } else {
            let _ = writeln!(
                x,
                r#"      <{tag} message="{}" type="{kind}">{}</{tag}>"#,
                attr(&message),
                text(&evidence)
            );
        }
    }
    if !output.is_empty() {
        let _ = writeln!(x, "      <system-out>{}</system-out>", text(&output));
    }
    let _ = writeln!(x, "    </testcase>");
}

/// One line: what went wrong first.
fn failure_message(s: &StepRecord) -> String {
    if let Some(e) = &s.error {
        return e.message.clone();
    }
    match s.checks.iter().find(|c| c.status == "failed") {
        Some(c) => crate::t!(
            "junit-expected-observed",
            expected = c.expected.as_str(),
            observed = observed(c)
        ),
        None => crate::t!("junit-failed"),
    }
}

/// Every line of evidence: the action's error, then each failed check's expected, observed,
/// diagnosis, events and hint.
fn evidence(s: &StepRecord) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(e) = &s.error {
        out.push(e.message.clone());
        out.extend(e.detail.iter().cloned());
        if let Some(h) = &e.hint {
            out.push(crate::t!("hint-line", hint = h.as_str()));
        }
    }
    for c in s.checks.iter().filter(|c| c.status == "failed") {
        out.push(crate::t!("junit-check", check = c.description.as_str()));
        if let Some(d) = &c.diagnosis {
            out.push(crate::t!("failure-diagnosis", text = d.as_str()));
        }
        out.push(crate::t!("failure-expected", text = c.expected.as_str()));
        out.push(crate::t!("failure-observed", text = observed(c)));
        if let Some(e) = &c.last_error {
            out.push(crate::t!("failure-api-error", text = e.as_str()));
        }
        if !c.events.is_empty() {
            out.push(crate::t!("failure-events"));
            out.extend(c.events.iter().map(|e| format!("  {e}")));
        }
        if let Some(h) = &c.hint {
            out.push(crate::t!("hint-line", hint = h.as_str()));
        }
    }
    out.join("\n")
}

/// What a failed check saw, or that it saw nothing.
fn observed(c: &super::record::CheckRecord) -> String {
    c.observed.clone().unwrap_or_else(|| crate::t!("junit-nothing"))
}

fn secs(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// Text content: `&`, `<`, `>` escaped; characters XML 1.0 forbids (terminal escapes and other
/// control characters from process output) dropped.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// An attribute value: as [`text`], plus quotes, and line breaks kept as character references.
pub fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\r' => {}
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
        assert_eq!(attr("say \"hi\"\nbye"), "say &quot;hi&quot;&#10;bye");
        assert_eq!(text("\u{1b}[31mred\u{1b}[0m"), "[31mred[0m");
    }
}
