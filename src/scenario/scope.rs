//! Where a check, a capture or an action looks for objects: [`ObjectRef`] (the kind, the object
//! and its scope as written) and [`ScopeProblem`] (a scope that is missing or does not fit the
//! kind). `validate` reports these for built-in kinds; the run reports the same problems, in the
//! same words, for kinds it learns only from the cluster's discovery.

use super::expr::Expr;
use super::span::Span;

/// One object (by name), or a set picked by label selector, of one kind, as a check, capture or
/// action names it.
#[derive(Debug, Clone)]
pub struct ObjectRef<'a> {
    pub kind: &'a str,
    /// Where the kind is written (or, for checks with an implied kind, the object's name).
    pub at: Span,
    pub api_version: Option<&'a str>,
    pub name: Option<&'a Expr>,
    pub selector: Option<&'a Expr>,
    pub namespace: Option<&'a Expr>,
    pub all_namespaces: bool,
}

impl<'a> ObjectRef<'a> {
    /// A reference to a kind the check implies (`PersistentVolumeClaim` for `pvc-bound`).
    pub fn implied(kind: &'a str, name: &'a Expr, namespace: Option<&'a Expr>, all_namespaces: bool) -> Self {
        ObjectRef {
            kind,
            at: name.span.clone(),
            api_version: None,
            name: Some(name),
            selector: None,
            namespace,
            all_namespaces,
        }
    }

    /// What is wrong with the scope for a kind that is (or is not) namespaced.
    pub fn scope_problem(&self, namespaced: bool) -> Option<ScopeProblem> {
        match (namespaced, self.namespace.is_some(), self.all_namespaces) {
            (_, true, true) => Some(ScopeProblem::Both),
            (true, false, false) => Some(ScopeProblem::Missing),
            (false, true, _) => Some(ScopeProblem::NamespaceOnClusterKind),
            (false, _, true) => Some(ScopeProblem::AllNamespacesOnClusterKind),
            _ => None,
        }
    }
}

/// A scope that does not fit its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeProblem {
    /// A namespaced kind with neither `namespace` nor `all-namespaces = true`.
    Missing,
    /// Both `namespace` and `all-namespaces = true`.
    Both,
    /// A cluster-scoped kind with a `namespace`.
    NamespaceOnClusterKind,
    /// A cluster-scoped kind with `all-namespaces = true`.
    AllNamespacesOnClusterKind,
}

impl ScopeProblem {
    /// The problem, for `what` (one of the phrases in [`what`], such as "this check").
    pub fn message(self, kind: &str, what: &str) -> String {
        let what = what::shown(what);
        match self {
            ScopeProblem::Missing => crate::t!("scope-missing", kind = kind, what = what),
            ScopeProblem::Both => crate::t!("scope-both", what = what),
            ScopeProblem::NamespaceOnClusterKind => crate::t!("scope-namespace-on-cluster-kind", kind = kind),
            ScopeProblem::AllNamespacesOnClusterKind => crate::t!("scope-all-namespaces-on-cluster-kind", kind = kind),
        }
    }

    pub fn expected(self) -> String {
        match self {
            ScopeProblem::Missing | ScopeProblem::Both => crate::t!("scope-expected"),
            ScopeProblem::NamespaceOnClusterKind | ScopeProblem::AllNamespacesOnClusterKind => {
                crate::t!("scope-cluster-kind-expected")
            }
        }
    }

    pub fn hint(self) -> String {
        match self {
            ScopeProblem::Missing => crate::t!("scope-missing-hint"),
            ScopeProblem::Both => crate::t!("scope-both-hint"),
            ScopeProblem::NamespaceOnClusterKind => crate::t!("scope-namespace-on-cluster-kind-hint"),
            ScopeProblem::AllNamespacesOnClusterKind => crate::t!("scope-all-namespaces-on-cluster-kind-hint"),
        }
    }
}

/// What names an object, as scope messages call it: these phrases are what analysis passes as
/// `what` (and what [`object_refs`](super::analyze::object_refs) gives the plan stage), and
/// [`shown`] gives each in the learner's language. The engine passes its words already
/// translated (`what-this-check`), which [`shown`] leaves as they are.
pub mod what {
    pub const CHECK: &str = "this check";
    pub const CAPTURE: &str = "this capture";
    pub const PATCH: &str = "this patch";
    pub const DELETE: &str = "this delete";
    pub const SCALE: &str = "this scale";
    pub const ACTION: &str = "this step's action";

    /// `what` in the learner's language; a phrase not listed here as it is.
    pub fn shown(what: &str) -> String {
        match what {
            CHECK => crate::t!("what-this-check"),
            CAPTURE => crate::t!("what-this-capture"),
            PATCH => crate::t!("what-this-patch"),
            DELETE => crate::t!("what-this-delete"),
            SCALE => crate::t!("what-this-scale"),
            ACTION => crate::t!("what-this-action"),
            other => other.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(ns: Option<&Expr>, all: bool) -> ObjectRef<'_> {
        ObjectRef {
            kind: "Pod",
            at: Span::default(),
            api_version: None,
            name: None,
            selector: None,
            namespace: ns,
            all_namespaces: all,
        }
    }

    #[test]
    fn a_namespaced_kind_needs_exactly_one_scope() {
        let ns = Expr::new("pacman");
        assert_eq!(r(None, false).scope_problem(true), Some(ScopeProblem::Missing));
        assert_eq!(r(Some(&ns), true).scope_problem(true), Some(ScopeProblem::Both));
        assert_eq!(r(Some(&ns), false).scope_problem(true), None);
        assert_eq!(r(None, true).scope_problem(true), None);
    }

    #[test]
    fn a_cluster_scoped_kind_takes_no_scope() {
        let ns = Expr::new("pacman");
        assert_eq!(r(None, false).scope_problem(false), None);
        assert_eq!(
            r(Some(&ns), false).scope_problem(false),
            Some(ScopeProblem::NamespaceOnClusterKind)
        );
        assert_eq!(
            r(None, true).scope_problem(false),
            Some(ScopeProblem::AllNamespacesOnClusterKind)
        );
    }

    #[test]
    fn the_missing_scope_names_both_options() {
        let p = ScopeProblem::Missing;
        assert_eq!(
            p.message("Pod", "this check"),
            "`Pod` is namespaced, and this check does not say which namespace to look in"
        );
        assert!(p.hint().contains("namespace = ") && p.hint().contains("all-namespaces = true"));
    }
}
