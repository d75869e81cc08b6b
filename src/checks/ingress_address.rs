//! `ingress-address`: an Ingress has an address in its status (optionally a given one).

use std::time::Duration;

use crate::engine::context::StepCtx;
use crate::scenario::check::IngressAddressCheck;

use super::Outcome;
use super::wait::Observation;

pub async fn run(
    ctx: &StepCtx<'_>,
    i: &IngressAddressCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let want = match ctx.render_opt(i.address.as_ref()) {
        Ok(w) => w,
        Err(e) => return Outcome::Error(e),
    };
    super::watch(ctx, &i.object_ref(), timeout, progress, |objs| {
        if objs.is_empty() {
            return Observation::waiting(crate::t!("seen-ingress-missing"));
        }
        let o = match super::the_one(objs, false) {
            Ok(o) => o,
            Err(why) => return why,
        };
        let addrs: Vec<String> = o
            .data
            .pointer("/status/loadBalancer/ingress")
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.get("ip").or_else(|| e.get("hostname")).and_then(|v| v.as_str()))
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        if addrs.is_empty() {
            return Observation::waiting(crate::t!("seen-no-address"));
        }
        let text = crate::t!("seen-address", address = addrs.join(", "));
        match &want {
            Some(w) if !addrs.contains(w) => Observation::waiting(text),
            _ => Observation::done(text),
        }
    })
    .await
}
