//! The HTTP front: routing of Kubernetes REST paths onto discovery, OpenAPI and object
//! operations.
//!
//! Depends on the modules it routes to (`api`, `watch`, `addons`, `discovery`, `openapi`,
//! `render`, `printers`) and on `request`, `media`, `faults`, `state`, `store`; nothing in the
//! rehearsal but the crate root imports it.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use crate::rehearsal::api::{self, Sub};
use crate::rehearsal::faults::{self, Faults};
use crate::rehearsal::kinds::Resource;
use crate::rehearsal::media::{self, Encoding, Output, Read};
use crate::rehearsal::patch::PatchKind;
use crate::rehearsal::printers;
use crate::rehearsal::render::{partial_metadata, render};
use crate::rehearsal::request::{Query, Target, parse_target, selectors};
use crate::rehearsal::state::Shared;
use crate::rehearsal::status::ApiError;
use crate::rehearsal::store::{Key, ListQuery, Propagation};
use crate::rehearsal::{convert, discovery, openapi, watch};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as BASE64_URL;

fn ok(body: &Value) -> Response {
    media::json(StatusCode::OK, body)
}

/// The router: everything goes through one fallback handler that parses Kubernetes paths;
/// with `faults`, through the fault layer first ([`crate::rehearsal::faults`]).
pub fn router(shared: Arc<Shared>, faults: Option<Arc<Faults>>) -> axum::Router {
    let router = axum::Router::new().fallback(handle).with_state(shared);
    match faults {
        Some(f) => router.layer(axum::middleware::from_fn_with_state(f, faults::middleware)),
        None => router,
    }
}

/// Serves `app` on `listener` until `stop` is cancelled; open requests finish first.
pub async fn serve(listener: tokio::net::TcpListener, app: axum::Router, stop: CancellationToken) {
    // Watch events are small writes on a long-lived response: without TCP_NODELAY, Nagle's
    // algorithm and the client's delayed ACK hold each one back ~40 ms.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY not set on a rehearsal connection: {e}");
        }
    });
    let result = axum::serve(listener, app)
        .with_graceful_shutdown(stop.cancelled_owned())
        .await;
    if let Err(e) = result {
        tracing::error!("rehearsal API server stopped: {e}");
    }
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let (method, uri, headers) = (parts.method, parts.uri, parts.headers);
    let path = uri.path().trim_end_matches('/');
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let minor = shared.version.minor;
    tracing::debug!(%method, %uri, "rehearsal request");
    let query = Query::parse(&uri);
    match segs.as_slice() {
        ["version"] => ok(&discovery::version(&shared.version)),
        ["healthz" | "livez" | "readyz"] => (StatusCode::OK, "ok").into_response(),
        ["api"] => ok(&discovery::core_versions()),
        ["apis"] => ok(&discovery::groups(minor)),
        ["openapi", "v2"] => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, openapi::V2_PROTOBUF)],
            openapi::v2_protobuf(&shared.version),
        )
            .into_response(),
        ["openapi", "v3"] => ok(&openapi::root(&shared.version)),
        ["openapi", "v3", rest @ ..] => match openapi::group_version(&shared.version, &rest.join("/")) {
            Some(doc) => ok(&doc),
            None => ApiError::no_route().into_response(),
        },
        ["api", "v1"] => {
            discovery::resource_list("", "v1", minor).map_or_else(|| ApiError::no_route().into_response(), |d| ok(&d))
        }
        ["apis", g] => discovery::group(g, minor).map_or_else(|| ApiError::no_route().into_response(), |d| ok(&d)),
        ["apis", g, v] => {
            discovery::resource_list(g, v, minor).map_or_else(|| ApiError::no_route().into_response(), |d| ok(&d))
        }
        ["workshop", "v1", "addons", rest @ ..] => addon_endpoint(&shared, &method, rest),
        ["api", "v1", rest @ ..] => resource(shared, method, "", "v1", rest, query, &headers, body).await,
        ["apis", g, v, rest @ ..] => resource(shared, method, g, v, rest, query, &headers, body).await,
        _ => ApiError::no_route().into_response(),
    }
}

