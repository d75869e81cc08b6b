//! The class as the server holds it: the SQLite store (the truth), the board folded from it
//! (rebuilt at start), the learners' tokens, the flood limits and the live stream.

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Mutex, MutexGuard, RwLock};

use jiff::Timestamp;
use serde_json::Value;

use super::super::board::{Board, View};
use super::super::protocol::{
    Accepted, Announcement, BAD_ANNOUNCEMENT, BAD_NAME, Batch, Joined, MAX_ANNOUNCEMENT, MAX_BATCH, MAX_NAME,
    NOT_A_LEARNER, WRONG_JOIN_CODE, WRONG_KEY,
};
use super::super::store::{ClassRecord, Store, StoreError};
use super::limits::Limiter;
use super::live::Live;

/// The most events one learner may store (a whole lab sends a few hundred).
pub const MAX_EVENTS_PER_LEARNER: u64 = 100_000;
/// The largest single event, as JSON.
pub const MAX_EVENT_BYTES: usize = 64 * 1024;

/// Why a request is refused, with the status it gets.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("{0}")]
    BadRequest(String),
    /// A board or instructor command without the instructor's key.
    #[error(
        "the instructor key is missing or wrong; use the board URL `workshop class serve` printed (it ends in ?key=…)"
    )]
    WrongKey,
    #[error("{0}")]
    TooMany(String),
    #[error("{0}")]
    TooLarge(String),
    /// A join code that is not the class's.
    #[error("this join code is not the class's; ask the instructor for the code `workshop class serve` printed")]
    WrongJoinCode,
    /// A learner's name the board cannot show.
    #[error("a learner's name is 1 to {MAX_NAME} printable characters")]
    BadName,
    /// An announcement that is empty or too long.
    #[error("an announcement is 1 to {MAX_ANNOUNCEMENT} characters")]
    BadAnnouncement,
    /// A request without a learner's token.
    #[error("not a learner of this class; join first with the join code")]
    NotALearner,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Refusal {
    /// What the refusal is, for a client to say in its user's language (`code` of the
    /// error body); `None` for refusals only a faulty client meets.
    pub fn code(&self) -> Option<&'static str> {
        match self {
            Refusal::WrongJoinCode => Some(WRONG_JOIN_CODE),
            Refusal::BadName => Some(BAD_NAME),
            Refusal::NotALearner => Some(NOT_A_LEARNER),
            Refusal::WrongKey => Some(WRONG_KEY),
            Refusal::BadAnnouncement => Some(BAD_ANNOUNCEMENT),
            _ => None,
        }
    }
}

pub struct ClassState {
    pub class: ClassRecord,
    store: Mutex<Store>,
    board: Mutex<Board>,
    tokens: RwLock<HashMap<String, i64>>,
    pub posts: Limiter<i64>,
    pub joins: Limiter<IpAddr>,
    pub live: Live,
}

/// What opening the database found.
pub struct Opened {
    pub state: ClassState,
    /// False for a new class.
    pub reopened: bool,
}

