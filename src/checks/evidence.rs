//! The cluster's own evidence for a failed check: recent Events of the objects involved (and of
//! their pods), and a one-line diagnosis of known causes.

use k8s_openapi::api::core::v1::Event as KubeEvent;
use kube::api::{Api, DynamicObject, ListParams};

use crate::engine::cluster::Connection;
use crate::scenario::CheckKind;

use super::Evidence;
use super::default_storage_class::is_default;

/// The most recent Events (up to 8) of the evidence objects and of objects named `name-…`.
pub async fn events(conn: &Connection, ev: &Evidence) -> Vec<String> {
    let api: Api<KubeEvent> = match &ev.namespace {
        Some(ns) => Api::namespaced(conn.client.clone(), ns),
        None => Api::all(conn.client.clone()),
    };
    let Ok(list) = api.list(&ListParams::default()).await else {
        return Vec::new();
    };
    let mut relevant: Vec<&KubeEvent> = list
        .items
        .iter()
        .filter(|e| {
            let n = e.involved_object.name.as_deref().unwrap_or("");
            ev.names
                .iter()
                .any(|want| n == want || n.starts_with(&format!("{want}-")))
        })
        .collect();
    // Timestamps have one-second precision; within a second, the resourceVersion (an etcd
    // revision on a real cluster, a counter on the rehearsal) keeps the order they happened in.
    relevant.sort_by_key(|e| {
        let at = e
            .last_timestamp
            .as_ref()
            .map(|t| t.0)
            .or_else(|| e.event_time.as_ref().map(|t| t.0));
        let rv = e
            .metadata
            .resource_version
            .as_deref()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        (at, rv)
    });
    relevant
        .iter()
        .rev()
        .take(8)
        .rev()
        .map(|e| {
            format!(
                "{} {} {}/{}: {}",
                e.type_.as_deref().unwrap_or("Normal"),
                e.reason.as_deref().unwrap_or(""),
                e.involved_object.kind.as_deref().unwrap_or("").to_ascii_lowercase(),
                e.involved_object.name.as_deref().unwrap_or(""),
                e.message.as_deref().unwrap_or("").trim()
            )
        })
        .collect()
}

/// A one-line diagnosis for causes learners meet often.
/// `events` are the lines [`events`] returned for the same evidence.
pub async fn diagnose(conn: &Connection, kind: &CheckKind, events: &[String], observed: &str) -> Option<String> {
    let events = events.join("\n");
    if events.contains("ErrImagePull") || events.contains("ImagePullBackOff") || events.contains("Failed to pull image")
    {
        let line = events.lines().find(|l| l.contains("pull")).unwrap_or("").to_owned();
        return Some(crate::t!("diagnosis-image-pull", event = line));
    }
    let pvc_trouble = events.contains("unbound immediate PersistentVolumeClaims")
        || events.contains("no storage class is set")
        || (matches!(kind, CheckKind::PvcBound(_)) && observed.contains("Pending"));
    if pvc_trouble {
        let classes = storage_classes(conn).await;
        let defaults: Vec<&str> = classes
            .iter()
            .filter(|o| is_default(o))
            .filter_map(|o| o.metadata.name.as_deref())
            .collect();
        if defaults.is_empty() {
            return Some(crate::t!("diagnosis-no-default-class"));
        }
        return Some(crate::t!("diagnosis-claim-not-bound", classes = defaults.join(", ")));
    }
    if matches!(kind, CheckKind::IngressAddress(_)) {
        let deploys: Api<DynamicObject> = Api::namespaced_with(
            conn.client.clone(),
            "ingress-nginx",
            &kube::discovery::ApiResource::erase::<k8s_openapi::api::apps::v1::Deployment>(&()),
        );
        return Some(match deploys.get_opt("ingress-nginx-controller").await.ok().flatten() {
            None => crate::t!("diagnosis-no-ingress-controller"),
            Some(d) => {
                let ready = d
                    .data
                    .pointer("/status/readyReplicas")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0);
                if ready == 0 {
                    crate::t!("diagnosis-ingress-controller-not-ready")
                } else {
                    crate::t!("diagnosis-ingress-no-address")
                }
            }
        });
    }
    None
}

async fn storage_classes(conn: &Connection) -> Vec<DynamicObject> {
    let api: Api<DynamicObject> = Api::all_with(
        conn.client.clone(),
        &kube::discovery::ApiResource::erase::<k8s_openapi::api::storage::v1::StorageClass>(&()),
    );
    api.list(&ListParams::default())
        .await
        .map(|l| l.items)
        .unwrap_or_default()
}
