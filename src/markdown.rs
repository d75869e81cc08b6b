//! Lab explanations on the terminal: Markdown parsed by `pulldown-cmark` and drawn with `console`
//! styles — headings, `**strong**`, `*emphasis*`, `` `code` ``, links and `-`/`*`/`1.` lists.
//!
//! Paragraphs are re-flowed when the text goes to a terminal (`reflow`): an author's hand-wrapped
//! lines become one paragraph, which [`crate::wrap`] then wraps to the terminal's width, so a
//! 60-column terminal shows even lines instead of a long line and a short one in turn. Piped
//! output keeps the author's line breaks. Code blocks, tables and HTML are shown as written.

use std::ops::Range;

use console::Style;
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders `md` for the terminal, each line prefixed with `indent`. Without colors, code spans
/// keep their backticks and emphasis its markers, so nothing is lost in plain logs. With
/// `reflow`, the lines of a paragraph are joined into one (to be wrapped to the terminal).
pub fn render(md: &str, indent: &str, reflow: bool) -> String {
    let mut r = Renderer {
        src: md,
        indent,
        reflow,
        colors: console::colors_enabled(),
        out: String::new(),
        line: String::new(),
        lists: Vec::new(),
        first_prefix: None,
        styles: Vec::new(),
        links: Vec::new(),
        verbatim: None,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(md, options).into_offset_iter() {
        r.event(event, range);
    }
    r.flush();
    r.out
}

/// An inline style: kept as its Markdown marker when there are no colors.
#[derive(Clone, Copy)]
enum Span {
    Strong,
    Emphasis,
    Strike,
}

struct Renderer<'a> {
    src: &'a str,
    indent: &'a str,
    reflow: bool,
    colors: bool,
    out: String,
    /// The line being built.
    line: String,
    /// Open lists, innermost last: the next number of an ordered list, `None` for bullets.
    lists: Vec<Option<u64>>,
    /// The bullet of a list item, for its first line only.
    first_prefix: Option<String>,
    styles: Vec<Span>,
    /// Open links' destinations.
    links: Vec<String>,
    /// Inside a block shown as written (code, table, HTML): the tag that ends it.
    verbatim: Option<TagEnd>,
}