fn no_containers(what: &str) -> ApiError {
    ApiError::bad_request(format!(
        "the workshop rehearsal cluster runs no containers: {what} is not available; run the lab on minikube for this step"
    ))
}

/// Read and decode an object body (POST, PUT, DELETE options) in JSON or YAML.
async fn object_body(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let encoding = media::body_encoding(headers)?;
    media::decode(encoding, media::read_body(body).await?).await
}

fn propagation(query: &Query, body: &Value) -> Result<Propagation, ApiError> {
    let policy = query
        .get("propagationPolicy")
        .or_else(|| body.get("propagationPolicy").and_then(Value::as_str));
    let orphan = body.get("orphanDependents").and_then(Value::as_bool) == Some(true) || query.flag("orphanDependents");
    match policy {
        Some("Foreground") => Ok(Propagation::Foreground),
        Some("Orphan") => Ok(Propagation::Orphan),
        Some("Background") | None if !orphan => Ok(Propagation::Background),
        None => Ok(Propagation::Orphan),
        Some(other) => Err(ApiError::bad_request(format!("unknown propagationPolicy {other:?}"))),
    }
}

fn dry_run(query: &Query, body: &Value) -> bool {
    query.get("dryRun") == Some("All")
        || body
            .get("dryRun")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|v| v == "All"))
}

#[allow(clippy::too_many_arguments)]
async fn resource(
    shared: Arc<Shared>,
    method: Method,
    group: &str,
    version: &str,
    rest: &[&str],
    query: Query,
    headers: &HeaderMap,
    body: Body,
) -> Response {
    let Some(target) = parse_target(group, version, rest, shared.version.minor) else {
        return ApiError::no_route().into_response();
    };
    let mut response = match dispatch(&shared, &method, &target, &query, headers, body).await {
        Ok(resp) => resp,
        Err(e) => e.into_response(),
    };
    // A real server warns on every request to a deprecated version (kubectl prints it).
    if let Some(text) = target.res.deprecation(shared.version.minor)
        && let Ok(value) = header::HeaderValue::from_str(&format!("299 - {text:?}"))
    {
        response.headers_mut().append(header::WARNING, value);
    }
    response
}

