//! `pvc-bound`: a PersistentVolumeClaim is Bound, optionally with a given class and volume.

use std::time::Duration;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::check::PvcBoundCheck;

use super::Outcome;
use super::wait::{Observation, str_at};

pub async fn run(
    ctx: &StepCtx<'_>,
    p: &PvcBoundCheck,
    timeout: Duration,
    progress: &(dyn Fn(&str, Duration) + Sync),
) -> Outcome {
    let wanted = (|| {
        Ok::<_, StepError>((
            ctx.render_opt(p.storage_class.as_ref())?,
            ctx.render_opt(p.volume.as_ref())?,
        ))
    })();
    let (class, volume) = match wanted {
        Ok(w) => w,
        Err(e) => return Outcome::Error(e),
    };
    super::watch(ctx, &p.object_ref(), timeout, progress, |objs| {
        if objs.is_empty() {
            return Observation::waiting(crate::t!("seen-claim-missing"));
        }
        let o = match super::the_one(objs, false) {
            Ok(o) => o,
            Err(why) => return why,
        };
        let phase = str_at(&o.data, &["status", "phase"]).unwrap_or("Pending");
        let got_class = str_at(&o.data, &["spec", "storageClassName"]);
        let got_volume = str_at(&o.data, &["spec", "volumeName"]).filter(|v| !v.is_empty());
        let mut text = crate::t!("seen-phase", phase = phase);
        text.push_str(", ");
        text.push_str(&match got_class {
            Some(c) => crate::t!("seen-class", class = c),
            None => crate::t!("seen-no-class"),
        });
        if let Some(v) = got_volume {
            text.push_str(", ");
            text.push_str(&crate::t!("seen-volume", volume = v));
        }
        let ok = phase == "Bound"
            && class.as_deref().is_none_or(|c| got_class == Some(c))
            && volume.as_deref().is_none_or(|v| got_volume == Some(v));
        if ok {
            Observation::done(text)
        } else {
            Observation::waiting(text)
        }
    })
    .await
}
