//! `http`: one HTTP request with expectations on its answer; also the request the `http`
//! check repeats. Plain http only: lab services are reached through a port-forward or tunnel.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;

use crate::checks::compare::{Expected, compare};
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

/// A request rendered and allowed to go where it goes, ready to send (again and again: a
/// check repeats it). Whatever is wrong with it is found when it is built, not retried.
pub struct Request {
    method: &'static str,
    url: String,
    uri: hyper::Uri,
    headers: Vec<(String, String)>,
    body: Bytes,
}

impl Request {
    /// Renders the URL, headers and body; refuses what can never be sent (a malformed or
    /// non-http URL; on the rehearsal, an address off loopback).
    pub fn build(ctx: &StepCtx<'_>, h: &Http) -> Result<Request, StepError> {
        let url = ctx.render(&h.url)?;
        let uri: hyper::Uri = url.parse().map_err(|e: hyper::http::uri::InvalidUri| {
            StepError::new(crate::t!("http-invalid-url", url = url.as_str(), error = e.to_string()))
        })?;
        if uri.scheme_str() != Some("http") {
            return Err(StepError::new(crate::t!("http-not-http", url = url.as_str())));
        }
        if ctx.run.provider.is_rehearsal() {
            loopback_only(&uri)?;
        }
        let mut headers = Vec::new();
        for (k, v) in &h.headers {
            headers.push((k.clone(), ctx.render(v)?));
        }
        let body = if !h.form.is_empty() {
            headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
            let mut ser = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &h.form {
                ser.append_pair(k, &ctx.render(v)?);
            }
            ser.finish()
        } else if let Some(j) = &h.json {
            headers.push(("content-type".into(), "application/json".into()));
            ctx.plan.render_json(&json_of(j), &ctx.captures())?.to_string()
        } else if let Some(b) = &h.body {
            ctx.render(b)?
        } else {
            String::new()
        };
        let request = Request {
            method: h.method.as_str(),
            url,
            uri,
            headers,
            body: Bytes::from(body),
        };
        request.to_hyper()?;
        Ok(request)
    }

    /// The URL, rendered.
    pub fn url(&self) -> &str {
        &self.url
    }

    fn to_hyper(&self) -> Result<hyper::Request<Full<Bytes>>, StepError> {
        let mut req = hyper::Request::builder().method(self.method).uri(self.uri.clone());
        for (k, v) in &self.headers {
            req = req.header(k.as_str(), v.as_str());
        }
        req.body(Full::new(self.body.clone())).map_err(|e| {
            StepError::new(crate::t!(
                "http-cannot-build",
                url = self.url.as_str(),
                error = e.to_string()
            ))
        })
    }

    /// Sends the request once; an error is a connection-level failure, worth retrying.
    pub async fn send(&self, timeout: Duration) -> Result<Response, StepError> {
        let (method, url) = (self.method, &self.url);
        let req = self.to_hyper()?;
        let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
        let fut = async {
            let resp = client
                .request(req)
                .await
                .map_err(|e| StepError::new(format!("{method} {url}: {}", error_chain(&e))))?;
            let status = resp.status().as_u16();
            let bytes = resp
                .into_body()
                .collect()
                .await
                .map_err(|e| {
                    StepError::new(crate::t!(
                        "http-cannot-read-answer",
                        url = url.as_str(),
                        error = crate::os_error::cause(&e)
                    ))
                })?
                .to_bytes();
            Ok(Response {
                status,
                body: String::from_utf8_lossy(&bytes).into_owned(),
            })
        };
        tokio::time::timeout(timeout, fut).await.map_err(|_| {
            StepError::new(crate::t!(
                "http-no-answer-within",
                method = method.to_string(),
                url = url.to_string(),
                timeout = crate::scenario::duration::format_duration(timeout)
            ))
        })?
    }
}

