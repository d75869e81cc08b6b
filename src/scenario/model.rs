//! The scenario file as written: serde types for every table, with `deny_unknown_fields`.
//! `load` reads a file into these; `analyze` checks them and builds the validated
//! [`Scenario`](super::Scenario).

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, de};
use toml::Spanned;

use super::action::{
    Addon, Command, Delete, Exec, Get, Http, Manifests, Note, Patch, PortForward, Scale, StartCluster, Tunnel,
};
use super::check::{
    AbsentFieldCheck, ConditionCheck, CountCheck, DefaultStorageClassCheck, FieldCheck, IngressAddressCheck,
    ObjectCheck, PvcBoundCheck, RecreatedCheck, RolloutCheck,
};
use super::duration::Duration;
use super::span::Span;
use super::step_id::StepId;
use super::text::Text;
use super::value::VarType;

/// `[lab]`: what the lab is.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LabSpec {
    /// A short stable name (`day55`): names the resume state and reports.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    pub title: Text,
    #[serde(default)]
    pub summary: Option<Text>,
    /// The languages the lab is written in; the first is the default.
    #[serde(default = "default_languages")]
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<Spanned<String>>,
    /// The templates folder, relative to the scenario file (default `templates`).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub templates: Option<Spanned<String>>,
}

fn default_languages() -> Vec<Spanned<String>> {
    vec![Spanned::new(0..0, "en".to_owned())]
}

/// Where the lab runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Provider {
    /// A minikube profile, started with the real `minikube` binary.
    #[default]
    Minikube,
    /// A cluster that already runs, reached through a kube context.
    Existing,
    /// The embedded rehearsal cluster: speaks the Kubernetes API, runs no containers.
    Rehearsal,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Minikube => "minikube",
            Provider::Existing => "existing",
            Provider::Rehearsal => "rehearsal",
        }
    }
}

impl std::str::FromStr for Provider {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "minikube" => Ok(Provider::Minikube),
            "existing" => Ok(Provider::Existing),
            "rehearsal" => Ok(Provider::Rehearsal),
            _ => Err(crate::t!("provider-unknown", provider = s)),
        }
    }
}

/// `[cluster]`: the cluster the lab needs and how to start it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ClusterSpec {
    #[serde(default)]
    pub provider: Provider,
    /// The minikube profile (`-p`).
    #[serde(default = "default_profile")]
    pub profile: String,
    /// Addons enabled at start (`--addons a,b`).
    #[serde(default)]
    pub addons: Vec<String>,
    /// `--kubernetes-version`, e.g. `"1.21.2"` or `"v1.31.0"`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub kubernetes_version: Option<Spanned<String>>,
    /// `--container-runtime`, e.g. `"containerd"`.
    #[serde(default)]
    pub container_runtime: Option<String>,
    /// `--apiserver-port`.
    #[serde(default)]
    pub apiserver_port: Option<u16>,
    /// More `minikube start` flags, one argument each (`["--memory=4g"]`).
    #[serde(default)]
    pub extra_flags: Vec<String>,
    /// For `existing`: the kube context to use (default: the current one).
    #[serde(default)]
    pub context: Option<String>,
}

fn default_profile() -> String {
    "minikube".into()
}

impl Default for ClusterSpec {
    fn default() -> Self {
        ClusterSpec {
            provider: Provider::default(),
            profile: default_profile(),
            addons: Vec::new(),
            kubernetes_version: None,
            container_runtime: None,
            apiserver_port: None,
            extra_flags: Vec::new(),
            context: None,
        }
    }
}

/// A variable's value: a string, a whole number or a boolean.
#[derive(Debug, Clone, PartialEq)]
pub enum VarValue {
    String(String),
    Integer(i64),
    Bool(bool),
}

impl VarValue {
    /// The kind of value: `string`, `integer` or `boolean` (a key of the catalogue's `var-wrong-type`).
    pub fn type_name(&self) -> &'static str {
        match self {
            VarValue::String(_) => "string",
            VarValue::Integer(_) => "integer",
            VarValue::Bool(_) => "boolean",
        }
    }

    pub fn to_minijinja(&self) -> minijinja::Value {
        match self {
            VarValue::String(s) => minijinja::Value::from(s.as_str()),
            VarValue::Integer(i) => minijinja::Value::from(*i),
            VarValue::Bool(b) => minijinja::Value::from(*b),
        }
    }
}

