//! The engine: runs a plan's steps against a cluster and checks every outcome.

use crate::cli::{RunArgs, ServeArgs};
use crate::exit_code;

/// `workshop run`.
pub fn run_command(_args: RunArgs, _color: bool) -> i32 {
    eprintln!("error: `workshop run` is being built; use `workshop validate` and `workshop plan` for now");
    exit_code::INVALID
}

/// `workshop rehearsal serve`.
pub fn serve_rehearsal(_args: ServeArgs) -> i32 {
    eprintln!("error: the rehearsal cluster is being built");
    exit_code::INVALID
}
