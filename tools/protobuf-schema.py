#!/usr/bin/env python3
"""Generate src/rehearsal/protobuf/schema.rs: the Kubernetes protobuf messages of the kinds the
rehearsal serves, as field tables (tag, JSON name, type), so request bodies kubectl sends as
`application/vnd.kubernetes.protobuf` can be decoded into the JSON the server keeps.

Field numbers and wire types come from the prost bindings of the upstream `generated.proto`
files (the `k8s-pb` crate); JSON names from the serde code of `k8s-openapi` (the crate the
project already uses). Run it again when either is updated:

    cargo info k8s-pb   # downloads the crate into ~/.cargo/registry
    tar xzf ~/.cargo/registry/cache/*/k8s-pb-0.9.0.crate -C /tmp
    python3 tools/protobuf-schema.py /tmp/k8s-pb-0.9.0/src \\
        ~/.cargo/registry/src/*/k8s-openapi-0.29.0/src/v1_33 > src/rehearsal/protobuf/schema.rs
"""

import os
import re
import sys

PB, OPENAPI = sys.argv[1], sys.argv[2]

# Roots: (apiVersion, kind, k8s-pb module path).
ROOTS = [
    ("v1", "Namespace", "api::core::v1"),
    ("v1", "Pod", "api::core::v1"),
    ("v1", "Service", "api::core::v1"),
    ("v1", "Endpoints", "api::core::v1"),
    ("v1", "Secret", "api::core::v1"),
    ("v1", "ConfigMap", "api::core::v1"),
    ("v1", "ServiceAccount", "api::core::v1"),
    ("v1", "Event", "api::core::v1"),
    ("v1", "PersistentVolumeClaim", "api::core::v1"),
    ("v1", "PersistentVolume", "api::core::v1"),
    ("v1", "Node", "api::core::v1"),
    ("apps/v1", "Deployment", "api::apps::v1"),
    ("apps/v1", "ReplicaSet", "api::apps::v1"),
    ("apps/v1", "StatefulSet", "api::apps::v1"),
    ("networking.k8s.io/v1", "Ingress", "api::networking::v1"),
    ("networking.k8s.io/v1", "IngressClass", "api::networking::v1"),
    ("networking.k8s.io/v1", "NetworkPolicy", "api::networking::v1"),
    ("policy/v1", "PodDisruptionBudget", "api::policy::v1"),
    ("policy/v1beta1", "PodDisruptionBudget", "api::policy::v1beta1"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", "api::rbac::v1"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "api::rbac::v1"),
    ("rbac.authorization.k8s.io/v1", "Role", "api::rbac::v1"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", "api::rbac::v1"),
    ("storage.k8s.io/v1", "StorageClass", "api::storage::v1"),
    ("autoscaling/v1", "Scale", "api::autoscaling::v1"),
    ("meta.k8s.io/v1", "DeleteOptions", "apimachinery::pkg::apis::meta::v1"),
    ("v1", "DeleteOptions", "apimachinery::pkg::apis::meta::v1"),
]

# Messages with a JSON form of their own (not an object of their fields).
SPECIAL = {
    "apimachinery::pkg::apis::meta::v1::Time": "Time",
    "apimachinery::pkg::apis::meta::v1::MicroTime": "MicroTime",
    "apimachinery::pkg::apis::meta::v1::Duration": "Duration",
    "apimachinery::pkg::apis::meta::v1::FieldsV1": "RawJson",
    "apimachinery::pkg::runtime::RawExtension": "RawJson",
    "apimachinery::pkg::util::intstr::IntOrString": "IntOrString",
    "apimachinery::pkg::api::resource::Quantity": "Quantity",
}

STRUCT = re.compile(r"^pub struct (\w+) \{")
ATTR = re.compile(r'^\s*#\[prost\((\w+)(?: = "([^"]*)")?, (?:(optional|repeated|required), )?tag = "(\d+)"\)\]')
FIELD = re.compile(r"^\s*pub (?:r#)?(\w+): (.*),$")


def module_file(path):
    return os.path.join(PB, *path.split("::"), "mod.rs")


def read_module(path):
    """{struct: [(tag, field, prost kind, map spec, label, rust type)]} of one k8s-pb module."""
    structs, current, attr = {}, None, None
    with open(module_file(path)) as f:
        lines = iter(f.read().splitlines())
        for line in lines:
            # rustfmt breaks long field types onto the next line(s).
            while re.match(r"^\s*pub (?:r#)?\w+:", line) and (
                not line.rstrip().endswith(",") or line.count("<") != line.count(">")
            ):
                line = line.rstrip() + " " + next(lines).strip()
            m = STRUCT.match(line)
            if m:
                current = structs.setdefault(m.group(1), [])
                continue
            if line.startswith("}"):
                current = None
                continue
            if current is None:
                continue
            m = ATTR.match(line)
            if m:
                attr = m.groups()
                continue
            m = FIELD.match(line)
            if m and attr:
                kind, spec, label, tag = attr
                rust = m.group(2).replace(" ", "").replace(",>", ">")
                current.append((int(tag), m.group(1), kind, spec, label, rust))
                attr = None
    return structs


def json_names():
    """snake_case field → JSON name, from k8s-openapi's serde code (`"volumeID" => Field::Key_volume_id`)."""
    names = {}
    pat = re.compile(r'"([A-Za-z0-9$_\-]+)" => Field::Key_(\w+),')
    for root, _, files in os.walk(OPENAPI):
        for name in files:
            with open(os.path.join(root, name)) as f:
                for json, snake in pat.findall(f.read()):
                    names.setdefault(snake, set()).add(json)
    return names


NAMES = json_names()
MODULES = {}


def module(path):
    if path not in MODULES:
        MODULES[path] = read_module(path)
    return MODULES[path]


def resolve(path, rust_type):
    """The module path and name of a message named in a field's Rust type, relative to `path`."""
    t = re.sub(r"^::core::option::Option<(.*)>$", r"\1", rust_type)
    t = re.sub(r"^::prost::alloc::vec::Vec<(.*)>$", r"\1", t)
    t = re.sub(r"^::prost::alloc::collections::BTreeMap<[^,]*,(.*)>$", r"\1", t)
    t = re.sub(r"^::prost::alloc::boxed::Box<(.*)>$", r"\1", t)
    parts = t.split("::")
    base = path.split("::")
    while parts and parts[0] == "super":
        base = base[:-1]
        parts = parts[1:]
    if parts and parts[0] == "crate":
        base, parts = [], parts[1:]
    return "::".join(base + parts[:-1]), parts[-1]


# k8s-pb splits some acronyms differently from k8s-openapi.
RENAMED = {
    "a_pi_group": "apiGroup",
    "non_resource_ur_ls": "nonResourceURLs",
    "pod_cid_rs": "podCIDRs",
    "target_ww_ns": "targetWWNs",
}


# Go structs embedded with `json:",inline"`: a message in protobuf, its fields in JSON.
INLINE = {
    ("Volume", "volume_source"),
    ("PersistentVolumeSpec", "persistent_volume_source"),
    ("EphemeralContainer", "ephemeral_container_common"),
    ("IngressRule", "ingress_rule_value"),
    ("Probe", "handler"),
}


def inline(struct, snake):
    return (struct, snake) in INLINE or snake == "local_object_reference"


def json_name(snake, struct):
    if snake in RENAMED:
        return RENAMED[snake]
    names = NAMES.get(snake)
    if not names:
        # A field k8s-openapi does not know: lowerCamelCase, as protoc would name it.
        head, *rest = snake.split("_")
        return head + "".join(p.capitalize() for p in rest)
    if len(names) == 1:
        return next(iter(names))
    camel = snake.split("_")[0] + "".join(p.capitalize() for p in snake.split("_")[1:])
    # Ambiguous: prefer the plain lowerCamelCase spelling when it is one of them.
    return camel if camel in names else sorted(names)[0]


ORDER, INDEX = [], {}


def visit(path, name):
    key = f"{path}::{name}"
    if key in SPECIAL or key in INDEX:
        return
    INDEX[key] = len(ORDER)
    ORDER.append(key)
    for (_tag, _field, kind, spec, _label, rust) in module(path)[name]:
        if kind == "message" or (kind == "btree_map" and spec.endswith("message")):
            visit(*resolve(path, rust))


for _api_version, kind, path in ROOTS:
    visit(path, kind)


def ty(path, kind, spec, rust):
    if kind in ("string",):
        return "Ty::String"
    if kind == "bool":
        return "Ty::Bool"
    if kind in ("int32",):
        return "Ty::Int32"
    if kind in ("int64",):
        return "Ty::Int64"
    if kind == "double":
        return "Ty::Double"
    if kind == "bytes":
        return "Ty::Bytes"
    if kind == "btree_map":
        value = spec.split(", ")[1]
        if value == "string":
            return "Ty::Map(&Ty::String)"
        if value == "bytes":
            return "Ty::Map(&Ty::Bytes)"
        return f"Ty::Map(&{message_ty(path, rust)})"
    if kind == "message":
        return message_ty(path, rust)
    raise SystemExit(f"unknown prost kind {kind} in {path}")


def message_ty(path, rust):
    p, n = resolve(path, rust)
    key = f"{p}::{n}"
    if key in SPECIAL:
        return f"Ty::{SPECIAL[key]}"
    return f"Ty::Message({INDEX[key]})"


out = sys.stdout
out.write("// @generated by tools/protobuf-schema.py from the k8s-pb and k8s-openapi crates; do not edit.\n")
out.write("//! Field tables of the Kubernetes protobuf messages of the served kinds.\n\n")
out.write("use super::fields::{Field, Message, Root, Ty};\n\n")
out.write("/// Every message reachable from a root, by index.\n")
out.write("pub static MESSAGES: &[Message] = &[\n")
for key in ORDER:
    path, name = key.rsplit("::", 1)
    out.write(f'    Message {{\n        name: "{name}",\n        fields: &[\n')
    for (tag, field, kind, spec, label, rust) in module(path)[name]:
        repeated = "true" if label == "repeated" else "false"
        t = ty(path, kind, spec, rust)
        if inline(name, field):
            t = t.replace("Ty::Message(", "Ty::Inline(")
        out.write(
            f'            Field {{ tag: {tag}, json: "{json_name(field, name)}", ty: {t}, repeated: {repeated} }},\n'
        )
    out.write("        ],\n    },\n")
out.write("];\n\n")
out.write("/// The top-level kinds, by apiVersion and kind.\n")
out.write("pub static ROOTS: &[Root] = &[\n")
for api_version, kind, path in ROOTS:
    out.write(f'    Root {{ api_version: "{api_version}", kind: "{kind}", message: {INDEX[f"{path}::{kind}"]} }},\n')
out.write("];\n")
