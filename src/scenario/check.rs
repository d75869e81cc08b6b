//! The checks that prove a step worked. Each is written as a table in `[[steps.checks]]`
//! holding exactly one check key (`rollout = { … }`) plus the shared `timeout` and `hint`.
//! The engine evaluates each in `src/checks/`.
//!
//! Every check on a namespaced kind says where it looks: `namespace = "…"` or
//! `all-namespaces = true` (see [`super::scope`]).

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::action::Http;
use super::duration::Duration;
use super::expr::Expr;
use super::scope::ObjectRef;
use super::span::Span;
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
    /// `nature = "state"` or `"moment"` as the author wrote it; otherwise inferred by the plan
    /// (`Plan::nature`): what `--resume` and `--converge` may expect of it later.
    pub nature: Option<Nature>,
}

/// Whether a check describes what lasts or the moment its step ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Nature {
    /// It holds from its step on, until a later step changes that object on purpose
    /// (`the default StorageClass is csi-hostpath-sc`).
    State,
    /// It was true when its step ran and need not be again (`pacman is absent` before it is
    /// created, `mongo-0 was recreated`).
    Moment,
}

/// What a check verifies.
#[derive(Debug, Clone)]
pub enum CheckKind {
    Exists(ObjectCheck),
    Absent(ObjectCheck),
    Field(Box<FieldCheck>),
    AbsentField(AbsentFieldCheck),
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
            CheckKind::AbsentField(_) => "absent-field",
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
        "absent-field",
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
            CheckKind::Exists(_) | CheckKind::Absent(_) | CheckKind::Field(_) | CheckKind::AbsentField(_) => 60,
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

    /// The objects the check looks at, with their scope as written (`None` for `http`).
    pub fn object_ref(&self) -> Option<ObjectRef<'_>> {
        Some(match self {
            CheckKind::Exists(o) | CheckKind::Absent(o) => o.object_ref(),
            CheckKind::Field(f) => f.object_ref(),
            CheckKind::AbsentField(f) => f.object_ref(),
            CheckKind::Condition(c) => c.object_ref(),
            CheckKind::Rollout(r) => r.object_ref(),
            CheckKind::Count(c) => c.object_ref(),
            CheckKind::DefaultStorageClass(d) => d.object_ref(),
            CheckKind::PvcBound(p) => p.object_ref(),
            CheckKind::Recreated(r) => r.object_ref(),
            CheckKind::IngressAddress(i) => i.object_ref(),
            CheckKind::Http(_) => return None,
        })
    }
}

/// An [`ObjectRef`] from the fields every object-naming check has.
fn object_ref<'a>(
    kind: &'a Spanned<String>,
    api_version: Option<&'a String>,
    name: Option<&'a Expr>,
    selector: Option<&'a Expr>,
    namespace: Option<&'a Expr>,
    all_namespaces: bool,
) -> ObjectRef<'a> {
    let at = match name {
        // An implied kind (`recreated` defaults to Pod) has no place in the file: point at the name.
        Some(n) if kind.span().is_empty() => n.span.clone(),
        _ => Span(kind.span()),
    };
    ObjectRef {
        kind: kind.get_ref(),
        at,
        api_version: api_version.map(String::as_str),
        name,
        selector,
        namespace,
        all_namespaces,
    }
}

/// `exists` / `absent`: one object by kind and name (also the object of a capture).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ObjectCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    pub name: Expr,
    /// Required for a namespaced kind, unless `all-namespaces = true`.
    #[serde(default)]
    pub namespace: Option<Expr>,
    /// Look in every namespace (`exists`: in some namespace; `absent`: in none).
    #[serde(default)]
    pub all_namespaces: bool,
}

impl ObjectCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            self.api_version.as_ref(),
            Some(&self.name),
            None,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
}

/// `field`: the values at `path` of one object compare with a value: `equals` (every value,
/// and at least one), `any` (at least one), `contains`, or `count` (how many values).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FieldCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    /// The object's name; or `selector`.
    #[serde(default)]
    pub name: Option<Expr>,
    /// A label selector that must match exactly one object (instead of `name`).
    #[serde(default)]
    pub selector: Option<Expr>,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub all_namespaces: bool,
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    /// Every value at the path equals this, and there is at least one.
    #[serde(default)]
    pub equals: Option<JsonValue>,
    /// At least one value at the path equals this (for paths that select several values).
    #[serde(default)]
    pub any: Option<JsonValue>,
    /// A string holds this substring; a map holds these entries; a list (or the values of a
    /// path that selects several) holds this element (for a table, an element with these keys).
    #[serde(default)]
    pub contains: Option<JsonValue>,
    /// How many values the path selects (for paths that select several values).
    #[serde(default)]
    pub count: Option<IntExpr>,
}

