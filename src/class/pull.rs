//! Pull mode, `workshop class check`: the instructor runs a lab's checks (never its actions)
//! against every learner's cluster at once, one kubeconfig file or one context per learner,
//! and sees where each learner is. Every step's checks are asked at once, each with a short
//! patience; the learner is past the last step whose checks hold, and at the next step whose
//! checks do not, which is reported with its expected / observed / hint. (An earlier step
//! whose check a later step undid, such as "namespace pacman is absent", counts as passed.) With `--class` the results fill the class board too, as the
//! same events a learner's run sends (`mode: pull`).
//!
//! Steps that cannot be judged from outside a run are reported skipped: those that reach a
//! container (HTTP through a port-forward, exec) and those whose checks need a value the run
//! captured (`recreated` compares with the uid it saw before).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use serde_json::{Value, json};

use crate::checks::{self, Verdict};
use crate::engine::context::{RunCtx, StepCtx};
use crate::engine::event::{Event, StepStatus, Summary};
use crate::engine::provider::{ClusterProvider, Existing};
use crate::engine::report::Reporter;
use crate::engine::report::ndjson::to_json;
use crate::exit_code;
use crate::scenario::{CheckKind, Provider, Scenario, Step, VarValue};

use super::board::Board;
use super::http::{HttpClient, HttpError};
use super::protocol::{Accepted, Batch, JoinRequest, Joined, MAX_BATCH, Sequenced};
use crate::diagnostic::Diagnostic;

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub scenario: crate::cli::ScenarioArgs,

    /// A folder with one kubeconfig file per learner; each learner is named after the file
    /// (ana.yaml → ana), and its current context is used.
    #[arg(
        long,
        value_name = "DIR",
        required_unless_present = "contexts",
        conflicts_with = "contexts"
    )]
    pub kubeconfigs: Option<PathBuf>,

    /// One kube context per learner (comma-separated), from --kubeconfig or the default one;
    /// each learner is named after the context.
    #[arg(long, value_name = "NAME,…", value_delimiter = ',')]
    pub contexts: Vec<String>,

    /// The kubeconfig of --contexts (default: KUBECONFIG, then ~/.kube/config).
    #[arg(long, value_name = "PATH", requires = "contexts")]
    pub kubeconfig: Option<PathBuf>,

    /// Fill this class's board: the board URL `workshop class serve` printed (with ?key=).
    #[arg(long = "class", value_name = "URL")]
    pub class: Option<String>,

    /// The instructor key, when the --class URL has none.
    #[arg(long, value_name = "KEY", env = "WORKSHOP_CLASS_KEY")]
    pub key: Option<String>,

    /// How long each check may wait for its condition on a learner's cluster.
    #[arg(long, value_name = "DURATION", default_value = "3s", value_parser = humantime::parse_duration)]
    pub patience: Duration,

    /// The language of step titles, hints and workshop's own words: en, es, ES, es_ES, …
    /// (default: LANG if the lab offers it, else the lab's first language; docs/languages.md).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// One learner's cluster.
#[derive(Debug, Clone)]
pub struct PullTarget {
    pub name: String,
    pub kubeconfig: Option<PathBuf>,
    pub context: Option<String>,
}

/// What checking one learner's cluster found, as the events a run would send.
#[derive(Debug, Clone)]
pub struct PullResult {
    pub name: String,
    pub events: Vec<Value>,
    /// The cluster could not be reached.
    pub error: Option<String>,
}

/// Where the checks' own events go: pull mode reports what the walk found instead.
struct Quiet;

impl Reporter for Quiet {
    fn event(&self, _event: &Event) {}

    fn println(&self, _line: &str) {}
}

