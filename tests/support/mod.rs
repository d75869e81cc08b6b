//! The test harness: a [`Test`] builder that writes files into a fresh temporary folder, runs
//! the real `workshop` binary there and returns an [`Output`] to assert on, in the manner of
//! casey/just's `tests/test.rs`.
//!
//! ```ignore
//! Test::new()
//!     .write("lab.toml", "[lab]\nid = 3\n")
//!     .args(["validate", "lab.toml"])
//!     .run()
//!     .status(2)
//!     .stderr_contains("lab.toml:2:6");
//! ```
//!
//! The binary always runs with `NO_COLOR=1` and `--color never` (unless [`Test::raw`]), stdin
//! closed, and a deadline (60 s by default) after which it is killed and the test fails.

#![allow(dead_code)]

pub mod class;
pub mod cluster;
pub mod crash;
pub mod english;
pub mod live;
pub mod minikube;
pub mod pty;
pub mod serve;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The `workshop` binary Cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_workshop");

/// The repository root (for tests on `scenarios/day55.toml`).
pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// One run of the binary, being set up.
pub struct Test {
    program: PathBuf,
    dir: TempDir,
    current_dir: Option<PathBuf>,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    env_remove: Vec<OsString>,
    stdin: Option<Vec<u8>>,
    timeout: Duration,
    color_never: bool,
}

impl Default for Test {
    fn default() -> Self {
        Test::new()
    }
}

impl Test {
    /// A run in a new, empty temporary folder (also its working directory).
    pub fn new() -> Test {
        Test {
            program: PathBuf::from(BIN),
            dir: tempfile::Builder::new()
                .prefix("workshop-test-")
                .tempdir()
                .expect("create a temporary folder"),
            current_dir: None,
            args: Vec::new(),
            env: Vec::new(),
            env_remove: Vec::new(),
            stdin: None,
            timeout: Duration::from_secs(60),
            color_never: true,
        }
    }

    /// A run for the shipped scenarios: `scenarios/` and `templates/` of the repository are
    /// linked into the temporary folder, which is the working directory, so what a run writes
    /// there (`.workshop/state`, its lock, reports) belongs to this test alone.
    pub fn in_repo() -> Test {
        let t = Test::new();
        for entry in ["scenarios", "templates"] {
            std::os::unix::fs::symlink(Path::new(REPO).join(entry), t.path().join(entry))
                .expect("link the repository's scenarios");
        }
        t
    }

