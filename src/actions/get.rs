//! `get`: show resources as a compact `kubectl get`-like table, in the step's output.

use kube::api::{DynamicObject, ListParams};

use crate::engine::context::{StepCtx, StepError};
use crate::kinds;
use crate::scenario::action::Get;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, g: &Get) -> Result<Done, StepError> {
    let conn = ctx.conn()?;
    let name = ctx.render_opt(g.name.as_ref())?;
    let ns = ctx.namespace(g.namespace.as_ref())?;
    let selector = ctx.render_opt(g.selector.as_ref())?;
    let mut wanted: Vec<String> = Vec::new();
    for r in g
        .resources
        .get_ref()
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        if r == "all" {
            wanted.extend(kinds::ALL_CATEGORY.iter().map(|k| (*k).to_owned()));
        } else {
            wanted.push(r.to_owned());
        }
    }
    let multi = wanted.len() > 1;
    let mut total = 0;
    for r in &wanted {
        let resolved = conn.resolve(r, None).await.map_err(StepError::new)?;
        let api = if resolved.namespaced && g.all_namespaces {
            kube::Api::all_with(conn.client.clone(), &resolved.ar)
        } else {
            conn.api(&resolved, Some(&ns))
        };
        let mut lp = ListParams::default();
        if let Some(s) = &selector {
            lp = lp.labels(s);
        }
        if let Some(n) = &name {
            lp = lp.fields(&format!("metadata.name={n}"));
        }
        let items = api
            .list(&lp)
            .await
            .map_err(|e| kube_error(&format!("listing {}", resolved.ar.plural), &e))?
            .items;
        total += items.len();
        if items.is_empty() {
            if !multi {
                let scope = if resolved.namespaced && !g.all_namespaces {
                    format!(" in {ns} namespace")
                } else {
                    String::new()
                };
                ctx.output(&format!("No resources found{scope}."));
            }
            continue;
        }
        let prefix = if multi {
            format!("{}/", resolved.ar.kind.to_ascii_lowercase())
        } else {
            String::new()
        };
        let table = table(
            &resolved.ar.kind,
            &items,
            &prefix,
            g.all_namespaces && resolved.namespaced,
        );
        for line in table {
            ctx.output(&line);
        }
        if multi {
            ctx.output("");
        }
    }
    Ok(Done::summary(format!("{total} found")))
}

fn s(o: &DynamicObject, ptr: &str) -> String {
    match o.data.pointer(ptr) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(v) => v.to_string(),
    }
}

fn age(o: &DynamicObject) -> String {
    let Some(t) = &o.metadata.creation_timestamp else {
        return "<unknown>".into();
    };
    let secs = jiff::Timestamp::now().duration_since(t.0).as_secs().max(0) as u64;
    match secs {
        0..=119 => format!("{secs}s"),
        120..=7199 => format!("{}m", secs / 60),
        7200..=172_799 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    }
}

/// The cells after NAME for one object.
type RowFn = dyn Fn(&DynamicObject) -> Vec<String>;

