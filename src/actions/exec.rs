//! `exec`: run a command in a container (kube-rs exec over websocket) and check its output.
//! It goes through the run's own connection, so it always reaches the lab's cluster; no local
//! program runs.

use k8s_openapi::api::core::v1::Pod;
use kube::Api;
use kube::api::AttachParams;
use tokio::io::AsyncReadExt;

use crate::engine::context::{StepCtx, StepError};
use crate::scenario::action::Exec;

use super::{Done, kube_error};

pub async fn perform(ctx: &StepCtx<'_>, e: &Exec) -> Result<Done, StepError> {
    let conn = ctx.conn()?;
    let pod = ctx.render(&e.pod)?;
    let ns = ctx.namespace(e.namespace.as_ref())?;
    let command: Vec<String> = e.command.iter().map(|c| ctx.render(c)).collect::<Result<_, _>>()?;
    let mut ap = AttachParams::default().stdout(true).stderr(true).stdin(false);
    if let Some(c) = ctx.render_opt(e.container.as_ref())? {
        ap = ap.container(c);
    }
    let pods: Api<Pod> = Api::namespaced(conn.client.clone(), &ns);
    let mut proc = pods
        .exec(&pod, command.clone(), &ap)
        .await
        .map_err(|err| kube_error(&crate::t!("action-doing-exec", pod = pod.as_str()), &err))?;
    let mut stdout = String::new();
    if let Some(mut out) = proc.stdout() {
        let _ = out.read_to_string(&mut stdout).await;
    }
    let mut stderr = String::new();
    if let Some(mut err) = proc.stderr() {
        let _ = err.read_to_string(&mut stderr).await;
    }
    let status = match proc.take_status() {
        Some(s) => s.await,
        None => None,
    };
    let _ = proc.join().await;
    for l in stdout.lines().chain(stderr.lines()) {
        ctx.answer(l);
    }
    let code = match status {
        Some(s) if s.status.as_deref() == Some("Success") => 0,
        Some(s) => s
            .details
            .and_then(|d| d.causes)
            .and_then(|c| c.into_iter().find(|c| c.reason.as_deref() == Some("ExitCode")))
            .and_then(|c| c.message)
            .and_then(|m| m.parse().ok())
            .unwrap_or(1),
        None => 0,
    };
    if code != e.expect.exit {
        return Err(StepError::new(crate::t!(
            "action-exit-code-unexpected",
            command = command.join(" "),
            code = code.to_string(),
            want = e.expect.exit.to_string()
        )));
    }
    if let Some(want) = ctx.render_opt(e.expect.stdout_contains.as_ref())?
        && !stdout.contains(&want)
    {
        return Err(StepError::new(crate::t!(
            "action-exec-output-lacks",
            want = format!("{want:?}")
        )));
    }
    Ok(Done {
        summary: crate::t!(
            "action-exec-exited",
            command = command.join(" "),
            pod = pod.to_string(),
            code = code.to_string()
        ),
        response: Some(stdout),
    })
}
