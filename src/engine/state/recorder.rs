//! Records a running lab's progress as it happens: each change goes to the journal, and the
//! state file is rewritten whole only when the journal has grown as large as it (and on the
//! first write), so the bytes written over a lab grow linearly with its length.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::super::context::RunCtx;
use super::super::event::StepStatus;
use super::journal::{self, Change};
use super::{ClusterRecord, CreatedObject, State};

/// The journal is folded into the state file once it is this large, even if the file is smaller.
const MIN_JOURNAL: u64 = 16 * 1024;

/// Records completed steps of a running lab, writing after each change.
pub struct Recorder {
    path: PathBuf,
    inner: Mutex<Written>,
    /// The first write error, reported once.
    warned: Mutex<bool>,
}

/// The state and what is on disk of it.
struct Written {
    state: State,
    /// Whether this recorder wrote the state file yet (its first write is a whole file).
    started: bool,
    snapshot_bytes: u64,
    journal_bytes: u64,
}

impl Written {
    /// Applies `changes` and writes them: appended to the journal, or the whole file when
    /// the journal has grown as large as it. Returns the bytes written.
    fn record(&mut self, path: &Path, changes: &[Change], at: String) -> std::io::Result<u64> {
        for c in changes {
            c.apply(&mut self.state);
        }
        self.state.updated = at;
        if self.started && self.journal_bytes < self.snapshot_bytes.max(MIN_JOURNAL) {
            let n = journal::append(
                &journal::path_of(path),
                self.state.generation,
                &self.state.updated,
                changes,
            )?;
            self.journal_bytes += n;
            return Ok(n);
        }
        self.state.generation += 1;
        let n = super::save(path, &self.state)?;
        self.started = true;
        self.snapshot_bytes = n;
        self.journal_bytes = 0;
        Ok(n)
    }
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder").field("path", &self.path).finish()
    }
}

/// The change a captured value makes: its value, or only its name when it is secret.
fn capture(run: &RunCtx, name: &str, value: &str) -> Change {
    let secret = crate::redact::is_secret_name(name) || run.secrets.is_secret(value);
    Change::Captured {
        name: name.to_owned(),
        value: (!secret).then(|| value.to_owned()),
    }
}

