//! Child processes (minikube, plain commands): each started in its own process group, so
//! that stopping one also stops what it started, with output streamed line by line and kept.
//!
//! Stopping is graceful, then firm: SIGTERM to the whole group, up to [`GRACE`] for every
//! process of it to end, then SIGKILL. On Linux every child also gets `PR_SET_PDEATHSIG`, so
//! it dies with `workshop` even when `workshop` itself is killed with SIGKILL; what it started
//! in its group is found at the next start from the run's record (see `lock.rs`), which
//! [`watch_children`] keeps current.

use std::path::Path;
use std::process::{ExitStatus, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

use super::procinfo::{self, StartStamp};

/// How long a stopped process group has, after SIGTERM, before SIGKILL.
pub const GRACE: Duration = Duration::from_secs(5);

/// How often a stopping group is looked at (no event tells when its last process ended).
const POLL: Duration = Duration::from_millis(50);

/// A process that could not be started is a different failure from one that ran and failed.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    /// The program could not be started at all.
    #[error("could not start `{program}`: {source}")]
    Spawn {
        program: String,
        #[source]
        source: std::io::Error,
    },
    /// It ran and exited with a failure code.
    #[error("`{command}` exited with code {code}")]
    Failed {
        command: String,
        code: i32,
        tail: Vec<String>,
    },
    /// It did not finish in time and was stopped.
    #[error("`{command}` did not finish within {} and was stopped", crate::scenario::duration::format_duration(*after))]
    TimedOut {
        command: String,
        after: Duration,
        tail: Vec<String>,
    },
    /// The run was interrupted while it ran; it was stopped.
    #[error("interrupted")]
    Interrupted,
}

impl ProcessError {
    /// The message in the learner's language (`Display`, for logs, stays English).
    pub fn message(&self) -> String {
        match self {
            ProcessError::Spawn { program, source } => crate::t!(
                "process-cannot-start",
                program = program.as_str(),
                error = crate::os_error::io(source)
            ),
            ProcessError::Failed { command, code, .. } => {
                crate::t!("process-exited", command = command.as_str(), code = code.to_string())
            }
            ProcessError::TimedOut { command, after, .. } => crate::t!(
                "process-timed-out",
                command = command.as_str(),
                timeout = crate::scenario::duration::format_duration(*after)
            ),
            ProcessError::Interrupted => crate::t!("status-interrupted"),
        }
    }
}

/// The output of a finished process.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    pub code: i32,
    pub stdout: String,
    /// Every line of stdout and stderr interleaved, as streamed.
    pub lines: Vec<String>,
}

/// A child of this run that has not been seen to end: what a run killed with SIGKILL leaves
/// behind, recorded so the next start can stop it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildRecord {
    /// Its PID, which is also the id of its process group.
    pub pid: i32,
    /// When it started (Linux), so that a reused PID is never taken for it.
    pub started: Option<StartStamp>,
    /// How it was started, for messages.
    pub command: String,
}

type Sink = Box<dyn Fn(&[ChildRecord]) + Send>;

/// Every running child of this process, and who wants to know when that changes.
struct Registry {
    live: Vec<ChildRecord>,
    sink: Option<Sink>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    live: Vec::new(),
    sink: None,
});

fn registry() -> std::sync::MutexGuard<'static, Registry> {
    REGISTRY.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn changed(r: &Registry) {
    if let Some(sink) = &r.sink {
        sink(&r.live);
    }
}

/// Calls `sink` with the running children now and whenever one starts or ends (the run's
/// record of them); `None` stops it.
pub fn watch_children(sink: Option<Sink>) {
    let mut r = registry();
    r.sink = sink;
    changed(&r);
}

/// The children running now.
pub fn running_children() -> Vec<ChildRecord> {
    registry().live.clone()
}

/// SIGKILL to every running child's group at once (a second Ctrl-C: no more waiting).
pub fn kill_all_now() {
    for c in running_children() {
        procinfo::signal_group(c.pid, libc::SIGKILL);
    }
}

/// Builds a command that runs in its own process group, with piped output, that dies with
/// this process (Linux).
pub fn command(program: &Path, args: &[String]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .process_group(0);
    die_with_parent(&mut cmd);
    cmd
}

/// `PR_SET_PDEATHSIG`: the kernel sends the child SIGKILL when the thread that started it
/// ends. Children are started from the runtime's main or worker threads, which live as long
/// as the process.
#[cfg(target_os = "linux")]
fn die_with_parent(cmd: &mut Command) {
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: the closure runs in the child between fork and exec and calls only
    // async-signal-safe functions (prctl, getppid); it allocates nothing.
    unsafe {
        cmd.pre_exec(move || {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent may have died before prctl: then nobody would ever signal us.
            if libc::getppid() != parent {
                return Err(std::io::Error::other(crate::t!("process-workshop-ended")));
            }
            Ok(())
        });
    }
}

