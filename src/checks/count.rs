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
    let everywhere = c.all_namespaces;
    let mut outcome = super::watch(ctx, &c.object_ref(), timeout, progress, |objs| {
        let live: Vec<_> = objs
            .iter()
            .filter(|o| o.metadata.deletion_timestamp.is_none())
            .collect();
        let counted: Vec<_> = live.iter().filter(|o| !ready_only || pod_ready(o)).collect();
        let n = counted.len() as i64;
        let mut text = if ready_only {
            crate::t!("seen-ready-pods", ready = n, want = want, pods = live.len())
        } else {
            crate::t!("seen-count", count = n, want = want)
        };
        if everywhere && n > 0 {
            // Where they are: `4 of 3 (other: 1, web: 3)`.
            let mut per_ns: std::collections::BTreeMap<&str, usize> = Default::default();
            for o in &counted {
                *per_ns.entry(o.metadata.namespace.as_deref().unwrap_or("")).or_default() += 1;
            }
            let parts: Vec<String> = per_ns.iter().map(|(ns, k)| format!("{ns}: {k}")).collect();
            text.push_str(&format!(" ({})", parts.join(", ")));
        }
        if n == want {
            Observation::done(text)
        } else {
            Observation::waiting(text)
        }
    })
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

#[cfg(test)]
mod tests {
    #[test]
    fn one_pod_is_one_pod_in_every_language() {
        for lang in ["en", "es"] {
            let _lang = crate::i18n::scoped(lang);
            assert_eq!(
                crate::t!("seen-ready-pods", ready = 1i64, want = 2i64, pods = 1usize),
                "1/2 Ready (1 pod)"
            );
            assert_eq!(
                crate::t!("seen-ready-pods", ready = 2i64, want = 2i64, pods = 2usize),
                "2/2 Ready (2 pods)"
            );
        }
    }
}
