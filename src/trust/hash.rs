//! The content hash of a lab, which consent is remembered by (like `direnv allow`): SHA-256 of
//! the scenario's text and of every file in its templates folder (a template may include any
//! other file there), each with its path inside the folder, and of the lab's own message
//! catalogues (`locales/<lang>/workshop.ftl` beside the scenario, which can reword what the tool
//! says). Any change to any of them asks again; the lab's own path does not count, so a moved or
//! copied lab stays trusted.

use std::path::Path;

use ring::digest::{Context, SHA256};

use crate::scenario::Scenario;
use crate::source::MAX_FILE_BYTES;

/// At most this many entries of a templates folder are read, and at most this many bytes in all;
/// what is beyond counts as one marker (so such a lab still hashes, and still changes its hash
/// when what was read changes).
const MAX_ENTRIES: usize = 5_000;
const MAX_TOTAL_BYTES: u64 = 64 * 1024 * 1024;
/// Deeper folders are not read.
const MAX_DEPTH: usize = 16;

/// `sha256:<64 hex digits>`.
pub fn lab_hash(scenario: &Scenario) -> String {
    let mut h = Context::new(&SHA256);
    let mut field = |tag: &str, bytes: &[u8]| {
        h.update(tag.as_bytes());
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field("workshop-lab-v2", b"");
    field("scenario", scenario.source.text.as_bytes());
    let mut budget = Budget {
        entries: MAX_ENTRIES,
        bytes: MAX_TOTAL_BYTES,
    };
    walk(&scenario.templates_dir, Path::new(""), 0, &mut budget, &mut field);
    if let Some(dir) = scenario.source.path.parent() {
        // A broken catalogue stops the run before consent is asked; here it counts as absent.
        for (lang, _, text) in crate::i18n::lab_sources(dir).unwrap_or_default() {
            field(&format!("locale:{lang}"), text.as_bytes());
        }
    }
    let digest = h.finish();
    let hex: String = digest.as_ref().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// What is left to read.
struct Budget {
    entries: usize,
    bytes: u64,
}

/// Every regular file under `dir` (sorted; hidden entries skipped; links followed only when they
/// stay inside), as its path relative to the templates folder and its bytes.
fn walk(dir: &Path, rel: &Path, depth: usize, budget: &mut Budget, field: &mut impl FnMut(&str, &[u8])) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let root = dir.canonicalize().ok();
    let mut names: Vec<_> = entries.filter_map(Result::ok).map(|e| e.file_name()).collect();
    names.sort();
    for name in names {
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if budget.entries == 0 || depth > MAX_DEPTH {
            field("too-many-entries", b"");
            return;
        }
        budget.entries -= 1;
        let path = dir.join(&name);
        let inside = match (path.canonicalize(), &root) {
            (Ok(real), Some(root)) => real.starts_with(root),
            _ => false,
        };
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if !inside {
            continue;
        }
        let rel = rel.join(&name);
        if meta.is_dir() {
            field("dir", rel.to_string_lossy().as_bytes());
            walk(&path, &rel, depth + 1, budget, field);
        } else if meta.is_file() && meta.len() <= MAX_FILE_BYTES && meta.len() <= budget.bytes {
            budget.bytes -= meta.len();
            field("file", rel.to_string_lossy().as_bytes());
            match std::fs::read(&path) {
                Ok(bytes) => field("bytes", &bytes),
                Err(_) => field("unreadable", b""),
            }
        } else if meta.is_file() {
            field("too-big", rel.to_string_lossy().as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lab(dir: &Path) -> Scenario {
        crate::app::load_scenario(&dir.join("lab.toml")).expect("the test lab is valid")
    }

    const LAB: &str = "[lab]\nid = \"t\"\ntitle = \"T\"\n\n[[steps]]\nid = \"a\"\ntitle = \"A\"\napply = { template = \"a.yaml.j2\" }\n";

    #[test]
    fn the_hash_follows_the_scenario_and_every_template_but_not_the_place() {
        let one = tempfile::tempdir().unwrap();
        std::fs::create_dir(one.path().join("templates")).unwrap();
        std::fs::write(one.path().join("lab.toml"), LAB).unwrap();
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: default\n";
        std::fs::write(one.path().join("templates/a.yaml.j2"), cm).unwrap();
        let first = lab_hash(&lab(one.path()));
        assert!(first.starts_with("sha256:") && first.len() == 7 + 64, "{first}");

        // The same content elsewhere: the same hash.
        let two = tempfile::tempdir().unwrap();
        std::fs::create_dir(two.path().join("templates")).unwrap();
        std::fs::write(two.path().join("lab.toml"), LAB).unwrap();
        std::fs::write(two.path().join("templates/a.yaml.j2"), cm).unwrap();
        assert_eq!(lab_hash(&lab(two.path())), first);

        // A hidden file (an editor's swap file) does not count.
        std::fs::write(two.path().join("templates/.a.yaml.j2.swp"), "x").unwrap();
        assert_eq!(lab_hash(&lab(two.path())), first);

        // A template the lab may include, its content, and the scenario all count.
        std::fs::write(two.path().join("templates/part.j2"), "x").unwrap();
        let with_part = lab_hash(&lab(two.path()));
        assert_ne!(with_part, first);
        std::fs::write(two.path().join("templates/part.j2"), "y").unwrap();
        assert_ne!(lab_hash(&lab(two.path())), with_part);
        std::fs::remove_file(two.path().join("templates/part.j2")).unwrap();
        assert_eq!(lab_hash(&lab(two.path())), first);
        // The lab's own message catalogue counts too: it can reword what the tool says.
        std::fs::create_dir_all(two.path().join("locales/es")).unwrap();
        std::fs::write(two.path().join("locales/es/workshop.ftl"), "run-passed = bien\n").unwrap();
        let with_words = lab_hash(&lab(two.path()));
        assert_ne!(with_words, first);
        std::fs::write(two.path().join("locales/es/workshop.ftl"), "run-passed = todo bien\n").unwrap();
        assert_ne!(lab_hash(&lab(two.path())), with_words);
        std::fs::remove_dir_all(two.path().join("locales")).unwrap();
        assert_eq!(lab_hash(&lab(two.path())), first);
        std::fs::write(two.path().join("lab.toml"), format!("{LAB}\n# a comment\n")).unwrap();
        assert_ne!(lab_hash(&lab(two.path())), first);
    }
}