impl Renderer<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if let Some(end) = &self.verbatim {
            if matches!(&event, Event::End(e) if e == end) {
                self.verbatim = None;
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(end) => self.end(end),
            Event::Text(t) => self.text(&t),
            Event::Code(c) => {
                let code = if self.colors {
                    Style::new().cyan().apply_to(c.as_ref()).to_string()
                } else {
                    format!("`{c}`")
                };
                self.line.push_str(&code);
            }
            Event::SoftBreak if self.reflow => self.line.push(' '),
            Event::SoftBreak | Event::HardBreak => self.flush(),
            Event::Html(h) | Event::InlineHtml(h) => self.line.push_str(h.trim_end_matches('\n')),
            Event::Rule => {
                self.block();
                let rule = self.src[range].trim().to_owned();
                self.line.push_str(&rule);
                self.flush();
            }
            Event::TaskListMarker(done) => self.line.push_str(if done { "[x] " } else { "[ ] " }),
            other => {
                // Footnotes, math: not used by labs; show their text.
                if let Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) = other {
                    self.line.push_str(&t);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            // An item's first paragraph goes on its bullet's line.
            Tag::Paragraph if self.first_prefix.is_none() => self.block(),
            Tag::Heading { level, .. } => {
                self.block();
                if !self.colors {
                    self.line.push_str(&"#".repeat(heading_level(level)));
                    self.line.push(' ');
                }
            }
            Tag::List(first) => {
                self.flush();
                if self.lists.is_empty() {
                    self.block();
                }
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "• ".to_owned(),
                };
                self.first_prefix = Some(format!("{}{bullet}", "  ".repeat(depth)));
            }
            Tag::Emphasis => self.open(Span::Emphasis),
            Tag::Strong => self.open(Span::Strong),
            Tag::Strikethrough => self.open(Span::Strike),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => self.links.push(dest_url.to_string()),
            Tag::CodeBlock(kind) => {
                self.written(range, TagEnd::CodeBlock, matches!(kind, CodeBlockKind::Fenced(_)));
            }
            Tag::Table(_) => self.written(range, TagEnd::Table, true),
            Tag::HtmlBlock => self.written(range, TagEnd::HtmlBlock, true),
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Paragraph | TagEnd::Item => self.flush(),
            TagEnd::Heading(_) => {
                let text = std::mem::take(&mut self.line);
                self.line = if self.colors {
                    Style::new().bold().underlined().apply_to(text).to_string()
                } else {
                    text
                };
                self.flush();
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => self.close(),
            TagEnd::Link | TagEnd::Image => {
                if let Some(url) = self.links.pop() {
                    let shown = console::strip_ansi_codes(&self.line).into_owned();
                    if !url.is_empty() && !shown.ends_with(&url) {
                        self.line.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }

    /// A blank line before a block, unless it is the first or sits inside a list.
    fn block(&mut self) {
        self.flush();
        if !self.out.is_empty() && self.lists.is_empty() {
            self.out.push('\n');
        }
    }

    fn text(&mut self, t: &str) {
        if !self.colors {
            self.line.push_str(t);
            return;
        }
        let mut style = Style::new();
        for s in &self.styles {
            style = match s {
                Span::Strong => style.bold(),
                Span::Emphasis => style.italic(),
                Span::Strike => style.strikethrough(),
            };
        }
        if self.styles.is_empty() {
            self.line.push_str(t);
        } else {
            self.line.push_str(&style.apply_to(t).to_string());
        }
    }

    fn open(&mut self, span: Span) {
        if !self.colors {
            self.line.push_str(marker(span));
        }
        self.styles.push(span);
    }

    fn close(&mut self) {
        if let Some(span) = self.styles.pop()
            && !self.colors
        {
            self.line.push_str(marker(span));
        }
    }

    /// Shows the source of a block as written (code, tables, HTML), without its list indentation.
    fn written(&mut self, range: Range<usize>, end: TagEnd, fenced: bool) {
        self.block();
        let text = &self.src[range];
        let lines: Vec<&str> = text.trim_end_matches('\n').lines().collect();
        let strip = lines
            .iter()
            .skip(1)
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        for (i, l) in lines.iter().enumerate() {
            let l = if i == 0 {
                l.trim_start()
            } else {
                l.get(strip..).unwrap_or(l.trim_start())
            };
            self.line.push_str(if fenced { l } else { l.trim_start() });
            self.flush();
        }
        self.verbatim = Some(end);
    }

    /// Ends the line being built: indentation, the list's bullet or hang, the text.
    fn flush(&mut self) {
        let prefix = self.first_prefix.take();
        if self.line.is_empty() {
            // An item's bullet waits for its first text (a nested list or paragraph).
            self.first_prefix = prefix;
            return;
        }
        let lead = prefix.unwrap_or_else(|| self.hang());
        let text = std::mem::take(&mut self.line);
        self.out.push_str(self.indent);
        self.out.push_str(&lead);
        self.out.push_str(text.trim_end());
        self.out.push('\n');
    }

    /// The room a line inside a list leaves for its item's bullet: the innermost list's
    /// indentation and the width of its marker.
    fn hang(&self) -> String {
        let width = match self.lists.last() {
            None => 0,
            Some(Some(n)) => 2 * (self.lists.len() - 1) + format!("{}. ", n.saturating_sub(1)).len(),
            Some(None) => 2 * (self.lists.len() - 1) + 2,
        };
        " ".repeat(width)
    }
}

fn marker(span: Span) -> &'static str {
    match span {
        Span::Strong => "**",
        Span::Emphasis => "*",
        Span::Strike => "~~",
    }
}

fn heading_level(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(md: &str, reflow: bool) -> String {
        console::set_colors_enabled(false);
        render(md, "  ", reflow)
    }

    #[test]
    fn lists_get_bullets_and_keep_the_authors_lines_when_piped() {
        let md = "Intro `code`\nwraps here.\n\n- first\n  continued\n* second\n\n## Title";
        assert_eq!(
            plain(md, false),
            "  Intro `code`\n  wraps here.\n\n  • first\n    continued\n\n  • second\n\n  ## Title\n"
        );
    }

    #[test]
    fn a_terminal_gets_each_paragraph_and_item_as_one_line() {
        let md =
            "A paragraph\nwrapped by hand\nat 30 columns.\n\n1. one\n   more\n2. two\n   - nested\n     item\n\nEnd.";
        assert_eq!(
            plain(md, true),
            "  A paragraph wrapped by hand at 30 columns.\n\n  1. one more\n  2. two\n    • nested item\n\n  End.\n"
        );
    }

    #[test]
    fn code_blocks_and_tables_are_shown_as_written() {
        let md = "Run:\n\n```sh\nkubectl get pods \\\n  -A\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(
            plain(md, true),
            "  Run:\n\n  ```sh\n  kubectl get pods \\\n    -A\n  ```\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n"
        );
    }

    #[test]
    fn spans_are_styled_with_colors_and_kept_as_markers_without() {
        assert_eq!(
            plain("a **b** *c* `d*e*` [docs](https://k8s.io) <https://x.io>", true),
            "  a **b** *c* `d*e*` docs (https://k8s.io) https://x.io\n"
        );
        console::set_colors_enabled(true);
        let s = render("a **b** *c* `d*e*` f", "", true);
        console::set_colors_enabled(false);
        assert!(!s.contains("**") && !s.contains('`'), "{s:?}");
        assert_eq!(console::strip_ansi_codes(&s), "a b c d*e* f\n");
        assert_eq!(plain("2 * 3 and `x", true), "  2 * 3 and `x\n");
    }
}
