//! Content negotiation, as a real API server does it: request bodies in JSON, YAML or protobuf
//! (what kubectl 1.32's typed clients send; decoded by [`crate::rehearsal::protobuf`]), anything
//! else refused with 415; responses in JSON, YAML, a `meta.k8s.io` Table or
//! PartialObjectMetadata as the `Accept` header asks (protobuf is never answered: every client
//! that accepts it accepts JSON too; 406 when nothing it accepts can be served), and the server's
//! limits on body size (413) and nesting (400).
//!
//! Depends on `protobuf` and `status` only; the server, watches and printers build on it.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::body::Body;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde_json::Value;

use crate::rehearsal::protobuf;
use crate::rehearsal::status::ApiError;

/// The largest request body a real API server accepts (`MaxRequestBodyBytes`, 3 MiB).
pub const MAX_BODY_BYTES: usize = 3 * 1024 * 1024;

/// The deepest nesting of arrays and objects accepted in a body. serde_json refuses more than
/// 128 levels; YAML bodies are held to the same before they reach the parser, whose cost grows
/// with depth times size.
pub const MAX_DEPTH: usize = 128;

/// Bodies larger than this are parsed on a blocking thread, off the runtime that serves
/// watches, and the parse stops when the client goes away.
const PARSE_INLINE_BYTES: usize = 64 * 1024;

/// Media types accepted in request bodies (create, update, delete options).
const BODY_TYPES: &str = "application/json, application/yaml, application/vnd.kubernetes.protobuf";
/// Media types served in responses.
const RESPONSE_TYPES: &str = "application/json, application/yaml";

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// JSON (also every JSON patch flavour).
    Json,
    /// YAML (also server-side apply's `application/apply-patch+yaml`).
    Yaml,
    /// Kubernetes protobuf (`application/vnd.kubernetes.protobuf`).
    Protobuf,
}

/// The media type of a `Content-Type` header without parameters, lowercased. A missing header
/// means JSON, as on a real server.
pub fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| ct.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .filter(|ct| !ct.is_empty())
        .unwrap_or_else(|| "application/json".into())
}

/// The encoding of an object body (POST, PUT, DELETE options), or 415.
pub fn body_encoding(headers: &HeaderMap) -> Result<Encoding, ApiError> {
    match content_type(headers).as_str() {
        "application/json" => Ok(Encoding::Json),
        "application/yaml" => Ok(Encoding::Yaml),
        "application/vnd.kubernetes.protobuf" => Ok(Encoding::Protobuf),
        _ => Err(ApiError::unsupported_media_type(BODY_TYPES)),
    }
}

/// Read a request body, refusing one over [`MAX_BODY_BYTES`] with 413.
pub async fn read_body(body: Body) -> Result<axum::body::Bytes, ApiError> {
    match http_body_util::Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => Err(ApiError::too_large(MAX_BODY_BYTES)),
        Err(e) => Err(ApiError::bad_request(format!(
            "the request body could not be read: {e}"
        ))),
    }
}

/// Parse a body. Small bodies are parsed at once; large ones on a blocking thread that gives up
/// when this future is dropped (the client went away), so a slow parse never starves watches.
pub async fn decode(encoding: Encoding, bytes: axum::body::Bytes) -> Result<Value, ApiError> {
    if bytes.is_empty() {
        return Ok(Value::Null);
    }
    if bytes.len() <= PARSE_INLINE_BYTES {
        return decode_now(encoding, &bytes, &AtomicBool::new(false));
    }
    let cancelled = Arc::new(AtomicBool::new(false));
    let guard = CancelOnDrop(cancelled.clone());
    let parse = tokio::task::spawn_blocking(move || decode_now(encoding, &bytes, &cancelled));
    let result = parse.await.unwrap_or_else(|e| {
        Err(ApiError::bad_request(format!(
            "the request body could not be parsed: {e}"
        )))
    });
    drop(guard);
    result
}

/// Sets its flag when dropped: the handler's future is dropped when the client goes away.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// A reader over the body that fails once the request is cancelled, which stops the parser.
struct CancellableReader<'a> {
    rest: &'a [u8],
    cancelled: &'a AtomicBool,
}

impl std::io::Read for CancellableReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("the client went away"));
        }
        // Small reads, so a cancellation is seen within a few KiB of parsing.
        let n = buf.len().min(self.rest.len()).min(4096);
        buf[..n].copy_from_slice(&self.rest[..n]);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

