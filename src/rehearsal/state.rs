//! State shared by the HTTP server, the controllers and the public handle.
//!
//! Depends on `kinds` and `store` only.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::Duration;

use serde_json::Value;

use crate::rehearsal::kinds::{KubeVersion, by_kind};
use crate::rehearsal::object::name_of;
use crate::rehearsal::store::Store;

/// The simulated node's InternalIP, also the address of pods' `hostIP` and of Ingresses.
///
/// minikube's docker driver gives its node `192.168.49.2`; the rehearsal keeps the flavour but
/// stays on loopback (`127.0.49.2`), so nothing that follows an address it advertises (a
/// captured Ingress IP, a node address) can send a packet off this machine.
pub const NODE_IP: &str = "127.0.49.2";

/// How fast simulated transitions (scheduling, container start, readiness, provisioning…) happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pace {
    /// A few milliseconds per transition: for tests.
    #[default]
    Fast,
    /// One to two seconds per transition: for demos.
    Realistic,
    /// A fixed delay per transition.
    Custom(Duration),
}

impl std::str::FromStr for Pace {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fast" => Ok(Pace::Fast),
            "realistic" => Ok(Pace::Realistic),
            other => humantime::parse_duration(other)
                .map(Pace::Custom)
                .map_err(|_| format!("unknown pace {other:?}: expected fast, realistic or a duration like 500ms")),
        }
    }
}

/// Everything the server and controllers share.
pub struct Shared {
    /// The object store.
    pub store: Store,
    /// The Kubernetes version the cluster claims to be.
    pub version: KubeVersion,
    /// How fast simulated transitions happen.
    pub pace: Pace,
    /// The single node's name: minikube names it after the profile.
    pub node_name: String,
    /// Enabled minikube addons.
    pub addons: Mutex<BTreeSet<String>>,
    /// Cancelled when the cluster shuts down (ends open watches and controllers).
    pub shutdown: tokio_util::sync::CancellationToken,
    next_pod_ip: Mutex<u32>,
}

impl Shared {
    /// A fresh, empty cluster state.
    pub fn new(version: KubeVersion, pace: Pace, node_name: String) -> Self {
        Shared {
            store: Store::new(),
            version,
            pace,
            node_name,
            addons: Mutex::new(BTreeSet::new()),
            shutdown: tokio_util::sync::CancellationToken::new(),
            next_pod_ip: Mutex::new(0),
        }
    }

    /// One transition delay, drawn according to the pace.
    pub fn pace_delay(&self) -> Duration {
        match self.pace {
            Pace::Fast => Duration::from_millis(5),
            Pace::Realistic => Duration::from_millis(1000 + fastrand::u64(0..1000)),
            Pace::Custom(d) => d,
        }
    }

    /// Allocate an unused ClusterIP from 10.96.0.0/12 (10.96.0.1 and .10 are reserved for the
    /// `kubernetes` and DNS services).
    pub fn allocate_cluster_ip(&self) -> String {
        let (services, _) = self.store.list(by_kind("", "Service"), None);
        let used: BTreeSet<String> = services
            .iter()
            .filter_map(|s| s.pointer("/spec/clusterIP").and_then(Value::as_str).map(str::to_string))
            .collect();
        loop {
            let n: u32 = fastrand::u32(256..(1 << 20) - 1);
            let ip = format!("10.{}.{}.{}", 96 + (n >> 16), (n >> 8) & 255, n & 255);
            if !used.contains(&ip) && (n & 255) != 0 && (n & 255) != 255 {
                return ip;
            }
        }
    }

    /// Allocate a pod IP from 10.244.0.0/16.
    pub fn allocate_pod_ip(&self) -> String {
        let mut next = self.next_pod_ip.lock().unwrap_or_else(|p| p.into_inner());
        *next += 1;
        let n = (*next % 65000) + 2;
        format!("10.244.{}.{}", n / 250, n % 250 + 2)
    }

    /// Name of the default StorageClass, if one is marked default (newest wins, like the
    /// admission plugin).
    pub fn default_storage_class(&self) -> Option<String> {
        let (classes, _) = self.store.list(by_kind("storage.k8s.io", "StorageClass"), None);
        classes
            .iter()
            .filter(|c| {
                let ann =
                    |k: &str| c.pointer(&format!("/metadata/annotations/{k}")).and_then(Value::as_str) == Some("true");
                ann("storageclass.kubernetes.io~1is-default-class")
                    || ann("storageclass.beta.kubernetes.io~1is-default-class")
            })
            .max_by_key(|c| {
                c.pointer("/metadata/creationTimestamp")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            })
            .map(|c| name_of(c).to_string())
    }

    /// Name of the default IngressClass, if any.
    pub fn default_ingress_class(&self) -> Option<String> {
        let (classes, _) = self.store.list(by_kind("networking.k8s.io", "IngressClass"), None);
        classes
            .iter()
            .find(|c| {
                c.pointer("/metadata/annotations/ingressclass.kubernetes.io~1is-default-class")
                    .and_then(Value::as_str)
                    == Some("true")
            })
            .map(|c| name_of(c).to_string())
    }
}
