//! Errors of the rehearsal cluster's public interface.
//!
//! Depends on nothing in the rehearsal.

use std::path::PathBuf;

/// What can go wrong starting, configuring or running the rehearsal cluster.
#[derive(Debug, thiserror::Error)]
pub enum RehearsalError {
    /// The configured Kubernetes version is not of the form `v1.31.0` / `1.21.2`.
    #[error("invalid Kubernetes version {0:?} for the rehearsal cluster (expected something like v1.31.0)")]
    InvalidVersion(String),
    /// The API server could not bind a port on 127.0.0.1.
    #[error("could not bind the rehearsal API server to 127.0.0.1")]
    Bind(#[source] std::io::Error),
    /// The kubeconfig file could not be written.
    #[error("could not write the rehearsal kubeconfig {}", path.display())]
    Kubeconfig {
        /// Where it was to be written.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The addon is not one the rehearsal cluster emulates.
    #[error("unknown minikube addon {name:?}; the rehearsal cluster emulates: {known}")]
    UnknownAddon {
        /// The requested addon.
        name: String,
        /// Comma-separated list of the emulated addons.
        known: String,
    },
    /// Creating or removing an addon's objects failed.
    #[error("could not {action} addon {name}: {message}")]
    Addon {
        /// `enable` or `disable`.
        action: &'static str,
        /// The addon.
        name: String,
        /// The API error message.
        message: String,
    },
    /// Waiting for Ctrl-C failed in `serve_standalone`.
    #[error("could not wait for Ctrl-C")]
    Signal(#[source] std::io::Error),
}

impl RehearsalError {
    /// The error in the learner's language (`Display`, for logs, stays English).
    pub fn message(&self) -> String {
        match self {
            RehearsalError::InvalidVersion(v) => crate::t!("rehearsal-invalid-version", version = v.as_str()),
            RehearsalError::Bind(e) => crate::t!("rehearsal-cannot-bind", error = crate::os_error::io(e)),
            RehearsalError::Kubeconfig { path, source } => crate::t!(
                "rehearsal-cannot-write-kubeconfig",
                path = path.display().to_string(),
                error = crate::os_error::io(source)
            ),
            RehearsalError::UnknownAddon { name, known } => {
                crate::t!("rehearsal-unknown-addon", addon = name.as_str(), known = known.as_str())
            }
            RehearsalError::Addon { action, name, message } => crate::t!(
                "rehearsal-addon-failed",
                enable = if *action == "enable" { "yes" } else { "no" },
                addon = name.as_str(),
                error = message.as_str()
            ),
            RehearsalError::Signal(e) => crate::t!("rehearsal-no-signal", error = crate::os_error::io(e)),
        }
    }
}
