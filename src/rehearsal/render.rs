//! One stored object as the negotiated output shows it: the object in the version asked for, a
//! one-row Table, or its PartialObjectMetadata.
//!
//! Depends on `convert`, `kinds`, `media` and `printers`.

use serde_json::{Value, json};

use crate::rehearsal::kinds::Resource;
use crate::rehearsal::media::Output;
use crate::rehearsal::{convert, printers};

/// One stored object as the negotiated output shows it, in the version of `res`.
pub fn render(res: &Resource, obj: &Value, output: Output) -> Value {
    match output {
        Output::Json | Output::Yaml => convert::from_storage(res, obj),
        Output::Table(req) => printers::single(res, obj, &req),
        Output::Metadata { api_version } => partial_metadata(obj, api_version),
    }
}

/// An object's PartialObjectMetadata (`as=PartialObjectMetadata`), in `api_version` of meta.k8s.io.
pub fn partial_metadata(obj: &Value, api_version: &str) -> Value {
    json!({
        "kind": "PartialObjectMetadata",
        "apiVersion": api_version,
        "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
    })
}