async fn dispatch(
    shared: &Arc<Shared>,
    method: &Method,
    t: &Target,
    query: &Query,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let res = t.res;
    let ns = t.namespace.clone().unwrap_or_default();
    if res.namespaced && t.namespace.is_none() && *method != Method::GET {
        return Err(ApiError::method_not_allowed());
    }
    let sub = match t.sub.as_deref() {
        None => Sub::Main,
        Some("status") if res.status => Sub::Status,
        Some("scale") if res.scale => Sub::Scale,
        Some(what @ ("exec" | "attach" | "portforward" | "log" | "proxy"))
            if res.kind == "Pod" && res.group.is_empty() =>
        {
            let what = match what {
                "portforward" => "port-forward",
                "log" => "logs",
                other => other,
            };
            return Err(no_containers(what));
        }
        Some(_) => return Err(ApiError::no_route()),
    };
    let field_manager = query.get("fieldManager");
    let watching = t.watch_prefix || query.flag("watch");
    let read = match (method, t.name.as_deref(), sub) {
        (&Method::GET, None, _) if watching => Read::Watch,
        (&Method::GET, None, _) => Read::List,
        (&Method::GET, Some(_), Sub::Main | Sub::Status) => Read::Object,
        _ => Read::Plain,
    };
    let output = media::output(headers, query.get("includeObject"), read, shared.version.minor)?;
    let respond = |code: StatusCode, value: &Value| media::respond(code, output, value);
    match (method.clone(), t.name.as_deref()) {
        (Method::GET, None) if watching => Ok(watch::serve(shared.clone(), res, t.namespace.clone(), query, output)
            .await?
            .into_response()),
        (Method::GET, None) => list(shared, res, t.namespace.as_deref(), query, output),
        (Method::GET, Some(name)) => {
            let obj = shared
                .store
                .get(res, if res.namespaced { &ns } else { "" }, name)
                .ok_or_else(|| ApiError::not_found(res, name))?;
            Ok(match sub {
                Sub::Scale => respond(StatusCode::OK, &api::scale_of(&obj)),
                _ => respond(StatusCode::OK, &render(res, &obj, output)),
            })
        }
        (Method::POST, None) => {
            let obj = object_body(headers, body).await?;
            let created = api::create(shared, res, &ns, obj, dry_run(query, &Value::Null))?;
            Ok(respond(StatusCode::CREATED, &created))
        }
        (Method::PUT, Some(name)) => {
            let obj = object_body(headers, body).await?;
            let updated = api::update(shared, res, &ns, name, obj, sub, dry_run(query, &Value::Null))?;
            Ok(respond(StatusCode::OK, &updated))
        }
        (Method::PATCH, Some(name)) => {
            let kind = PatchKind::from_content_type(&media::content_type(headers))
                .ok_or_else(|| ApiError::unsupported_media_type(PatchKind::ACCEPTED))?;
            let encoding = if kind == PatchKind::Apply {
                Encoding::Yaml
            } else {
                Encoding::Json
            };
            let patch = media::decode(encoding, media::read_body(body).await?).await?;
            let (obj, created) = api::patch(
                shared,
                res,
                &ns,
                name,
                kind,
                &patch,
                sub,
                field_manager,
                dry_run(query, &Value::Null),
            )?;
            let code = if created { StatusCode::CREATED } else { StatusCode::OK };
            Ok(respond(code, &obj))
        }
        (Method::DELETE, Some(name)) if sub == Sub::Main => {
            let opts = object_body(headers, body).await?;
            let uid = opts.pointer("/preconditions/uid").and_then(Value::as_str);
            let deleted = api::delete(
                shared,
                res,
                &ns,
                name,
                propagation(query, &opts)?,
                uid,
                dry_run(query, &opts),
            )?;
            Ok(respond(StatusCode::OK, &deleted))
        }
        (Method::DELETE, None) => {
            let opts = object_body(headers, body).await?;
            let prop = propagation(query, &opts)?;
            let items = select(shared, res, t.namespace.as_deref(), query)?;
            let mut deleted = Vec::new();
            for item in items {
                let name = crate::rehearsal::object::name_of(&item).to_string();
                if let Ok(d) = api::delete(shared, res, &ns, &name, prop, None, dry_run(query, &opts)) {
                    deleted.push(d);
                }
            }
            Ok(respond(
                StatusCode::OK,
                &list_doc(
                    res,
                    deleted,
                    json!({"resourceVersion": shared.store.resource_version().to_string()}),
                ),
            ))
        }
        _ => Err(ApiError::method_not_allowed()),
    }
}

fn select(shared: &Shared, res: &Resource, ns: Option<&str>, query: &Query) -> Result<Vec<Arc<Value>>, ApiError> {
    let (labels, fields) = selectors(query)?;
    let q = ListQuery {
        namespace: ns,
        name: fields.name(),
        after: None,
        limit: None,
    };
    Ok(shared
        .store
        .list_page(res, &q, |o| labels.matches(o) && fields.matches(o))
        .items)
}

/// A list's continue token: the resourceVersion of the first page and the key of the last item
/// served, so the next page starts after that key and never shifts when earlier objects come
/// or go. Opaque to clients (base64 of JSON, like the API server's).
#[derive(serde::Serialize, serde::Deserialize)]
struct Continue {
    v: String,
    rv: u64,
    ns: String,
    name: String,
}

impl Continue {
    const VERSION: &str = "meta.k8s.io/v1";

    fn encode(rv: u64, (ns, name): Key) -> String {
        let token = Continue {
            v: Self::VERSION.into(),
            rv,
            ns,
            name,
        };
        BASE64_URL.encode(serde_json::to_vec(&token).expect("a continue token serializes"))
    }

    fn decode(text: &str) -> Result<Continue, ApiError> {
        let invalid = || ApiError::bad_request(format!("continue key is not valid: {text:?}"));
        let bytes = BASE64_URL.decode(text).map_err(|_| invalid())?;
        let token: Continue = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if token.v != Self::VERSION {
            return Err(invalid());
        }
        Ok(token)
    }
}

fn list_doc(res: &Resource, items: Vec<Value>, meta: Value) -> Value {
    json!({"kind": format!("{}List", res.kind), "apiVersion": res.api_version(), "metadata": meta, "items": items})
}

