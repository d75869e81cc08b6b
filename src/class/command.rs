//! `workshop class …`: the command-line side of class mode, as clap types and their runs.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::exit_code;

use super::client::ClassLink;

#[derive(Debug, Subcommand)]
pub enum ClassCommand {
    /// Start a class server: prints the board URL for the instructor and the line learners
    /// type to join. Everything is kept in a SQLite file (--data), so a restart loses nothing
    /// and the same --data reopens the class. Binds 127.0.0.1 unless told otherwise.
    #[command(disable_version_flag = true)]
    Serve(ServeArgs),
    /// The class board in the terminal, for instructors without a browser: URL is the board
    /// URL `class serve` printed (with its ?key=).
    #[command(disable_version_flag = true)]
    Board(BoardArgs),
    /// Post an announcement or a hint; every learner sees it in their terminal at their next step.
    #[command(disable_version_flag = true)]
    Announce(AnnounceArgs),
    /// Pull mode: run a lab's checks (never its actions) against every learner's cluster at
    /// once and show where each learner is and what fails; with --class, fill the board too.
    #[command(disable_version_flag = true)]
    Check(super::pull::CheckArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. Give 0.0.0.0:8080 to let learners on the network join.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The class's SQLite file: created for a new class, reopened for an existing one.
    #[arg(long, value_name = "PATH", default_value = "class.db")]
    pub data: PathBuf,

    /// The class's title on the board (a reopened class keeps its own unless given).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    /// Serve HTTPS with this certificate chain (PEM); needs --tls-key.
    #[arg(long, value_name = "PEM", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// The private key of --tls-cert (PEM).
    #[arg(long, value_name = "PEM", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// The URL learners reach this server at, for the printed lines (e.g. http://classroom:8080
    /// when listening on 0.0.0.0).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,

    /// The scenario learners run, for the printed join line.
    #[arg(long, value_name = "PATH")]
    pub scenario: Option<String>,

    /// The language of what this command prints and of the web board, whatever the browser
    /// asks: en, es, ES, es_ES, … (default: LANG here, and the browser's language on the board;
    /// docs/class.md).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct BoardArgs {
    /// The board URL `workshop class serve` printed: http://HOST:PORT/?key=KEY.
    pub url: String,

    /// The instructor key, when the URL has none.
    #[arg(long, value_name = "KEY", env = "WORKSHOP_CLASS_KEY")]
    pub key: Option<String>,

    /// Print the board once and exit (the default when standard output is not a terminal).
    #[arg(long)]
    pub once: bool,

    /// The language of workshop's words here: en, es, ES, es_ES, … (default: LANG;
    /// docs/languages.md).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Args)]
pub struct AnnounceArgs {
    /// The board URL `workshop class serve` printed: http://HOST:PORT/?key=KEY.
    pub url: String,

    /// What every learner reads.
    pub text: String,

    /// The instructor key, when the URL has none.
    #[arg(long, value_name = "KEY", env = "WORKSHOP_CLASS_KEY")]
    pub key: Option<String>,

    /// The language of workshop's words here: en, es, ES, es_ES, … (default: LANG;
    /// docs/languages.md).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
}

/// `--class URL --join CODE --name NAME` on `run` and `reset`.
#[derive(Debug, Args, Default, Clone)]
pub struct JoinArgs {
    /// Report this run to a class server (workshop class serve): the URL the instructor gave.
    /// The lab never fails or waits because of it; progress is sent later when it is away.
    #[arg(long = "class", value_name = "URL", requires_all = ["join", "name"])]
    pub class: Option<String>,

    /// The class's join code (with --class).
    #[arg(long, value_name = "CODE", requires = "class")]
    pub join: Option<String>,

    /// Your name on the class board (with --class).
    #[arg(long, value_name = "NAME", requires = "class")]
    pub name: Option<String>,
}

impl JoinArgs {
    /// The link to the class, when `--class` is given.
    pub fn link(&self) -> Option<ClassLink> {
        Some(ClassLink {
            url: self.class.clone()?,
            code: self.join.clone()?.trim().to_ascii_uppercase(),
            name: self.name.clone()?,
            dir: PathBuf::from(".workshop/class"),
        })
    }
}

/// Runs a `workshop class` subcommand; returns the exit code.
pub fn run(cmd: ClassCommand, color: bool) -> i32 {
    // The pull mode's `--lang` is the lab's language too: it is chosen with the lab.
    let asked = match &cmd {
        ClassCommand::Serve(a) => a.lang.as_deref(),
        ClassCommand::Board(a) => a.lang.as_deref(),
        ClassCommand::Announce(a) => a.lang.as_deref(),
        ClassCommand::Check(_) => None,
    };
    if let Err(d) = speak(asked) {
        eprint!("{}", d.render(color));
        return exit_code::INVALID;
    }
    match cmd {
        ClassCommand::Serve(a) => super::server::serve_command(
            super::server::ServeOptions {
                listen: a.listen,
                data: a.data,
                title: a.title,
                tls: a.tls_cert.zip(a.tls_key),
                public_url: a.public_url,
                scenario: a.scenario,
                lang_fixed: a.lang.is_some(),
            },
            color,
        ),
        ClassCommand::Board(a) => super::tui::board_command(&a, color),
        ClassCommand::Announce(a) => announce(&a, color),
        ClassCommand::Check(a) => super::pull::check_command(a, color),
    }
}

/// Speaks `--lang` (the locale's language stays when there is none). With no lab around, the
/// languages are workshop's own; one it does not speak is an error.
fn speak(asked: Option<&str>) -> Result<(), Diagnostics> {
    let Some(asked) = asked else { return Ok(()) };
    let langs = crate::i18n::languages(&[]);
    let found = crate::language::parse_tag(asked).and_then(|t| crate::language::best_match(&t, &langs));
    match found {
        Some(l) => crate::i18n::select(&[&l], None).map(|_| ()),
        None => Err(Diagnostics(vec![
            Diagnostic::new(crate::t!("class-lang-unknown", asked = asked))
                .expected(crate::t!("class-lang-unknown-expected", offered = langs.join(", "))),
        ])),
    }
}

/// The server and the instructor key from a board URL and `--key`, or the problem.
pub fn instructor(url: &str, key: Option<&str>) -> Result<(super::http::HttpClient, String), Diagnostics> {
    let (_, in_url) = super::http::split_key(url);
    let key = key.map(str::to_owned).or(in_url).ok_or_else(|| {
        Diagnostics(vec![
            Diagnostic::new(crate::t!("class-no-instructor-key", url = url))
                .hint(crate::t!("class-no-instructor-key-hint")),
        ])
    })?;
    let client = super::http::HttpClient::new(url).map_err(|e| Diagnostics(vec![Diagnostic::new(e.localized())]))?;
    Ok((client, key))
}

/// An error of the class server's HTTP API for the instructor, in the instructor's language,
/// with the server's hint when it gave one.
pub fn http_problem(e: &super::http::HttpError) -> Diagnostic {
    tracing::debug!("class server: {e}");
    let d = Diagnostic::new(e.localized());
    match e {
        super::http::HttpError::Status { hint: Some(h), .. } => d.hint(h.clone()),
        _ => d,
    }
}

/// The async runtime did not start: said, and the exit code.
pub fn no_runtime(e: &std::io::Error, color: bool) -> i32 {
    let d = Diagnostic::new(crate::t!("engine-runtime", error = crate::os_error::io(e)));
    eprint!("{}", d.render(color));
    exit_code::MISSING_PREREQUISITE
}

fn announce(a: &AnnounceArgs, color: bool) -> i32 {
    let (client, key) = match instructor(&a.url, a.key.as_deref()) {
        Ok(x) => x,
        Err(d) => {
            eprint!("{}", d.render(color));
            return exit_code::INVALID;
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return no_runtime(&e, color),
    };
    let body = super::protocol::Announce { text: a.text.clone() };
    let r: Result<super::protocol::Announcement, _> = rt.block_on(client.post("/api/announcements", Some(&key), &body));
    match r {
        Ok(_) => {
            println!("{}", crate::t!("class-announced"));
            exit_code::SUCCESS
        }
        Err(e) => {
            eprint!("{}", http_problem(&e).render(color));
            exit_code::MISSING_PREREQUISITE
        }
    }
}