impl Recorder {
    /// Starts from `state` (already matched to this cluster, or fresh).
    pub fn new(path: PathBuf, state: State) -> Recorder {
        Recorder {
            path,
            inner: Mutex::new(Written {
                state,
                started: false,
                snapshot_bytes: 0,
                journal_bytes: 0,
            }),
            warned: Mutex::new(false),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn snapshot(&self) -> State {
        self.inner.lock().expect("state lock").state.clone()
    }

    /// This attempt's id.
    pub fn attempt(&self) -> String {
        self.inner.lock().expect("state lock").state.attempt.clone()
    }

    /// A step starts: it is in progress until it completes.
    pub async fn step_started(&self, run: &RunCtx, id: &str) {
        let change = Change::Started {
            step: id.to_owned(),
            since: jiff::Timestamp::now().to_string(),
        };
        self.commit(run, |_| vec![change]).await;
    }

    /// A step created an object.
    pub async fn created(&self, run: &RunCtx, object: CreatedObject) {
        self.commit(run, |_| vec![Change::Created(object)]).await;
    }

    /// True when this attempt created the object with `uid`.
    pub fn created_uid(&self, uid: &str) -> bool {
        (self.inner.lock().expect("state lock").state.created)
            .iter()
            .any(|o| o.uid == uid)
    }

    /// The running step started a background process.
    pub async fn process_started(&self, run: &RunCtx, id: &str, description: &str) {
        let change = Change::Process {
            step: id.to_owned(),
            description: description.to_owned(),
        };
        self.commit(run, |_| vec![change]).await;
    }

    /// The running step's action finished (its checks follow).
    pub async fn action_done(&self, run: &RunCtx, id: &str) {
        let change = Change::ActionDone { step: id.to_owned() };
        self.commit(run, |_| vec![change]).await;
    }

    /// A value was captured (kept at once, so a resumed step finds what it took before).
    pub async fn captured(&self, run: &RunCtx, name: &str, value: &str) {
        let change = capture(run, name, value);
        self.commit(run, |_| vec![change]).await;
    }

    /// After a step: when it completed (passed, or already done) it is recorded, with the
    /// run's captures not recorded yet; otherwise it stays in progress.
    pub async fn step_finished(&self, run: &RunCtx, id: &str, status: &StepStatus) {
        let completed = matches!(status, StepStatus::Passed | StepStatus::AlreadyDone);
        let mut changes: Vec<Change> = run
            .captures()
            .iter()
            .map(|(name, value)| capture(run, name, value))
            .collect();
        if completed {
            changes.push(Change::Completed { step: id.to_owned() });
        }
        self.commit(run, |st| {
            changes.retain(|c| !c.is_recorded_in(st));
            changes
        })
        .await;
    }

    /// Folds the journal into the state file, so a run that ends (passed, failed or
    /// interrupted) leaves one complete file; a killed run leaves the journal for the next.
    pub fn settle(&self) {
        let mut w = self.inner.lock().expect("state lock");
        if w.journal_bytes == 0 {
            return;
        }
        w.state.generation += 1;
        match super::save(&self.path, &w.state) {
            Ok(n) => {
                w.snapshot_bytes = n;
                w.journal_bytes = 0;
            }
            Err(e) => tracing::warn!("cannot fold the resume journal into {}: {e}", self.path.display()),
        }
    }

    /// Applies the changes `make` gives for the current state and writes them, once the
    /// state can be tied to a cluster.
    async fn commit(&self, run: &RunCtx, make: impl FnOnce(&State) -> Vec<Change>) {
        let needs_identity = self.inner.lock().expect("state lock").state.cluster.is_none();
        let cluster = if needs_identity {
            match run.connection() {
                Some(conn) => conn.identity().await.map(|identity| ClusterRecord {
                    provider: run.provider.kind().as_str().to_owned(),
                    context: conn.context.clone(),
                    identity,
                }),
                None => None,
            }
        } else {
            None
        };
        let written = {
            let mut w = self.inner.lock().expect("state lock");
            if let Some(c) = cluster {
                w.state.cluster = Some(c);
            }
            let changes = make(&w.state);
            if w.state.cluster.is_none() {
                // No cluster yet (a step before start-cluster): nothing can be tied to one.
                for c in &changes {
                    c.apply(&mut w.state);
                }
                return;
            }
            if changes.is_empty() && w.started {
                return;
            }
            // Written under the lock: two writers never share the file or interleave lines.
            w.record(&self.path, &changes, jiff::Timestamp::now().to_string())
        };
        if let Err(e) = written {
            let mut warned = self.warned.lock().expect("warn lock");
            if !*warned {
                *warned = true;
                run.emit(crate::engine::event::Event::Note {
                    text: crate::t!(
                        "state-cannot-write",
                        path = self.path.display().to_string(),
                        error = crate::os_error::io(&e)
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh() -> Written {
        Written {
            state: State {
                lab: "lab".into(),
                cluster: Some(ClusterRecord {
                    provider: "existing".into(),
                    context: "ctx".into(),
                    identity: "uid".into(),
                }),
                ..State::default()
            },
            started: false,
            snapshot_bytes: 0,
            journal_bytes: 0,
        }
    }

    fn step(i: usize) -> [Change; 3] {
        let id = format!("step-{i:05}");
        [
            Change::Started {
                step: id.clone(),
                since: "2026-12-01T00:00:00Z".into(),
            },
            Change::Created(CreatedObject {
                step: id.clone(),
                api_version: "v1".into(),
                kind: "ConfigMap".into(),
                namespace: Some("default".into()),
                name: format!("cm-{i}"),
                uid: format!("0000-{i:08}"),
            }),
            Change::Completed { step: id },
        ]
    }

    /// What is read back after every write equals what was recorded; the bytes written for a
    /// 3000-step lab stay within a constant factor of what the journal lines themselves take
    /// (rewriting the whole file per change would write ~2 000× more).
    #[test]
    fn a_long_lab_writes_linearly_and_reads_back_what_it_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lab.json");
        let mut w = fresh();
        let (mut written, mut lines) = (0u64, 0u64);
        for i in 0..3000 {
            for c in step(i) {
                written += w.record(&path, std::slice::from_ref(&c), "t".into()).unwrap();
                lines += serde_json::to_string(&c).unwrap().len() as u64 + 40;
            }
            if i % 997 == 0 {
                assert_eq!(
                    super::super::load(&path).unwrap().as_ref(),
                    Some(&w.state),
                    "after step {i}"
                );
            }
        }
        assert_eq!(super::super::load(&path).unwrap().as_ref(), Some(&w.state));
        assert_eq!(w.state.completed.len(), 3000);
        assert!(
            written < 4 * lines,
            "wrote {written} bytes for {lines} bytes of changes"
        );
        super::super::clear(&path).unwrap();
        assert!(!journal::path_of(&path).exists() && !path.exists());
    }

    #[test]
    fn settling_leaves_one_complete_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lab.json");
        let rec = Recorder::new(path.clone(), fresh().state);
        {
            let mut w = rec.inner.lock().unwrap();
            for i in 0..3 {
                w.record(&path, &step(i), "t".into()).unwrap();
            }
        }
        assert!(
            journal::path_of(&path).exists(),
            "changes after the first went to the journal"
        );
        rec.settle();
        assert!(!journal::path_of(&path).exists());
        let text = std::fs::read_to_string(&path).unwrap();
        let on_disk: State = serde_json::from_str(&text).unwrap();
        assert_eq!(on_disk, rec.snapshot());
        assert_eq!(on_disk.completed.len(), 3);
    }
}
