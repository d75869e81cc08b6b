//! The live stream behind the board page: server-sent events. A learner whose state changed
//! is marked; a ticker sends the marked learners' rows (and the step counts) as one `update`
//! at most every [`TICK`], and the whole board as `class` every [`FULL_EVERY`] (so "time on
//! step" and "stuck after a long wait" move without events). A new subscriber, or one that
//! fell behind, gets the whole board first.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures::Stream;
use serde::Serialize;
use tokio::sync::{Notify, broadcast};

use super::super::board::{LearnerView, StepView};
use super::super::protocol::Announcement;
use super::state::ClassState;

/// The shortest time between two `update`s: changes within it go out together.
pub const TICK: Duration = Duration::from_millis(100);
/// How often the whole board goes out anyway.
pub const FULL_EVERY: Duration = Duration::from_secs(5);

/// One server-sent event, encoded once for every subscriber.
#[derive(Debug, Clone)]
pub struct Frame {
    pub kind: &'static str,
    pub data: Arc<str>,
}

pub struct Live {
    tx: broadcast::Sender<Frame>,
    dirty: Mutex<BTreeSet<i64>>,
    announced: Mutex<Vec<Announcement>>,
    notify: Notify,
}

/// What an `update` carries.
#[derive(Serialize)]
struct Update<'a> {
    steps: &'a [StepView],
    stuck: usize,
    finished: usize,
    learners: &'a [LearnerView],
    announcements: &'a [Announcement],
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}

impl Live {
    pub fn new() -> Live {
        Live {
            tx: broadcast::channel(256).0,
            dirty: Mutex::new(BTreeSet::new()),
            announced: Mutex::new(Vec::new()),
            notify: Notify::new(),
        }
    }

    /// A learner's row changed.
    pub fn touch(&self, learner: i64) {
        if let Ok(mut d) = self.dirty.lock() {
            d.insert(learner);
        }
        self.notify.notify_one();
    }

    pub fn announced(&self, a: Announcement) {
        if let Ok(mut v) = self.announced.lock() {
            v.push(a);
        }
        self.notify.notify_one();
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Frame> {
        self.tx.subscribe()
    }
}

/// Sends updates until the server stops (spawned once per server).
pub async fn ticker(state: Arc<ClassState>) {
    let mut full = tokio::time::interval(FULL_EVERY);
    loop {
        tokio::select! {
            _ = state.live.notify.notified() => {
                tokio::time::sleep(TICK).await;
                let ids: Vec<i64> = match state.live.dirty.lock() {
                    Ok(mut d) => std::mem::take(&mut *d).into_iter().collect(),
                    Err(_) => Vec::new(),
                };
                let announcements = match state.live.announced.lock() {
                    Ok(mut a) => std::mem::take(&mut *a),
                    Err(_) => Vec::new(),
                };
                if state.live.tx.receiver_count() == 0 {
                    continue;
                }
                let (view, rows) = state.rows(&ids);
                let update = Update {
                    steps: &view.steps,
                    stuck: view.stuck,
                    finished: view.finished,
                    learners: &rows,
                    announcements: &announcements,
                };
                if let Ok(data) = serde_json::to_string(&update) {
                    let _ = state.live.tx.send(Frame { kind: "update", data: data.into() });
                }
            }
            _ = full.tick() => {
                if state.live.tx.receiver_count() > 0 {
                    let _ = state.live.tx.send(full_frame(&state));
                }
            }
        }
    }
}

fn full_frame(state: &ClassState) -> Frame {
    Frame {
        kind: "class",
        data: serde_json::to_string(&state.view()).unwrap_or_default().into(),
    }
}

/// `GET /api/stream`: the whole board, then every update.
pub fn stream(state: Arc<ClassState>) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = state.live.subscribe();
    let first = full_frame(&state);
    let s = futures::stream::unfold((Some(first), rx, state), |(first, mut rx, state)| async move {
        if let Some(f) = first {
            return Some((sse(f), (None, rx, state)));
        }
        match rx.recv().await {
            Ok(f) => Some((sse(f), (None, rx, state))),
            Err(broadcast::error::RecvError::Lagged(_)) => {
                let f = full_frame(&state);
                Some((sse(f), (None, rx, state)))
            }
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    Sse::new(s).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn sse(f: Frame) -> Result<SseEvent, Infallible> {
    Ok(SseEvent::default().event(f.kind).data(&*f.data))
}
