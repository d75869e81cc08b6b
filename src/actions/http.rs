//! `http`: one HTTP request with expectations on its answer; also the request the `http`
//! check repeats. Plain http only: lab services are reached through a port-forward or tunnel.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use crate::checks::field::{same, value_contains};
use crate::engine::context::{StepCtx, StepError};
use crate::scenario::action::{Http, HttpExpect};
use crate::scenario::analyze::json_of;
use crate::scenario::field_path::FieldPath;

/// An answer.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> Option<Value> {
        serde_json::from_str(&self.body).ok()
    }
}

/// Sends the request once; an error is a connection-level failure.
pub async fn send(ctx: &StepCtx<'_>, h: &Http, timeout: Duration) -> Result<Response, StepError> {
    let url = ctx.render(&h.url)?;
    let uri: hyper::Uri = url
        .parse()
        .map_err(|e| StepError::new(format!("`{url}` is not a valid URL: {e}")))?;
    if uri.scheme_str() != Some("http") {
        return Err(StepError::new(format!("`{url}` is not an http:// URL")));
    }
    let mut req = hyper::Request::builder().method(h.method.as_str()).uri(uri);
    for (k, v) in &h.headers {
        req = req.header(k.as_str(), ctx.render(v)?);
    }
    let body = if !h.form.is_empty() {
        req = req.header("content-type", "application/x-www-form-urlencoded");
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &h.form {
            ser.append_pair(k, &ctx.render(v)?);
        }
        ser.finish()
    } else if let Some(j) = &h.json {
        req = req.header("content-type", "application/json");
        ctx.plan.render_json(&json_of(j), &ctx.captures())?.to_string()
    } else if let Some(b) = &h.body {
        ctx.render(b)?
    } else {
        String::new()
    };
    let req = req
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| StepError::new(format!("cannot build the request: {e}")))?;
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let fut = async {
        let resp = client
            .request(req)
            .await
            .map_err(|e| StepError::new(format!("{} {url}: {}", h.method.as_str(), error_chain(&e))))?;
        let status = resp.status().as_u16();
        let bytes = resp
            .into_body()
            .collect()
            .await
            .map_err(|e| StepError::new(format!("reading the answer from {url}: {e}")))?
            .to_bytes();
        Ok(Response {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    };
    tokio::time::timeout(timeout, fut).await.map_err(|_| {
        StepError::new(format!(
            "{} {url} did not answer within {}",
            h.method.as_str(),
            crate::scenario::duration::format_duration(timeout)
        ))
    })?
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// Checks an answer against the expectations; `Err` says what does not match.
pub fn expect(ctx: &StepCtx<'_>, e: &HttpExpect, r: &Response) -> Result<String, String> {
    match e.status {
        Some(code) if r.status != code => return Err(format!("status {} (expected {code})", r.status)),
        None if !(200..300).contains(&r.status) => return Err(format!("status {} (expected 2xx)", r.status)),
        _ => {}
    }
    if let Some(b) = &e.body_contains {
        let want = ctx.render(b).map_err(|e| e.message)?;
        if !r.body.contains(&want) {
            return Err(format!(
                "status {}, body does not contain {want:?}: {}",
                r.status,
                snippet(&r.body)
            ));
        }
    }
    if !e.json.is_empty() {
        let doc = r
            .json()
            .ok_or_else(|| format!("status {}, the body is not JSON: {}", r.status, snippet(&r.body)))?;
        for j in &e.json {
            let path = FieldPath::parse(j.path.get_ref())?;
            let (want, contains) = match (&j.equals, &j.contains) {
                (Some(v), _) => (v, false),
                (_, Some(v)) => (v, true),
                _ => continue,
            };
            let want = ctx
                .plan
                .render_json(&json_of(want), &ctx.captures())
                .map_err(|e| e.message)?;
            let found = path.select(&doc);
            let ok = found.iter().any(|v| {
                if contains {
                    value_contains(v, &want)
                } else {
                    same(v, &want)
                }
            });
            if !ok {
                let shown: Vec<String> = found.iter().take(10).map(|v| v.to_string()).collect();
                let verb = if contains { "contains" } else { "=" };
                return Err(format!(
                    "{} {verb} {want} expected; found {}",
                    j.path.get_ref(),
                    if shown.is_empty() {
                        "nothing there".into()
                    } else {
                        shown.join(", ")
                    }
                ));
            }
        }
    }
    Ok(format!("status {}", r.status))
}

fn snippet(body: &str) -> String {
    let one: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > 120 {
        format!("{}…", one.chars().take(120).collect::<String>())
    } else {
        one
    }
}

/// The `http` action: sends once (retrying connection failures briefly, a port-forward may
/// still be starting) and checks the expectations.
pub async fn perform(ctx: &StepCtx<'_>, h: &Http) -> Result<(String, Option<Response>), StepError> {
    let budget = ctx.scaled(ctx.step.timeout.map_or(Duration::from_secs(30), |t| t.as_std()));
    let start = std::time::Instant::now();
    let mut delay = Duration::from_millis(100);
    let resp = loop {
        match send(ctx, h, budget).await {
            Ok(r) => break r,
            Err(e) if start.elapsed() + delay < budget => {
                ctx.output(&format!("{} (retrying)", e.message));
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = ctx.cancel().cancelled() => return Err(StepError::new("interrupted")),
                }
                delay = (delay * 2).min(Duration::from_secs(2));
            }
            Err(e) => return Err(e),
        }
    };
    match expect(ctx, &h.expect, &resp) {
        Ok(summary) => Ok((
            format!("{} {}: {summary}", h.method.as_str(), ctx.render(&h.url)?),
            Some(resp),
        )),
        Err(why) => Err(StepError::new(format!("the answer does not match: {why}"))),
    }
}
