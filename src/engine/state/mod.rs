//! Resume state: which steps of a lab completed against which cluster, the values they
//! captured, the step that was running when the run stopped and what it had done (objects it
//! created, with their uid; background processes it started), in `.workshop/state/<lab-id>.json`
//! under the current directory. Written as things happen: each change is one line appended to
//! `<lab-id>.journal` beside it, and the whole file is rewritten (atomically: a temporary file
//! renamed over the old one) only when the journal has grown as large as it, so a lab of N
//! steps costs O(N) bytes written, not O(N²), and an interrupted run never leaves half a file
//! (a torn last journal line is ignored). See `journal` and `recorder`.
//!
//! `attempt` names one attempt at the lab, from a fresh start to the end, across resumes;
//! objects it creates carry it in their `workshop/attempt` annotation, so a resumed run adopts
//! what it created even when it was killed before it could write the uid down.
//!
//! A cluster is the same cluster when its provider and identity (the uid of its `kube-system`
//! namespace) match; the kube context is recorded for messages. The embedded rehearsal
//! cluster is new on every run, so its state can never be resumed.

mod journal;
mod recorder;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::plan::Captures;

pub use journal::Change;
pub use recorder::Recorder;

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
        crate::t!(
            "state-cluster",
            provider = self.provider.as_str(),
            context = self.context.as_str(),
            uid = self.identity.to_string()
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
    /// Which journal lines belong to this snapshot: those written with the same generation
    /// (older ones are already in it).
    #[serde(default)]
    pub generation: u64,
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

/// A new attempt id.
pub fn new_attempt() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `.workshop/state/<lab>.json` under the current directory.
pub fn path_for(lab: &str) -> PathBuf {
    Path::new(".workshop").join("state").join(format!("{lab}.json"))
}

/// Reads a state file and the journal lines written since; `Ok(None)` when there is none.
pub fn load(path: &Path) -> Result<Option<State>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let mut st: State = serde_json::from_str(&text).map_err(|e| {
                crate::t!(
                    "state-not-a-state-file",
                    path = path.display().to_string(),
                    error = e.to_string()
                )
            })?;
            journal::replay(&journal::path_of(path), &mut st);
            Ok(Some(st))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(crate::t!(
            "state-cannot-read",
            path = path.display().to_string(),
            error = crate::os_error::io(&e)
        )),
    }
}

/// Writes `state` to `path` atomically (a temporary file in the same folder, then a rename)
/// and removes the journal it now holds; returns the bytes written.
pub fn save(path: &Path, state: &State) -> std::io::Result<u64> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("state"),
        std::process::id()
    ));
    let mut text = serde_json::to_string_pretty(state).map_err(std::io::Error::other)?;
    text.push('\n');
    std::fs::write(&tmp, &text)?;
    std::fs::rename(&tmp, path)?;
    // Lines of an older generation are ignored even if this fails.
    remove(&journal::path_of(path))?;
    Ok(text.len() as u64)
}

fn remove(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Removes a state file and its journal; a missing one is fine.
pub fn clear(path: &Path) -> std::io::Result<bool> {
    remove(&journal::path_of(path))?;
    remove(path)
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
