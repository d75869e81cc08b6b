//! Child processes (minikube, plain commands): started in their own process group so that
//! stopping one also stops what it started, with output streamed line by line and kept.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;

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

/// The output of a finished process.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    pub code: i32,
    pub stdout: String,
    /// Every line of stdout and stderr interleaved, as streamed.
    pub lines: Vec<String>,
}

/// Builds a command that runs in its own process group, with piped output.
pub fn command(program: &Path, args: &[String]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .process_group(0);
    cmd
}

/// Sends SIGTERM to the process group of `child`, waits briefly, then SIGKILL.
pub async fn stop(child: &mut Child) {
    if let Some(pid) = child.id() {
        let pgid = pid as libc::pid_t;
        // SAFETY: kill(2) with a negative pid signals the process group we created with
        // process_group(0); it has no memory-safety preconditions.
        unsafe {
            libc::kill(-pgid, libc::SIGTERM);
        }
        if tokio::time::timeout(Duration::from_secs(3), child.wait())
            .await
            .is_err()
        {
            // SAFETY: as above.
            unsafe {
                libc::kill(-pgid, libc::SIGKILL);
            }
            let _ = child.wait().await;
        }
    } else {
        let _ = child.wait().await;
    }
}

/// Runs to completion, sending each output line to `on_line` as it comes, within `timeout`,
/// stopping early when `cancel` fires.
pub async fn run(
    program: &Path,
    args: &[String],
    timeout: Duration,
    cancel: &tokio_util::sync::CancellationToken,
    mut on_line: impl FnMut(&str),
) -> Result<Finished, ProcessError> {
    let display = display_command(program, args);
    let mut child = command(program, args).spawn().map_err(|source| ProcessError::Spawn {
        program: program.display().to_string(),
        source,
    })?;
    let (tx, mut rx) = mpsc::unbounded_channel::<(bool, String)>();
    if let Some(out) = child.stdout.take() {
        let tx = tx.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(out).lines();
            while let Ok(Some(l)) = lines.next_line().await {
                let _ = tx.send((true, l));
            }
        });
    }
    if let Some(err) = child.stderr.take() {
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
    let deadline = tokio::time::sleep(timeout);
    tokio::pin!(deadline);
    let mut status = None;
    loop {
        tokio::select! {
            line = rx.recv() => match line {
                Some((is_stdout, l)) => {
                    on_line(&l);
                    if is_stdout {
                        finished.stdout.push_str(&l);
                        finished.stdout.push('\n');
                    }
                    finished.lines.push(l);
                }
                None => {
                    if status.is_some() { break; }
                    // Output closed; wait for the exit status below.
                    tokio::select! {
                        s = child.wait() => { status = s.ok(); break; }
                        _ = &mut deadline => {
                            stop(&mut child).await;
                            return Err(ProcessError::TimedOut { command: display, after: timeout, tail: tail(&finished.lines) });
                        }
                        _ = cancel.cancelled() => { stop(&mut child).await; return Err(ProcessError::Interrupted); }
                    }
                }
            },
            s = child.wait(), if status.is_none() => { status = s.ok(); }
            _ = &mut deadline => {
                stop(&mut child).await;
                return Err(ProcessError::TimedOut { command: display, after: timeout, tail: tail(&finished.lines) });
            }
            _ = cancel.cancelled() => {
                stop(&mut child).await;
                return Err(ProcessError::Interrupted);
            }
        }
    }
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

    #[tokio::test]
    async fn streams_output_and_reports_failure() {
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
}
