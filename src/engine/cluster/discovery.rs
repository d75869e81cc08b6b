//! Discovery as kubectl does it: every group-version the server lists is asked on its own, and
//! one that fails is remembered with its error instead of failing them all. A kind from a
//! failed group-version is then reported with that error, so a lab that needs the group still
//! fails clearly, and a lab that does not goes on.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResourceList;
use kube::Client;
use kube::core::{GroupVersionKind, Version};
use kube::discovery::ApiResource;

use super::plain_error;

/// A kind the server serves.
#[derive(Debug, Clone)]
pub struct Served {
    pub ar: ApiResource,
    pub namespaced: bool,
    /// From its group's preferred version.
    pub preferred: bool,
}

/// What discovery found.
#[derive(Debug, Clone, Default)]
pub struct Discovered {
    /// Core kinds first, then the groups in the server's order.
    pub served: Vec<Served>,
    /// Every group-version the server lists (`v1`, `apps/v1`, `policy/v1beta1`), answered or not.
    pub group_versions: Vec<String>,
    /// Group-versions whose resource list could not be read, with the error.
    pub failed: Vec<(String, String)>,
}

fn add(out: &mut Discovered, gv: &str, list: APIResourceList, preferred: bool) {
    let (group, version) = gv.split_once('/').unwrap_or(("", gv));
    for r in list.resources.iter().filter(|r| !r.name.contains('/')) {
        let gvk = GroupVersionKind::gvk(group, version, &r.kind);
        out.served.push(Served {
            ar: ApiResource::from_gvk_with_plural(&gvk, &r.name),
            namespaced: r.namespaced,
            preferred,
        });
    }
}

/// Asks the server for its group-versions, then each one for its kinds.
pub async fn run(client: &Client) -> Result<Discovered, kube::Error> {
    let core = client.list_core_api_versions().await?;
    let groups = client.list_api_groups().await?;
    let mut out = Discovered::default();
    for v in &core.versions {
        out.group_versions.push(v.clone());
        match client.list_core_api_resources(v).await {
            Ok(list) => add(&mut out, v, list, v == "v1"),
            Err(e) => out.failed.push((v.clone(), plain_error(&e))),
        }
    }
    for g in &groups.groups {
        let preferred = g.preferred_version.as_ref().map(|p| p.group_version.as_str());
        for v in &g.versions {
            let gv = &v.group_version;
            out.group_versions.push(gv.clone());
            match client.list_api_group_resources(gv).await {
                Ok(list) => add(&mut out, gv, list, preferred.is_none_or(|p| p == gv)),
                Err(e) => {
                    tracing::warn!("discovery of {gv} failed: {}", plain_error(&e));
                    out.failed.push((gv.clone(), plain_error(&e)));
                }
            }
        }
    }
    Ok(out)
}

impl Discovered {
    /// The served version of `kind` (already canonical, e.g. `StorageClass`). With an
    /// apiVersion, exactly that one. Without, a version of a group that serves the kind: the
    /// group's preferred version when the kind lives there, else the group's most stable version
    /// that has it (on Kubernetes 1.21–1.24 `policy/v1` is preferred, but PodSecurityPolicy
    /// lives only in `policy/v1beta1`). Between groups serving the same kind (Ingress in
    /// `extensions` and `networking.k8s.io` up to 1.21), a preferred version wins, then the more
    /// stable version, then discovery order.
    pub fn find(&self, kind: &str, api_version: Option<&str>) -> Option<&Served> {
        let mut of_kind = self.served.iter().filter(|s| s.ar.kind == kind);
        if let Some(v) = api_version {
            return of_kind.find(|s| s.ar.api_version == v);
        }
        let rank = |s: &Served| (s.preferred, Version::parse(&s.ar.version).priority());
        of_kind.fold(None, |best: Option<&Served>, s| match best {
            Some(b) if rank(b) >= rank(s) => Some(b),
            _ => Some(s),
        })
    }

    /// Why a kind may be missing: the failed group-versions that could hold it.
    pub fn failures_for(&self, api_version: Option<&str>) -> Vec<&(String, String)> {
        self.failed
            .iter()
            .filter(|(gv, _)| api_version.is_none_or(|v| v == gv))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::APIResource;

    fn list(kinds: &[(&str, &str, bool)]) -> APIResourceList {
        APIResourceList {
            group_version: String::new(),
            resources: kinds
                .iter()
                .map(|(name, kind, namespaced)| APIResource {
                    name: (*name).into(),
                    kind: (*kind).into(),
                    namespaced: *namespaced,
                    singular_name: String::new(),
                    verbs: vec!["get".into()],
                    ..Default::default()
                })
                .collect(),
        }
    }

    #[test]
    fn finds_the_preferred_version_and_skips_subresources() {
        let mut d = Discovered::default();
        add(
            &mut d,
            "autoscaling/v1",
            list(&[("horizontalpodautoscalers", "HorizontalPodAutoscaler", true)]),
            false,
        );
        add(
            &mut d,
            "autoscaling/v2",
            list(&[
                ("horizontalpodautoscalers", "HorizontalPodAutoscaler", true),
                ("horizontalpodautoscalers/status", "HorizontalPodAutoscaler", true),
            ]),
            true,
        );
        assert_eq!(d.served.len(), 2, "no subresources");
        let hpa = d.find("HorizontalPodAutoscaler", None).expect("served");
        assert_eq!(hpa.ar.api_version, "autoscaling/v2");
        let v1 = d
            .find("HorizontalPodAutoscaler", Some("autoscaling/v1"))
            .expect("served");
        assert_eq!(
            (v1.ar.plural.as_str(), v1.namespaced),
            ("horizontalpodautoscalers", true)
        );
        assert!(d.find("HorizontalPodAutoscaler", Some("autoscaling/v3")).is_none());
    }

    #[test]
    fn a_kind_outside_the_preferred_version_and_the_more_stable_group_win() {
        let mut d = Discovered::default();
        add(
            &mut d,
            "extensions/v1beta1",
            list(&[("ingresses", "Ingress", true)]),
            true,
        );
        add(
            &mut d,
            "networking.k8s.io/v1",
            list(&[("ingresses", "Ingress", true)]),
            true,
        );
        add(
            &mut d,
            "policy/v1",
            list(&[("poddisruptionbudgets", "PodDisruptionBudget", true)]),
            true,
        );
        add(
            &mut d,
            "policy/v1beta1",
            list(&[("podsecuritypolicies", "PodSecurityPolicy", false)]),
            false,
        );
        assert_eq!(
            d.find("Ingress", None).expect("served").ar.api_version,
            "networking.k8s.io/v1"
        );
        assert_eq!(
            d.find("PodSecurityPolicy", None).expect("served").ar.api_version,
            "policy/v1beta1"
        );
    }

    #[test]
    fn failures_are_kept_per_group_version() {
        let d = Discovered {
            failed: vec![("policy/v1beta1".into(), "injected 500 (500 InternalError)".into())],
            ..Default::default()
        };
        assert_eq!(d.failures_for(Some("policy/v1beta1")).len(), 1);
        assert!(d.failures_for(Some("apps/v1")).is_empty());
        assert_eq!(d.failures_for(None).len(), 1);
    }
}