/// On the rehearsal no container runs behind any address, and nothing a rehearsal run reaches
/// may leave this machine: a request goes to loopback (127.0.0.0/8, ::1, `localhost`) or not
/// at all. Names other than `localhost` are refused without a lookup (a lookup is traffic too).
fn loopback_only(uri: &hyper::Uri) -> Result<(), StepError> {
    let host = uri.host().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let loopback =
        bare.eq_ignore_ascii_case("localhost") || bare.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
    if loopback {
        Ok(())
    } else {
        Err(StepError::new(crate::t!("http-not-loopback", host = host))
            .hint(crate::t!("http-not-loopback-hint", host = host)))
    }
}

/// What went wrong with a request, for the learner: a connection the operating system refused
/// or cut is said in the tool's words around the system's own (`cannot connect: Connection
/// refused (os error 111)`); anything else is the whole chain of causes.
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut src: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return crate::t!("http-cannot-connect", error = crate::os_error::io(io));
        }
        src = s.source();
    }
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
        Some(code) if r.status != code => return Err(crate::t!("http-status-not", status = r.status, want = code)),
        None if !(200..300).contains(&r.status) => {
            return Err(crate::t!("http-status-not", status = r.status, want = "2xx"));
        }
        _ => {}
    }
    if let Some(b) = &e.body_contains {
        let want = ctx.render(b).map_err(|e| e.message)?;
        if !r.body.contains(&want) {
            return Err(crate::t!(
                "http-body-lacks",
                status = r.status,
                want = format!("{want:?}"),
                body = snippet(&r.body)
            ));
        }
    }
    if !e.json.is_empty() {
        let doc = r
            .json()
            .ok_or_else(|| crate::t!("http-body-not-json", status = r.status, body = snippet(&r.body)))?;
        for j in &e.json {
            let path = FieldPath::parse(j.path.get_ref())?;
            let Some(comparison) = j.comparisons().first().copied() else {
                continue;
            };
            let want = Expected::render(&ctx.plan, comparison, &ctx.captures()).map_err(|e| e.message)?;
            let seen = compare(&path, &doc, &want, false);
            if !seen.done {
                return Err(crate::t!(
                    "http-json-expected",
                    want = want.describe(&path),
                    found = seen.observed
                ));
            }
        }
    }
    Ok(crate::t!("http-status", status = r.status))
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
    let request = Request::build(ctx, h)?;
    let resp = loop {
        match request.send(budget).await {
            Ok(r) => break r,
            Err(e) if start.elapsed() + delay < budget => {
                ctx.output(&crate::t!("http-retrying", error = e.message.as_str()));
                tokio::select! {
                    _ = tokio::time::sleep(delay) => {}
                    _ = ctx.cancel().cancelled() => return Err(StepError::new(crate::t!("status-interrupted"))),
                }
                delay = (delay * 2).min(Duration::from_secs(2));
            }
            Err(e) => return Err(e),
        }
    };
    match expect(ctx, &h.expect, &resp) {
        Ok(summary) => Ok((
            format!("{} {}: {summary}", h.method.as_str(), request.url()),
            Some(resp),
        )),
        Err(why) => Err(StepError::new(crate::t!("http-answer-mismatch", why = why))),
    }
}

#[cfg(test)]
mod tests {
    use super::loopback_only;

    fn check(url: &str) -> Result<(), String> {
        loopback_only(&url.parse().expect("a valid test URL")).map_err(|e| e.message)
    }

    #[test]
    fn loopback_addresses_and_localhost_pass() {
        for url in [
            "http://127.0.0.1:9090/highscores/list",
            "http://127.0.49.2/",
            "http://127.255.255.254:80/",
            "http://[::1]:8080/",
            "http://localhost:9090/",
            "http://LOCALHOST/",
        ] {
            assert_eq!(check(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn every_other_address_is_refused_without_a_lookup() {
        for url in [
            "http://192.168.49.2/",
            "http://10.244.0.5:8080/",
            "http://10.96.0.10/",
            "http://[fe80::1]/",
            "http://[::ffff:192.168.0.1]/",
            "http://pacman.com/",
            "http://localhost.example/",
            "http://128.0.0.1/",
        ] {
            let err = check(url).expect_err(url);
            assert!(err.contains("not a loopback address"), "{url}: {err}");
        }
    }
}