impl std::fmt::Display for VarValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VarValue::String(s) => f.write_str(s),
            VarValue::Integer(i) => write!(f, "{i}"),
            VarValue::Bool(b) => write!(f, "{b}"),
        }
    }
}

/// `[vars]`: `name = "default"` or `name = { default = "…", type = "dns-label", description = "…" }`.
/// The default must be of the type (given, or inferred from the default).
#[derive(Debug, Clone)]
pub struct VarSpec {
    pub default: VarValue,
    pub ty: VarType,
    pub description: Option<Text>,
}

impl<'de> Deserialize<'de> for VarSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            default: toml::Value,
            #[serde(default, rename = "type")]
            ty: Option<String>,
            #[serde(default)]
            description: Option<toml::Value>,
        }
        let v = toml::Value::deserialize(d)?;
        let (default, ty, description) = match v {
            toml::Value::Table(t) => {
                let full = Full::deserialize(toml::Value::Table(t)).map_err(|e| de::Error::custom(e.message()))?;
                let description = full
                    .description
                    .map(|d| Text::from_value(d, Span::default()))
                    .transpose()
                    .map_err(de::Error::custom)?;
                (full.default, full.ty, description)
            }
            other => (other, None, None),
        };
        let default = match default {
            toml::Value::String(s) => VarValue::String(s),
            toml::Value::Integer(i) => VarValue::Integer(i),
            toml::Value::Boolean(b) => VarValue::Bool(b),
            other => {
                return Err(de::Error::custom(crate::t!(
                    "var-default-type",
                    found = super::load::type_name(other.type_str())
                )));
            }
        };
        let ty = match ty {
            Some(t) => t.parse::<VarType>().map_err(de::Error::custom)?,
            None => VarType::inferred(&default),
        };
        ty.check(&default)
            .map_err(|why| de::Error::custom(crate::t!("var-default-misfit", var_type = ty.name(), why = why)))?;
        Ok(VarSpec {
            default,
            ty,
            description,
        })
    }
}

/// `pause`: `true`, or the message to show (`"Open http://localhost:9090, then press Enter"`).
#[derive(Debug, Clone)]
pub enum PauseSpec {
    Off,
    Default,
    Message(Text),
}

impl<'de> Deserialize<'de> for PauseSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Spanned::<toml::Value>::deserialize(d)?;
        let span = Span(v.span());
        match v.into_inner() {
            toml::Value::Boolean(true) => Ok(PauseSpec::Default),
            toml::Value::Boolean(false) => Ok(PauseSpec::Off),
            other @ (toml::Value::String(_) | toml::Value::Table(_)) => Text::from_value(other, span)
                .map(PauseSpec::Message)
                .map_err(de::Error::custom),
            other => Err(de::Error::custom(crate::t!(
                "pause-type",
                found = super::load::type_name(other.type_str())
            ))),
        }
    }
}

/// When a capture is taken.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CaptureWhen {
    /// Before the step's action (e.g. a pod's uid before deleting it).
    Before,
    /// After the action and its checks (the default).
    #[default]
    After,
}

/// `[[steps.capture]]`: a value recorded under `name` for later steps and checks.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CaptureSpec {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[serde(default)]
    pub when: Option<CaptureWhen>,
    /// A generated unique marker with this prefix (`"player"` → `player-k3x9q2`).
    #[serde(default)]
    pub generate: Option<String>,
    /// An object whose field at `path` is recorded.
    #[serde(default)]
    #[schemars(with = "Option<ObjectCheck>")]
    pub object: Option<Spanned<ObjectCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub path: Option<Spanned<String>>,
    /// A path into the JSON answer of this step's `http` action (`"."` for the whole body),
    /// or of its `exec`/`command` standard output.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub response: Option<Spanned<String>>,
}

