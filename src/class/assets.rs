//! The board page's static assets, embedded in the binary: no CDN, it works offline in a
//! classroom. The page reads its words from `/strings.json` ([`super::strings`]); the server
//! fills in its language and title ([`board_html`]).

pub const BOARD_HTML: &str = include_str!("assets/board.html");
pub const BOARD_JS: &str = include_str!("assets/board.js");
pub const BOARD_CSS: &str = include_str!("assets/board.css");

/// The page with `<html lang>` and its title in the board's language. Both are workshop's own
/// words (a language tag, a built-in catalogue message), HTML-escaped all the same.
pub fn board_html(lang: &str, title: &str) -> String {
    let escape = |s: &str| minijinja::HtmlEscape(s).to_string();
    BOARD_HTML
        .replace("{{lang}}", &escape(lang))
        .replace("{{title}}", &escape(title))
}