#[cfg(not(target_os = "linux"))]
fn die_with_parent(_cmd: &mut Command) {}

/// Stops a process group that is not our child (one an earlier run left): SIGTERM, up to
/// [`GRACE`] for it to end, then SIGKILL.
pub async fn stop_group(pgid: i32) -> Stopped {
    if !procinfo::group_alive(pgid) {
        return Stopped::AlreadyEnded;
    }
    procinfo::signal_group(pgid, libc::SIGTERM);
    procinfo::signal_group(pgid, libc::SIGCONT);
    if tokio::time::timeout(GRACE, group_gone(pgid)).await.is_ok() {
        return Stopped::Terminated;
    }
    procinfo::signal_group(pgid, libc::SIGKILL);
    let _ = tokio::time::timeout(GRACE, group_gone(pgid)).await;
    Stopped::Killed
}

/// Until no live process is left in the group.
async fn group_gone(pgid: i32) {
    while procinfo::group_alive(pgid) {
        tokio::time::sleep(POLL).await;
    }
}

/// How a stop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// It had already ended.
    AlreadyEnded,
    /// Every process of its group ended after SIGTERM.
    Terminated,
    /// Something was still running after the grace period and got SIGKILL.
    Killed,
}

/// A child process, in its own process group, registered while it runs. Dropped while it
/// runs, its whole group gets SIGKILL.
pub struct Running {
    child: Child,
    pgid: i32,
    ended: bool,
}

impl Running {
    /// Starts `cmd` (built by [`command`]) and registers it as `display`.
    pub fn spawn(mut cmd: Command, display: &str) -> std::io::Result<Running> {
        let child = cmd.spawn()?;
        let pid = child.id().map(|p| p as i32).unwrap_or_default();
        let mut r = registry();
        r.live.push(ChildRecord {
            pid,
            started: procinfo::start_stamp(pid),
            command: display.to_owned(),
        });
        changed(&r);
        Ok(Running {
            child,
            pgid: pid,
            ended: false,
        })
    }

    pub fn pid(&self) -> i32 {
        self.pgid
    }

    pub fn child_mut(&mut self) -> &mut Child {
        &mut self.child
    }

    fn forget(&self) {
        let mut r = registry();
        let before = r.live.len();
        r.live.retain(|c| c.pid != self.pgid);
        if r.live.len() != before {
            changed(&r);
        }
    }

    /// Waits for it to exit (what it started in its group may go on).
    pub async fn wait(&mut self) -> std::io::Result<ExitStatus> {
        let status = self.child.wait().await;
        self.ended = true;
        self.forget();
        status
    }

    /// True while it, or anything in its group, still runs.
    pub fn alive(&mut self) -> bool {
        if !self.ended && matches!(self.child.try_wait(), Ok(None)) {
            return true;
        }
        self.ended = true;
        procinfo::group_alive(self.pgid)
    }

    /// SIGTERM to the whole group, up to [`GRACE`] for every process of it to end, then
    /// SIGKILL.
    pub async fn stop(&mut self) -> Stopped {
        let how = if !self.alive() {
            Stopped::AlreadyEnded
        } else {
            procinfo::signal_group(self.pgid, libc::SIGTERM);
            // A stopped process (Ctrl-Z) acts on SIGTERM only once continued.
            procinfo::signal_group(self.pgid, libc::SIGCONT);
            if tokio::time::timeout(GRACE, self.gone()).await.is_ok() {
                Stopped::Terminated
            } else {
                procinfo::signal_group(self.pgid, libc::SIGKILL);
                let _ = tokio::time::timeout(GRACE, self.gone()).await;
                Stopped::Killed
            }
        };
        self.ended = true;
        self.forget();
        how
    }

    /// Until the leader is reaped and no process of the group is left.
    async fn gone(&mut self) {
        if !self.ended {
            let _ = self.child.wait().await;
            self.ended = true;
        }
        group_gone(self.pgid).await;
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.alive() {
            procinfo::signal_group(self.pgid, libc::SIGKILL);
        }
        self.forget();
    }
}

/// How [`run`] ended before the process did.
enum End {
    Exited(Option<ExitStatus>),
    TimedOut,
    Interrupted,
}

