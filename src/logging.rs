//! `-v`/`-vv`/`-vvv`: diagnostic logs on stderr through tracing. Without the flag nothing is
//! logged unless RUST_LOG asks for it, so the learner's output stays clean.

use tracing_subscriber::EnvFilter;

/// Installs the stderr log subscriber for the given `-v` count.
pub fn init(verbose: u8, color: bool) {
    let level = match verbose {
        0 => None,
        1 => Some("workshop=info"),
        2 => Some("workshop=debug,kube=info"),
        _ => Some("trace"),
    };
    let filter = match (level, std::env::var("RUST_LOG")) {
        (Some(l), _) => EnvFilter::new(l),
        (None, Ok(env)) if !env.trim().is_empty() => EnvFilter::new(env),
        (None, _) => return,
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(color)
        .with_target(verbose >= 2)
        .try_init();
}
