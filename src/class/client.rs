//! The learner's side of class mode: a background task that sends a run's events to the
//! class server. The engine never waits for it: events go into an unbounded queue; the task
//! joins the class, numbers the events per learner (so a re-send is stored once), sends them
//! in batches, and while the server is unreachable keeps them and retries with backoff. When
//! the run ends it tries briefly to send what is left, then keeps the rest in
//! `.workshop/class/<CODE>.json` for the next run of the lab to send.
//!
//! It also receives the instructor's announcements, which the reporter shows at the next step.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use super::http::{HttpClient, HttpError};
use super::protocol::{Accepted, Batch, JoinRequest, Joined, MAX_BATCH, Sequenced};

/// Where a run reports: `--class URL --join CODE --name NAME`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassLink {
    pub url: String,
    pub code: String,
    pub name: String,
    /// The folder of the learner's identity and unsent events (`.workshop/class`).
    pub dir: PathBuf,
}

/// With nothing to send, the client still checks in this often (announcements, "online").
pub const HEARTBEAT: Duration = Duration::from_secs(5);
/// The longest pause between two tries to reach an unreachable server.
pub const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// How long the end of a run waits to send what is left, when the server was reachable.
pub const FINAL_FLUSH: Duration = Duration::from_secs(3);
/// How long the end of a run tries, when the server was away at the last try.
pub const FINAL_TRY_AWAY: Duration = Duration::from_secs(1);
/// The shortest time between two sends: events that come meanwhile go in one batch.
pub const SEND_EVERY: Duration = Duration::from_millis(50);
/// Events kept while the server is away; past this, progress observations are dropped first.
pub const MAX_QUEUE: usize = 20_000;

/// What the learner's machine remembers about a class.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Saved {
    url: String,
    code: String,
    /// The name asked for.
    name: String,
    learner: Option<i64>,
    token: Option<String>,
    /// The last announcement shown.
    since: i64,
    /// Events not yet stored by the server.
    outbox: Vec<Pending>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pending {
    /// Given once the server's last sequence number is known; kept for every re-send.
    seq: Option<u64>,
    event: Value,
}

enum Msg {
    Event(Value),
    Finish(oneshot::Sender<()>),
}

/// What the task tells the reporter: lines to show the learner.
#[derive(Default)]
pub struct Inbox {
    lines: Mutex<Vec<String>>,
}

impl Inbox {
    fn push(&self, line: String) {
        if let Ok(mut l) = self.lines.lock() {
            l.push(line);
        }
    }

    /// The lines to show now (announcements, the one unreachable notice).
    pub fn take(&self) -> Vec<String> {
        self.lines
            .lock()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default()
    }
}

/// The handle the reporter holds.
pub struct Streamer {
    tx: mpsc::UnboundedSender<Msg>,
    pub inbox: Arc<Inbox>,
}

impl Streamer {
    /// Starts the sending task on the current tokio runtime; `None` outside one.
    pub fn start(link: ClassLink, announce: fn(&str) -> String) -> Option<Streamer> {
        let handle = tokio::runtime::Handle::try_current().ok()?;
        let (tx, rx) = mpsc::unbounded_channel();
        let inbox = Arc::new(Inbox::default());
        let task = Task::new(link, inbox.clone(), announce);
        handle.spawn(task.run(rx));
        Some(Streamer { tx, inbox })
    }

    /// Queues one event; never blocks.
    pub fn send(&self, event: Value) {
        let _ = self.tx.send(Msg::Event(event));
    }

    /// Sends what is left (briefly) and saves the rest; blocks the calling thread until done.
    pub fn finish(&self) {
        let (done, wait) = oneshot::channel();
        if self.tx.send(Msg::Finish(done)).is_err() {
            return;
        }
        let wait_for = || {
            let _ = wait.blocking_recv();
        };
        match tokio::runtime::Handle::try_current() {
            Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(wait_for)
            }
            Ok(_) => {}
            Err(_) => wait_for(),
        }
    }
}

struct Task {
    link: ClassLink,
    inbox: Arc<Inbox>,
    announce: fn(&str) -> String,
    client: Option<HttpClient>,
    saved: Saved,
    queue: VecDeque<Pending>,
    next_seq: Option<u64>,
    /// Told the learner the server is unreachable.
    warned: bool,
    /// Gave up on the class (a refused join): events are dropped.
    given_up: bool,
    reachable: bool,
    /// The last failure was the server being busy (429, 5xx), not away.
    busy: bool,
    backoff: Duration,
    last_send: tokio::time::Instant,
}

impl Task {
    fn new(link: ClassLink, inbox: Arc<Inbox>, announce: fn(&str) -> String) -> Task {
        let saved = load(&path_of(&link))
            .filter(|s| s.url == link.url && s.code == link.code && s.name == link.name)
            .unwrap_or_else(|| Saved {
                url: link.url.clone(),
                code: link.code.clone(),
                name: link.name.clone(),
                ..Saved::default()
            });
        let queue = saved.outbox.iter().cloned().collect();
        let (client, given_up) = match HttpClient::new(&link.url) {
            Ok(c) => (Some(c), false),
            Err(e) => {
                inbox.push(crate::t!("class-not-reported", error = e.localized()));
                (None, true)
            }
        };
        Task {
            link,
            inbox,
            announce,
            client,
            saved,
            queue,
            next_seq: None,
            warned: false,
            given_up,
            reachable: true,
            busy: false,
            backoff: Duration::from_millis(200),
            // The first exchange goes at once (joining, announcements).
            last_send: {
                let now = tokio::time::Instant::now();
                now.checked_sub(SEND_EVERY).unwrap_or(now)
            },
        }
    }