impl ClassState {
    /// Opens the class in `data` (created with `title` when new) and rebuilds the board.
    pub fn open(data: &Path, title: Option<&str>) -> Result<Opened, StoreError> {
        let mut store = Store::open(data)?;
        let (class, reopened) = match store.class()? {
            Some(mut c) => {
                if let Some(t) = title.filter(|t| *t != c.title) {
                    store.set_title(t)?;
                    c.title = t.to_owned();
                }
                (c, true)
            }
            None => {
                let c = ClassRecord {
                    title: title.map_or_else(|| crate::t!("class-default-title"), str::to_owned),
                    code: join_code(),
                    key: uuid::Uuid::new_v4().simple().to_string(),
                    created: now_text(),
                };
                store.create_class(&c)?;
                (c, false)
            }
        };
        let board = rebuild(&mut store, &class.title)?;
        let tokens = store.learners()?.into_iter().map(|l| (l.token, l.id)).collect();
        Ok(Opened {
            state: ClassState {
                class,
                store: Mutex::new(store),
                board: Mutex::new(board),
                tokens: RwLock::new(tokens),
                posts: Limiter::new(60, 30),
                joins: Limiter::new(200, 20),
                live: Live::new(),
            },
            reopened,
        })
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn board(&self) -> MutexGuard<'_, Board> {
        self.board.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether `key` is the instructor's.
    pub fn is_instructor(&self, key: &str) -> bool {
        use subtle::ConstantTimeEq;
        bool::from(key.as_bytes().ct_eq(self.class.key.as_bytes()))
    }

    /// The learner a token belongs to.
    pub fn learner_for(&self, token: &str) -> Option<i64> {
        self.tokens.read().ok()?.get(token).copied()
    }

    /// A learner joins with the join code: always a new learner, named uniquely.
    pub fn join(&self, code: &str, name: &str) -> Result<Joined, Refusal> {
        use subtle::ConstantTimeEq;
        if !bool::from(
            code.trim()
                .to_ascii_uppercase()
                .as_bytes()
                .ct_eq(self.class.code.as_bytes()),
        ) {
            return Err(Refusal::WrongJoinCode);
        }
        let name = clean_name(name)?;
        let store = self.store();
        let mut unique = name.clone();
        let mut n = 2;
        while store.learner_by_name(&unique)?.is_some() {
            unique = format!("{name} ({n})");
            n += 1;
        }
        self.add(&store, &unique, "stream")
    }

    /// The instructor joins a learner by name (pull mode): the same learner on every call.
    pub fn join_as_instructor(&self, name: &str) -> Result<Joined, Refusal> {
        let name = clean_name(name)?;
        let store = self.store();
        match store.learner_by_name(&name)? {
            Some(l) => Ok(Joined {
                learner: l.id,
                name: l.name,
                token: l.token,
                last_seq: store.last_seq(l.id)?,
            }),
            None => self.add(&store, &name, "pull"),
        }
    }

    fn add(&self, store: &Store, name: &str, source: &str) -> Result<Joined, Refusal> {
        let token = format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        let l = store.add_learner(name, &token, source, &now_text())?;
        if let Ok(mut t) = self.tokens.write() {
            t.insert(token.clone(), l.id);
        }
        self.board().add_learner(l.id, &l.name, source);
        self.live.touch(l.id);
        Ok(Joined {
            learner: l.id,
            name: l.name,
            token,
            last_seq: 0,
        })
    }

    /// The highest sequence number stored for a learner.
    pub fn last_seq(&self, learner: i64) -> Result<u64, Refusal> {
        Ok(self.store().last_seq(learner)?)
    }

    /// Stores a learner's events (each once) and folds the new ones into the board.
    pub fn post(&self, learner: i64, batch: Batch) -> Result<Accepted, Refusal> {
        if batch.events.len() > MAX_BATCH {
            return Err(Refusal::TooLarge(format!(
                "{} events in one request; at most {MAX_BATCH}",
                batch.events.len()
            )));
        }
        let mut rows = Vec::with_capacity(batch.events.len());
        let mut bodies: HashMap<u64, Value> = HashMap::new();
        for e in batch.events {
            if e.seq == 0 || e.event.get("event").and_then(Value::as_str).is_none() {
                return Err(Refusal::BadRequest(
                    "every event needs a sequence number from 1 and an `event` kind".into(),
                ));
            }
            let text = e.event.to_string();
            if text.len() > MAX_EVENT_BYTES {
                return Err(Refusal::TooLarge(format!(
                    "event {} is {} bytes; at most {MAX_EVENT_BYTES}",
                    e.seq,
                    text.len()
                )));
            }
            rows.push((e.seq, text));
            bodies.insert(e.seq, e.event);
        }
        let received = Timestamp::now();
        let (new, last_seq) = {
            let mut store = self.store();
            if !rows.is_empty() && store.event_count(learner)? + rows.len() as u64 > MAX_EVENTS_PER_LEARNER {
                return Err(Refusal::TooMany(format!(
                    "this learner already sent {MAX_EVENTS_PER_LEARNER} events"
                )));
            }
            let new = store.insert_events(learner, &rows, &format!("{received:.3}"))?;
            (new, store.last_seq(learner)?)
        };
        {
            let mut board = self.board();
            board.seen(learner, received);
            for seq in &new {
                if let Some(e) = bodies.get(seq) {
                    board.apply(learner, *seq, e, received);
                }
            }
        }
        self.live.touch(learner);
        let announcements = self
            .board()
            .announcements
            .iter()
            .filter(|a| a.id > batch.since)
            .cloned()
            .collect();
        Ok(Accepted {
            stored: new.len(),
            duplicates: rows.len() - new.len(),
            last_seq,
            announcements,
        })
    }

    /// The instructor posts an announcement.
    pub fn announce(&self, text: &str) -> Result<Announcement, Refusal> {
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_ANNOUNCEMENT {
            return Err(Refusal::BadAnnouncement);
        }
        let a = self.store().add_announcement(&now_text(), text)?;
        self.board().announce(a.clone());
        self.live.announced(a.clone());
        Ok(a)
    }

    pub fn view(&self) -> View {
        self.board().view(Timestamp::now())
    }

    /// The rows of these learners and the step counts, for the live stream.
    pub fn rows(&self, ids: &[i64]) -> (View, Vec<super::super::board::LearnerView>) {
        let board = self.board();
        let now = Timestamp::now();
        let mut view = board.view(now);
        view.learners.retain(|l| ids.contains(&l.id));
        let rows = ids.iter().filter_map(|id| board.learner_view(*id, now)).collect();
        (view, rows)
    }

    pub fn learner_count(&self) -> usize {
        self.board().learners.len()
    }
}

fn rebuild(store: &mut Store, title: &str) -> Result<Board, StoreError> {
    let mut board = Board::new(title);
    for l in store.learners()? {
        board.add_learner(l.id, &l.name, &l.source);
    }
    for e in store.all_events()? {
        let received = e.received.parse().unwrap_or_else(|_| Timestamp::now());
        board.apply(e.learner, e.seq, &e.body, received);
    }
    for a in store.announcements()? {
        board.announce(a);
    }
    Ok(board)
}

fn clean_name(name: &str) -> Result<String, Refusal> {
    let name: String = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
        return Err(Refusal::BadName);
    }
    Ok(name)
}