/// Runs to completion, sending each output line to `on_line` as it comes, within `timeout`,
/// stopping it (and its group) when `cancel` fires.
pub async fn run(
    program: &Path,
    args: &[String],
    timeout: Duration,
    cancel: &tokio_util::sync::CancellationToken,
    on_line: impl FnMut(&str),
) -> Result<Finished, ProcessError> {
    run_command(command(program, args), program, args, timeout, cancel, on_line).await
}

/// [`run`] for a command built by [`command`] and then changed (its environment).
pub async fn run_command(
    cmd: Command,
    program: &Path,
    args: &[String],
    timeout: Duration,
    cancel: &tokio_util::sync::CancellationToken,
    mut on_line: impl FnMut(&str),
) -> Result<Finished, ProcessError> {
    let display = display_command(program, args);
    let mut child = Running::spawn(cmd, &display).map_err(|source| ProcessError::Spawn {
        program: program.display().to_string(),
        source,
    })?;
    let (tx, mut rx) = mpsc::unbounded_channel::<(bool, String)>();
    if let Some(out) = child.child_mut().stdout.take() {
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(out).lines();
            while let Ok(Some(l)) = lines.next_line().await {
                let _ = tx.send((true, l));
            }
        });
    }
    if let Some(err) = child.child_mut().stderr.take() {
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(err).lines();
            while let Ok(Some(l)) = lines.next_line().await {
                let _ = tx.send((false, l));
            }
        });
    }
    drop(tx);
    let mut finished = Finished::default();
    let end = {
        let work = async {
            while let Some((is_stdout, l)) = rx.recv().await {
                on_line(&l);
                if is_stdout {
                    finished.stdout.push_str(&l);
                    finished.stdout.push('\n');
                }
                finished.lines.push(l);
            }
            child.wait().await.ok()
        };
        tokio::select! {
            status = work => End::Exited(status),
            _ = tokio::time::sleep(timeout) => End::TimedOut,
            _ = cancel.cancelled() => End::Interrupted,
        }
    };
    let status = match end {
        End::Exited(status) => status,
        End::TimedOut => {
            child.stop().await;
            return Err(ProcessError::TimedOut {
                command: display,
                after: timeout,
                tail: tail(&finished.lines),
            });
        }
        End::Interrupted => {
            child.stop().await;
            return Err(ProcessError::Interrupted);
        }
    };
    finished.code = status.and_then(|s| s.code()).unwrap_or(-1);
    if finished.code != 0 {
        return Err(ProcessError::Failed {
            command: display,
            code: finished.code,
            tail: tail(&finished.lines),
        });
    }
    Ok(finished)
}

/// The last lines of output, kept for failure reports.
pub fn tail(lines: &[String]) -> Vec<String> {
    let n = lines.len().saturating_sub(15);
    lines[n..].to_vec()
}

