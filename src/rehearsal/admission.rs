//! Defaulting and validation applied on create and update, standing in for the API server's
//! admission plugins and registry strategies (only what the labs can observe).
//!
//! Depends on `kinds`, `selector`, `state`, `status` and `store`; never on `api`, which calls it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde_json::{Map, Value, json};

use crate::rehearsal::kinds::{Resource, by_kind};
use crate::rehearsal::object::{name_of, namespace_of};
use crate::rehearsal::selector::LabelSelector;
use crate::rehearsal::state::Shared;
use crate::rehearsal::status::ApiError;

type Causes = Vec<(String, &'static str, String)>;

fn required(causes: &mut Causes, field: &str, detail: &str) {
    let message = if detail.is_empty() {
        "Required value".to_string()
    } else {
        format!("Required value: {detail}")
    };
    causes.push((field.to_string(), "FieldValueRequired", message));
}

/// Whether a name is a valid DNS-1123 subdomain.
pub fn is_dns_subdomain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// Validate `metadata.name` the way the kind's strategy does.
pub fn validate_name(res: &Resource, name: &str) -> Result<(), ApiError> {
    let ok = if res.group == "rbac.authorization.k8s.io" {
        !name.is_empty() && !name.contains('/') && !name.contains('%') && name != "." && name != ".."
    } else {
        is_dns_subdomain(name)
    };
    if ok {
        return Ok(());
    }
    Err(ApiError::invalid(
        res,
        name,
        &[(
            "metadata.name".to_string(),
            "FieldValueInvalid",
            format!(
                "Invalid value: {name:?}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            ),
        )],
    ))
}

fn default_str(obj: &mut Value, key: &str, value: &str) {
    if obj.get(key).is_none_or(Value::is_null) {
        obj[key] = json!(value);
    }
}

fn default_val(obj: &mut Value, key: &str, value: Value) {
    if obj.get(key).is_none_or(Value::is_null) {
        obj[key] = value;
    }
}

/// The object at `key`, made an empty one when missing or not an object.
fn object_at<'a>(obj: &'a mut Value, key: &str) -> &'a mut Value {
    if !obj.get(key).is_some_and(Value::is_object) {
        obj[key] = json!({});
    }
    &mut obj[key]
}

fn validate_pod_spec(spec: Option<&Value>, prefix: &str, causes: &mut Causes) {
    let containers = spec.and_then(|s| s.get("containers")).and_then(Value::as_array);
    match containers {
        None => required(causes, &format!("{prefix}.containers"), ""),
        Some(list) if list.is_empty() => required(causes, &format!("{prefix}.containers"), ""),
        Some(list) => {
            for (i, c) in list.iter().enumerate() {
                if c.get("name").and_then(Value::as_str).is_none_or(str::is_empty) {
                    required(causes, &format!("{prefix}.containers[{i}].name"), "");
                }
                if c.get("image").and_then(Value::as_str).is_none_or(str::is_empty) {
                    required(causes, &format!("{prefix}.containers[{i}].image"), "");
                }
            }
        }
    }
}

fn default_pod_spec(spec: &mut Value) {
    if !spec.is_object() {
        return;
    }
    default_str(spec, "restartPolicy", "Always");
    default_str(spec, "dnsPolicy", "ClusterFirst");
    default_str(spec, "schedulerName", "default-scheduler");
    default_val(spec, "terminationGracePeriodSeconds", json!(30));
    default_val(spec, "securityContext", json!({}));
    for key in ["initContainers", "containers"] {
        if let Some(list) = spec.get_mut(key).and_then(Value::as_array_mut) {
            for c in list.iter_mut().filter(|c| c.is_object()) {
                let image = c.get("image").and_then(Value::as_str).unwrap_or_default();
                let last = image.rsplit('/').next().unwrap_or_default();
                let policy = if !last.contains(':') || image.ends_with(":latest") {
                    "Always"
                } else {
                    "IfNotPresent"
                };
                default_str(c, "imagePullPolicy", policy);
                default_str(c, "terminationMessagePath", "/dev/termination-log");
                default_str(c, "terminationMessagePolicy", "File");
                default_val(c, "resources", json!({}));
                if let Some(ports) = c.get_mut("ports").and_then(Value::as_array_mut) {
                    for p in ports.iter_mut().filter(|p| p.is_object()) {
                        default_str(p, "protocol", "TCP");
                    }
                }
            }
        }
    }
}