    /// The temporary folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `path` inside the temporary folder, creating parent folders.
    pub fn write(self, path: impl AsRef<Path>, contents: impl AsRef<[u8]>) -> Test {
        let path = path.as_ref();
        assert!(
            path.is_relative(),
            "Test::write takes a path inside the temp folder: {}",
            path.display()
        );
        let full = self.dir.path().join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&full, contents).unwrap_or_else(|e| panic!("write {}: {e}", full.display()));
        self
    }

    /// Creates an (empty) folder inside the temporary folder.
    pub fn create_dir(self, path: impl AsRef<Path>) -> Test {
        std::fs::create_dir_all(self.dir.path().join(path)).expect("create folder");
        self
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Test {
        self.args.push(arg.into());
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Adds an argument naming a path inside the test's folder.
    pub fn arg_in_dir(self, rel: impl AsRef<Path>) -> Test {
        let p = self.path().join(rel);
        self.arg(p)
    }

    pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Test {
        self.env.push((key.into(), value.into()));
        self
    }

    pub fn env_remove(mut self, key: impl Into<OsString>) -> Test {
        self.env_remove.push(key.into());
        self
    }

    /// The working directory: relative paths are inside the temporary folder.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Test {
        self.current_dir = Some(self.dir.path().join(dir));
        self
    }

    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Test {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// How long the binary may run before it is killed and the test fails.
    pub fn timeout(mut self, timeout: Duration) -> Test {
        self.timeout = timeout;
        self
    }

    /// Do not add `--color never` (the arguments go to the binary exactly as given).
    pub fn raw(mut self) -> Test {
        self.color_never = false;
        self
    }

    /// Runs another program instead of `workshop` (for testing the harness itself).
    pub fn program(mut self, program: impl Into<PathBuf>) -> Test {
        self.program = program.into();
        self
    }

    /// Runs the binary to completion (or to the deadline, which fails the test).
    #[track_caller]
    pub fn run(self) -> Output {
        let timeout = self.timeout;
        let out = self.run_or_kill();
        if out.killed {
            panic!(
                "`{}` did not finish within {timeout:?} and was killed\n--- stdout ---\n{}\n--- stderr ---\n{}",
                out.command_line, out.stdout, out.stderr
            );
        }
        out
    }

    /// Runs the binary to completion, or kills it at the deadline ([`Output::killed`]), for
    /// tests that count outcomes instead of failing on the first.
    pub fn run_or_kill(self) -> Output {
        let mut cmd = Command::new(&self.program);
        if self.color_never {
            cmd.args(["--color", "never"]);
        }
        cmd.args(&self.args)
            .current_dir(self.current_dir.as_deref().unwrap_or(self.dir.path()))
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("FORCE_COLOR")
            .env_remove("RUST_LOG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env(DATA_DIR_VAR, self.dir.path().join(".workshop-data"))
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        // Its own process group, so that at the deadline the programs it started (kubectl
        // under a script) go too and do not hold its output open.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        for k in &self.env_remove {
            cmd.env_remove(k);
        }
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        let command_line = self.command_line();
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", self.program.display()));

        let stdin_writer = self.stdin.map(|input| {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            thread::spawn(move || {
                // The binary may exit without reading everything; that is not an error here.
                let _ = pipe.write_all(&input);
            })
        });
        let reader = |mut r: Box<dyn Read + Send>| {
            thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = r.read_to_end(&mut buf);
                buf
            })
        };
        let stdout = reader(Box::new(child.stdout.take().expect("stdout is piped")));
        let stderr = reader(Box::new(child.stderr.take().expect("stderr is piped")));

        let deadline = Instant::now() + self.timeout;
        let status = loop {
            match child.try_wait().expect("wait for the binary") {
                Some(status) => break Some(status),
                None if Instant::now() >= deadline => {
                    // SAFETY: kill(2) on the child's own process group (see process_group above).
                    unsafe {
                        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
                    }
                    let _ = child.kill();
                    let _ = child.wait();
                    break None;
                }
                None => thread::sleep(Duration::from_millis(10)),
            }
        };
        let stdout = String::from_utf8_lossy(&stdout.join().expect("stdout reader")).into_owned();
        let stderr = String::from_utf8_lossy(&stderr.join().expect("stderr reader")).into_owned();
        if let Some(w) = stdin_writer {
            let _ = w.join();
        }
        Output {
            command_line,
            code: status.and_then(|s| s.code()),
            killed: status.is_none(),
            stdout,
            stderr,
            dir: self.dir,
        }
    }

    fn command_line(&self) -> String {
        let name = self.program.file_name().unwrap_or_default().to_string_lossy();
        let mut parts = vec![name.into_owned()];
        if self.color_never {
            parts.extend(["--color".to_owned(), "never".to_owned()]);
        }
        parts.extend(self.args.iter().map(|a| a.to_string_lossy().into_owned()));
        parts.join(" ")
    }
}

/// What a finished run printed and returned. Every assertion returns `self` so they chain.
pub struct Output {
    pub command_line: String,
    /// `None` when the process was ended by a signal.
    pub code: Option<i32>,
    /// Whether it was killed at the deadline ([`Test::run_or_kill`]).
    pub killed: bool,
    pub stdout: String,
    pub stderr: String,
    /// Kept so files the run wrote can be inspected; removed when the output is dropped.
    dir: TempDir,
}

impl Output {
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn context(&self) -> String {
        format!(
            "command: {}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command_line,
            self.code
                .map_or_else(|| "none (killed by a signal)".to_owned(), |c| c.to_string()),
            self.stdout,
            self.stderr
        )
    }

    #[track_caller]
    pub fn status(self, code: i32) -> Output {
        assert!(self.code == Some(code), "expected exit code {code}\n{}", self.context());
        self
    }

    #[track_caller]
    pub fn success(self) -> Output {
        self.status(0)
    }

