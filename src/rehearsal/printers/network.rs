//! Printers of the network kinds: Service, Ingress, IngressClass, Endpoints and NetworkPolicy.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::cells::{age, arr_at, int_at, label_selector, load_balancer_addresses, map_selector, name, or_none, str_at};
use super::columns::{AGE, Col, NAME, col};

pub(super) const SERVICE: &[Col] = &[
    NAME,
    col("Type", "string", 0, "type determines how the Service is exposed."),
    col(
        "Cluster-IP",
        "string",
        0,
        "clusterIP is the IP address of the service and is usually assigned randomly.",
    ),
    col(
        "External-IP",
        "string",
        0,
        "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.",
    ),
    col(
        "Port(s)",
        "string",
        0,
        "The list of ports that are exposed by this service.",
    ),
    AGE,
    col(
        "Selector",
        "string",
        1,
        "Route service traffic to pods with label keys and values matching this selector.",
    ),
];

pub(super) const INGRESS: &[Col] = &[
    NAME,
    col(
        "Class",
        "string",
        0,
        "The name of the IngressClass resource that should be used for additional configuration",
    ),
    col(
        "Hosts",
        "string",
        0,
        "Hosts that incoming requests are matched against before the ingress rule",
    ),
    col(
        "Address",
        "string",
        0,
        "Address is a list containing ingress points for the load-balancer",
    ),
    col("Ports", "string", 0, "Ports of TLS configurations that open"),
    AGE,
];

pub(super) const INGRESSCLASS: &[Col] = &[
    NAME,
    col(
        "Controller",
        "string",
        0,
        "Controller that is responsible for handling this class",
    ),
    col(
        "Parameters",
        "string",
        0,
        "A reference to a resource with additional parameters",
    ),
    AGE,
];

pub(super) const ENDPOINTS: &[Col] = &[
    NAME,
    col(
        "Endpoints",
        "string",
        0,
        "The set of all endpoints is the union of all subsets.",
    ),
    AGE,
];

pub(super) const NETWORKPOLICY: &[Col] = &[
    NAME,
    col(
        "Pod-Selector",
        "string",
        0,
        "podSelector selects the pods to which this NetworkPolicy object applies. The array of rules is applied to any pods selected by this field. An empty selector matches all pods in this namespace.",
    ),
    AGE,
];

pub(super) fn service(obj: &Value, now: Timestamp) -> Vec<Value> {
    let ty = match str_at(obj, "/spec/type") {
        "" => "ClusterIP",
        t => t,
    };
    let external_ips: Vec<&str> = arr_at(obj, "/spec/externalIPs")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let external = match ty {
        "ClusterIP" | "NodePort" => or_none(&external_ips.join(",")),
        "LoadBalancer" => {
            let mut lb = load_balancer_addresses(obj);
            if !external_ips.is_empty() {
                if !lb.is_empty() {
                    lb.push(',');
                }
                lb.push_str(&external_ips.join(","));
            }
            if lb.is_empty() { "<pending>".into() } else { lb }
        }
        "ExternalName" => str_at(obj, "/spec/externalName").to_string(),
        _ => "<unknown>".into(),
    };
    let ports: Vec<String> = arr_at(obj, "/spec/ports")
        .iter()
        .map(|p| {
            let protocol = match str_at(p, "/protocol") {
                "" => "TCP",
                other => other,
            };
            let port = int_at(p, "/port");
            match int_at(p, "/nodePort") {
                0 => format!("{port}/{protocol}"),
                node_port => format!("{port}:{node_port}/{protocol}"),
            }
        })
        .collect();
    vec![
        name(obj),
        json!(ty),
        json!(or_none(str_at(obj, "/spec/clusterIP"))),
        json!(external),
        json!(or_none(&ports.join(","))),
        age(obj, now),
        json!(map_selector(obj.pointer("/spec/selector"))),
    ]
}

pub(super) fn ingress(obj: &Value, now: Timestamp) -> Vec<Value> {
    let rules = arr_at(obj, "/spec/rules");
    let mut hosts: Vec<&str> = Vec::new();
    let mut more = false;
    for r in rules {
        if hosts.len() == 3 {
            more = true;
        }
        let host = str_at(r, "/host");
        if !more && !host.is_empty() {
            hosts.push(host);
        }
    }
    let hosts = if hosts.is_empty() {
        "*".to_string()
    } else if more {
        format!("{} + {} more...", hosts.join(","), rules.len() - 3)
    } else {
        hosts.join(",")
    };
    let ports = if arr_at(obj, "/spec/tls").is_empty() {
        "80"
    } else {
        "80, 443"
    };
    vec![
        name(obj),
        json!(or_none(str_at(obj, "/spec/ingressClassName"))),
        json!(hosts),
        json!(load_balancer_addresses(obj)),
        json!(ports),
        age(obj, now),
    ]
}

pub(super) fn ingressclass(obj: &Value, now: Timestamp) -> Vec<Value> {
    let params = match obj.pointer("/spec/parameters").filter(|p| !p.is_null()) {
        Some(p) => {
            let mut s = str_at(p, "/kind").to_string();
            let group = str_at(p, "/apiGroup");
            if !group.is_empty() {
                s = format!("{s}.{group}");
            }
            format!("{s}/{}", str_at(p, "/name"))
        }
        None => "<none>".into(),
    };
    vec![
        name(obj),
        json!(str_at(obj, "/spec/controller")),
        json!(params),
        age(obj, now),
    ]
}

pub(super) fn endpoints(obj: &Value, now: Timestamp) -> Vec<Value> {
    const MAX: usize = 3;
    let subsets = arr_at(obj, "/subsets");
    let text = if subsets.is_empty() {
        "<none>".to_string()
    } else {
        let mut list: Vec<String> = Vec::new();
        let mut count = 0;
        for ss in subsets {
            let addresses = arr_at(ss, "/addresses");
            let ports = arr_at(ss, "/ports");
            if ports.is_empty() {
                count += addresses.len();
                list.extend(addresses.iter().map(|a| str_at(a, "/ip").to_string()));
            } else {
                for p in ports {
                    count += addresses.len();
                    for a in addresses {
                        let ip = str_at(a, "/ip");
                        let port = int_at(p, "/port");
                        list.push(if ip.contains(':') {
                            format!("[{ip}]:{port}")
                        } else {
                            format!("{ip}:{port}")
                        });
                    }
                }
            }
        }
        if list.len() > MAX {
            list.truncate(MAX);
            format!("{} + {} more...", list.join(","), count - MAX)
        } else {
            list.join(",")
        }
    };
    vec![name(obj), json!(text), age(obj, now)]
}

pub(super) fn networkpolicy(obj: &Value, now: Timestamp) -> Vec<Value> {
    vec![
        name(obj),
        json!(or_none(&label_selector(obj.pointer("/spec/podSelector")))),
        age(obj, now),
    ]
}
