//! The routes: the board page and its assets, and the JSON API (src/class/protocol.rs).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::super::assets;
use super::super::protocol::{Announce, Batch, ErrorBody, JoinRequest, MAX_BODY};
use super::state::{ClassState, Refusal};
use super::words::BoardWords;

pub fn router(state: Arc<ClassState>, words: Arc<BoardWords>) -> Router {
    let for_page = words.clone();
    Router::new()
        .route(
            "/",
            get(move |q: Query<LangQuery>, headers: HeaderMap| async move { page(&for_page, &q, &headers) }),
        )
        .route(
            "/board.js",
            get(|| async { asset("text/javascript; charset=utf-8", assets::BOARD_JS) }),
        )
        .route(
            "/board.css",
            get(|| async { asset("text/css; charset=utf-8", assets::BOARD_CSS) }),
        )
        .route(
            "/strings.json",
            get(move |q: Query<LangQuery>, headers: HeaderMap| async move {
                Json(words.pick(q.lang.as_deref(), accept_language(&headers)).clone())
            }),
        )
        .route("/api/health", get(|| async { Json(serde_json::json!({"ok": true})) }))
        .route("/api/class", get(class))
        .route("/api/stream", get(stream))
        .route("/api/join", post(join))
        .route("/api/learners", post(join_by_instructor))
        .route("/api/me", get(me))
        .route("/api/events", post(events))
        .route("/api/announcements", post(announce))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

fn accept_language(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()
}

/// The board page in the language [`BoardWords::pick`] chooses: its `<html lang>` and title.
fn page(words: &BoardWords, q: &LangQuery, headers: &HeaderMap) -> Response {
    let t = words.pick(q.lang.as_deref(), accept_language(headers));
    let lang = HeaderValue::from_str(&t.lang).unwrap_or_else(|_| HeaderValue::from_static("en"));
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (header::CONTENT_LANGUAGE, lang),
            (header::VARY, HeaderValue::from_static("accept-language")),
        ],
        assets::board_html(&t.lang, &t.board),
    )
        .into_response()
}

#[derive(Deserialize)]
struct KeyQuery {
    key: Option<String>,
}

fn error(status: StatusCode, error: impl Into<String>, hint: Option<&str>) -> Response {
    answer(
        status,
        ErrorBody {
            error: error.into(),
            hint: hint.map(str::to_owned),
            code: None,
        },
    )
}

fn answer(status: StatusCode, body: ErrorBody) -> Response {
    let mut r = (status, Json(body)).into_response();
    if status == StatusCode::TOO_MANY_REQUESTS {
        r.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    r
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let status = match &self {
            Refusal::BadRequest(_) | Refusal::BadName | Refusal::BadAnnouncement => StatusCode::BAD_REQUEST,
            Refusal::WrongKey | Refusal::WrongJoinCode | Refusal::NotALearner => StatusCode::FORBIDDEN,
            Refusal::TooMany(_) => StatusCode::TOO_MANY_REQUESTS,
            Refusal::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::Store(e) => {
                tracing::error!("class database: {e}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        answer(
            status,
            ErrorBody {
                error: self.to_string(),
                hint: None,
                code: self.code().map(str::to_owned),
            },
        )
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The instructor's key, from `?key=` or `Authorization: Bearer`.
fn instructor(state: &ClassState, q: &KeyQuery, headers: &HeaderMap) -> Result<(), Refusal> {
    let key = q.key.as_deref().or_else(|| bearer(headers)).unwrap_or_default();
    if state.is_instructor(key) {
        Ok(())
    } else {
        Err(Refusal::WrongKey)
    }
}

/// The learner a request's token names.
fn learner(state: &ClassState, headers: &HeaderMap) -> Result<i64, Refusal> {
    bearer(headers)
        .and_then(|t| state.learner_for(t))
        .ok_or(Refusal::NotALearner)
}

async fn class(State(state): State<Arc<ClassState>>, q: Query<KeyQuery>, headers: HeaderMap) -> Response {
    if let Err(r) = instructor(&state, &q, &headers) {
        return r.into_response();
    }
    Json(state.view()).into_response()
}

async fn stream(State(state): State<Arc<ClassState>>, q: Query<KeyQuery>, headers: HeaderMap) -> Response {
    if let Err(r) = instructor(&state, &q, &headers) {
        return r.into_response();
    }
    super::live::stream(state).into_response()
}

async fn join(
    State(state): State<Arc<ClassState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(req): Json<JoinRequest>,
) -> Response {
    if !state.joins.allow(peer.ip()) {
        return error(StatusCode::TOO_MANY_REQUESTS, "too many joins from this address", None);
    }
    match state.join(&req.code, &req.name) {
        Ok(j) => Json(j).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn join_by_instructor(
    State(state): State<Arc<ClassState>>,
    q: Query<KeyQuery>,
    headers: HeaderMap,
    Json(req): Json<JoinRequest>,
) -> Response {
    if let Err(r) = instructor(&state, &q, &headers) {
        return r.into_response();
    }
    match state.join_as_instructor(&req.name) {
        Ok(j) => Json(j).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn me(State(state): State<Arc<ClassState>>, headers: HeaderMap) -> Response {
    let id = match learner(&state, &headers) {
        Ok(id) => id,
        Err(r) => return r.into_response(),
    };
    match state.last_seq(id) {
        Ok(last) => Json(serde_json::json!({"learner": id, "last_seq": last})).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn events(State(state): State<Arc<ClassState>>, headers: HeaderMap, Json(batch): Json<Batch>) -> Response {
    let id = match learner(&state, &headers) {
        Ok(id) => id,
        Err(r) => return r.into_response(),
    };
    if !state.posts.allow(id) {
        return error(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests from this learner; slow down",
            None,
        );
    }
    match state.post(id, batch) {
        Ok(a) => Json(a).into_response(),
        Err(e) => e.into_response(),
    }
}

async fn announce(
    State(state): State<Arc<ClassState>>,
    q: Query<KeyQuery>,
    headers: HeaderMap,
    Json(req): Json<Announce>,
) -> Response {
    if let Err(r) = instructor(&state, &q, &headers) {
        return r.into_response();
    }
    match state.announce(&req.text) {
        Ok(a) => Json(a).into_response(),
        Err(e) => e.into_response(),
    }
}
