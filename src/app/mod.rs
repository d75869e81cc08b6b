//! The edge: parses the command line, runs the subcommand, prints errors once for humans and
//! returns the exit code.
//!
//! The subcommands' own parts: [`options`] turns `run`, `reset` and `rehearsal serve` flags into
//! the engine's options, [`validate`] holds `validate` and `trust`, [`plan_view`] what `plan`
//! prints, and [`list`] the labs in a folder.

mod list;
mod options;
mod plan_view;
mod validate;

pub use plan_view::render_plan;

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::Parser;

use crate::cli::{Cli, ColorChoice, Command, ScenarioArgs};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit_code;
use crate::facts::{ClusterFacts, KubeVersion};
use crate::plan::{self, Plan};
use crate::redact::Secrets;
use crate::scenario::{self, Scenario};

use list::list;
use options::{reset_options, run_options, serve_options};
use plan_view::plan_cmd;
use validate::{trust_cmd, validate};

/// Runs the program and returns its exit code.
pub fn run() -> i32 {
    // The tool's words follow the locale until a command knows the lab's language; so do the
    // flags' own checks (`--var`, `--timeout`).
    let _ = crate::i18n::select(&[], None);
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            if let Some(text) = invalid_value(&e) {
                eprint!("{text}");
                return exit_code::INVALID;
            }
            let _ = e.print();
            return if e.use_stderr() {
                exit_code::INVALID
            } else {
                exit_code::SUCCESS
            };
        }
    };
    let color = use_color(cli.color);
    console::set_colors_enabled(color);
    console::set_colors_enabled_stderr(color);
    // The one redaction layer: commands feed it what they learn; logs and outputs mask with it.
    let secrets = Secrets::default();
    crate::logging::init(cli.verbose, color, secrets.clone());
    match cli.command {
        Command::Validate(args) => validate(&args, color),
        Command::Plan(args) => plan_cmd(&args, color, &secrets),
        Command::List(args) => list(&args, color),
        Command::Run(args) => match run_options(args, color, secrets) {
            Ok(opts) => crate::engine::run_command(opts),
            Err(e) => e.report(color),
        },
        Command::Reset(args) => match reset_options(args, color, secrets) {
            Ok(opts) => crate::engine::reset::reset_command(opts),
            Err(e) => e.report(color),
        },
        Command::Export(args) => crate::export::export_command(&args, color, &secrets),
        Command::Trust(args) => trust_cmd(&args, color),
        Command::Rehearsal(crate::cli::RehearsalCommand::Serve(args)) => match serve_options(args) {
            Ok(opts) => crate::engine::serve_rehearsal(opts),
            Err(d) => report(&d, color),
        },
        Command::Class(c) => crate::class::command::run(c, color),
        Command::Doctor(args) => crate::doctor::doctor_command(&args),
        Command::Schema => {
            print!("{}", scenario::schema::scenario_schema_text());
            exit_code::SUCCESS
        }
        Command::New(args) => crate::scaffold::new_command(&args),
        Command::Completions(args) => {
            use clap::CommandFactory;
            clap_complete::generate(args.shell, &mut Cli::command(), "workshop", &mut std::io::stdout());
            exit_code::SUCCESS
        }
    }
}

/// Shows the tool's own words in the lab's language `lang` when a catalogue serves it (the
/// built-in ones, or the lab's `locales/<lang>/workshop.ftl` beside `scenario`).
pub fn speak(lang: &str, scenario: &Path) -> Result<(), Diagnostics> {
    let dir = scenario
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::i18n::select(&[lang], Some(dir)).map(|_| ())
}

/// Before the lab is read, `--lang` alone (then the locale) chooses the tool's language, so the
/// problems of a scenario that cannot be read are drawn in the language asked for.
pub fn speak_asked(lang: Option<&str>) {
    if let Some(l) = lang {
        let _ = crate::i18n::select(&[l], None);
    }
}

/// Colors when asked, or on a terminal when NO_COLOR is unset.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

/// Reads and analyses a scenario file; every problem is in the error. When analysis finds
/// problems, the plan stage's own (unknown kinds, numbers out of range, rendered manifests) are
/// looked for too, with the variables' defaults, so one pass shows them all.
pub fn load_scenario(path: &Path) -> Result<Scenario, Diagnostics> {
    let (file, mut diags) = scenario::load::load_file(path)?;
    let scenario = scenario::analyze::analyze_partly(file, &mut diags);
    match scenario {
        Some(s) if diags.is_empty() => Ok(s),
        partial => {
            if let Some(s) = partial {
                // One problem per place: where analysis found one, a later stage's complaint
                // about the same value (an unknown kind it could not scale) is the same mistake.
                let places: Vec<_> = diags.0.iter().map(|d| d.location.clone()).collect();
                let later = plan::later_problems(s).0.into_iter();
                diags
                    .0
                    .extend(later.filter(|d| d.location.is_none() || !places.contains(&d.location)));
            }
            diags.sort();
            diags.dedup();
            Err(diags)
        }
    }
}

/// A flag's value that its own check refused (`--var foo`), drawn in the learner's language when
/// it is not English; English keeps clap's own words, as `--help` does.
fn invalid_value(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    if e.kind() != ErrorKind::ValueValidation || crate::i18n::current() == "en" {
        return None;
    }
    let arg = e.get(ContextKind::InvalidArg)?.to_string();
    let value = e.get(ContextKind::InvalidValue)?.to_string();
    let why = std::error::Error::source(e)?.to_string();
    Some(format!(
        "{} {}\n\n{}\n",
        crate::t_builtin!("diag-error"),
        crate::t!("cli-invalid-value", flag = arg, value = value, why = why),
        crate::t!("cli-more-information")
    ))
}

/// The Kubernetes version to assume before a cluster exists.
pub fn assumed_version(scenario: &Scenario, override_version: Option<&str>) -> Result<KubeVersion, Diagnostics> {
    let raw = override_version.or(scenario
        .cluster
        .kubernetes_version
        .as_ref()
        .map(|v| v.get_ref().as_str()));
    match raw {
        None => Ok(KubeVersion::DEFAULT),
        Some(v) => KubeVersion::parse(v)
            .map_err(|why| Diagnostics(vec![Diagnostic::new(why).expected(crate::t!("version-expected"))])),
    }
}

/// Scenario → validated → plan with assumed facts, for commands that need no cluster.
fn plan_offline(args: &ScenarioArgs, version: Option<&str>) -> Result<Plan, Diagnostics> {
    let scenario = load_scenario(&args.scenario)?;
    let vars = plan::bind_vars(&scenario, &args.vars)?;
    let version = assumed_version(&scenario, version)?;
    let facts = ClusterFacts::assumed(version, scenario.cluster.provider.as_str());
    Plan::build(scenario, vars, facts)
}

fn report(diags: &Diagnostics, color: bool) -> i32 {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(diags.render(color).as_bytes());
    exit_code::INVALID
}
