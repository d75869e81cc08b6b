//! Runs the binary on a pseudo-terminal, so it sees a TTY on stdin and stdout as a learner's
//! terminal would: `--step` cards and questions, pauses, spinners. Built on `openpty(3)`
//! from libc (no extra crate): the child gets the slave side, a thread collects everything
//! written to the master side, and [`Pty::expect`] waits (with a deadline) for text to appear.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::BIN;

pub struct Pty {
    child: Child,
    master: File,
    screen: Arc<Mutex<Vec<u8>>>,
    /// Where the next `expect` starts looking, in the ANSI-stripped screen.
    cursor: usize,
}

impl Pty {
    /// Starts `workshop ARGS` in `dir` on a new 120×40 terminal, colors on (no NO_COLOR).
    pub fn spawn(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Pty {
        Pty::spawn_sized(dir, args, env, 120)
    }

    /// [`Pty::spawn`] on a terminal `cols` columns wide.
    pub fn spawn_sized(dir: &Path, args: &[&str], env: &[(&str, &str)], cols: u16) -> Pty {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize {
            ws_row: 40,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two fds into the pointers; name and termios may be null.
        let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(rc, 0, "openpty failed: {}", std::io::Error::last_os_error());
        // SAFETY: both fds were just opened by openpty and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let mut cmd = Command::new(BIN);
        cmd.args(args)
            .current_dir(dir)
            .env_remove("NO_COLOR")
            .env_remove("LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("RUST_LOG")
            .env("TERM", "xterm-256color")
            .env(super::DATA_DIR_VAR, dir.join(".workshop-data"))
            .stdin(Stdio::from(slave.try_clone().expect("dup pty")))
            .stdout(Stdio::from(slave.try_clone().expect("dup pty")))
            .stderr(Stdio::from(slave));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start workshop on a pty");
        drop(cmd); // closes our copies of the slave side, so reads end when the child exits
        let screen = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().expect("dup pty master");
        let sink = screen.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the child and every slave fd are gone.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().expect("screen lock").extend_from_slice(&buf[..n]);
            }
        });
        Pty {
            child,
            master,
            screen,
            cursor: 0,
        }
    }

    /// Everything shown so far, without colors and cursor movements.
    pub fn screen(&self) -> String {
        let raw = String::from_utf8_lossy(&self.screen.lock().expect("screen lock")).into_owned();
        console::strip_ansi_codes(&raw).replace('\r', "")
    }

    /// Waits until `needle` appears after the previous match; fails with the screen after
    /// `timeout`.
    #[track_caller]
    pub fn expect(&mut self, needle: &str, timeout: Duration) -> &mut Pty {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if let Some(at) = screen.get(self.cursor..).and_then(|s| s.find(needle)) {
                self.cursor += at + needle.len();
                return self;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!("the terminal did not show {needle:?} within {timeout:?}\n--- screen ---\n{screen}");
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `keys` (e.g. "s\r" for s and Enter).
    pub fn send(&mut self, keys: &str) -> &mut Pty {
        self.master.write_all(keys.as_bytes()).expect("write to the pty");
        self.master.flush().expect("flush the pty");
        self
    }

    /// Waits for the exit code (the child is killed and the test fails after `timeout`).
    #[track_caller]
    pub fn wait(&mut self, timeout: Duration) -> i32 {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for workshop") {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!(
                    "workshop did not exit within {timeout:?}\n--- screen ---\n{}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The paragraph of `screen` that starts with the line beginning with `first` (up to the next
/// blank line), asserted re-flowed to `width` columns: at least two lines, and no line ends
/// while the next line's first word would still fit on it.
#[track_caller]
pub fn assert_reflowed_paragraph(screen: &str, first: &str, width: usize) -> Vec<String> {
    let lines: Vec<String> = screen
        .lines()
        .map(|l| console::strip_ansi_codes(l).trim_end().to_owned())
        .collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with(first))
        .unwrap_or_else(|| panic!("no line starts with {first:?}:\n{screen}"));
    let paragraph: Vec<String> = lines[start..]
        .iter()
        .take_while(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    assert!(paragraph.len() >= 2, "{paragraph:#?}");
    for pair in paragraph.windows(2) {
        let next_word = pair[1].split_whitespace().next().unwrap_or("");
        assert!(
            pair[0].chars().count() + 1 + next_word.chars().count() > width,
            "ragged paragraph: {:?} ends though {next_word:?} fits\n{}",
            pair[0],
            paragraph.join("\n")
        );
    }
    paragraph
}
