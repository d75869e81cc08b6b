//! `port-forward`: a Service's port on 127.0.0.1 (never all interfaces), through a Ready pod
//! behind it, with kube-rs portforward; runs in the background until the run ends.

use std::net::SocketAddr;

use k8s_openapi::api::core::v1::{Pod, Service};
use kube::Api;
use kube::api::ListParams;
use tokio::net::TcpListener;

use crate::engine::background::Handle;
use crate::engine::context::{StepCtx, StepError};
use crate::scenario::action::PortForward;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, p: &PortForward) -> Result<Done, StepError> {
    let conn = ctx.conn()?;
    let captures = ctx.captures();
    let svc_name = ctx.render(&p.service)?;
    let ns = ctx.namespace(p.namespace.as_ref())?;
    let local = ctx.plan.render_int(&p.local_port, &captures)? as u16;
    let remote = ctx.plan.render_int(&p.remote_port, &captures)? as i32;

    let services: Api<Service> = Api::namespaced(conn.client.clone(), &ns);
    let svc = services.get(&svc_name).await.map_err(|e| {
        kube_error(
            &crate::t!("action-doing-read", object = format!("service/{svc_name}")),
            &e,
        )
    })?;
    let spec = svc.spec.unwrap_or_default();
    let port = spec
        .ports
        .unwrap_or_default()
        .into_iter()
        .find(|sp| sp.port == remote)
        .ok_or_else(|| {
            StepError::new(crate::t!(
                "forward-no-port",
                service = svc_name.as_str(),
                port = remote.to_string()
            ))
        })?;
    let selector = spec.selector.unwrap_or_default();
    if selector.is_empty() {
        return Err(StepError::new(crate::t!(
            "forward-no-selector",
            service = svc_name.as_str()
        )));
    }
    let labels: Vec<String> = selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), &ns);
    let list = pods
        .list(&ListParams::default().labels(&labels.join(",")))
        .await
        .map_err(|e| kube_error(&crate::t!("forward-listing-pods"), &e))?;
    let pod = list
        .items
        .into_iter()
        .find(|p| {
            p.status
                .as_ref()
                .and_then(|s| s.conditions.as_ref())
                .is_some_and(|cs| cs.iter().any(|c| c.type_ == "Ready" && c.status == "True"))
        })
        .ok_or_else(|| {
            StepError::new(crate::t!("forward-no-ready-pod", service = svc_name.as_str()))
                .hint(crate::t!("forward-no-ready-pod-hint"))
        })?;
    let pod_name = pod.metadata.name.clone().unwrap_or_default();
    let target = match port.target_port {
        Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(n)) => n as u16,
        Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(name)) => pod
            .spec
            .iter()
            .flat_map(|s| s.containers.iter())
            .flat_map(|c| c.ports.iter().flatten())
            .find(|cp| cp.name.as_deref() == Some(name.as_str()))
            .map(|cp| cp.container_port as u16)
            .ok_or_else(|| {
                StepError::new(crate::t!(
                    "forward-no-named-port",
                    pod = pod_name.as_str(),
                    name = name.as_str()
                ))
            })?,
        None => remote as u16,
    };

    let addr = SocketAddr::from(([127, 0, 0, 1], local));
    let listener = TcpListener::bind(addr).await.map_err(|e| {
        StepError::new(crate::t!(
            "forward-cannot-listen",
            address = addr.to_string(),
            error = crate::os_error::io(&e)
        ))
        .hint(crate::t!("forward-cannot-listen-hint"))
    })?;
    let task = tokio::spawn(serve(listener, pods, pod_name.clone(), target));
    let description = format!("127.0.0.1:{local} → svc/{svc_name}:{remote} (pod {pod_name}:{target})");
    ctx.in_background(description.clone(), Handle::Task(task));
    Ok(Done::summary(crate::t!("action-forwarding", description = description)))
}

/// Accepts local connections and forwards each through its own portforward stream.
async fn serve(listener: TcpListener, pods: Api<Pod>, pod: String, port: u16) {
    while let Ok((mut socket, _)) = listener.accept().await {
        let pods = pods.clone();
        let pod = pod.clone();
        tokio::spawn(async move {
            let Ok(mut pf) = pods.portforward(&pod, &[port]).await else {
                return;
            };
            let Some(mut upstream) = pf.take_stream(port) else {
                return;
            };
            let _ = tokio::io::copy_bidirectional(&mut socket, &mut upstream).await;
            drop(upstream);
            let _ = pf.join().await;
        });
    }
}