impl FieldCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            self.api_version.as_ref(),
            self.name.as_ref(),
            self.selector.as_ref(),
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }

    /// The comparisons written (exactly one in a valid scenario).
    pub fn comparisons(&self) -> Vec<Comparison<'_>> {
        Comparison::written(
            self.equals.as_ref(),
            self.any.as_ref(),
            self.contains.as_ref(),
            self.count.as_ref(),
        )
    }
}

/// How the values at a field path are compared (a `field` check, an HTTP `expect.json`).
#[derive(Debug, Clone, Copy)]
pub enum Comparison<'a> {
    Equals(&'a JsonValue),
    Any(&'a JsonValue),
    Contains(&'a JsonValue),
    Count(&'a IntExpr),
}

impl<'a> Comparison<'a> {
    pub const KEYS: &'static [&'static str] = &["equals", "any", "contains", "count"];

    pub fn key(&self) -> &'static str {
        match self {
            Comparison::Equals(_) => "equals",
            Comparison::Any(_) => "any",
            Comparison::Contains(_) => "contains",
            Comparison::Count(_) => "count",
        }
    }

    /// The comparisons among the optional keys that are present.
    pub fn written(
        equals: Option<&'a JsonValue>,
        any: Option<&'a JsonValue>,
        contains: Option<&'a JsonValue>,
        count: Option<&'a IntExpr>,
    ) -> Vec<Comparison<'a>> {
        let mut out = Vec::new();
        out.extend(equals.map(Comparison::Equals));
        out.extend(any.map(Comparison::Any));
        out.extend(contains.map(Comparison::Contains));
        out.extend(count.map(Comparison::Count));
        out
    }
}

/// `absent-field`: one object exists and the field (or list element) at `path` does not.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AbsentFieldCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    /// The object's name; or `selector`.
    #[serde(default)]
    pub name: Option<Expr>,
    /// A label selector that must match exactly one object (instead of `name`).
    #[serde(default)]
    pub selector: Option<Expr>,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub all_namespaces: bool,
    /// The field or element that must not be there, e.g. `metadata.annotations["a/b"]` or
    /// `spec.template.spec.containers[name=debug]`.
    #[schemars(with = "String")]
    pub path: Spanned<String>,
}

impl AbsentFieldCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            self.api_version.as_ref(),
            self.name.as_ref(),
            self.selector.as_ref(),
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
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
    #[serde(default)]
    pub all_namespaces: bool,
    #[serde(rename = "type")]
    pub condition_type: String,
    #[serde(default = "default_condition_status")]
    pub status: String,
}

impl ConditionCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            self.api_version.as_ref(),
            Some(&self.name),
            None,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
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
    #[serde(default)]
    pub all_namespaces: bool,
}

impl RolloutCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            None,
            Some(&self.name),
            None,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
}

/// `count`: how many objects match a label selector (Pods: optionally only Ready ones), in one
/// namespace or in all of them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CountCheck {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub all_namespaces: bool,
    #[serde(default)]
    pub selector: Option<Expr>,
    pub equals: IntExpr,
    /// Count only Pods whose Ready condition is True.
    #[serde(default)]
    pub ready: bool,
}

impl CountCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            None,
            None,
            self.selector.as_ref(),
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
}

/// `default-storage-class`: exactly one StorageClass is marked default, and it is `name`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DefaultStorageClassCheck {
    pub name: Expr,
}

impl DefaultStorageClassCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        ObjectRef::implied("StorageClass", &self.name, None, false)
    }
}

/// `pvc-bound`: a PersistentVolumeClaim is Bound (optionally to a given class and volume).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PvcBoundCheck {
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub all_namespaces: bool,
    #[serde(default)]
    pub storage_class: Option<Expr>,
    #[serde(default)]
    pub volume: Option<Expr>,
}

impl PvcBoundCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        ObjectRef::implied(
            "PersistentVolumeClaim",
            &self.name,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
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
    #[serde(default)]
    pub all_namespaces: bool,
    /// The uid it had before (usually a capture: `"{{ mongo_uid }}"`).
    pub previous_uid: Expr,
}

impl RecreatedCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        object_ref(
            &self.kind,
            None,
            Some(&self.name),
            None,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
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
    pub all_namespaces: bool,
    #[serde(default)]
    pub address: Option<Expr>,
}

impl IngressAddressCheck {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        ObjectRef::implied("Ingress", &self.name, self.namespace.as_ref(), self.all_namespaces)
    }
}
