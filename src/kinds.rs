//! Built-in Kubernetes kinds the front end knows before any cluster answers discovery: to check
//! that a scenario names real kinds, and to print the `kubectl` command a learner would type.

/// One built-in kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownKind {
    pub kind: &'static str,
    /// `v1`, `apps/v1`, …
    pub api_version: &'static str,
    /// The plural resource name (`storageclasses`).
    pub plural: &'static str,
    pub short: &'static [&'static str],
    pub namespaced: bool,
}

const fn k(
    kind: &'static str,
    api_version: &'static str,
    plural: &'static str,
    short: &'static [&'static str],
    namespaced: bool,
) -> KnownKind {
    KnownKind {
        kind,
        api_version,
        plural,
        short,
        namespaced,
    }
}

pub const KNOWN_KINDS: &[KnownKind] = &[
    k("Namespace", "v1", "namespaces", &["ns"], false),
    k("Node", "v1", "nodes", &["no"], false),
    k("Pod", "v1", "pods", &["po"], true),
    k("Service", "v1", "services", &["svc"], true),
    k("Endpoints", "v1", "endpoints", &["ep"], true),
    k("Secret", "v1", "secrets", &[], true),
    k("ConfigMap", "v1", "configmaps", &["cm"], true),
    k("ServiceAccount", "v1", "serviceaccounts", &["sa"], true),
    k("Event", "v1", "events", &["ev"], true),
    k("PersistentVolume", "v1", "persistentvolumes", &["pv"], false),
    k("PersistentVolumeClaim", "v1", "persistentvolumeclaims", &["pvc"], true),
    k("Deployment", "apps/v1", "deployments", &["deploy"], true),
    k("ReplicaSet", "apps/v1", "replicasets", &["rs"], true),
    k("StatefulSet", "apps/v1", "statefulsets", &["sts"], true),
    k("DaemonSet", "apps/v1", "daemonsets", &["ds"], true),
    k("Job", "batch/v1", "jobs", &[], true),
    k("CronJob", "batch/v1", "cronjobs", &["cj"], true),
    k("StorageClass", "storage.k8s.io/v1", "storageclasses", &["sc"], false),
    k("Ingress", "networking.k8s.io/v1", "ingresses", &["ing"], true),
    k("IngressClass", "networking.k8s.io/v1", "ingressclasses", &[], false),
    k(
        "NetworkPolicy",
        "networking.k8s.io/v1",
        "networkpolicies",
        &["netpol"],
        true,
    ),
    k(
        "ClusterRole",
        "rbac.authorization.k8s.io/v1",
        "clusterroles",
        &[],
        false,
    ),
    k(
        "ClusterRoleBinding",
        "rbac.authorization.k8s.io/v1",
        "clusterrolebindings",
        &[],
        false,
    ),
    k("Role", "rbac.authorization.k8s.io/v1", "roles", &[], true),
    k("RoleBinding", "rbac.authorization.k8s.io/v1", "rolebindings", &[], true),
    k(
        "PodSecurityPolicy",
        "policy/v1beta1",
        "podsecuritypolicies",
        &["psp"],
        false,
    ),
    k(
        "PodDisruptionBudget",
        "policy/v1",
        "poddisruptionbudgets",
        &["pdb"],
        true,
    ),
    k(
        "HorizontalPodAutoscaler",
        "autoscaling/v2",
        "horizontalpodautoscalers",
        &["hpa"],
        true,
    ),
    k(
        "VolumeSnapshotClass",
        "snapshot.storage.k8s.io/v1",
        "volumesnapshotclasses",
        &["vsclass"],
        false,
    ),
    k(
        "VolumeSnapshot",
        "snapshot.storage.k8s.io/v1",
        "volumesnapshots",
        &["vs"],
        true,
    ),
];

/// kubectl's `all` category.
pub const ALL_CATEGORY: &[&str] = &["Pod", "Service", "Deployment", "ReplicaSet", "StatefulSet"];

/// Finds a kind by its kind name (`StorageClass`, case-insensitive), plural, singular or
/// short name (`sc`), the way kubectl accepts them.
pub fn lookup(name: &str) -> Option<&'static KnownKind> {
    let n = name.to_ascii_lowercase();
    KNOWN_KINDS
        .iter()
        .find(|k| k.kind.eq_ignore_ascii_case(&n) || k.plural == n || k.short.contains(&n.as_str()))
}

/// The kind names, for "expected one of" messages.
pub fn kind_names() -> Vec<&'static str> {
    KNOWN_KINDS.iter().map(|k| k.kind).collect()
}

/// The lowercase name kubectl shows for a kind (`storageclass`).
pub fn kubectl_name(kind: &str) -> String {
    kind.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_kinds_by_any_name() {
        assert_eq!(lookup("sc").unwrap().kind, "StorageClass");
        assert_eq!(lookup("storageclass").unwrap().kind, "StorageClass");
        assert_eq!(lookup("StorageClasses").unwrap().kind, "StorageClass");
        assert_eq!(lookup("pvc").unwrap().kind, "PersistentVolumeClaim");
        assert!(lookup("Frobnicator").is_none());
    }
}
