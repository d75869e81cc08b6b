//! Request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`), as
//! kubectl 1.32's typed clients send them for `kubectl create namespace|configmap|secret|
//! deployment|service …`. A body is the magic `k8s\0` and a `runtime.Unknown` envelope (the
//! object's apiVersion and kind, and the object's own message); the object is decoded with the
//! field tables of [`schema`] into the JSON a real server would have read from a JSON body.
//! Responses stay JSON, which every such client also accepts.
//!
//! Depends on nothing else in the rehearsal; `media` calls it. `fields.rs` holds the table types,
//! `schema.rs` (generated) the tables, and this file the decoder.

pub mod fields;
#[rustfmt::skip]
mod schema;

use base64::Engine as _;
use prost::encoding::{WireType, decode_key, decode_varint};
use serde_json::{Map, Value};

use fields::Ty;

/// Why a body could not be decoded.
#[derive(Debug, thiserror::Error)]
pub enum ProtobufError {
    /// Not the Kubernetes envelope.
    #[error("the body does not start with the Kubernetes protobuf magic k8s\\0")]
    NoMagic,
    /// A kind the rehearsal has no message table for.
    #[error("{kind} ({api_version}) cannot be sent as protobuf to the rehearsal cluster; send it as JSON or YAML")]
    UnknownKind {
        /// The envelope's apiVersion.
        api_version: String,
        /// The envelope's kind.
        kind: String,
    },
    /// Malformed protobuf.
    #[error("invalid protobuf in {message}: {reason}")]
    Invalid {
        /// The message being decoded.
        message: &'static str,
        /// What was wrong.
        reason: String,
    },
}

/// The deepest nesting decoded (the same bound as for JSON bodies).
const MAX_DEPTH: usize = 128;

/// Go pointer fields whose zero value means something else than absence (`storageClassName: ""`
/// asks for no class, `replicas: 0` for none). Go's protobuf writes every plain (non-pointer)
/// scalar, zero or not, and its JSON leaves zeros out (`omitempty`); so a zero scalar is kept
/// only for these, as the server's own decoding and encoding would.
const POINTERS: &[&str] = &[
    "activeDeadlineSeconds",
    "allocateLoadBalancerNodePorts",
    "allowPrivilegeEscalation",
    "automountServiceAccountToken",
    "defaultMode",
    "enableServiceLinks",
    "expirationSeconds",
    "fsGroup",
    "hostUsers",
    "immutable",
    "ingressClassName",
    "mode",
    "optional",
    "partition",
    "priority",
    "privileged",
    "progressDeadlineSeconds",
    "readOnlyRootFilesystem",
    "replicas",
    "revisionHistoryLimit",
    "runAsGroup",
    "runAsNonRoot",
    "runAsUser",
    "setHostnameAsFQDN",
    "shareProcessNamespace",
    "storageClassName",
    "terminationGracePeriodSeconds",
];

/// A scalar JSON leaves out when it is not a pointer: `""`, `0`, `false`.
fn zero_scalar(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        _ => false,
    }
}

/// Decode a `k8s\0`-framed body into the object's JSON, with its apiVersion and kind.
pub fn decode(body: &[u8]) -> Result<Value, ProtobufError> {
    let envelope = body.strip_prefix(b"k8s\0").ok_or(ProtobufError::NoMagic)?;
    let mut api_version = String::new();
    let mut kind = String::new();
    let mut raw: &[u8] = &[];
    let mut buf = envelope;
    while !buf.is_empty() {
        let (tag, wire) = key(&mut buf, "runtime.Unknown")?;
        match (tag, wire) {
            (1, WireType::LengthDelimited) => {
                let mut meta = bytes(&mut buf, "runtime.Unknown")?;
                while !meta.is_empty() {
                    let (tag, wire) = key(&mut meta, "runtime.TypeMeta")?;
                    match (tag, wire) {
                        (1, WireType::LengthDelimited) => api_version = string(&mut meta, "runtime.TypeMeta")?,
                        (2, WireType::LengthDelimited) => kind = string(&mut meta, "runtime.TypeMeta")?,
                        _ => skip(wire, &mut meta, "runtime.TypeMeta")?,
                    }
                }
            }
            (2, WireType::LengthDelimited) => raw = bytes(&mut buf, "runtime.Unknown")?,
            _ => skip(wire, &mut buf, "runtime.Unknown")?,
        }
    }
    let root = schema::ROOTS
        .iter()
        .find(|r| r.api_version == api_version && r.kind == kind)
        .ok_or_else(|| ProtobufError::UnknownKind {
            api_version: api_version.clone(),
            kind: kind.clone(),
        })?;
    let mut obj = Map::new();
    obj.insert("apiVersion".into(), Value::String(api_version));
    obj.insert("kind".into(), Value::String(kind));
    message(raw, root.message, &mut obj, 0)?;
    Ok(Value::Object(obj))
}

