//! The checks that prove a step worked, one file per kind. Cluster checks wait on watch
//! events through [`wait::until`]; `http` polls, since an HTTP endpoint has no events.
//! A failed check carries what was expected, what was last observed, the recent Events of the
//! objects involved and, for known causes, a one-line diagnosis.

pub mod absent_field;
pub mod compare;
pub mod condition;
pub mod count;
pub mod default_storage_class;
pub mod evidence;
pub mod exists;
pub mod field;
pub mod http;
pub mod ingress_address;
pub mod pvc_bound;
pub mod recreated;
pub mod rollout;
pub mod similar;
pub mod wait;

use std::time::{Duration, Instant};

use kube::api::DynamicObject;

use crate::engine::context::{StepCtx, StepError};
use crate::engine::event::{Event, Failure};
use crate::plan::describe;
use crate::scenario::scope::ObjectRef;
use crate::scenario::{Check, CheckKind};

use wait::{Observation, Target, WaitEnd};

/// How a check ended.
#[derive(Debug, Clone)]
pub enum Verdict {
    Passed { observed: String, elapsed: Duration },
    Failed(Box<Failure>),
    Interrupted,
}

/// What a check's own code returns; `run` adds the reporting and the evidence.
pub enum Outcome {
    Passed(String),
    /// Not passed in time: the last observation, the last API error, and the objects whose
    /// Events explain why (namespace, names).
    Failed {
        observed: String,
        last_error: Option<String>,
        evidence: Evidence,
    },
    Interrupted,
    /// The check could not run at all (a kind the cluster does not serve, a template error).
    Error(StepError),
}

/// Which objects' Events to show when a check fails.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    pub namespace: Option<String>,
    /// Names of involved objects; Events of objects whose name starts with `name-` count too
    /// (the pods of a Deployment or StatefulSet).
    pub names: Vec<String>,
    pub kind: String,
}

impl Outcome {
    fn from_wait(end: WaitEnd, evidence: Evidence) -> Outcome {
        match end {
            WaitEnd::Done { observed, .. } => Outcome::Passed(observed),
            WaitEnd::TimedOut {
                observed, last_error, ..
            } => Outcome::Failed {
                observed,
                last_error,
                evidence,
            },
            WaitEnd::Interrupted => Outcome::Interrupted,
        }
    }
}

/// Runs one check of a step, reporting its start, progress and end.
pub async fn run(ctx: &StepCtx<'_>, index: usize, check: &Check) -> Verdict {
    let id = ctx.step.id.to_string();
    let description = describe::check(&ctx.plan, check, &ctx.captures());
    let timeout = ctx.scaled(check.timeout.as_std());
    ctx.run.emit(Event::CheckStarted {
        id: id.clone(),
        check: index,
        description: description.clone(),
        timeout,
    });
    let start = Instant::now();
    let progress = |observed: &str, elapsed: Duration| {
        ctx.run.emit(Event::CheckProgress {
            id: id.clone(),
            check: index,
            observed: observed.to_owned(),
            elapsed,
            timeout,
        })
    };
    let outcome = outcome(ctx, check, timeout, &progress).await;
    let elapsed = start.elapsed();
    let hint = (check.hint.as_ref()).map(|h| ctx.plan.text(h, &ctx.run.lang, &ctx.captures()));
    match outcome {
        Outcome::Passed(observed) => {
            // "has an address" says which: a `get` printed just before may show none yet.
            let description = match &check.kind {
                CheckKind::IngressAddress(i) if i.address.is_none() => format!("{description}: {observed}"),
                _ => description,
            };
            ctx.run.emit(Event::CheckPassed {
                id,
                check: index,
                description,
                observed: observed.clone(),
                elapsed,
            });
            Verdict::Passed { observed, elapsed }
        }
        Outcome::Interrupted => Verdict::Interrupted,
        Outcome::Failed {
            observed,
            last_error,
            evidence,
        } => {
            let (events, diagnosis) = match ctx.run.connection() {
                Some(conn) => {
                    let events = evidence::events(&conn, &evidence).await;
                    let diagnosis = evidence::diagnose(&conn, &check.kind, &events, &observed).await;
                    (events, diagnosis)
                }
                None => (Vec::new(), None),
            };
            let failure = Box::new(Failure {
                expected: description.clone(),
                observed,
                diagnosis,
                events,
                hint,
                last_error,
            });
            ctx.run.emit(Event::CheckFailed {
                id,
                check: index,
                description,
                failure: failure.clone(),
                elapsed,
            });
            Verdict::Failed(failure)
        }
        Outcome::Error(e) => {
            let failure = Box::new(Failure {
                expected: description.clone(),
                observed: e.message.clone(),
                diagnosis: None,
                events: e.detail.clone(),
                hint: e.hint.clone().or(hint),
                last_error: None,
            });
            ctx.run.emit(Event::CheckFailed {
                id,
                check: index,
                description,
                failure: failure.clone(),
                elapsed,
            });
            Verdict::Failed(failure)
        }
    }
}

