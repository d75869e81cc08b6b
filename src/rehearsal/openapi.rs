//! A minimal OpenAPI v3 document.
//!
//! kubectl (1.27+) asks `/openapi/v3` which group versions exist, then fetches each group
//! version's document and looks for a PATCH operation tagged with the object's
//! `x-kubernetes-group-version-kind` that accepts the `fieldValidation` query parameter. When it
//! finds one it leaves validation to the server instead of validating client-side against
//! schemas. The documents here declare exactly that for every served kind, and carry no schemas:
//! field validation is permissive (unknown fields are kept, not rejected).
//!
//! Depends on `kinds` only.

use serde_json::{Map, Value, json};

use crate::rehearsal::kinds::{KubeVersion, RESOURCES, group_versions};

fn gv_path(group: &str, version: &str) -> String {
    if group.is_empty() {
        format!("api/{version}")
    } else {
        format!("apis/{group}/{version}")
    }
}

fn hash(version: &KubeVersion, gv: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in format!("{}/{gv}", version.git_version()).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016X}")
}

/// `/openapi/v3`: the index of group-version documents.
pub fn root(version: &KubeVersion) -> Value {
    let mut paths = Map::new();
    for (g, v) in group_versions(version.minor) {
        let p = gv_path(g, v);
        let url = format!("/openapi/v3/{p}?hash={}", hash(version, &p));
        paths.insert(p, json!({"serverRelativeURL": url}));
    }
    json!({"paths": paths})
}

fn param(name: &str) -> Value {
    json!({"name": name, "in": "query", "schema": {"type": "string", "uniqueItems": true}})
}

/// `/openapi/v3/{api/v1 | apis/group/version}`, if served.
pub fn group_version(version: &KubeVersion, path: &str) -> Option<Value> {
    let (group, ver) = group_versions(version.minor)
        .into_iter()
        .find(|(g, v)| gv_path(g, v) == path)?;
    let mut paths = Map::new();
    for r in RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == ver && r.served_on(version.minor))
    {
        let item = if r.namespaced {
            format!("/{path}/namespaces/{{namespace}}/{}/{{name}}", r.plural)
        } else {
            format!("/{path}/{}/{{name}}", r.plural)
        };
        let gvk = json!({"group": r.group, "version": r.version, "kind": r.kind});
        let op = |verb: &str, extra: Vec<Value>| {
            let mut parameters = vec![param("dryRun"), param("fieldManager")];
            parameters.extend(extra);
            json!({
                "operationId": format!("{verb}{}", r.kind),
                "description": format!("{verb} the specified {}", r.kind),
                "parameters": parameters,
                "responses": {"200": {"description": "OK"}},
                "x-kubernetes-action": verb,
                "x-kubernetes-group-version-kind": gvk,
            })
        };
        paths.insert(
            item,
            json!({
                "get": op("get", vec![]),
                "put": op("put", vec![param("fieldValidation")]),
                "patch": op("patch", vec![param("fieldValidation"), param("force")]),
                "delete": op("delete", vec![]),
            }),
        );
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes (workshop rehearsal cluster)", "version": version.git_version()},
        "paths": paths,
        "components": {"schemas": {}},
    }))
}

/// Content type of the protobuf OpenAPI v2 document.
pub const V2_PROTOBUF: &str = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

fn proto_string(field: u8, text: &str, out: &mut Vec<u8>) {
    out.push(field << 3 | 2);
    out.push(u8::try_from(text.len()).expect("short strings only"));
    out.extend_from_slice(text.as_bytes());
}

/// `/openapi/v2` as a gnostic `openapi_v2.Document` protobuf: `swagger: "2.0"` and `info`
/// (title, version), with no paths and no definitions.
pub fn v2_protobuf(version: &KubeVersion) -> Vec<u8> {
    let mut info = Vec::new();
    proto_string(1, "Kubernetes (workshop rehearsal cluster)", &mut info);
    proto_string(2, &version.git_version(), &mut info);
    let mut doc = Vec::new();
    proto_string(1, "2.0", &mut doc);
    doc.push(2 << 3 | 2);
    doc.push(u8::try_from(info.len()).expect("short message"));
    doc.extend(info);
    doc
}
