//! Background processes a lab starts (port-forward, minikube tunnel, background commands):
//! tracked while they live and always stopped at the end of the run, on failure or Ctrl-C.

use std::sync::Mutex;

use tokio::process::Child;
use tokio::task::JoinHandle;

use super::process;

/// What runs in the background.
pub enum Handle {
    /// An in-process task (a port-forward's listener).
    Task(JoinHandle<()>),
    /// A child process, in its own process group.
    Child(Child),
}

pub struct Process {
    pub step: String,
    pub description: String,
    pub keep_running: bool,
    pub handle: Handle,
}

/// The registry of background processes of one run.
#[derive(Default)]
pub struct Background {
    procs: Mutex<Vec<Process>>,
}

impl Background {
    pub fn add(&self, p: Process) {
        self.procs.lock().expect("background lock").push(p);
    }

    /// (step, description, keep_running) of every process still registered.
    pub fn list(&self) -> Vec<(String, String, bool)> {
        self.procs
            .lock()
            .expect("background lock")
            .iter()
            .map(|p| (p.step.clone(), p.description.clone(), p.keep_running))
            .collect()
    }

    /// Stops every process and returns (step, description) of each one stopped.
    pub async fn stop_all(&self) -> Vec<(String, String)> {
        let procs: Vec<Process> = std::mem::take(&mut *self.procs.lock().expect("background lock"));
        let mut stopped = Vec::new();
        for mut p in procs {
            match &mut p.handle {
                Handle::Task(t) => {
                    t.abort();
                    let _ = (&mut *t).await;
                }
                Handle::Child(c) => process::stop(c).await,
            }
            stopped.push((p.step, p.description));
        }
        stopped
    }
}
