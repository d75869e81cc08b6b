//! `workshop class serve`: the class server. It binds 127.0.0.1 unless told otherwise, serves
//! HTTPS with `--tls-cert`/`--tls-key`, keeps the class in SQLite (`--data`), prints the
//! board URL for the instructor and the line learners type to join, and runs until Ctrl-C.

pub mod api;
pub mod limits;
pub mod live;
pub mod state;
pub mod tls;
pub mod words;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::serve::ListenerExt;

use crate::exit_code;

use state::ClassState;

/// How to serve a class.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    /// The SQLite file: created for a new class, reopened for an existing one.
    pub data: PathBuf,
    /// The class's title (a reopened class keeps its own unless given).
    pub title: Option<String>,
    /// `--tls-cert` and `--tls-key`.
    pub tls: Option<(PathBuf, PathBuf)>,
    /// The URL learners reach the server at, when it differs from the listen address (a
    /// server on 0.0.0.0 behind a classroom's name).
    pub public_url: Option<String>,
    /// The scenario learners run, for the printed join line.
    pub scenario: Option<String>,
    /// `--lang`: the web board speaks the server's language whatever the browser asks
    /// ([`words::BoardWords`]).
    pub lang_fixed: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error(transparent)]
    Store(#[from] super::store::StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("{message}")]
    Tls { message: String, hint: String },
}

impl ServerError {
    /// The error for the instructor, in the instructor's language, with its hint (the
    /// `Display` text, for logs, stays English).
    pub fn diagnostic(&self) -> crate::diagnostic::Diagnostic {
        use super::store::StoreError;
        let (message, hint) = match self {
            ServerError::Bind { addr, source } => (
                crate::t!(
                    "class-serve-cannot-listen",
                    addr = addr.to_string(),
                    error = crate::os_error::io(source)
                ),
                crate::t!("class-serve-cannot-listen-hint", port = addr.port()),
            ),
            ServerError::Tls { message, hint } => (message.clone(), hint.clone()),
            ServerError::Store(e) => {
                let message = match e {
                    StoreError::Open { path, source } => crate::t!(
                        "class-store-cannot-open",
                        path = path.display().to_string(),
                        error = crate::os_error::cause(source)
                    ),
                    StoreError::Version { path, found } => crate::t!(
                        "class-store-version",
                        path = path.display().to_string(),
                        found = *found,
                        known = super::store::SCHEMA_VERSION
                    ),
                    StoreError::Sql(source) => {
                        crate::t!("class-store-failed", error = crate::os_error::cause(source))
                    }
                };
                (message, crate::t!("class-serve-data-hint"))
            }
        };
        crate::diagnostic::Diagnostic::new(message).hint(hint)
    }
}

/// A class server that runs.
pub struct Running {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:8080` (or the `--public-url`).
    pub url: String,
    pub state: Arc<ClassState>,
    pub reopened: bool,
    task: tokio::task::JoinHandle<()>,
    ticker: tokio::task::JoinHandle<()>,
}

impl Running {
    /// The board's URL with the instructor's key.
    pub fn board_url(&self) -> String {
        format!("{}/?key={}", self.url, self.state.class.key)
    }

    /// Stops serving (the database is closed when the last reference goes).
    pub fn stop(self) {
        self.task.abort();
        self.ticker.abort();
    }
}

/// Opens the class and starts serving it.
pub async fn start(opts: &ServeOptions) -> Result<Running, ServerError> {
    let tls = match &opts.tls {
        Some((cert, key)) => Some(tls::config(cert, key)?),
        None => None,
    };
    let opened = ClassState::open(&opts.data, opts.title.as_deref())?;
    let state = Arc::new(opened.state);
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|source| ServerError::Bind {
            addr: opts.listen,
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| ServerError::Bind {
        addr: opts.listen,
        source,
    })?;
    let words = Arc::new(words::BoardWords::new(&crate::i18n::current(), opts.lang_fixed));
    let app = api::router(state.clone(), words).into_make_service_with_connect_info::<SocketAddr>();
    let task = match tls {
        Some(config) => {
            let listener = tls::TlsListener::new(listener, config)
                .map_err(|source| ServerError::Bind {
                    addr: opts.listen,
                    source,
                })?
                .tap_io(|_| {});
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, app).await {
                    tracing::error!("class server stopped: {e}");
                }
            })
        }
        None => {
            let listener = listener.tap_io(|tcp| {
                let _ = tcp.set_nodelay(true);
            });
            tokio::spawn(async move {
                if let Err(e) = axum::serve(listener, app).await {
                    tracing::error!("class server stopped: {e}");
                }
            })
        }
    };
    let ticker = tokio::spawn(live::ticker(state.clone()));
    let scheme = if opts.tls.is_some() { "https" } else { "http" };
    let url = opts
        .public_url
        .clone()
        .map(|u| u.trim_end_matches('/').to_owned())
        .unwrap_or_else(|| format!("{scheme}://{addr}"));
    Ok(Running {
        addr,
        url,
        state,
        reopened: opened.reopened,
        task,
        ticker,
    })
}

/// What `class serve` prints at start.
pub fn banner(r: &Running, opts: &ServeOptions) -> String {
    let class = &r.state.class;
    let data = opts.data.display().to_string();
    let scenario = opts
        .scenario
        .clone()
        .unwrap_or_else(|| crate::t!("class-serve-scenario"));
    let opened = if r.reopened {
        crate::t!("class-serve-reopened", data = data, count = r.state.learner_count())
    } else {
        crate::t!("class-serve-new", data = data)
    };
    let (board, join) = (
        crate::t!("class-serve-board-label"),
        crate::t!("class-serve-join-label"),
    );
    let width = board.chars().count().max(join.chars().count()) + 2;
    let pad = |label: &str| format!("{label}{}", " ".repeat(width - label.chars().count()));
    let mut out = format!(
        "{}\n  {}{}\n  {}workshop run {scenario} --class {} --join {} --name {}\n",
        crate::t!("class-serve-open", title = class.title.as_str(), opened = opened),
        pad(&board),
        r.board_url(),
        pad(&join),
        r.url,
        class.code,
        crate::t!("class-serve-your-name"),
    );
    if opts.listen.ip().is_unspecified() && opts.public_url.is_none() {
        out.push_str(&format!("  {}\n", crate::t!("class-serve-every-address")));
    }
    out.push_str(&format!("{}\n", crate::t!("class-serve-stop")));
    out
}

/// `workshop class serve`: returns the exit code.
pub fn serve_command(opts: ServeOptions, color: bool) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return super::command::no_runtime(&e, color),
    };
    rt.block_on(async {
        let running = match start(&opts).await {
            Ok(r) => r,
            Err(e) => {
                tracing::debug!("class serve: {e}");
                eprint!("{}", e.diagnostic().render(color));
                return exit_code::MISSING_PREREQUISITE;
            }
        };
        print!("{}", banner(&running, &opts));
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending::<()>().await } } => {}
        }
        println!("{}", crate::t!("class-serve-stopped", data = opts.data.display().to_string()));
        running.stop();
        exit_code::SUCCESS
    })
}
