//! workshop: runs hands-on Kubernetes labs from declarative TOML scenarios.

pub mod rehearsal;

pub fn run() -> i32 {
    0
}
