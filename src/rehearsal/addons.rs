//! minikube addon emulation and the objects every minikube cluster starts with.
//!
//! Depends on `api`, `kinds`, `state`, `store` and `error`; the server's addon endpoint and the
//! cluster's start call it.

use serde_json::{Value, json};

use crate::rehearsal::api;
use crate::rehearsal::error::RehearsalError;
use crate::rehearsal::kinds::by_kind;
use crate::rehearsal::state::NODE_IP;
use crate::rehearsal::state::Shared;
use crate::rehearsal::store::Propagation;

/// Addons the rehearsal cluster emulates.
pub const KNOWN: &[&str] = &[
    "csi-hostpath-driver",
    "default-storageclass",
    "ingress",
    "storage-provisioner",
    "volumesnapshots",
];

/// Addons minikube enables by default.
pub const DEFAULT_ENABLED: &[&str] = &["default-storageclass", "storage-provisioner"];

fn create(shared: &Shared, group: &str, kind: &str, ns: &str, obj: Value) -> Result<(), String> {
    match api::create(shared, by_kind(group, kind), ns, obj, false) {
        Ok(_) => Ok(()),
        Err(e) if e.reason == "AlreadyExists" => Ok(()),
        Err(e) => Err(e.message),
    }
}

fn delete(shared: &Shared, group: &str, kind: &str, ns: &str, name: &str) {
    // Already gone is fine: disabling is idempotent.
    let _ = api::delete(
        shared,
        by_kind(group, kind),
        ns,
        name,
        Propagation::Background,
        None,
        false,
    );
}

/// Create the objects a fresh minikube cluster has: namespaces, the node, the `kubernetes`
/// service, CoreDNS.
pub fn bootstrap(shared: &Shared) -> Result<(), String> {
    for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
        create(shared, "", "Namespace", "", json!({"metadata": {"name": ns}}))?;
    }
    let version = shared.version.git_version();
    let node = shared.node_name.clone();
    create(
        shared,
        "",
        "Node",
        "",
        json!({
            "metadata": {"name": node, "labels": {
                "kubernetes.io/hostname": node, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
                "minikube.k8s.io/name": node, "minikube.k8s.io/primary": "true",
                "node-role.kubernetes.io/control-plane": ""}},
            "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
            "status": {
                "capacity": {"cpu": "2", "memory": "4015424Ki", "pods": "110", "ephemeral-storage": "61202244Ki"},
                "allocatable": {"cpu": "2", "memory": "4015424Ki", "pods": "110", "ephemeral-storage": "61202244Ki"},
                "conditions": [
                    {"type": "MemoryPressure", "status": "False", "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"},
                    {"type": "DiskPressure", "status": "False", "reason": "KubeletHasNoDiskPressure", "message": "kubelet has no disk pressure"},
                    {"type": "PIDPressure", "status": "False", "reason": "KubeletHasSufficientPID", "message": "kubelet has sufficient PID available"},
                    {"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status (workshop rehearsal: no containers run)"}
                ],
                "addresses": [{"type": "InternalIP", "address": NODE_IP}, {"type": "Hostname", "address": node}],
                "nodeInfo": {
                    "kubeletVersion": version, "kubeProxyVersion": version, "containerRuntimeVersion": "rehearsal://0",
                    "operatingSystem": "linux", "architecture": "amd64", "osImage": "workshop rehearsal (no containers)",
                    "kernelVersion": "", "machineID": "", "systemUUID": "", "bootID": ""
                }
            }
        }),
    )?;
    create(
        shared,
        "",
        "Service",
        "default",
        json!({"metadata": {"name": "kubernetes", "labels": {"component": "apiserver", "provider": "kubernetes"}},
               "spec": {"clusterIP": "10.96.0.1", "ports": [{"name": "https", "port": 443, "targetPort": 8443}]}}),
    )?;
    create(
        shared,
        "",
        "Endpoints",
        "default",
        json!({"metadata": {"name": "kubernetes", "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
               "subsets": [{"addresses": [{"ip": NODE_IP}], "ports": [{"name": "https", "port": 8443, "protocol": "TCP"}]}]}),
    )?;
    create(
        shared,
        "apps",
        "Deployment",
        "kube-system",
        json!({"metadata": {"name": "coredns", "labels": {"k8s-app": "kube-dns"}},
               "spec": {"replicas": 1, "selector": {"matchLabels": {"k8s-app": "kube-dns"}},
                        "template": {"metadata": {"labels": {"k8s-app": "kube-dns"}},
                                     "spec": {"containers": [{"name": "coredns", "image": "registry.k8s.io/coredns/coredns:v1.11.1",
                                              "ports": [{"name": "dns", "containerPort": 53, "protocol": "UDP"}]}]}}}}),
    )?;
    create(
        shared,
        "",
        "Service",
        "kube-system",
        json!({"metadata": {"name": "kube-dns", "labels": {"k8s-app": "kube-dns"}},
               "spec": {"clusterIP": "10.96.0.10", "selector": {"k8s-app": "kube-dns"},
                        "ports": [{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53}]}}),
    )?;
    Ok(())
}

