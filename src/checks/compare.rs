//! Comparing the values at a field path with what a scenario expects: the semantics of
//! `equals`, `any`, `contains` and `count`, shared by the `field` check and HTTP `expect.json`
//! (documented with examples in docs/scenario-format.md, "Comparisons").

use serde_json::Value;

use crate::plan::{Captures, Plan};
use crate::scenario::analyze::json_of;
use crate::scenario::check::Comparison;
use crate::scenario::field_path::FieldPath;
use crate::template::TemplateError;

use super::wait::Observation;

/// A comparison with its value rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// Every value at the path equals this, and there is at least one.
    Equals(Value),
    /// At least one value at the path equals this.
    Any(Value),
    /// See [`contains`].
    Contains(Value),
    /// The path selects exactly this many values.
    Count(i64),
}

impl Expected {
    /// Renders a comparison's value with the variables and captures.
    pub fn render(plan: &Plan, c: Comparison<'_>, captures: &Captures) -> Result<Expected, TemplateError> {
        let json = |v: &crate::scenario::value::JsonValue| plan.render_json(&json_of(v), captures);
        Ok(match c {
            Comparison::Equals(v) => Expected::Equals(json(v)?),
            Comparison::Any(v) => Expected::Any(json(v)?),
            Comparison::Contains(v) => Expected::Contains(json(v)?),
            Comparison::Count(n) => Expected::Count(plan.render_int(n, captures)?),
        })
    }

    /// What is expected, in a line: `spec.type = "LoadBalancer"`,
    /// `all spec.template.spec.containers[*].image = "nginx:1.27.3"`.
    pub fn describe(&self, path: &FieldPath) -> String {
        match self {
            Expected::Equals(v) if path.can_select_several() => {
                crate::t!("expect-all-equal", path = path.to_string(), value = v.to_string())
            }
            Expected::Equals(v) => format!("{path} = {v}"),
            Expected::Any(v) => crate::t!("expect-any-equal", path = path.to_string(), value = v.to_string()),
            Expected::Contains(v) => crate::t!("expect-contains", path = path.to_string(), value = v.to_string()),
            Expected::Count(n) => crate::t!(
                "expect-count",
                count = *n,
                items = path.plural(),
                path = path.to_string()
            ),
        }
    }
}

/// Compares the values `path` selects in `doc` with `expected`. With `secret`, values are
/// never shown (the object is a Secret).
pub fn compare(path: &FieldPath, doc: &Value, expected: &Expected, secret: bool) -> Observation {
    let found = path.select(doc);
    let several = path.can_select_several();
    let show = |v: &Value| {
        if secret {
            crate::redact::MASK.to_owned()
        } else {
            short(v)
        }
    };
    let listed = |values: &[&Value]| {
        let mut shown: Vec<String> = values.iter().take(5).map(|v| show(v)).collect();
        if values.len() > 5 {
            shown.push(crate::t!("seen-more-in-all", count = values.len()));
        }
        shown.join(", ")
    };
    let nothing = || {
        if several {
            crate::t!("seen-selects-nothing", items = path.plural(), path = path.to_string())
        } else {
            crate::t!("seen-not-set", path = path.to_string())
        }
    };
    let n = found.len();
    match expected {
        Expected::Count(want) => {
            let text = crate::t!("seen-count-values", count = n, items = path.plural());
            verdict(n as i64 == *want, text)
        }
        _ if found.is_empty() => Observation::waiting(nothing()),
        Expected::Equals(want) if !several => verdict(same(found[0], want), format!("{path} = {}", show(found[0]))),
        Expected::Equals(want) => {
            let (ok, other): (Vec<&Value>, Vec<&Value>) = found.iter().partition(|v| same(v, want));
            let plural = path.plural();
            if other.is_empty() {
                Observation::done(crate::t!(
                    "seen-all-equal",
                    count = n,
                    items = plural,
                    value = show(want)
                ))
            } else {
                Observation::waiting(crate::t!(
                    "seen-some-equal",
                    matching = ok.len(),
                    count = n,
                    items = plural,
                    value = show(want),
                    others = listed(&other)
                ))
            }
        }
        Expected::Any(want) => {
            let matching = found.iter().filter(|v| same(v, want)).count();
            let plural = path.plural();
            if matching > 0 {
                Observation::done(crate::t!(
                    "seen-any-equal",
                    matching = matching,
                    count = n,
                    items = plural,
                    value = show(want)
                ))
            } else {
                Observation::waiting(crate::t!(
                    "seen-none-equal",
                    count = n,
                    items = plural,
                    value = show(want),
                    found = listed(&found)
                ))
            }
        }
        Expected::Contains(want) if several => {
            let items: Vec<Value> = found.iter().map(|v| (*v).clone()).collect();
            let text = crate::t!(
                "seen-values",
                path = path.to_string(),
                values = listed(&found),
                count = n
            );
            verdict(list_contains(&items, want), text)
        }
        Expected::Contains(want) => {
            let actual = found[0];
            if actual.is_object() && !want.is_object() {
                return Observation::waiting(crate::t!(
                    "seen-contains-map",
                    path = path.to_string(),
                    found = show(actual)
                ));
            }
            verdict(contains(actual, want), format!("{path} = {}", show(actual)))
        }
    }
}