/// Rows for a kind, with the columns kubectl shows by default.
pub fn table(kind: &str, items: &[DynamicObject], prefix: &str, with_ns: bool) -> Vec<String> {
    let (header, row): (Vec<&str>, Box<RowFn>) = match kind {
        "Pod" => (
            vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
            Box::new(|o| {
                let statuses = o
                    .data
                    .pointer("/status/containerStatuses")
                    .and_then(|v| v.as_array())
                    .cloned()
                    .unwrap_or_default();
                let total = o
                    .data
                    .pointer("/spec/containers")
                    .and_then(|v| v.as_array())
                    .map_or(0, |a| a.len());
                let ready = statuses
                    .iter()
                    .filter(|c| c.get("ready").and_then(|r| r.as_bool()) == Some(true))
                    .count();
                let restarts: i64 = statuses
                    .iter()
                    .filter_map(|c| c.get("restartCount").and_then(|r| r.as_i64()))
                    .sum();
                let waiting = statuses.iter().find_map(|c| {
                    c.pointer("/state/waiting/reason")
                        .and_then(|r| r.as_str())
                        .map(str::to_owned)
                });
                let status = if o.metadata.deletion_timestamp.is_some() {
                    "Terminating".to_owned()
                } else {
                    waiting.unwrap_or_else(|| s(o, "/status/phase"))
                };
                vec![format!("{ready}/{total}"), status, restarts.to_string(), age(o)]
            }),
        ),
        "Deployment" => (
            vec!["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
            Box::new(|o| {
                let n = |p: &str| o.data.pointer(p).and_then(|v| v.as_i64()).unwrap_or(0);
                vec![
                    format!(
                        "{}/{}",
                        n("/status/readyReplicas"),
                        o.data.pointer("/spec/replicas").and_then(|v| v.as_i64()).unwrap_or(1)
                    ),
                    n("/status/updatedReplicas").to_string(),
                    n("/status/availableReplicas").to_string(),
                    age(o),
                ]
            }),
        ),
        "StatefulSet" => (
            vec!["NAME", "READY", "AGE"],
            Box::new(|o| {
                let ready = o
                    .data
                    .pointer("/status/readyReplicas")
                    .and_then(|v| v.as_i64())
                    .unwrap_or(0);
                vec![
                    format!(
                        "{ready}/{}",
                        o.data.pointer("/spec/replicas").and_then(|v| v.as_i64()).unwrap_or(1)
                    ),
                    age(o),
                ]
            }),
        ),
        "ReplicaSet" => (
            vec!["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
            Box::new(|o| {
                let n = |p: &str| o.data.pointer(p).and_then(|v| v.as_i64()).unwrap_or(0);
                vec![
                    n("/spec/replicas").to_string(),
                    n("/status/replicas").to_string(),
                    n("/status/readyReplicas").to_string(),
                    age(o),
                ]
            }),
        ),
        "Service" => (
            vec!["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
            Box::new(|o| {
                let ty = s(o, "/spec/type");
                let ext = o
                    .data
                    .pointer("/status/loadBalancer/ingress/0/ip")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
                    .unwrap_or_else(|| {
                        if ty == "LoadBalancer" {
                            "<pending>".into()
                        } else {
                            "<none>".into()
                        }
                    });
                let ports = o
                    .data
                    .pointer("/spec/ports")
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .map(|p| {
                                let port = p.get("port").and_then(|v| v.as_i64()).unwrap_or(0);
                                let proto = p.get("protocol").and_then(|v| v.as_str()).unwrap_or("TCP");
                                match p.get("nodePort").and_then(|v| v.as_i64()) {
                                    Some(np) => format!("{port}:{np}/{proto}"),
                                    None => format!("{port}/{proto}"),
                                }
                            })
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .unwrap_or_default();
                vec![ty, s(o, "/spec/clusterIP"), ext, ports, age(o)]
            }),
        ),
        "PersistentVolumeClaim" => (
            vec![
                "NAME",
                "STATUS",
                "VOLUME",
                "CAPACITY",
                "ACCESS MODES",
                "STORAGECLASS",
                "AGE",
            ],
            Box::new(|o| {
                vec![
                    s(o, "/status/phase"),
                    s(o, "/spec/volumeName"),
                    s(o, "/status/capacity/storage"),
                    modes(o),
                    s(o, "/spec/storageClassName"),
                    age(o),
                ]
            }),
        ),
        "PersistentVolume" => (
            vec![
                "NAME",
                "CAPACITY",
                "ACCESS MODES",
                "RECLAIM POLICY",
                "STATUS",
                "CLAIM",
                "STORAGECLASS",
                "AGE",
            ],
            Box::new(|o| {
                let claim = format!("{}/{}", s(o, "/spec/claimRef/namespace"), s(o, "/spec/claimRef/name"));
                vec![
                    s(o, "/spec/capacity/storage"),
                    modes(o),
                    s(o, "/spec/persistentVolumeReclaimPolicy"),
                    s(o, "/status/phase"),
                    if claim == "/" { String::new() } else { claim },
                    s(o, "/spec/storageClassName"),
                    age(o),
                ]
            }),
        ),
        "StorageClass" => (
            vec![
                "NAME",
                "PROVISIONER",
                "RECLAIMPOLICY",
                "VOLUMEBINDINGMODE",
                "ALLOWVOLUMEEXPANSION",
                "AGE",
            ],
            Box::new(|o| {
                let expand = o
                    .data
                    .get("allowVolumeExpansion")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false);
                vec![
                    o.data
                        .get("provisioner")
                        .and_then(|v| v.as_str())
                        .unwrap_or("")
                        .to_owned(),
                    o.data
                        .get("reclaimPolicy")
                        .and_then(|v| v.as_str())
                        .unwrap_or("Delete")
                        .to_owned(),
                    o.data
                        .get("volumeBindingMode")
                        .and_then(|v| v.as_str())
                        .unwrap_or("Immediate")
                        .to_owned(),
                    expand.to_string(),
                    age(o),
                ]
            }),
        ),
        "Namespace" => (
            vec!["NAME", "STATUS", "AGE"],
            Box::new(|o| vec![s(o, "/status/phase"), age(o)]),
        ),
        "Ingress" => (
            vec!["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"],
            Box::new(|o| {
                let hosts = o
                    .data
                    .pointer("/spec/rules")
                    .and_then(|v| v.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|r| r.get("host").and_then(|h| h.as_str()))
                            .collect::<Vec<_>>()
                            .join(",")
                    })
                    .unwrap_or_default();
                let class = o
                    .data
                    .pointer("/spec/ingressClassName")
                    .and_then(|v| v.as_str())
                    .unwrap_or("<none>")
                    .to_owned();
                vec![
                    class,
                    if hosts.is_empty() { "*".into() } else { hosts },
                    s(o, "/status/loadBalancer/ingress/0/ip"),
                    "80".into(),
                    age(o),
                ]
            }),
        ),
        "Node" => (
            vec!["NAME", "STATUS", "AGE", "VERSION"],
            Box::new(|o| {
                let ready = crate::checks::wait::condition(&o.data, "Ready") == Some("True");
                vec![
                    if ready { "Ready" } else { "NotReady" }.into(),
                    age(o),
                    s(o, "/status/nodeInfo/kubeletVersion"),
                ]
            }),
        ),
        _ => (vec!["NAME", "AGE"], Box::new(|o| vec![age(o)])),
    };
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    if with_ns {
        head.insert(0, "NAMESPACE".into());
    }
    rows.push(head);
    for o in items {
        let mut name = format!("{prefix}{}", o.metadata.name.as_deref().unwrap_or(""));
        if kind == "StorageClass" && crate::checks::default_storage_class::is_default(o) {
            name.push_str(" (default)");
        }
        let mut r = vec![name];
        r.extend(row(o));
        if with_ns {
            r.insert(0, o.metadata.namespace.clone().unwrap_or_default());
        }
        rows.push(r);
    }
    let cols = rows[0].len();
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            rows.iter()
                .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    rows.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, cell)| {
                    if i + 1 == cols {
                        cell.clone()
                    } else {
                        format!("{cell:<w$}", w = widths[i])
                    }
                })
                .collect::<Vec<_>>()
                .join("   ")
                .trim_end()
                .to_owned()
        })
        .collect()
}

fn modes(o: &DynamicObject) -> String {
    o.data
        .pointer("/spec/accessModes")
        .and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|m| m.as_str())
                .map(|m| match m {
                    "ReadWriteOnce" => "RWO",
                    "ReadOnlyMany" => "ROX",
                    "ReadWriteMany" => "RWX",
                    "ReadWriteOncePod" => "RWOP",
                    other => other,
                })
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default()
}
