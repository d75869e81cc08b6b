//! `absent-field`: one object exists (by name, or the one a selector picks), and the field or
//! list element at a path does not (`metadata.annotations["a/b"]`, `containers[name=debug]`).

use std::time::Duration;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::check::AbsentFieldCheck;
use crate::scenario::field_path::FieldPath;

use super::Outcome;
use super::field::object_json;
use super::wait::Observation;

pub async fn run(
    ctx: &StepCtx<'_>,
    f: &AbsentFieldCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let path = match FieldPath::parse(f.path.get_ref()) {
        Ok(p) => p,
        Err(why) => return Outcome::Error(StepError::new(why)),
    };
    let secret = crate::redact::is_secret_field(f.kind.get_ref(), f.path.get_ref());
    let by_selector = f.selector.is_some();
    super::watch(ctx, &f.object_ref(), timeout, progress, |objs| {
        let obj = match super::the_one(objs, by_selector) {
            Ok(o) => o,
            Err(why) => return why,
        };
        let doc = object_json(obj);
        absent(&path, &doc, secret)
    })
    .await
}

/// Whether nothing is at `path` in `doc`; what is there otherwise (masked for a Secret).
pub fn absent(path: &FieldPath, doc: &serde_json::Value, secret: bool) -> Observation {
    let found = path.select(doc);
    if found.is_empty() {
        return Observation::done(crate::t!("seen-field-absent", path = path.to_string()));
    }
    let shown: Vec<String> = found
        .iter()
        .take(3)
        .map(|v| {
            if secret {
                crate::redact::MASK.to_owned()
            } else {
                let s = v.to_string();
                if s.chars().count() > 60 {
                    format!("{}…", s.chars().take(60).collect::<String>())
                } else {
                    s
                }
            }
        })
        .collect();
    Observation::waiting(crate::t!(
        "seen-field-there",
        path = path.to_string(),
        count = found.len(),
        values = shown.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn passes_only_when_nothing_is_there() {
        let doc = json!({"spec": {"containers": [{"name": "web"}, {"name": "debug", "image": "busybox"}]}});
        let p = |t: &str| FieldPath::parse(t).unwrap();
        let o = absent(&p("spec.containers[name=debug]"), &doc, false);
        assert!(!o.done);
        assert_eq!(
            o.observed,
            r#"spec.containers[name=debug] is there: {"name":"debug","image":"busybox"}"#
        );
        assert!(absent(&p("spec.containers[name=sidecar]"), &doc, false).done);
        assert!(absent(&p("spec.containers[2]"), &doc, false).done);
        assert!(!absent(&p("spec.containers[1]"), &doc, false).done);
        assert_eq!(
            absent(&p("metadata.annotations[\"a/b\"]"), &doc, false).observed,
            "no metadata.annotations[\"a/b\"]"
        );
    }
}
