//! The process exit codes, one per outcome. Documented in README.md.

/// Every step passed (or the command succeeded).
pub const SUCCESS: i32 = 0;
/// A step failed (its action or one of its checks).
pub const STEP_FAILED: i32 = 1;
/// The scenario is invalid, or the command line is.
pub const INVALID: i32 = 2;
/// A prerequisite is missing: a binary such as `minikube`, or an unreachable cluster.
pub const MISSING_PREREQUISITE: i32 = 3;
/// The lab needs consent for what it does (programs, hosts, grants) and did not get it: no
/// terminal to ask and no `--trust`, or the answer was not yes. Nothing ran.
pub const REFUSED: i32 = 4;
/// Interrupted by Ctrl-C (SIGINT, 128 + 2), or stopped at a `--step` card with `q`.
pub const INTERRUPTED: i32 = 130;
/// Stopped by SIGTERM (128 + 15).
pub const TERMINATED: i32 = 143;
/// Stopped by SIGHUP, the terminal closing (128 + 1).
pub const HANGUP: i32 = 129;
