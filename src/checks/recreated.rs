//! `recreated`: an object with the same name but a new uid exists (judged by uid, never by
//! name), and for a Pod it is Ready.

use std::time::Duration;

use crate::engine::context::StepCtx;
use crate::scenario::check::RecreatedCheck;

use super::Outcome;
use super::wait::{Observation, pod_ready};

pub async fn run(
    ctx: &StepCtx<'_>,
    r: &RecreatedCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let old = match ctx.render(&r.previous_uid) {
        Ok(u) => u,
        Err(e) => return Outcome::Error(e),
    };
    let is_pod = r.kind.get_ref() == "Pod";
    super::watch(ctx, &r.object_ref(), timeout, progress, |objs| {
        match super::the_one(objs, false) {
            Err(_) if objs.is_empty() => Observation::waiting(crate::t!("seen-not-recreated")),
            Err(why) => why,
            Ok(o) => {
                let uid = o.metadata.uid.as_deref().unwrap_or("");
                if uid == old {
                    Observation::waiting(crate::t!("seen-old-object", uid = uid.to_string()))
                } else if is_pod && !pod_ready(o) {
                    let phase = super::wait::str_at(&o.data, &["status", "phase"]).unwrap_or("Pending");
                    Observation::waiting(crate::t!(
                        "seen-recreated-not-ready",
                        uid = uid.to_string(),
                        phase = phase.to_string()
                    ))
                } else {
                    Observation::done(crate::t!("seen-recreated", uid = uid.to_string()))
                }
            }
        }
    })
    .await
}