fn set_default_class(shared: &Shared, name: &str, default: bool) {
    shared
        .store
        .mutate(by_kind("storage.k8s.io", "StorageClass"), "", name, |o| {
            o["metadata"]["annotations"]["storageclass.kubernetes.io/is-default-class"] = json!(default.to_string());
        });
}

fn known() -> String {
    KNOWN.join(", ")
}

/// Enable an addon (idempotent).
pub fn enable(shared: &Shared, name: &str) -> Result<(), RehearsalError> {
    let fail = |message: String| RehearsalError::Addon {
        action: "enable",
        name: name.to_string(),
        message,
    };
    match name {
        "storage-provisioner" | "default-storageclass" => {
            let sc = by_kind("storage.k8s.io", "StorageClass");
            if shared.store.get(sc, "", "standard").is_none() {
                create(
                    shared,
                    "storage.k8s.io",
                    "StorageClass",
                    "",
                    json!({"metadata": {"name": "standard", "labels": {"addonmanager.kubernetes.io/mode": "EnsureExists"},
                                        "annotations": {"storageclass.kubernetes.io/is-default-class": (name == "default-storageclass").to_string()}},
                           "provisioner": "k8s.io/minikube-hostpath", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate"}),
                )
                .map_err(fail)?;
            }
            if name == "default-storageclass" {
                set_default_class(shared, "standard", true);
            }
        }
        "csi-hostpath-driver" => create(
            shared,
            "storage.k8s.io",
            "StorageClass",
            "",
            json!({"metadata": {"name": "csi-hostpath-sc", "labels": {"addonmanager.kubernetes.io/mode": "Reconcile"}},
                   "provisioner": "hostpath.csi.k8s.io", "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate",
                   "allowVolumeExpansion": true}),
        )
        .map_err(fail)?,
        "volumesnapshots" => {}
        "ingress" => {
            let labels = json!({"app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/instance": "ingress-nginx",
                                "app.kubernetes.io/component": "controller"});
            create(
                shared,
                "",
                "Namespace",
                "",
                json!({"metadata": {"name": "ingress-nginx", "labels": {"app.kubernetes.io/name": "ingress-nginx"}}}),
            )
            .map_err(fail)?;
            create(
                shared,
                "apps",
                "Deployment",
                "ingress-nginx",
                json!({"metadata": {"name": "ingress-nginx-controller", "labels": labels},
                       "spec": {"replicas": 1, "selector": {"matchLabels": labels},
                                "template": {"metadata": {"labels": labels},
                                             "spec": {"containers": [{"name": "controller",
                                                      "image": "registry.k8s.io/ingress-nginx/controller:v1.11.2",
                                                      "ports": [{"name": "http", "containerPort": 80}, {"name": "https", "containerPort": 443}]}]}}}}),
            )
            .map_err(fail)?;
            create(
                shared,
                "",
                "Service",
                "ingress-nginx",
                json!({"metadata": {"name": "ingress-nginx-controller", "labels": labels},
                       "spec": {"type": "NodePort", "selector": labels,
                                "ports": [{"name": "http", "port": 80, "targetPort": "http"}, {"name": "https", "port": 443, "targetPort": "https"}]}}),
            )
            .map_err(fail)?;
            create(
                shared,
                "networking.k8s.io",
                "IngressClass",
                "",
                json!({"metadata": {"name": "nginx", "labels": labels,
                                    "annotations": {"ingressclass.kubernetes.io/is-default-class": "true"}},
                       "spec": {"controller": "k8s.io/ingress-nginx"}}),
            )
            .map_err(fail)?;
        }
        _ => {
            return Err(RehearsalError::UnknownAddon {
                name: name.to_string(),
                known: known(),
            });
        }
    }
    shared
        .addons
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(name.to_string());
    Ok(())
}

/// Disable an addon (idempotent).
pub fn disable(shared: &Shared, name: &str) -> Result<(), RehearsalError> {
    match name {
        "default-storageclass" => set_default_class(shared, "standard", false),
        "storage-provisioner" | "volumesnapshots" => {}
        "csi-hostpath-driver" => delete(shared, "storage.k8s.io", "StorageClass", "", "csi-hostpath-sc"),
        "ingress" => {
            delete(shared, "networking.k8s.io", "IngressClass", "", "nginx");
            delete(shared, "", "Namespace", "", "ingress-nginx");
        }
        _ => {
            return Err(RehearsalError::UnknownAddon {
                name: name.to_string(),
                known: known(),
            });
        }
    }
    shared.addons.lock().unwrap_or_else(|p| p.into_inner()).remove(name);
    Ok(())
}
