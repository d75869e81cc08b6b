//! The registry of API resources the rehearsal cluster serves, version by version as a real API
//! server of the version it plays: which group versions exist, which is preferred, which kinds
//! live in which version (on 1.21–1.24 `policy/v1` is preferred and PodSecurityPolicy lives only
//! in `policy/v1beta1`), and which versions are deprecated. A kind served in several versions is
//! stored once, in its storage version; [`crate::rehearsal::convert`] translates.
//!
//! Depends on nothing in the rehearsal: it is the bottom layer every other module reads.

/// One served API resource (a REST collection such as `pods` or `deployments.apps`) in one
/// group version.
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
    /// Served from this minor version on.
    pub added_in_minor: u32,
    /// Served only when the cluster's minor version is below this one.
    pub removed_in_minor: Option<u32>,
    /// Deprecated from this minor version on: requests get a `Warning` header.
    pub deprecated_in_minor: Option<u32>,
    /// The group and version the objects are stored in (`networking.k8s.io`/`v1` for
    /// `extensions/v1beta1` ingresses).
    pub storage: (&'static str, &'static str),
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
        minor >= self.added_in_minor && self.removed_in_minor.is_none_or(|removed| minor < removed)
    }

    /// Whether objects are stored in this very group version (no conversion needed).
    pub fn is_storage(&self) -> bool {
        (self.group, self.version) == self.storage
    }

    /// The resource of the storage version, where the objects live.
    pub fn storage(&self) -> &'static Resource {
        RESOURCES
            .iter()
            .find(|r| (r.group, r.version) == self.storage && r.plural == self.plural)
            .expect("every resource's storage version is registered")
    }

    /// The `Warning` a real server sends with every request to this version, once deprecated.
    pub fn deprecation(&self, minor: u32) -> Option<String> {
        let since = self.deprecated_in_minor.filter(|since| minor >= *since)?;
        let mut text = format!("{} {} is deprecated in v1.{since}+", self.api_version(), self.kind);
        if let Some(removed) = self.removed_in_minor {
            text.push_str(&format!(", unavailable in v1.{removed}+"));
        }
        let replacement = RESOURCES
            .iter()
            .find(|r| r.kind == self.kind && r.is_storage() && r.deprecated_in_minor.is_none() && *r != self);
        if let Some(r) = replacement {
            text.push_str(&format!("; use {} {}", r.api_version(), r.kind));
        }
        Some(text)
    }

    const fn since(self, minor: u32) -> Self {
        Resource {
            added_in_minor: minor,
            ..self
        }
    }

    /// Deprecated in `deprecated`, removed in `removed`, stored in `storage`.
    const fn old(self, deprecated: u32, removed: u32, storage: (&'static str, &'static str)) -> Self {
        Resource {
            deprecated_in_minor: Some(deprecated),
            removed_in_minor: Some(removed),
            storage,
            ..self
        }
    }

    const fn with_status(self) -> Self {
        Resource { status: true, ..self }
    }

    const fn with_scale(self) -> Self {
        Resource {
            status: true,
            scale: true,
            ..self
        }
    }

    const fn in_all(self) -> Self {
        Resource {
            categories: ALL,
            ..self
        }
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
        added_in_minor: 0,
        removed_in_minor: None,
        deprecated_in_minor: None,
        storage: (group, version),
    }
}

const ALL: &[&str] = &["all"];
const NETWORKING_V1: (&str, &str) = ("networking.k8s.io", "v1");
const RBAC_V1: (&str, &str) = ("rbac.authorization.k8s.io", "v1");
const RBAC: &str = "rbac.authorization.k8s.io";

