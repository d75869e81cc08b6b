//! Resume state: which steps of a lab completed against which cluster, the values they
//! captured, the step that was running when the run stopped and what it had done (objects it
//! created, with their uid; background processes it started), in `.workshop/state/<lab-id>.json`
//! under the current directory. Written as things happen, atomically (a temporary file
//! renamed over the old one), so an interrupted run never leaves half a file.
//!
//! `attempt` names one attempt at the lab, from a fresh start to the end, across resumes;
//! objects it creates carry it in their `workshop/attempt` annotation, so a resumed run adopts
//! what it created even when it was killed before it could write the uid down.
//!
//! A cluster is the same cluster when its provider and identity (the uid of its `kube-system`
//! namespace) match; the kube context is recorded for messages. The embedded rehearsal
//! cluster is new on every run, so its state can never be resumed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::plan::Captures;

use super::context::RunCtx;
use super::event::StepStatus;

/// The cluster a state belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterRecord {
    pub provider: String,
    /// The kube context (`mc-demo`, `workshop-rehearsal`).
    pub context: String,
    /// The uid of the `kube-system` namespace.
    pub identity: String,
}

impl ClusterRecord {
    pub fn same_cluster(&self, other: &ClusterRecord) -> bool {
        self.provider == other.provider && self.identity == other.identity
    }

    pub fn describe(&self) -> String {
        format!(
            "{} cluster, context {}, kube-system uid {}",
            self.provider, self.context, self.identity
        )
    }
}

/// What `.workshop/state/<lab>.json` holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub lab: String,
    /// The scenario file as it was named on the command line.
    pub scenario: String,
    pub cluster: Option<ClusterRecord>,
    /// Completed steps, in the order they completed.
    pub completed: Vec<String>,
    /// Every value captured so far (`mongo_uid`, `player`, …), except secret ones.
    pub captures: Captures,
    /// Captures not written because their values are secret (docs/security.md): on resume the
    /// steps that took them run again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<String>,
    /// When it was last written (RFC 3339).
    pub updated: String,
    /// This attempt at the lab (a random id; a fresh run starts a new one).
    #[serde(default)]
    pub attempt: String,
    /// The step that started and has not completed (interrupted, failed), and what it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_progress: Option<InProgress>,
    /// Objects this attempt created, in order.
    #[serde(default)]
    pub created: Vec<CreatedObject>,
}

/// A step that started and did not complete.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InProgress {
    pub step: String,
    /// When it started (RFC 3339).
    pub since: String,
    /// Background processes it started.
    #[serde(default)]
    pub processes: Vec<String>,
    /// Its action finished; it was cut off in its checks.
    #[serde(default)]
    pub action_done: bool,
}

/// An object a step created.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedObject {
    pub step: String,
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub namespace: Option<String>,
    pub name: String,
    pub uid: String,
}

impl State {
    pub fn completed_set(&self) -> HashSet<String> {
        self.completed.iter().cloned().collect()
    }

    /// The completed steps a resume can build on: those whose captures were all written (a
    /// step that took a secret capture runs again, to take it again).
    pub fn resumable(&self, scenario: &crate::scenario::Scenario) -> HashSet<String> {
        let retake: HashSet<&str> = scenario
            .steps
            .iter()
            .filter(|s| s.captures.iter().any(|c| self.withheld.contains(&c.name)))
            .map(|s| s.id.as_str())
            .collect();
        self.completed
            .iter()
            .filter(|id| !retake.contains(id.as_str()))
            .cloned()
            .collect()
    }

    /// Steps that ran against this cluster: completed, or started and cut off.
    pub fn ran(&self) -> HashSet<String> {
        let mut ran = self.completed_set();
        ran.extend(self.in_progress.as_ref().map(|p| p.step.clone()));
        ran
    }
}

/// Records a captured value, unless it is secret: then only its name, as withheld.
fn keep_capture(st: &mut State, run: &RunCtx, name: String, value: String) {
    if crate::redact::is_secret_name(&name) || run.secrets.is_secret(&value) {
        st.captures.remove(&name);
        if !st.withheld.contains(&name) {
            st.withheld.push(name);
        }
    } else {
        st.captures.insert(name, value);
    }
}

/// A new attempt id.
pub fn new_attempt() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `.workshop/state/<lab>.json` under the current directory.
pub fn path_for(lab: &str) -> PathBuf {
    Path::new(".workshop").join("state").join(format!("{lab}.json"))
}

/// Reads a state file; `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<State>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
            format!(
                "{} is not a workshop state file ({e}); delete it to start over",
                path.display()
            )
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Writes `state` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn save(path: &Path, state: &State) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("state"),
        std::process::id()
    ));
    let mut text = serde_json::to_string_pretty(state).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Removes a state file; a missing one is fine.
