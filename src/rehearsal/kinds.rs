//! The registry of API resources the rehearsal cluster serves.

/// One served API resource (a REST collection such as `pods` or `deployments.apps`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Resource {
    /// API group; empty for the core group.
    pub group: &'static str,
    /// API version within the group.
    pub version: &'static str,
    /// Kind of the objects, e.g. `Pod`.
    pub kind: &'static str,
    /// Plural resource name used in URLs, e.g. `pods`.
    pub plural: &'static str,
    /// Singular name, e.g. `pod`.
    pub singular: &'static str,
    /// Whether the objects live in a namespace.
    pub namespaced: bool,
    /// kubectl short names.
    pub short_names: &'static [&'static str],
    /// Categories such as `all`.
    pub categories: &'static [&'static str],
    /// Whether a `status` subresource is served (and spec/status are separated).
    pub status: bool,
    /// Whether a `scale` subresource is served.
    pub scale: bool,
    /// Served only when the cluster's minor version is below this one.
    pub removed_in_minor: Option<u32>,
}

impl Resource {
    /// `apiVersion` of the objects, e.g. `apps/v1` or `v1`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `plural.group` as used in error messages (`deployments.apps`), or the plural for core.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }

    /// `Kind.group` as used in Invalid error messages.
    pub fn qualified_kind(&self) -> String {
        if self.group.is_empty() {
            self.kind.to_string()
        } else {
            format!("{}.{}", self.kind, self.group)
        }
    }

    /// Whether this resource is served on a cluster of the given minor version.
    pub fn served_on(&self, minor: u32) -> bool {
        self.removed_in_minor.is_none_or(|removed| minor < removed)
    }
}

const fn res(
    group: &'static str,
    version: &'static str,
    kind: &'static str,
    plural: &'static str,
    singular: &'static str,
    namespaced: bool,
    short_names: &'static [&'static str],
) -> Resource {
    Resource {
        group,
        version,
        kind,
        plural,
        singular,
        namespaced,
        short_names,
        categories: &[],
        status: false,
        scale: false,
        removed_in_minor: None,
    }
}

const ALL: &[&str] = &["all"];

