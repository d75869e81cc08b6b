//! Lines for a narrow terminal: text the tool writes on a terminal (the `--step` card, its
//! questions, the live display's lines) is wrapped at word boundaries to the terminal's width
//! with `textwrap`, so a 60-column terminal never cuts a word in two. Width is measured without
//! ANSI styles. Commands (`$ …`) and the lines of a step's own output are never re-flowed: a
//! command is copied as one line, and kubectl's tables keep their columns.

use textwrap::{Options, WordSplitter};

/// The width of the terminal on standard output, when it is one.
pub fn terminal_width() -> Option<usize> {
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
        .filter(|c| *c > 0)
}

/// Wraps each line of `text` to `width` columns at word boundaries. A wrapped line continues
/// under its own text: its indentation, past a list bullet (`• `, `- `) or a label that ends in
/// `: ` in the first words is kept. Lines that are commands (`$ …` after the indentation) stay whole.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&wrap_line(line, width));
    }
    out
}

/// [`wrap`] to the terminal's width; the text as it is when standard output is no terminal.
pub fn to_terminal(text: &str) -> String {
    match terminal_width() {
        Some(w) => wrap(text, w),
        None => text.to_owned(),
    }
}

fn wrap_line(line: &str, width: usize) -> String {
    if textwrap::core::display_width(line) <= width {
        return line.to_owned();
    }
    let body = line.trim_start();
    let lead = &line[..line.len() - body.len()];
    if body.starts_with("$ ") || console::strip_ansi_codes(body).starts_with("$ ") {
        return line.to_owned();
    }
    let plain = console::strip_ansi_codes(body);
    let hang = ["• ", "- ", "* ", "✔ ", "✖ ", "⚠ "]
        .iter()
        .find(|b| plain.starts_with(*b))
        .map(|b| b.chars().count())
        .or_else(|| numbered(&plain))
        .unwrap_or(0);
    let rest = format!("{lead}{}", " ".repeat(hang));
    // A line narrower than its own indentation cannot be helped; keep the words whole.
    let width = width.max(textwrap::core::display_width(&rest) + 10);
    let options = Options::new(width)
        .initial_indent(lead)
        .subsequent_indent(&rest)
        .break_words(false)
        // Step ids and commands hold hyphens (`get-ingress`): never break a word there.
        .word_splitter(WordSplitter::NoHyphenation);
    textwrap::fill(body, options)
}

/// The width of a numbered list's marker (`1. `, `12. `) at the start of `line`.
fn numbered(line: &str) -> Option<usize> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_stay_whole_and_indentation_continues() {
        let text = "  Una StorageClass predeterminada decide dónde van los volúmenes de las reclamaciones sin clase.";
        let wrapped = wrap(text, 40);
        for l in wrapped.lines() {
            assert!(textwrap::core::display_width(l) <= 40, "{l:?}");
            assert!(l.starts_with("  "), "{l:?}");
        }
        let words: Vec<&str> = wrapped.split_whitespace().collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn bullets_hang_commands_stay_whole_and_styles_take_no_room() {
        let bullet = wrap("  • uno dos tres cuatro cinco seis siete ocho nueve", 24);
        assert_eq!(bullet, "  • uno dos tres cuatro\n    cinco seis siete\n    ocho nueve");
        let numbered = wrap("  12. uno dos tres cuatro cinco", 20);
        assert_eq!(numbered, "  12. uno dos tres\n      cuatro cinco");
        let command = "  $ kubectl create -f .workshop/manifests/day55/pacman-stateful-demo.yaml";
        assert_eq!(wrap(command, 30), command);
        assert_eq!(wrap("need get-ingress now", 12), "need\nget-ingress\nnow");
        let styled = format!("{} dos", console::style("uno").bold().force_styling(true));
        assert_eq!(wrap(&styled, 7), styled);
    }
}