fn invalid(message: &'static str, reason: impl std::fmt::Display) -> ProtobufError {
    ProtobufError::Invalid {
        message,
        reason: reason.to_string(),
    }
}

fn key(buf: &mut &[u8], message: &'static str) -> Result<(u32, WireType), ProtobufError> {
    decode_key(buf).map_err(|e| invalid(message, e))
}

fn varint(buf: &mut &[u8], message: &'static str) -> Result<u64, ProtobufError> {
    decode_varint(buf).map_err(|e| invalid(message, e))
}

fn bytes<'a>(buf: &mut &'a [u8], message: &'static str) -> Result<&'a [u8], ProtobufError> {
    let len = usize::try_from(varint(buf, message)?).map_err(|e| invalid(message, e))?;
    if len > buf.len() {
        return Err(invalid(message, "a length runs past the end of the body"));
    }
    let (head, tail) = buf.split_at(len);
    *buf = tail;
    Ok(head)
}

fn string(buf: &mut &[u8], message: &'static str) -> Result<String, ProtobufError> {
    let b = bytes(buf, message)?;
    String::from_utf8(b.to_vec()).map_err(|e| invalid(message, e))
}

fn fixed<const N: usize>(buf: &mut &[u8], message: &'static str) -> Result<[u8; N], ProtobufError> {
    if buf.len() < N {
        return Err(invalid(message, "a fixed-size value runs past the end of the body"));
    }
    let (head, tail) = buf.split_at(N);
    *buf = tail;
    Ok(head.try_into().expect("split at N"))
}

fn skip(wire: WireType, buf: &mut &[u8], message: &'static str) -> Result<(), ProtobufError> {
    match wire {
        WireType::Varint => varint(buf, message).map(drop),
        WireType::SixtyFourBit => fixed::<8>(buf, message).map(drop),
        WireType::ThirtyTwoBit => fixed::<4>(buf, message).map(drop),
        WireType::LengthDelimited => bytes(buf, message).map(drop),
        WireType::StartGroup | WireType::EndGroup => Err(invalid(message, "groups are not used by Kubernetes")),
    }
}

/// Decode the fields of message `index` from `buf` into `out`.
fn message(mut buf: &[u8], index: usize, out: &mut Map<String, Value>, depth: usize) -> Result<(), ProtobufError> {
    let msg = &schema::MESSAGES[index];
    if depth > MAX_DEPTH {
        return Err(invalid(msg.name, format!("nested deeper than {MAX_DEPTH} levels")));
    }
    while !buf.is_empty() {
        let (tag, wire) = key(&mut buf, msg.name)?;
        let Some(field) = msg.fields.iter().find(|f| f.tag == tag) else {
            // A field this table does not know (a newer server's): skipped, as unknown JSON
            // fields are dropped.
            skip(wire, &mut buf, msg.name)?;
            continue;
        };
        if let Ty::Inline(inner) = field.ty {
            let nested = bytes(&mut buf, msg.name)?;
            message(nested, inner, out, depth + 1)?;
            continue;
        }
        // Packed repeated scalars (`[packed=true]`) arrive as one length-delimited run.
        let packed = field.repeated
            && wire == WireType::LengthDelimited
            && matches!(field.ty, Ty::Bool | Ty::Int32 | Ty::Int64 | Ty::Double);
        if packed {
            let mut run = bytes(&mut buf, msg.name)?;
            let wire = if matches!(field.ty, Ty::Double) {
                WireType::SixtyFourBit
            } else {
                WireType::Varint
            };
            while !run.is_empty() {
                let v = value(field.ty, wire, &mut run, msg.name, depth)?;
                push(out, field.json, v);
            }
            continue;
        }
        let v = value(field.ty, wire, &mut buf, msg.name, depth)?;
        if field.repeated {
            push(out, field.json, v);
        } else if let Ty::Map(_) = field.ty {
            // Each map entry arrives as its own field occurrence.
            let entry = out.entry(field.json).or_insert_with(|| Value::Object(Map::new()));
            if let (Some(m), Value::Object(e)) = (entry.as_object_mut(), v) {
                m.extend(e);
            }
        } else if !zero_scalar(&v) || POINTERS.contains(&field.json) {
            out.insert(field.json.into(), v);
        }
    }
    Ok(())
}