fn validate_selector(obj: &Value, causes: &mut Causes) {
    let Some(selector) = obj.pointer("/spec/selector").filter(|s| s.is_object()) else {
        required(causes, "spec.selector", "");
        return;
    };
    let sel = LabelSelector::from_object(selector);
    if sel.is_empty() {
        causes.push((
            "spec.selector".into(),
            "FieldValueInvalid",
            "Invalid value: empty selector is invalid for deployment".into(),
        ));
        return;
    }
    let template = obj.pointer("/spec/template").cloned().unwrap_or(Value::Null);
    if !sel.matches(&template) {
        let labels = template.pointer("/metadata/labels").cloned().unwrap_or(json!({}));
        causes.push((
            "spec.template.metadata.labels".into(),
            "FieldValueInvalid",
            format!("Invalid value: {labels}: `selector` does not match template `labels`"),
        ));
    }
}

fn default_workload(obj: &mut Value, kind: &str) {
    let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) else {
        return;
    };
    default_val(spec, "replicas", json!(1));
    default_val(spec, "revisionHistoryLimit", json!(10));
    match kind {
        "Deployment" => {
            default_val(spec, "progressDeadlineSeconds", json!(600));
            // SetDefaults_Deployment: an empty strategy (`strategy: {}`, as `kubectl create
            // deployment` sends) is a RollingUpdate of 25% surge and 25% unavailable.
            let strategy = object_at(spec, "strategy");
            default_str(strategy, "type", "RollingUpdate");
            if strategy["type"] == "RollingUpdate" {
                let rolling = object_at(strategy, "rollingUpdate");
                default_str(rolling, "maxUnavailable", "25%");
                default_str(rolling, "maxSurge", "25%");
            }
        }
        "StatefulSet" => {
            default_str(spec, "podManagementPolicy", "OrderedReady");
            let strategy = object_at(spec, "updateStrategy");
            default_str(strategy, "type", "RollingUpdate");
            if strategy["type"] == "RollingUpdate" {
                default_val(object_at(strategy, "rollingUpdate"), "partition", json!(0));
            }
        }
        _ => {}
    }
    if let Some(tspec) = spec.pointer_mut("/template/spec") {
        default_pod_spec(tspec);
    }
}

