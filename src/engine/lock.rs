//! One run per lab at a time. `workshop run` (on a cluster whose progress is recorded) and
//! `workshop reset` hold `.workshop/state/LAB.lock`, beside the lab's state file, for as long
//! as they run: an exclusive `flock(2)`, which the kernel releases when the process ends,
//! however it ends. The file names the holder (PID, command, since when), so a second run
//! refuses with that information. A file left by a run that is gone (it was killed) holds no
//! lock: it is taken over, with a line saying so.

use std::fs::File;
use std::io::{Read, Seek, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::EngineError;
use super::leftovers::RunRecord;

/// `.workshop/state/LAB.lock` under the current directory.
pub fn path_for(lab: &str) -> PathBuf {
    path_in(&Path::new(".workshop").join("state"), lab)
}

fn path_in(dir: &Path, lab: &str) -> PathBuf {
    dir.join(format!("{lab}.lock"))
}

/// Who holds a lab's lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub pid: i32,
    pub command: String,
    /// RFC 3339.
    pub since: String,
}

impl Holder {
    fn describe(&self) -> String {
        crate::t!(
            "lock-holder",
            pid = self.pid.to_string(),
            command = self.command.as_str(),
            since = self.since.to_string()
        )
    }
}

/// A held lock; dropping it releases it and removes the file.
#[derive(Debug)]
pub struct LabLock {
    file: File,
    path: PathBuf,
}

impl LabLock {
    /// Takes the lock of `lab`. Returns it and, when a run that is gone left the file, a line
    /// saying it was taken over.
    pub fn acquire(lab: &str) -> Result<(LabLock, Option<String>), EngineError> {
        LabLock::acquire_in(&Path::new(".workshop").join("state"), lab)
    }

    /// The same, in `dir` instead of `.workshop/state`.
    pub fn acquire_in(dir: &Path, lab: &str) -> Result<(LabLock, Option<String>), EngineError> {
        let path = path_in(dir, lab);
        let io = |e: std::io::Error| EngineError::Lock {
            path: path.display().to_string(),
            message: crate::os_error::io(&e),
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        loop {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            // SAFETY: flock(2) on a file descriptor we own; no memory is involved.
            let rc = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
            let previous = read_holder(&mut file);
            if rc != 0 {
                let err = std::io::Error::last_os_error();
                if err.raw_os_error() != Some(libc::EWOULDBLOCK) {
                    return Err(io(err));
                }
                let holder = previous
                    .map(|h| h.describe())
                    .unwrap_or_else(|| crate::t!("lock-holder-starting"));
                return Err(EngineError::Busy {
                    lab: lab.to_owned(),
                    holder,
                    hint: crate::t!("lock-busy-hint", path = path.display().to_string()),
                });
            }
            // The holder before us may have removed the file between our open and our lock:
            // then we hold a lock on a file nobody else will open. Try again.
            let same = match (file.metadata(), std::fs::metadata(&path)) {
                (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
                _ => false,
            };
            if !same {
                continue;
            }
            let me = RunRecord::this_process();
            let holder = Holder {
                pid: me.pid,
                command: me.command,
                since: me.since,
            };
            let text = serde_json::to_vec_pretty(&holder).map_err(|e| io(std::io::Error::other(e)))?;
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            file.write_all(&text).map_err(io)?;
            let note = previous.filter(|p| p.pid != holder.pid).map(|p| {
                crate::t!(
                    "lock-taken-over",
                    lab = lab,
                    path = path.display().to_string(),
                    holder = p.describe()
                )
            });
            return Ok((LabLock { file, path }, note));
        }
    }
}

impl Drop for LabLock {
    fn drop(&mut self) {
        // Removed while still locked, so a newcomer either finds no file or finds ours gone.
        let _ = std::fs::remove_file(&self.path);
        // SAFETY: flock(2) on our own descriptor.
        unsafe {
            libc::flock(self.file.as_raw_fd(), libc::LOCK_UN);
        }
    }
}

fn read_holder(file: &mut File) -> Option<Holder> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.read_to_string(&mut text).ok()?;
    serde_json::from_str(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_with_the_first_ones_name() {
        let dir = tempfile::tempdir().unwrap();
        let (lock, note) = LabLock::acquire_in(dir.path(), "lab").unwrap();
        assert_eq!(note, None);
        // flock locks belong to the open file: a second open in this process conflicts too.
        let err = LabLock::acquire_in(dir.path(), "lab").unwrap_err();
        let EngineError::Busy { holder, .. } = &err else {
            panic!("busy expected, got {err}")
        };
        assert!(holder.contains(&format!("PID {}", std::process::id())), "{holder}");
        drop(lock);
        assert!(!path_in(dir.path(), "lab").exists());
        let (_again, note) = LabLock::acquire_in(dir.path(), "lab").unwrap();
        assert_eq!(note, None);
    }

    #[test]
    fn a_file_left_by_a_dead_run_is_taken_over_with_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let dead = Holder {
            pid: 999_999,
            command: "workshop run lab.toml".into(),
            since: "2025-01-01T00:00:00Z".into(),
        };
        std::fs::write(path_in(dir.path(), "lab"), serde_json::to_vec(&dead).unwrap()).unwrap();
        let (_lock, note) = LabLock::acquire_in(dir.path(), "lab").unwrap();
        let note = note.expect("a takeover line");
        assert!(note.contains("took over the lock of lab `lab`"), "{note}");
        assert!(note.contains("PID 999999, `workshop run lab.toml`"), "{note}");
        let now: Holder = serde_json::from_slice(&std::fs::read(path_in(dir.path(), "lab")).unwrap()).unwrap();
        assert_eq!(now.pid, std::process::id() as i32);
    }
}
