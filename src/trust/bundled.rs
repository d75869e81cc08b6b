//! The labs shipped in `scenarios/`, trusted out of the box while their content is exactly what
//! was shipped: a copy that was changed (or a lab that only claims the same id) is asked about
//! like any other.
//!
//! When a bundled lab changes, review what it can do (`workshop plan`), then put its new hash
//! here: the test below fails with the line to write.

/// (scenario path in the repository, content hash).
pub const BUNDLED: &[(&str, &str)] = &[(
    "scenarios/day55.toml",
    "sha256:ba7b53bf8f089879f13a82e7c5c479404a7aa35fdae4179fb5bf2f1231257e2a",
)];

/// Whether a lab with this hash is one of the bundled labs, as shipped; its path if so.
pub fn bundled(hash: &str) -> Option<&'static str> {
    BUNDLED.iter().find(|(_, h)| *h == hash).map(|(path, _)| *path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails when a bundled lab (or one of its templates) changed without its hash: the message
    /// names the line to write into this file.
    #[test]
    fn the_bundled_hashes_are_those_of_the_shipped_labs() {
        for (path, hash) in BUNDLED {
            let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            let scenario = crate::app::load_scenario(&full).expect("a bundled lab is valid");
            let actual = super::super::hash::lab_hash(&scenario);
            assert_eq!(
                &actual, hash,
                "{path} changed. Review what it can do (`workshop plan {path}`), then set its entry in src/trust/bundled.rs to:\n    \"{actual}\","
            );
        }
    }
}
