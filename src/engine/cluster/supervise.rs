//! What the runner wraps around a step: a step stops at once when its cluster is lost, and an
//! action's API requests are retried within its timeout, with the failure being retried shown
//! as the step's live line.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::engine::context::{RunCtx, StepCtx};

use super::health::Lost;
use super::retry;

/// Runs `fut` (a whole step) unless the cluster is lost first, or was lost before.
pub async fn step<T>(run: &RunCtx, fut: impl Future<Output = T>) -> Result<T, Lost> {
    tokio::pin!(fut);
    let mut conns = run.watch_connection();
    loop {
        let conn = conns.borrow_and_update().clone();
        let lost = async {
            match &conn {
                Some(c) => c.health().lost_signal().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            lost = lost => return Err(lost),
            changed = conns.changed() => {
                if changed.is_err() {
                    // The run is ending: no new connection will come.
                    return Ok(fut.await);
                }
            }
            done = &mut fut => return Ok(done),
        }
    }
}

/// Runs a step's action: its API requests are retried until `budget` has passed, and what fails
/// meanwhile is said as a line of the step's output (once per kind of failure).
pub async fn action<T>(ctx: &StepCtx<'_>, budget: Duration, fut: impl Future<Output = T>) -> T {
    let fut = retry::within(Instant::now() + budget, fut);
    tokio::pin!(fut);
    let Some(conn) = ctx.run.connection() else {
        return fut.await;
    };
    let health = conn.health().clone();
    let mut changed = health.subscribe();
    let mut said: Option<String> = None;
    loop {
        tokio::select! {
            biased;
            done = &mut fut => return done,
            r = changed.changed() => {
                if r.is_err() {
                    return fut.await;
                }
                let Some(line) = health.status_line() else {
                    said = None;
                    continue;
                };
                // "API answers 500 since 4 s; retrying": say it once per kind of failure.
                let kind = health.status_kind().unwrap_or_default();
                if said.as_deref() != Some(kind.as_str()) {
                    match health.failing_request() {
                        Some(request) => ctx.output(&format!("{line} ({request})")),
                        None => ctx.output(&line),
                    }
                    said = Some(kind);
                }
            }
        }
    }
}