fn decode_now(encoding: Encoding, bytes: &[u8], cancelled: &AtomicBool) -> Result<Value, ApiError> {
    match encoding {
        Encoding::Json => {
            let reader = CancellableReader { rest: bytes, cancelled };
            serde_json::from_reader(std::io::BufReader::with_capacity(4096, reader))
                .map_err(|e| ApiError::bad_request(format!("invalid JSON in request body: {e}")))
        }
        Encoding::Yaml => {
            if let Some(at) = yaml_too_deep(bytes, MAX_DEPTH) {
                return Err(ApiError::bad_request(format!(
                    "invalid YAML in request body: nested deeper than {MAX_DEPTH} levels at byte {at}"
                )));
            }
            if cancelled.load(Ordering::Relaxed) {
                return Err(ApiError::bad_request("the client went away"));
            }
            serde_norway::from_slice(bytes)
                .map_err(|e| ApiError::bad_request(format!("invalid YAML in request body: {e}")))
        }
        Encoding::Protobuf => protobuf::decode(bytes).map_err(|e| match e {
            protobuf::ProtobufError::UnknownKind { .. } => ApiError::unsupported_media_type_message(e.to_string()),
            other => ApiError::bad_request(other.to_string()),
        }),
    }
}

/// Where a YAML document's flow collections (`[`, `{`) nest deeper than `max`, if they do. A
/// linear scan that skips quoted scalars and comments; block nesting needs indentation, so its
/// depth is already bounded by the body size.
fn yaml_too_deep(bytes: &[u8], max: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let mut prev = b'\n';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if comment {
            comment = b != b'\n';
        } else if let Some(q) = quote {
            if b == q {
                // '' is an escaped quote inside a single-quoted scalar.
                if q == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                    i += 1;
                } else {
                    quote = None;
                }
            } else if q == b'"' && b == b'\\' {
                i += 1;
            }
        } else {
            match b {
                b'#' if prev.is_ascii_whitespace() => comment = true,
                b'"' | b'\'' if matches!(prev, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':' | b'-') => {
                    quote = Some(b);
                }
                b'[' | b'{' => {
                    depth += 1;
                    if depth > max {
                        return Some(i);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        prev = b;
        i += 1;
    }
    None
}

/// What a read (GET of an object, a list or a watch) answers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The object(s) as JSON.
    Json,
    /// The object(s) as YAML (not for watches).
    Yaml,
    /// A `meta.k8s.io` Table with the kind's printer columns.
    Table(TableRequest),
    /// `PartialObjectMetadata` (or a `PartialObjectMetadataList` for a list).
    Metadata {
        /// `meta.k8s.io/v1` or `meta.k8s.io/v1beta1`.
        api_version: &'static str,
    },
}

/// What a row of a Table carries besides its cells (`includeObject`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Include {
    /// No object.
    None,
    /// A `PartialObjectMetadata` (the default, what kubectl asks for).
    Metadata,
    /// The full object.
    Object,
}

/// A request for Table output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRequest {
    /// `meta.k8s.io/v1` or `meta.k8s.io/v1beta1`.
    pub api_version: &'static str,
    /// What each row carries.
    pub include: Include,
    /// The cluster's minor version (some columns depend on it).
    pub minor: u32,
}

/// What is being read, which decides the transformations on offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// One object.
    Object,
    /// A collection.
    List,
    /// A watch stream (JSON only: YAML is not a stream format).
    Watch,
    /// A write's response, or a subresource (plain encodings only).
    Plain,
}

/// One media range of an `Accept` header.
struct Range<'a> {
    media: String,
    q: f32,
    as_kind: Option<&'a str>,
    group: Option<&'a str>,
    version: Option<&'a str>,
}

