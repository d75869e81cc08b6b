//! `http`: an HTTP response matches. An endpoint has no events to watch, so this check repeats
//! the request (every 500 ms, backing off to 2 s) until it matches or the timeout passes.

use std::time::{Duration, Instant};

use crate::actions::http::{Request, expect};
use crate::engine::context::StepCtx;
use crate::scenario::action::Http;

use super::{Evidence, Outcome};

/// The shortest and longest time one request may take to answer.
const MIN_ATTEMPT: Duration = Duration::from_secs(1);
const MAX_ATTEMPT: Duration = Duration::from_secs(10);

pub async fn run(
    ctx: &StepCtx<'_>,
    h: &Http,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let request = match Request::build(ctx, h) {
        Ok(r) => r,
        Err(e) => return Outcome::Error(e),
    };
    let start = Instant::now();
    let mut delay = Duration::from_millis(500);
    let mut last_error = None;
    loop {
        let observed;
        // Every attempt is a real one: at least a second to answer, even when a loaded
        // machine has spent the check's time before it (else "did not answer within 0ms").
        let left = timeout.saturating_sub(start.elapsed());
        match request.send(left.clamp(MIN_ATTEMPT, MAX_ATTEMPT)).await {
            Ok(resp) => match expect(ctx, &h.expect, &resp) {
                Ok(summary) => return Outcome::Passed(summary),
                Err(why) => observed = why,
            },
            Err(e) => {
                observed = e.message.clone();
                last_error = Some(e.message);
            }
        }
        progress(&observed, start.elapsed());
        if start.elapsed() + delay >= timeout {
            return Outcome::Failed {
                observed,
                last_error,
                evidence: Evidence::default(),
            };
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = ctx.cancel().cancelled() => return Outcome::Interrupted,
        }
        delay = (delay * 3 / 2).min(Duration::from_secs(2));
    }
}
