//! Processes a run leaves behind when it cannot stop them itself (it was killed with SIGKILL,
//! or crashed). While a run lives, `.workshop/runs/PID.json` (under the folder it runs from)
//! records it and every child it has running: PID (= process group), start time and command.
//! At the next start of `workshop run` or `reset` there, the records of runs that are gone are
//! swept: their process groups still running, and still ours, are stopped (SIGTERM, then
//! SIGKILL after the grace period), with a line saying so.
//!
//! A group is ours while its leader is the very process recorded (same start time, same boot)
//! or, once the leader is gone, while processes remain in it: a group id is not reused while
//! any member lives. Direct children also die with `workshop` through `PR_SET_PDEATHSIG`;
//! the record is for what they started in their groups.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::process::{self, ChildRecord, Stopped};
use super::procinfo::{self, StartStamp};

/// The folder of the records, under the current directory.
pub fn dir() -> PathBuf {
    Path::new(".workshop").join("runs")
}

/// What `.workshop/runs/PID.json` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    pub pid: i32,
    /// When this `workshop` started, so a reused PID is not taken for it.
    pub started: Option<StartStamp>,
    /// Its command line.
    pub command: String,
    /// When it started (RFC 3339).
    pub since: String,
    /// Its children running now.
    pub children: Vec<ChildRecord>,
}

impl RunRecord {
    /// This process, now.
    pub fn this_process() -> RunRecord {
        let pid = std::process::id() as i32;
        RunRecord {
            pid,
            started: procinfo::start_stamp(pid),
            command: this_command(),
            since: jiff::Timestamp::now().to_string(),
            children: Vec::new(),
        }
    }

    /// True while the recorded `workshop` still runs.
    pub fn is_running(&self) -> bool {
        match &self.started {
            Some(stamp) => procinfo::is_same_process(self.pid, stamp),
            // Without start times (not Linux), a live PID is taken to be it.
            None => {
                // SAFETY: kill(2) with signal 0 only checks that the process exists.
                unsafe { libc::kill(self.pid, 0) == 0 }
            }
        }
    }
}

/// `workshop run scenarios/day55.toml --resume`, as this process was started.
pub fn this_command() -> String {
    let mut args: Vec<String> = std::env::args().collect();
    if let Some(first) = args.first_mut()
        && let Some(name) = Path::new(first.as_str()).file_name()
    {
        *first = name.to_string_lossy().into_owned();
    }
    crate::plan::command::shell_join(&args)
}

/// This run's record, kept current while it lives and removed when dropped.
pub struct Journal {
    path: PathBuf,
    record: Arc<Mutex<RunRecord>>,
}

impl Journal {
    /// Writes the record and keeps its list of children current from now on.
    pub fn start() -> std::io::Result<Journal> {
        let record = RunRecord::this_process();
        let path = dir().join(format!("{}.json", record.pid));
        write(&path, &record)?;
        let shared = Arc::new(Mutex::new(record));
        let (sink_path, sink_record) = (path.clone(), shared.clone());
        process::watch_children(Some(Box::new(move |children| {
            let mut r = sink_record.lock().unwrap_or_else(|p| p.into_inner());
            r.children = children.to_vec();
            if let Err(e) = write(&sink_path, &r) {
                tracing::warn!("cannot update {}: {e}", sink_path.display());
            }
        })));
        Ok(Journal { path, record: shared })
    }

