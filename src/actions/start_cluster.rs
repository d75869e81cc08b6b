//! `start-cluster`: start (or reuse) the cluster of `[cluster]`, then connect to it and read
//! its facts so templates render for the real version.

use crate::engine::context::{StepCtx, StepError};
use crate::plan::Plan;

use super::Done;

pub async fn perform(ctx: &StepCtx<'_>) -> Result<Done, StepError> {
    let (conn, summary) = ctx.run.provider.start(ctx).await?;
    let facts = conn
        .facts(ctx.run.provider.kind().as_str())
        .await
        .map_err(StepError::new)?;
    ctx.output(&crate::t!(
        "start-cluster-server",
        version = facts.version.to_string(),
        server = conn.server.to_string()
    ));
    // Re-render the manifests for the live cluster's version and served APIs.
    let plan = ctx.run.plan();
    if plan.facts.version != facts.version || plan.facts.api_versions != facts.api_versions {
        let rebuilt = Plan::build(plan.scenario.clone(), plan.vars.clone(), facts).map_err(|d| {
            StepError::new(crate::t!("start-cluster-templates-do-not-render"))
                .detail(d.render(false).lines().map(str::to_owned).collect())
        })?;
        ctx.run.secrets.learn_plan(&rebuilt);
        ctx.run.set_plan(rebuilt);
    }
    ctx.run.set_connection(conn);
    Ok(Done::summary(summary))
}
