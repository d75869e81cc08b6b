//! The flags of `run`, `reset` and `rehearsal serve` in the engine's terms: the scenario read
//! and validated, its variables bound, the language picked, the cluster chosen.

use crate::cli::{ClusterArgs, EventsArg, GuidedArgs, OutputArgs, PaceArg, ResetArgs, RunArgs, ServeArgs};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::report::class::ClassReport;
use crate::engine::report::{EventsFormat, OutputOptions};
use crate::engine::{GuidedOptions, ResetOptions, RunOptions, Target};
use crate::exit_code;
use crate::facts::{ClusterFacts, KubeVersion};
use crate::plan::{self, Plan};
use crate::redact::Secrets;
use crate::scenario::{self, Scenario};
use crate::trust::Scope;

use super::{assumed_version, load_scenario, report, speak, speak_asked};

/// `workshop run`'s flags, in the engine's terms: the scenario read and validated, its
/// variables bound, the language picked.
pub(super) fn run_options(args: RunArgs, color: bool, secrets: Secrets) -> Result<RunOptions, NotPrepared> {
    let Lab {
        scenario,
        vars,
        scenario_path,
        lang,
        target,
        consent,
    } = Lab::prepare(
        &args.scenario,
        args.lang.as_deref(),
        (&args.target, args.kubernetes_version.clone(), args.pace),
        (args.trust, Scope::Lab),
        &secrets,
    )?;
    let again = again(&scenario_path, &args);
    let class = args.class.link().map(|link| {
        let g = &args.guided;
        ClassReport {
            link,
            mode: if g.resume {
                "resume"
            } else if g.converge {
                "converge"
            } else if g.step {
                "step"
            } else {
                "run"
            },
            fresh: !g.resume && g.from.is_none() && g.only.is_empty(),
        }
    });
    Ok(RunOptions {
        scenario,
        vars,
        scenario_path,
        lang,
        target,
        timeout_factor: args.timeout,
        keep_going: args.keep_going,
        guided: guided_options(args.guided),
        output: OutputOptions {
            class,
            ..output_options(args.output)
        },
        color,
        again,
        secrets,
        consent,
    })
}

/// What `run` and `reset` prepare alike: the scenario read and validated, its variables
/// bound, the language picked, the cluster to use, and consent for what the steps of `scope`
/// can do (crate::trust), decided before the engine starts, for the variables of this run
/// and the Kubernetes version assumed before a cluster answers. What consent shows is masked
/// like every other output.
struct Lab {
    scenario: Scenario,
    vars: std::collections::BTreeMap<String, scenario::VarValue>,
    scenario_path: String,
    lang: String,
    target: Target,
    consent: crate::trust::Consent,
}

/// Why a lab was not prepared for `run` or `reset`: the scenario or the command line is wrong,
/// or the lab was refused consent. Each has its own exit code.
pub(super) enum NotPrepared {
    Invalid(Diagnostics),
    Refused(crate::trust::Refused),
}

impl From<Diagnostics> for NotPrepared {
    fn from(d: Diagnostics) -> Self {
        NotPrepared::Invalid(d)
    }
}

impl NotPrepared {
    /// Shows the problems and returns the exit code.
    pub(super) fn report(&self, color: bool) -> i32 {
        match self {
            NotPrepared::Invalid(d) => report(d, color),
            NotPrepared::Refused(r) => {
                report(&r.0, color);
                exit_code::REFUSED
            }
        }
    }
}

impl Lab {
    fn prepare(
        args: &crate::cli::ScenarioArgs,
        lang: Option<&str>,
        (cluster, kubernetes_version, pace): (&ClusterArgs, Option<String>, PaceArg),
        (trust, scope): (bool, Scope),
        secrets: &Secrets,
    ) -> Result<Lab, NotPrepared> {
        speak_asked(lang);
        let scenario = load_scenario(&args.scenario)?;
        let vars = plan::bind_vars(&scenario, &args.vars)?;
        let lang = crate::language::pick(&scenario.lab.languages, lang)?;
        speak(&lang, &args.scenario)?;
        let target = target(&scenario, cluster, kubernetes_version, pace)?;
        let scenario_path = args.scenario.display().to_string();
        let facts = ClusterFacts::assumed(target.assumed, target.provider.as_str());
        let plan = Plan::build(scenario.clone(), vars.clone(), facts)?;
        secrets.learn_plan(&plan);
        let consent =
            crate::trust::decide(&plan, &scenario_path, trust, scope, secrets).map_err(NotPrepared::Refused)?;
        Ok(Lab {
            scenario,
            vars,
            scenario_path,
            lang,
            target,
            consent,
        })
    }
}

