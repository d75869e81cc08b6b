//! `delete`: one object; then wait (by uid, never by name) until that object is gone, which is
//! also true once a controller has recreated it under the same name.

use std::time::Duration;

use kube::api::DeleteParams;
use kube::runtime::wait::{await_condition, conditions};

use crate::engine::context::{Object, StepCtx, StepError};
use crate::scenario::action::{Delete, DeleteWait};
use crate::scenario::duration::format_duration;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, d: &Delete) -> Result<Done, StepError> {
    let Object { api, name, label } = ctx.object(&d.object_ref(), "this delete").await?;
    let before = api
        .get(&name)
        .await
        .map_err(|e| kube_error(&format!("reading {label}"), &e))?;
    let uid = before.metadata.uid.clone().unwrap_or_default();
    if before.metadata.deletion_timestamp.is_some() {
        // Already going (a namespace still Terminating after an interrupted reset): deleting
        // it again is refused by the API server; waiting for it is what is left to do.
        ctx.output(&format!("{label} is already being deleted (uid {uid})"));
    } else {
        api.delete(&name, &DeleteParams::background())
            .await
            .map_err(|e| kube_error(&format!("deleting {label}"), &e))?;
        ctx.output(&format!("{label} deleted (uid {uid})"));
    }
    if d.wait == DeleteWait::None {
        return Ok(Done::summary(format!("{label} deleted")));
    }
    let timeout = ctx.scaled(d.timeout.map_or(Duration::from_secs(120), |t| t.as_std()));
    ctx.output(&format!(
        "waiting until {label} (uid {uid}) is gone, up to {}",
        format_duration(timeout)
    ));
    let waited = tokio::select! {
        r = tokio::time::timeout(timeout, await_condition(api, &name, conditions::is_deleted(&uid))) => r,
        _ = ctx.cancel().cancelled() => return Err(StepError::new("interrupted")),
    };
    match waited {
        Ok(Ok(_)) => {
            let what = if d.wait == DeleteWait::Recreated {
                "gone; its controller may recreate it"
            } else {
                "gone"
            };
            Ok(Done::summary(format!("{label} (uid {uid}) {what}")))
        }
        Ok(Err(e)) => Err(StepError::new(format!("waiting for {label} to go: {e}"))),
        Err(_) => Err(StepError::new(format!(
            "{label} (uid {uid}) was still there after {}",
            format_duration(timeout)
        ))
        .hint("a finalizer may hold it: look at metadata.finalizers")),
    }
}
