//! The state of a run (plan, provider, connection, captures, background processes) and the
//! view one step gets of it.

use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use crate::plan::{Captures, Plan};
use crate::scenario::scope::ObjectRef;
use crate::scenario::{Expr, Step};

use super::background::Background;
use super::cluster::Connection;
use super::event::Event;
use super::provider::ClusterProvider;
use super::report::Reporter;

/// Everything a run shares between steps.
pub struct RunCtx {
    plan: RwLock<Arc<Plan>>,
    pub provider: ClusterProvider,
    /// The connection, once there is a cluster; watched by the runner's guard.
    conn: tokio::sync::watch::Sender<Option<Arc<Connection>>>,
    /// How long the cluster may refuse connections before a step fails.
    grace: Duration,
    pub background: Background,
    pub reporter: Arc<dyn Reporter>,
    /// Cancelled when the run is interrupted (a signal, or `q`): every wait and process of
    /// the run watches it.
    pub cancel: CancellationToken,
    /// Which signal interrupted the run, if one did.
    pub interrupt: super::interrupt::Interrupt,
    pub lang: String,
    pub timeout_factor: f64,
    captures: Mutex<Captures>,
    /// Where progress is recorded for `--resume` (`None` on the embedded rehearsal cluster).
    pub recorder: Option<Arc<super::state::Recorder>>,
    /// This attempt at the lab: objects `create` makes carry it (`workshop/attempt`).
    pub attempt: String,
    /// With `--resume`: the step cut off in the middle by the run before, which continues.
    pub resuming: Option<super::state::InProgress>,
    /// Secret values seen so far (secret-named captures); reporters mask them.
    pub secrets: crate::redact::Secrets,
    /// The `KUBECONFIG` of the lab's programs (its private file is removed with the run), or
    /// why it could not be made.
    kubeconfig: Result<super::provider::LabKubeconfig, String>,
}

impl RunCtx {
    pub fn new(
        plan: Plan,
        provider: ClusterProvider,
        conn: Option<Connection>,
        reporter: Arc<dyn Reporter>,
        lang: String,
        timeout_factor: f64,
    ) -> RunCtx {
        let interrupt = super::interrupt::Interrupt::new();
        let kubeconfig = provider.lab_kubeconfig().map_err(|e| e.to_string());
        RunCtx {
            plan: RwLock::new(Arc::new(plan)),
            provider,
            conn: tokio::sync::watch::channel(conn.map(Arc::new)).0,
            grace: super::cluster::health::DEFAULT_GRACE,
            background: Background::default(),
            reporter,
            cancel: interrupt.token().clone(),
            interrupt,
            lang,
            timeout_factor,
            captures: Mutex::new(Captures::new()),
            recorder: None,
            attempt: super::state::new_attempt(),
            resuming: None,
            secrets: Default::default(),
            kubeconfig,
        }
    }

    /// Records progress with `recorder`, as the attempt it continues, resuming the step
    /// `resuming` if one was cut off.
    pub fn with_recorder(
        mut self,
        recorder: Option<Arc<super::state::Recorder>>,
        attempt: String,
        resuming: Option<super::state::InProgress>,
    ) -> RunCtx {
        self.recorder = recorder;
        self.attempt = attempt;
        self.resuming = resuming;
        self
    }

    /// Uses `interrupt` (already listening for signals) for this run.
    pub fn with_interrupt(mut self, interrupt: super::interrupt::Interrupt) -> RunCtx {
        self.cancel = interrupt.token().clone();
        self.interrupt = interrupt;
        self
    }

    /// Shares the run's secret registry with the reporters' redaction.
    pub fn with_secrets(mut self, secrets: crate::redact::Secrets) -> RunCtx {
        self.secrets = secrets;
        self
    }

    pub fn plan(&self) -> Arc<Plan> {
        self.plan.read().expect("plan lock").clone()
    }

    pub fn set_plan(&self, plan: Plan) {
        *self.plan.write().expect("plan lock") = Arc::new(plan);
    }

    /// How long the cluster may refuse connections before a step fails (`--unreachable-grace`).
    pub fn with_grace(mut self, grace: Duration) -> RunCtx {
        self.grace = grace;
        if let Some(c) = self.connection() {
            c.health().set_grace(grace);
        }
        self
    }

    pub fn connection(&self) -> Option<Arc<Connection>> {
        self.conn.borrow().clone()
    }

    pub fn set_connection(&self, conn: Connection) {
        conn.health().set_grace(self.grace);
        self.conn.send_replace(Some(Arc::new(conn)));
    }

    /// The connection now and whenever it changes (`start-cluster` makes it).
    pub fn watch_connection(&self) -> tokio::sync::watch::Receiver<Option<Arc<Connection>>> {
        self.conn.subscribe()
    }

