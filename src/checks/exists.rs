//! `exists` / `absent`: one object by kind and name.

use std::time::Duration;

use crate::engine::context::StepCtx;
use crate::scenario::check::ObjectCheck;

use super::Outcome;
use super::wait::Observation;

pub async fn run(
    ctx: &StepCtx<'_>,
    o: &ObjectCheck,
    present: bool,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    super::watch(
        ctx,
        o.kind.get_ref(),
        o.api_version.as_deref(),
        Some(&o.name),
        o.namespace.as_ref(),
        None,
        timeout,
        progress,
        |objs| match (objs.first(), present) {
            (Some(obj), true) => {
                Observation::done(format!("found (uid {})", obj.metadata.uid.as_deref().unwrap_or("?")))
            }
            (None, true) => Observation::waiting("not found"),
            (None, false) => Observation::done("not found"),
            (Some(obj), false) => {
                let phase = super::wait::str_at(&obj.data, &["status", "phase"]);
                if obj.metadata.deletion_timestamp.is_some() || phase == Some("Terminating") {
                    Observation::waiting("still there, being deleted (Terminating)")
                } else {
                    Observation::waiting("still there")
                }
            }
        },
    )
    .await
}
