//! The edge: parses the command line, runs the subcommand, prints errors once for humans and
//! returns the exit code.

use std::io::{IsTerminal, Write};
use std::path::Path;

use clap::Parser;
use console::Style;

use crate::cli::{
    Cli, ClusterArgs, ColorChoice, Command, EventsArg, GuidedArgs, ListArgs, OutputArgs, PaceArg, PlanArgs, ResetArgs,
    RunArgs, ScenarioArgs, ServeArgs, TrustArgs, ValidateArgs,
};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::engine::report::class::ClassReport;
use crate::engine::report::{EventsFormat, OutputOptions};
use crate::engine::{GuidedOptions, ResetOptions, RunOptions, Target};
use crate::exit_code;
use crate::facts::{ClusterFacts, KubeVersion};
use crate::plan::{self, Plan, command, describe};
use crate::redact::Secrets;
use crate::scenario::{self, Scenario};
use crate::trust::Scope;

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

/// `workshop run`'s flags, in the engine's terms: the scenario read and validated, its
/// variables bound, the language picked.
fn run_options(args: RunArgs, color: bool, secrets: Secrets) -> Result<RunOptions, NotPrepared> {
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
enum NotPrepared {
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
    fn report(&self, color: bool) -> i32 {
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
fn reset_options(args: ResetArgs, color: bool, secrets: Secrets) -> Result<ResetOptions, NotPrepared> {
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
fn serve_options(args: ServeArgs) -> Result<crate::rehearsal::RehearsalOptions, Diagnostics> {
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

fn validate(args: &ValidateArgs, color: bool) -> i32 {
    let plan = match plan_offline(&args.scenario, args.kubernetes_version.as_deref()) {
        Ok(p) => p,
        Err(d) => return report(&d, color),
    };
    let s = &plan.scenario;
    let objects: usize = plan.manifests.values().map(Vec::len).sum();
    let green = Style::new().green().bold();
    println!(
        "{} {}",
        green.apply_to("✔"),
        crate::t!(
            "validate-ok",
            path = args.scenario.scenario.display().to_string(),
            lab = s.lab.id.as_str(),
            title = plan.text(&s.lab.title, &s.lab.languages[0], &plan.placeholder_captures()),
            steps = s.steps.len(),
            cleanup = s.cleanup.len(),
            templates = plan.manifests.len(),
            objects = objects,
            version = plan.facts.version.to_string()
        )
    );
    let yellow = Style::new().yellow().bold();
    for w in plan.convergence_warnings() {
        eprintln!("{} {w}", yellow.apply_to(crate::t!("warning-label")));
    }
    let secrets = Secrets::default();
    secrets.learn_plan(&plan);
    let block = capabilities_block(&plan, &args.scenario.scenario.display().to_string());
    print!("{}", secrets.mask(&block));
    exit_code::SUCCESS
}

/// What the lab can do, for `validate` and `plan`: `this lab:` and one line each, and whether
/// `run` asks before it runs it.
fn capabilities_block(plan: &Plan, path: &str) -> String {
    let caps = crate::trust::Capabilities::of(plan, path);
    let mut out = format!("{}\n", crate::t_builtin!("caps-this-lab"));
    for line in caps.lines() {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str(&format!("  {}\n", crate::trust::standing(plan, &caps)));
    out
}

/// `workshop trust`: shows what the lab can do and remembers (or forgets) its content.
fn trust_cmd(args: &TrustArgs, color: bool) -> i32 {
    let plan = match plan_offline(&args.scenario, None) {
        Ok(p) => p,
        Err(d) => return report(&d, color),
    };
    let path = args.scenario.scenario.display().to_string();
    let lab = plan.scenario.lab.id.clone();
    let hash = crate::trust::hash::lab_hash(&plan.scenario);
    let Some(store) = crate::trust::store::Store::user() else {
        return report(
            &Diagnostics(vec![
                Diagnostic::new(crate::t!("trust-no-data-folder-error")).hint(crate::t!("trust-no-data-folder-hint")),
            ]),
            color,
        );
    };
    let result = if args.revoke {
        store.forget(&hash).map(|was| match was {
            true => crate::t!("trust-revoked", lab = lab.as_str(), path = path.as_str()),
            false => crate::t!("trust-was-not-trusted", lab = lab.as_str(), path = path.as_str()),
        })
    } else {
        let secrets = Secrets::default();
        secrets.learn_plan(&plan);
        println!(
            "{}",
            crate::t!(
                "trust-content",
                lab = lab.as_str(),
                path = path.as_str(),
                hash = hash.to_string()
            )
        );
        for line in crate::trust::Capabilities::of(&plan, &path).lines() {
            println!("  {}", secrets.mask(&line));
        }
        store
            .remember(&hash, &lab, &path)
            .map(|()| crate::t!("trust-remembered", path = path.as_str()))
    };
    match result {
        Ok(line) => {
            println!("{line}");
            exit_code::SUCCESS
        }
        Err(e) => report(
            &Diagnostics(vec![
                Diagnostic::new(crate::t!(
                    "cannot-write-file",
                    path = store.path().display().to_string(),
                    error = crate::os_error::io(&e)
                ))
                .hint(crate::t!("cannot-write-file-hint")),
            ]),
            color,
        ),
    }
}

fn plan_cmd(args: &PlanArgs, color: bool, secrets: &Secrets) -> i32 {
    speak_asked(args.lang.as_deref());
    let plan = match plan_offline(&args.scenario, args.kubernetes_version.as_deref()) {
        Ok(p) => p,
        Err(d) => return report(&d, color),
    };
    let lang = match crate::language::pick(&plan.scenario.lab.languages, args.lang.as_deref())
        .and_then(|l| speak(&l, &args.scenario.scenario).map(|()| l))
    {
        Ok(l) => l,
        Err(d) => return report(&d, color),
    };
    secrets.learn_plan(&plan);
    let path = args.scenario.scenario.display().to_string();
    let text = format!(
        "{}{}",
        render_plan(&plan, &lang, args.explain, args.manifests),
        crate::wrap::to_terminal(&capabilities_block(&plan, &path))
    );
    print!("{}", secrets.mask(&text));
    exit_code::SUCCESS
}

/// The text `workshop plan` prints.
pub fn render_plan(plan: &Plan, lang: &str, explain: bool, manifests: bool) -> String {
    use std::fmt::Write as _;
    let s = &plan.scenario;
    let bold = Style::new().bold();
    let dim = Style::new().dim();
    let cyan = Style::new().cyan();
    let caps = plan.placeholder_captures();
    let mut out = String::new();
    let c = &s.cluster;
    let _ = writeln!(
        out,
        "{} {}",
        bold.apply_to(plan.text(&s.lab.title, lang, &caps)),
        dim.apply_to(format!("({})", s.lab.id))
    );
    if let Some(summary) = &s.lab.summary {
        let _ = writeln!(out, "{}", plan.text(summary, lang, &caps).trim());
    }
    let _ = writeln!(
        out,
        "{}",
        crate::t!(
            "plan-cluster",
            provider = c.provider.as_str(),
            profile = c.profile.to_string(),
            version = plan.facts.version.to_string(),
            live = if plan.facts.live { "live" } else { "assumed" }
        )
    );
    if !plan.vars.is_empty() {
        let vars: Vec<String> = (plan.vars.iter())
            .map(|(k, v)| match crate::redact::is_secret_name(k) {
                true => format!("{k}={}", crate::redact::MASK),
                false => format!("{k}={}", scenario::value::shown(&v.to_string())),
            })
            .collect();
        let _ = writeln!(out, "{}", crate::t!("plan-vars", vars = vars.join(" ")));
    }
    let _ = writeln!(out);
    for (group, steps) in [(String::new(), &s.steps), (crate::t!("plan-cleanup"), &s.cleanup)] {
        if steps.is_empty() {
            continue;
        }
        if !group.is_empty() {
            let _ = writeln!(out, "{}", bold.apply_to(group));
        }
        let width = steps.len().to_string().len();
        for (i, step) in steps.iter().enumerate() {
            let mut flags = Vec::new();
            if step.optional {
                flags.push(crate::t!("plan-flag-optional"));
            }
            if step.pause.is_some() {
                flags.push(crate::t!("plan-flag-pause"));
            }
            if step.action.is_background() {
                flags.push(crate::t!("plan-flag-background"));
            }
            if step.needs_real_cluster() {
                flags.push(crate::t!("plan-flag-real-cluster"));
            }
            let flags = if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(", "))
            };
            let _ = writeln!(
                out,
                "{:>width$}. {} {} {}{}",
                i + 1,
                bold.apply_to(step.id.as_str()),
                dim.apply_to("·"),
                plan.text(&step.title, lang, &caps),
                dim.apply_to(flags)
            );
            let pad = " ".repeat(width + 2);
            if explain && let Some(e) = &step.explain {
                // The step card's Markdown rendering: on a terminal, paragraphs re-flowed (and
                // wrapped below); piped, the author's line breaks.
                let reflow = crate::wrap::terminal_width().is_some();
                out.push_str(&crate::markdown::render(plan.text(e, lang, &caps).trim(), &pad, reflow));
            }
            for cmd in command::equivalent(plan, step, &caps) {
                let _ = writeln!(out, "{pad}{} {}", cyan.apply_to("$"), cmd);
            }
            for cap in step.captures.iter().filter(|c| c.when == scenario::CaptureWhen::Before) {
                let _ = writeln!(
                    out,
                    "{pad}{}",
                    crate::t!("plan-capture", what = describe::capture(plan, cap, &caps))
                );
            }
            for check in &step.checks {
                let _ = writeln!(
                    out,
                    "{pad}{} {}",
                    crate::t!("plan-check", what = describe::check(plan, check, &caps)),
                    dim.apply_to(crate::t!("plan-within", timeout = check.timeout.to_string()))
                );
            }
            for cap in step.captures.iter().filter(|c| c.when == scenario::CaptureWhen::After) {
                let _ = writeln!(
                    out,
                    "{pad}{}",
                    crate::t!("plan-capture", what = describe::capture(plan, cap, &caps))
                );
            }
            if !step.needs.is_empty() {
                let needs: Vec<&str> = step.needs.iter().map(|n| n.as_str()).collect();
                let _ = writeln!(
                    out,
                    "{pad}{}",
                    dim.apply_to(crate::t!("plan-needs", steps = needs.join(", ")))
                );
            }
        }
        let _ = writeln!(out);
    }
    // On a terminal, wrapped between words to its width (commands stay whole); the manifests
    // below are YAML and keep their lines.
    let mut out = crate::wrap::to_terminal(&out);
    if manifests {
        let mut names: Vec<&String> = plan.manifests.keys().collect();
        names.sort();
        for name in names {
            let _ = writeln!(
                out,
                "{}",
                bold.apply_to(crate::t!("plan-rendered", file = command::rendered_file_name(name)))
            );
            for m in plan.manifests_of(name) {
                let _ = writeln!(out, "---");
                let yaml = serde_norway::to_string(&crate::redact::object(&m.object)).unwrap_or_default();
                let _ = write!(out, "{yaml}");
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// A lab's title in its first language, rendered with the variables' defaults.
fn default_title(s: &Scenario) -> String {
    let vars = s.vars.iter().map(|v| (v.name.clone(), v.default.clone())).collect();
    let plan = Plan::for_prose(s.clone(), vars);
    plan.text(&s.lab.title, &s.lab.languages[0], &plan.placeholder_captures())
}

fn list(args: &ListArgs, color: bool) -> i32 {
    // `workshop new NAME` writes NAME.toml where it is asked: without a folder named, look in
    // scenarios/ when there is one, else here.
    let dir = match &args.dir {
        Some(d) => d.clone(),
        None if Path::new("scenarios").is_dir() => "scenarios".into(),
        None => ".".into(),
    };
    if let Err(e) = std::fs::read_dir(&dir) {
        let d = Diagnostic::new(crate::t!(
            "list-cannot-read",
            folder = dir.display().to_string(),
            error = crate::os_error::io(&e)
        ))
        .hint(crate::t!("list-cannot-read-hint"));
        return report(&Diagnostics(vec![d]), color);
    }
    let mut files = Vec::new();
    scenario_files(&dir, 0, &mut files);
    files.sort();
    if files.is_empty() {
        println!("{}", crate::t!("list-none", folder = dir.display().to_string()));
        return exit_code::SUCCESS;
    }
    let bold = Style::new().bold();
    let red = Style::new().red();
    for f in files {
        match load_scenario(&f) {
            Ok(s) => println!(
                "{:<12} {:<40} {:>3} {:<5}  {}",
                bold.apply_to(&s.lab.id),
                default_title(&s),
                s.steps.len(),
                crate::t!("list-steps", count = s.steps.len()),
                f.display()
            ),
            Err(d) => println!(
                "{:<12} {:<40} {}  {}",
                red.apply_to(crate::t!("list-invalid")),
                crate::t!("list-problems", count = d.len()),
                f.display(),
                crate::t!("list-validate", path = f.display().to_string())
            ),
        }
    }
    exit_code::SUCCESS
}

/// The scenario files under `dir` (three folders deep at most): `*.toml` files with a `[lab]`
/// table, skipping hidden folders, `templates/`, `locales/` and build output.
fn scenario_files(dir: &Path, depth: usize, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(Result::ok) {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            let skip =
                name.starts_with('.') || ["templates", "locales", "target", "node_modules"].contains(&name.as_str());
            if depth < 3 && !skip {
                scenario_files(&p, depth + 1, out);
            }
        } else if p.extension().is_some_and(|x| x == "toml")
            && std::fs::read_to_string(&p).is_ok_and(|t| t.lines().any(|l| l.trim() == "[lab]"))
        {
            out.push(p.strip_prefix("./").map(Path::to_path_buf).unwrap_or(p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
