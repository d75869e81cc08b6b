//! Taking captures: generated markers, fields of objects, fields of an answer.

use crate::actions::Done;
use crate::scenario::{Capture, CaptureSource};

use super::context::{StepCtx, StepError};

/// A unique marker: `prefix-` and six random lowercase letters and digits.
pub fn marker(prefix: &str) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let tail: String = (0..6)
        .map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char)
        .collect();
    format!("{prefix}-{tail}")
}

/// Takes one capture and records it in the run.
pub async fn take(ctx: &StepCtx<'_>, cap: &Capture, done: Option<&Done>) -> Result<String, StepError> {
    let value = match &cap.source {
        CaptureSource::Generate { prefix } => marker(prefix),
        CaptureSource::Object { object, path } => {
            let target = ctx
                .object(&object.object_ref(), &crate::t!("what-this-capture"))
                .await?;
            let (api, name) = (target.api, target.name);
            let obj = api.get(&name).await.map_err(|e| {
                crate::actions::kube_error(
                    &crate::t!(
                        "capture-reading",
                        name = cap.name.as_str(),
                        object = format!("{}/{name}", object.kind.get_ref())
                    ),
                    &e,
                )
            })?;
            let doc = serde_json::to_value(&obj).unwrap_or_default();
            let found = path.select(&doc);
            let v = found.first().ok_or_else(|| {
                StepError::new(crate::t!(
                    "capture-no-field",
                    name = cap.name.as_str(),
                    object = format!("{}/{name}", object.kind.get_ref()),
                    path = path.to_string()
                ))
            })?;
            let value = scalar(v);
            let kind = obj
                .types
                .as_ref()
                .map_or(object.kind.get_ref().as_str(), |t| t.kind.as_str());
            // A value from a Secret's data is secret (in both its forms); its uid is not.
            if crate::redact::is_secret_field(kind, &path.text) {
                if path.text.trim_start_matches('.').starts_with("stringData") {
                    ctx.run.secrets.add(&value);
                } else {
                    ctx.run.secrets.add_base64(&value);
                }
            }
            value
        }
        CaptureSource::Response { path } => {
            let body = done
                .and_then(|d| d.response.as_deref())
                .ok_or_else(|| StepError::new(crate::t!("capture-no-answer", name = cap.name.as_str())))?;
            match path {
                None => body.trim().to_owned(),
                Some(p) => {
                    let doc: serde_json::Value = serde_json::from_str(body)
                        .map_err(|_| StepError::new(crate::t!("capture-not-json", name = cap.name.as_str())))?;
                    let found = p.select(&doc);
                    let v = found.first().ok_or_else(|| {
                        StepError::new(crate::t!(
                            "capture-answer-lacks",
                            name = cap.name.as_str(),
                            path = p.to_string()
                        ))
                    })?;
                    scalar(v)
                }
            }
        }
    };
    ctx.run.capture(&cap.name, value.clone());
    if let Some(r) = &ctx.run.recorder {
        r.captured(ctx.run, &cap.name, &value).await;
    }
    Ok(value)
}

fn scalar(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_unique_and_shaped() {
        let a = marker("player");
        let b = marker("player");
        assert!(a.starts_with("player-") && a.len() == "player-".len() + 6);
        assert_ne!(a, b);
    }
}
