//! `tunnel`: `minikube tunnel` as a tracked background process (minikube provider only).

use crate::engine::background::{Handle, Process};
use crate::engine::context::{StepCtx, StepError};
use crate::engine::event::Event;
use crate::engine::process;
use crate::engine::provider::ClusterProvider;

use super::Done;

pub async fn perform(ctx: &StepCtx<'_>) -> Result<Done, StepError> {
    let ClusterProvider::Minikube(m) = &ctx.run.provider else {
        return Err(StepError::new("`minikube tunnel` needs the minikube provider")
            .hint("on another cluster, a LoadBalancer controller (such as MetalLB) gives Services their addresses"));
    };
    let args = m.tunnel_args();
    let display = process::display_command(&m.binary, &args);
    ctx.output(&format!("$ {display}"));
    let child = process::command(&m.binary, &args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| StepError::new(format!("could not start `{display}`: {e}")))?;
    ctx.run.background.add(Process {
        step: ctx.step.id.to_string(),
        description: display.clone(),
        keep_running: ctx.step.keep_running,
        handle: Handle::Child(child),
    });
    ctx.run.emit(Event::Background {
        id: ctx.step.id.to_string(),
        description: display.clone(),
        running: true,
    });
    Ok(Done::summary(format!("{display} running in the background")))
}
