//! `?watch=true`: newline-delimited JSON WatchEvents, from a resourceVersion or from "now".
//!
//! Depends on `render`, `request`, `media`, `selector`, `kinds`, `state`, `status` and `store`;
//! the server routes to it, and it never imports the server.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::rehearsal::kinds::Resource;
use crate::rehearsal::media::Output;
use crate::rehearsal::render::render;
use crate::rehearsal::request::{Query, selectors};
use crate::rehearsal::selector::{FieldSelector, LabelSelector};
use crate::rehearsal::state::Shared;
use crate::rehearsal::status::ApiError;
use crate::rehearsal::store::Change;

/// How often a watch that allows bookmarks gets one.
const BOOKMARK_EVERY: Duration = Duration::from_secs(5);

/// How long a watch from a resourceVersion the store has not reached waits for it before it
/// fails with "Too large resource version" (the API server's watch cache waits 3 s).
pub const TOO_LARGE_WAIT: Duration = Duration::from_secs(3);

fn line(kind: &str, object: &Value) -> Bytes {
    let mut bytes = serde_json::to_vec(&json!({"type": kind, "object": object})).unwrap_or_default();
    bytes.push(b'\n');
    Bytes::from(bytes)
}

fn bookmark(res: &Resource, rv: u64, initial_end: bool) -> Bytes {
    let mut meta = json!({"resourceVersion": rv.to_string()});
    if initial_end {
        meta["annotations"] = json!({"k8s.io/initial-events-end": "true"});
    }
    line(
        "BOOKMARK",
        &json!({"kind": res.kind, "apiVersion": res.api_version(), "metadata": meta}),
    )
}

fn streaming(rx: mpsc::Receiver<Bytes>) -> Response {
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<_, Infallible>(b), rx))
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        Body::from_stream(stream),
    )
        .into_response()
}

struct Filter {
    labels: LabelSelector,
    fields: FieldSelector,
    /// How events carry their object: whole, as a one-row Table (`as=Table`, `kubectl get -w`)
    /// or as PartialObjectMetadata.
    output: Output,
}

impl Filter {
    fn matches(&self, c: &Change) -> bool {
        self.labels.matches(&c.object) && self.fields.matches(&c.object)
    }

    /// The event line for a change.
    fn event(&self, res: &Resource, c: &Change) -> Bytes {
        if res.is_storage() && matches!(self.output, Output::Json | Output::Yaml) {
            return line(c.event.as_str(), &c.object);
        }
        line(c.event.as_str(), &render(res, &c.object, self.output))
    }
}

/// Start a watch response. With a Table output, each event's object is a Table of one row (with
/// its column definitions, which kubectl prints once). A watch from a resourceVersion the store
/// has not reached waits up to [`TOO_LARGE_WAIT`] for it, then fails as the API server does.
pub async fn serve(
    shared: Arc<Shared>,
    res: &'static Resource,
    ns: Option<String>,
    query: &Query,
    output: Output,
) -> Result<Response, ApiError> {
    let (labels, fields) = selectors(query)?;
    let filter = Filter { labels, fields, output };
    let send_initial = query.flag("sendInitialEvents");
    let from = match query.get("resourceVersion") {
        None | Some("0") => None,
        Some(_) if send_initial => None,
        Some(rv) => Some(
            rv.parse::<u64>()
                .map_err(|_| ApiError::bad_request(format!("invalid resourceVersion {rv:?}")))?,
        ),
    };
    if let Some(from) = from {
        let mut changes = shared.store.subscribe();
        let reached = tokio::time::timeout(TOO_LARGE_WAIT, changes.wait_for(|rv| *rv >= from)).await;
        if !matches!(reached, Ok(Ok(_))) {
            return Err(ApiError::too_large_resource_version(
                from,
                shared.store.resource_version(),
            ));
        }
    }
    let bookmarks = query.flag("allowWatchBookmarks");
    let timeout = query
        .get("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .map(Duration::from_secs);
    let (tx, rx) = mpsc::channel::<Bytes>(256);
    match shared.store.watch(res, ns.as_deref(), filter.fields.name(), from) {
        Err(e) if e.code == 410 => {
            // Like the real API server: a 200 response carrying one ERROR event.
            let _ = tx.try_send(line("ERROR", &e.to_status()));
            drop(tx);
            Ok(streaming(rx))
        }
        Err(e) => Err(e),
        Ok((backlog, live, rv)) => {
            let initial_rv = from.unwrap_or(rv);
            tokio::spawn(pump(
                shared,
                tx,
                backlog,
                live,
                res,
                filter,
                bookmarks && send_initial,
                bookmarks,
                timeout,
                initial_rv,
            ));
            Ok(streaming(rx))
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn pump(
    shared: Arc<Shared>,
    tx: mpsc::Sender<Bytes>,
    backlog: Vec<Change>,
    mut live: mpsc::UnboundedReceiver<Change>,
    res: &'static Resource,
    filter: Filter,
    initial_end_bookmark: bool,
    bookmarks: bool,
    timeout: Option<Duration>,
    start_rv: u64,
) {
    let mut last_rv = start_rv;
    for c in backlog {
        last_rv = last_rv.max(c.rv);
        if filter.matches(&c) && tx.send(filter.event(res, &c)).await.is_err() {
            return;
        }
    }
    if initial_end_bookmark && tx.send(bookmark(res, last_rv, true)).await.is_err() {
        return;
    }
    let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
    let until_deadline = async move {
        match deadline {
            Some(d) => tokio::time::sleep_until(d).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(until_deadline);
    let mut ticker = tokio::time::interval(BOOKMARK_EVERY);
    ticker.tick().await;
    loop {
        tokio::select! {
            change = live.recv() => {
                let Some(c) = change else { return };
                if c.rv <= last_rv {
                    continue;
                }
                last_rv = c.rv;
                if filter.matches(&c) && tx.send(filter.event(res, &c)).await.is_err() {
                    return;
                }
            }
            _ = ticker.tick(), if bookmarks => {
                if tx.send(bookmark(res, last_rv, false)).await.is_err() {
                    return;
                }
            }
            () = &mut until_deadline => return,
            () = tx.closed() => return,
            () = shared.shutdown.cancelled() => return,
        }
    }
}