/// Every resource the rehearsal cluster knows, in discovery order.
pub static RESOURCES: &[Resource] = &[
    Resource {
        categories: ALL,
        status: true,
        ..res("", "v1", "Pod", "pods", "pod", true, &["po"])
    },
    Resource {
        categories: ALL,
        status: true,
        ..res("", "v1", "Service", "services", "service", true, &["svc"])
    },
    res("", "v1", "Endpoints", "endpoints", "endpoints", true, &["ep"]),
    res("", "v1", "Secret", "secrets", "secret", true, &[]),
    res("", "v1", "ConfigMap", "configmaps", "configmap", true, &["cm"]),
    res(
        "",
        "v1",
        "ServiceAccount",
        "serviceaccounts",
        "serviceaccount",
        true,
        &["sa"],
    ),
    res("", "v1", "Event", "events", "event", true, &["ev"]),
    Resource {
        status: true,
        ..res(
            "",
            "v1",
            "PersistentVolumeClaim",
            "persistentvolumeclaims",
            "persistentvolumeclaim",
            true,
            &["pvc"],
        )
    },
    Resource {
        status: true,
        ..res(
            "",
            "v1",
            "PersistentVolume",
            "persistentvolumes",
            "persistentvolume",
            false,
            &["pv"],
        )
    },
    Resource {
        status: true,
        ..res("", "v1", "Namespace", "namespaces", "namespace", false, &["ns"])
    },
    Resource {
        status: true,
        ..res("", "v1", "Node", "nodes", "node", false, &["no"])
    },
    Resource {
        categories: ALL,
        status: true,
        scale: true,
        ..res(
            "apps",
            "v1",
            "Deployment",
            "deployments",
            "deployment",
            true,
            &["deploy"],
        )
    },
    Resource {
        categories: ALL,
        status: true,
        scale: true,
        ..res("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, &["rs"])
    },
    Resource {
        categories: ALL,
        status: true,
        scale: true,
        ..res(
            "apps",
            "v1",
            "StatefulSet",
            "statefulsets",
            "statefulset",
            true,
            &["sts"],
        )
    },
    res(
        "storage.k8s.io",
        "v1",
        "StorageClass",
        "storageclasses",
        "storageclass",
        false,
        &["sc"],
    ),
    Resource {
        status: true,
        ..res(
            "networking.k8s.io",
            "v1",
            "Ingress",
            "ingresses",
            "ingress",
            true,
            &["ing"],
        )
    },
    res(
        "networking.k8s.io",
        "v1",
        "IngressClass",
        "ingressclasses",
        "ingressclass",
        false,
        &[],
    ),
    res(
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRole",
        "clusterroles",
        "clusterrole",
        false,
        &[],
    ),
    res(
        "rbac.authorization.k8s.io",
        "v1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        "clusterrolebinding",
        false,
        &[],
    ),
    res("rbac.authorization.k8s.io", "v1", "Role", "roles", "role", true, &[]),
    res(
        "rbac.authorization.k8s.io",
        "v1",
        "RoleBinding",
        "rolebindings",
        "rolebinding",
        true,
        &[],
    ),
    Resource {
        removed_in_minor: Some(25),
        ..res(
            "policy",
            "v1beta1",
            "PodSecurityPolicy",
            "podsecuritypolicies",
            "podsecuritypolicy",
            false,
            &["psp"],
        )
    },
];

/// Look a resource up by group, version and plural, on a cluster of the given minor version.
pub fn lookup(group: &str, version: &str, plural: &str, minor: u32) -> Option<&'static Resource> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural && r.served_on(minor))
}

/// Look a resource up by group and kind (any version).
pub fn by_kind(group: &str, kind: &str) -> &'static Resource {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.kind == kind)
        .expect("controllers only ask for registered kinds")
}

/// Served group versions (`""`/`v1` first), for the given minor version.
pub fn group_versions(minor: u32) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    for r in RESOURCES.iter().filter(|r| r.served_on(minor)) {
        if !out.contains(&(r.group, r.version)) {
            out.push((r.group, r.version));
        }
    }
    out
}

/// A parsed Kubernetes version such as `v1.31.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubeVersion {
    /// Major version (always 1 in practice).
    pub major: u32,
    /// Minor version.
    pub minor: u32,
    /// Patch version.
    pub patch: u32,
}

impl KubeVersion {
    /// Parse `v1.31.0`, `1.21.2` or `v1.30`.
    pub fn parse(text: &str) -> Option<Self> {
        let trimmed = text.trim().trim_start_matches('v');
        let mut parts = trimmed.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let patch = match parts.next() {
            Some(p) => p.split(['-', '+']).next()?.parse().ok()?,
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(KubeVersion { major, minor, patch })
    }

    /// `v1.31.0` form.
    pub fn git_version(&self) -> String {
        format!("v{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        assert_eq!(KubeVersion::parse("v1.31.0").map(|v| v.minor), Some(31));
        assert_eq!(
            KubeVersion::parse("1.21.2").map(|v| v.git_version()),
            Some("v1.21.2".into())
        );
        assert_eq!(KubeVersion::parse("v1.30").map(|v| v.patch), Some(0));
        assert!(KubeVersion::parse("latest").is_none());
        assert!(KubeVersion::parse("1.2.3.4").is_none());
    }

    #[test]
    fn psp_only_below_125() {
        assert!(lookup("policy", "v1beta1", "podsecuritypolicies", 24).is_some());
        assert!(lookup("policy", "v1beta1", "podsecuritypolicies", 25).is_none());
        assert!(!group_versions(31).contains(&("policy", "v1beta1")));
        assert!(group_versions(21).contains(&("policy", "v1beta1")));
    }
}
