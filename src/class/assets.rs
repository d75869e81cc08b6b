//! The board page's static assets, embedded in the binary: no CDN, it works offline in a
//! classroom. The page reads its words from `/strings.json` ([`super::strings`]).

pub const BOARD_HTML: &str = include_str!("assets/board.html");
pub const BOARD_JS: &str = include_str!("assets/board.js");
pub const BOARD_CSS: &str = include_str!("assets/board.css");
