//! `apply` / `create`: every document of a rendered template, in order, through kube-rs:
//! server-side apply (field manager `workshop`) or create (AlreadyExists is an error unless
//! `allow-existing`; our own create whose answer was lost is no error). Kinds are resolved by
//! discovery, so any served kind works.

use kube::api::{DynamicObject, Patch, PatchParams};

use crate::engine::cluster::reconcile::{self, Created};

use crate::engine::context::{StepCtx, StepError};
use crate::plan::Manifest;
use crate::scenario::action::Manifests;

use super::{Done, kube_error};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Apply,
    Create,
}

pub async fn perform(ctx: &StepCtx<'_>, m: &Manifests, mode: Mode) -> Result<Done, StepError> {
    let conn = ctx.conn()?;
    let docs: Vec<Manifest> = ctx.plan.manifests_of(m.template.get_ref()).to_vec();
    let mut created = 0;
    for doc in &docs {
        if ctx.cancel().is_cancelled() {
            return Err(StepError::new("interrupted"));
        }
        let resolved = conn.resolve(&doc.kind, Some(&doc.api_version)).await.map_err(|why| {
            StepError::new(format!(
                "{} (document {} of {}): {why}",
                doc.display_name(),
                doc.doc,
                doc.template
            ))
            .hint("`workshop validate` with --kubernetes-version shows whether a template fits this version")
        })?;
        let ns = if resolved.namespaced {
            Some(doc.namespace.clone().unwrap_or_else(|| "default".into()))
        } else {
            None
        };
        let api = conn.api(&resolved, ns.as_deref());
        let obj: DynamicObject = serde_json::from_value(doc.object.clone())
            .map_err(|e| StepError::new(format!("{} is not a valid object: {e}", doc.display_name())))?;
        let label = format!("{}/{}", doc.kind.to_ascii_lowercase(), doc.name);
        match mode {
            Mode::Create => match reconcile::create(&api, &obj).await {
                Ok(Created::Now(_)) => {
                    created += 1;
                    ctx.output(&format!("{label} created"));
                }
                Ok(Created::AnswerLost(_)) => {
                    created += 1;
                    ctx.output(&format!("{label} created (the answer was lost; found it created)"));
                }
                Err(kube::Error::Api(s)) if s.code == 409 && m.allow_existing => {
                    ctx.output(&format!("{label} already exists (allowed)"));
                }
                Err(e) => return Err(kube_error(&format!("creating {label}"), &e)),
            },
            Mode::Apply => {
                let pp = PatchParams::apply("workshop").force();
                api.patch(&doc.name, &pp, &Patch::Apply(&obj))
                    .await
                    .map_err(|e| kube_error(&format!("applying {label}"), &e))?;
                created += 1;
                ctx.output(&format!("{label} serverside-applied"));
            }
        }
    }
    let verb = if mode == Mode::Create { "created" } else { "applied" };
    Ok(Done::summary(format!(
        "{created} of {} objects {verb} from {}",
        docs.len(),
        m.template.get_ref()
    )))
}
