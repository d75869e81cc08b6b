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

    /// The message in the learner's language (`Display`, for logs, stays English).
    pub fn message(&self) -> String {
        match self {
            EngineError::Invalid(_) => crate::t!("engine-invalid"),
            EngineError::MissingBinary { name, .. } => crate::t!("engine-missing-binary", name = name.as_str()),
            EngineError::Unreachable { context, message, .. } => {
                crate::t!(
                    "engine-unreachable",
                    context = context.as_str(),
                    message = message.as_str()
                )
            }
            EngineError::Kubeconfig { message, .. } => crate::t!("engine-kubeconfig", message = message.as_str()),
            EngineError::PortInUse { port, step, .. } => {
                crate::t!("engine-port-in-use", port = *port, step = step.as_str())
            }
            EngineError::Rehearsal(why) => crate::t!("engine-rehearsal", why = why.as_str()),
            EngineError::Busy { lab, holder, .. } => {
                crate::t!("engine-busy", lab = lab.as_str(), holder = holder.as_str())
            }
            EngineError::Lock { path, message } => {
                crate::t!("engine-lock", path = path.as_str(), message = message.as_str())
            }
            EngineError::Runtime(e) => crate::t!("engine-runtime", error = e.to_string()),
        }
    }

    /// The text printed on stderr, in the learner's language.
    pub fn render(&self, color: bool) -> String {
        match self {
            EngineError::Invalid(d) => d.render(color),
            other => {
                let red = console::Style::new().red().bold();
                let red = if color { red } else { red.force_styling(false) };
                let mut s = format!(
                    "{} {}\n",
                    red.apply_to(crate::t_builtin!("diag-error")),
                    other.message()
                );
                if let Some(h) = other.hint() {
                    s.push_str(&format!("  = {} {h}\n", crate::t_builtin!("diag-hint")));
                }
                s
            }
        }
    }
}
