//! `metav1.Status` errors, shaped exactly like a real API server's.
//!
//! Depends on `kinds` only; how a Status is sent as a response is `media`'s business.

use serde_json::{Value, json};

use crate::rehearsal::kinds::Resource;

/// An API error answered as a `Status` object.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// HTTP status code (also `code` in the body).
    pub code: u16,
    /// Machine-readable reason, e.g. `NotFound`.
    pub reason: &'static str,
    /// Human-readable message.
    pub message: String,
    /// `details` object, if any.
    pub details: Option<Value>,
}

fn details(res: &Resource, name: &str) -> Value {
    let mut d = json!({"name": name, "kind": res.plural});
    if !res.group.is_empty() {
        d["group"] = json!(res.group);
    }
    d
}

impl ApiError {
    /// 404 for a named object.
    pub fn not_found(res: &Resource, name: &str) -> Self {
        ApiError {
            code: 404,
            reason: "NotFound",
            message: format!("{} \"{}\" not found", res.qualified(), name),
            details: Some(details(res, name)),
        }
    }

    /// 404 for a path the server does not serve.
    pub fn no_route() -> Self {
        ApiError {
            code: 404,
            reason: "NotFound",
            message: "the server could not find the requested resource".into(),
            details: Some(json!({})),
        }
    }

    /// 409 AlreadyExists.
    pub fn already_exists(res: &Resource, name: &str) -> Self {
        ApiError {
            code: 409,
            reason: "AlreadyExists",
            message: format!("{} \"{}\" already exists", res.qualified(), name),
            details: Some(details(res, name)),
        }
    }

    /// 409 Conflict on a stale resourceVersion.
    pub fn conflict(res: &Resource, name: &str) -> Self {
        ApiError {
            code: 409,
            reason: "Conflict",
            message: format!(
                "Operation cannot be fulfilled on {} \"{}\": the object has been modified; please apply your changes to the latest version and try again",
                res.qualified(),
                name
            ),
            details: Some(details(res, name)),
        }
    }

    /// 422 Invalid with one cause per `(field, reason, message)`.
    pub fn invalid(res: &Resource, name: &str, causes: &[(String, &str, String)]) -> Self {
        let text: Vec<String> = causes.iter().map(|(f, _, m)| format!("{f}: {m}")).collect();
        let causes: Vec<Value> = causes
            .iter()
            .map(|(f, r, m)| json!({"reason": r, "message": m, "field": f}))
            .collect();
        let mut d = json!({"name": name, "kind": res.kind, "causes": causes});
        if !res.group.is_empty() {
            d["group"] = json!(res.group);
        }
        ApiError {
            code: 422,
            reason: "Invalid",
            message: format!("{} \"{}\" is invalid: {}", res.qualified_kind(), name, text.join(", ")),
            details: Some(d),
        }
    }

    /// 405 MethodNotAllowed.
    pub fn method_not_allowed() -> Self {
        ApiError {
            code: 405,
            reason: "MethodNotAllowed",
            message: "the server does not allow this method on the requested resource".into(),
            details: Some(json!({})),
        }
    }

    /// 410 Gone / Expired for a too-old resourceVersion.
    pub fn expired(requested: u64, oldest: u64) -> Self {
        ApiError {
            code: 410,
            reason: "Expired",
            message: format!("too old resource version: {requested} ({oldest})"),
            details: None,
        }
    }

    /// 504 Timeout for a watch from a resourceVersion the store has not reached (after the API
    /// server's 3 s wait): what a client meets when the cluster restarted without its data.
    pub fn too_large_resource_version(requested: u64, current: u64) -> Self {
        ApiError {
            code: 504,
            reason: "Timeout",
            message: format!("Too large resource version: {requested}, current: {current}"),
            details: Some(json!({
                "causes": [{"reason": "ResourceVersionTooLarge", "message": "Too large resource version"}],
                "retryAfterSeconds": 1
            })),
        }
    }

    /// 400 BadRequest.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            code: 400,
            reason: "BadRequest",
            message: message.into(),
            details: None,
        }
    }

    /// 403 Forbidden (used for creation in a terminating namespace).
    pub fn forbidden(res: &Resource, name: &str, message: impl Into<String>) -> Self {
        ApiError {
            code: 403,
            reason: "Forbidden",
            message: format!("{} \"{}\" is forbidden: {}", res.qualified(), name, message.into()),
            details: Some(details(res, name)),
        }
    }

    /// 415 UnsupportedMediaType: a body in a media type the endpoint does not decode.
    pub fn unsupported_media_type(accepted: &str) -> Self {
        ApiError {
            code: 415,
            reason: "UnsupportedMediaType",
            message: format!(
                "the body of the request was in an unknown format - accepted media types include: {accepted}"
            ),
            details: None,
        }
    }

    /// 415 UnsupportedMediaType with a message of its own.
    pub fn unsupported_media_type_message(message: String) -> Self {
        ApiError {
            code: 415,
            reason: "UnsupportedMediaType",
            message,
            details: None,
        }
    }

    /// 406 NotAcceptable: no media type of the `Accept` header can be served.
    pub fn not_acceptable(accepted: &str) -> Self {
        ApiError {
            code: 406,
            reason: "NotAcceptable",
            message: format!("only the following media types are accepted: {accepted}"),
            details: None,
        }
    }

    /// 413 RequestEntityTooLarge.
    pub fn too_large(limit: usize) -> Self {
        ApiError {
            code: 413,
            reason: "RequestEntityTooLarge",
            message: format!("Request entity too large: limit is {limit}"),
            details: None,
        }
    }

    /// 500 InternalError.
    pub fn internal(message: impl Into<String>) -> Self {
        ApiError {
            code: 500,
            reason: "InternalError",
            message: message.into(),
            details: None,
        }
    }

    /// The `Status` JSON body.
    pub fn to_status(&self) -> Value {
        let mut s = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
        });
        if let Some(d) = &self.details {
            s["details"] = d.clone();
        }
        s["code"] = json!(self.code);
        s
    }
}
