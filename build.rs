//! Puts the git revision into `workshop --version` when the source is a git checkout; a tarball
//! (or a machine without git) gets the bare package version.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let version = match git(&["rev-parse", "--short", "HEAD"]) {
        Some(rev) => {
            // Rebuild when HEAD moves: HEAD itself (a checkout) and the branch it points to (a commit).
            if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
                println!("cargo:rerun-if-changed={head}");
            }
            if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"])
                && let Some(path) = git(&["rev-parse", "--git-path", &branch])
            {
                println!("cargo:rerun-if-changed={path}");
            }
            format!("{version} ({rev})")
        }
        None => version,
    };
    println!("cargo:rustc-env=WORKSHOP_VERSION={version}");
}