fn list(
    shared: &Shared,
    res: &Resource,
    ns: Option<&str>,
    query: &Query,
    output: Output,
) -> Result<Response, ApiError> {
    let (labels, fields) = selectors(query)?;
    let after = query.get("continue").map(Continue::decode).transpose()?;
    let q = ListQuery {
        namespace: ns,
        name: fields.name(),
        after: after.as_ref().map(|c| (c.ns.clone(), c.name.clone())),
        limit: query.get("limit").and_then(|l| l.parse().ok()).filter(|l| *l > 0),
    };
    let page = shared
        .store
        .list_page(res, &q, |o| labels.matches(o) && fields.matches(o));
    let rv = after.as_ref().map_or(page.rv, |c| c.rv);
    let mut meta = json!({"resourceVersion": rv.to_string()});
    if let Some((last, remaining)) = page.more {
        meta["continue"] = json!(Continue::encode(rv, last));
        meta["remainingItemCount"] = json!(remaining);
    }
    let body = match output {
        Output::Table(req) => printers::table(res, &page.items, meta, &req),
        Output::Metadata { api_version } => {
            let items: Vec<Value> = page.items.iter().map(|o| partial_metadata(o, api_version)).collect();
            json!({"kind": "PartialObjectMetadataList", "apiVersion": api_version, "metadata": meta, "items": items})
        }
        Output::Json | Output::Yaml => {
            let items: Vec<Value> = page.items.iter().map(|o| convert::from_storage(res, o)).collect();
            list_doc(res, items, meta)
        }
    };
    Ok(media::respond(StatusCode::OK, output, &body))
}

/// `workshop`'s private addon endpoint, so `workshop run --cluster rehearsal --kubeconfig K`
/// can emulate `minikube addons enable` on a standalone `workshop rehearsal serve`:
/// `GET /workshop/v1/addons` lists, `POST …/addons/NAME` enables, `DELETE …/addons/NAME` disables.
fn addon_endpoint(shared: &Shared, method: &Method, rest: &[&str]) -> Response {
    let list = |shared: &Shared| {
        let addons: Vec<String> = shared
            .addons
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .cloned()
            .collect();
        ok(&serde_json::json!({ "kind": "RehearsalAddons", "addons": addons }))
    };
    let result = match (method, rest) {
        (&Method::GET, []) => return list(shared),
        (&Method::POST, [name]) => crate::rehearsal::addons::enable(shared, name),
        (&Method::DELETE, [name]) => crate::rehearsal::addons::disable(shared, name),
        _ => return ApiError::no_route().into_response(),
    };
    match result {
        Ok(()) => list(shared),
        Err(e) => (
            StatusCode::BAD_REQUEST,
            axum::Json(serde_json::json!({
                "kind": "Status", "apiVersion": "v1", "status": "Failure",
                "message": e.to_string(), "reason": "BadRequest", "code": 400
            })),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths() {
        let t = parse_target("", "v1", &["namespaces", "pacman", "pods", "p", "status"], 31).expect("pod status");
        assert_eq!(
            (
                t.res.plural,
                t.namespace.as_deref(),
                t.name.as_deref(),
                t.sub.as_deref()
            ),
            ("pods", Some("pacman"), Some("p"), Some("status"))
        );
        let t = parse_target("", "v1", &["namespaces", "pacman"], 31).expect("namespace");
        assert_eq!((t.res.plural, t.name.as_deref()), ("namespaces", Some("pacman")));
        let t = parse_target("", "v1", &["namespaces", "pacman", "status"], 31).expect("namespace status");
        assert_eq!((t.res.plural, t.sub.as_deref()), ("namespaces", Some("status")));
        let t = parse_target("", "v1", &["pods"], 31).expect("all pods");
        assert!(t.namespace.is_none() && t.name.is_none());
        assert!(parse_target("", "v1", &["pods", "x"], 31).is_none());
        assert!(parse_target("policy", "v1beta1", &["podsecuritypolicies"], 31).is_none());
        assert!(parse_target("", "v1", &["watch", "namespaces", "a", "pods"], 31).is_some_and(|t| t.watch_prefix));
    }
}