    async fn run(mut self, mut rx: mpsc::UnboundedReceiver<Msg>) {
        loop {
            let pause = if self.given_up {
                Duration::from_secs(3600)
            } else if self.queue.is_empty() {
                HEARTBEAT
            } else if self.reachable {
                SEND_EVERY
            } else {
                self.backoff
            };
            let due = self.last_send + pause;
            tokio::select! {
                biased;
                _ = tokio::time::sleep_until(due) => {
                    if !self.given_up {
                        self.exchange().await;
                    }
                }
                msg = rx.recv() => match msg {
                    Some(Msg::Event(e)) => self.push(e),
                    Some(Msg::Finish(done)) => return self.finish(done).await,
                    None => return,
                },
            }
        }
    }

    fn push(&mut self, event: Value) {
        if self.given_up {
            return;
        }
        if self.queue.len() >= MAX_QUEUE
            && let Some(i) = self
                .queue
                .iter()
                .position(|p| p.seq.is_none() && p.event.get("event").and_then(Value::as_str) == Some("check-progress"))
        {
            self.queue.remove(i);
        }
        self.queue.push_back(Pending { seq: None, event });
    }

    /// One round: join if needed, send a batch (or check in). Returns whether it got through.
    async fn exchange(&mut self) -> bool {
        let Some(client) = self.client.clone() else {
            return false;
        };
        self.last_send = tokio::time::Instant::now();
        let result = self.try_exchange(&client).await;
        match result {
            Ok(()) => {
                self.reachable = true;
                self.busy = false;
                self.backoff = Duration::from_millis(200);
                true
            }
            Err(e) if e.is_transient() => {
                self.reachable = false;
                let away = matches!(e, HttpError::Unreachable { .. });
                self.busy = !away;
                if away && !self.warned {
                    self.warned = true;
                    self.inbox.push(crate::t!(
                        "class-unreachable",
                        url = self.link.url.as_str(),
                        why = short(&e)
                    ));
                }
                self.backoff = (self.backoff * 2).min(MAX_BACKOFF);
                false
            }
            Err(e) => {
                self.given_up = true;
                self.queue.clear();
                let error = match &e {
                    HttpError::Status { hint: Some(h), .. } => format!("{} ({h})", e.localized()),
                    _ => e.localized(),
                };
                self.inbox.push(crate::t!("class-not-reported", error = error));
                false
            }
        }
    }

    async fn try_exchange(&mut self, client: &HttpClient) -> Result<(), HttpError> {
        let token = match &self.saved.token {
            Some(t) => t.clone(),
            None => {
                let j: Joined = client
                    .post(
                        "/api/join",
                        None,
                        &JoinRequest {
                            code: self.link.code.clone(),
                            name: self.link.name.clone(),
                        },
                    )
                    .await?;
                self.saved.learner = Some(j.learner);
                self.saved.token = Some(j.token.clone());
                self.next_seq = Some(j.last_seq + 1);
                self.save();
                j.token
            }
        };
        if self.next_seq.is_none() {
            let me: Value = match client.get("/api/me", Some(&token)).await {
                Err(HttpError::Status { status: 403, .. }) => {
                    // The server forgot us (a new class in the same place): join again.
                    self.saved.token = None;
                    self.saved.learner = None;
                    for p in &mut self.queue {
                        p.seq = None;
                    }
                    return Box::pin(self.try_exchange(client)).await;
                }
                other => other?,
            };
            let last = me.get("last_seq").and_then(Value::as_u64).unwrap_or(0);
            let numbered = self.queue.iter().filter_map(|p| p.seq).max().unwrap_or(0);
            self.next_seq = Some(last.max(numbered) + 1);
        }
        let mut next = self.next_seq.unwrap_or(1);
        let take = self.queue.len().min(MAX_BATCH);
        for p in self.queue.iter_mut().take(take) {
            if p.seq.is_none() {
                p.seq = Some(next);
                next += 1;
            }
        }
        self.next_seq = Some(next);
        let batch = Batch {
            events: (self.queue.iter().take(take))
                .map(|p| Sequenced {
                    seq: p.seq.unwrap_or(0),
                    event: p.event.clone(),
                })
                .collect(),
            since: self.saved.since,
        };
        let accepted: Accepted = client.post("/api/events", Some(&token), &batch).await?;
        self.queue.drain(..take);
        for a in accepted.announcements {
            self.saved.since = self.saved.since.max(a.id);
            self.inbox.push((self.announce)(&a.text));
        }
        Ok(())
    }