fn ranges(accept: &str) -> Vec<Range<'_>> {
    let mut out: Vec<Range<'_>> = accept
        .split(',')
        .filter_map(|range| {
            let mut parts = range.split(';').map(str::trim);
            let mut media = parts.next().unwrap_or_default().to_ascii_lowercase();
            if media == "*" {
                media = "*/*".into();
            }
            let (kind, sub) = media.split_once('/')?;
            if kind.is_empty() || sub.is_empty() {
                return None;
            }
            let mut r = Range {
                media: media.clone(),
                q: 1.0,
                as_kind: None,
                group: None,
                version: None,
            };
            for p in parts {
                let Some((k, v)) = p.split_once('=') else { continue };
                let v = v.trim().trim_matches('"');
                match k.trim().to_ascii_lowercase().as_str() {
                    "as" => r.as_kind = Some(v),
                    "g" => r.group = Some(v),
                    "v" => r.version = Some(v),
                    "q" => r.q = v.parse().unwrap_or(0.0),
                    _ => {}
                }
            }
            Some(r)
        })
        .filter(|r| r.q > 0.0)
        .collect();
    // Highest quality first; the header's order among equals.
    out.sort_by(|a, b| b.q.total_cmp(&a.q));
    out
}

fn meta_version(r: &Range<'_>) -> Option<&'static str> {
    match (r.group, r.version) {
        (Some("meta.k8s.io"), Some("v1")) => Some("meta.k8s.io/v1"),
        (Some("meta.k8s.io"), Some("v1beta1")) => Some("meta.k8s.io/v1beta1"),
        _ => None,
    }
}

/// The response encoding for a read, from the `Accept` header and `includeObject`.
/// No header means JSON; a header none of whose ranges can be served (malformed ones are
/// skipped) is 406 Not Acceptable, as on a real server.
pub fn output(headers: &HeaderMap, include_object: Option<&str>, read: Read, minor: u32) -> Result<Output, ApiError> {
    let accepts: Vec<&str> = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let accept = accepts.join(",");
    if accept.trim().is_empty() {
        return Ok(Output::Json);
    }
    for r in &ranges(&accept) {
        let json = matches!(r.media.as_str(), "application/json" | "application/*" | "*/*");
        let yaml = r.media == "application/yaml";
        if !json && !yaml {
            continue;
        }
        match r.as_kind {
            None if yaml && read == Read::Watch => continue,
            None if yaml => return Ok(Output::Yaml),
            None => return Ok(Output::Json),
            Some(_) if !json => continue,
            Some("Table") if matches!(read, Read::Object | Read::List | Read::Watch) => {
                let Some(api_version) = meta_version(r) else { continue };
                let include = match include_object {
                    None | Some("Metadata") => Include::Metadata,
                    Some("None") => Include::None,
                    Some("Object") => Include::Object,
                    Some(other) => {
                        return Err(ApiError::bad_request(format!(
                            "unrecognized includeObject value: {other:?}"
                        )));
                    }
                };
                return Ok(Output::Table(TableRequest {
                    api_version,
                    include,
                    minor,
                }));
            }
            Some("PartialObjectMetadata") if matches!(read, Read::Object | Read::Watch) => {
                if let Some(api_version) = meta_version(r) {
                    return Ok(Output::Metadata { api_version });
                }
            }
            Some("PartialObjectMetadataList") if read == Read::List => {
                if let Some(api_version) = meta_version(r) {
                    return Ok(Output::Metadata { api_version });
                }
            }
            Some(_) => {}
        }
    }
    Err(ApiError::not_acceptable(RESPONSE_TYPES))
}

/// A response body in the negotiated plain encoding (JSON unless YAML was asked for).
pub fn respond(code: StatusCode, output: Output, body: &Value) -> Response {
    match output {
        Output::Yaml => match serde_norway::to_string(body) {
            Ok(text) => (code, [(header::CONTENT_TYPE, "application/yaml")], text).into_response(),
            Err(e) => ApiError::internal(format!("the response could not be encoded as YAML: {e}")).into_response(),
        },
        _ => json(code, body),
    }
}

/// A JSON response.
pub fn json(code: StatusCode, body: &Value) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    (code, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// A `Status` error is answered as a JSON `Status` object with its HTTP code.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = StatusCode::from_u16(self.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        json(code, &self.to_status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, HeaderValue::from_str(value).expect("header"));
        h
    }

    fn table(value: &str) -> Option<&'static str> {
        match output(&accept(value), None, Read::List, 31) {
            Ok(Output::Table(t)) => Some(t.api_version),
            _ => None,
        }
    }

    #[test]
    fn negotiates_tables() {
        let kubectl = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
        assert_eq!(table(kubectl), Some("meta.k8s.io/v1"));
        assert_eq!(
            table("application/json;as=Table;v=v1beta1;g=meta.k8s.io"),
            Some("meta.k8s.io/v1beta1")
        );
        assert_eq!(table("application/json"), None);
        assert_eq!(table("application/json, */*"), None);
        assert_eq!(
            table("application/json,application/json;as=Table;v=v1;g=meta.k8s.io"),
            None
        );
        assert_eq!(
            table(
                "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io"
            ),
            Some("meta.k8s.io/v1")
        );
        assert_eq!(
            table("application/json;q=0.5,application/json;as=Table;v=v1;g=meta.k8s.io"),
            Some("meta.k8s.io/v1")
        );
    }

    #[test]
    fn plain_yaml_metadata_and_not_acceptable() {
        let read = |value: &str, read: Read| output(&accept(value), None, read, 31).map_err(|e| e.code);
        assert_eq!(read("", Read::Object), Ok(Output::Json));
        assert_eq!(read(";;;", Read::Object), Err(406));
        assert_eq!(read("*", Read::Object), Ok(Output::Json));
        assert_eq!(read("application/yaml", Read::Object), Ok(Output::Yaml));
        assert_eq!(read("application/yaml", Read::Watch), Err(406));
        assert_eq!(
            read("application/vnd.kubernetes.protobuf, */*", Read::List),
            Ok(Output::Json)
        );
        assert_eq!(read("application/vnd.kubernetes.protobuf", Read::Object), Err(406));
        assert_eq!(read("text/html", Read::Object), Err(406));
        assert_eq!(read("application/json;as=Table", Read::Object), Err(406));
        assert_eq!(
            read(
                "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
                Read::List
            ),
            Ok(Output::Metadata {
                api_version: "meta.k8s.io/v1"
            })
        );
        assert_eq!(
            read(
                "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json",
                Read::Object
            ),
            Ok(Output::Json)
        );
        assert_eq!(
            read("application/json;as=Table;g=meta.k8s.io;v=v1", Read::Plain),
            Err(406)
        );
        assert_eq!(
            output(
                &accept("application/json;as=Table;g=meta.k8s.io;v=v1"),
                Some("Everything"),
                Read::List,
                31
            )
            .map_err(|e| e.code),
            Err(400)
        );
    }

    #[test]
    fn body_encodings() {
        let with = |ct: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_str(ct).expect("header"));
            body_encoding(&h).map_err(|e| (e.code, e.reason))
        };
        assert_eq!(
            body_encoding(&HeaderMap::new()).map_err(|e| (e.code, e.reason)),
            Ok(Encoding::Json)
        );
        assert_eq!(with("application/json; charset=utf-8"), Ok(Encoding::Json));
        assert_eq!(with("application/yaml"), Ok(Encoding::Yaml));
        assert_eq!(with("application/vnd.kubernetes.protobuf"), Ok(Encoding::Protobuf));
        assert_eq!(with("application/cbor"), Err((415, "UnsupportedMediaType")));
    }

    #[test]
    fn yaml_depth_is_bounded_and_linear() {
        assert_eq!(yaml_too_deep(b"a: [1, {b: [2]}]", 3), None);
        assert_eq!(yaml_too_deep(b"a: [[[[1]]]]", 3), Some(6));
        assert_eq!(yaml_too_deep(b"a: '[[[[' # [[[[\nb: \"[[[[\\\"[[\"", 1), None);
        assert_eq!(yaml_too_deep(b"a: 'it''s [[[['", 1), None);
        let deep = "[".repeat(40_000);
        assert!(yaml_too_deep(deep.as_bytes(), MAX_DEPTH).is_some());
        let err = decode_now(Encoding::Yaml, deep.as_bytes(), &AtomicBool::new(false)).map_err(|e| e.message);
        assert!(
            err.as_ref().is_err_and(|m| m.contains("nested deeper than 128")),
            "{err:?}"
        );
    }

    #[test]
    fn a_cancelled_parse_stops() {
        let body = format!("[{}1]", "1,".repeat(100_000));
        let cancelled = AtomicBool::new(true);
        assert!(decode_now(Encoding::Json, body.as_bytes(), &cancelled).is_err());
        let parsed = decode_now(Encoding::Json, body.as_bytes(), &AtomicBool::new(false)).expect("parses");
        assert_eq!(parsed.as_array().map(Vec::len), Some(100_001));
    }
}
