//! The kubeconfig pointing at the rehearsal cluster.
//!
//! Depends on `error` only.

use std::net::SocketAddr;
use std::path::Path;

use crate::rehearsal::error::RehearsalError;

/// Name of the cluster, context and user in the kubeconfig.
pub const CONTEXT: &str = "workshop-rehearsal";

/// The kubeconfig text for a server at `addr` (plain HTTP, no credentials).
pub fn render(addr: SocketAddr) -> String {
    [
        "# workshop rehearsal cluster: an in-process stand-in for Kubernetes; no containers run.".to_string(),
        "apiVersion: v1".into(),
        "kind: Config".into(),
        "clusters:".into(),
        format!("- name: {CONTEXT}"),
        "  cluster:".into(),
        format!("    server: http://{addr}"),
        "contexts:".into(),
        format!("- name: {CONTEXT}"),
        "  context:".into(),
        format!("    cluster: {CONTEXT}"),
        format!("    user: {CONTEXT}"),
        "    namespace: default".into(),
        format!("current-context: {CONTEXT}"),
        "users:".into(),
        format!("- name: {CONTEXT}"),
        "  user: {}".into(),
        "preferences: {}".into(),
        String::new(),
    ]
    .join("\n")
}

/// Write the kubeconfig to `path`, creating parent directories.
pub fn write(path: &Path, addr: SocketAddr) -> Result<(), RehearsalError> {
    let err = |source| RehearsalError::Kubeconfig {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(err)?;
    }
    // Private to the user, as kubeconfigs are (`kubectl` warns about others).
    use std::io::Write as _;
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(err)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(err)?;
    file.write_all(render(addr).as_bytes()).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubeconfig_parses_with_kube() {
        let addr: SocketAddr = "127.0.0.1:6443".parse().expect("valid address");
        let text = render(addr);
        let kc = kube::config::Kubeconfig::from_yaml(&text).expect("valid kubeconfig");
        assert_eq!(kc.current_context.as_deref(), Some(CONTEXT));
        let cluster = kc.clusters[0].cluster.as_ref().and_then(|c| c.server.clone());
        assert_eq!(cluster.as_deref(), Some("http://127.0.0.1:6443"));
    }
}