fn admit_service(shared: &Shared, obj: &mut Value, old: Option<&Value>, causes: &mut Causes) {
    let spec = obj
        .as_object_mut()
        .expect("objects are JSON objects")
        .entry("spec")
        .or_insert_with(|| json!({}));
    default_str(spec, "type", "ClusterIP");
    let kind = spec["type"].as_str().unwrap_or("ClusterIP").to_string();
    if kind == "ExternalName" {
        return;
    }
    if let Some(old_spec) = old.and_then(|o| o.get("spec")) {
        for key in ["clusterIP", "clusterIPs"] {
            if spec.get(key).is_none()
                && let Some(v) = old_spec.get(key)
            {
                spec[key] = v.clone();
            }
        }
    }
    if spec.get("clusterIP").and_then(Value::as_str).is_none_or(str::is_empty) {
        spec["clusterIP"] = json!(shared.allocate_cluster_ip());
    }
    let ip = spec["clusterIP"].clone();
    default_val(spec, "clusterIPs", json!([ip]));
    default_val(spec, "ipFamilies", json!(["IPv4"]));
    default_str(spec, "ipFamilyPolicy", "SingleStack");
    default_str(spec, "sessionAffinity", "None");
    default_str(spec, "internalTrafficPolicy", "Cluster");
    let node_ports = kind == "NodePort" || kind == "LoadBalancer";
    if node_ports {
        default_str(spec, "externalTrafficPolicy", "Cluster");
    }
    if kind == "LoadBalancer" {
        default_val(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
    match spec.get_mut("ports").and_then(Value::as_array_mut) {
        Some(ports) if !ports.is_empty() => {
            let old_ports = old
                .and_then(|o| o.pointer("/spec/ports"))
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for p in ports.iter_mut().filter(|p| p.is_object()) {
                default_str(p, "protocol", "TCP");
                let port = p.get("port").cloned().unwrap_or(Value::Null);
                default_val(p, "targetPort", port.clone());
                if node_ports && p.get("nodePort").is_none() {
                    let kept = old_ports
                        .iter()
                        .find(|o| o.get("port") == Some(&port))
                        .and_then(|o| o.get("nodePort"))
                        .cloned();
                    p["nodePort"] = kept.unwrap_or_else(|| json!(30000 + fastrand::u32(0..2768)));
                }
            }
        }
        _ => {
            if spec.get("clusterIP").and_then(Value::as_str) != Some("None") {
                required(causes, "spec.ports", "");
            }
        }
    }
    if old.is_none() {
        obj["status"] = json!({"loadBalancer": {}});
    }
}

/// Apply defaults and validation. `old` is the stored object on update.
pub fn admit(shared: &Shared, res: &Resource, obj: &mut Value, old: Option<&Value>) -> Result<(), ApiError> {
    let mut causes: Causes = Vec::new();
    let creating = old.is_none();
    match (res.group, res.kind) {
        ("", "Namespace") => {
            let name = name_of(obj).to_string();
            let labels = obj["metadata"]
                .as_object_mut()
                .expect("metadata")
                .entry("labels")
                .or_insert_with(|| json!({}));
            if shared.version.minor >= 21 && labels.is_object() {
                labels["kubernetes.io/metadata.name"] = json!(name);
            }
            if creating {
                obj["spec"] = json!({"finalizers": ["kubernetes"]});
                obj["status"] = json!({"phase": "Active"});
            }
        }
        ("", "Pod") => {
            validate_pod_spec(obj.get("spec"), "spec", &mut causes);
            if let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) {
                default_pod_spec(spec);
                // The ServiceAccount admission plugin, on pods only (never on templates).
                let sa = spec
                    .get("serviceAccountName")
                    .and_then(Value::as_str)
                    .unwrap_or("default")
                    .to_string();
                default_str(spec, "serviceAccountName", &sa);
                default_str(spec, "serviceAccount", &sa);
                default_val(spec, "enableServiceLinks", json!(true));
                default_val(spec, "priority", json!(0));
            }
            if creating {
                obj["status"] = json!({"phase": "Pending", "qosClass": "BestEffort"});
            }
        }
        ("", "Service") => admit_service(shared, obj, old, &mut causes),
        ("", "Secret") => {
            default_str(obj, "type", "Opaque");
            if let Some(Value::Object(string_data)) = obj.as_object_mut().and_then(|m| m.remove("stringData")) {
                let data = obj
                    .as_object_mut()
                    .expect("object")
                    .entry("data")
                    .or_insert_with(|| json!({}));
                for (k, v) in string_data {
                    data[k] = json!(BASE64.encode(v.as_str().unwrap_or_default().as_bytes()));
                }
            }
        }
        ("", "PersistentVolumeClaim") => {
            let spec = obj
                .as_object_mut()
                .expect("object")
                .entry("spec")
                .or_insert_with(|| json!({}));
            if spec
                .get("accessModes")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty)
            {
                required(&mut causes, "spec.accessModes", "at least 1 access mode is required");
            }
            if spec.pointer("/resources/requests/storage").is_none() {
                required(&mut causes, "spec.resources[storage]", "");
            }
            default_str(spec, "volumeMode", "Filesystem");
            if let Some(old_spec) = old.and_then(|o| o.get("spec")) {
                for key in ["storageClassName", "volumeName"] {
                    if spec.get(key).is_none()
                        && let Some(v) = old_spec.get(key)
                    {
                        spec[key] = v.clone();
                    }
                }
            }
            if creating {
                if spec.get("storageClassName").is_none_or(Value::is_null)
                    && let Some(class) = shared.default_storage_class()
                {
                    spec["storageClassName"] = json!(class);
                }
                obj["status"] = json!({"phase": "Pending"});
            }
        }
        ("", "PersistentVolume") => {
            if creating && obj.pointer("/status/phase").is_none() {
                obj["status"] = json!({"phase": "Available"});
            }
            if let Some(spec) = obj.get_mut("spec").filter(|s| s.is_object()) {
                default_str(spec, "persistentVolumeReclaimPolicy", "Retain");
                default_str(spec, "volumeMode", "Filesystem");
            }
        }
        ("apps", kind @ ("Deployment" | "ReplicaSet" | "StatefulSet")) => {
            validate_selector(obj, &mut causes);
            validate_pod_spec(obj.pointer("/spec/template/spec"), "spec.template.spec", &mut causes);
            if let Some(r) = obj.pointer("/spec/replicas").and_then(Value::as_i64)
                && r < 0
            {
                causes.push((
                    "spec.replicas".into(),
                    "FieldValueInvalid",
                    format!("Invalid value: {r}: must be greater than or equal to 0"),
                ));
            }
            default_workload(obj, kind);
        }
        ("networking.k8s.io", "Ingress") if creating => {
            if !obj.get("spec").is_some_and(Value::is_object) {
                obj["spec"] = json!({});
            }
            let annotated = obj
                .pointer("/metadata/annotations/kubernetes.io~1ingress.class")
                .is_some();
            if obj["spec"].get("ingressClassName").is_none()
                && !annotated
                && let Some(class) = shared.default_ingress_class()
            {
                obj["spec"]["ingressClassName"] = json!(class);
            }
            obj["status"] = json!({"loadBalancer": {}});
        }
        ("policy", "PodDisruptionBudget") => {
            let set = |key: &str| obj.pointer(&format!("/spec/{key}")).is_some_and(|v| !v.is_null());
            if set("minAvailable") && set("maxUnavailable") {
                causes.push((
                    "spec".into(),
                    "FieldValueInvalid",
                    "Invalid value: policy.PodDisruptionBudgetSpec: minAvailable and maxUnavailable cannot be both set"
                        .into(),
                ));
            }
        }
        ("storage.k8s.io", "StorageClass") => {
            default_str(obj, "reclaimPolicy", "Delete");
            default_str(obj, "volumeBindingMode", "Immediate");
            if obj.get("provisioner").and_then(Value::as_str).is_none_or(str::is_empty) {
                required(&mut causes, "provisioner", "");
            }
        }
        _ => {}
    }
    if causes.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(res, name_of(obj), &causes))
    }
}

/// Check the namespace an object is being created in: it must exist and not be terminating.
pub fn check_namespace(shared: &Shared, res: &Resource, obj: &Value) -> Result<(), ApiError> {
    if !res.namespaced {
        return Ok(());
    }
    let ns = namespace_of(obj);
    let ns_res = by_kind("", "Namespace");
    match shared.store.get(ns_res, "", ns) {
        None => Err(ApiError::not_found(ns_res, ns)),
        Some(n) if n.pointer("/metadata/deletionTimestamp").is_some() => Err(ApiError::forbidden(
            res,
            name_of(obj),
            format!("unable to create new content in namespace {ns} because it is being terminated"),
        )),
        Some(_) => Ok(()),
    }
}

/// Labels of a map as a JSON object (helper for controllers).
pub fn labels_of(obj: &Value) -> Map<String, Value> {
    obj.pointer("/metadata/labels")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_names() {
        assert!(is_dns_subdomain("pacman-7469bbb6d7-9mhxd"));
        assert!(is_dns_subdomain("a.b"));
        assert!(!is_dns_subdomain("Pacman"));
        assert!(!is_dns_subdomain("-a"));
        assert!(!is_dns_subdomain(""));
    }
}