/// One `[[steps]]` (or `[[cleanup]]`) table as written. It holds exactly one action key;
/// `analyze` turns it into a [`Step`](super::Step).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StepSpec {
    pub id: StepId,
    pub title: Text,
    #[serde(default)]
    pub explain: Option<Text>,

    #[serde(default)]
    #[schemars(with = "Option<StartCluster>")]
    pub start_cluster: Option<Spanned<StartCluster>>,
    #[serde(default)]
    #[schemars(with = "Option<Addon>")]
    pub enable_addon: Option<Spanned<Addon>>,
    #[serde(default)]
    #[schemars(with = "Option<Addon>")]
    pub disable_addon: Option<Spanned<Addon>>,
    #[serde(default)]
    #[schemars(with = "Option<Manifests>")]
    pub apply: Option<Spanned<Manifests>>,
    #[serde(default)]
    #[schemars(with = "Option<Manifests>")]
    pub create: Option<Spanned<Manifests>>,
    #[serde(default)]
    #[schemars(with = "Option<Patch>")]
    pub patch: Option<Spanned<Patch>>,
    #[serde(default)]
    #[schemars(with = "Option<Delete>")]
    pub delete: Option<Spanned<Delete>>,
    #[serde(default)]
    #[schemars(with = "Option<Scale>")]
    pub scale: Option<Spanned<Scale>>,
    #[serde(default)]
    #[schemars(with = "Option<Get>")]
    pub get: Option<Spanned<Get>>,
    #[serde(default)]
    #[schemars(with = "Option<PortForward>")]
    pub port_forward: Option<Spanned<PortForward>>,
    #[serde(default)]
    #[schemars(with = "Option<Http>")]
    pub http: Option<Spanned<Http>>,
    #[serde(default)]
    #[schemars(with = "Option<Exec>")]
    pub exec: Option<Spanned<Exec>>,
    #[serde(default)]
    #[schemars(with = "Option<Tunnel>")]
    pub tunnel: Option<Spanned<Tunnel>>,
    #[serde(default)]
    #[schemars(with = "Option<Command>")]
    pub command: Option<Spanned<Command>>,
    #[serde(default)]
    #[schemars(with = "Option<Note>")]
    pub note: Option<Spanned<Note>>,

    #[serde(default)]
    #[schemars(with = "Vec<CheckSpec>")]
    pub checks: Vec<Spanned<CheckSpec>>,
    #[serde(default)]
    #[schemars(with = "Vec<CaptureSpec>")]
    pub capture: Vec<Spanned<CaptureSpec>>,
    /// Earlier steps this one depends on (besides those whose captures it uses).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub needs: Vec<Spanned<String>>,
    /// A failure of this step is reported but does not stop the run.
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub pause: Option<PauseSpec>,
    /// At the end of the run, keep this step's background process until the learner presses Enter.
    #[serde(default)]
    pub keep_running: bool,
    /// How long the action itself may take (default: per action).
    #[serde(default)]
    pub timeout: Option<Duration>,
    /// Keys (or `checks[N]` / `capture[N]` tables) left out because their values were wrong;
    /// their problems are reported, and analysis does not complain about their absence.
    #[serde(skip)]
    #[schemars(skip)]
    pub left_out: Vec<String>,
}

/// One `[[steps.checks]]` table as written: exactly one check key plus shared settings.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckSpec {
    #[serde(default)]
    #[schemars(with = "Option<ObjectCheck>")]
    pub exists: Option<Spanned<ObjectCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<ObjectCheck>")]
    pub absent: Option<Spanned<ObjectCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<FieldCheck>")]
    pub field: Option<Spanned<FieldCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<AbsentFieldCheck>")]
    pub absent_field: Option<Spanned<AbsentFieldCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<ConditionCheck>")]
    pub condition: Option<Spanned<ConditionCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<RolloutCheck>")]
    pub rollout: Option<Spanned<RolloutCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<CountCheck>")]
    pub count: Option<Spanned<CountCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<DefaultStorageClassCheck>")]
    pub default_storage_class: Option<Spanned<DefaultStorageClassCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<PvcBoundCheck>")]
    pub pvc_bound: Option<Spanned<PvcBoundCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<RecreatedCheck>")]
    pub recreated: Option<Spanned<RecreatedCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<IngressAddressCheck>")]
    pub ingress_address: Option<Spanned<IngressAddressCheck>>,
    #[serde(default)]
    #[schemars(with = "Option<Http>")]
    pub http: Option<Spanned<Http>>,

    #[serde(default)]
    pub timeout: Option<Duration>,
    #[serde(default)]
    pub hint: Option<Text>,
    /// `state` (holds from its step on, until a later step changes it) or `moment` (true when
    /// its step ran); inferred when left out.
    #[serde(default)]
    pub nature: Option<super::check::Nature>,
}