fn push(out: &mut Map<String, Value>, key: &str, v: Value) {
    let list = out.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    if let Some(a) = list.as_array_mut() {
        a.push(v);
    }
}

fn expect(wire: WireType, want: WireType, message: &'static str) -> Result<(), ProtobufError> {
    if wire == want {
        Ok(())
    } else {
        Err(invalid(
            message,
            format!("wire type {wire:?} where {want:?} was expected"),
        ))
    }
}

/// One value of type `ty`.
fn value(ty: Ty, wire: WireType, buf: &mut &[u8], name: &'static str, depth: usize) -> Result<Value, ProtobufError> {
    Ok(match ty {
        Ty::String => {
            expect(wire, WireType::LengthDelimited, name)?;
            Value::String(string(buf, name)?)
        }
        Ty::Bool => {
            expect(wire, WireType::Varint, name)?;
            Value::Bool(varint(buf, name)? != 0)
        }
        Ty::Int32 => {
            expect(wire, WireType::Varint, name)?;
            // Negative int32s are sign-extended to 64 bits on the wire.
            Value::from(varint(buf, name)? as i64 as i32)
        }
        Ty::Int64 => {
            expect(wire, WireType::Varint, name)?;
            Value::from(varint(buf, name)? as i64)
        }
        Ty::Double => {
            expect(wire, WireType::SixtyFourBit, name)?;
            Value::from(f64::from_le_bytes(fixed::<8>(buf, name)?))
        }
        Ty::Bytes => {
            expect(wire, WireType::LengthDelimited, name)?;
            Value::String(base64::engine::general_purpose::STANDARD.encode(bytes(buf, name)?))
        }
        Ty::Message(index) | Ty::Inline(index) => {
            expect(wire, WireType::LengthDelimited, name)?;
            let mut obj = Map::new();
            message(bytes(buf, name)?, index, &mut obj, depth + 1)?;
            Value::Object(obj)
        }
        Ty::Map(value_ty) => {
            expect(wire, WireType::LengthDelimited, name)?;
            let mut entry = bytes(buf, name)?;
            let (mut k, mut v) = (String::new(), Value::Null);
            while !entry.is_empty() {
                let (tag, wire) = key(&mut entry, name)?;
                match tag {
                    1 => {
                        expect(wire, WireType::LengthDelimited, name)?;
                        k = string(&mut entry, name)?;
                    }
                    2 => v = value(*value_ty, wire, &mut entry, name, depth + 1)?,
                    _ => skip(wire, &mut entry, name)?,
                }
            }
            if v.is_null() {
                v = match value_ty {
                    Ty::String | Ty::Bytes | Ty::Quantity => Value::String(String::new()),
                    _ => Value::Object(Map::new()),
                };
            }
            let mut one = Map::new();
            one.insert(k, v);
            Value::Object(one)
        }
        Ty::Time | Ty::MicroTime => {
            expect(wire, WireType::LengthDelimited, name)?;
            let m = bytes(buf, name)?;
            // Go writes a zero time as an empty message; JSON shows it as null.
            if m.is_empty() {
                return Ok(Value::Null);
            }
            let (seconds, nanos) = time(m, name)?;
            // Time keeps whole seconds, as the server's own decoding does.
            let nanos = if matches!(ty, Ty::Time) { 0 } else { nanos };
            let ts = jiff::Timestamp::new(seconds, nanos).map_err(|e| invalid(name, e))?;
            let format = if matches!(ty, Ty::Time) {
                "%Y-%m-%dT%H:%M:%SZ"
            } else {
                "%Y-%m-%dT%H:%M:%S.%6fZ"
            };
            Value::String(ts.strftime(format).to_string())
        }
        Ty::Duration => {
            expect(wire, WireType::LengthDelimited, name)?;
            let mut m = bytes(buf, name)?;
            let mut nanos = 0i64;
            while !m.is_empty() {
                match key(&mut m, name)? {
                    (1, WireType::Varint) => nanos = varint(&mut m, name)? as i64,
                    (_, wire) => skip(wire, &mut m, name)?,
                }
            }
            Value::String(go_duration(nanos))
        }
        Ty::IntOrString => {
            expect(wire, WireType::LengthDelimited, name)?;
            let mut m = bytes(buf, name)?;
            let (mut is_string, mut int, mut text) = (false, 0i32, String::new());
            while !m.is_empty() {
                match key(&mut m, name)? {
                    (1, WireType::Varint) => is_string = varint(&mut m, name)? == 1,
                    (2, WireType::Varint) => int = varint(&mut m, name)? as i64 as i32,
                    (3, WireType::LengthDelimited) => text = string(&mut m, name)?,
                    (_, wire) => skip(wire, &mut m, name)?,
                }
            }
            if is_string {
                Value::String(text)
            } else {
                Value::from(int)
            }
        }
        Ty::Quantity | Ty::RawJson => {
            expect(wire, WireType::LengthDelimited, name)?;
            let mut m = bytes(buf, name)?;
            let mut inner: &[u8] = &[];
            while !m.is_empty() {
                match key(&mut m, name)? {
                    (1, WireType::LengthDelimited) => inner = bytes(&mut m, name)?,
                    (_, wire) => skip(wire, &mut m, name)?,
                }
            }
            if matches!(ty, Ty::Quantity) {
                Value::String(String::from_utf8_lossy(inner).into_owned())
            } else {
                serde_json::from_slice(inner).map_err(|e| invalid(name, format!("embedded JSON: {e}")))?
            }
        }
    })
}