    pub fn captures(&self) -> Captures {
        self.captures.lock().expect("captures lock").clone()
    }

    pub fn capture(&self, name: &str, value: String) {
        self.secrets.observe(name, &value);
        self.captures
            .lock()
            .expect("captures lock")
            .insert(name.to_owned(), value);
    }

    pub fn emit(&self, e: Event) {
        self.reporter.event(&e);
    }
}

/// A step's view of the run.
pub struct StepCtx<'a> {
    pub run: &'a RunCtx,
    pub step: &'a Step,
    pub plan: Arc<Plan>,
}

/// An object a step names, ready to read or change.
pub struct Object {
    pub api: kube::Api<kube::api::DynamicObject>,
    pub name: String,
    /// `kind/name`, as kubectl prints it.
    pub label: String,
}

/// A failure inside a step (its action, a capture), rendered under the step.
#[derive(Debug, Clone)]
pub struct StepError {
    pub message: String,
    pub detail: Vec<String>,
    pub hint: Option<String>,
}

impl StepError {
    pub fn new(message: impl Into<String>) -> StepError {
        StepError {
            message: message.into(),
            detail: Vec::new(),
            hint: None,
        }
    }

    pub fn hint(mut self, h: impl Into<String>) -> StepError {
        self.hint = Some(h.into());
        self
    }

    pub fn detail(mut self, d: Vec<String>) -> StepError {
        self.detail = d;
        self
    }
}

impl From<crate::template::TemplateError> for StepError {
    fn from(e: crate::template::TemplateError) -> Self {
        StepError {
            message: e.message,
            detail: Vec::new(),
            hint: e.hint,
        }
    }
}

impl From<super::provider::ProviderFailure> for StepError {
    fn from(f: super::provider::ProviderFailure) -> Self {
        StepError {
            message: f.message,
            detail: f.detail,
            hint: f.hint,
        }
    }
}

