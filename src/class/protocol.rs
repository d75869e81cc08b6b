//! What travels between a learner's run, the class server and the boards, as JSON.
//!
//! - `POST /api/join` [`JoinRequest`] → [`Joined`]: a learner joins with the class's join code
//!   and gets a token that can post only that learner's events.
//! - `POST /api/events` (the learner's token as `Authorization: Bearer`) [`Batch`] →
//!   [`Accepted`]: events with per-learner sequence numbers; a sequence number already stored
//!   is ignored, so re-sends are harmless. The answer carries the announcements since `since`.
//! - `GET /api/class?key=…` → the board ([`super::board::View`]); `GET /api/stream?key=…`
//!   the same live as server-sent events; `POST /api/announcements?key=…` [`Announce`].
//! - `POST /api/learners?key=…` [`JoinRequest`] → [`Joined`]: the instructor (pull mode)
//!   joins a learner by name, getting the same learner again on every call.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The largest request body the server reads.
pub const MAX_BODY: usize = 256 * 1024;
/// The most events one request may carry.
pub const MAX_BATCH: usize = 200;
/// The longest learner name.
pub const MAX_NAME: usize = 60;
/// The longest announcement.
pub const MAX_ANNOUNCEMENT: usize = 500;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The join code the server printed (`workshop class serve`).
    pub code: String,
    /// The learner's name as the board shows it.
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Joined {
    pub learner: i64,
    /// The name on the board (made unique: a second `Ana` is `Ana (2)`).
    pub name: String,
    /// The learner-scoped token for `POST /api/events`.
    pub token: String,
    /// The highest sequence number stored for this learner (0: none).
    pub last_seq: u64,
}

/// Events of one learner, in order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Batch {
    pub events: Vec<Sequenced>,
    /// The last announcement the learner has seen (0: none yet).
    #[serde(default)]
    pub since: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sequenced {
    /// From 1, per learner, never reused.
    pub seq: u64,
    /// One event as `--events ndjson` writes it (`{"event": "step-started", …}`).
    pub event: Value,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Accepted {
    /// Events stored now.
    pub stored: usize,
    /// Events already stored before (re-sends).
    pub duplicates: usize,
    /// The highest sequence number stored for this learner.
    pub last_seq: u64,
    /// Announcements newer than the batch's `since`.
    pub announcements: Vec<Announcement>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: i64,
    /// RFC 3339.
    pub time: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Announce {
    pub text: String,
}

/// An error answer: `{"error": "…", "hint": "…", "code": "…"}`. The text is the server's
/// (English); a refusal a learner can meet also has a `code`, which the learner's run says in
/// the learner's language.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// [`ErrorBody::code`]: the join code is not the class's.
pub const WRONG_JOIN_CODE: &str = "wrong-join-code";
/// [`ErrorBody::code`]: the learner's name cannot be shown (empty, too long, control characters).
pub const BAD_NAME: &str = "bad-name";
/// [`ErrorBody::code`]: the request has no learner's token of this class.
pub const NOT_A_LEARNER: &str = "not-a-learner";
/// [`ErrorBody::code`]: the instructor's key is missing or wrong (the web board says it with
/// its `wrong_key` word).
pub const WRONG_KEY: &str = "wrong-key";
/// [`ErrorBody::code`]: an announcement that is empty or longer than [`MAX_ANNOUNCEMENT`].
pub const BAD_ANNOUNCEMENT: &str = "bad-announcement";
