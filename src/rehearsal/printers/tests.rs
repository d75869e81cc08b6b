//! The printers' columns and cells, kind by kind, against the Kubernetes printers.

use super::cells::human_duration;
use super::*;
use crate::rehearsal::kinds;

fn res(group: &str, plural: &str) -> &'static Resource {
    let version = match group {
        "" => "v1",
        "policy" => "v1beta1",
        _ => "v1",
    };
    kinds::lookup(group, version, plural, 21).expect("served resource")
}

fn now() -> Timestamp {
    "2024-05-01T12:00:00Z".parse().expect("timestamp")
}

fn row_of(group: &str, plural: &str, obj: &Value, minor: u32) -> Vec<(String, Value)> {
    let r = res(group, plural);
    let cols = column_definitions(r, minor);
    let cells = cells(r, obj, minor, now());
    assert_eq!(cols.len(), cells.len(), "one cell per column for {plural}");
    cols.iter()
        .map(|c| c["name"].as_str().expect("name").to_string())
        .zip(cells)
        .collect()
}

fn cell(row: &[(String, Value)], col: &str) -> Value {
    row.iter()
        .find(|(n, _)| n == col)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no column {col}"))
}

#[test]
fn human_durations_match_kubectl() {
    for (secs, want) in [
        (-5, "<invalid>"),
        (-1, "0s"),
        (5, "5s"),
        (119, "119s"),
        (182, "3m2s"),
        (300, "5m"),
        (600, "10m"),
        (3 * 3600 + 5 * 60, "3h5m"),
        (10 * 3600, "10h"),
        (2 * 86400, "2d"),
        (3 * 86400 + 4 * 3600, "3d4h"),
        (30 * 86400, "30d"),
        (3 * 365 * 86400 + 86400, "3y1d"),
        (9 * 365 * 86400, "9y"),
    ] {
        assert_eq!(human_duration(secs), want, "{secs}s");
    }
}

#[test]
fn pod_columns() {
    let pod = json!({
        "metadata": {"name": "mongo-0", "creationTimestamp": "2024-05-01T11:59:55Z"},
        "spec": {"nodeName": "minikube", "containers": [{"name": "mongo"}]},
        "status": {"phase": "Running", "podIP": "10.244.0.5", "podIPs": [{"ip": "10.244.0.5"}],
            "conditions": [{"type": "Ready", "status": "True"}],
            "containerStatuses": [{"name": "mongo", "ready": true, "restartCount": 0,
                "state": {"running": {"startedAt": "2024-05-01T11:59:57Z"}}}]}
    });
    let row = row_of("", "pods", &pod, 31);
    let names: Vec<&str> = row.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Name",
            "Ready",
            "Status",
            "Restarts",
            "Age",
            "IP",
            "Node",
            "Nominated Node",
            "Readiness Gates"
        ]
    );
    let values: Vec<Value> = row.into_iter().map(|(_, v)| v).collect();
    assert_eq!(
        values,
        [
            json!("mongo-0"),
            json!("1/1"),
            json!("Running"),
            json!("0"),
            json!("5s"),
            json!("10.244.0.5"),
            json!("minikube"),
            json!("<none>"),
            json!("<none>")
        ]
    );
    let pending = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}, {"name": "b"}]},
        "status": {"phase": "Pending"}});
    let row = row_of("", "pods", &pending, 31);
    assert_eq!(cell(&row, "Ready"), json!("0/2"));
    assert_eq!(cell(&row, "Status"), json!("Pending"));
    assert_eq!(cell(&row, "Age"), json!("<unknown>"));
    assert_eq!(cell(&row, "Node"), json!("<none>"));
    let creating = json!({"metadata": {"name": "p", "deletionTimestamp": null},
        "spec": {"containers": [{"name": "a"}]},
        "status": {"phase": "Pending", "containerStatuses": [{"name": "a", "ready": false, "restartCount": 2,
            "lastState": {"terminated": {"finishedAt": "2024-05-01T11:58:00Z"}},
            "state": {"waiting": {"reason": "ContainerCreating"}}}]}});
    let row = row_of("", "pods", &creating, 31);
    assert_eq!(cell(&row, "Status"), json!("ContainerCreating"));
    assert_eq!(cell(&row, "Restarts"), json!("2 (2m ago)"));
    let terminating = json!({"metadata": {"name": "p", "deletionTimestamp": "2024-05-01T11:59:00Z"},
        "spec": {"containers": [{"name": "a"}]}, "status": {"phase": "Running"}});
    assert_eq!(
        cell(&row_of("", "pods", &terminating, 31), "Status"),
        json!("Terminating")
    );
    let init = json!({"metadata": {"name": "p"},
        "spec": {"initContainers": [{"name": "i"}], "containers": [{"name": "a"}]},
        "status": {"phase": "Pending", "initContainerStatuses": [{"name": "i", "restartCount": 0,
            "state": {"running": {}}}]}});
    assert_eq!(cell(&row_of("", "pods", &init, 31), "Status"), json!("Init:0/1"));
}

