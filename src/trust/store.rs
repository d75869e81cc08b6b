//! The labs this user trusted, by content hash: one line each (hash, lab id, path, when) in
//! `trusted-labs` in workshop's data folder: `$WORKSHOP_DATA_DIR` when set (tests use a temporary
//! folder), else `workshop/` under the user's data folder (`$XDG_DATA_HOME`, else
//! `~/.local/share`). The folder is created private to the user (0700) and the file 0600.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Overrides the folder the list of trusted labs is kept in.
pub const DATA_DIR_VAR: &str = "WORKSHOP_DATA_DIR";

/// The per-user list of trusted labs.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The user's store, when the user has a data folder.
    pub fn user() -> Option<Store> {
        let dir = match std::env::var_os(DATA_DIR_VAR) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => dirs::data_dir()?.join("workshop"),
        };
        Some(Store {
            path: dir.join("trusted-labs"),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lines(&self) -> Vec<String> {
        std::fs::read_to_string(&self.path)
            .map(|t| t.lines().map(str::to_owned).collect())
            .unwrap_or_default()
    }

    /// Whether the lab with this hash was trusted.
    pub fn contains(&self, hash: &str) -> bool {
        self.lines().iter().any(|l| l.split('\t').next() == Some(hash))
    }

    /// Remembers that the user trusts the lab with this hash (`lab` and `path` for the reader).
    pub fn remember(&self, hash: &str, lab: &str, path: &str) -> std::io::Result<()> {
        use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
        if self.contains(hash) {
            return Ok(());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(&self.path)?;
        let field = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        writeln!(
            file,
            "{hash}\t{}\t{}\t{}",
            field(lab),
            field(path),
            jiff::Timestamp::now()
        )
    }

    /// Forgets the lab with this hash; whether it was there.
    pub fn forget(&self, hash: &str) -> std::io::Result<bool> {
        let lines = self.lines();
        let kept: Vec<&String> = lines.iter().filter(|l| l.split('\t').next() != Some(hash)).collect();
        if kept.len() == lines.len() {
            return Ok(false);
        }
        let text: String = kept.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&self.path, text)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_and_forgets_privately() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store {
            path: dir.path().join("workshop").join("trusted-labs"),
        };
        assert!(!store.contains("sha256:ab"));
        store.remember("sha256:ab", "lab", "lab.toml").unwrap();
        store.remember("sha256:ab", "lab", "lab.toml").unwrap();
        store.remember("sha256:cd", "other", "o\nther.toml").unwrap();
        assert!(store.contains("sha256:ab") && store.contains("sha256:cd"));
        assert_eq!(std::fs::read_to_string(store.path()).unwrap().lines().count(), 2);
        let mode = std::fs::metadata(store.path()).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert!(store.forget("sha256:ab").unwrap());
        assert!(!store.contains("sha256:ab") && store.contains("sha256:cd"));
        assert!(!store.forget("sha256:ab").unwrap());
    }
}
