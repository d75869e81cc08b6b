//! The resume state's journal: `<lab>.journal` beside `<lab>.json`, one JSON line per change
//! made since the snapshot was written, each tagged with the snapshot's generation. Reading
//! applies the lines of the snapshot's generation in order and stops at the first line that
//! does not parse (the torn end of a write cut off by a crash).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{CreatedObject, InProgress, State};

/// One change to the state, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// A step started (it is in progress until it completes).
    Started { step: String, since: String },
    /// The running step started a background process.
    Process { step: String, description: String },
    /// The running step's action finished.
    ActionDone { step: String },
    /// A step created an object.
    Created(CreatedObject),
    /// A value was captured; `None` when it is secret and only its name is kept (withheld).
    Captured { name: String, value: Option<String> },
    /// A step completed.
    Completed { step: String },
}

impl Change {
    /// Applies the change; applying it twice changes nothing more, except `Process`.
    pub fn apply(&self, st: &mut State) {
        match self {
            Change::Started { step, since } => {
                st.in_progress = Some(InProgress {
                    step: step.clone(),
                    since: since.clone(),
                    processes: Vec::new(),
                    action_done: false,
                });
            }
            Change::Process { step, description } => {
                if let Some(p) = st.in_progress.as_mut().filter(|p| &p.step == step) {
                    p.processes.push(description.clone());
                }
            }
            Change::ActionDone { step } => {
                if let Some(p) = st.in_progress.as_mut().filter(|p| &p.step == step) {
                    p.action_done = true;
                }
            }
            Change::Created(object) => {
                st.created.retain(|o| o.uid != object.uid);
                st.created.push(object.clone());
            }
            Change::Captured {
                name,
                value: Some(value),
            } => {
                st.captures.insert(name.clone(), value.clone());
            }
            Change::Captured { name, value: None } => {
                st.captures.remove(name);
                if !st.withheld.contains(name) {
                    st.withheld.push(name.clone());
                }
            }
            Change::Completed { step } => {
                if !st.completed.contains(step) {
                    st.completed.push(step.clone());
                }
                if st.in_progress.as_ref().is_some_and(|p| &p.step == step) {
                    st.in_progress = None;
                }
            }
        }
    }

    /// Whether applying it would change nothing (a capture already recorded as it is).
    pub fn is_recorded_in(&self, st: &State) -> bool {
        match self {
            Change::Captured { name, value: Some(v) } => st.captures.get(name) == Some(v),
            Change::Captured { name, value: None } => st.withheld.contains(name) && !st.captures.contains_key(name),
            Change::Completed { step } => {
                st.completed.contains(step) && st.in_progress.as_ref().is_none_or(|p| &p.step != step)
            }
            _ => false,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Line {
    generation: u64,
    /// When it was written (RFC 3339): the state's `updated` after it.
    at: String,
    change: Change,
}

/// `<lab>.journal` beside `<lab>.json`.
pub fn path_of(state: &Path) -> PathBuf {
    state.with_extension("journal")
}

/// Appends `changes` for the snapshot of `generation`; returns the bytes written.
pub fn append(path: &Path, generation: u64, at: &str, changes: &[Change]) -> std::io::Result<u64> {
    let mut text = String::new();
    for change in changes {
        let line = Line {
            generation,
            at: at.to_owned(),
            change: change.clone(),
        };
        text.push_str(&serde_json::to_string(&line).map_err(std::io::Error::other)?);
        text.push('\n');
    }
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    // One write per commit: a crash tears at most its last line.
    file.write_all(text.as_bytes())?;
    Ok(text.len() as u64)
}

/// Applies the journal's lines of `st.generation` to `st`.
pub fn replay(path: &Path, st: &mut State) {
    let Ok(file) = std::fs::File::open(path) else {
        return;
    };
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        let Ok(line) = serde_json::from_str::<Line>(&line) else {
            break;
        };
        if line.generation == st.generation {
            line.change.apply(st);
            st.updated = line.at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn started(step: &str) -> Change {
        Change::Started {
            step: step.into(),
            since: "t".into(),
        }
    }

    #[test]
    fn lines_of_the_snapshots_generation_are_replayed_and_a_torn_end_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let state = dir.path().join("lab.json");
        let journal = path_of(&state);
        let mut st = State {
            generation: 2,
            ..State::default()
        };
        append(&journal, 1, "old", &[Change::Completed { step: "stale".into() }]).unwrap();
        append(
            &journal,
            2,
            "t1",
            &[started("a"), Change::Completed { step: "a".into() }],
        )
        .unwrap();
        append(
            &journal,
            2,
            "t2",
            &[Change::Captured {
                name: "uid".into(),
                value: Some("1".into()),
            }],
        )
        .unwrap();
        // A crash in the middle of the next write.
        let mut f = std::fs::OpenOptions::new().append(true).open(&journal).unwrap();
        f.write_all(br#"{"generation":2,"at":"t3","change":{"completed":{"st"#)
            .unwrap();
        replay(&journal, &mut st);
        assert_eq!(st.completed, vec!["a".to_owned()]);
        assert_eq!(st.in_progress, None);
        assert_eq!(st.captures.get("uid").map(String::as_str), Some("1"));
        assert_eq!(st.updated, "t2");
    }

    #[test]
    fn a_secret_capture_is_withheld_by_name() {
        let mut st = State::default();
        st.captures.insert("token".into(), "old".into());
        let c = Change::Captured {
            name: "token".into(),
            value: None,
        };
        assert!(!c.is_recorded_in(&st));
        c.apply(&mut st);
        assert!(c.is_recorded_in(&st));
        assert!(st.captures.is_empty());
        assert_eq!(st.withheld, vec!["token".to_owned()]);
    }
}
