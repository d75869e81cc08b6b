//! What a request asks for: its query parameters, the resource, namespace, name and subresource
//! its path addresses, and the selectors of a list or watch.
//!
//! Depends on `kinds`, `selector` and `status` only.

use std::collections::HashMap;

use axum::http::Uri;

use crate::rehearsal::kinds::{self, Resource};
use crate::rehearsal::selector::{FieldSelector, LabelSelector};
use crate::rehearsal::status::ApiError;

/// Query parameters of a request.
pub struct Query(HashMap<String, String>);

impl Query {
    /// The query parameters of `uri`.
    pub fn parse(uri: &Uri) -> Self {
        Query(
            form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// A parameter, if present and non-empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// A boolean parameter (`true` or `1`).
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.get(key), Some("true" | "1"))
    }
}

/// A request addressed to a resource collection, object or subresource.
pub struct Target {
    /// The resource.
    pub res: &'static Resource,
    /// Namespace from the URL, if any.
    pub namespace: Option<String>,
    /// Object name, if any.
    pub name: Option<String>,
    /// Subresource, if any.
    pub sub: Option<String>,
    /// The legacy `/watch/` path prefix was used.
    pub watch_prefix: bool,
}

/// The resource a path below `/api/v1` or `/apis/{group}/{version}` addresses, if it is served.
pub fn parse_target(group: &str, version: &str, rest: &[&str], minor: u32) -> Option<Target> {
    let (watch_prefix, rest) = match rest.first() {
        Some(&"watch") => (true, &rest[1..]),
        _ => (false, rest),
    };
    let scoped = rest.len() >= 3
        && rest[0] == "namespaces"
        && kinds::lookup(group, version, rest[2], minor).is_some_and(|r| r.namespaced);
    let (namespace, rest) = if scoped {
        (Some(rest[1].to_string()), &rest[2..])
    } else {
        (None, rest)
    };
    let res = kinds::lookup(group, version, rest.first()?, minor)?;
    if rest.len() > 3 || (namespace.is_none() && res.namespaced && rest.len() > 1) {
        return None;
    }
    Some(Target {
        res,
        namespace,
        name: rest.get(1).map(|s| s.to_string()),
        sub: rest.get(2).map(|s| s.to_string()),
        watch_prefix,
    })
}

/// Parse the selectors of a list or watch request.
pub fn selectors(query: &Query) -> Result<(LabelSelector, FieldSelector), ApiError> {
    let labels = LabelSelector::parse(query.get("labelSelector").unwrap_or_default())
        .map_err(|e| ApiError::bad_request(format!("unable to parse requirement: {e}")))?;
    let fields = FieldSelector::parse(query.get("fieldSelector").unwrap_or_default()).map_err(ApiError::bad_request)?;
    Ok((labels, fields))
}