/// Every resource the rehearsal cluster knows. Groups come in the order of the real server's
/// group priorities (`apiVersionPriorities`: extensions right after the core group, then apps,
/// networking, policy, rbac, storage), and within a group the preferred version first; a kind's
/// storage version comes before its other versions.
pub static RESOURCES: &[Resource] = &[
    res("", "v1", "Pod", "pods", "pod", true, &["po"])
        .with_status()
        .in_all(),
    res("", "v1", "Service", "services", "service", true, &["svc"])
        .with_status()
        .in_all(),
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
    res(
        "",
        "v1",
        "PersistentVolumeClaim",
        "persistentvolumeclaims",
        "persistentvolumeclaim",
        true,
        &["pvc"],
    )
    .with_status(),
    res(
        "",
        "v1",
        "PersistentVolume",
        "persistentvolumes",
        "persistentvolume",
        false,
        &["pv"],
    )
    .with_status(),
    res("", "v1", "Namespace", "namespaces", "namespace", false, &["ns"]).with_status(),
    res("", "v1", "Node", "nodes", "node", false, &["no"]).with_status(),
    // extensions/v1beta1 kept only Ingress from 1.16 to 1.21.
    res(
        "extensions",
        "v1beta1",
        "Ingress",
        "ingresses",
        "ingress",
        true,
        &["ing"],
    )
    .with_status()
    .old(14, 22, NETWORKING_V1),
    res(
        "apps",
        "v1",
        "Deployment",
        "deployments",
        "deployment",
        true,
        &["deploy"],
    )
    .with_scale()
    .in_all(),
    res("apps", "v1", "ReplicaSet", "replicasets", "replicaset", true, &["rs"])
        .with_scale()
        .in_all(),
    res(
        "apps",
        "v1",
        "StatefulSet",
        "statefulsets",
        "statefulset",
        true,
        &["sts"],
    )
    .with_scale()
    .in_all(),
    res(
        "networking.k8s.io",
        "v1",
        "Ingress",
        "ingresses",
        "ingress",
        true,
        &["ing"],
    )
    .with_status(),
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
        "networking.k8s.io",
        "v1",
        "NetworkPolicy",
        "networkpolicies",
        "networkpolicy",
        true,
        &["netpol"],
    ),
    res(
        "networking.k8s.io",
        "v1beta1",
        "Ingress",
        "ingresses",
        "ingress",
        true,
        &["ing"],
    )
    .with_status()
    .old(19, 22, NETWORKING_V1),
    res(
        "networking.k8s.io",
        "v1beta1",
        "IngressClass",
        "ingressclasses",
        "ingressclass",
        false,
        &[],
    )
    .old(19, 22, NETWORKING_V1),
    res(
        "policy",
        "v1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        "poddisruptionbudget",
        true,
        &["pdb"],
    )
    .with_status()
    .since(21),
    res(
        "policy",
        "v1beta1",
        "PodDisruptionBudget",
        "poddisruptionbudgets",
        "poddisruptionbudget",
        true,
        &["pdb"],
    )
    .with_status()
    .old(21, 25, ("policy", "v1")),
    res(
        "policy",
        "v1beta1",
        "PodSecurityPolicy",
        "podsecuritypolicies",
        "podsecuritypolicy",
        false,
        &["psp"],
    )
    .old(21, 25, ("policy", "v1beta1")),
    res(RBAC, "v1", "ClusterRole", "clusterroles", "clusterrole", false, &[]),
    res(
        RBAC,
        "v1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        "clusterrolebinding",
        false,
        &[],
    ),
    res(RBAC, "v1", "Role", "roles", "role", true, &[]),
    res(RBAC, "v1", "RoleBinding", "rolebindings", "rolebinding", true, &[]),
    res(
        RBAC,
        "v1beta1",
        "ClusterRole",
        "clusterroles",
        "clusterrole",
        false,
        &[],
    )
    .old(17, 22, RBAC_V1),
    res(
        RBAC,
        "v1beta1",
        "ClusterRoleBinding",
        "clusterrolebindings",
        "clusterrolebinding",
        false,
        &[],
    )
    .old(17, 22, RBAC_V1),
    res(RBAC, "v1beta1", "Role", "roles", "role", true, &[]).old(17, 22, RBAC_V1),
    res(RBAC, "v1beta1", "RoleBinding", "rolebindings", "rolebinding", true, &[]).old(17, 22, RBAC_V1),
    res(
        "storage.k8s.io",
        "v1",
        "StorageClass",
        "storageclasses",
        "storageclass",
        false,
        &["sc"],
    ),
    res(
        "storage.k8s.io",
        "v1beta1",
        "StorageClass",
        "storageclasses",
        "storageclass",
        false,
        &["sc"],
    )
    .old(19, 22, ("storage.k8s.io", "v1")),
];

