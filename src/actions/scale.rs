//! `scale`: set replicas through the scale subresource.

use kube::api::{Patch, PatchParams};
use serde_json::json;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::action::Scale;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, s: &Scale) -> Result<Done, StepError> {
    let conn = ctx.conn()?;
    let resolved = conn.resolve(s.kind.get_ref(), None).await.map_err(StepError::new)?;
    let name = ctx.render(&s.name)?;
    let ns = ctx.namespace(s.namespace.as_ref())?;
    let replicas = ctx.plan.render_int(&s.replicas, &ctx.captures())?;
    let api = conn.api(&resolved, Some(&ns));
    let label = format!("{}/{name}", s.kind.get_ref().to_ascii_lowercase());
    api.patch_scale(
        &name,
        &PatchParams::default(),
        &Patch::Merge(&json!({ "spec": { "replicas": replicas } })),
    )
    .await
    .map_err(|e| kube_error(&format!("scaling {label}"), &e))?;
    ctx.output(&format!("{label} scaled"));
    Ok(Done::summary(format!("{label} scaled to {replicas} replicas")))
}