fn verdict(ok: bool, text: String) -> Observation {
    if ok {
        Observation::done(text)
    } else {
        Observation::waiting(text)
    }
}

/// Equality that accepts `"3"` for `3` and `"true"` for `true` (TOML authors quote), inside
/// tables and lists too.
pub fn same(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (a, e) if a == e => true,
        (Value::Object(a), Value::Object(e)) => {
            a.len() == e.len() && e.iter().all(|(k, ev)| a.get(k).is_some_and(|av| same(av, ev)))
        }
        (Value::Array(a), Value::Array(e)) => a.len() == e.len() && a.iter().zip(e).all(|(x, y)| same(x, y)),
        (Value::String(a), e) if e.is_number() || e.is_boolean() => a == &e.to_string(),
        (a, Value::String(e)) if a.is_number() || a.is_boolean() => &a.to_string() == e,
        _ => false,
    }
}

/// `contains` on one value: a string holds a substring; a map holds the given entries (a
/// subset, compared as [`subset`]); a list holds the element ([`list_contains`]); a number or a
/// boolean equals it.
pub fn contains(actual: &Value, expected: &Value) -> bool {
    match actual {
        Value::String(s) => match expected {
            Value::String(e) => s.contains(e.as_str()),
            Value::Number(_) | Value::Bool(_) => s.contains(&expected.to_string()),
            _ => false,
        },
        Value::Array(items) => list_contains(items, expected),
        Value::Object(_) => expected.is_object() && subset(actual, expected),
        other => same(other, expected),
    }
}

/// A list holds `expected`: for a table, one element that holds its entries ([`subset`], the
/// other keys ignored); for anything else, one element that equals it.
pub fn list_contains(items: &[Value], expected: &Value) -> bool {
    items.iter().any(|i| {
        if expected.is_object() {
            subset(i, expected)
        } else {
            same(i, expected)
        }
    })
}

/// A partial match, as Chainsaw's assertion trees: every key of a table in `expected` is in
/// `actual` with a matching value (other keys ignored); lists match element by element and have
/// the same length; anything else is [`same`].
pub fn subset(actual: &Value, expected: &Value) -> bool {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => e.iter().all(|(k, ev)| a.get(k).is_some_and(|av| subset(av, ev))),
        (Value::Array(a), Value::Array(e)) => a.len() == e.len() && a.iter().zip(e).all(|(x, y)| subset(x, y)),
        (a, e) => same(a, e),
    }
}