    async fn finish(mut self, done: oneshot::Sender<()>) {
        // Whatever happened earlier in the run (an outage, a restart of the server, a 429),
        // try now: a server that is away answers at once (refused) or within the deadline,
        // a busy one is given its pause and tried again.
        if !self.given_up {
            let away = !self.reachable && !self.busy;
            let deadline = tokio::time::Instant::now() + if away { FINAL_TRY_AWAY } else { FINAL_FLUSH };
            let mut pause = Duration::from_millis(100);
            while !self.queue.is_empty() && tokio::time::Instant::now() < deadline {
                match tokio::time::timeout_at(deadline, self.exchange()).await {
                    Ok(true) => {}
                    Ok(false) if self.busy && !self.given_up => {
                        tokio::time::sleep_until(deadline.min(tokio::time::Instant::now() + pause)).await;
                        pause = (pause * 2).min(Duration::from_secs(1));
                    }
                    _ => break,
                }
            }
        }
        if !self.queue.is_empty() && !self.given_up {
            self.inbox.push(crate::t!(
                "class-not-sent-yet",
                count = self.queue.len(),
                path = path_of(&self.link).display().to_string()
            ));
        }
        self.save();
        let _ = done.send(());
    }

    fn save(&mut self) {
        self.saved.outbox = if self.given_up {
            Vec::new()
        } else {
            self.queue.iter().cloned().collect()
        };
        let path = path_of(&self.link);
        let write = || -> std::io::Result<()> {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let tmp = path.with_extension("json.tmp");
            std::fs::write(&tmp, serde_json::to_vec_pretty(&self.saved).unwrap_or_default())?;
            std::fs::rename(&tmp, &path)
        };
        if let Err(e) = write() {
            tracing::warn!("cannot save the class state to {}: {e}", path.display());
        }
    }
}

fn short(e: &HttpError) -> String {
    match e {
        HttpError::Status { status, .. } => crate::t!("class-it-answered", status = *status),
        other => other.localized(),
    }
}

/// `.workshop/class/<CODE>.json`.
pub fn path_of(link: &ClassLink) -> PathBuf {
    let code: String = link.code.chars().filter(char::is_ascii_alphanumeric).collect();
    link.dir.join(format!("{}.json", code.to_ascii_uppercase()))
}

fn load(path: &Path) -> Option<Saved> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::server::{self, ServeOptions};

    fn event(i: usize) -> Value {
        serde_json::json!({"event": "step-started", "step": format!("s{i}")})
    }

    async fn serve(dir: &Path) -> server::Running {
        server::start(&ServeOptions {
            listen: "127.0.0.1:0".parse().unwrap(),
            data: dir.join("class.db"),
            title: None,
            tls: None,
            public_url: None,
            scenario: None,
            lang_fixed: false,
        })
        .await
        .expect("the class server starts on loopback")
    }

    /// A learner whose server was away earlier in the run (warned, last try failed) and is
    /// back by the end: the end of the run sends what is left instead of keeping it.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_end_of_a_run_sends_what_is_left_after_an_outage() {
        let dir = tempfile::tempdir().unwrap();
        let running = serve(dir.path()).await;
        let link = ClassLink {
            url: running.url.clone(),
            code: running.state.class.code.clone(),
            name: "Olga".into(),
            dir: dir.path().join("learner"),
        };
        let mut task = Task::new(link.clone(), Arc::new(Inbox::default()), |t| t.to_owned());
        assert!(task.exchange().await, "joins");
        for i in 0..40 {
            task.push(event(i));
        }
        // What an outage earlier in the run leaves: warned, and the last try failed.
        task.warned = true;
        task.reachable = false;
        let learner = task.saved.learner.expect("joined");
        let (done, wait) = oneshot::channel();
        task.finish(done).await;
        wait.await.unwrap();
        assert_eq!(running.state.last_seq(learner).unwrap(), 40, "all 40 events stored");
        let saved = load(&path_of(&link)).unwrap();
        assert!(saved.outbox.is_empty(), "nothing left in the outbox");
        running.stop();
    }

    /// A server that stays away costs the end of a run at most FINAL_TRY_AWAY, and the events
    /// are kept for the next run.
    #[tokio::test]
    async fn an_away_server_keeps_the_events_for_the_next_run() {
        let dir = tempfile::tempdir().unwrap();
        // A port nothing listens on: bound, then closed.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let link = ClassLink {
            url: format!("http://127.0.0.1:{port}"),
            code: "ABC123".into(),
            name: "Bo".into(),
            dir: dir.path().to_path_buf(),
        };
        let mut task = Task::new(link.clone(), Arc::new(Inbox::default()), |t| t.to_owned());
        task.push(event(1));
        assert!(!task.exchange().await);
        let inbox = task.inbox.clone();
        let (done, wait) = oneshot::channel();
        task.finish(done).await;
        wait.await.unwrap();
        assert_eq!(load(&path_of(&link)).unwrap().outbox.len(), 1);
        let lines = inbox.take();
        assert!(lines.iter().any(|l| l.contains("unreachable")), "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains("1 event not sent yet; it is kept in")),
            "{lines:?}"
        );
    }
}
