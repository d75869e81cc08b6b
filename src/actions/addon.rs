//! `enable-addon` / `disable-addon`: `minikube -p PROFILE addons enable NAME` (emulated by the
//! rehearsal cluster).

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::action::Addon;

use super::Done;

pub async fn perform(ctx: &StepCtx<'_>, a: &Addon, enable: bool) -> Result<Done, StepError> {
    let name = ctx.render(&a.name)?;
    let summary = ctx.run.provider.addon(ctx, &name, enable).await?;
    Ok(Done::summary(summary))
}
