//! workshop: runs hands-on Kubernetes labs from declarative TOML scenarios.
//!
//! The data flow, one module per stage: a scenario file → [`scenario::load`] (parsed model) →
//! [`scenario::analyze`] (validated [`scenario::Scenario`]) → [`plan`] (variables bound,
//! templates rendered) → [`engine`] runs the steps and their checks → a report.

pub mod actions;
pub mod app;
pub mod checks;
pub mod class;
pub mod cli;
pub mod diagnostic;
pub mod doctor;
pub mod engine;
pub mod exit_code;
pub mod export;
pub mod facts;
pub mod i18n;
pub mod kinds;
pub mod language;
pub mod logging;
pub mod markdown;
pub mod os_error;
pub mod plan;
pub mod redact;
pub mod rehearsal;
pub mod scaffold;
pub mod scenario;
pub mod source;
pub mod template;
pub mod trust;
pub mod wrap;

pub use app::run;

/// `workshop --version`: the package version and, from a git checkout, the short revision.
pub const VERSION: &str = env!("WORKSHOP_VERSION");
