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

use std::collections::HashSet;
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

/// Whether a path into an object of `kind` reaches a Secret's values (`data…`, `stringData…`),
/// as opposed to its name, labels or uid, which are not secret.
pub fn is_secret_field(kind: &str, path: &str) -> bool {
    let first = path.trim_start_matches('.').split(['.', '[']).next().unwrap_or("");
    is_secret_kind(kind) && matches!(first, "data" | "stringData")
}

/// The one redaction layer: every secret value known so far, and every output masks with it.
///
/// It is fed by the plan ([`Secrets::learn_plan`]: secret-named variables, the `data` and
/// `stringData` of Secret manifests, patch bodies that write a Secret's values, the values checks
/// compare a Secret's data with) and by the run (secret-named captures, values captured from a
/// Secret's data). A value is masked wherever it appears, and so are its base64 forms, and the
/// base64 `data` of a Secret is masked together with what it decodes to. Values the lab shows as
/// not secret (the other variables' values) are never masked, so a Secret that happens to hold
/// the namespace's name does not hide the namespace everywhere.
#[derive(Debug, Clone, Default)]
pub struct Secrets(Arc<RwLock<Registry>>);

#[derive(Debug, Default)]
struct Registry {
    /// Longest first, so a secret containing another is masked whole.
    masked: Vec<String>,
    /// Values the lab publishes as not secret.
    public: HashSet<String>,
}