/// `workshop reset`'s flags, in the engine's terms.
pub(super) fn reset_options(args: ResetArgs, color: bool, secrets: Secrets) -> Result<ResetOptions, NotPrepared> {
    let Lab {
        scenario,
        vars,
        scenario_path,
        lang,
        target,
        consent,
    } = Lab::prepare(
        &args.scenario,
        args.lang.as_deref(),
        (&args.target, None, PaceArg::Fast),
        (args.trust, Scope::Cleanup),
        &secrets,
    )?;
    Ok(ResetOptions {
        scenario,
        vars,
        scenario_path,
        lang,
        target,
        timeout_factor: args.timeout,
        yes: args.yes,
        all: args.all,
        color,
        class: args.class.link().map(|link| ClassReport {
            link,
            mode: "reset",
            fresh: true,
        }),
        secrets,
        consent,
    })
}

fn target(
    scenario: &Scenario,
    args: &ClusterArgs,
    kubernetes_version: Option<String>,
    pace: PaceArg,
) -> Result<Target, Diagnostics> {
    Ok(Target {
        provider: args.cluster.unwrap_or(scenario.cluster.provider),
        context: args.context.clone(),
        kubeconfig: args.kubeconfig.clone(),
        assumed: assumed_version(scenario, kubernetes_version.as_deref())?,
        kubernetes_version,
        pace: pace.into(),
        unreachable_grace: args.unreachable_grace,
    })
}

fn guided_options(g: GuidedArgs) -> GuidedOptions {
    GuidedOptions {
        step: g.step,
        from: g.from,
        until: g.until,
        only: g.only,
        skip: g.skip,
        force: g.force,
        resume: g.resume,
        converge: g.converge,
    }
}

fn output_options(o: OutputArgs) -> OutputOptions {
    OutputOptions {
        reports: o.reports,
        quiet: o.quiet,
        events: o.events.map(|e| match e {
            EventsArg::Ndjson => EventsFormat::Ndjson,
        }),
        class: None,
    }
}

/// The command line that runs the lab again the same way: the same cluster flags, variables,
/// language and `--step`, without step selection (the resume hint adds `--resume`).
fn again(scenario_path: &str, args: &RunArgs) -> Vec<String> {
    let mut cmd: Vec<String> = vec!["workshop".into(), "run".into(), scenario_path.to_owned()];
    if let Some(c) = args.target.cluster {
        cmd.extend(["--cluster".into(), c.as_str().to_owned()]);
    }
    if let Some(c) = &args.target.context {
        cmd.extend(["--context".into(), c.clone()]);
    }
    if let Some(k) = &args.target.kubeconfig {
        cmd.extend(["--kubeconfig".into(), k.display().to_string()]);
    }
    for (k, v) in &args.scenario.vars {
        cmd.extend(["--var".into(), format!("{k}={v}")]);
    }
    if let Some(l) = &args.lang {
        cmd.extend(["--lang".into(), l.clone()]);
    }
    if args.guided.step {
        cmd.push("--step".into());
    }
    cmd
}

/// `workshop rehearsal serve`'s flags, with the node name, version and addons of the scenario
/// when one is given (a flag wins over the scenario).
pub(super) fn serve_options(args: ServeArgs) -> Result<crate::rehearsal::RehearsalOptions, Diagnostics> {
    let cluster = match &args.scenario {
        Some(path) => Some(load_scenario(path)?.cluster),
        None => None,
    };
    let version = match (args.version, &cluster) {
        (Some(v), _) => {
            KubeVersion::parse(&v).map_err(|why| {
                Diagnostics(vec![
                    Diagnostic::new(format!("--version {v}: {why}")).expected(crate::t!("version-expected")),
                ])
            })?;
            v
        }
        // The scenario's version was validated with the scenario.
        (None, Some(c)) => c
            .kubernetes_version
            .as_ref()
            .map_or_else(|| crate::rehearsal::DEFAULT_VERSION.to_owned(), |v| v.get_ref().clone()),
        (None, None) => crate::rehearsal::DEFAULT_VERSION.to_owned(),
    };
    let addons = match (&cluster, args.addons.is_empty()) {
        (Some(c), true) => c.addons.clone(),
        _ => args.addons,
    };
    let node_name = args
        .profile
        .or_else(|| cluster.map(|c| c.profile))
        .unwrap_or_else(|| crate::rehearsal::DEFAULT_NODE_NAME.to_owned());
    Ok(crate::rehearsal::RehearsalOptions {
        version,
        pace: args.pace.into(),
        addons,
        kubeconfig: args.kubeconfig,
        node_name,
        faults: args.faults,
    })
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};
    use crate::plan::command;

    #[test]
    fn the_command_to_run_again_keeps_cluster_vars_language_and_step_but_not_the_selection() {
        let cli = Cli::try_parse_from([
            "workshop",
            "run",
            "labs/day 55.toml",
            "--cluster",
            "rehearsal",
            "--kubeconfig",
            "k.yaml",
            "--var",
            "player=a b",
            "--lang",
            "es",
            "--step",
            "--until",
            "get-pvc",
            "--converge",
        ])
        .expect("valid flags");
        let Command::Run(args) = cli.command else {
            panic!("a run command")
        };
        let again = again("labs/day 55.toml", &args);
        assert_eq!(
            command::shell_join(&again),
            "workshop run 'labs/day 55.toml' --cluster rehearsal --kubeconfig k.yaml --var 'player=a b' --lang es --step"
        );
    }
}