fn time(mut m: &[u8], name: &'static str) -> Result<(i64, i32), ProtobufError> {
    let (mut seconds, mut nanos) = (0i64, 0i32);
    while !m.is_empty() {
        match key(&mut m, name)? {
            (1, WireType::Varint) => seconds = varint(&mut m, name)? as i64,
            (2, WireType::Varint) => nanos = varint(&mut m, name)? as i64 as i32,
            (_, wire) => skip(wire, &mut m, name)?,
        }
    }
    Ok((seconds, nanos))
}

/// Go's `time.Duration.String()`: `1h2m3s`, `1.5s`, `300ms`, `0s`.
fn go_duration(nanos: i64) -> String {
    if nanos == 0 {
        return "0s".into();
    }
    let sign = if nanos < 0 { "-" } else { "" };
    let n = nanos.unsigned_abs();
    if n < 1_000_000_000 {
        let (unit, div) = if n < 1_000 {
            ("ns", 1)
        } else if n < 1_000_000 {
            ("µs", 1_000)
        } else {
            ("ms", 1_000_000)
        };
        return format!("{sign}{}{unit}", trim_fraction(n, div));
    }
    let (h, rest) = (n / 3_600_000_000_000, n % 3_600_000_000_000);
    let (m, rest) = (rest / 60_000_000_000, rest % 60_000_000_000);
    let secs = trim_fraction(rest, 1_000_000_000);
    match (h, m) {
        (0, 0) => format!("{sign}{secs}s"),
        (0, m) => format!("{sign}{m}m{secs}s"),
        (h, m) => format!("{sign}{h}h{m}m{secs}s"),
    }
}

