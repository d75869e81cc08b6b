//! `http`: an HTTP response matches. An endpoint has no events to watch, so this check repeats
//! the request (every 500 ms, backing off to 2 s) until it matches or the timeout passes.

use std::time::{Duration, Instant};

use crate::actions::http::{Request, expect};
use crate::engine::context::StepCtx;
use crate::scenario::action::Http;

use super::{Evidence, Outcome};

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
        let left = timeout.saturating_sub(start.elapsed());
        match request.send(left.min(Duration::from_secs(10))).await {
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
