//! `condition`: a status condition has the wanted status.

use std::time::Duration;

use crate::engine::context::StepCtx;
use crate::scenario::check::ConditionCheck;

use super::Outcome;
use super::wait::{Observation, condition};

pub async fn run(
    ctx: &StepCtx<'_>,
    c: &ConditionCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let (ty, want) = (c.condition_type.clone(), c.status.clone());
    super::watch(
        ctx,
        c.kind.get_ref(),
        c.api_version.as_deref(),
        Some(&c.name),
        c.namespace.as_ref(),
        None,
        timeout,
        progress,
        |objs| {
            let Some(obj) = objs.first() else {
                return Observation::waiting("the object does not exist");
            };
            match condition(&obj.data, &ty) {
                Some(s) if s == want => Observation::done(format!("{ty}={s}")),
                Some(s) => Observation::waiting(format!("{ty}={s}")),
                None => Observation::waiting(format!("no {ty} condition yet")),
            }
        },
    )
    .await
}
