//! Server-side printing: `meta.k8s.io/v1` Table responses for `Accept: application/json;as=Table`,
//! with the columns of the Kubernetes printers (`pkg/printers/internalversion`), computed from
//! the stored JSON. kubectl asks for tables for its human-readable output (`kubectl get`, `-o wide`).
//!
//! This file holds the column type, the columns many kinds share, the dispatch from a kind to its
//! printer and the Table and row builders. Each kind's columns and printer live in the file of
//! its kind group: `workloads.rs`, `network.rs`, `storage.rs`, `cluster.rs`, `access.rs`; `cells.rs` has
//! the helpers they share. A kind without a printer gets Name and Age, as a real server's default.
//!
//! Depends on: [`crate::rehearsal::kinds`] (which kind), [`crate::rehearsal::convert`] (the
//! object in the version asked for) and the Table request of [`crate::rehearsal::media`]; never
//! on the store, the API or the server, which call it.

mod access;
mod cells;
mod cluster;
mod columns;
mod network;
mod storage;
mod workloads;

use jiff::Timestamp;
use serde_json::{Value, json};

use crate::rehearsal::convert;
use crate::rehearsal::kinds::Resource;
use crate::rehearsal::media::{Include, TableRequest};
use access::{PDB, PSP, ROLE, ROLEBINDING, pdb, psp, role, rolebinding};
use cells::{age, name, str_at};
use cluster::{
    CONFIGMAP, EVENT, NAMESPACE, NODE, SECRET, SERVICEACCOUNT, configmap, event, namespace, node, secret,
    serviceaccount,
};
use columns::{AGE, Col, NAME};
use network::{
    ENDPOINTS, INGRESS, INGRESSCLASS, NETWORKPOLICY, SERVICE, endpoints, ingress, ingressclass, networkpolicy, service,
};
use storage::{PV, PVC, STORAGECLASS, pv, pvc, storageclass};
use workloads::{DEPLOYMENT, POD, REPLICASET, STATEFULSET, deployment, pod, replicaset, statefulset};

const FALLBACK: &[Col] = &[NAME, AGE];

type Printer = fn(&Value, Timestamp) -> Vec<Value>;

fn printer(res: &Resource) -> (&'static [Col], Printer) {
    // Printers read the stored object, in its storage version.
    let res = res.storage();
    match (res.group, res.kind) {
        ("", "Pod") => (POD, pod),
        ("apps", "Deployment") => (DEPLOYMENT, deployment),
        ("apps", "ReplicaSet") => (REPLICASET, replicaset),
        ("apps", "StatefulSet") => (STATEFULSET, statefulset),
        ("", "Service") => (SERVICE, service),
        ("", "PersistentVolumeClaim") => (PVC, pvc),
        ("", "PersistentVolume") => (PV, pv),
        ("storage.k8s.io", "StorageClass") => (STORAGECLASS, storageclass),
        ("", "Namespace") => (NAMESPACE, namespace),
        ("", "Node") => (NODE, node),
        ("networking.k8s.io", "Ingress") => (INGRESS, ingress),
        ("networking.k8s.io", "IngressClass") => (INGRESSCLASS, ingressclass),
        ("", "Event") => (EVENT, event),
        ("", "Endpoints") => (ENDPOINTS, endpoints),
        ("", "Secret") => (SECRET, secret),
        ("", "ConfigMap") => (CONFIGMAP, configmap),
        ("", "ServiceAccount") => (SERVICEACCOUNT, serviceaccount),
        ("rbac.authorization.k8s.io", "Role" | "ClusterRole") => (ROLE, role),
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => (ROLEBINDING, rolebinding),
        ("policy", "PodSecurityPolicy") => (PSP, psp),
        ("policy", "PodDisruptionBudget") => (PDB, pdb),
        ("networking.k8s.io", "NetworkPolicy") => (NETWORKPOLICY, networkpolicy),
        _ => (FALLBACK, fallback),
    }
}

/// The column definitions served for a resource on a cluster of the given minor version.
pub fn column_definitions(res: &Resource, minor: u32) -> Vec<Value> {
    let (cols, _) = printer(res);
    cols.iter()
        .filter(|c| minor >= c.since_minor)
        .map(|c| {
            json!({
                "name": c.name,
                "type": c.ty,
                "format": if c.name == "Name" { "name" } else { "" },
                "description": c.description,
                "priority": c.priority,
            })
        })
        .collect()
}

/// The cells of one object's row.
pub fn cells(res: &Resource, obj: &Value, minor: u32, now: Timestamp) -> Vec<Value> {
    let (cols, print) = printer(res);
    print(obj, now)
        .into_iter()
        .zip(cols)
        .filter(|(_, c)| minor >= c.since_minor)
        .map(|(cell, _)| cell)
        .collect()
}

/// One row: cells, conditions and the object as `includeObject` asks.
pub fn row(res: &Resource, obj: &Value, req: &TableRequest, now: Timestamp) -> Value {
    let mut row = json!({"cells": cells(res, obj, req.minor, now)});
    if res.kind == "Pod" && res.group.is_empty() {
        let (reason, message) = match str_at(obj, "/status/phase") {
            "Succeeded" => ("Succeeded", "The pod has completed successfully."),
            "Failed" => ("Failed", "The pod failed."),
            _ => ("", ""),
        };
        if !reason.is_empty() {
            row["conditions"] = json!([{"type": "Completed", "status": "True", "reason": reason, "message": message}]);
        }
    }
    match req.include {
        Include::None => {}
        Include::Object => row["object"] = convert::from_storage(res, obj),
        Include::Metadata => {
            row["object"] = json!({
                "kind": "PartialObjectMetadata",
                "apiVersion": req.api_version,
                "metadata": obj.get("metadata").cloned().unwrap_or_else(|| json!({})),
            });
        }
    }
    row
}

/// A Table of the given objects; `metadata` is the list metadata (resourceVersion, continue…).
pub fn table<O: std::borrow::Borrow<Value>>(res: &Resource, objs: &[O], metadata: Value, req: &TableRequest) -> Value {
    let now = Timestamp::now();
    let rows: Vec<Value> = objs.iter().map(|o| row(res, o.borrow(), req, now)).collect();
    json!({
        "kind": "Table",
        "apiVersion": req.api_version,
        "metadata": metadata,
        "columnDefinitions": column_definitions(res, req.minor),
        "rows": rows,
    })
}

/// A Table of one object (a get, or a watch event), with the object's resourceVersion.
pub fn single(res: &Resource, obj: &Value, req: &TableRequest) -> Value {
    let rv = str_at(obj, "/metadata/resourceVersion");
    table(res, std::slice::from_ref(obj), json!({"resourceVersion": rv}), req)
}

fn fallback(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![name(obj), age(obj, now)]
}

#[cfg(test)]
mod tests;
