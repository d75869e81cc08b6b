//! `default-storage-class`: exactly one StorageClass is marked default, and it is the named one.

use std::time::Duration;

use kube::api::DynamicObject;

use crate::engine::context::StepCtx;
use crate::scenario::check::DefaultStorageClassCheck;

use super::Outcome;
use super::wait::Observation;

/// The annotation that marks the default class (and its beta form, still honoured).
pub const DEFAULT_ANNOTATIONS: &[&str] = &[
    "storageclass.kubernetes.io/is-default-class",
    "storageclass.beta.kubernetes.io/is-default-class",
];

pub fn is_default(o: &DynamicObject) -> bool {
    o.metadata.annotations.as_ref().is_some_and(|a| {
        DEFAULT_ANNOTATIONS
            .iter()
            .any(|k| a.get(*k).is_some_and(|v| v == "true"))
    })
}

pub async fn run(
    ctx: &StepCtx<'_>,
    d: &DefaultStorageClassCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let want = match ctx.render(&d.name) {
        Ok(n) => n,
        Err(e) => return Outcome::Error(e),
    };
    // Every StorageClass, not only the named one: two defaults fail the check.
    let every_class = crate::scenario::scope::ObjectRef {
        name: None,
        ..d.object_ref()
    };
    super::watch(ctx, &every_class, timeout, progress, |objs| {
        let defaults: Vec<&str> = objs
            .iter()
            .filter(|o| is_default(o))
            .filter_map(|o| o.metadata.name.as_deref())
            .collect();
        let text = match defaults.as_slice() {
            [] => crate::t!("seen-no-default-class"),
            [one] => crate::t!("seen-default-class", name = one.to_string()),
            many => crate::t!("seen-default-classes", count = many.len(), names = many.join(", ")),
        };
        if defaults == [want.as_str()] {
            Observation::done(text)
        } else {
            Observation::waiting(text)
        }
    })
    .await
}
