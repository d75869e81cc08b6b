//! `field`: the value at a path of one object equals (or contains) a value.

use std::time::Duration;

use serde_json::Value;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::analyze::json_of;
use crate::scenario::check::FieldCheck;
use crate::scenario::field_path::FieldPath;

use super::Outcome;
use super::wait::Observation;

pub async fn run(
    ctx: &StepCtx<'_>,
    f: &FieldCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let prepared = (|| {
        let path = FieldPath::parse(f.path.get_ref()).map_err(StepError::new)?;
        let captures = ctx.captures();
        let (expected, contains) = match (&f.equals, &f.contains) {
            (Some(v), _) => (ctx.plan.render_json(&json_of(v), &captures)?, false),
            (_, Some(v)) => (ctx.plan.render_json(&json_of(v), &captures)?, true),
            _ => return Err(StepError::new("a field check needs `equals` or `contains`")),
        };
        Ok::<_, StepError>((path, expected, contains))
    })();
    let (path, expected, contains) = match prepared {
        Ok(p) => p,
        Err(e) => return Outcome::Error(e),
    };
    super::watch(
        ctx,
        f.kind.get_ref(),
        f.api_version.as_deref(),
        Some(&f.name),
        f.namespace.as_ref(),
        None,
        timeout,
        progress,
        |objs| {
            let Some(obj) = objs.first() else {
                return Observation::waiting("the object does not exist");
            };
            let doc = object_json(obj);
            let mut seen = evaluate(&path, &doc, &expected, contains);
            if crate::redact::is_secret_kind(f.kind.get_ref()) && !seen.observed.ends_with("is not set") {
                seen.observed = format!("{path} = {}", crate::redact::MASK);
            }
            seen
        },
    )
    .await
}

/// The whole object as JSON (metadata included), as a path sees it.
pub fn object_json(obj: &kube::api::DynamicObject) -> Value {
    serde_json::to_value(obj).unwrap_or(Value::Null)
}

/// Compares the values at `path` with `expected`.
pub fn evaluate(path: &FieldPath, doc: &Value, expected: &Value, contains: bool) -> Observation {
    let found = path.select(doc);
    if found.is_empty() {
        return Observation::waiting(format!("{path} is not set"));
    }
    let ok = found.iter().any(|v| {
        if contains {
            value_contains(v, expected)
        } else {
            same(v, expected)
        }
    });
    let shown: Vec<String> = found.iter().take(5).map(|v| short(v)).collect();
    let observed = format!("{path} = {}", shown.join(", "));
    if ok {
        Observation::done(observed)
    } else {
        Observation::waiting(observed)
    }
}

/// Equality that accepts `"3"` for `3` and `"true"` for `true`, since TOML authors quote.
pub fn same(actual: &Value, expected: &Value) -> bool {
    if actual == expected {
        return true;
    }
    match (actual, expected) {
        (Value::String(a), e) if !e.is_string() => a == &e.to_string(),
        (a, Value::String(e)) if !a.is_string() => &a.to_string() == e,
        _ => false,
    }
}

/// A string contains a substring; an array contains an equal element; an object contains a key.
pub fn value_contains(actual: &Value, expected: &Value) -> bool {
    match actual {
        Value::String(s) => match expected {
            Value::String(e) => s.contains(e.as_str()),
            other => s.contains(&other.to_string()),
        },
        Value::Array(items) => items.iter().any(|i| same(i, expected) || value_contains(i, expected)),
        Value::Object(map) => expected.as_str().is_some_and(|k| map.contains_key(k)),
        other => same(other, expected),
    }
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn compares_leniently_and_contains() {
        assert!(same(&json!(3), &json!("3")));
        assert!(same(&json!("true"), &json!(true)));
        assert!(!same(&json!("x"), &json!("y")));
        assert!(value_contains(&json!(["a", "b"]), &json!("b")));
        assert!(value_contains(&json!("hello world"), &json!("world")));
        let p = FieldPath::parse("[*].name").unwrap();
        let doc = json!([{"name": "alice"}, {"name": "player-x1"}]);
        assert!(evaluate(&p, &doc, &json!("player-x1"), true).done);
        assert!(!evaluate(&p, &doc, &json!("bob"), true).done);
    }
}