/// A value in a few characters: strings quoted, long values cut.
fn short(v: &Value) -> String {
    let s = v.to_string();
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

    fn check(path: &str, doc: &Value, expected: Expected) -> Observation {
        compare(&FieldPath::parse(path).unwrap(), doc, &expected, false)
    }

    fn deployment(images: &[&str]) -> Value {
        let containers: Vec<Value> = images
            .iter()
            .enumerate()
            .map(|(i, img)| json!({"name": format!("c{i}"), "image": img}))
            .collect();
        json!({"spec": {"template": {"spec": {"containers": containers}}}})
    }

    const IMAGES: &str = "spec.template.spec.containers[*].image";

    #[test]
    fn equals_on_several_values_needs_every_one_and_at_least_one() {
        let good = check(
            IMAGES,
            &deployment(&["nginx:1.27.3", "nginx:1.27.3"]),
            Expected::Equals(json!("nginx:1.27.3")),
        );
        assert!(good.done);
        assert_eq!(good.observed, "all 2 containers' image = \"nginx:1.27.3\"");

        let one_off = check(
            IMAGES,
            &deployment(&["nginx:1.27.3", "nginx:1.25"]),
            Expected::Equals(json!("nginx:1.27.3")),
        );
        assert!(!one_off.done, "one matching value of two is not enough");
        assert_eq!(
            one_off.observed,
            "1 of 2 containers' image = \"nginx:1.27.3\"; the others: \"nginx:1.25\""
        );

        let none = check(IMAGES, &deployment(&[]), Expected::Equals(json!("nginx:1.27.3")));
        assert!(!none.done, "no value at all is not \"every value\"");
        assert_eq!(
            none.observed,
            "no containers' image: spec.template.spec.containers[*].image selects nothing"
        );
    }

    #[test]
    fn equals_on_one_value() {
        let doc = json!({"spec": {"type": "ClusterIP", "replicas": 3}});
        assert!(check("spec.replicas", &doc, Expected::Equals(json!("3"))).done);
        let o = check("spec.type", &doc, Expected::Equals(json!("LoadBalancer")));
        assert!(!o.done);
        assert_eq!(o.observed, "spec.type = \"ClusterIP\"");
        assert_eq!(
            check("spec.missing", &doc, Expected::Equals(json!(1))).observed,
            "spec.missing is not set"
        );
    }

    #[test]
    fn any_needs_one_value() {
        let doc = deployment(&["nginx:1.25", "busybox"]);
        assert!(check(IMAGES, &doc, Expected::Any(json!("busybox"))).done);
        let o = check(IMAGES, &doc, Expected::Any(json!("nginx:1.27.3")));
        assert!(!o.done);
        assert_eq!(
            o.observed,
            "none of 2 containers' image = \"nginx:1.27.3\": \"nginx:1.25\", \"busybox\""
        );
    }

    #[test]
    fn count_counts_the_values() {
        let doc = deployment(&["a", "b"]);
        let o = check("spec.template.spec.containers[*]", &doc, Expected::Count(2));
        assert!(o.done);
        assert_eq!(o.observed, "2 containers");
        assert!(!check("spec.template.spec.containers[*]", &doc, Expected::Count(1)).done);
        assert!(check("spec.template.spec.containers[name=c9]", &doc, Expected::Count(0)).done);
    }

    #[test]
    fn contains_on_each_kind_of_value() {
        let doc = json!({
            "metadata": {"labels": {"app": "web", "tier": "front"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27.3"}], "args": ["--port", "80"]},
            "status": {"message": "pulled nginx:1.27.3"}
        });
        // a map: a subset of its entries
        assert!(check("metadata.labels", &doc, Expected::Contains(json!({"app": "web"}))).done);
        assert!(!check("metadata.labels", &doc, Expected::Contains(json!({"app": "db"}))).done);
        let key_only = check("metadata.labels", &doc, Expected::Contains(json!("app")));
        assert!(!key_only.done, "a key alone is not an entry");
        assert!(key_only.observed.contains("is a map"), "{}", key_only.observed);
        // a list of objects: one element partially matches
        assert!(check("spec.containers", &doc, Expected::Contains(json!({"name": "nginx"}))).done);
        assert!(
            !check(
                "spec.containers",
                &doc,
                Expected::Contains(json!({"name": "nginx", "image": "x"}))
            )
            .done
        );
        // a list of strings: one element equals (no substring)
        assert!(check("spec.args", &doc, Expected::Contains(json!("80"))).done);
        assert!(!check("spec.args", &doc, Expected::Contains(json!("8"))).done);
        // a string: a substring
        assert!(check("status.message", &doc, Expected::Contains(json!("nginx"))).done);
        assert!(!check("status.message", &doc, Expected::Contains(json!("busybox"))).done);
        // a path that selects several values: the values include it
        let list = json!([{"name": "alice"}, {"name": "player-x1"}]);
        assert!(check("[*].name", &list, Expected::Contains(json!("player-x1"))).done);
        let o = check("[*].name", &list, Expected::Contains(json!("player-x")));
        assert!(!o.done, "a prefix of a value is not the value");
        assert_eq!(o.observed, "[*].name = \"alice\", \"player-x1\" (2 values)");
    }

    #[test]
    fn subset_is_recursive_and_lists_match_element_by_element() {
        let a = json!({"spec": {"ports": [{"port": 80, "name": "http"}], "type": "ClusterIP"}});
        assert!(subset(&a, &json!({"spec": {"ports": [{"port": 80}]}})));
        assert!(!subset(&a, &json!({"spec": {"ports": [{"port": 80}, {"port": 81}]}})));
        assert!(!subset(&a, &json!({"spec": {"type": "NodePort"}})));
    }

    #[test]
    fn lenient_scalars_strict_shapes() {
        assert!(same(&json!(3), &json!("3")));
        assert!(same(&json!("true"), &json!(true)));
        assert!(same(&json!({"a": 1}), &json!({"a": "1"})));
        assert!(!same(&json!({"a": 1, "b": 2}), &json!({"a": 1})));
        assert!(!same(&json!("x"), &json!("y")));
    }

    #[test]
    fn secrets_are_never_shown() {
        let doc = json!({"data": {"password": "aHVudGVyMg=="}});
        let o = compare(
            &FieldPath::parse("data.password").unwrap(),
            &doc,
            &Expected::Equals(json!("x")),
            true,
        );
        assert!(!o.observed.contains("aHVudGVyMg"), "{}", o.observed);
    }
}
