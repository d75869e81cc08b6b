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
    super::watch(ctx, &o.object_ref(), timeout, progress, |objs| {
        let places = || {
            let mut ns: Vec<&str> = objs.iter().filter_map(|o| o.metadata.namespace.as_deref()).collect();
            ns.dedup();
            if o.all_namespaces && !ns.is_empty() {
                format!(" {}", crate::t!("describe-in-namespace", namespace = ns.join(", ")))
            } else {
                String::new()
            }
        };
        match (objs.first(), present) {
            (Some(obj), true) => Observation::done(crate::t!(
                "seen-found",
                places = places(),
                uid = obj.metadata.uid.as_deref().unwrap_or("?")
            )),
            (None, true) => Observation::waiting(crate::t!("seen-not-found")),
            (None, false) => Observation::done(crate::t!("seen-not-found")),
            (Some(obj), false) => {
                let phase = super::wait::str_at(&obj.data, &["status", "phase"]);
                if objs.len() == 1 && (obj.metadata.deletion_timestamp.is_some() || phase == Some("Terminating")) {
                    Observation::waiting(crate::t!("seen-terminating", places = places()))
                } else {
                    Observation::waiting(crate::t!("seen-still-there", places = places()))
                }
            }
        }
    })
    .await
}