/// Look a resource up by group, version and plural, on a cluster of the given minor version.
pub fn lookup(group: &str, version: &str, plural: &str, minor: u32) -> Option<&'static Resource> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural && r.served_on(minor))
}

/// The storage resource of a kind (its objects, whatever version a client uses).
pub fn by_kind(group: &str, kind: &str) -> &'static Resource {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.kind == kind && r.is_storage())
        .expect("controllers only ask for registered kinds")
}

/// Every kind once, by its storage resource (for controllers that walk all objects).
pub fn storage_resources() -> impl Iterator<Item = &'static Resource> {
    RESOURCES.iter().filter(|r| r.is_storage())
}

/// Served group versions, for the given minor version: the core `v1` first, then the groups in
/// priority order, each with its preferred version first.
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

    /// Group versions per minor, as real API servers of those versions serve them (restricted
    /// to the groups of the kinds the rehearsal serves).
    #[test]
    fn group_versions_like_real_servers() {
        let gvs = |minor| -> Vec<String> {
            group_versions(minor)
                .into_iter()
                .map(|(g, v)| {
                    if g.is_empty() {
                        v.to_string()
                    } else {
                        format!("{g}/{v}")
                    }
                })
                .collect()
        };
        assert_eq!(
            gvs(21),
            [
                "v1",
                "extensions/v1beta1",
                "apps/v1",
                "networking.k8s.io/v1",
                "networking.k8s.io/v1beta1",
                "policy/v1",
                "policy/v1beta1",
                "rbac.authorization.k8s.io/v1",
                "rbac.authorization.k8s.io/v1beta1",
                "storage.k8s.io/v1",
                "storage.k8s.io/v1beta1",
            ]
        );
        let on_1_24 = [
            "v1",
            "apps/v1",
            "networking.k8s.io/v1",
            "policy/v1",
            "policy/v1beta1",
            "rbac.authorization.k8s.io/v1",
            "storage.k8s.io/v1",
        ];
        for minor in 22..=24 {
            assert_eq!(gvs(minor), on_1_24, "1.{minor}");
        }
        let current = [
            "v1",
            "apps/v1",
            "networking.k8s.io/v1",
            "policy/v1",
            "rbac.authorization.k8s.io/v1",
            "storage.k8s.io/v1",
        ];
        for minor in 25..=33 {
            assert_eq!(gvs(minor), current, "1.{minor}");
        }
        // 1.20: policy/v1 does not exist yet, so policy/v1beta1 is preferred.
        assert!(!gvs(20).contains(&"policy/v1".to_string()));
    }

    #[test]
    fn kinds_per_version_and_deprecations() {
        let kinds = |g: &str, v: &str, minor: u32| -> Vec<&str> {
            RESOURCES
                .iter()
                .filter(|r| r.group == g && r.version == v && r.served_on(minor))
                .map(|r| r.kind)
                .collect()
        };
        assert_eq!(kinds("policy", "v1", 21), ["PodDisruptionBudget"]);
        assert_eq!(
            kinds("policy", "v1beta1", 24),
            ["PodDisruptionBudget", "PodSecurityPolicy"]
        );
        let psp = lookup("policy", "v1beta1", "podsecuritypolicies", 21).expect("served");
        assert_eq!(
            psp.deprecation(21).as_deref(),
            Some("policy/v1beta1 PodSecurityPolicy is deprecated in v1.21+, unavailable in v1.25+")
        );
        assert_eq!(psp.deprecation(20), None);
        let ing = lookup("extensions", "v1beta1", "ingresses", 21).expect("served");
        assert_eq!(
            ing.deprecation(21).as_deref(),
            Some(
                "extensions/v1beta1 Ingress is deprecated in v1.14+, unavailable in v1.22+; use networking.k8s.io/v1 Ingress"
            )
        );
        assert_eq!(ing.storage().api_version(), "networking.k8s.io/v1");
        assert!(psp.is_storage());
        assert_eq!(by_kind("networking.k8s.io", "Ingress").version, "v1");
    }
}
