//! The front end: a scenario file → parsed model (`model`) → validated [`Scenario`].
//!
//! `load` reads TOML into the model with spans, `analyze` checks every reference and
//! expression and builds the types below. Nothing here touches a cluster.

pub mod action;
pub mod analyze;
pub mod check;
pub mod duration;
pub mod expr;
pub mod field_path;
pub mod load;
pub mod model;
pub mod schema;
pub mod scope;
pub mod span;
pub mod step_id;
pub mod text;
pub mod value;

use std::path::PathBuf;
use std::sync::Arc;

pub use action::Action;
pub use check::{Check, CheckKind, Nature};
pub use duration::Duration;
pub use expr::Expr;
pub use field_path::FieldPath;
pub use model::{CaptureWhen, ClusterSpec, Provider, VarValue};
pub use span::Span;
pub use step_id::StepId;
pub use text::{Lang, Text};

use crate::source::Source;

/// A scenario that passed validation: every reference resolves, every expression compiles,
/// every template exists. Variables are bound later, by [`crate::plan`].
#[derive(Debug, Clone)]
pub struct Scenario {
    pub source: Arc<Source>,
    pub lab: Lab,
    pub cluster: ClusterSpec,
    /// In file order.
    pub vars: Vec<Variable>,
    pub steps: Vec<Step>,
    /// Steps run by `workshop reset`.
    pub cleanup: Vec<Step>,
    /// The folder templates are loaded from; nothing outside it can be loaded.
    pub templates_dir: PathBuf,
}

impl Scenario {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id.as_str() == id)
    }
}

#[derive(Debug, Clone)]
pub struct Lab {
    pub id: String,
    pub title: Text,
    pub summary: Option<Text>,
    /// The first is the default.
    pub languages: Vec<Lang>,
}

#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    pub default: VarValue,
    /// Given with `type = "…"`, or inferred from the default.
    pub ty: value::VarType,
    pub description: Option<Text>,
}

/// How a step pauses for the learner.
#[derive(Debug, Clone, PartialEq)]
pub enum Pause {
    /// "Press Enter to continue".
    Default,
    Message(Text),
}

/// One validated step.
#[derive(Debug, Clone)]
pub struct Step {
    pub id: StepId,
    pub title: Text,
    pub explain: Option<Text>,
    pub action: Action,
    pub checks: Vec<Check>,
    pub captures: Vec<Capture>,
    /// Earlier steps this one depends on: its `needs` plus the steps whose captures it uses.
    pub needs: Vec<StepId>,
    pub optional: bool,
    pub pause: Option<Pause>,
    pub keep_running: bool,
    pub timeout: Option<Duration>,
    /// The whole `[[steps]]` table in the source.
    pub span: Span,
}

impl Step {
    /// True when this step (action or a check) reaches a running container, which the
    /// rehearsal cluster does not have.
    pub fn needs_real_cluster(&self) -> bool {
        self.action.needs_real_cluster() || self.checks.iter().any(|c| c.kind.needs_real_cluster())
    }
}

/// A value recorded by a step for later steps.
#[derive(Debug, Clone)]
pub struct Capture {
    pub name: String,
    pub when: CaptureWhen,
    pub source: CaptureSource,
}

#[derive(Debug, Clone)]
pub enum CaptureSource {
    /// A unique marker: the prefix, a dash and six random characters.
    Generate { prefix: String },
    /// A field of one object.
    Object {
        object: check::ObjectCheck,
        path: FieldPath,
    },
    /// A field of the step's HTTP answer (JSON), or the whole body / standard output (`None`).
    Response { path: Option<FieldPath> },
}
