//! The JSON Schema of the scenario format (`workshop schema`), generated from the same serde
//! types `load` reads, so it cannot drift from what the loader accepts. Types with a hand-written
//! `Deserialize` get a hand-written [`JsonSchema`] here describing exactly what they accept.
//!
//! The schema checks shape (keys, types, patterns); `workshop validate` still does everything
//! else (references, templates, variables).

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;

use super::action::Action;
use super::check::CheckKind;
use super::duration::Duration;
use super::expr::Expr;
use super::model::{ClusterSpec, LabSpec, PauseSpec, StepSpec, VarSpec};
use super::step_id::StepId;
use super::text::Text;
use super::value::{IntExpr, JsonValue};

/// A whole scenario file, as the loader reads its top-level tables.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "workshop scenario",
    description = "A hands-on Kubernetes lab for `workshop`: [lab], [cluster], [vars], [[steps]] and [[cleanup]]. Format: docs/scenario-format.md"
)]
#[allow(dead_code)]
struct ScenarioDoc {
    /// What the lab is.
    lab: LabSpec,
    /// The cluster the lab needs and how to start it.
    #[serde(default)]
    cluster: Option<ClusterSpec>,
    /// Variables with their defaults, overridden by `--var name=value`.
    #[serde(default)]
    vars: BTreeMap<String, VarSpec>,
    /// The lab's steps, in order; each holds exactly one action key.
    #[serde(default)]
    steps: Vec<StepSpec>,
    /// Steps run by `workshop reset`.
    #[serde(default)]
    cleanup: Vec<StepSpec>,
}

/// The scenario format's JSON Schema (draft 7, which taplo and Even Better TOML read).
pub fn scenario_schema() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<ScenarioDoc>();
    let mut v = schema.to_value();
    // "Exactly one action per step, exactly one check kind per check", which serde cannot
    // say: the loader reports it, the schema says it too.
    one_of_keys(&mut v, "StepSpec", Action::KEYS);
    one_of_keys(&mut v, "CheckSpec", CheckKind::KEYS);
    v
}

/// The schema as `workshop schema` prints it (and `schema/scenario.schema.json` holds it).
pub fn scenario_schema_text() -> String {
    serde_json::to_string_pretty(&scenario_schema()).unwrap_or_default() + "\n"
}

fn one_of_keys(root: &mut Value, def: &str, keys: &[&str]) {
    if let Some(Value::Object(d)) = root.pointer_mut(&format!("/definitions/{def}")) {
        let alternatives: Vec<Value> = keys.iter().map(|k| serde_json::json!({"required": [k]})).collect();
        d.insert("oneOf".into(), Value::Array(alternatives));
    }
}

fn name(n: &'static str) -> Cow<'static, str> {
    Cow::Borrowed(n)
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        name("Text")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Prose: one string for every language, or a table keyed by language code (en = \"…\", es = \"…\").",
            "anyOf": [
                {"type": "string"},
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {"pattern": "^[a-z]{2,3}(-[A-Z]{2})?$"},
                    "additionalProperties": {"type": "string"}
                }
            ]
        })
    }
}

impl JsonSchema for Duration {
    fn schema_name() -> Cow<'static, str> {
        name("Duration")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A duration with units, such as \"30s\", \"2m\" or \"1m 30s\" (humantime).",
            "type": "string",
            "pattern": "^\\s*([0-9]+\\s*[a-zµ]+\\s*)+$"
        })
    }
}

impl JsonSchema for IntExpr {
    fn schema_name() -> Cow<'static, str> {
        name("IntExpr")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A whole number, or a template that renders to one (\"{{ replicas }}\").",
            "type": ["integer", "string"]
        })
    }
}

impl JsonSchema for JsonValue {
    fn schema_name() -> Cow<'static, str> {
        name("JsonValue")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Any value: a table, array, string, number or boolean (strings may hold templates)."
        })
    }
}

impl JsonSchema for Expr {
    fn schema_name() -> Cow<'static, str> {
        name("Expr")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A string that may hold minijinja templates: \"{{ namespace }}\".",
            "type": "string"
        })
    }
}

impl JsonSchema for StepId {
    fn schema_name() -> Cow<'static, str> {
        name("StepId")
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A step id: lowercase letters, digits and `-`, starting with a letter (`make-csi-default`).",
            "type": "string",
            "pattern": "^[a-z][a-z0-9-]*$"
        })
    }
}

impl JsonSchema for VarSpec {
    fn schema_name() -> Cow<'static, str> {
        name("VarSpec")
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "A variable: its default (string, whole number or boolean), or { default, type, description }. The type is inferred from the default when absent.",
            "anyOf": [
                {"type": ["string", "integer", "boolean"]},
                {
                    "type": "object",
                    "properties": {
                        "default": {"type": ["string", "integer", "boolean"]},
                        "type": {
                            "description": "What values the variable accepts; --var values are checked against it.",
                            "enum": super::value::VarType::ALL.iter().map(|t| t.name()).collect::<Vec<_>>()
                        },
                        "description": text
                    },
                    "required": ["default"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for PauseSpec {
    fn schema_name() -> Cow<'static, str> {
        name("PauseSpec")
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let text = generator.subschema_for::<Text>();
        json_schema!({
            "description": "Pause before the step: true (\"Press Enter\"), false, or the message to show.",
            "anyOf": [{"type": "boolean"}, text]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_and_check_key_is_a_property() {
        let s = scenario_schema();
        let props = |def: &str| {
            s.pointer(&format!("/definitions/{def}/properties"))
                .cloned()
                .unwrap_or_default()
        };
        for k in Action::KEYS {
            assert!(props("StepSpec").get(k).is_some(), "step key {k}");
        }
        for k in CheckKind::KEYS {
            assert!(props("CheckSpec").get(k).is_some(), "check key {k}");
        }
    }

    #[test]
    fn step_ids_match_the_loader() {
        let re_ok = |s: &str| {
            let mut c = s.chars();
            c.next().is_some_and(|f| f.is_ascii_lowercase())
                && c.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        for s in ["make-csi-default", "a1", "Bad", "1a", "a_b", ""] {
            assert_eq!(re_ok(s), StepId::problem(s).is_none(), "{s}");
        }
    }
}
