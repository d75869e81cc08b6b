//! Errors that stop a run before or between steps. Rendered for humans at the edge.

use crate::diagnostic::Diagnostics;
use crate::exit_code;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The scenario (or the command line) is invalid, or does not fit this cluster.
    #[error("the scenario is invalid")]
    Invalid(Diagnostics),
    /// A program the run needs is not installed.
    #[error("`{name}` was not found on PATH")]
    MissingBinary { name: String, hint: String },
    /// The cluster's API server does not answer.
    #[error("cannot reach the cluster ({context}): {message}")]
    Unreachable {
        context: String,
        message: String,
        hint: String,
    },
    /// The kubeconfig cannot be read or has no such context.
    #[error("kubeconfig: {message}")]
    Kubeconfig { message: String, hint: String },
    /// A local port a port-forward needs is taken.
    #[error("local port {port} on 127.0.0.1 is already in use (needed by step `{step}`)")]
    PortInUse { port: u16, step: String, hint: String },
    /// The rehearsal cluster could not start.
    #[error("the rehearsal cluster could not start: {0}")]
    Rehearsal(String),
    /// Another run of the same lab holds its lock.
    #[error("lab `{lab}` is already running from this folder ({holder})")]
    Busy { lab: String, holder: String, hint: String },
    /// The lock file cannot be written.
    #[error("cannot lock the lab ({path}): {message}")]
    Lock { path: String, message: String },
    /// The async runtime could not start.
    #[error("could not start the async runtime: {0}")]
    Runtime(#[source] std::io::Error),
}

impl EngineError {
    pub fn exit_code(&self) -> i32 {
        match self {
            EngineError::Invalid(_) => exit_code::INVALID,
            EngineError::MissingBinary { .. }
            | EngineError::Unreachable { .. }
            | EngineError::Kubeconfig { .. }
            | EngineError::PortInUse { .. }
            | EngineError::Rehearsal(_)
            | EngineError::Busy { .. }
            | EngineError::Lock { .. }
            | EngineError::Runtime(_) => exit_code::MISSING_PREREQUISITE,
        }
    }

    pub fn hint(&self) -> Option<&str> {
        match self {
            EngineError::MissingBinary { hint, .. }
            | EngineError::Unreachable { hint, .. }
            | EngineError::Kubeconfig { hint, .. }
            | EngineError::PortInUse { hint, .. }
            | EngineError::Busy { hint, .. } => Some(hint),
            _ => None,
        }
    }

    /// The text printed on stderr.
    pub fn render(&self, color: bool) -> String {
        match self {
            EngineError::Invalid(d) => d.render(color),
            other => {
                let red = console::Style::new().red().bold();
                let red = if color { red } else { red.force_styling(false) };
                let mut s = format!("{}{other}\n", red.apply_to("error: "));
                if let Some(h) = other.hint() {
                    s.push_str(&format!("  = hint: {h}\n"));
                }
                s
            }
        }
    }
}
