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
    super::watch(ctx, &c.object_ref(), timeout, progress, |objs| {
        let obj = match super::the_one(objs, false) {
            Ok(o) => o,
            Err(why) => return why,
        };
        match condition(&obj.data, &ty) {
            Some(s) if s == want => Observation::done(format!("{ty}={s}")),
            Some(s) => Observation::waiting(format!("{ty}={s}")),
            None => Observation::waiting(crate::t!("seen-no-condition", condition = ty.to_string())),
        }
    })
    .await
}
