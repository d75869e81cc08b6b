//! `delete`: one object (only while it has the uid read first, so a repeated request never
//! deletes a replacement); then wait (by uid, never by name) until that object is gone, which is
//! also true once a controller has recreated it under the same name.

use std::time::Duration;

use kube::runtime::watcher;

use crate::checks::wait::{self, Observation, WaitEnd};
use crate::engine::cluster::reconcile::{self, Deleted};
use crate::engine::context::{Object, StepCtx, StepError};
use crate::scenario::action::{Delete, DeleteWait};
use crate::scenario::duration::format_duration;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, d: &Delete) -> Result<Done, StepError> {
    let Object { api, name, label } = ctx.object(&d.object_ref(), "this delete").await?;
    let before = match api.get(&name).await {
        Ok(o) => o,
        // Resumed after an interruption: it was deleted before it.
        Err(kube::Error::Api(s)) if s.code == 404 && ctx.is_resumed() => {
            ctx.output(&format!("{label} is gone already: deleted before the interruption"));
            return Ok(Done::summary(format!("{label} deleted before the interruption")));
        }
        Err(e) => return Err(kube_error(&format!("reading {label}"), &e)),
    };
    let uid = before.metadata.uid.clone().unwrap_or_default();
    if before.metadata.deletion_timestamp.is_some() {
        // Already going (a namespace still Terminating after an interrupted reset): deleting
        // it again is refused by the API server; waiting for it is what is left to do.
        ctx.output(&format!("{label} is already being deleted (uid {uid})"));
    } else {
        let uid_precondition = Some(&uid).filter(|u| !u.is_empty()).map(String::as_str);
        let deleted = reconcile::delete(&api, &name, uid_precondition)
            .await
            .map_err(|e| kube_error(&format!("deleting {label}"), &e))?;
        let lost = if deleted == Deleted::AnswerLost {
            "; the answer was lost, found it gone"
        } else {
            ""
        };
        ctx.output(&format!("{label} deleted (uid {uid}{lost})"));
    }
    if d.wait == DeleteWait::None {
        return Ok(Done::summary(crate::t!("action-deleted", object = label)));
    }
    let timeout = ctx.scaled(d.timeout.map_or(Duration::from_secs(120), |t| t.as_std()));
    ctx.output(&crate::t!(
        "action-delete-waiting",
        object = label.as_str(),
        uid = uid.as_str(),
        timeout = format_duration(timeout)
    ));
    let conn = ctx.conn()?;
    let cfg = watcher::Config::default().fields(&format!("metadata.name={name}"));
    let gone = |seen: &[&kube::api::DynamicObject]| {
        if seen.iter().any(|o| o.metadata.uid.as_deref() == Some(uid.as_str())) {
            Observation::waiting("still there")
        } else {
            Observation::done("gone")
        }
    };
    let waited = wait::watch_until(ctx.cancel(), &conn, api, cfg, timeout, &|_, _| {}, gone).await;
    match waited {
        WaitEnd::Done { .. } => {
            let id = if d.wait == DeleteWait::Recreated {
                "action-gone-recreate"
            } else {
                "action-gone"
            };
            Ok(Done::summary(crate::t!(id, object = label, uid = uid)))
        }
        WaitEnd::Interrupted => Err(StepError::new("interrupted")),
        WaitEnd::TimedOut { last_error, .. } => {
            let err = StepError::new(format!(
                "{label} (uid {uid}) was still there after {}",
                format_duration(timeout)
            ));
            Err(match last_error {
                Some(e) => err
                    .detail(vec![format!("last API error: {e}")])
                    .hint("the API server failed meanwhile: is the cluster healthy?"),
                None => err.hint("a finalizer may hold it: look at metadata.finalizers"),
            })
        }
    }
}