/// Why a step cannot be judged from outside the run, if it cannot.
fn not_checkable(step: &Step, capturing: &HashSet<&str>) -> Option<String> {
    if step.checks.is_empty() {
        Some(crate::t!("class-check-no-checks"))
    } else if step.needs_real_cluster() {
        Some(crate::t!("class-check-needs-container"))
    } else if step.checks.iter().any(|c| matches!(c.kind, CheckKind::Recreated(_)))
        || step.needs.iter().any(|n| capturing.contains(n.as_str()))
    {
        Some(crate::t!("class-check-needs-capture"))
    } else {
        None
    }
}

/// Checks every target at once.
pub async fn check_all(
    scenario: &Scenario,
    vars: &std::collections::BTreeMap<String, VarValue>,
    targets: &[PullTarget],
    patience: Duration,
    lang: &str,
) -> Vec<PullResult> {
    let mut scenario = scenario.clone();
    for step in &mut scenario.steps {
        for check in &mut step.checks {
            check.timeout = crate::scenario::Duration(patience);
        }
    }
    let scenario = Arc::new(scenario);
    let tasks: Vec<_> = targets
        .iter()
        .cloned()
        .map(|t| {
            let (scenario, vars, lang) = (scenario.clone(), vars.clone(), lang.to_owned());
            tokio::spawn(async move { check_one(&scenario, vars, t, &lang).await })
        })
        .collect();
    let mut out = Vec::new();
    for (t, task) in targets.iter().zip(tasks) {
        out.push(task.await.unwrap_or_else(|e| PullResult {
            name: t.name.clone(),
            events: Vec::new(),
            error: Some(crate::t!("class-check-stopped", error = e.to_string())),
        }));
    }
    out
}