async fn outcome(
    ctx: &StepCtx<'_>,
    check: &Check,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    match &check.kind {
        CheckKind::Exists(o) => exists::run(ctx, o, true, timeout, progress).await,
        CheckKind::Absent(o) => exists::run(ctx, o, false, timeout, progress).await,
        CheckKind::Field(f) => field::run(ctx, f, timeout, progress).await,
        CheckKind::AbsentField(f) => absent_field::run(ctx, f, timeout, progress).await,
        CheckKind::Condition(c) => condition::run(ctx, c, timeout, progress).await,
        CheckKind::Rollout(r) => rollout::run(ctx, r, timeout, progress).await,
        CheckKind::Count(c) => count::run(ctx, c, timeout, progress).await,
        CheckKind::DefaultStorageClass(d) => default_storage_class::run(ctx, d, timeout, progress).await,
        CheckKind::PvcBound(p) => pvc_bound::run(ctx, p, timeout, progress).await,
        CheckKind::Recreated(r) => recreated::run(ctx, r, timeout, progress).await,
        CheckKind::IngressAddress(i) => ingress_address::run(ctx, i, timeout, progress).await,
        CheckKind::Http(h) => http::run(ctx, h, timeout, progress).await,
    }
}

/// Whether a check holds now, asked quietly (no events) and waiting at most `patience`:
/// for `--converge` and for confirming completed steps on `--resume`.
pub async fn holds(ctx: &StepCtx<'_>, check: &Check, patience: Duration) -> bool {
    let timeout = ctx.scaled(check.timeout.as_std()).min(patience);
    matches!(outcome(ctx, check, timeout, &|_, _| {}).await, Outcome::Passed(_))
}

/// Resolves the kind of `target`, checks its scope fits the kind (the same problems `validate`
/// reports for built-in kinds, for kinds only discovery knows), and watches the objects it names
/// (one by name, or a set by labels; in one namespace or all) until `eval` holds.
pub async fn watch(
    ctx: &StepCtx<'_>,
    target: &ObjectRef<'_>,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
    eval: impl Fn(&[&DynamicObject]) -> Observation,
) -> Outcome {
    let prepared = async {
        let conn = ctx.conn()?;
        let resolved = conn
            .resolve(target.kind, target.api_version)
            .await
            .map_err(StepError::new)?;
        let ns = ctx.scope(target, resolved.namespaced, &crate::t!("what-this-check"))?;
        let name = ctx.render_opt(target.name)?;
        let labels = ctx.render_opt(target.selector)?;
        Ok::<_, StepError>((conn, resolved, name, ns, labels))
    };
    let (conn, resolved, name, ns, labels) = match prepared.await {
        Ok(p) => p,
        Err(e) => return Outcome::Error(e),
    };
    let evidence = Evidence {
        namespace: ns.clone(),
        names: name.iter().cloned().collect(),
        kind: resolved.ar.kind.clone(),
    };
    let target = Target {
        resolved,
        namespace: ns,
        name,
        labels,
    };
    let mut end = wait::until(ctx.cancel(), &conn, &target, timeout, progress, eval).await;
    // Waited in vain for one object by name: say what of its kind is there instead.
    if let (
        WaitEnd::TimedOut {
            observed,
            missing: true,
            ..
        },
        Some(name),
        None,
    ) = (&mut end, &target.name, &target.labels)
        && let Some(objects) = similar::nearby(&conn, &target, name).await
    {
        *observed = crate::t!("seen-similar", observed = observed.as_str(), objects = objects);
    }
    Outcome::from_wait(end, evidence)
}

/// The one object a check is about among those watched: by name (in one namespace, or the only
/// one of that name in any namespace) or by selector (objects being deleted do not count).
/// Otherwise an observation saying there is none, or several.
pub fn the_one<'o>(objs: &[&'o DynamicObject], by_selector: bool) -> Result<&'o DynamicObject, Observation> {
    let live: Vec<&DynamicObject> = objs
        .iter()
        .copied()
        .filter(|o| !by_selector || o.metadata.deletion_timestamp.is_none())
        .collect();
    match live.as_slice() {
        [one] => Ok(one),
        [] if by_selector => Err(Observation::waiting(crate::t!("seen-no-match"))),
        [] => Err(Observation::waiting(crate::t!("seen-no-object"))),
        several => {
            let names: Vec<String> = several.iter().take(5).map(|o| qualified_name(o)).collect();
            let more = if several.len() > 5 { ", …" } else { "" };
            Err(Observation::waiting(crate::t!(
                "seen-several-match",
                count = several.len(),
                names = format!("{}{more}", names.join(", ")),
                by = if by_selector { "selector" } else { "name" }
            )))
        }
    }
}

/// `namespace/name`, or `name` for a cluster-scoped object.
pub fn qualified_name(o: &DynamicObject) -> String {
    let name = o.metadata.name.as_deref().unwrap_or("?");
    match &o.metadata.namespace {
        Some(ns) => format!("{ns}/{name}"),
        None => name.to_owned(),
    }
}