#[test]
fn completed_pods_carry_a_row_condition() {
    let pod = json!({"metadata": {"name": "p"}, "spec": {"containers": [{"name": "a"}]},
        "status": {"phase": "Succeeded", "containerStatuses": [{"name": "a", "ready": false,
            "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}});
    let req = TableRequest {
        api_version: "meta.k8s.io/v1",
        include: Include::None,
        minor: 31,
    };
    let row = row(res("", "pods"), &pod, &req, now());
    assert_eq!(row["cells"][2], json!("Completed"));
    assert_eq!(row["conditions"][0]["type"], json!("Completed"));
    assert!(row.get("object").is_none());
}

#[test]
fn workload_columns() {
    let template =
        json!({"spec": {"containers": [{"name": "pacman", "image": "quay.io/ifont/pacman-nodejs-app:latest"}]}});
    let deploy = json!({"metadata": {"name": "pacman", "creationTimestamp": "2024-05-01T11:57:00Z"},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"name": "pacman"}}, "template": template},
        "status": {"readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2}});
    let row = row_of("apps", "deployments", &deploy, 31);
    let values: Vec<Value> = row.into_iter().map(|(_, v)| v).collect();
    assert_eq!(
        values,
        [
            json!("pacman"),
            json!("2/3"),
            json!(3),
            json!(2),
            json!("3m"),
            json!("pacman"),
            json!("quay.io/ifont/pacman-nodejs-app:latest"),
            json!("name=pacman")
        ]
    );
    let rs = json!({"metadata": {"name": "pacman-abc"}, "spec": {"replicas": 3,
        "selector": {"matchLabels": {"name": "pacman", "pod-template-hash": "abc"},
            "matchExpressions": [{"key": "tier", "operator": "In", "values": ["web", "api"]}]}, "template": template},
        "status": {"replicas": 3, "readyReplicas": 1}});
    let row = row_of("apps", "replicasets", &rs, 31);
    assert_eq!(cell(&row, "Desired"), json!(3));
    assert_eq!(cell(&row, "Current"), json!(3));
    assert_eq!(cell(&row, "Ready"), json!(1));
    assert_eq!(
        cell(&row, "Selector"),
        json!("name=pacman,pod-template-hash=abc,tier in (api,web)")
    );
    let sts = json!({"metadata": {"name": "mongo"}, "spec": {"template": template}, "status": {}});
    let row = row_of("apps", "statefulsets", &sts, 31);
    assert_eq!(cell(&row, "Ready"), json!("0/1"));
    assert_eq!(row.len(), 5);
}

#[test]
fn service_columns() {
    let lb = json!({"metadata": {"name": "pacman"}, "spec": {"type": "LoadBalancer", "clusterIP": "10.96.12.3",
        "ports": [{"port": 80, "nodePort": 31234, "protocol": "TCP"}], "selector": {"name": "pacman"}},
        "status": {"loadBalancer": {}}});
    let row = row_of("", "services", &lb, 31);
    assert_eq!(cell(&row, "Type"), json!("LoadBalancer"));
    assert_eq!(cell(&row, "External-IP"), json!("<pending>"));
    assert_eq!(cell(&row, "Port(s)"), json!("80:31234/TCP"));
    assert_eq!(cell(&row, "Selector"), json!("name=pacman"));
    let with_ip = json!({"metadata": {"name": "x"}, "spec": {"type": "LoadBalancer", "clusterIP": "10.96.0.9"},
        "status": {"loadBalancer": {"ingress": [{"ip": "127.0.49.2"}]}}});
    assert_eq!(
        cell(&row_of("", "services", &with_ip, 31), "External-IP"),
        json!("127.0.49.2")
    );
    let headless = json!({"metadata": {"name": "mongo"}, "spec": {"clusterIP": "None",
        "ports": [{"port": 27017}, {"port": 53, "protocol": "UDP"}]}});
    let row = row_of("", "services", &headless, 31);
    assert_eq!(cell(&row, "Type"), json!("ClusterIP"));
    assert_eq!(cell(&row, "Cluster-IP"), json!("None"));
    assert_eq!(cell(&row, "External-IP"), json!("<none>"));
    assert_eq!(cell(&row, "Port(s)"), json!("27017/TCP,53/UDP"));
    assert_eq!(cell(&row, "Selector"), json!("<none>"));
}

#[test]
fn storage_columns_follow_the_version() {
    let claim = json!({"metadata": {"name": "mongo-storage"},
        "spec": {"storageClassName": "standard", "volumeName": "pvc-1", "volumeMode": "Filesystem"},
        "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"]}});
    let new = row_of("", "persistentvolumeclaims", &claim, 31);
    let names: Vec<&str> = new.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Name",
            "Status",
            "Volume",
            "Capacity",
            "Access Modes",
            "StorageClass",
            "VolumeAttributesClass",
            "Age",
            "VolumeMode"
        ]
    );
    assert_eq!(cell(&new, "Access Modes"), json!("RWO"));
    assert_eq!(cell(&new, "VolumeAttributesClass"), json!("<unset>"));
    let old = row_of("", "persistentvolumeclaims", &claim, 21);
    assert!(old.iter().all(|(n, _)| n != "VolumeAttributesClass"));
    assert_eq!(cell(&old, "Capacity"), json!("1Gi"));
    let pending = json!({"metadata": {"name": "c"}, "spec": {}, "status": {"phase": "Pending"}});
    let row = row_of("", "persistentvolumeclaims", &pending, 21);
    assert_eq!(cell(&row, "Capacity"), json!(""));
    assert_eq!(cell(&row, "StorageClass"), json!(""));

    let volume = json!({"metadata": {"name": "pvc-1"}, "spec": {"capacity": {"storage": "1Gi"},
        "accessModes": ["ReadWriteMany", "ReadWriteOnce"], "persistentVolumeReclaimPolicy": "Delete",
        "storageClassName": "standard", "claimRef": {"namespace": "pacman", "name": "mongo-storage"}},
        "status": {"phase": "Bound"}});
    let row = row_of("", "persistentvolumes", &volume, 31);
    assert_eq!(cell(&row, "Access Modes"), json!("RWO,RWX"));
    assert_eq!(cell(&row, "Claim"), json!("pacman/mongo-storage"));
    assert_eq!(cell(&row, "Reason"), json!(""));

    let sc = json!({"metadata": {"name": "standard",
        "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
        "provisioner": "k8s.io/minikube-hostpath"});
    let row = row_of("storage.k8s.io", "storageclasses", &sc, 31);
    let values: Vec<Value> = row.into_iter().map(|(_, v)| v).collect();
    assert_eq!(
        values[..5],
        [
            json!("standard (default)"),
            json!("k8s.io/minikube-hostpath"),
            json!("Delete"),
            json!("Immediate"),
            json!(false)
        ]
    );
}

#[test]
fn cluster_and_config_columns() {
    let node = json!({"metadata": {"name": "minikube", "labels": {"node-role.kubernetes.io/control-plane": ""}},
        "status": {"conditions": [{"type": "Ready", "status": "True"}],
            "addresses": [{"type": "InternalIP", "address": "127.0.49.2"}],
            "nodeInfo": {"kubeletVersion": "v1.21.2"}}});
    let row = row_of("", "nodes", &node, 21);
    assert_eq!(cell(&row, "Status"), json!("Ready"));
    assert_eq!(cell(&row, "Roles"), json!("control-plane"));
    assert_eq!(cell(&row, "Version"), json!("v1.21.2"));
    assert_eq!(cell(&row, "Internal-IP"), json!("127.0.49.2"));
    assert_eq!(cell(&row, "External-IP"), json!("<none>"));
    assert_eq!(cell(&row, "OS-Image"), json!("<unknown>"));

    let ns = json!({"metadata": {"name": "pacman"}, "status": {"phase": "Active"}});
    assert_eq!(cell(&row_of("", "namespaces", &ns, 31), "Status"), json!("Active"));

    let secret = json!({"metadata": {"name": "s"}, "type": "kubernetes.io/tls", "data": {"a": "", "b": ""}});
    let row = row_of("", "secrets", &secret, 31);
    assert_eq!(
        (cell(&row, "Type"), cell(&row, "Data")),
        (json!("kubernetes.io/tls"), json!(2))
    );
    let cm = json!({"metadata": {"name": "c"}, "data": {"a": "1"}, "binaryData": {"b": ""}});
    assert_eq!(cell(&row_of("", "configmaps", &cm, 31), "Data"), json!(2));
    let sa = json!({"metadata": {"name": "default"}});
    assert_eq!(cell(&row_of("", "serviceaccounts", &sa, 31), "Secrets"), json!(0));

    let ep = json!({"metadata": {"name": "pacman"}, "subsets": [{"addresses": [
        {"ip": "10.244.0.4"}, {"ip": "10.244.0.5"}, {"ip": "10.244.0.6"}, {"ip": "10.244.0.7"}],
        "ports": [{"port": 8080}]}]});
    assert_eq!(
        cell(&row_of("", "endpoints", &ep, 31), "Endpoints"),
        json!("10.244.0.4:8080,10.244.0.5:8080,10.244.0.6:8080 + 1 more...")
    );
    let empty = json!({"metadata": {"name": "x"}});
    assert_eq!(cell(&row_of("", "endpoints", &empty, 31), "Endpoints"), json!("<none>"));
}

#[test]
fn network_and_event_columns() {
    let ing = json!({"metadata": {"name": "pacman"}, "spec": {"ingressClassName": "nginx",
        "rules": [{"host": "pacman.example"}], "tls": [{"hosts": ["pacman.example"]}]},
        "status": {"loadBalancer": {"ingress": [{"ip": "127.0.49.2"}]}}});
    let row = row_of("networking.k8s.io", "ingresses", &ing, 31);
    let values: Vec<Value> = row.into_iter().map(|(_, v)| v).take(5).collect();
    assert_eq!(
        values,
        [
            json!("pacman"),
            json!("nginx"),
            json!("pacman.example"),
            json!("127.0.49.2"),
            json!("80, 443")
        ]
    );
    let bare = json!({"metadata": {"name": "x"}, "spec": {"rules": [{}]}});
    let row = row_of("networking.k8s.io", "ingresses", &bare, 31);
    assert_eq!(
        (cell(&row, "Class"), cell(&row, "Hosts")),
        (json!("<none>"), json!("*"))
    );
    let class = json!({"metadata": {"name": "nginx"}, "spec": {"controller": "k8s.io/ingress-nginx"}});
    let row = row_of("networking.k8s.io", "ingressclasses", &class, 31);
    assert_eq!(cell(&row, "Parameters"), json!("<none>"));

    let ev = json!({"metadata": {"name": "mongo-0.17"}, "type": "Warning", "reason": "FailedScheduling",
        "message": "0/1 nodes are available ", "involvedObject": {"kind": "Pod", "name": "mongo-0"},
        "source": {"component": "default-scheduler"},
        "firstTimestamp": "2024-05-01T11:55:00Z", "lastTimestamp": "2024-05-01T11:59:30Z", "count": 4});
    let row = row_of("", "events", &ev, 31);
    assert_eq!(row[0].0, "Last Seen");
    assert_eq!(cell(&row, "Last Seen"), json!("30s"));
    assert_eq!(cell(&row, "Object"), json!("pod/mongo-0"));
    assert_eq!(cell(&row, "Message"), json!("0/1 nodes are available"));
    assert_eq!(cell(&row, "First Seen"), json!("5m"));
    assert_eq!(cell(&row, "Count"), json!(4));
    assert_eq!(cell(&row, "Source"), json!("default-scheduler"));
}

#[test]
fn rbac_psp_and_partial_metadata() {
    let rb = json!({"metadata": {"name": "rb"}, "roleRef": {"kind": "ClusterRole", "name": "view"},
        "subjects": [{"kind": "ServiceAccount", "namespace": "pacman", "name": "default"}]});
    let row = row_of("rbac.authorization.k8s.io", "rolebindings", &rb, 31);
    assert_eq!(cell(&row, "Role"), json!("ClusterRole/view"));
    assert_eq!(cell(&row, "ServiceAccounts"), json!("pacman/default"));
    let role = json!({"metadata": {"name": "r", "creationTimestamp": "2024-05-01T11:00:00Z"}});
    assert_eq!(
        cell(
            &row_of("rbac.authorization.k8s.io", "clusterroles", &role, 31),
            "Created At"
        ),
        json!("2024-05-01T11:00:00Z")
    );
    let psp = json!({"metadata": {"name": "pacman"}, "spec": {"privileged": false, "seLinux": {"rule": "RunAsAny"},
        "runAsUser": {"rule": "RunAsAny"}, "fsGroup": {"rule": "RunAsAny"}, "supplementalGroups": {"rule": "RunAsAny"},
        "volumes": ["*"]}});
    let row = row_of("policy", "podsecuritypolicies", &psp, 21);
    assert_eq!(cell(&row, "Priv"), json!("false"));
    assert_eq!(cell(&row, "Volumes"), json!("*"));

    let req = TableRequest {
        api_version: "meta.k8s.io/v1",
        include: Include::Metadata,
        minor: 31,
    };
    let ns = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "pacman", "resourceVersion": "7"},
        "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}});
    let t = single(res("", "namespaces"), &ns, &req);
    assert_eq!(t["kind"], "Table");
    assert_eq!(t["metadata"]["resourceVersion"], "7");
    assert_eq!(t["columnDefinitions"][0]["format"], "name");
    assert_eq!(t["rows"][0]["object"]["kind"], "PartialObjectMetadata");
    assert_eq!(t["rows"][0]["object"]["metadata"]["name"], "pacman");
    assert!(t["rows"][0]["object"].get("spec").is_none());
    let full = single(
        res("", "namespaces"),
        &ns,
        &TableRequest {
            include: Include::Object,
            ..req
        },
    );
    assert_eq!(full["rows"][0]["object"], ns);
}
