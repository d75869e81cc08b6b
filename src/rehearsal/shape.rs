//! The shape checks of typed decoding. A real API server decodes a body into Go structs, so
//! `metadata.labels: "x"` or `spec.template: []` is refused with 400 before anything else looks
//! at it. The rehearsal keeps objects as JSON; these checks refuse the same bodies, so every
//! stored object has maps where the server, the controllers and the printers expect them.
//!
//! Depends on `kinds` and `status` only.

use serde_json::Value;

use crate::rehearsal::kinds::Resource;
use crate::rehearsal::status::ApiError;

/// What a field must hold.
#[derive(Clone, Copy)]
enum Want {
    /// A struct (a JSON object).
    Struct(&'static str),
    /// `map[string]string`.
    StringMap,
    /// A list.
    List(&'static str),
    /// An integer.
    Int(&'static str),
}

impl Want {
    fn go_type(self) -> &'static str {
        match self {
            Want::Struct(t) | Want::List(t) | Want::Int(t) => t,
            Want::StringMap => "map[string]string",
        }
    }

    fn accepts(self, v: &Value) -> bool {
        match self {
            Want::Struct(_) => v.is_object(),
            Want::StringMap => v
                .as_object()
                .is_some_and(|m| m.values().all(|v| v.is_string() || v.is_null())),
            Want::List(_) => v.is_array(),
            Want::Int(_) => v.is_i64() || v.is_u64(),
        }
    }
}

const COMMON: &[(&str, Want)] = &[
    ("/metadata", Want::Struct("v1.ObjectMeta")),
    ("/metadata/labels", Want::StringMap),
    ("/metadata/annotations", Want::StringMap),
    ("/metadata/finalizers", Want::List("[]string")),
    ("/metadata/ownerReferences", Want::List("[]v1.OwnerReference")),
];

/// `spec` and `status`, for the kinds that have them (others drop unknown fields).
const SPEC_STATUS: &[(&str, Want)] = &[("/spec", Want::Struct("spec")), ("/status", Want::Struct("status"))];

const POD_SPEC: &[(&str, Want)] = &[
    ("/containers", Want::List("[]v1.Container")),
    ("/initContainers", Want::List("[]v1.Container")),
    ("/volumes", Want::List("[]v1.Volume")),
    ("/nodeSelector", Want::StringMap),
];

const WORKLOAD: &[(&str, Want)] = &[
    ("/spec/replicas", Want::Int("int32")),
    ("/spec/selector", Want::Struct("v1.LabelSelector")),
    ("/spec/selector/matchLabels", Want::StringMap),
    (
        "/spec/selector/matchExpressions",
        Want::List("[]v1.LabelSelectorRequirement"),
    ),
    ("/spec/template", Want::Struct("v1.PodTemplateSpec")),
    ("/spec/template/metadata", Want::Struct("v1.ObjectMeta")),
    ("/spec/template/metadata/labels", Want::StringMap),
    ("/spec/template/metadata/annotations", Want::StringMap),
    ("/spec/template/spec", Want::Struct("v1.PodSpec")),
    ("/spec/strategy", Want::Struct("v1.DeploymentStrategy")),
    (
        "/spec/strategy/rollingUpdate",
        Want::Struct("v1.RollingUpdateDeployment"),
    ),
    ("/spec/updateStrategy", Want::Struct("v1.StatefulSetUpdateStrategy")),
    (
        "/spec/updateStrategy/rollingUpdate",
        Want::Struct("v1.RollingUpdateStatefulSetStrategy"),
    ),
    ("/spec/volumeClaimTemplates", Want::List("[]v1.PersistentVolumeClaim")),
    ("/spec/revisionHistoryLimit", Want::Int("int32")),
    ("/status/conditions", Want::List("[]v1.Condition")),
];

fn has_spec(res: &Resource) -> bool {
    !matches!(
        res.kind,
        "ConfigMap"
            | "Secret"
            | "Endpoints"
            | "Event"
            | "ServiceAccount"
            | "StorageClass"
            | "Role"
            | "ClusterRole"
            | "RoleBinding"
            | "ClusterRoleBinding"
    )
}

fn kind_fields(res: &Resource) -> &'static [(&'static str, Want)] {
    match (res.group, res.kind) {
        ("", "Service") => &[
            ("/spec/ports", Want::List("[]v1.ServicePort")),
            ("/spec/selector", Want::StringMap),
            ("/status/loadBalancer", Want::Struct("v1.LoadBalancerStatus")),
        ],
        ("", "Pod") => &[
            ("/status/conditions", Want::List("[]v1.PodCondition")),
            ("/status/containerStatuses", Want::List("[]v1.ContainerStatus")),
        ],
        ("", "PersistentVolumeClaim") => &[
            ("/spec/accessModes", Want::List("[]v1.PersistentVolumeAccessMode")),
            ("/spec/resources", Want::Struct("v1.VolumeResourceRequirements")),
            ("/spec/resources/requests", Want::StringMap),
        ],
        ("", "PersistentVolume") => &[
            ("/spec/claimRef", Want::Struct("v1.ObjectReference")),
            ("/spec/capacity", Want::StringMap),
        ],
        ("", "ConfigMap" | "Secret") => &[("/data", Want::StringMap), ("/stringData", Want::StringMap)],
        ("networking.k8s.io", "Ingress") => &[("/spec/rules", Want::List("[]v1.IngressRule"))],
        ("policy", "PodDisruptionBudget") => &[
            ("/spec/selector", Want::Struct("v1.LabelSelector")),
            ("/spec/selector/matchLabels", Want::StringMap),
        ],
        ("networking.k8s.io", "NetworkPolicy") => &[("/spec/podSelector", Want::Struct("v1.LabelSelector"))],
        ("apps", _) => WORKLOAD,
        _ => &[],
    }
}

