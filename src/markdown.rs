//! A small Markdown renderer for the terminal: the subset lab explanations use — headings,
//! `**strong**`, `*emphasis*`, `` `code` `` and `-`/`*`/`1.` lists — styled with `console`.
//!
//! Our own rather than pulldown-cmark: explanations are short, hand-wrapped prose, and keeping
//! the author's line breaks (instead of re-flowing paragraphs) is what reads best next to a
//! spinner; forty lines need no new dependency. Anything else (links, tables) is shown as
//! written, which is still readable Markdown.

use console::Style;

/// Renders `md` for the terminal, each line prefixed with `indent`. Without colors, code spans
/// keep their backticks and emphasis its markers, so nothing is lost in plain logs.
pub fn render(md: &str, indent: &str) -> String {
    let colors = console::colors_enabled();
    let mut out = String::new();
    for line in md.trim_matches('\n').lines() {
        let trimmed = line.trim_start();
        let lead = &line[..line.len() - trimmed.len()];
        let rendered = if let Some(level) = heading_level(trimmed) {
            let text = trimmed[level..].trim();
            let style = Style::new().bold().underlined();
            if colors {
                style.apply_to(inline(text, colors)).to_string()
            } else {
                trimmed.to_owned()
            }
        } else if let Some(rest) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
            .or_else(|| trimmed.strip_prefix("+ "))
        {
            format!("{lead}• {}", inline(rest, colors))
        } else {
            format!("{lead}{}", inline(trimmed, colors))
        };
        out.push_str(indent);
        out.push_str(&rendered);
        out.push('\n');
    }
    out
}

fn heading_level(line: &str) -> Option<usize> {
    let n = line.chars().take_while(|c| *c == '#').count();
    ((1..=6).contains(&n) && line[n..].starts_with(' ')).then_some(n)
}

/// Inline spans of one line: code first (nothing inside it is styled), then strong, then
/// emphasis. An unclosed marker is kept as written.
fn inline(text: &str, colors: bool) -> String {
    if !colors {
        return text.to_owned();
    }
    let code = Style::new().cyan();
    let strong = Style::new().bold();
    let em = Style::new().italic();
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('`')
            && let Some(end) = after.find('`')
        {
            out.push_str(&code.apply_to(&after[..end]).to_string());
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix("**")
            && let Some(end) = after.find("**")
        {
            out.push_str(&strong.apply_to(inline(&after[..end], colors)).to_string());
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix('*')
            && !after.starts_with(' ')
            && let Some(end) = after.find('*')
        {
            out.push_str(&em.apply_to(&after[..end]).to_string());
            rest = &after[end + 1..];
        } else {
            let c = rest.chars().next().expect("rest is not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_get_bullets_and_keep_indentation() {
        console::set_colors_enabled(false);
        let md = "Intro `code`.\n\n- first\n  continued\n* second\n## Title";
        assert_eq!(
            render(md, "  "),
            "  Intro `code`.\n  \n  • first\n    continued\n  • second\n  ## Title\n"
        );
    }

    #[test]
    fn styles_spans_when_colored() {
        let s = inline("a **b** *c* `d*e*` f", true);
        assert!(!s.contains("**") && !s.contains('`'), "{s:?}");
        assert!(console::strip_ansi_codes(&s) == "a b c d*e* f", "{s:?}");
        assert_eq!(console::strip_ansi_codes(&inline("2 * 3 and `x", true)), "2 * 3 and `x");
    }
}
