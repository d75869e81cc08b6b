//! workshop: runs hands-on Kubernetes labs from declarative TOML scenarios.

pub fn run() -> i32 {
    0
}
