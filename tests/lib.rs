//! Integration tests: run the real `workshop` binary.

mod support;

mod can_fail;
mod class;
mod cli;
mod crash_matrix;
mod ecosystem;
mod error_messages;
mod export;
mod faults;
mod guided;
mod hints;
mod interrupt;
mod kubectl;
mod language;
mod language_class;
mod language_engine;
mod language_providers;
mod language_scenario;
mod loopback;
mod plan;
mod recovery;
mod rehearsal;
mod reliability;
mod run;
mod secrets;
mod security;
mod trust;
mod validate;