    #[track_caller]
    pub fn stdout(self, expected: &str) -> Output {
        assert_same("stdout", expected, &self.stdout, &self.command_line);
        self
    }

    #[track_caller]
    pub fn stderr(self, expected: &str) -> Output {
        assert_same("stderr", expected, &self.stderr, &self.command_line);
        self
    }

    #[track_caller]
    pub fn stdout_contains(self, needle: &str) -> Output {
        assert!(
            self.stdout.contains(needle),
            "stdout does not contain {needle:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr_contains(self, needle: &str) -> Output {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(self, needle: &str) -> Output {
        assert!(
            !self.stdout.contains(needle),
            "stdout should not contain {needle:?}\n{}",
            self.context()
        );
        self
    }

    #[track_caller]
    pub fn stderr_lacks(self, needle: &str) -> Output {
        assert!(
            !self.stderr.contains(needle),
            "stderr should not contain {needle:?}\n{}",
            self.context()
        );
        self
    }

    /// Every needle appears in stdout, each after the one before it.
    #[track_caller]
    pub fn stdout_in_order(self, needles: &[&str]) -> Output {
        assert_in_order("stdout", &self.stdout, needles, &self.context());
        self
    }

    /// Every needle appears in stderr, each after the one before it.
    #[track_caller]
    pub fn stderr_in_order(self, needles: &[&str]) -> Output {
        assert_in_order("stderr", &self.stderr, needles, &self.context());
        self
    }
}

#[track_caller]
fn assert_in_order(stream: &str, haystack: &str, needles: &[&str], context: &str) {
    let mut from = 0;
    for (i, needle) in needles.iter().enumerate() {
        match haystack[from..].find(needle) {
            Some(at) => from += at + needle.len(),
            None => {
                let anywhere = if haystack.contains(needle) {
                    format!("it appears, but before {:?}", needles[i - 1])
                } else {
                    "it does not appear at all".to_owned()
                };
                panic!(
                    "{stream}: expected {needle:?} (item {} of {}) after the items before it; {anywhere}\n{context}",
                    i + 1,
                    needles.len()
                );
            }
        }
    }
}

/// Fails with a line diff when `actual` is not `expected`.
#[track_caller]
fn assert_same(stream: &str, expected: &str, actual: &str, command_line: &str) {
    if expected == actual {
        return;
    }
    let diff = similar::TextDiff::from_lines(expected, actual);
    let mut shown = String::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => " ",
        };
        shown.push_str(sign);
        shown.push_str(&change.to_string_lossy());
        if change.missing_newline() {
            shown.push_str("⏎ (no newline at end)\n");
        }
    }
    panic!("{stream} of `{command_line}` differs (- expected, + actual):\n{shown}");
}

/// A tiny valid lab, to which tests append steps: the `[lab]` table and nothing else.
/// Where workshop keeps the labs a user trusted (src/trust/store.rs): every run of a test gets
/// a folder of its own (inside its temporary folder) unless the test sets one, so no test reads
/// or writes the real user's list.
pub const DATA_DIR_VAR: &str = "WORKSHOP_DATA_DIR";

pub const LAB: &str = "[lab]\nid = \"t\"\ntitle = \"T\"\n";

/// A port on 127.0.0.1 that nothing listens on and that the kernel never hands out by itself:
/// it lies below the ephemeral range (`net.ipv4.ip_local_port_range`), so neither another test's
/// `bind(127.0.0.1:0)` nor an outgoing connection's source port can take it while a test holds
/// it unused (a learner offline, a class server down for a restart, a cluster that is gone). A
/// port from `bind(:0)` is ephemeral: dropped, it can be reused within seconds.
pub fn unused_port() -> u16 {
    let low = std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|r| r.split_whitespace().next().and_then(|p| p.parse::<u16>().ok()))
        .unwrap_or(32768);
    // Above the well-known ports and below the ephemeral range; tried until one is free, and
    // never twice in one test binary.
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let (from, to) = (10_000.min(low / 2), low);
    let mut given = GIVEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for _ in 0..1000 {
        let port = fastrand::u16(from..to);
        if !given.contains(&port) && std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            given.push(port);
            return port;
        }
    }
    panic!("no free port on 127.0.0.1 between {from} and {to}");
}