    pub fn snapshot(&self) -> RunRecord {
        self.record.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        process::watch_children(None);
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Writes a record atomically: a temporary file, then a rename.
fn write(path: &Path, record: &RunRecord) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{}.tmp", record.pid));
    std::fs::write(&tmp, serde_json::to_vec_pretty(record).map_err(std::io::Error::other)?)?;
    std::fs::rename(&tmp, path)
}

/// The PID of a record's temporary file (`.PID.tmp`, see [`write`]).
fn temporary_of(path: &Path) -> Option<i32> {
    let name = path.file_name()?.to_str()?;
    name.strip_prefix('.')?.strip_suffix(".tmp")?.parse().ok()
}

/// True when the group of `child` still runs something and is the group recorded.
pub fn is_ours(child: &ChildRecord) -> bool {
    let members = procinfo::group_members(child.pid);
    if members.is_empty() {
        return false;
    }
    match (members.iter().find(|m| m.pid == child.pid), &child.started) {
        // The leader runs: ours only if it is the process that was recorded.
        (Some(leader), Some(stamp)) => leader.start_ticks == stamp.ticks && stamp.boot_id == procinfo::boot_id(),
        (Some(_), None) => false,
        // The leader is gone and its group lives on: what it started.
        (None, Some(stamp)) => stamp.boot_id == procinfo::boot_id(),
        (None, None) => false,
    }
}

/// Stops what runs gone from this folder left running and forgets their records; returns a
/// line for each run that left something.
pub async fn sweep() -> Vec<String> {
    sweep_in(&dir()).await
}

async fn sweep_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let me = std::process::id() as i32;
    let mut notes = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if let Some(pid) = temporary_of(&path) {
            // A run killed while it wrote its record leaves `.PID.tmp` behind.
            // SAFETY: kill(2) with signal 0 only checks that the process exists.
            if pid != me && unsafe { libc::kill(pid, 0) } != 0 {
                let _ = std::fs::remove_file(&path);
            }
            continue;
        }
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let record: RunRecord = match std::fs::read(&path).map(|b| serde_json::from_slice(&b)) {
            Ok(Ok(r)) => r,
            // Half a file cannot be: records are renamed into place. Something else: leave it.
            _ => continue,
        };
        if record.pid == me || record.is_running() {
            continue;
        }
        let ours: Vec<&ChildRecord> = record.children.iter().filter(|c| is_ours(c)).collect();
        let stops = ours.iter().map(|c| process::stop_group(c.pid));
        let results = futures::future::join_all(stops).await;
        if !ours.is_empty() {
            let what: Vec<String> = ours
                .iter()
                .zip(results)
                .map(|(c, how)| {
                    crate::t!(
                        "leftovers-process",
                        command = c.command.as_str(),
                        group = c.pid.to_string(),
                        killed = if matches!(how, Stopped::Killed) { "yes" } else { "no" }
                    )
                })
                .collect();
            notes.push(crate::t!(
                "leftovers-stopped",
                pid = record.pid.to_string(),
                command = record.command.as_str(),
                since = record.since.to_string(),
                stopped = what.join(", ")
            ));
        }
        let _ = std::fs::remove_file(&path);
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_temporary_record_of_a_dead_run_is_removed_and_a_live_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A PID that is not running: a child that has been waited for.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        let dead = dir.path().join(format!(".{gone}.tmp"));
        let live = dir.path().join(format!(".{}.tmp", std::process::id()));
        std::fs::write(&dead, "{").unwrap();
        std::fs::write(&live, "{").unwrap();
        assert!(sweep_in(dir.path()).await.is_empty());
        assert!(!dead.exists(), "a killed run's half-written record is removed");
        assert!(live.exists(), "a running one's is not touched");
    }

    #[tokio::test]
    async fn a_dead_run_s_processes_are_stopped_and_its_record_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        // A group that outlives its leader: `sh` starts a sleep in the background and exits.
        let marker = format!("{}", 7_000_000 + std::process::id() % 1_000_000);
        let mut cmd = std::process::Command::new("/bin/sh");
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut sh = cmd
            .args(["-c", &format!("sleep {marker} & echo $!")])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let pgid = sh.id() as i32;
        let stamp = procinfo::start_stamp(pgid).expect("sh runs");
        sh.wait().unwrap();
        assert!(procinfo::group_alive(pgid), "the sleep lives on in the group");
        let dead = RunRecord {
            pid: 999_999,
            started: Some(StartStamp {
                boot_id: procinfo::boot_id(),
                ticks: 1,
            }),
            command: "workshop run lab.toml".into(),
            since: "2025-01-01T00:00:00Z".into(),
            children: vec![ChildRecord {
                pid: pgid,
                started: Some(stamp),
                command: format!("sh -c 'sleep {marker} &'"),
            }],
        };
        let alive = RunRecord::this_process();
        write(&dir.path().join("999999.json"), &dead).unwrap();
        write(&dir.path().join("self.json"), &alive).unwrap();
        let notes = sweep_in(dir.path()).await;
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].contains("an earlier run (PID 999999, `workshop run lab.toml`"),
            "{notes:?}"
        );
        assert!(notes[0].contains(&format!("(process group {pgid})")), "{notes:?}");
        assert!(!procinfo::group_alive(pgid));
        assert!(!dir.path().join("999999.json").exists());
        assert!(dir.path().join("self.json").exists(), "a live run's record stays");
    }

    #[test]
    fn a_group_is_ours_only_if_its_leader_started_when_recorded() {
        let mut cmd = std::process::Command::new("sleep");
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.arg("1000").spawn().unwrap();
        let pid = child.id() as i32;
        let stamp = procinfo::start_stamp(pid).unwrap();
        let record = |ticks: u64| ChildRecord {
            pid,
            started: Some(StartStamp { ticks, ..stamp.clone() }),
            command: "sleep 1000".into(),
        };
        assert!(is_ours(&record(stamp.ticks)));
        assert!(!is_ours(&record(stamp.ticks + 7)), "a reused PID is someone else's");
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(!is_ours(&record(stamp.ticks)), "nothing runs any more");
    }
}
