//! The actions a step can take. A step holds exactly one; each is written as a key of the
//! step table (`patch = { … }`, `[steps.create]`, …). The engine runs each in `src/actions/`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

use super::duration::Duration;
use super::expr::Expr;
use super::scope::ObjectRef;
use super::span::Span;
use super::value::{IntExpr, JsonValue};

/// What a step does.
#[derive(Debug, Clone)]
pub enum Action {
    /// `start-cluster = {}`: start (or reuse) the cluster described in `[cluster]`.
    StartCluster(StartCluster),
    /// `enable-addon = { name = "ingress" }`: `minikube addons enable`.
    EnableAddon(Addon),
    /// `disable-addon = { name = "ingress" }`: `minikube addons disable` (cleanup).
    DisableAddon(Addon),
    /// `apply = { template = "…" }`: server-side apply of every document of a template.
    Apply(Manifests),
    /// `create = { template = "…" }`: create every document of a template, like `kubectl create -f`.
    Create(Manifests),
    /// `patch = { kind, name, type, patch }`: patch one object.
    Patch(Patch),
    /// `delete = { kind, name }`: delete one object and wait for it to go (or come back).
    Delete(Delete),
    /// `scale = { kind, name, replicas }`: set replicas through the scale subresource.
    Scale(Scale),
    /// `get = { resources = "pvc", namespace = "pacman" }`: show resources like `kubectl get`.
    Get(Get),
    /// `port-forward = { service, local-port, remote-port }`: a background port-forward.
    PortForward(PortForward),
    /// `http = { url, … }`: one HTTP request, with expectations on its answer.
    Http(Http),
    /// `exec = { pod, command }`: run a command in a container.
    Exec(Exec),
    /// `tunnel = {}`: `minikube tunnel` as a background process.
    Tunnel(Tunnel),
    /// `command = { argv = […] }`: a plain program, never through a shell.
    Command(Command),
    /// `note = {}`: nothing runs; the step only explains (often with `pause`).
    Note(Note),
}

impl Action {
    /// The key that names this action in a scenario file.
    pub fn key(&self) -> &'static str {
        match self {
            Action::StartCluster(_) => "start-cluster",
            Action::EnableAddon(_) => "enable-addon",
            Action::DisableAddon(_) => "disable-addon",
            Action::Apply(_) => "apply",
            Action::Create(_) => "create",
            Action::Patch(_) => "patch",
            Action::Delete(_) => "delete",
            Action::Scale(_) => "scale",
            Action::Get(_) => "get",
            Action::PortForward(_) => "port-forward",
            Action::Http(_) => "http",
            Action::Exec(_) => "exec",
            Action::Tunnel(_) => "tunnel",
            Action::Command(_) => "command",
            Action::Note(_) => "note",
        }
    }

    /// Every action key, in documentation order.
    pub const KEYS: &'static [&'static str] = &[
        "start-cluster",
        "enable-addon",
        "disable-addon",
        "apply",
        "create",
        "patch",
        "delete",
        "scale",
        "get",
        "port-forward",
        "http",
        "exec",
        "tunnel",
        "command",
        "note",
    ];

    /// Actions that only a real cluster can perform (the rehearsal cluster runs no containers).
    pub fn needs_real_cluster(&self) -> bool {
        matches!(self, Action::PortForward(_) | Action::Exec(_) | Action::Tunnel(_))
    }

    /// Actions that leave a process running after the step finishes.
    pub fn is_background(&self) -> bool {
        matches!(self, Action::PortForward(_) | Action::Tunnel(_))
    }

    /// The one object a `patch`, `delete` or `scale` changes, with its scope as written.
    pub fn object_ref(&self) -> Option<ObjectRef<'_>> {
        match self {
            Action::Patch(p) => Some(p.object_ref()),
            Action::Delete(d) => Some(d.object_ref()),
            Action::Scale(s) => Some(s.object_ref()),
            _ => None,
        }
    }
}

/// The [`ObjectRef`] of an action that changes one object.
fn one_object<'a>(
    kind: &'a Spanned<String>,
    api_version: Option<&'a str>,
    name: &'a Expr,
    namespace: Option<&'a Expr>,
    all_namespaces: bool,
) -> ObjectRef<'a> {
    ObjectRef {
        kind: kind.get_ref(),
        at: Span(kind.span()),
        api_version,
        name: Some(name),
        selector: None,
        namespace,
        all_namespaces,
    }
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StartCluster {}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Addon {
    pub name: Expr,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Manifests {
    /// A file in the scenario's templates folder, rendered with minijinja.
    #[schemars(with = "String")]
    pub template: Spanned<String>,
    /// For `create`: an object that already exists is not an error.
    #[serde(default)]
    pub allow_existing: bool,
}

/// How a patch body is merged, as `kubectl patch --type`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PatchType {
    /// JSON merge patch (RFC 7386).
    Merge,
    /// Strategic merge patch (kubectl's default for built-in kinds).
    #[default]
    Strategic,
    /// JSON patch (RFC 6902): a list of operations.
    Json,
}