impl Secrets {
    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Registry> {
        self.0.write().unwrap_or_else(|p| p.into_inner())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Registry> {
        self.0.read().unwrap_or_else(|p| p.into_inner())
    }

    fn insert(&self, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let mut r = self.write();
        if !r.masked.iter().any(|v| v == value) {
            r.masked.push(value.to_owned());
            r.masked.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// Registers a secret value, with its base64 forms (padded, and without the padding).
    pub fn add(&self, value: &str) {
        use base64::Engine as _;
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        self.insert(value);
        let encoded = base64::engine::general_purpose::STANDARD.encode(value);
        self.insert(encoded.trim_end_matches('='));
        self.insert(&encoded);
    }

    /// Registers a value of a Secret's `data`: the base64 text and what it decodes to.
    pub fn add_base64(&self, encoded: &str) {
        use base64::Engine as _;
        self.insert(encoded);
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(encoded.trim())
            && let Ok(text) = String::from_utf8(bytes)
        {
            self.add(&text);
        }
    }

    /// Registers `value` when `name` is a secret name.
    pub fn observe(&self, name: &str, value: &str) {
        if is_secret_name(name) {
            self.add(value);
        }
    }

    /// A value the lab shows as not secret (a variable without a secret name): never masked.
    pub fn publish(&self, value: &str) {
        let value = value.trim();
        if !value.is_empty() {
            self.write().public.insert(value.to_owned());
        }
    }

    /// Whether `value` is a registered secret (or holds one).
    pub fn is_secret(&self, value: &str) -> bool {
        self.mask(value) != value
    }

    /// `text` with every registered value (of [`MIN_MASKED_LEN`] characters or more) replaced
    /// by [`MASK`].
    pub fn mask(&self, text: &str) -> String {
        let r = self.read();
        let mut out = text.to_owned();
        for v in r.masked.iter().filter(|v| v.chars().count() >= MIN_MASKED_LEN) {
            if !r.public.contains(v) && out.contains(v.as_str()) {
                out = out.replace(v.as_str(), MASK);
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.read().masked.is_empty()
    }

    /// The values of a Secret object (one read from the cluster, or a manifest): `data`
    /// (base64) and `stringData`.
    pub fn learn_object(&self, object: &Value) {
        if object.get("kind").and_then(Value::as_str) != Some("Secret") {
            return;
        }
        for (key, encoded) in [("data", true), ("stringData", false)] {
            for v in object
                .get(key)
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|m| m.values())
            {
                self.learn_values(v, encoded);
            }
        }
    }

    /// Every string in `v`, as base64 `data` or as plain text.
    fn learn_values(&self, v: &Value, encoded: bool) {
        match v {
            Value::String(s) if encoded => self.add_base64(s),
            Value::String(s) => self.add(s),
            Value::Array(a) => a.iter().for_each(|x| self.learn_values(x, encoded)),
            Value::Object(o) => o.values().for_each(|x| self.learn_values(x, encoded)),
            _ => {}
        }
    }

    /// The values a patch body writes into a Secret: under `data`/`stringData` (merge and
    /// strategic patches), or the `value` of JSON-patch operations on `/data…`/`/stringData…`.
    pub fn learn_secret_patch(&self, body: &Value) {
        match body {
            Value::Array(ops) => {
                for op in ops {
                    let path = op.get("path").and_then(Value::as_str).unwrap_or("");
                    let encoded = path == "/data" || path.starts_with("/data/");
                    let plain = path == "/stringData" || path.starts_with("/stringData/");
                    if let Some(v) = op.get("value")
                        && (encoded || plain)
                    {
                        self.learn_values(v, encoded);
                    }
                }
            }
            Value::Object(_) => {
                for (key, encoded) in [("data", true), ("stringData", false)] {
                    if let Some(v) = body.get(key) {
                        self.learn_values(v, encoded);
                    }
                }
            }
            _ => {}
        }
    }

    /// Everything a plan knows before it runs: secret-named variables (the others are public),
    /// the Secret manifests it renders, patch bodies that write Secrets, and the values checks
    /// compare a Secret's data with. Values that depend on captures are learnt when taken.
    pub fn learn_plan(&self, plan: &crate::plan::Plan) {
        use crate::scenario::{Action, CheckKind};
        for (name, value) in &plan.vars {
            if is_secret_name(name) {
                self.add(&value.to_string());
            } else {
                self.publish(&value.to_string());
            }
        }
        for m in plan.manifests.values().flatten() {
            self.learn_object(&m.object);
        }
        let caps = plan.placeholder_captures();
        let rendered = |v: &Value| {
            plan.render_json(v, &caps)
                .ok()
                .filter(|r| !caps.values().any(|p| r.to_string().contains(p.as_str())))
        };
        for step in plan.scenario.steps.iter().chain(&plan.scenario.cleanup) {
            if let Action::Patch(p) = &step.action
                && is_secret_kind(p.kind.get_ref())
                && let Some(body) = rendered(&crate::scenario::analyze::json_of(&p.patch))
            {
                self.learn_secret_patch(&body);
            }
            for check in &step.checks {
                let CheckKind::Field(f) = &check.kind else { continue };
                if !is_secret_field(f.kind.get_ref(), f.path.get_ref()) {
                    continue;
                }
                let encoded = !f.path.get_ref().trim_start_matches('.').starts_with("stringData");
                for value in [&f.equals, &f.any, &f.contains].into_iter().flatten() {
                    if let Some(v) = rendered(&crate::scenario::analyze::json_of(value)) {
                        self.learn_values(&v, encoded);
                    }
                }
            }
        }
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
    }

    #[test]
    fn masks_values_with_their_base64_and_what_data_decodes_to() {
        let s = Secrets::default();
        s.learn_object(&json!({"kind": "Secret", "data": {"pw": "czNjcjN0LXBhc3M=", "db": "cGFjbWFu"}, "stringData": {"token": "hunter2hunter2"}}));
        s.publish("pacman");
        let text = "data.pw = \"czNjcjN0LXBhc3M=\", plain s3cr3t-pass, copy: hunter2hunter2, b64 aHVudGVyMmh1bnRlcjI=, ns pacman, uid 3f2a";
        assert_eq!(
            s.mask(text),
            format!("data.pw = \"{MASK}\", plain {MASK}, copy: {MASK}, b64 {MASK}, ns pacman, uid 3f2a")
        );
        assert!(s.is_secret("s3cr3t-pass"));
        assert!(!s.is_secret("pacman"));
    }

    #[test]
    fn patches_and_paths_that_reach_secret_values() {
        let s = Secrets::default();
        s.learn_secret_patch(&json!({"metadata": {"labels": {"app": "db"}}, "stringData": {"password": "n3w-pass"}}));
        s.learn_secret_patch(&json!([{"op": "replace", "path": "/data/token", "value": "dG9rZW4tdmFsdWU="}, {"op": "add", "path": "/metadata/labels/x", "value": "visible"}]));
        assert!(s.is_secret("n3w-pass") && s.is_secret("token-value"));
        assert!(!s.is_secret("db") && !s.is_secret("visible") && !s.is_secret("replace"));
        assert!(is_secret_field("Secret", "data.password"));
        assert!(is_secret_field("secrets", r#"stringData["a.b"]"#));
        assert!(!is_secret_field("Secret", "metadata.uid"));
        assert!(!is_secret_field("ConfigMap", "data.password"));
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
