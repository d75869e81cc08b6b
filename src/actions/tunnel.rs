//! `tunnel`: `minikube tunnel` as a tracked background process (minikube provider only), with
//! `KUBECONFIG` naming the lab's cluster and context, as for `command`.

use crate::engine::context::{StepCtx, StepError};
use crate::engine::provider::ClusterProvider;

use super::Done;

pub async fn perform(ctx: &StepCtx<'_>) -> Result<Done, StepError> {
    let ClusterProvider::Minikube(m) = &ctx.run.provider else {
        return Err(StepError::new(crate::t!("tunnel-needs-minikube")).hint(crate::t!("tunnel-needs-minikube-hint")));
    };
    let display = ctx.spawn_background(&m.binary, &m.tunnel_args())?;
    Ok(Done::summary(crate::t!("action-background", command = display)))
}
