//! A `workshop` run watched while it runs, for tests that interrupt it: its output arrives
//! line by line, a test waits for a line, sends a signal, and collects the end. Every process
//! the run starts inherits a marker in its environment, so [`Live::leftovers`] finds any of
//! them still running (in `/proc`) after the run ended.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use super::BIN;

/// The environment variable that marks every process of one watched run.
pub const MARK_VAR: &str = "WORKSHOP_TEST_RUN";

static NEXT: AtomicUsize = AtomicUsize::new(0);

pub struct Live {
    child: Option<Child>,
    lines: Receiver<String>,
    seen: Vec<String>,
    mark: String,
    command: String,
}

/// How a watched run ended.
pub struct Ended {
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    /// stdout and stderr, interleaved as they came.
    pub output: String,
}

impl Live {
    /// Starts `workshop --color never ARGS` in `dir` with stdin closed.
    pub fn start(dir: &Path, args: &[&str]) -> Live {
        Live::start_with(dir, args, &[])
    }

    pub fn start_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Live {
        let mark = format!(
            "{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.subsec_nanos())
        );
        let mut cmd = Command::new(BIN);
        cmd.args(["--color", "never"])
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env(MARK_VAR, &mark)
            .env(super::DATA_DIR_VAR, dir.join(".workshop-data"))
            .env_remove("RUST_LOG")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start workshop");
        let (tx, rx) = channel();
        for stream in [
            Box::new(child.stdout.take().expect("piped")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("piped")),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Live {
            child: Some(child),
            lines: rx,
            seen: Vec::new(),
            mark,
            command: format!("workshop {}", args.join(" ")),
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.as_ref().map_or(0, |c| c.id() as i32)
    }

    pub fn output(&self) -> String {
        self.seen.join("\n")
    }

    /// Waits until a line containing `needle` appears; panics with the output after `timeout`
    /// or when the run ends first.
    #[track_caller]
    pub fn wait_for(&mut self, needle: &str, timeout: Duration) -> &mut Live {
        let deadline = Instant::now() + timeout;
        if self.seen.iter().any(|l| l.contains(needle)) {
            return self;
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let hit = line.contains(needle);
                    self.seen.push(line);
                    if hit {
                        return self;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "`{}`: no line with {needle:?} within {timeout:?}; output so far:\n{}",
                    self.command,
                    self.output()
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "`{}` ended before a line with {needle:?}; output:\n{}",
                    self.command,
                    self.output()
                ),
            }
        }
    }

    /// Sends `sig` to the workshop process (as `kill -SIG PID` would).
    pub fn signal(&mut self, sig: i32) -> &mut Live {
        // SAFETY: kill(2) on our own child's pid, which we have not reaped yet.
        unsafe {
            libc::kill(self.pid(), sig);
        }
        self
    }

    /// Waits (at most `timeout`) for the run to end and returns its exit and output.
    #[track_caller]
    pub fn finish(mut self, timeout: Duration) -> Ended {
        let mut child = self.child.take().expect("not finished yet");
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait for workshop") {
                break s;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                self.seen.extend(self.lines.try_iter());
                panic!(
                    "`{}` did not end within {timeout:?} and was killed; output:\n{}",
                    self.command,
                    self.output()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        // The readers end when the pipes close (nothing of the run holds them any more).
        let drain_until = Instant::now() + Duration::from_secs(5);
        while let Ok(line) = self
            .lines
            .recv_timeout(drain_until.saturating_duration_since(Instant::now()))
        {
            self.seen.push(line);
        }
        Ended {
            code: status.code(),
            output: self.output(),
        }
    }

    /// Processes of this run still alive (not zombies): (pid, command line).
    pub fn leftovers(&self) -> Vec<(i32, String)> {
        processes_marked(&self.mark)
    }

    /// The marker of this run (for runs started to clean up after it).
    pub fn mark(&self) -> &str {
        &self.mark
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(c) = self.child.as_mut() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Live processes whose environment holds `WORKSHOP_TEST_RUN=mark`: (pid, command line).
pub fn processes_marked(mark: &str) -> Vec<(i32, String)> {
    let needle = format!("{MARK_VAR}={mark}\0");
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let zombie = stat
                .rfind(')')
                .and_then(|i| stat[i + 1..].split_whitespace().next())
                .is_some_and(|s| s == "Z" || s == "X");
            !zombie
        })
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.windows(needle.len()).any(|w| w == needle.as_bytes()))
                .unwrap_or(false)
        })
        .map(|pid| {
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ").trim().to_owned();
            (pid, cmd)
        })
        .collect()
}

/// Waits (at most `timeout`) until no process of the run is left; returns those still there.
pub fn wait_no_leftovers(mark: &str, timeout: Duration) -> Vec<(i32, String)> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = processes_marked(mark);
        if left.is_empty() || Instant::now() >= deadline {
            return left;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}
