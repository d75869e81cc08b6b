//! `patch`: one object, with a merge, strategic merge or JSON patch.

use kube::api::{Patch, PatchParams};

use crate::engine::context::{Object, StepCtx, StepError};
use crate::scenario::action::{Patch as PatchAction, PatchType};
use crate::scenario::analyze::json_of;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, p: &PatchAction) -> Result<Done, StepError> {
    let Object { api, name, label } = ctx.object(&p.object_ref(), &crate::t!("what-this-patch")).await?;
    let body = ctx.plan.render_json(&json_of(&p.patch), &ctx.captures())?;
    if crate::redact::is_secret_kind(p.kind.get_ref()) {
        // What it writes into a Secret is secret, captures included.
        ctx.run.secrets.learn_secret_patch(&body);
    }
    let pp = PatchParams::default();
    let result = match p.patch_type {
        PatchType::Merge => api.patch(&name, &pp, &Patch::Merge(&body)).await,
        PatchType::Strategic => api.patch(&name, &pp, &Patch::Strategic(&body)).await,
        PatchType::Json => {
            let ops: json_patch::Patch = serde_json::from_value(body)
                .map_err(|e| StepError::new(crate::t!("patch-not-operations", error = e.to_string())))?;
            api.patch(&name, &pp, &Patch::<()>::Json(ops)).await
        }
    };
    result.map_err(|e| kube_error(&crate::t!("action-doing-patch", object = label.as_str()), &e))?;
    ctx.output(&format!("{label} patched"));
    Ok(Done::summary(crate::t!(
        "action-patched",
        object = label,
        kind = p.patch_type.as_kubectl()
    )))
}
