//! What a check that waited in vain for a named object may have meant: objects of the same kind
//! nearby — the same name in other namespaces, then the names closest to the wanted one in its
//! namespace (or among the kind's cluster-scoped objects). A lab whose node is `minikube` while
//! the check waits for `mc-demo`, or a pod made in `default` instead of `pacman`, says so.

use std::time::Duration;

use kube::Api;
use kube::api::{DynamicObject, ListParams};

use crate::engine::cluster::Connection;

use super::wait::Target;

/// How many similar objects an observation names at most.
pub const SHOWN: usize = 3;

/// How long the one list request may take; the check already failed, so this only adds words.
const LIST_TIMEOUT: Duration = Duration::from_secs(5);

/// An object of the wanted kind: its namespace (`None` when cluster-scoped) and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub namespace: Option<String>,
    pub name: String,
}

/// The objects of `target`'s kind that look like the one it names, as `kind ns/name` words
/// (`pod other/web, pod pacman/webb`, with `, …` when more were alike); `None` when nothing
/// is alike or the cluster cannot list them now.
pub async fn nearby(conn: &Connection, target: &Target, wanted: &str) -> Option<String> {
    let api: Api<DynamicObject> = Api::all_with(conn.client.clone(), &target.resolved.ar);
    let list = tokio::time::timeout(LIST_TIMEOUT, api.list(&ListParams::default()))
        .await
        .ok()?
        .ok()?;
    let candidates = list.items.into_iter().filter_map(|o| {
        Some(Candidate {
            name: o.metadata.name?,
            namespace: o.metadata.namespace,
        })
    });
    let namespace = target.namespace.as_deref().filter(|_| target.resolved.namespaced);
    let (shown, more) = rank(namespace, wanted, candidates);
    if shown.is_empty() {
        return None;
    }
    let kind = target.resolved.ar.kind.to_lowercase();
    let mut words: Vec<String> = shown
        .iter()
        .map(|c| match &c.namespace {
            Some(ns) => format!("{kind} {ns}/{}", c.name),
            None => format!("{kind} {}", c.name),
        })
        .collect();
    if more {
        words.push("…".into());
    }
    Some(words.join(", "))
}

/// Up to [`SHOWN`] candidates like `wanted` in `namespace` (`None`: cluster-scoped, or any
/// namespace), and whether more were alike. First the same name in other namespaces; then,
/// in the namespace, the names nearest by edit distance: all of them when the namespace holds
/// no more than [`SHOWN`] (a cluster's one node is what was meant), else those differing in at
/// most half their letters (a typo, a suffix).
pub fn rank(
    namespace: Option<&str>,
    wanted: &str,
    candidates: impl IntoIterator<Item = Candidate>,
) -> (Vec<Candidate>, bool) {
    let mut elsewhere = Vec::new();
    let mut here = Vec::new();
    for c in candidates {
        let in_scope = namespace.is_none() || c.namespace.as_deref() == namespace;
        if c.name == wanted && !in_scope {
            elsewhere.push(c);
        } else if in_scope && c.name != wanted {
            here.push((strsim::levenshtein(wanted, &c.name), c));
        }
    }
    elsewhere.sort_by(|a, b| a.namespace.cmp(&b.namespace));
    here.sort_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.name.cmp(&b.name)));
    if here.len() > SHOWN {
        here.retain(|(d, c)| *d * 2 <= wanted.chars().count().max(c.name.chars().count()));
    }
    let mut alike: Vec<Candidate> = elsewhere.into_iter().chain(here.into_iter().map(|(_, c)| c)).collect();
    let more = alike.len() > SHOWN;
    alike.truncate(SHOWN);
    (alike, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(ns: Option<&str>, name: &str) -> Candidate {
        Candidate {
            namespace: ns.map(str::to_owned),
            name: name.to_owned(),
        }
    }

    fn names(r: &(Vec<Candidate>, bool)) -> Vec<String> {
        r.0.iter()
            .map(|c| match &c.namespace {
                Some(ns) => format!("{ns}/{}", c.name),
                None => c.name.clone(),
            })
            .collect()
    }

    #[test]
    fn the_only_node_is_named_however_unlike() {
        let r = rank(None, "mc-demo", [c(None, "minikube")]);
        assert_eq!(names(&r), ["minikube"]);
        assert!(!r.1);
    }

    #[test]
    fn the_same_name_elsewhere_comes_first_then_near_names() {
        let objects = [
            c(Some("pacman"), "mongo-0"),
            c(Some("pacman"), "pacman-7d9"),
            c(Some("pacman"), "pacman-8x1"),
            c(Some("pacman"), "nginx"),
            c(Some("default"), "pacman"),
            c(Some("kube-system"), "coredns"),
        ];
        let r = rank(Some("pacman"), "pacman", objects);
        assert_eq!(names(&r), ["default/pacman", "pacman/pacman-7d9", "pacman/pacman-8x1"]);
        assert!(!r.1, "nginx and mongo-0 are not alike");
    }

    #[test]
    fn a_crowded_namespace_of_unlike_names_gives_nothing() {
        let objects = ["alpha", "bravo", "charlie", "delta"].map(|n| c(Some("web"), n));
        let r = rank(Some("web"), "pacman", objects);
        assert!(r.0.is_empty(), "{r:?}");
    }

    #[test]
    fn at_most_three_and_says_there_are_more() {
        let objects = ["web-1", "web-2", "web-3", "web-4", "other-thing"].map(|n| c(Some("ns"), n));
        let r = rank(Some("ns"), "web", objects);
        assert_eq!(names(&r), ["ns/web-1", "ns/web-2", "ns/web-3"]);
        assert!(r.1);
    }

    #[test]
    fn nothing_there_is_nothing_similar() {
        let r = rank(Some("ns"), "web", Vec::new());
        assert!(r.0.is_empty() && !r.1);
    }
}
