//! What a step changes and what a check looks at, in the plan's terms, so that a re-run knows
//! which earlier checks should still hold:
//!
//! - a check's [`Nature`]: a *state* check holds from its step on, until a later step changes
//!   what it looks at; a *moment* check was true when its step ran (`recreated`; `absent` of an
//!   object a later step of the lab creates). Authors can say it (`nature = "moment"`).
//! - [`Plan::superseded_by`]: the later step that changed what a check looks at on purpose
//!   (`scale-pacman` changes the pods `create-pacman` counted), so `--resume` does not flag it
//!   and `--converge` does not expect it.
//! - [`Plan::convergence_warnings`]: state checks that can never hold again once a later step
//!   ran, for `validate`.
//!
//! Changes are known for the actions that name their objects (create, apply, patch, delete,
//! scale, addons). A `command` or `exec` step is not known to change anything.

use std::collections::HashMap;

use crate::kinds;
use crate::scenario::action::Action;
use crate::scenario::analyze::json_of;
use crate::scenario::{Check, CheckKind, Expr, Nature, Step};

use super::{Captures, Plan};

/// Objects of one kind: one by name, or all of them, in one namespace or any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Objects {
    /// The kind as the API names it (`Pod`); `None`: any kind.
    pub kind: Option<String>,
    /// `None`: any namespace (or a cluster-scoped kind).
    pub namespace: Option<String>,
    /// `None`: every object.
    pub name: Option<String>,
}

impl Objects {
    fn of(kind: &str, namespace: Option<String>, name: Option<String>) -> Objects {
        Objects {
            kind: Some(canonical(kind)),
            namespace,
            name,
        }
    }

    /// True when some object could be in both sets.
    pub fn overlaps(&self, other: &Objects) -> bool {
        let same = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        same(&self.kind, &other.kind) && same(&self.namespace, &other.namespace) && same(&self.name, &other.name)
    }
}

/// The kind as the API names it: `pvc` → `PersistentVolumeClaim`.
fn canonical(kind: &str) -> String {
    kinds::lookup(kind).map_or_else(|| kind.to_owned(), |k| k.kind.to_owned())
}

/// Kinds whose controller owns pods (and, for a StatefulSet, claims).
fn owns_pods(kind: &str) -> bool {
    matches!(
        canonical(kind).as_str(),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob"
    )
}

/// A set that stands for anything at all (a step whose changes are not known in detail).
const ANYTHING: Objects = Objects {
    kind: None,
    namespace: None,
    name: None,
};

impl Plan {
    fn rendered(&self, e: Option<&Expr>, caps: &Captures) -> Option<String> {
        self.render_opt(e, caps).ok().flatten()
    }

