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
    let Object { api, name, label } = ctx.object(&d.object_ref(), &crate::t!("what-this-delete")).await?;
    let before = match api.get(&name).await {
        Ok(o) => o,
        // Resumed after an interruption: it was deleted before it.
        Err(kube::Error::Api(s)) if s.code == 404 && ctx.is_resumed() => {
            ctx.output(&crate::t!("delete-gone-already", object = label.as_str()));
            return Ok(Done::summary(crate::t!(
                "delete-before-interruption",
                object = label.as_str()
            )));
        }
        Err(e) => return Err(kube_error(&crate::t!("action-doing-read", object = label.as_str()), &e)),
    };
    let uid = before.metadata.uid.clone().unwrap_or_default();
    if before.metadata.deletion_timestamp.is_some() {
        // Already going (a namespace still Terminating after an interrupted reset): deleting
        // it again is refused by the API server; waiting for it is what is left to do.
        ctx.output(&crate::t!(
            "delete-being-deleted",
            object = label.as_str(),
            uid = uid.as_str()
        ));
    } else {
        let uid_precondition = Some(&uid).filter(|u| !u.is_empty()).map(String::as_str);
        let deleted = reconcile::delete(&api, &name, uid_precondition)
            .await
            .map_err(|e| kube_error(&crate::t!("action-doing-delete", object = label.as_str()), &e))?;
        let lost = if deleted == Deleted::AnswerLost {
            format!("; {}", crate::t!("delete-answer-lost-gone"))
        } else {
            String::new()
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
            Observation::waiting(crate::t!("seen-still-there", places = ""))
        } else {
            Observation::done(crate::t!("delete-seen-gone"))
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
        WaitEnd::Interrupted => Err(StepError::new(crate::t!("status-interrupted"))),
        WaitEnd::TimedOut { last_error, .. } => {
            let err = StepError::new(crate::t!(
                "delete-still-there",
                object = label.as_str(),
                uid = uid.as_str(),
                timeout = format_duration(timeout)
            ));
            Err(match last_error {
                Some(e) => err
                    .detail(vec![crate::t!("failure-api-error", text = e.to_string())])
                    .hint(crate::t!("delete-api-failed-hint")),
                None => err.hint(crate::t!("delete-finalizer-hint")),
            })
        }
    }
}