/// Six characters that are easy to read aloud and type (no 0/O, 1/I).
fn join_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    uuid::Uuid::new_v4().as_bytes()[..6]
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect()
}

pub fn now_text() -> String {
    format!("{:.3}", Timestamp::now())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::protocol::Sequenced;
    use serde_json::json;

    fn state() -> (tempfile::TempDir, ClassState) {
        let dir = tempfile::tempdir().unwrap();
        let s = ClassState::open(&dir.path().join("c.db"), Some("Day 55"))
            .unwrap()
            .state;
        (dir, s)
    }

    fn batch(seqs: &[u64]) -> Batch {
        Batch {
            events: seqs
                .iter()
                .map(|s| Sequenced {
                    seq: *s,
                    event: json!({"event": "note", "text": "hi"}),
                })
                .collect(),
            since: 0,
        }
    }

    #[test]
    fn join_needs_the_code_and_names_are_made_unique() {
        let (_d, s) = state();
        assert!(matches!(s.join("WRONG1", "Ana"), Err(Refusal::WrongJoinCode)));
        let a = s.join(&s.class.code.to_lowercase(), "  Ana ").unwrap();
        let b = s.join(&s.class.code, "Ana").unwrap();
        assert_eq!((a.name.as_str(), b.name.as_str()), ("Ana", "Ana (2)"));
        assert_ne!(a.token, b.token);
        assert_eq!(s.learner_for(&a.token), Some(a.learner));
        assert!(matches!(s.join(&s.class.code, " "), Err(Refusal::BadName)));
    }

    #[test]
    fn re_sends_are_stored_once_and_the_board_survives_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let (code, key) = {
            let s = ClassState::open(&path, Some("Day 55")).unwrap().state;
            let a = s.join(&s.class.code, "Ana").unwrap();
            let r = s.post(a.learner, batch(&[1, 2, 3])).unwrap();
            assert_eq!((r.stored, r.duplicates, r.last_seq), (3, 0, 3));
            let r = s.post(a.learner, batch(&[3, 4])).unwrap();
            assert_eq!((r.stored, r.duplicates, r.last_seq), (1, 1, 4));
            s.announce("break at 11").unwrap();
            (s.class.code.clone(), s.class.key.clone())
        };
        let o = ClassState::open(&path, None).unwrap();
        assert!(o.reopened);
        assert_eq!(
            (o.state.class.code.as_str(), o.state.class.key.as_str()),
            (code.as_str(), key.as_str())
        );
        let v = o.state.view();
        assert_eq!(v.learners[0].last_seq, 4);
        assert_eq!(v.announcements[0].text, "break at 11");
        assert_eq!(v.title, "Day 55");
    }

    #[test]
    fn malformed_and_oversized_batches_are_refused() {
        let (_d, s) = state();
        let a = s.join(&s.class.code, "Ana").unwrap();
        assert!(matches!(s.post(a.learner, batch(&[0])), Err(Refusal::BadRequest(_))));
        let many: Vec<u64> = (1..=(MAX_BATCH as u64 + 1)).collect();
        assert!(matches!(s.post(a.learner, batch(&many)), Err(Refusal::TooLarge(_))));
        let big = Batch {
            events: vec![Sequenced {
                seq: 1,
                event: json!({"event": "note", "text": "x".repeat(MAX_EVENT_BYTES)}),
            }],
            since: 0,
        };
        assert!(matches!(s.post(a.learner, big), Err(Refusal::TooLarge(_))));
    }

    #[test]
    fn announcements_come_back_after_since() {
        let (_d, s) = state();
        let a = s.join(&s.class.code, "Ana").unwrap();
        let first = s.announce("one").unwrap();
        s.announce("two").unwrap();
        let mut b = batch(&[]);
        b.since = first.id;
        let r = s.post(a.learner, b).unwrap();
        assert_eq!(r.announcements.len(), 1);
        assert_eq!(r.announcements[0].text, "two");
        assert!(s.announce("  ").is_err());
    }
}