async fn check_one(
    scenario: &Scenario,
    vars: std::collections::BTreeMap<String, VarValue>,
    target: PullTarget,
    lang: &str,
) -> PullResult {
    let existing = Existing {
        context: target.context.clone(),
        kubeconfig: target.kubeconfig.clone(),
    };
    let failed = |e: String| PullResult {
        name: target.name.clone(),
        events: Vec::new(),
        error: Some(e),
    };
    let conn = match existing.connect().await {
        Ok(c) => c,
        Err(e) => return failed(e.message()),
    };
    let assumed = crate::facts::KubeVersion::DEFAULT;
    let plan = match crate::engine::build_plan(scenario.clone(), vars, Provider::Existing, assumed, Some(&conn)).await {
        Ok(p) => p,
        Err(e) => return failed(e.message()),
    };
    let steps = plan.scenario.steps.clone();
    let lab = plan.scenario.lab.clone();
    let ctx = RunCtx::new(
        plan,
        ClusterProvider::Existing(existing),
        Some(conn),
        Arc::new(Quiet),
        lang.to_owned(),
        1.0,
    );
    let plan_json: Vec<Value> = (steps.iter())
        .map(|s| json!({"id": s.id.to_string(), "title": s.title.get(lang)}))
        .collect();
    // What the walk found, as a run's events (the checks' own events go to `quiet`).
    let mut out: Vec<Event> = Vec::new();
    out.push(Event::RunStarted {
        title: lab.title.get(lang).to_owned(),
        lab_id: lab.id.clone(),
        cluster: ctx.provider.description(),
        rehearsal: false,
        steps: steps.len(),
    });
    let capturing: HashSet<&str> = (steps.iter())
        .filter(|s| !s.captures.is_empty())
        .map(|s| s.id.as_str())
        .collect();
    // Every checkable step at once: a learner's cluster answers for all of them in about one
    // patience, however far the learner is.
    let plan = ctx.plan();
    let verdicts = futures::future::join_all(steps.iter().map(|step| {
        let (ctx, plan) = (&ctx, plan.clone());
        let checkable = not_checkable(step, &capturing).is_none();
        async move {
            if !checkable {
                return None;
            }
            let sctx = StepCtx { run: ctx, step, plan };
            for (n, check) in step.checks.iter().enumerate() {
                match checks::run(&sctx, n, check).await {
                    Verdict::Passed { .. } => {}
                    Verdict::Failed(f) => return Some(Err((n, f))),
                    Verdict::Interrupted => return Some(Err((n, Box::default()))),
                }
            }
            Some(Ok(()))
        }
    }))
    .await;
    // The learner is past the last step whose checks hold; the next checkable step that does
    // not hold is where they are. Steps that only check that something is absent say nothing
    // about progress (they hold before the lab starts too).
    let progress = |step: &Step| step.checks.iter().any(|c| !matches!(c.kind, CheckKind::Absent(_)));
    let reached = (verdicts.iter().zip(&steps)).rposition(|(v, step)| matches!(v, Some(Ok(()))) && progress(step));
    let mut summary = Summary::default();
    let total = steps.len();
    for (i, step) in steps.iter().enumerate() {
        let id = step.id.to_string();
        let title = step.title.get(lang).to_owned();
        out.push(Event::StepStarted {
            index: i + 1,
            total,
            id: id.clone(),
            title: title.clone(),
        });
        let before = reached.is_some_and(|r| i <= r);
        let status = match (&verdicts[i], not_checkable(step, &capturing)) {
            (_, Some(why)) => StepStatus::Skipped(why),
            (Some(Ok(())), _) => StepStatus::Passed,
            (Some(Err(_)), _) if before => StepStatus::Skipped(crate::t!("class-check-undone")),
            (Some(Err((n, failure))), _) => {
                let description = step
                    .checks
                    .get(*n)
                    .map(|c| crate::plan::describe::check(&ctx.plan(), c, &ctx.captures()))
                    .unwrap_or_default();
                out.push(Event::CheckFailed {
                    id: id.clone(),
                    check: *n,
                    description,
                    failure: failure.clone(),
                    elapsed: Duration::ZERO,
                });
                StepStatus::Failed
            }
            (None, None) => StepStatus::Skipped(crate::t!("class-check-unchecked")),
        };
        let stop = status == StepStatus::Failed;
        match &status {
            StepStatus::Passed => summary.passed += 1,
            StepStatus::Failed => {
                summary.failed += 1;
                summary.failed_step = Some(id.clone());
            }
            _ => summary.skipped += 1,
        }
        out.push(Event::StepFinished {
            index: i + 1,
            id,
            title,
            status,
            elapsed: Duration::ZERO,
        });
        if stop {
            break;
        }
    }
    out.push(Event::RunFinished { summary });
    let RunCtx { provider, .. } = ctx;
    provider.shutdown().await;
    let events = out
        .iter()
        .map(|e| {
            let mut v = to_json(e);
            if let Value::Object(map) = &mut v {
                map.insert("time".into(), Value::String(crate::class::server::state::now_text()));
                if matches!(e, Event::RunStarted { .. }) {
                    map.insert("plan".into(), Value::Array(plan_json.clone()));
                    map.insert("mode".into(), Value::String("pull".into()));
                    map.insert("fresh".into(), Value::Bool(true));
                }
            }
            v
        })
        .collect();
    PullResult {
        name: target.name,
        events,
        error: None,
    }
}

/// The learners of `--kubeconfigs DIR` or `--contexts`.
pub fn targets(args: &CheckArgs) -> Result<Vec<PullTarget>, crate::diagnostic::Diagnostics> {
    if let Some(dir) = &args.kubeconfigs {
        let path = dir.display().to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            crate::diagnostic::Diagnostics(vec![
                Diagnostic::new(crate::t!(
                    "class-check-cannot-read-folder",
                    path = path.as_str(),
                    error = crate::os_error::io(&e)
                ))
                .hint(crate::t!("class-check-cannot-read-folder-hint")),
            ])
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(crate::diagnostic::Diagnostics(vec![
                Diagnostic::new(crate::t!("class-check-empty-folder", path = path.as_str()))
                    .hint(crate::t!("class-check-empty-folder-hint")),
            ]));
        }
        return Ok(files
            .into_iter()
            .map(|p| PullTarget {
                name: p
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                kubeconfig: Some(p),
                context: None,
            })
            .collect());
    }
    Ok(args
        .contexts
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| PullTarget {
            name: c.trim().to_owned(),
            kubeconfig: args.kubeconfig.clone(),
            context: Some(c.trim().to_owned()),
        })
        .collect())
}