pub fn display_command(program: &Path, args: &[String]) -> String {
    let name = program
        .file_name()
        .map_or_else(|| program.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut all = vec![name];
    all.extend(args.iter().cloned());
    crate::plan::command::shell_join(&all)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry of children is one per process, and `cargo test` runs these tests as
    /// threads of one process: they take turns.
    static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

    #[tokio::test]
    async fn streams_output_and_reports_failure() {
        let _turn = SERIAL.lock().await;
        let cancel = tokio_util::sync::CancellationToken::new();
        let mut seen = Vec::new();
        let ok = run(
            Path::new("/bin/sh"),
            &["-c".into(), "echo one; echo two >&2".into()],
            Duration::from_secs(10),
            &cancel,
            |l| seen.push(l.to_owned()),
        )
        .await
        .unwrap();
        assert_eq!(ok.stdout, "one\n");
        assert_eq!(seen.len(), 2);
        let err = run(
            Path::new("/bin/sh"),
            &["-c".into(), "exit 4".into()],
            Duration::from_secs(10),
            &cancel,
            |_| {},
        )
        .await
        .unwrap_err();
        assert!(matches!(err, ProcessError::Failed { code: 4, .. }));
        let err = run(
            Path::new("/nonexistent/prog"),
            &[],
            Duration::from_secs(1),
            &cancel,
            |_| {},
        )
        .await
        .unwrap_err();
        assert!(matches!(err, ProcessError::Spawn { .. }));
    }

    #[tokio::test]
    async fn times_out_and_kills_the_group() {
        let _turn = SERIAL.lock().await;
        let cancel = tokio_util::sync::CancellationToken::new();
        let err = run(
            Path::new("/bin/sh"),
            &["-c".into(), "sleep 30 & sleep 30".into()],
            Duration::from_millis(300),
            &cancel,
            |_| {},
        )
        .await
        .unwrap_err();
        assert!(matches!(err, ProcessError::TimedOut { .. }));
    }

    fn sh(script: &str) -> Running {
        let args = vec!["-c".to_owned(), script.to_owned()];
        let mut cmd = command(Path::new("/bin/sh"), &args);
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
        Running::spawn(cmd, &format!("sh -c {script}")).expect("sh starts")
    }

    /// Waits (at most 10 s) until the group has a live process other than the leader.
    async fn until_it_has_children(pgid: i32) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while procinfo::group_members(pgid).len() < 2 {
            assert!(tokio::time::Instant::now() < deadline, "the group never grew");
            tokio::time::sleep(POLL).await;
        }
    }

    #[tokio::test]
    async fn stop_ends_the_whole_group_with_sigterm_when_it_obeys() {
        let _turn = SERIAL.lock().await;
        let mut p = sh("sleep 1000 & sleep 1000 & wait");
        let pgid = p.pid();
        until_it_has_children(pgid).await;
        assert!(running_children().iter().any(|c| c.pid == pgid));
        assert_eq!(p.stop().await, Stopped::Terminated);
        assert!(!procinfo::group_alive(pgid));
        assert!(!running_children().iter().any(|c| c.pid == pgid));
        assert_eq!(p.stop().await, Stopped::AlreadyEnded);
    }

    #[tokio::test]
    async fn stop_kills_a_group_that_ignores_sigterm_after_the_grace_period() {
        let _turn = SERIAL.lock().await;
        let mut p = sh("trap '' TERM; sleep 1000 & sleep 1000 & wait");
        let pgid = p.pid();
        until_it_has_children(pgid).await;
        let start = std::time::Instant::now();
        assert_eq!(p.stop().await, Stopped::Killed);
        assert!(start.elapsed() >= GRACE);
        assert!(!procinfo::group_alive(pgid));
    }

    #[tokio::test]
    async fn a_dropped_child_takes_its_group_with_it() {
        let _turn = SERIAL.lock().await;
        let p = sh("sleep 1000 & sleep 1000 & wait");
        let pgid = p.pid();
        until_it_has_children(pgid).await;
        drop(p);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        while procinfo::group_alive(pgid) {
            assert!(tokio::time::Instant::now() < deadline, "the group outlived its handle");
            tokio::time::sleep(POLL).await;
        }
        assert!(!running_children().iter().any(|c| c.pid == pgid));
    }

    #[tokio::test]
    async fn kill_all_now_skips_the_grace_period() {
        let _turn = SERIAL.lock().await;
        let mut p = sh("trap '' TERM; sleep 1000 & sleep 1000 & wait");
        let pgid = p.pid();
        until_it_has_children(pgid).await;
        kill_all_now();
        // SIGKILL already hit the group, so the stop ends long before its grace period.
        let stopped = tokio::time::timeout(GRACE, p.stop()).await;
        assert!(stopped.is_ok());
        assert!(!procinfo::group_alive(pgid));
    }

    #[tokio::test]
    async fn an_interrupted_run_stops_the_group_and_says_so() {
        let _turn = SERIAL.lock().await;
        let cancel = tokio_util::sync::CancellationToken::new();
        let stop = cancel.clone();
        let args = vec!["-c".to_owned(), "echo up; sleep 1000 & sleep 1000; wait".to_owned()];
        let mut pgid = None;
        let run = run(Path::new("/bin/sh"), &args, Duration::from_secs(600), &cancel, |_| {
            pgid = running_children().first().map(|c| c.pid);
            stop.cancel();
        });
        assert!(matches!(run.await, Err(ProcessError::Interrupted)));
        let pgid = pgid.expect("the process was registered when it printed");
        assert!(!procinfo::group_alive(pgid));
        assert!(!running_children().iter().any(|c| c.pid == pgid));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn children_die_with_the_thread_that_started_them() {
        let _turn = SERIAL.blocking_lock();
        // PR_SET_PDEATHSIG: a child started from a thread that ends gets SIGKILL, as it would
        // when workshop itself is killed.
        let pid = std::thread::spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async {
                let p = sh("sleep 1000");
                let pid = p.pid();
                std::mem::forget(p);
                pid
            })
        })
        .join()
        .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while procinfo::stat(pid).is_some_and(|s| s.state != 'Z') {
            assert!(
                std::time::Instant::now() < deadline,
                "the child outlived its parent thread"
            );
            std::thread::sleep(POLL);
        }
        // What it started in its group is not its child's business: the run's record covers it.
        procinfo::signal_group(pid, libc::SIGKILL);
        registry().live.retain(|c| c.pid != pid);
    }
}