impl PatchType {
    pub fn as_kubectl(self) -> &'static str {
        match self {
            PatchType::Merge => "merge",
            PatchType::Strategic => "strategic",
            PatchType::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Patch {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    /// The one object of that name in whichever namespace holds it (instead of `namespace`).
    #[serde(default)]
    pub all_namespaces: bool,
    #[serde(rename = "type", default)]
    pub patch_type: PatchType,
    /// The body: a TOML table (or, for `json`, an array), or a string holding JSON as the
    /// lab writes it (`'{"metadata": {…}}'`).
    pub patch: JsonValue,
}

impl Patch {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        one_object(
            &self.kind,
            self.api_version.as_deref(),
            &self.name,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
}

/// What `delete` waits for after the API accepts the deletion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DeleteWait {
    /// Until the object (that uid) is gone.
    #[default]
    Deleted,
    /// Until the object is gone; a controller may recreate it under the same name.
    Recreated,
    /// Do not wait.
    None,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Delete {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    #[serde(default)]
    pub api_version: Option<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    /// The one object of that name in whichever namespace holds it (instead of `namespace`).
    #[serde(default)]
    pub all_namespaces: bool,
    #[serde(default)]
    pub wait: DeleteWait,
    /// How long to wait for the deletion (default 2m).
    #[serde(default)]
    pub timeout: Option<Duration>,
}

impl Delete {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        one_object(
            &self.kind,
            self.api_version.as_deref(),
            &self.name,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Scale {
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    pub name: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    /// The one object of that name in whichever namespace holds it (instead of `namespace`).
    #[serde(default)]
    pub all_namespaces: bool,
    pub replicas: IntExpr,
}

impl Scale {
    pub fn object_ref(&self) -> ObjectRef<'_> {
        one_object(
            &self.kind,
            None,
            &self.name,
            self.namespace.as_ref(),
            self.all_namespaces,
        )
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Get {
    /// Resource names as kubectl takes them: `pods`, `pv`, `storageclass`, `all`, `deploy,svc`.
    #[schemars(with = "String")]
    pub resources: Spanned<String>,
    #[serde(default)]
    pub name: Option<Expr>,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub all_namespaces: bool,
    /// A label selector such as `name=pacman`.
    #[serde(default)]
    pub selector: Option<Expr>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PortForward {
    pub service: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    /// The port on 127.0.0.1 (never all interfaces).
    pub local_port: IntExpr,
    /// The Service port to reach.
    pub remote_port: IntExpr,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    #[default]
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

/// An HTTP request and what its answer must look like. Used by the `http` action and check.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Http {
    pub url: Expr,
    #[serde(default)]
    pub method: Method,
    /// Form fields, sent as `application/x-www-form-urlencoded`.
    #[serde(default)]
    pub form: BTreeMap<String, Expr>,
    /// A JSON body.
    #[serde(default)]
    pub json: Option<JsonValue>,
    /// A raw body.
    #[serde(default)]
    pub body: Option<Expr>,
    #[serde(default)]
    pub headers: BTreeMap<String, Expr>,
    #[serde(default)]
    pub expect: HttpExpect,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HttpExpect {
    /// The status code; any 2xx when unset.
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub body_contains: Option<Expr>,
    /// Expectations on fields of a JSON answer.
    #[serde(default)]
    pub json: Vec<JsonExpect>,
}

/// One expectation on a JSON document: the values at `path` compare with a value, exactly as
/// in a `field` check (`equals`, `any`, `contains` or `count`).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct JsonExpect {
    #[schemars(with = "String")]
    pub path: Spanned<String>,
    #[serde(default)]
    pub equals: Option<JsonValue>,
    #[serde(default)]
    pub any: Option<JsonValue>,
    #[serde(default)]
    pub contains: Option<JsonValue>,
    #[serde(default)]
    pub count: Option<IntExpr>,
}

impl JsonExpect {
    /// The comparisons written (exactly one in a valid scenario).
    pub fn comparisons(&self) -> Vec<super::check::Comparison<'_>> {
        super::check::Comparison::written(
            self.equals.as_ref(),
            self.any.as_ref(),
            self.contains.as_ref(),
            self.count.as_ref(),
        )
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Exec {
    pub pod: Expr,
    #[serde(default)]
    pub namespace: Option<Expr>,
    #[serde(default)]
    pub container: Option<Expr>,
    pub command: Vec<Expr>,
    #[serde(default)]
    pub expect: ProcessExpect,
}

/// What a finished process must show.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ProcessExpect {
    /// The exit code (default 0).
    #[serde(default)]
    pub exit: i32,
    #[serde(default)]
    pub stdout_contains: Option<Expr>,
    /// Where `expect` is written, when it is (a background command refuses one even when it
    /// says only the default `exit = 0`).
    #[serde(skip)]
    #[schemars(skip)]
    pub written: Option<Span>,
}

/// `expect`, remembering where it is written.
fn written_expect<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ProcessExpect, D::Error> {
    let spanned = Spanned::<ProcessExpect>::deserialize(d)?;
    let at = Span(spanned.span());
    let mut expect = spanned.into_inner();
    expect.written = Some(at);
    Ok(expect)
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Tunnel {}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Command {
    /// The program and its arguments: never a shell string.
    pub argv: Vec<Expr>,
    /// Keep it running in the background for later steps (and stop it at the end).
    #[serde(default)]
    pub background: bool,
    #[serde(default, deserialize_with = "written_expect")]
    pub expect: ProcessExpect,
}

#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Note {}
