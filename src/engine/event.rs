//! What the engine tells the reporter. The runner emits events; only the reporter draws.

use std::time::Duration;

/// How a step ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepStatus {
    Passed,
    /// Its action or a check failed.
    Failed,
    /// Not run, with the reason (`needs a real cluster`, `depends on port-forward, which failed`).
    Skipped(String),
    /// An optional step failed; the run goes on.
    OptionalFailed,
    /// Its checks already held, so its action did not run (`--converge`, resume).
    AlreadyDone,
    /// A signal (or `q`) stopped the run while this step ran; `--resume` runs it again.
    Interrupted,
}

/// Why a check failed, with the cluster's evidence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Failure {
    /// What was expected (`pvc pacman/mongo-storage is Bound`).
    pub expected: String,
    /// The last observation (`phase Pending`).
    pub observed: String,
    /// A one-line diagnosis of a known cause, shown on top.
    pub diagnosis: Option<String>,
    /// Recent Events of the object and its pods: `Warning FailedScheduling pod/mongo-0: …`.
    pub events: Vec<String>,
    /// The check's hint, in the run's language.
    pub hint: Option<String>,
    /// The last API error, if errors were retried until the timeout.
    pub last_error: Option<String>,
}

/// One thing that happened during a run.
#[derive(Debug, Clone)]
pub enum Event {
    RunStarted {
        title: String,
        lab_id: String,
        /// `minikube profile mc-demo`, `REHEARSAL cluster (no containers run) at 127.0.0.1:40123`, …
        cluster: String,
        rehearsal: bool,
        steps: usize,
    },
    StepStarted {
        index: usize,
        total: usize,
        id: String,
        title: String,
    },
    /// A line of output from the step's action (a process's output, a table from `get`).
    StepOutput {
        id: String,
        line: String,
    },
    /// The step's action finished; its checks follow.
    ActionFinished {
        id: String,
        summary: String,
        elapsed: Duration,
    },
    CheckStarted {
        id: String,
        check: usize,
        description: String,
        timeout: Duration,
    },
    /// What a waiting check sees now (`statefulset/mongo 0/1 ready`).
    CheckProgress {
        id: String,
        check: usize,
        observed: String,
        elapsed: Duration,
        timeout: Duration,
    },
    CheckPassed {
        id: String,
        check: usize,
        description: String,
        observed: String,
        elapsed: Duration,
    },
    CheckFailed {
        id: String,
        check: usize,
        description: String,
        failure: Box<Failure>,
        elapsed: Duration,
    },
    /// A step's action failed before its checks.
    ActionFailed {
        id: String,
        message: String,
        detail: Vec<String>,
        hint: Option<String>,
    },
    StepFinished {
        index: usize,
        id: String,
        title: String,
        status: StepStatus,
        elapsed: Duration,
    },
    /// A background process (port-forward, tunnel) started or stopped.
    Background {
        id: String,
        description: String,
        running: bool,
    },
    /// A line for the learner outside any step (notes, pauses, cleanup).
    Note {
        text: String,
    },
    RunFinished {
        summary: Summary,
    },
}

/// The totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub optional_failed: usize,
    pub already_done: usize,
    pub elapsed: Duration,
    pub interrupted: bool,
    /// The signal that interrupted the run (none for `q` at a step card).
    pub signal: Option<super::interrupt::Signal>,
    /// The step that was running when the run was interrupted.
    pub interrupted_step: Option<String>,
    /// The learner quit at a `--step` prompt (`q`); `interrupted` is set too.
    pub quit: bool,
    /// With `quit`: standard input ended at a `--step` prompt, rather than a `q`.
    pub end_of_input: bool,
    /// The first step that failed, if any.
    pub failed_step: Option<String>,
    /// The command that resumes the run, when it did not finish.
    pub resume_hint: Option<String>,
    /// The run stopped because its cluster stopped answering or was replaced.
    pub lost: Option<super::cluster::health::Lost>,
}
