//! `scale`: set replicas through the scale subresource.

use kube::api::{Patch, PatchParams};
use serde_json::json;

use crate::engine::context::{Object, StepCtx, StepError};
use crate::scenario::action::Scale;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, s: &Scale) -> Result<Done, StepError> {
    let Object { api, name, label } = ctx.object(&s.object_ref(), &crate::t!("what-this-scale")).await?;
    let replicas = ctx.plan.render_int(&s.replicas, &ctx.captures())?;
    api.patch_scale(
        &name,
        &PatchParams::default(),
        &Patch::Merge(&json!({ "spec": { "replicas": replicas } })),
    )
    .await
    .map_err(|e| kube_error(&crate::t!("action-doing-scale", object = label.as_str()), &e))?;
    ctx.output(&format!("{label} scaled"));
    Ok(Done::summary(crate::t!(
        "action-scaled",
        object = label,
        replicas = replicas
    )))
}