fn found(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Refuse a body that typed decoding would refuse (400 BadRequest, with the decoder's words).
pub fn check(res: &Resource, obj: &Value) -> Result<(), ApiError> {
    let pod_spec_root = match (res.group, res.kind) {
        ("", "Pod") => Some("/spec"),
        ("apps", _) => Some("/spec/template/spec"),
        _ => None,
    };
    let pod_spec = pod_spec_root.into_iter().flat_map(|root| {
        POD_SPEC
            .iter()
            .map(move |(path, want)| (format!("{root}{path}"), *want))
    });
    let spec_status: &[(&str, Want)] = if has_spec(res) { SPEC_STATUS } else { &[] };
    let fields = COMMON
        .iter()
        .chain(spec_status)
        .chain(kind_fields(res))
        .map(|(path, want)| ((*path).to_string(), *want))
        .chain(pod_spec);
    for (path, want) in fields {
        match obj.pointer(&path) {
            None | Some(Value::Null) => {}
            Some(v) if want.accepts(v) => {}
            Some(v) => {
                let field = path.trim_start_matches('/').replace('/', ".");
                return Err(ApiError::bad_request(format!(
                    "{kind} in version \"{version}\" cannot be handled as a {kind}: json: cannot unmarshal {found} into Go struct field {kind}.{field} of type {go}",
                    kind = res.kind,
                    version = res.version,
                    found = found(v),
                    go = want.go_type(),
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rehearsal::kinds::by_kind;
    use serde_json::json;

    #[test]
    fn refuses_what_typed_decoding_refuses() {
        let d = by_kind("apps", "Deployment");
        assert!(
            check(
                d,
                &json!({"metadata": {"name": "d", "labels": {"a": "b"}}, "spec": {"template": {"metadata": null}}})
            )
            .is_ok()
        );
        let err = check(d, &json!({"metadata": {"annotations": "x"}})).map_err(|e| (e.code, e.message));
        assert!(
            err.as_ref().is_err_and(|(code, m)| *code == 400
                && m.contains("cannot unmarshal string into Go struct field Deployment.metadata.annotations of type map[string]string")),
            "{err:?}"
        );
        assert!(check(d, &json!({"spec": {"template": {"metadata": {"labels": {"a": 1}}}}})).is_err());
        assert!(check(d, &json!({"spec": {"template": {"spec": {"containers": {}}}}})).is_err());
        assert!(check(d, &json!({"spec": {"replicas": "3"}})).is_err());
        assert!(check(by_kind("", "Pod"), &json!({"status": "Running"})).is_err());
        assert!(check(by_kind("", "ConfigMap"), &json!({"data": {"a": 1}})).is_err());
    }
}
