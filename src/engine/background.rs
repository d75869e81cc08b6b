//! Background processes a lab starts (port-forward, minikube tunnel, background commands):
//! tracked while they live and always stopped at the end of the run, on failure or on a
//! signal; all at once, so stopping takes at most one grace period.

use std::sync::Mutex;

use tokio::task::JoinHandle;

use super::process::{Running, Stopped};

/// What runs in the background.
pub enum Handle {
    /// An in-process task (a port-forward's listener).
    Task(JoinHandle<()>),
    /// A child process, in its own process group.
    Child(Running),
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

    /// Stops every process, all at once, and returns (step, description) of each one stopped.
    pub async fn stop_all(&self) -> Vec<(String, String)> {
        let procs: Vec<Process> = std::mem::take(&mut *self.procs.lock().expect("background lock"));
        let stops = procs.into_iter().map(|mut p| async move {
            let how = match &mut p.handle {
                Handle::Task(t) => {
                    t.abort();
                    let _ = (&mut *t).await;
                    Stopped::Terminated
                }
                Handle::Child(c) => c.stop().await,
            };
            let description = match how {
                Stopped::Killed => crate::t!(
                    "background-killed",
                    description = p.description.as_str(),
                    seconds = super::process::GRACE.as_secs()
                ),
                Stopped::AlreadyEnded => crate::t!("background-already-ended", description = p.description.as_str()),
                Stopped::Terminated => p.description,
            };
            (p.step, description)
        });
        futures::future::join_all(stops).await
    }
}
