//! Where a run's output goes: the console reporter (fancy, plain or quiet), the `--events`
//! stream and the `--report` files, all fed by the same events through [`Tee`], behind the
//! [`Redact`] layer that masks secrets.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::redact::Secrets;

use super::super::event::Event;
use super::layers::{Quiet, Redact, Tee};
use super::ndjson::Ndjson;
use super::record::{RunInfo, RunRecord};
use super::{Reporter, fancy, junit, plain};

/// How a run reports: the console (quiet or not), an event stream, report files.
#[derive(Debug, Clone, Default)]
pub struct OutputOptions {
    /// Reports written when the run ends.
    pub reports: Vec<ReportSpec>,
    /// Only failures and the summary on the console.
    pub quiet: bool,
    /// Every event as a stream on stdout (the human output then goes to stderr).
    pub events: Option<EventsFormat>,
    /// Every event to a class server too (`--class`).
    pub class: Option<super::class::ClassReport>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventsFormat {
    /// One JSON object per line.
    Ndjson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Junit,
    Json,
}

impl ReportFormat {
    fn name(self) -> &'static str {
        match self {
            ReportFormat::Junit => "JUnit",
            ReportFormat::Json => "JSON",
        }
    }
}

/// One `--report FORMAT=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSpec {
    pub format: ReportFormat,
    pub path: PathBuf,
}

impl std::str::FromStr for ReportSpec {
    type Err = String;

    /// `junit=PATH` or `json=PATH`.
    fn from_str(s: &str) -> Result<ReportSpec, String> {
        parse_report(s)
    }
}

fn parse_report(s: &str) -> Result<ReportSpec, String> {
    let (format, path) = s
        .split_once('=')
        .ok_or_else(|| crate::t!("report-not-format-path", spec = s))?;
    let format = match format.trim() {
        "junit" => ReportFormat::Junit,
        "json" => ReportFormat::Json,
        other => return Err(crate::t!("report-unknown-format", format = other)),
    };
    if path.trim().is_empty() {
        return Err(crate::t!("report-needs-file"));
    }
    Ok(ReportSpec {
        format,
        path: PathBuf::from(path),
    })
}

impl OutputOptions {
    /// Checks that every report can be written, before anything starts: its folder exists.
    pub fn check(&self) -> Result<(), Diagnostics> {
        let mut diags = Diagnostics::default();
        for r in &self.reports {
            let parent = r.path.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(dir) = parent
                && !dir.is_dir()
            {
                diags.push(
                    Diagnostic::new(crate::t!(
                        "report-no-folder",
                        format = r.format.name(),
                        path = r.path.display().to_string(),
                        folder = dir.display().to_string()
                    ))
                    .hint(crate::t!("report-no-folder-hint", folder = dir.display().to_string())),
                );
            }
        }
        if diags.is_empty() { Ok(()) } else { Err(diags) }
    }

    /// The reporter chain for a run.
    pub fn reporter(&self, secrets: Secrets, info: RunInfo) -> Arc<dyn Reporter> {
        let streaming = self.events.is_some();
        // A terminal gets the live display, with or without colours (NO_COLOR, --color never
        // take the colours away, not the display); logs and pipes get timestamped lines.
        let live = !streaming && std::io::stdout().is_terminal();
        let console: Arc<dyn Reporter> = match (live, self.quiet) {
            (true, false) => Arc::new(fancy::Fancy::new()),
            (true, true) => Arc::new(Quiet(Arc::new(fancy::Fancy::new()))),
            (false, false) => Arc::new(plain::Plain::new(human_sink(streaming))),
            (false, true) => Arc::new(Quiet(Arc::new(plain::Plain::new(human_sink(streaming))))),
        };
        let mut all = Vec::new();
        if let Some(class) = &self.class {
            // First, so an announcement shows before the step it comes with.
            all.push(Arc::new(super::class::Class::new(
                class.clone(),
                info.steps.clone(),
                console.clone(),
            )) as Arc<dyn Reporter>);
        }
        all.push(console);
        if streaming {
            all.push(Arc::new(Ndjson::new(Box::new(std::io::stdout()))));
        }
        if !self.reports.is_empty() {
            all.push(Arc::new(Files {
                record: Mutex::new(RunRecord::new(&info)),
                reports: self.reports.clone(),
            }));
        }
        let inner: Arc<dyn Reporter> = if all.len() == 1 {
            all.remove(0)
        } else {
            Arc::new(Tee(all))
        };
        Arc::new(Redact { secrets, inner })
    }
}

fn human_sink(streaming: bool) -> Box<dyn std::io::Write + Send> {
    if streaming {
        Box::new(std::io::stderr())
    } else {
        Box::new(std::io::stdout())
    }
}

/// Builds the run's tree from the events and writes every report at `RunFinished` (which an
/// interrupted run emits too).
struct Files {
    record: Mutex<RunRecord>,
    reports: Vec<ReportSpec>,
}

impl Reporter for Files {
    fn event(&self, event: &Event) {
        let Ok(mut record) = self.record.lock() else { return };
        record.apply(event);
        if !matches!(event, Event::RunFinished { .. }) {
            return;
        }
        for r in &self.reports {
            let text = match r.format {
                ReportFormat::Junit => junit::render(&record),
                ReportFormat::Json => match serde_json::to_string_pretty(&*record) {
                    Ok(t) => t + "\n",
                    Err(e) => {
                        eprintln!(
                            "{} {}",
                            crate::t_builtin!("diag-error"),
                            crate::t!("report-cannot-encode", error = e.to_string())
                        );
                        continue;
                    }
                },
            };
            if let Err(e) = std::fs::write(&r.path, text) {
                eprintln!(
                    "{} {}",
                    crate::t_builtin!("diag-error"),
                    crate::t!(
                        "report-cannot-write",
                        format = r.format.name(),
                        path = r.path.display().to_string(),
                        error = crate::os_error::io(&e)
                    )
                );
            }
        }
    }

    fn println(&self, _line: &str) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_report_specs() {
        assert_eq!(
            parse_report("junit=out/r.xml").unwrap(),
            ReportSpec {
                format: ReportFormat::Junit,
                path: "out/r.xml".into()
            }
        );
        assert!(parse_report("xml=r.xml").unwrap_err().contains("junit or json"));
        assert!(parse_report("r.xml").is_err());
        assert!(parse_report("json=").is_err());
    }
}