pub fn clear(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Records completed steps of a running lab, writing the file after each one.
pub struct Recorder {
    path: PathBuf,
    state: Mutex<State>,
    /// The first write error, reported once.
    warned: Mutex<bool>,
}

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recorder").field("path", &self.path).finish()
    }
}

impl Recorder {
    /// Starts from `state` (already matched to this cluster, or fresh).
    pub fn new(path: PathBuf, state: State) -> Recorder {
        Recorder {
            path,
            state: Mutex::new(state),
            warned: Mutex::new(false),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn snapshot(&self) -> State {
        self.state.lock().expect("state lock").clone()
    }

    /// This attempt's id.
    pub fn attempt(&self) -> String {
        self.state.lock().expect("state lock").attempt.clone()
    }

    /// A step starts: it is in progress until it completes.
    pub async fn step_started(&self, run: &RunCtx, id: &str) {
        self.commit(run, |st| {
            st.in_progress = Some(InProgress {
                step: id.to_owned(),
                since: jiff::Timestamp::now().to_string(),
                processes: Vec::new(),
                action_done: false,
            });
        })
        .await;
    }

    /// A step created an object.
    pub async fn created(&self, run: &RunCtx, object: CreatedObject) {
        self.commit(run, |st| {
            st.created.retain(|o| o.uid != object.uid);
            st.created.push(object);
        })
        .await;
    }

    /// True when this attempt created the object with `uid`.
    pub fn created_uid(&self, uid: &str) -> bool {
        self.state
            .lock()
            .expect("state lock")
            .created
            .iter()
            .any(|o| o.uid == uid)
    }

    /// The running step started a background process.
    pub async fn process_started(&self, run: &RunCtx, id: &str, description: &str) {
        self.commit(run, |st| {
            if let Some(p) = st.in_progress.as_mut().filter(|p| p.step == id) {
                p.processes.push(description.to_owned());
            }
        })
        .await;
    }

    /// The running step's action finished (its checks follow).
    pub async fn action_done(&self, run: &RunCtx, id: &str) {
        self.commit(run, |st| {
            if let Some(p) = st.in_progress.as_mut().filter(|p| p.step == id) {
                p.action_done = true;
            }
        })
        .await;
    }

    /// A value was captured (kept at once, so a resumed step finds what it took before).
    pub async fn captured(&self, run: &RunCtx, name: &str, value: &str) {
        self.commit(run, |st| {
            keep_capture(st, run, name.to_owned(), value.to_owned());
        })
        .await;
    }

    /// After a step: when it completed (passed, or already done) it is recorded, with the
    /// run's captures; otherwise it stays in progress.
    pub async fn step_finished(&self, run: &RunCtx, id: &str, status: &StepStatus) {
        let completed = matches!(status, StepStatus::Passed | StepStatus::AlreadyDone);
        self.commit(run, |st| {
            if completed {
                if !st.completed.iter().any(|c| c == id) {
                    st.completed.push(id.to_owned());
                }
                if st.in_progress.as_ref().is_some_and(|p| p.step == id) {
                    st.in_progress = None;
                }
            }
            for (name, value) in run.captures() {
                keep_capture(st, run, name, value);
            }
        })
        .await;
    }

    /// Changes the state and writes the file, once it can be tied to a cluster.
    async fn commit(&self, run: &RunCtx, change: impl FnOnce(&mut State)) {
        let needs_identity = self.state.lock().expect("state lock").cluster.is_none();
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
        let saved = {
            let mut st = self.state.lock().expect("state lock");
            if let Some(c) = cluster {
                st.cluster = Some(c);
            }
            change(&mut st);
            if st.cluster.is_none() {
                // No cluster yet (a step before start-cluster): nothing can be tied to one.
                return;
            }
            st.updated = jiff::Timestamp::now().to_string();
            // Written under the lock: two writers never share the temporary file.
            save(&self.path, &st)
        };
        if let Err(e) = saved {
            let mut warned = self.warned.lock().expect("warn lock");
            if !*warned {
                *warned = true;
                run.emit(super::event::Event::Note {
                    text: format!(
                        "warning: cannot write the resume state {}: {e}; --resume will not know this run",
                        self.path.display()
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_is_atomic_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state").join("lab.json");
        let mut st = State {
            lab: "lab".into(),
            scenario: "lab.toml".into(),
            cluster: Some(ClusterRecord {
                provider: "existing".into(),
                context: "ctx".into(),
                identity: "uid-1".into(),
            }),
            completed: vec!["a".into()],
            ..State::default()
        };
        st.captures.insert("x".into(), "1".into());
        save(&path, &st).unwrap();
        assert_eq!(load(&path).unwrap(), Some(st));
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("lab.json")]);
        assert!(clear(&path).unwrap());
        assert!(!clear(&path).unwrap());
        assert_eq!(load(&path).unwrap(), None);
    }
}
