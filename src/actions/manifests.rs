//! `apply` / `create`: every document of a rendered template, in order, through kube-rs:
//! server-side apply (field manager `workshop`) or create. Kinds are resolved by discovery, so
//! any served kind works.
//!
//! `create` keeps `kubectl create`'s meaning: an object that already exists is an error
//! (unless `allow-existing`), except one this attempt at the lab created itself, before an
//! interruption, or one our own create made when its answer was lost (reconciled in
//! `engine::cluster::reconcile`). Every object `create` makes carries the attempt's id in the
//! [`ATTEMPT_ANNOTATION`], and its uid goes into the resume state as soon as it exists; a
//! resumed step adopts an existing object that carries the id (or whose uid was recorded),
//! so it continues where it was cut off.

use kube::api::{DynamicObject, Patch, PatchParams};

use crate::engine::cluster::reconcile::{self, Created};

use crate::engine::context::{StepCtx, StepError};
use crate::engine::state::CreatedObject;
use crate::plan::Manifest;
use crate::scenario::action::Manifests;

use super::{Done, kube_error};

/// The annotation on every object `create` makes: the id of this attempt at the lab.
pub const ATTEMPT_ANNOTATION: &str = "workshop/attempt";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Apply,
    Create,
}

pub async fn perform(ctx: &StepCtx<'_>, m: &Manifests, mode: Mode) -> Result<Done, StepError> {
    let conn = ctx.conn()?;
    let docs: Vec<Manifest> = ctx.plan.manifests_of(m.template.get_ref()).to_vec();
    let mut created = 0;
    let mut adopted = 0;
    for doc in &docs {
        if ctx.cancel().is_cancelled() {
            return Err(StepError::new(crate::t!("status-interrupted")));
        }
        let resolved = conn.resolve(&doc.kind, Some(&doc.api_version)).await.map_err(|why| {
            StepError::new(crate::t!(
                "manifests-cannot-resolve",
                object = doc.display_name(),
                doc = doc.doc,
                template = doc.template.as_str(),
                why = why.to_string()
            ))
            .hint(crate::t!("manifests-cannot-resolve-hint"))
        })?;
        let ns = if resolved.namespaced {
            Some(doc.namespace.clone().unwrap_or_else(|| "default".into()))
        } else {
            None
        };
        let api = conn.api(&resolved, ns.as_deref());
        let mut obj: DynamicObject = serde_json::from_value(doc.object.clone()).map_err(|e| {
            StepError::new(crate::t!(
                "manifests-not-an-object",
                object = doc.display_name(),
                error = e.to_string()
            ))
        })?;
        let label = format!("{}/{}", doc.kind.to_ascii_lowercase(), doc.name);
        match mode {
            Mode::Create => {
                obj.metadata
                    .annotations
                    .get_or_insert_default()
                    .insert(ATTEMPT_ANNOTATION.to_owned(), ctx.run.attempt.clone());
                match reconcile::create(&api, &obj).await {
                    Ok(made) => {
                        created += 1;
                        let (made, note) = match made {
                            Created::Now(o) => (o, String::new()),
                            Created::AnswerLost(o) => (o, format!(" ({})", crate::t!("manifests-answer-lost-created"))),
                        };
                        record(ctx, doc, &made).await;
                        ctx.output(&format!("{label} created{note}"));
                    }
                    Err(kube::Error::Api(s)) if s.code == 409 && m.allow_existing => {
                        ctx.output(&crate::t!("manifests-exists-allowed", object = label.as_str()));
                    }
                    Err(kube::Error::Api(s)) if s.code == 409 => {
                        let existing = api.get(&doc.name).await.map_err(|e| {
                            kube_error(&crate::t!("action-doing-read-existing", object = label.as_str()), &e)
                        })?;
                        if !created_by_this_attempt(ctx, &existing) {
                            return Err(existed_before(ctx, &label));
                        }
                        adopted += 1;
                        record(ctx, doc, &existing).await;
                        ctx.output(&crate::t!(
                            "manifests-adopted",
                            object = label.as_str(),
                            uid = existing.metadata.uid.as_deref().unwrap_or("?")
                        ));
                    }
                    Err(e) => {
                        return Err(kube_error(
                            &crate::t!("action-doing-create", object = label.as_str()),
                            &e,
                        ));
                    }
                }
            }
            Mode::Apply => {
                let pp = PatchParams::apply("workshop").force();
                let applied = api
                    .patch(&doc.name, &pp, &Patch::Apply(&obj))
                    .await
                    .map_err(|e| kube_error(&crate::t!("action-doing-apply", object = label.as_str()), &e))?;
                created += 1;
                record(ctx, doc, &applied).await;
                ctx.output(&format!("{label} serverside-applied"));
            }
        }
    }
    let id = if mode == Mode::Create {
        "action-objects-created"
    } else {
        "action-objects-applied"
    };
    let mut summary = crate::t!(
        id,
        done = created,
        count = docs.len(),
        template = m.template.get_ref().as_str()
    );
    if adopted > 0 {
        summary.push_str(", ");
        summary.push_str(&crate::t!("action-objects-adopted", count = adopted));
    }
    Ok(Done::summary(summary))
}

/// Writes the object's uid into the resume state, as soon as it exists.
async fn record(ctx: &StepCtx<'_>, doc: &Manifest, obj: &DynamicObject) {
    if let (Some(r), Some(uid)) = (&ctx.run.recorder, &obj.metadata.uid) {
        r.created(
            ctx.run,
            CreatedObject {
                step: ctx.step.id.to_string(),
                api_version: doc.api_version.clone(),
                kind: doc.kind.clone(),
                namespace: obj.metadata.namespace.clone(),
                name: doc.name.clone(),
                uid: uid.clone(),
            },
        )
        .await;
    }
}

/// True when this attempt at the lab made `obj`: it carries the attempt's id, or its uid was
/// recorded.
fn created_by_this_attempt(ctx: &StepCtx<'_>, obj: &DynamicObject) -> bool {
    let marked = obj
        .metadata
        .annotations
        .as_ref()
        .and_then(|a| a.get(ATTEMPT_ANNOTATION))
        .is_some_and(|a| *a == ctx.run.attempt);
    let recorded = match (&ctx.run.recorder, &obj.metadata.uid) {
        (Some(r), Some(uid)) => r.created_uid(uid),
        _ => false,
    };
    marked || recorded
}

/// An object that existed before this attempt at the lab: `create` refuses it, as kubectl
/// would.
fn existed_before(ctx: &StepCtx<'_>, label: &str) -> StepError {
    let lab = &ctx.plan.scenario.lab.id;
    StepError::new(crate::t!(
        "manifests-existed-before",
        object = label,
        lab = lab.to_string()
    ))
    .hint(crate::t!("manifests-existed-before-hint", lab = lab.to_string()))
}
