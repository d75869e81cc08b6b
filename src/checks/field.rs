//! `field`: the values at a path of one object (by name, or the one a selector picks) compare
//! with a value; the comparisons are in [`super::compare`].

use std::time::Duration;

use serde_json::Value;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::check::FieldCheck;
use crate::scenario::field_path::FieldPath;

use super::Outcome;
use super::compare::{Expected, compare};

pub async fn run(
    ctx: &StepCtx<'_>,
    f: &FieldCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let prepared = (|| {
        let path = FieldPath::parse(f.path.get_ref()).map_err(StepError::new)?;
        let comparison = f
            .comparisons()
            .first()
            .copied()
            .ok_or_else(|| StepError::new(crate::t!("field-check-needs-comparison")))?;
        let expected = Expected::render(&ctx.plan, comparison, &ctx.captures())?;
        Ok::<_, StepError>((path, expected))
    })();
    let (path, expected) = match prepared {
        Ok(p) => p,
        Err(e) => return Outcome::Error(e),
    };
    // A Secret's values are never shown; its name, labels or uid are.
    let secret = crate::redact::is_secret_field(f.kind.get_ref(), f.path.get_ref());
    let by_selector = f.selector.is_some();
    super::watch(ctx, &f.object_ref(), timeout, progress, |objs| {
        match super::the_one(objs, by_selector) {
            Ok(obj) => compare(&path, &object_json(obj), &expected, secret),
            Err(why) => why,
        }
    })
    .await
}

/// The whole object as JSON (metadata included), as a path sees it.
pub fn object_json(obj: &kube::api::DynamicObject) -> Value {
    serde_json::to_value(obj).unwrap_or(Value::Null)
}
