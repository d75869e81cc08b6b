//! Keeping secret values out of every output and report.
//!
//! The rule, in one place:
//! - a **name is secret** when it contains `password`, `passwd`, `token`, `secret` or `apikey`/
//!   `api_key`/`api-key` (any case): the values of such variables (defaults and `--var`) and
//!   captures are secret;
//! - the values under `data` and `stringData` of a **Secret object** are secret: rendered
//!   manifests print them masked, and the lab's own Secret manifests register their values;
//! - a registered secret value (4 characters or more) is replaced by [`MASK`] wherever it
//!   appears in an event's text, before any reporter (console, `--events`, `--report`) sees it.

use std::sync::{Arc, RwLock};

use serde_json::Value;

/// What a secret value is shown as.
pub const MASK: &str = "••••••";

/// Shorter values are not substituted in free text: they would garble unrelated words. They are
/// still masked where they are shown by name (captures, variables).
pub const MIN_MASKED_LEN: usize = 4;

const SECRET_WORDS: &[&str] = &["password", "passwd", "token", "secret", "apikey", "api_key", "api-key"];

/// Whether a variable or capture with this name holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// A copy of `object` (one object or a `List`) with the values of Secrets' `data` and
/// `stringData` replaced by [`MASK`]; the keys stay, so the shape is still visible.
pub fn object(object: &Value) -> Value {
    let mut out = object.clone();
    mask_object(&mut out);
    out
}

fn mask_object(v: &mut Value) {
    if let Some(items) = v.get_mut("items").and_then(Value::as_array_mut) {
        items.iter_mut().for_each(mask_object);
    }
    if v.get("kind").and_then(Value::as_str) != Some("Secret") {
        return;
    }
    for key in ["data", "stringData"] {
        if let Some(Value::Object(map)) = v.get_mut(key) {
            for value in map.values_mut() {
                *value = Value::String(MASK.to_owned());
            }
        }
    }
}

/// Whether a kind as a scenario names it (`Secret`, `secrets`, `secret`) is a Secret.
pub fn is_secret_kind(kind: &str) -> bool {
    crate::kinds::lookup(kind).is_some_and(|k| k.kind == "Secret") || kind.eq_ignore_ascii_case("secrets")
}

/// A step's `captured NAME = VALUE` line with the value masked when NAME is a secret name,
/// whatever the value's length.
pub fn capture_line(line: &str) -> Option<String> {
    let rest = line.strip_prefix("captured ")?;
    let (name, _) = rest.split_once(" = ")?;
    is_secret_name(name).then(|| format!("captured {name} = {MASK}"))
}

/// The string values under `data`/`stringData` of a Secret object, or nothing.
pub fn secret_values(object: &Value) -> Vec<String> {
    if object.get("kind").and_then(Value::as_str) != Some("Secret") {
        return Vec::new();
    }
    ["data", "stringData"]
        .iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_object))
        .flat_map(|m| m.values())
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect()
}

/// The secret values known so far in a run; shared by the engine (which registers captures)
/// and the reporters' redaction.
#[derive(Debug, Clone, Default)]
pub struct Secrets(Arc<RwLock<Vec<String>>>);

impl Secrets {
    /// Registers a secret value.
    pub fn add(&self, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let mut all = self.0.write().expect("secrets lock");
        if !all.iter().any(|v| v == value) {
            all.push(value.to_owned());
            // Longest first, so a secret containing another is masked whole.
            all.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// Registers `value` when `name` is a secret name.
    pub fn observe(&self, name: &str, value: &str) {
        if is_secret_name(name) {
            self.add(value);
        }
    }

    /// `text` with every registered value replaced by [`MASK`].
    pub fn mask(&self, text: &str) -> String {
        let all = self.0.read().expect("secrets lock");
        let mut out = text.to_owned();
        for v in all.iter().filter(|v| v.chars().count() >= MIN_MASKED_LEN) {
            if out.contains(v.as_str()) {
                out = out.replace(v.as_str(), MASK);
            }
        }
        out
    }

    /// The secrets a plan knows before it runs: values of secret-named variables and the
    /// `data`/`stringData` values of the Secret manifests it renders.
    pub fn of_plan(plan: &crate::plan::Plan) -> Secrets {
        let s = Secrets::default();
        for (name, value) in &plan.vars {
            s.observe(name, &value.to_string());
        }
        for docs in plan.manifests.values() {
            for m in docs {
                for v in secret_values(&m.object) {
                    s.add(&v);
                }
            }
        }
        s
    }

    pub fn is_empty(&self) -> bool {
        self.0.read().expect("secrets lock").is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_names() {
        for n in ["db_password", "API_TOKEN", "clientSecret", "my-api-key"] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in ["namespace", "player", "high_score"] {
            assert!(!is_secret_name(n), "{n}");
        }
    }

    #[test]
    fn secret_objects_keep_keys_and_lose_values() {
        let s = json!({"kind": "Secret", "metadata": {"name": "db"}, "data": {"pw": "aHVudGVyMg=="}, "stringData": {"user": "root"}});
        let r = object(&s);
        assert_eq!(r["data"]["pw"], MASK);
        assert_eq!(r["stringData"]["user"], MASK);
        assert_eq!(r["metadata"]["name"], "db");
        let list = json!({"kind": "List", "items": [s]});
        assert_eq!(object(&list)["items"][0]["data"]["pw"], MASK);
        let cm = json!({"kind": "ConfigMap", "data": {"a": "b"}});
        assert_eq!(object(&cm), cm);
        assert_eq!(secret_values(&s), vec!["aHVudGVyMg==", "root"]);
    }

    #[test]
    fn masks_registered_values() {
        let s = Secrets::default();
        s.observe("namespace", "pacman");
        s.observe("db_password", "hunter2");
        s.add("ab");
        assert_eq!(
            s.mask("login with hunter2 in pacman"),
            format!("login with {MASK} in pacman")
        );
        assert_eq!(s.mask("a tab"), "a tab");
        assert_eq!(
            capture_line("captured api_token = ab").unwrap(),
            format!("captured api_token = {MASK}")
        );
        assert!(capture_line("captured player = ab").is_none());
    }
}
