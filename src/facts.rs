//! `ClusterFacts`: what templates may know about the cluster (its Kubernetes version and the
//! API group/versions it serves), so a manifest can adapt to the cluster it lands on.

use serde::Serialize;

/// A Kubernetes version such as `v1.21.2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct KubeVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl KubeVersion {
    /// The version `validate` and `plan` assume when the scenario names none.
    pub const DEFAULT: KubeVersion = KubeVersion {
        major: 1,
        minor: 31,
        patch: 0,
    };

    /// Parses `1.21.2`, `v1.21.2`, `v1.31` or a server's `v1.31.0-gke.1`/`v1.31.0+k3s1`.
    pub fn parse(s: &str) -> Result<KubeVersion, String> {
        let t = s.trim().trim_start_matches('v');
        let core = t.split(['-', '+']).next().unwrap_or(t);
        let mut parts = core.split('.');
        let mut num = |what: &str| -> Result<Option<u32>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) => p
                    .parse()
                    .map(Some)
                    .map_err(|_| crate::t!("kube-version-part", version = s, part = what, text = p)),
            }
        };
        let major = num("major")?.ok_or_else(|| crate::t!("kube-version-invalid", version = s))?;
        let minor = num("minor")?.ok_or_else(|| crate::t!("kube-version-no-minor", version = s))?;
        let patch = num("patch")?.unwrap_or(0);
        if major != 1 {
            return Err(crate::t!("kube-version-major", version = s));
        }
        Ok(KubeVersion { major, minor, patch })
    }

    /// Whether a release of this version serves `group_version` for its built-in kinds.
    /// Used before a cluster exists; a live cluster's discovery replaces it.
    pub fn serves(&self, group_version: &str) -> bool {
        match group_version {
            // PodSecurityPolicy: removed in 1.25.
            "policy/v1beta1" => self.minor < 25,
            // Ingress and IngressClass in networking.k8s.io/v1 since 1.19.
            "networking.k8s.io/v1" => self.minor >= 19,
            "networking.k8s.io/v1beta1" | "extensions/v1beta1" => self.minor < 22,
            "policy/v1" => self.minor >= 21,
            "batch/v1beta1" => self.minor < 25,
            "autoscaling/v2" => self.minor >= 23,
            "storage.k8s.io/v1beta1" => self.minor < 27,
            "flowcontrol.apiserver.k8s.io/v1beta1" => self.minor < 26,
            _ => BASE_GROUP_VERSIONS.contains(&group_version),
        }
    }

    /// The group/versions a release of this version serves, from the table above.
    pub fn served_group_versions(&self) -> Vec<String> {
        let extra = [
            "policy/v1beta1",
            "networking.k8s.io/v1",
            "networking.k8s.io/v1beta1",
            "extensions/v1beta1",
            "policy/v1",
            "batch/v1beta1",
            "autoscaling/v2",
            "storage.k8s.io/v1beta1",
        ];
        BASE_GROUP_VERSIONS
            .iter()
            .chain(extra.iter())
            .filter(|gv| self.serves(gv))
            .map(|s| (*s).to_owned())
            .collect()
    }
}

/// Group/versions every supported release serves.
const BASE_GROUP_VERSIONS: &[&str] = &[
    "v1",
    "apps/v1",
    "batch/v1",
    "autoscaling/v1",
    "rbac.authorization.k8s.io/v1",
    "storage.k8s.io/v1",
    "apiextensions.k8s.io/v1",
    "scheduling.k8s.io/v1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "events.k8s.io/v1",
];

impl std::fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "v{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Facts about the cluster, given to templates as `cluster`.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterFacts {
    /// `v1.21.2`
    pub version: String,
    pub major: u32,
    pub minor: u32,
    /// `minikube`, `existing` or `rehearsal`.
    pub provider: String,
    /// The API group/versions served (`v1`, `apps/v1`, `policy/v1beta1`, …).
    pub api_versions: Vec<String>,
    /// True when the facts come from a live cluster's discovery, false when assumed from the
    /// scenario's `kubernetes-version`.
    pub live: bool,
}

impl ClusterFacts {
    /// Facts assumed from a version, before any cluster exists.
    pub fn assumed(version: KubeVersion, provider: &str) -> ClusterFacts {
        ClusterFacts {
            version: version.to_string(),
            major: version.major,
            minor: version.minor,
            provider: provider.to_owned(),
            api_versions: version.served_group_versions(),
            live: false,
        }
    }

    pub fn serves(&self, group_version: &str) -> bool {
        self.api_versions.iter().any(|gv| gv == group_version)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        assert_eq!(
            KubeVersion::parse("1.21.2").unwrap(),
            KubeVersion {
                major: 1,
                minor: 21,
                patch: 2
            }
        );
        assert_eq!(KubeVersion::parse("v1.31.0+k3s1").unwrap().minor, 31);
        assert_eq!(KubeVersion::parse("v1.30").unwrap().patch, 0);
        assert!(KubeVersion::parse("latest").is_err());
        assert!(KubeVersion::parse("2.0.0").is_err());
    }

    #[test]
    fn psp_only_below_1_25() {
        assert!(KubeVersion::parse("1.21.2").unwrap().serves("policy/v1beta1"));
        assert!(KubeVersion::parse("1.24.9").unwrap().serves("policy/v1beta1"));
        assert!(!KubeVersion::parse("1.25.0").unwrap().serves("policy/v1beta1"));
        let facts = ClusterFacts::assumed(KubeVersion::parse("1.31.0").unwrap(), "rehearsal");
        assert!(facts.serves("apps/v1"));
        assert!(!facts.serves("policy/v1beta1"));
    }
}
