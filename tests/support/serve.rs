//! A standalone rehearsal cluster (`workshop rehearsal serve`) for tests that need the same
//! cluster across several runs (resume, reset): runs use `--cluster existing --kubeconfig`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::BIN;

pub struct Serve {
    child: Child,
    pub kubeconfig: PathBuf,
    /// What it printed up to "Press Ctrl-C to stop." (in its language).
    pub banner: String,
}

impl Serve {
    /// Starts a rehearsal cluster whose kubeconfig is `dir/name`, and waits (at most 30 s)
    /// until it says it listens.
    pub fn start(dir: &Path, name: &str) -> Serve {
        Serve::start_with(dir, name, &["--pace", "fast"])
    }

    /// A cluster like the day-55 lab's minikube profile (node `mc-demo`, Kubernetes 1.21.2,
    /// its addons), taken from the scenario, at `pace` (`fast` or `realistic`).
    pub fn day55(dir: &Path, name: &str, pace: &str) -> Serve {
        let scenario = format!("{}/scenarios/day55.toml", super::REPO);
        Serve::start_with(dir, name, &[&scenario, "--pace", pace])
    }

    /// [`Serve::start`] with more flags (`--pace`, `--faults`, `--version` …).
    pub fn start_with(dir: &Path, name: &str, extra: &[&str]) -> Serve {
        Serve::start_with_env(dir, name, extra, &[])
    }

    /// [`Serve::start_with`] with more environment (`LANG` …).
    pub fn start_with_env(dir: &Path, name: &str, extra: &[&str], env: &[(&str, &str)]) -> Serve {
        let kubeconfig = dir.join(name);
        let mut cmd = Command::new(BIN);
        cmd.args(["--color", "never", "rehearsal", "serve"])
            .args(extra)
            .arg("--kubeconfig")
            .arg(&kubeconfig)
            .envs(env.iter().copied());
        let (child, banner) = listening(cmd, "workshop rehearsal serve");
        Serve {
            child,
            kubeconfig,
            banner,
        }
    }

    pub fn kubeconfig_str(&self) -> &str {
        self.kubeconfig.to_str().expect("a UTF-8 temp path")
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    /// Runs a suggested `workshop rehearsal serve …` command exactly as a hint printed it
    /// (`args` without the leading `workshop`), in `dir`, and waits until it listens.
    /// The kubeconfig is the one the command names, else the one it printed.
    pub fn printed(dir: &Path, args: &[String]) -> Serve {
        let mut cmd = Command::new(BIN);
        cmd.args(args).current_dir(dir);
        let (child, banner) = listening(cmd, &format!("workshop {}", args.join(" ")));
        let kubeconfig = match args.iter().position(|a| a == "--kubeconfig") {
            Some(at) => dir.join(&args[at + 1]),
            None => banner
                .lines()
                .find_map(|l| l.trim().strip_prefix("kubeconfig: "))
                .map(PathBuf::from)
                .unwrap_or_else(|| panic!("no kubeconfig printed:\n{banner}")),
        };
        Serve {
            child,
            kubeconfig,
            banner,
        }
    }
}

/// Starts `cmd` and waits (at most 30 s) until it says it listens; what it printed until then.
fn listening(mut cmd: Command, what: &str) -> (Child, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("start `{what}`: {e}"));
    let out = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut banner = String::new();
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            banner.push_str(&line);
            banner.push('\n');
            // "Press Ctrl-C to stop.", in every language.
            if line.contains("Ctrl-C") {
                let _ = tx.send(std::mem::take(&mut banner));
            }
        }
    });
    match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(banner) => (child, banner),
        Err(_) => {
            let _ = child.kill();
            panic!("`{what}` did not start within 30s");
        }
    }
}
