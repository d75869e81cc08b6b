//! The checks that prove a step worked. Each is written as a table in `[[steps.checks]]`
//! holding exactly one check key (`rollout = { … }`) plus the shared `timeout` and `hint`.
//! The engine evaluates each in `src/checks/`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::action::Http;
use super::duration::Duration;
use super::expr::Expr;
use super::text::Text;
use super::value::{IntExpr, JsonValue};

/// A check with its shared settings.
#[derive(Debug, Clone)]
pub struct Check {
    pub kind: CheckKind,
    /// How long the check may wait for its condition (defaults per kind, see `default_timeout`).
    pub timeout: Duration,
    /// What a learner should look at when the check fails.
    pub hint: Option<Text>,
}

/// What a check verifies.
#[derive(Debug, Clone)]
pub enum CheckKind {
    Exists(ObjectCheck),
    Absent(ObjectCheck),
    Field(FieldCheck),
    Condition(ConditionCheck),
    Rollout(RolloutCheck),
    Count(CountCheck),
    DefaultStorageClass(DefaultStorageClassCheck),
    PvcBound(PvcBoundCheck),
    Recreated(RecreatedCheck),
    IngressAddress(IngressAddressCheck),
    Http(Http),
}

impl CheckKind {
    pub fn key(&self) -> &'static str {
        match self {
            CheckKind::Exists(_) => "exists",
            CheckKind::Absent(_) => "absent",
            CheckKind::Field(_) => "field",
            CheckKind::Condition(_) => "condition",
            CheckKind::Rollout(_) => "rollout",
            CheckKind::Count(_) => "count",
            CheckKind::DefaultStorageClass(_) => "default-storage-class",
            CheckKind::PvcBound(_) => "pvc-bound",
            CheckKind::Recreated(_) => "recreated",
            CheckKind::IngressAddress(_) => "ingress-address",
            CheckKind::Http(_) => "http",
        }
    }

    pub const KEYS: &'static [&'static str] = &[
        "exists",
        "absent",
        "field",
        "condition",
        "rollout",
        "count",
        "default-storage-class",
        "pvc-bound",
        "recreated",
        "ingress-address",
        "http",
    ];

    /// The timeout when the scenario gives none: short for facts the API answers at once,
    /// longer for what controllers and image pulls take.
    pub fn default_timeout(&self) -> Duration {
        Duration::from_secs(match self {
            CheckKind::Exists(_) | CheckKind::Absent(_) | CheckKind::Field(_) => 60,
            CheckKind::DefaultStorageClass(_) => 30,
            CheckKind::Condition(_) | CheckKind::Count(_) | CheckKind::PvcBound(_) => 180,
            CheckKind::Rollout(_) | CheckKind::Recreated(_) => 300,
            CheckKind::IngressAddress(_) => 300,
            CheckKind::Http(_) => 60,
        })
    }

    /// Checks that only a real cluster can pass (they reach a running container).
    pub fn needs_real_cluster(&self) -> bool {
        matches!(self, CheckKind::Http(_))
    }
}

/// `exists` / `absent`: one object by kind and name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ObjectCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
}

/// `field`: the value at `path` of one object equals (or contains) a value.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    #[serde(default)]
    pub equals: Option<JsonValue>,
    #[serde(default)]
    pub contains: Option<JsonValue>,
}

/// `condition`: `status.conditions[type=…].status` is `True` (or the given status).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConditionCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(rename = "type")]
    pub condition_type: String,
    #[serde(default = "default_condition_status")]
    pub status: String,
}

fn default_condition_status() -> String {
    "True".into()
}

/// `rollout`: a Deployment or StatefulSet has every replica updated and ready at its current
/// generation (what `kubectl rollout status` waits for).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RolloutCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
}

/// `count`: how many objects match a label selector (Pods: optionally only Ready ones).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CountCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub selector: Option<Expr>,
    pub equals: IntExpr,
    /// Count only Pods whose Ready condition is True.
    #[serde(default)]
    pub ready: bool,
}

/// `default-storage-class`: exactly one StorageClass is marked default, and it is `name`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DefaultStorageClassCheck {
    pub name: Expr,
}

/// `pvc-bound`: a PersistentVolumeClaim is Bound (optionally to a given class and volume).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PvcBoundCheck {
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub storage_class: Option<Expr>,
    #[serde(default)]
    pub volume: Option<Expr>,
}

/// `recreated`: an object with the same name but a new uid exists (and, for a Pod, is Ready).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RecreatedCheck {
    #[serde(default = "default_pod_kind")]
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    /// The uid it had before (usually a capture: `"{{ mongo_uid }}"`).
    pub previous_uid: Expr,
}

fn default_pod_kind() -> Spanned<String> {
    Spanned::new(0..0, "Pod".to_owned())
}

/// `ingress-address`: an Ingress has an address in its status (optionally a given one).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct IngressAddressCheck {
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub address: Option<Expr>,
}
