//! `count`: how many objects match a label selector (Pods: optionally only Ready ones).

use std::time::Duration;

use crate::engine::context::StepCtx;
use crate::scenario::check::CountCheck;

use super::Outcome;
use super::wait::{Observation, pod_ready};

pub async fn run(
    ctx: &StepCtx<'_>,
    c: &CountCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let want = match ctx.plan.render_int(&c.equals, &ctx.captures()) {
        Ok(n) => n,
        Err(e) => return Outcome::Error(e.into()),
    };
    let ready_only = c.ready;
    let mut outcome = super::watch(
        ctx,
        c.kind.get_ref(),
        None,
        None,
        c.namespace.as_ref(),
        c.selector.as_ref(),
        timeout,
        progress,
        |objs| {
            let live: Vec<_> = objs
                .iter()
                .filter(|o| o.metadata.deletion_timestamp.is_none())
                .collect();
            let n = if ready_only {
                live.iter().filter(|o| pod_ready(o)).count()
            } else {
                live.len()
            } as i64;
            let text = if ready_only {
                format!("{n}/{want} Ready ({} pods)", live.len())
            } else {
                format!("{n} of {want}")
            };
            if n == want {
                Observation::done(text)
            } else {
                Observation::waiting(text)
            }
        },
    )
    .await;
    if let Outcome::Failed { evidence, .. } = &mut outcome
        && let Ok(Some(sel)) = ctx.render_opt(c.selector.as_ref())
    {
        // `name=pacman` → the pods are named pacman-…
        if let Some((_, v)) = sel.split(',').next().and_then(|s| s.split_once('=')) {
            evidence.names.push(v.trim_start_matches('=').to_owned());
        }
    }
    outcome
}
