//! `rollout`: every replica of a Deployment, StatefulSet or DaemonSet is updated and ready at
//! its current generation (what `kubectl rollout status` waits for).

use std::time::Duration;

use kube::api::DynamicObject;

use crate::engine::context::StepCtx;
use crate::scenario::check::RolloutCheck;

use super::Outcome;
use super::wait::{Observation, i64_at};

pub async fn run(
    ctx: &StepCtx<'_>,
    r: &RolloutCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let kind = r.kind.get_ref().clone();
    super::watch(ctx, &r.object_ref(), timeout, progress, |objs| {
        match super::the_one(objs, false) {
            Ok(o) => rolled_out(&kind, o),
            Err(why) => why,
        }
    })
    .await
}

/// Judges a rollout from the object's spec and status.
pub fn rolled_out(kind: &str, o: &DynamicObject) -> Observation {
    let d = &o.data;
    let generation = o.metadata.generation.unwrap_or(0);
    let observed_gen = i64_at(d, &["status", "observedGeneration"]).unwrap_or(0);
    let st = |k: &str| i64_at(d, &["status", k]).unwrap_or(0);
    if kind == "DaemonSet" {
        let desired = st("desiredNumberScheduled");
        let ready = st("numberReady");
        let updated = st("updatedNumberScheduled");
        let text = crate::t!("seen-rollout", ready = ready, desired = desired, updated = updated);
        let done = observed_gen >= generation && ready == desired && updated == desired;
        return if done {
            Observation::done(text)
        } else {
            Observation::waiting(text)
        };
    }
    let desired = i64_at(d, &["spec", "replicas"]).unwrap_or(1);
    let ready = st("readyReplicas");
    let updated = st("updatedReplicas");
    let current = st("replicas");
    let mut text = crate::t!("seen-rollout", ready = ready, desired = desired, updated = updated);
    if observed_gen < generation {
        text.push_str(&format!(" ({})", crate::t!("seen-rollout-stale")));
        return Observation::waiting(text);
    }
    let done = match kind {
        "Deployment" => {
            let available = st("availableReplicas");
            updated == desired && ready == desired && available == desired && current == desired
        }
        _ => {
            let revisions_match = match (
                d.pointer("/status/currentRevision").and_then(|v| v.as_str()),
                d.pointer("/status/updateRevision").and_then(|v| v.as_str()),
            ) {
                (Some(c), Some(u)) => c == u,
                _ => true,
            };
            ready == desired && (updated == desired || revisions_match) && current == desired
        }
    };
    if done {
        Observation::done(text)
    } else {
        Observation::waiting(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(generation: i64, data: serde_json::Value) -> DynamicObject {
        let mut o: DynamicObject = serde_json::from_value(json!({
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "pacman", "generation": generation}
        }))
        .unwrap();
        o.data = data;
        o
    }

    #[test]
    fn waits_for_the_current_generation_and_every_replica() {
        let stale = obj(
            2,
            json!({"spec": {"replicas": 3}, "status": {"observedGeneration": 1, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 3, "availableReplicas": 3}}),
        );
        assert!(!rolled_out("Deployment", &stale).done);
        let partial = obj(
            2,
            json!({"spec": {"replicas": 3}, "status": {"observedGeneration": 2, "replicas": 3, "readyReplicas": 1, "updatedReplicas": 3, "availableReplicas": 1}}),
        );
        let o = rolled_out("Deployment", &partial);
        assert!(!o.done);
        assert_eq!(o.observed, "1/3 ready, 3 updated");
        let done = obj(
            2,
            json!({"spec": {"replicas": 3}, "status": {"observedGeneration": 2, "replicas": 3, "readyReplicas": 3, "updatedReplicas": 3, "availableReplicas": 3}}),
        );
        assert!(rolled_out("Deployment", &done).done);
    }
}
