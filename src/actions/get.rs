//! `get`: show resources the way `kubectl get` does. Like kubectl, it asks the API server for a
//! `meta.k8s.io/v1` Table, so the columns are the server's own printers: the same on a real
//! cluster and on the rehearsal, and right for any kind, custom ones included. A server that
//! answers a plain list instead gets NAME and AGE.

use kube::Resource;
use kube::api::{DynamicObject, ListParams};
use serde_json::Value;

use crate::engine::context::{StepCtx, StepError};
use crate::kinds;
use crate::scenario::action::Get;

use super::{Done, kube_error};

/// kubectl's Accept header for `get`: a Table if the server can, else the plain list.
const ACCEPT_TABLE: &str = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

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
        let across = resolved.namespaced && g.all_namespaces;
        let scope = (resolved.namespaced && !g.all_namespaces).then_some(ns.as_str());
        let mut lp = ListParams::default();
        if let Some(s) = &selector {
            lp = lp.labels(s);
        }
        if let Some(n) = &name {
            lp = lp.fields(&format!("metadata.name={n}"));
        }
        let mut req = kube::core::Request::new(DynamicObject::url_path(&resolved.ar, scope))
            .list(&lp)
            .map_err(|e| {
                StepError::new(format!(
                    "{}: {e}",
                    crate::t!("action-doing-list", resources = resolved.ar.plural.as_str())
                ))
            })?;
        req.headers_mut()
            .insert(http::header::ACCEPT, http::HeaderValue::from_static(ACCEPT_TABLE));
        let doc: Value = conn.client.request(req).await.map_err(|e| {
            kube_error(
                &crate::t!("action-doing-list", resources = resolved.ar.plural.as_str()),
                &e,
            )
        })?;
        let prefix = if multi {
            format!("{}/", resolved.ar.kind.to_ascii_lowercase())
        } else {
            String::new()
        };
        let (rows, lines) = table_lines(&doc, &prefix, across);
        total += rows;
        if rows == 0 {
            if !multi {
                let scope = scope.map(|n| format!(" in {n} namespace")).unwrap_or_default();
                ctx.output(&format!("No resources found{scope}."));
            }
            continue;
        }
        for line in lines {
            ctx.output(&line);
        }
        if multi {
            ctx.output("");
        }
    }
    Ok(Done::summary(crate::t!("action-found", count = total)))
}

/// The number of rows and the aligned lines of a server's answer: a Table's default columns
/// (priority 0, as `kubectl get` without `-o wide`), or NAME and AGE from a plain list.
/// `prefix` goes before each name (`pod/` when several kinds are shown); `with_ns` adds
/// kubectl's NAMESPACE column.
pub fn table_lines(doc: &Value, prefix: &str, with_ns: bool) -> (usize, Vec<String>) {
    let mut grid: Vec<Vec<String>> = Vec::new();
    if doc.get("kind").and_then(Value::as_str) == Some("Table") {
        let columns: Vec<(usize, String)> = doc
            .get("columnDefinitions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, c)| c.get("priority").and_then(Value::as_i64).unwrap_or(0) == 0)
            .map(|(i, c)| {
                (
                    i,
                    c.get("name").and_then(Value::as_str).unwrap_or("").to_ascii_uppercase(),
                )
            })
            .collect();
        grid.push(columns.iter().map(|(_, n)| n.clone()).collect());
        for row in doc.get("rows").and_then(Value::as_array).into_iter().flatten() {
            let cells = row.get("cells").and_then(Value::as_array);
            let mut line: Vec<String> = columns
                .iter()
                .map(|(i, _)| cells.and_then(|c| c.get(*i)).map_or_else(|| "<none>".to_owned(), cell))
                .collect();
            if let Some(first) = line.first_mut() {
                first.insert_str(0, prefix);
            }
            if with_ns {
                let ns = row
                    .pointer("/object/metadata/namespace")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                line.insert(0, ns.to_owned());
            }
            grid.push(line);
        }
    } else {
        grid.push(vec!["NAME".into(), "AGE".into()]);
        for item in doc.get("items").and_then(Value::as_array).into_iter().flatten() {
            let meta = item.get("metadata");
            let name = meta.and_then(|m| m.get("name")).and_then(Value::as_str).unwrap_or("");
            let created = meta.and_then(|m| m.get("creationTimestamp")).and_then(Value::as_str);
            let mut line = vec![
                format!("{prefix}{name}"),
                created.map_or_else(|| "<unknown>".into(), age),
            ];
            if with_ns {
                let ns = meta
                    .and_then(|m| m.get("namespace"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                line.insert(0, ns.to_owned());
            }
            grid.push(line);
        }
    }
    if with_ns {
        grid[0].insert(0, "NAMESPACE".into());
    }
    let rows = grid.len() - 1;
    (rows, align(&grid))
}

fn cell(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "<none>".into(),
        other => other.to_string(),
    }
}

/// `5s`, `3m`, `2h`, `4d` since an RFC 3339 time, as kubectl's short form.
fn age(created: &str) -> String {
    let Ok(t) = created.parse::<jiff::Timestamp>() else {
        return "<unknown>".into();
    };
    let secs = jiff::Timestamp::now().duration_since(t).as_secs().max(0) as u64;
    match secs {
        0..=119 => format!("{secs}s"),
        120..=7199 => format!("{}m", secs / 60),
        7200..=172_799 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86_400),
    }
}

/// Columns padded to their widest cell, three spaces apart, as kubectl prints them.
fn align(grid: &[Vec<String>]) -> Vec<String> {
    let cols = grid.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| {
            grid.iter()
                .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    grid.iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, cell)| {
                    if i + 1 == r.len() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn prints_a_tables_default_columns() {
        let doc = json!({
            "kind": "Table",
            "columnDefinitions": [
                {"name": "Name", "priority": 0}, {"name": "Ready", "priority": 0},
                {"name": "IP", "priority": 1}, {"name": "Age", "priority": 0}
            ],
            "rows": [
                {"cells": ["mongo-0", "1/1", "10.244.0.5", "3m"], "object": {"metadata": {"namespace": "pacman"}}},
                {"cells": ["pacman-7469bbb6d7-9mhxd", "0/1", null, "5s"], "object": {"metadata": {"namespace": "pacman"}}}
            ]
        });
        let (rows, lines) = table_lines(&doc, "pod/", true);
        assert_eq!(rows, 2);
        assert_eq!(
            lines,
            vec![
                "NAMESPACE   NAME                          READY   AGE",
                "pacman      pod/mongo-0                   1/1     3m",
                "pacman      pod/pacman-7469bbb6d7-9mhxd   0/1     5s",
            ]
        );
    }

    #[test]
    fn a_plain_list_gets_name_and_age() {
        let doc =
            json!({"kind": "ConfigMapList", "items": [{"metadata": {"name": "a", "creationTimestamp": "not a time"}}]});
        let (rows, lines) = table_lines(&doc, "", false);
        assert_eq!(rows, 1);
        assert_eq!(lines, vec!["NAME   AGE", "a      <unknown>"]);
        assert_eq!(
            table_lines(
                &json!({"kind": "Table", "columnDefinitions": [], "rows": []}),
                "",
                false
            )
            .0,
            0
        );
    }
}
