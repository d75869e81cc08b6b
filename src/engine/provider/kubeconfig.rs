//! The `KUBECONFIG` a lab's own programs (`command` and `tunnel` steps) run with: the run's
//! cluster with the lab's context selected, never whatever the user's current context is.
//!
//! For the embedded rehearsal it is the cluster's private kubeconfig (mode 0600, removed when
//! the run ends). For minikube and an existing cluster it is a list: first a private file
//! (mode 0600, removed when the run ends) that says only `current-context: <the lab's>`, then
//! the kubeconfig files the run reads (`--kubeconfig`, else the user's `KUBECONFIG`, else
//! `~/.kube/config`). kubectl, client-go and kube-rs merge the list and take the first
//! `current-context`, so no credential is copied and a context switch elsewhere during the run
//! changes nothing for the lab. The rest of the environment is the user's.

use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The `KUBECONFIG` of a run's lab programs; a file it created is removed when it is dropped.
#[derive(Debug)]
pub struct LabKubeconfig {
    value: OsString,
    /// The private file selecting the context, removed on drop.
    selector: Option<tempfile::TempPath>,
}

impl LabKubeconfig {
    /// Kubeconfig files as they are: their current context is the lab's (the rehearsal's own
    /// file), or none can be told.
    pub fn files(files: &[PathBuf]) -> LabKubeconfig {
        LabKubeconfig {
            value: std::env::join_paths(files)
                .unwrap_or_else(|_| files.first().map(|f| f.as_os_str().to_owned()).unwrap_or_default()),
            selector: None,
        }
    }

    /// `files`, with `context` selected by a private file put first.
    pub fn select(context: &str, files: &[PathBuf]) -> std::io::Result<LabKubeconfig> {
        let mut file = tempfile::Builder::new()
            .prefix("workshop-context-")
            .suffix(".kubeconfig")
            .tempfile()?;
        // The context name as a YAML string: JSON's quoting is YAML's.
        let name = serde_json::to_string(context).map_err(std::io::Error::other)?;
        writeln!(
            file,
            "# workshop: selects the lab's context for its commands; removed when the run ends\napiVersion: v1\nkind: Config\ncurrent-context: {name}"
        )?;
        file.flush()?;
        let selector = file.into_temp_path();
        let paths = std::iter::once(selector.to_path_buf()).chain(files.iter().cloned());
        let value = std::env::join_paths(paths).map_err(std::io::Error::other)?;
        Ok(LabKubeconfig {
            value,
            selector: Some(selector),
        })
    }

    /// The value of `KUBECONFIG` for the lab's programs.
    pub fn value(&self) -> &OsStr {
        &self.value
    }

    /// The private file that selects the context, if one was made.
    pub fn selector(&self) -> Option<&Path> {
        self.selector.as_deref()
    }
}

/// The kubeconfig files kubectl reads when no `--kubeconfig` is given: those `KUBECONFIG` lists,
/// else `~/.kube/config`.
pub fn default_files() -> Vec<PathBuf> {
    let from_env: Vec<PathBuf> = std::env::var_os("KUBECONFIG")
        .map(|v| {
            std::env::split_paths(&v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default();
    if !from_env.is_empty() {
        return from_env;
    }
    std::env::home_dir()
        .map(|h| vec![h.join(".kube").join("config")])
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_selector_is_private_first_and_removed_when_dropped() {
        use std::os::unix::fs::PermissionsExt as _;
        let k = LabKubeconfig::select(
            "mc-demo: \"x\"",
            &[PathBuf::from("/a/config"), PathBuf::from("/b/config")],
        )
        .unwrap();
        let selector = k.selector().unwrap().to_owned();
        let parts: Vec<PathBuf> = std::env::split_paths(k.value()).collect();
        assert_eq!(parts, vec![selector.clone(), "/a/config".into(), "/b/config".into()]);
        let mode = std::fs::metadata(&selector).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let kc = kube::config::Kubeconfig::read_from(&selector).unwrap();
        assert_eq!(kc.current_context.as_deref(), Some("mc-demo: \"x\""));
        drop(k);
        assert!(!selector.exists());
    }
}