/// Sends each learner's results to the class (joined by the instructor, by name).
pub async fn fill_board(client: &HttpClient, key: &str, results: &[PullResult]) -> Result<(), HttpError> {
    for r in results.iter().filter(|r| r.error.is_none()) {
        let j: Joined = client
            .post(
                "/api/learners",
                Some(key),
                &JoinRequest {
                    code: String::new(),
                    name: r.name.clone(),
                },
            )
            .await?;
        let mut seq = j.last_seq;
        for chunk in r.events.chunks(MAX_BATCH) {
            let events = chunk
                .iter()
                .map(|e| {
                    seq += 1;
                    Sequenced { seq, event: e.clone() }
                })
                .collect();
            let _: Accepted = client
                .post(
                    "/api/events",
                    Some(&j.token),
                    &Batch {
                        events,
                        since: i64::MAX,
                    },
                )
                .await?;
        }
    }
    Ok(())
}

/// The results as a board (to print).
pub fn board(results: &[PullResult]) -> Board {
    let mut b = Board::new("workshop class check");
    let now = jiff::Timestamp::now();
    for (i, r) in results.iter().enumerate() {
        let id = i as i64 + 1;
        b.add_learner(id, &r.name, "pull");
        for (n, e) in r.events.iter().enumerate() {
            b.apply(id, n as u64 + 1, e, now);
        }
    }
    b
}

/// `workshop class check`.
pub fn check_command(args: CheckArgs, color: bool) -> i32 {
    let fail = |d: crate::diagnostic::Diagnostics| {
        eprint!("{}", d.render(color));
        exit_code::INVALID
    };
    crate::app::speak_asked(args.lang.as_deref());
    let scenario = match crate::app::load_scenario(&args.scenario.scenario) {
        Ok(s) => s,
        Err(d) => return fail(d),
    };
    let vars = match crate::plan::bind_vars(&scenario, &args.scenario.vars) {
        Ok(v) => v,
        Err(d) => return fail(d),
    };
    let lang = match crate::language::pick(&scenario.lab.languages, args.lang.as_deref()) {
        Ok(l) => l,
        Err(d) => return fail(d),
    };
    if let Err(d) = crate::app::speak(&lang, &args.scenario.scenario) {
        return fail(d);
    }
    let targets = match targets(&args) {
        Ok(t) => t,
        Err(d) => return fail(d),
    };
    let class = match &args.class {
        Some(url) => match super::command::instructor(url, args.key.as_deref()) {
            Ok(x) => Some(x),
            Err(d) => return fail(d),
        },
        None => None,
    };
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return super::command::no_runtime(&e, color),
    };
    rt.block_on(async {
        let results = check_all(&scenario, &vars, &targets, args.patience, &lang).await;
        print!(
            "{}",
            super::tui::render(
                &board(&results).view(jiff::Timestamp::now()),
                &super::strings::Strings::current()
            )
        );
        for r in &results {
            if let Some(e) = &r.error {
                println!(
                    "{}",
                    crate::t!("class-check-not-checked", name = r.name.as_str(), error = e.as_str())
                );
            }
        }
        if let Some((client, key)) = &class {
            match fill_board(client, key, &results).await {
                Ok(()) => println!("{}", crate::t!("class-check-filled", url = client.base.as_str())),
                Err(e) => {
                    let problem = super::command::http_problem(&e);
                    let d = crate::diagnostic::Diagnostic {
                        message: crate::t!("class-check-cannot-fill", error = problem.message.as_str()),
                        ..problem
                    };
                    eprint!("{}", d.render(color));
                    return exit_code::MISSING_PREREQUISITE;
                }
            }
        }
        if results.iter().all(|r| r.error.is_some()) {
            exit_code::MISSING_PREREQUISITE
        } else {
            exit_code::SUCCESS
        }
    })
}
