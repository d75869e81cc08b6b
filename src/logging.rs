//! `-v`/`-vv`/`-vvv`: diagnostic logs on stderr through tracing. Without the flag nothing is
//! logged unless RUST_LOG asks for it, so the learner's output stays clean. Every log line goes
//! through the run's redaction layer first ([`crate::redact::Secrets`]).

use std::io::Write;

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

use crate::redact::Secrets;

/// Installs the stderr log subscriber for the given `-v` count, masking with `secrets`.
pub fn init(verbose: u8, color: bool, secrets: Secrets) {
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
        .with_writer(Masked(secrets))
        .with_ansi(color)
        .with_target(verbose >= 2)
        .try_init();
}

/// Makes the writers of log events: stderr, with secret values masked.
struct Masked(Secrets);

impl<'a> MakeWriter<'a> for Masked {
    type Writer = MaskedLine;

    fn make_writer(&'a self) -> MaskedLine {
        MaskedLine {
            secrets: self.0.clone(),
            buf: Vec::new(),
        }
    }
}

/// One log event: collected, then masked and written to stderr whole when dropped (tracing's
/// formatter makes one writer per event).
struct MaskedLine {
    secrets: Secrets,
    buf: Vec<u8>,
}

impl Write for MaskedLine {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for MaskedLine {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.buf);
        let _ = std::io::stderr().lock().write_all(self.secrets.mask(&text).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_lines_are_masked() {
        let secrets = Secrets::default();
        secrets.add("hunter2hunter2");
        let made = Masked(secrets.clone());
        let mut w = made.make_writer();
        write!(w, "body: {{\"password\":\"hunter2hunter2\"}}").unwrap();
        let text = String::from_utf8_lossy(&w.buf).into_owned();
        assert_eq!(
            secrets.mask(&text),
            format!("body: {{\"password\":\"{}\"}}", crate::redact::MASK)
        );
    }
}
