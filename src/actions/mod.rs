//! The actions a step performs, one file per action, all through kube-rs (never kubectl) or
//! the real `minikube` binary. Each returns a one-line summary, or a [`StepError`].

pub mod addon;
pub mod command;
pub mod delete;
pub mod exec;
pub mod get;
pub mod http;
pub mod manifests;
pub mod patch;
pub mod port_forward;
pub mod scale;
pub mod start_cluster;
pub mod tunnel;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::Action;

/// What a finished action hands to the captures that follow it.
#[derive(Debug, Clone, Default)]
pub struct Done {
    pub summary: String,
    /// The body of an HTTP answer, or a process's standard output.
    pub response: Option<String>,
}

impl Done {
    pub fn summary(s: impl Into<String>) -> Done {
        Done {
            summary: s.into(),
            response: None,
        }
    }
}

/// Performs a step's action.
pub async fn perform(ctx: &StepCtx<'_>) -> Result<Done, StepError> {
    match &ctx.step.action {
        Action::StartCluster(_) => start_cluster::perform(ctx).await,
        Action::EnableAddon(a) => addon::perform(ctx, a, true).await,
        Action::DisableAddon(a) => addon::perform(ctx, a, false).await,
        Action::Apply(m) => manifests::perform(ctx, m, manifests::Mode::Apply).await,
        Action::Create(m) => manifests::perform(ctx, m, manifests::Mode::Create).await,
        Action::Patch(p) => patch::perform(ctx, p).await,
        Action::Delete(d) => delete::perform(ctx, d).await,
        Action::Scale(s) => scale::perform(ctx, s).await,
        Action::Get(g) => get::perform(ctx, g).await,
        Action::PortForward(p) => port_forward::perform(ctx, p).await,
        Action::Http(h) => http::perform(ctx, h).await.map(|(summary, resp)| Done {
            summary,
            response: resp.map(|r| r.body),
        }),
        Action::Exec(e) => exec::perform(ctx, e).await,
        Action::Tunnel(_) => tunnel::perform(ctx).await,
        Action::Command(c) => command::perform(ctx, c).await,
        Action::Note(_) => Ok(Done::summary("")),
    }
}

/// A kube error as a step error, with a hint for the common API answers.
pub fn kube_error(what: &str, e: &kube::Error) -> StepError {
    let mut err = StepError::new(format!("{what}: {}", crate::engine::cluster::plain_error(e)));
    if let kube::Error::Api(s) = e {
        err.hint = match s.code {
            404 => Some(crate::t!("api-hint-not-found")),
            409 if s.reason == "AlreadyExists" => Some(crate::t!("api-hint-already-exists")),
            409 => Some(crate::t!("api-hint-conflict")),
            422 => Some(crate::t!("api-hint-invalid")),
            403 => Some(crate::t!("api-hint-forbidden")),
            _ => None,
        };
    }
    err
}