impl StepCtx<'_> {
    /// Whether this step's answer (a program's output, an HTTP body) is captured under a secret
    /// name: then it is never shown, since it is only known to be secret once captured.
    pub fn answer_is_secret(&self) -> bool {
        self.step.captures.iter().any(|c| {
            matches!(c.source, crate::scenario::CaptureSource::Response { .. })
                && crate::redact::is_secret_name(&c.name)
        })
    }

    /// A line of the step's answer (a program's output): shown, or masked when the answer is
    /// captured as a secret.
    pub fn answer(&self, line: &str) {
        if self.answer_is_secret() {
            self.output(crate::redact::MASK);
        } else {
            self.output(line);
        }
    }

    pub fn output(&self, line: &str) {
        self.run.emit(Event::StepOutput {
            id: self.step.id.to_string(),
            line: line.to_owned(),
        });
    }

    /// Registers a background process of this step (stopped at the end of the run) and shows it.
    pub fn in_background(&self, description: String, handle: super::background::Handle) {
        self.run.background.add(super::background::Process {
            step: self.step.id.to_string(),
            description: description.clone(),
            keep_running: self.step.keep_running,
            handle,
        });
        self.run.emit(Event::Background {
            id: self.step.id.to_string(),
            description,
            running: true,
        });
    }

    /// Starts a program in the background (in its own process group, output discarded) and
    /// registers it; returns its display form.
    /// A lab program (a `command` or `tunnel` step) ready to start, in its own process group:
    /// `KUBECONFIG` names this run's cluster with the lab's context selected
    /// ([`super::provider::kubeconfig`]); the rest of the environment is the user's.
    pub fn lab_program(
        &self,
        program: &std::path::Path,
        args: &[String],
    ) -> Result<tokio::process::Command, StepError> {
        let kubeconfig = self.run.kubeconfig.as_ref().map_err(|e| StepError::new(e.clone()))?;
        let mut cmd = super::process::command(program, args);
        cmd.env("KUBECONFIG", kubeconfig.value());
        Ok(cmd)
    }

    pub fn spawn_background(&self, program: &std::path::Path, args: &[String]) -> Result<String, StepError> {
        let display = super::process::display_command(program, args);
        self.output(&format!("$ {display}"));
        let mut cmd = self.lab_program(program, args)?;
        cmd.stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let child = super::process::Running::spawn(cmd, &display)
            .map_err(|e| StepError::new(format!("could not start `{display}`: {e}")))?;
        self.in_background(display.clone(), super::background::Handle::Child(child));
        Ok(display)
    }

    /// True when this step was cut off in the middle by the run before and continues now.
    pub fn is_resumed(&self) -> bool {
        self.run
            .resuming
            .as_ref()
            .is_some_and(|p| p.step == self.step.id.as_str())
    }

    /// True when this step was cut off in its checks, after its action finished.
    pub fn resumed_after_action(&self) -> bool {
        self.is_resumed() && self.run.resuming.as_ref().is_some_and(|p| p.action_done)
    }

    pub fn cancel(&self) -> &CancellationToken {
        &self.run.cancel
    }

    /// The connection, or an error saying the cluster is not started yet.
    pub fn conn(&self) -> Result<Arc<Connection>, StepError> {
        self.run
            .connection()
            .ok_or_else(|| StepError::new(crate::t!("cluster-not-started")).hint(crate::t!("cluster-not-started-hint")))
    }

    pub fn captures(&self) -> Captures {
        self.run.captures()
    }

    pub fn render(&self, e: &Expr) -> Result<String, StepError> {
        Ok(self.plan.render(e, &self.captures())?)
    }

    pub fn render_opt(&self, e: Option<&Expr>) -> Result<Option<String>, StepError> {
        Ok(self.plan.render_opt(e, &self.captures())?)
    }

    /// The namespace a step names, or `default`.
    pub fn namespace(&self, e: Option<&Expr>) -> Result<String, StepError> {
        Ok(self.render_opt(e)?.unwrap_or_else(|| "default".to_owned()))
    }

    /// The namespace an object reference looks in: `Some(ns)`, or `None` for every namespace
    /// (`all-namespaces = true`) and for a cluster-scoped kind. A scope that does not fit the
    /// kind (found out by discovery) is refused in the words `validate` uses for built-in kinds.
    pub fn scope(&self, target: &ObjectRef<'_>, namespaced: bool, what: &str) -> Result<Option<String>, StepError> {
        if let Some(p) = target.scope_problem(namespaced) {
            return Err(StepError::new(crate::t!(
                "scope-problem",
                problem = p.message(target.kind, what),
                expected = p.expected()
            ))
            .hint(p.hint()));
        }
        match target.namespace {
            Some(ns) if namespaced => Ok(Some(self.render(ns)?)),
            _ => Ok(None),
        }
    }

    /// The one object a step names (a `patch`, `delete`, `scale` or a capture): its kind resolved
    /// by discovery, its name and namespace rendered, and the API to reach it. With
    /// `all-namespaces = true`, the one object of that name in any namespace (none or several
    /// is an error).
    pub async fn object(&self, target: &ObjectRef<'_>, what: &str) -> Result<Object, StepError> {
        let conn = self.conn()?;
        let resolved = conn
            .resolve(target.kind, target.api_version)
            .await
            .map_err(StepError::new)?;
        let scope = self.scope(target, resolved.namespaced, what)?;
        let name = match target.name {
            Some(n) => self.render(n)?,
            None => return Err(StepError::new(crate::t!("object-no-name", what = what))),
        };
        let kind = target.kind.to_ascii_lowercase();
        let ns = match scope {
            Some(ns) => Some(ns),
            None if resolved.namespaced => {
                let all: kube::Api<kube::api::DynamicObject> = kube::Api::all_with(conn.client.clone(), &resolved.ar);
                let found = all
                    .list(&kube::api::ListParams::default().fields(&format!("metadata.name={name}")))
                    .await
                    .map_err(|e| {
                        crate::actions::kube_error(
                            &crate::t!("object-looking-everywhere", kind = kind.as_str(), name = name.as_str()),
                            &e,
                        )
                    })?;
                let namespaces: Vec<String> = found
                    .items
                    .iter()
                    .filter_map(|o| o.metadata.namespace.clone())
                    .collect();
                match namespaces.as_slice() {
                    [one] => Some(one.clone()),
                    [] => {
                        return Err(StepError::new(crate::t!(
                            "object-nowhere",
                            kind = kind.as_str(),
                            name = name.as_str()
                        )));
                    }
                    several => {
                        return Err(StepError::new(crate::t!(
                            "object-several",
                            count = several.len(),
                            kind = kind.as_str(),
                            name = name.as_str(),
                            namespaces = several.join(", "),
                            what = what
                        ))
                        .hint(crate::t!("object-several-hint")));
                    }
                }
            }
            None => None,
        };
        let label = match &ns {
            Some(ns) if target.all_namespaces => crate::t!(
                "object-in-namespace",
                object = format!("{kind}/{name}"),
                namespace = ns.as_str()
            ),
            _ => format!("{kind}/{name}"),
        };
        Ok(Object {
            api: conn.api(&resolved, ns.as_deref()),
            label,
            name,
        })
    }

    /// A timeout scaled by `--timeout`.
    pub fn scaled(&self, d: Duration) -> Duration {
        Duration::from_secs_f64((d.as_secs_f64() * self.run.timeout_factor).max(0.001))
    }
}
