//! `workshop reset` runs a lab's `[[cleanup]]` steps, and undoing what is already undone is
//! not a failure: a `delete`, `patch` or `scale` whose object does not exist, or whose kind
//! this cluster does not serve (a PodSecurityPolicy on Kubernetes 1.25 and later), is
//! "already clean". So a second reset, or a reset after a run interrupted early, succeeds.

use crate::kinds;

use super::context::StepCtx;

/// Why the cleanup step of `ctx` has nothing to do, when it has nothing to do.
pub async fn already_clean(ctx: &StepCtx<'_>) -> Option<String> {
    let target = ctx.step.action.object_ref()?;
    let facts = &ctx.plan.facts;
    let group_version = target
        .api_version
        .map(str::to_owned)
        .or_else(|| kinds::lookup(target.kind).map(|k| k.api_version.to_owned()));
    if facts.live
        && let Some(gv) = &group_version
        && !facts.serves(gv)
    {
        return Some(crate::t!(
            "cleanup-kind-not-served",
            kind = target.kind,
            group_version = gv.as_str()
        ));
    }
    let object = ctx.object(&target, &crate::t!("what-this-cleanup-step")).await.ok()?;
    match object.api.get_opt(&object.name).await {
        Ok(None) => Some(crate::t!("cleanup-already-gone", object = object.label.as_str())),
        _ => None,
    }
}
