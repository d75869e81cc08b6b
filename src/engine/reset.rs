//! `workshop reset`: undoes a lab by running its `[[cleanup]]` steps with the same runner as
//! `run` (every cleanup step is tried; a failing one is reported and the others still run),
//! optionally deletes the minikube profile (`--all`), then forgets the lab's resume state.

use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit_code;
use crate::scenario::Provider;

use super::context::RunCtx;
use super::error::EngineError;
use super::event::{Event, Summary};
use super::interrupt::Interrupt;
use super::options::ResetOptions;
use super::provider::ClusterProvider;
use super::report::{self, Reporter};
use super::{build_plan, make_provider, process, prompt, runner, state};

/// `workshop reset`: returns the exit code.
pub fn reset_command(opts: ResetOptions) -> i32 {
    let color = opts.color;
    super::block_on(color, reset(opts))
}

fn invalid(d: Diagnostic) -> EngineError {
    EngineError::Invalid(Diagnostics(vec![d]))
}

async fn reset(args: ResetOptions) -> Result<i32, EngineError> {
    let ResetOptions {
        scenario,
        vars,
        scenario_path: display_path,
        lang,
        target,
        color: _,
        timeout_factor,
        yes,
        all,
        class,
        secrets,
        consent,
    } = args;
    let kind = target.provider;
    let profile = scenario.cluster.profile.clone();
    if all && kind != Provider::Minikube {
        return Err(invalid(
            Diagnostic::new(crate::t!("reset-all-not-minikube", provider = kind.as_str()))
                .expected(crate::t!("reset-all-not-minikube-expected"))
                .hint(crate::t!(
                    "reset-all-not-minikube-hint",
                    command = format!("workshop reset {display_path} --cluster {}", kind.as_str())
                )),
        ));
    }

    let prose = crate::plan::Plan::for_prose(scenario.clone(), vars.clone());
    let mut what: Vec<String> = scenario
        .cleanup
        .iter()
        .map(|s| format!("  - {} ({})", prose.text(&s.title, &lang, &Default::default()), s.id))
        .collect();
    if all {
        what.push(format!(
            "  - {}",
            crate::t!("reset-will-delete-profile", profile = profile.as_str())
        ));
    }
    what.push(format!(
        "  - {}",
        crate::t!(
            "reset-will-forget-state",
            path = state::path_for(&scenario.lab.id).display().to_string()
        )
    ));
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(invalid(
                Diagnostic::new(crate::t!("reset-needs-terminal"))
                    .expected(crate::t!("reset-needs-terminal-expected"))
                    .hint(crate::t!(
                        "reset-needs-terminal-hint",
                        command = format!("workshop reset {display_path} --yes")
                    )),
            ));
        }
        println!(
            "{}\n{}",
            crate::t!("reset-intro", lab = scenario.lab.id.as_str(), provider = kind.as_str()),
            what.join("\n")
        );
        if !prompt::confirm(&crate::t!("reset-go-ahead")) {
            println!("{}", crate::t!("reset-nothing-changed"));
            return Ok(exit_code::SUCCESS);
        }
    }

    let interrupt = Interrupt::new();
    let listening = interrupt.listen();
    let house = super::Housekeeping::begin(&scenario.lab.id, true).await?;
    let ready = async {
        let provider = make_provider(&scenario, &target, &display_path).await?;
        match provider.connect_if_running(target.unreachable_grace).await {
            Ok(c) => Ok((provider, c)),
            Err(e) => {
                provider.shutdown().await;
                Err(e)
            }
        }
    };
    let (provider, conn) = tokio::select! {
        r = ready => match r {
            Ok(p) => p,
            Err(e) => {
                house.print_notes();
                return Err(e);
            }
        },
        _ = interrupt.token().cancelled() => return Ok(super::interrupted_early(&interrupt)),
    };
    if conn.is_none() && !all {
        provider.shutdown().await;
        return Err(EngineError::Unreachable {
            context: profile.clone(),
            message: crate::t!("reset-cluster-not-running"),
            hint: crate::t!(
                "reset-cluster-not-running-hint",
                profile = profile.as_str(),
                command = format!("workshop reset {display_path} --all")
            ),
        });
    }
    let plan = match build_plan(scenario, vars, kind, target.assumed, conn.as_ref()).await {
        Ok(p) => p,
        Err(e) => {
            provider.shutdown().await;
            return Err(e);
        }
    };
    secrets.learn_plan(&plan);
    // Colours or not, a terminal gets the live display (see OutputOptions::reporter).
    let reporter: Arc<dyn Reporter> = if std::io::stdout().is_terminal() {
        Arc::new(report::fancy::Fancy::new())
    } else {
        Arc::new(report::plain::Plain::new(Box::new(std::io::stdout())))
    };
    let cleanup = plan.scenario.cleanup.clone();
    let reporter = match class {
        Some(c) => {
            let steps = (cleanup.iter())
                .map(|s| (s.id.to_string(), secrets.mask(s.title.get(&lang))))
                .collect();
            let class: Arc<dyn Reporter> = Arc::new(report::class::Class::new(c, steps, reporter.clone()));
            Arc::new(report::layers::Tee(vec![class, reporter])) as Arc<dyn Reporter>
        }
        None => reporter,
    };
    // Redacted like a run's reporters: nothing secret shows, nor leaves for the class.
    let reporter: Arc<dyn Reporter> = Arc::new(report::layers::Redact {
        secrets: secrets.clone(),
        inner: reporter,
    });
    let lab = plan.scenario.lab.clone();
    let has_conn = conn.is_some();
    let ctx = RunCtx::new(
        plan,
        provider,
        conn,
        reporter.clone(),
        lang.clone(),
        timeout_factor.max(0.01),
    )
    .with_secrets(secrets)
    .with_interrupt(interrupt.clone())
    .with_grace(target.unreachable_grace);
    let announcing = super::Announcer::start(&interrupt, reporter);
    ctx.emit(Event::RunStarted {
        title: crate::t!(
            "reset-title",
            title = ctx.plan().text(&lab.title, &lang, &Default::default())
        ),
        lab_id: lab.id.clone(),
        cluster: ctx.provider.description(),
        rehearsal: ctx.provider.is_rehearsal(),
        steps: cleanup.len(),
    });
    house.emit_notes(&ctx);
    if let Some(note) = consent.note() {
        ctx.emit(Event::Note { text: note.to_owned() });
    }
    let mut summary = if has_conn {
        let opts = runner::LoopOptions {
            keep_going: true,
            cleanup: true,
            ..runner::LoopOptions::default()
        };
        runner::run_steps(&ctx, &cleanup, &opts).await
    } else {
        Summary::default()
    };
    for (id, description) in ctx.background.stop_all().await {
        ctx.emit(Event::Background {
            id,
            description,
            running: false,
        });
    }
    if all && !summary.interrupted {
        delete_profile(&ctx, &profile, &mut summary).await;
    }
    if ctx.cancel.is_cancelled() {
        summary.interrupted = true;
        summary.signal = interrupt.signal();
    }
    if !summary.interrupted {
        let path = state::path_for(&lab.id);
        let text = match state::clear(&path) {
            Ok(true) => crate::t!("reset-state-cleared", path = path.display().to_string()),
            Ok(false) => crate::t!("reset-no-state"),
            Err(e) => crate::t!(
                "reset-state-not-removed",
                path = path.display().to_string(),
                error = e.to_string()
            ),
        };
        ctx.emit(Event::Note { text });
    }
    announcing.settle().await;
    ctx.emit(Event::RunFinished {
        summary: summary.clone(),
    });
    listening.abort();
    let RunCtx { provider, .. } = ctx;
    provider.shutdown().await;
    Ok(super::exit_for(&summary))
}

/// `minikube delete -p PROFILE`, its output shown as it comes.
async fn delete_profile(ctx: &RunCtx, profile: &str, summary: &mut Summary) {
    let ClusterProvider::Minikube(m) = &ctx.provider else {
        return;
    };
    ctx.emit(Event::Note {
        text: crate::t!("reset-deleting-profile", profile = profile),
    });
    let args = vec!["delete".to_owned(), "-p".to_owned(), profile.to_owned()];
    let result = process::run(&m.binary, &args, Duration::from_secs(300), &ctx.cancel, |line| {
        ctx.emit(Event::Note {
            text: format!("  minikube | {line}"),
        })
    })
    .await;
    match result {
        Ok(_) => ctx.emit(Event::Note {
            text: crate::t!("reset-profile-deleted", profile = profile),
        }),
        Err(_) if ctx.cancel.is_cancelled() => summary.interrupted = true,
        Err(e) => {
            summary.failed += 1;
            ctx.emit(Event::Note {
                text: crate::t!("reset-profile-not-deleted", profile = profile, error = e.to_string()),
            });
        }
    }
}