fn trim_fraction(n: u64, div: u64) -> String {
    let (whole, frac) = (n / div, n % div);
    if frac == 0 {
        return whole.to_string();
    }
    let width = div.to_string().len() - 1;
    let digits = format!("{frac:0width$}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::encoding::{encode_key, encode_varint};
    use serde_json::json;

    fn field(tag: u32, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        encode_key(tag, WireType::LengthDelimited, &mut out);
        encode_varint(payload.len() as u64, &mut out);
        out.extend_from_slice(payload);
        out
    }

    fn varint_field(tag: u32, v: u64) -> Vec<u8> {
        let mut out = Vec::new();
        encode_key(tag, WireType::Varint, &mut out);
        encode_varint(v, &mut out);
        out
    }

    fn envelope(api_version: &str, kind: &str, raw: &[u8]) -> Vec<u8> {
        let type_meta = [field(1, api_version.as_bytes()), field(2, kind.as_bytes())].concat();
        let mut body = b"k8s\0".to_vec();
        body.extend(field(1, &type_meta));
        body.extend(field(2, raw));
        body.extend(field(4, b"application/vnd.kubernetes.protobuf"));
        body
    }

    /// `kubectl create configmap c --from-literal=a=b`, as kubectl 1.32 encodes it.
    #[test]
    fn decodes_a_configmap() {
        let labels = field(11, &[field(1, b"app"), field(2, b"web")].concat());
        let created = field(8, &[]);
        let meta = [
            field(1, b"c"),
            field(2, b""),
            field(3, b"course"),
            labels,
            created,
            varint_field(7, 0),
        ]
        .concat();
        let data = field(2, &[field(1, b"a"), field(2, b"b")].concat());
        let binary = field(3, &[field(1, b"bin"), field(2, &[0xff, 0x00])].concat());
        let raw = [field(1, &meta), data, binary, varint_field(4, 1)].concat();
        let obj = decode(&envelope("v1", "ConfigMap", &raw)).expect("decodes");
        assert_eq!(
            obj,
            json!({"apiVersion": "v1", "kind": "ConfigMap",
                   "metadata": {"name": "c", "namespace": "course", "labels": {"app": "web"},
                                "creationTimestamp": null},
                   "data": {"a": "b"}, "binaryData": {"bin": "/wA="}, "immutable": true})
        );
    }

    /// A Deployment's nested template, an IntOrString, a Quantity map and an inline message.
    #[test]
    fn decodes_a_deployment() {
        let port = [varint_field(3, 80)].concat();
        let resources = field(1, &[field(1, b"cpu"), field(2, &field(1, b"100m"))].concat());
        let container = [
            field(1, b"nginx"),
            field(2, b"nginx:1.25"),
            field(6, &port),
            field(8, &resources),
        ]
        .concat();
        let volume = [field(1, b"data"), field(2, &field(1, &field(1, b"/tmp")))].concat();
        let pod_spec = [field(2, &container), field(1, &volume)].concat();
        let template = [
            field(1, &field(11, &[field(1, b"app"), field(2, b"web")].concat())),
            field(2, &pod_spec),
        ]
        .concat();
        let surge = [varint_field(1, 1), field(3, b"25%")].concat();
        let strategy = [field(1, b"RollingUpdate"), field(2, &field(2, &surge))].concat();
        let spec = [
            varint_field(1, 3),
            field(3, &template),
            field(4, &strategy),
            varint_field(6, 0),
        ]
        .concat();
        let raw = [field(1, &field(1, b"web")), field(2, &spec)].concat();
        let obj = decode(&envelope("apps/v1", "Deployment", &raw)).expect("decodes");
        assert_eq!(obj["spec"]["replicas"], 3);
        // A plain zero (revisionHistoryLimit is a pointer: kept) and a plain empty string (not).
        assert_eq!(obj["spec"]["revisionHistoryLimit"], 0);
        let c = &obj["spec"]["template"]["spec"]["containers"][0];
        assert_eq!(
            (
                c["name"].as_str(),
                c["image"].as_str(),
                c["ports"][0]["containerPort"].as_i64()
            ),
            (Some("nginx"), Some("nginx:1.25"), Some(80))
        );
        assert_eq!(c["resources"]["limits"]["cpu"], "100m");
        assert_eq!(
            obj["spec"]["template"]["spec"]["volumes"][0],
            json!({"name": "data", "hostPath": {"path": "/tmp"}})
        );
        assert_eq!(obj["spec"]["strategy"]["rollingUpdate"]["maxSurge"], "25%");
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(matches!(decode(b"{\"kind\":\"x\"}"), Err(ProtobufError::NoMagic)));
        assert!(matches!(
            decode(&envelope("batch/v1", "Job", &[])),
            Err(ProtobufError::UnknownKind { .. })
        ));
        let truncated = envelope("v1", "ConfigMap", &field(1, &field(1, b"c")));
        assert!(matches!(
            decode(&truncated[..truncated.len() - 40]),
            Err(ProtobufError::Invalid { .. })
        ));
    }

    #[test]
    fn go_durations() {
        for (nanos, text) in [
            (0, "0s"),
            (1_500_000_000, "1.5s"),
            (300_000_000, "300ms"),
            (3_600_000_000_000 + 2 * 60_000_000_000 + 3_000_000_000, "1h2m3s"),
            (5 * 60_000_000_000, "5m0s"),
        ] {
            assert_eq!(go_duration(nanos), text);
        }
    }
}
