//! Class mode: an instructor sees every learner's lab live, on one board (docs/class.md).
//!
//! The flow: learners' runs stream their events (the `--events ndjson` model, after secret
//! redaction) through [`client`] (fed by the `class` reporter in `engine::report`) to the
//! [`server`], which keeps everything in SQLite ([`store`]) and folds the events into a
//! [`board::Board`]; the board is served as JSON (`GET /api/class`), as a live web page (the
//! [`assets`], server-sent events) and drawn in a terminal by [`tui`]. [`pull`] fills the same
//! board from the instructor's side by running the lab's checks against learners' clusters.
//! [`protocol`] holds what travels between them; [`strings`] every word the boards show.

pub mod assets;
pub mod board;
pub mod http;
pub mod protocol;
pub mod pull;
pub mod server;
pub mod store;
pub mod strings;
pub mod tui;

pub mod client;
pub mod command;

use std::time::Duration;

/// A learner who has not been heard from for this long is shown offline.
pub const OFFLINE_AFTER: Duration = Duration::from_secs(30);

/// A check that has waited this long makes its learner "stuck" (a failed step does at once).
pub const STUCK_AFTER: Duration = Duration::from_secs(90);