    /// What `step`'s action changes on purpose. A workload's pods change with it; a deleted
    /// namespace takes everything in it.
    pub fn changes(&self, step: &Step, caps: &Captures) -> Vec<Objects> {
        let mut out = Vec::new();
        let with_dependents = |out: &mut Vec<Objects>, kind: &str, namespace: Option<String>, name: Option<String>| {
            if owns_pods(kind) {
                out.push(Objects::of("Pod", namespace.clone(), None));
                out.push(Objects::of("ReplicaSet", namespace.clone(), None));
                out.push(Objects::of("PersistentVolumeClaim", namespace.clone(), None));
            }
            match canonical(kind).as_str() {
                "PersistentVolumeClaim" => out.push(Objects::of("PersistentVolume", None, None)),
                // A pod's owner counts and rolls out its pods.
                "Pod" => {
                    for owner in ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"] {
                        out.push(Objects::of(owner, namespace.clone(), None));
                    }
                }
                _ => {}
            }
            out.push(Objects::of(kind, namespace, name));
        };
        match &step.action {
            Action::Create(m) | Action::Apply(m) => {
                for doc in self.manifests_of(m.template.get_ref()) {
                    with_dependents(&mut out, &doc.kind, doc.namespace.clone(), Some(doc.name.clone()));
                }
            }
            Action::Patch(_) | Action::Delete(_) | Action::Scale(_) => {
                let Some(r) = step.action.object_ref() else {
                    return out;
                };
                let name = self.rendered(r.name, caps);
                let namespace = if r.all_namespaces {
                    None
                } else {
                    self.rendered(r.namespace, caps)
                };
                if matches!(step.action, Action::Delete(_)) && canonical(r.kind) == "Namespace" {
                    out.push(Objects {
                        kind: None,
                        namespace: name.clone(),
                        name: None,
                    });
                }
                with_dependents(&mut out, r.kind, namespace, name);
            }
            // minikube addons add and remove StorageClasses (csi-hostpath-driver,
            // default-storageclass) and ingress classes.
            Action::EnableAddon(_) | Action::DisableAddon(_) => {
                out.push(Objects::of("StorageClass", None, None));
                out.push(Objects::of("IngressClass", None, None));
            }
            // A new cluster: everything is new.
            Action::StartCluster(_) => out.push(ANYTHING),
            Action::Get(_)
            | Action::PortForward(_)
            | Action::Http(_)
            | Action::Exec(_)
            | Action::Tunnel(_)
            | Action::Command(_)
            | Action::Note(_) => {}
        }
        out
    }

    /// What `check` looks at (nothing for `http`, which asks a process, not the cluster).
    pub fn observes(&self, check: &Check, caps: &Captures) -> Vec<Objects> {
        let Some(r) = check.kind.object_ref() else {
            return Vec::new();
        };
        let namespace = if r.all_namespaces {
            None
        } else {
            self.rendered(r.namespace, caps)
        };
        let name = match &check.kind {
            // Which class is the default is a fact about every StorageClass.
            CheckKind::DefaultStorageClass(_) | CheckKind::Count(_) => None,
            _ => self.rendered(r.name, caps),
        };
        vec![Objects::of(r.kind, namespace, name)]
    }

    /// The check's nature: as written, else inferred. `recreated` describes a moment; so does
    /// `absent` of an object that a later step of the lab creates.
    pub fn nature(&self, step: &Step, check: &Check) -> Nature {
        if let Some(n) = check.nature {
            return n;
        }
        match &check.kind {
            CheckKind::Recreated(_) => Nature::Moment,
            CheckKind::Absent(_) if self.created_later(step, check).is_some() => Nature::Moment,
            _ => Nature::State,
        }
    }

    /// The first later step of the lab that creates (or applies) what an `absent` check looks at.
    fn created_later(&self, step: &Step, check: &Check) -> Option<&Step> {
        let caps = self.placeholder_captures();
        let seen = self.observes(check, &caps);
        self.steps_after(step).find(|later| {
            matches!(later.action, Action::Create(_) | Action::Apply(_))
                && self
                    .changes(later, &caps)
                    .iter()
                    .any(|c| c.name.is_some() && seen.iter().any(|s| s.overlaps(c)))
        })
    }

    /// The lab's steps after `step` (none for a cleanup step).
    pub fn steps_after<'a>(&'a self, step: &Step) -> impl Iterator<Item = &'a Step> + 'a {
        let steps = &self.scenario.steps;
        let from = steps
            .iter()
            .position(|s| s.id == step.id)
            .map_or(steps.len(), |i| i + 1);
        steps[from..].iter()
    }

    /// The first of `later` (steps that ran after the check's step) that changed what `check`
    /// looks at.
    pub fn superseded_by<'s>(
        &self,
        check: &Check,
        later: impl IntoIterator<Item = &'s Step>,
        caps: &Captures,
    ) -> Option<&'s Step> {
        let seen = self.observes(check, caps);
        if seen.is_empty() {
            return None;
        }
        later
            .into_iter()
            .find(|s| self.changes(s, caps).iter().any(|c| seen.iter().any(|o| o.overlaps(c))))
    }

    /// State checks that can never hold again once a later step of the lab ran: that step's
    /// own check expects something else of the same objects (`1 Ready pod` then `10 Ready
    /// pods`), or it creates what the check expects absent. `--converge` on a lab that ran to
    /// the end would never find them "already done".
    ///
    /// What each check observes is rendered once, and a check is compared only with the later
    /// checks that observe the same objects, so a long lab costs time in proportion to its
    /// length, not its square.
    pub fn convergence_warnings(&self) -> Vec<String> {
        let caps = self.placeholder_captures();
        let steps = &self.scenario.steps;
        let observed: Vec<Vec<Vec<Objects>>> = (steps.iter())
            .map(|s| s.checks.iter().map(|c| self.observes(c, &caps)).collect())
            .collect();
        // The checks a later one can contradict by (count, field), by what they observe, in
        // the order of their steps.
        let mut watching: HashMap<&[Objects], Vec<(usize, &Check)>> = HashMap::new();
        for (si, step) in steps.iter().enumerate() {
            for (ci, check) in step.checks.iter().enumerate() {
                if matches!(check.kind, CheckKind::Count(_) | CheckKind::Field(_)) {
                    watching.entry(&observed[si][ci]).or_default().push((si, check));
                }
            }
        }
        let mut out = Vec::new();
        for (si, step) in steps.iter().enumerate() {
            for (i, check) in step.checks.iter().enumerate() {
                if self.nature(step, check) != Nature::State {
                    continue;
                }
                let contradicted = watching.get(observed[si][i].as_slice()).and_then(|later| {
                    let after = later.partition_point(|(sj, _)| *sj <= si);
                    later[after..]
                        .iter()
                        .find_map(|(sj, other)| self.contradiction(check, other, &caps).map(|w| (*sj, w)))
                });
                let created = match check.kind {
                    CheckKind::Absent(_) => self
                        .created_later(step, check)
                        .and_then(|c| steps.iter().position(|s| s.id == c.id)),
                    _ => None,
                };
                // The first later step that does either; creating it comes first within a step.
                let why = match (created, contradicted) {
                    (Some(c), Some((k, w))) if k < c => Some((k, w)),
                    (Some(c), _) => Some((c, crate::t!("converge-creates-it"))),
                    (None, found) => found,
                };
                if let Some((later, why)) = why {
                    out.push(crate::t!(
                        "converge-never-holds-again",
                        step = step.id.to_string(),
                        index = i + 1,
                        check = super::describe::check(self, check, &caps),
                        later = steps[later].id.to_string(),
                        why = why
                    ));
                }
            }
        }
        out
    }

    /// How `later` contradicts `check`, given that both observe the same objects.
    fn contradiction(&self, check: &Check, later: &Check, caps: &Captures) -> Option<String> {
        match (&check.kind, &later.kind) {
            (CheckKind::Count(a), CheckKind::Count(b)) if a.ready == b.ready => {
                let (x, y) = (
                    self.render_int(&a.equals, caps).ok()?,
                    self.render_int(&b.equals, caps).ok()?,
                );
                let selectors = (
                    self.rendered(a.selector.as_ref(), caps),
                    self.rendered(b.selector.as_ref(), caps),
                );
                (x != y && selectors.0 == selectors.1)
                    .then(|| crate::t!("converge-expects-count", now = y.to_string(), was = x.to_string()))
            }
            (CheckKind::Field(a), CheckKind::Field(b)) if a.path.get_ref() == b.path.get_ref() => {
                let value = |f: &crate::scenario::check::FieldCheck| {
                    f.equals.as_ref().and_then(|v| self.render_json(&json_of(v), caps).ok())
                };
                match (value(a), value(b)) {
                    (Some(x), Some(y)) if x != y => Some(crate::t!(
                        "converge-expects-field",
                        path = a.path.get_ref().to_string(),
                        now = y.to_string(),
                        was = x.to_string()
                    )),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{ClusterFacts, KubeVersion};

    fn day55() -> Plan {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/day55.toml");
        let scenario = crate::app::load_scenario(&path).expect("day55 is valid");
        let vars = super::super::bind_vars(&scenario, &[]).expect("defaults bind");
        let facts = ClusterFacts::assumed(KubeVersion::parse("1.21.2").unwrap(), "rehearsal");
        Plan::build(scenario, vars, facts).expect("day55 plans")
    }

    fn step<'a>(plan: &'a Plan, id: &str) -> &'a Step {
        plan.scenario.step(id).expect("a day55 step")
    }

    #[test]
    fn moments_are_written_or_inferred() {
        let plan = day55();
        let absent = &step(&plan, "get-namespaces").checks[0];
        assert_eq!(
            plan.nature(step(&plan, "get-namespaces"), absent),
            Nature::Moment,
            "create-pacman creates it later"
        );
        let recreated = &step(&plan, "delete-mongo-0").checks[0];
        assert_eq!(plan.nature(step(&plan, "delete-mongo-0"), recreated), Nature::Moment);
        let create = step(&plan, "create-pacman");
        assert_eq!(plan.nature(create, &create.checks[0]), Nature::State);
        assert_eq!(
            plan.nature(create, &create.checks[4]),
            Nature::Moment,
            "written in day55.toml"
        );
        // After the lab is reset, the namespace stays absent: a cleanup check is state.
        let cleanup = &plan.scenario.cleanup[0];
        assert_eq!(plan.nature(cleanup, &cleanup.checks[0]), Nature::State);
    }

    #[test]
    fn later_steps_supersede_what_they_change_on_purpose() {
        let plan = day55();
        let caps = plan.placeholder_captures();
        let create = step(&plan, "create-pacman");
        let scale = step(&plan, "scale-pacman");
        let delete = step(&plan, "delete-mongo-0");
        let rollout_deploy = &create.checks[3];
        let rollout_mongo = &create.checks[2];
        let namespace = &create.checks[0];
        assert_eq!(
            plan.superseded_by(rollout_deploy, [scale], &caps)
                .map(|s| s.id.as_str()),
            Some("scale-pacman")
        );
        assert_eq!(
            plan.superseded_by(rollout_mongo, [delete], &caps)
                .map(|s| s.id.as_str()),
            Some("delete-mongo-0"),
            "deleting a pod changes its StatefulSet's rollout"
        );
        assert!(plan.superseded_by(namespace, [scale, delete], &caps).is_none());
        // The default StorageClass is about every class.
        let unset = step(&plan, "unset-standard-default");
        let make = step(&plan, "make-csi-default");
        assert!(plan.superseded_by(&unset.checks[1], [make], &caps).is_some());
    }

    #[test]
    fn validate_warns_of_state_checks_a_later_step_contradicts() {
        let mut plan = day55();
        assert_eq!(
            plan.convergence_warnings(),
            Vec::<String>::new(),
            "day55 says which are moments"
        );
        let create = plan
            .scenario
            .steps
            .iter_mut()
            .find(|s| s.id.as_str() == "create-pacman")
            .unwrap();
        create.checks[4].nature = None;
        let warnings = plan.convergence_warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].starts_with("step `create-pacman`, check 5 (1 Ready pod with name=pacman in pacman): can never hold again once step `scale-pacman` has run, which expects 10 instead of 1"),
            "{}",
            warnings[0]
        );
    }
}
