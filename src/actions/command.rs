//! `command`: a plain program with its arguments (never a shell string), found with `which`;
//! in the foreground with an expected exit code, or in the background. It runs with the user's
//! environment, except `KUBECONFIG`, which names this run's cluster and the lab's context
//! ([`crate::engine::provider::kubeconfig`]), so `kubectl` in a command acts on the lab's cluster.

use std::time::Duration;

use crate::engine::context::{StepCtx, StepError};
use crate::engine::process::{self, ProcessError};
use crate::scenario::action::Command;

use super::Done;

pub async fn perform(ctx: &StepCtx<'_>, c: &Command) -> Result<Done, StepError> {
    let argv: Vec<String> = c.argv.iter().map(|a| ctx.render(a)).collect::<Result<_, _>>()?;
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| StepError::new(crate::t!("action-argv-empty")))?;
    let path = which::which(program).map_err(|_| {
        StepError::new(crate::t!("engine-missing-binary", name = program.as_str()))
            .hint(crate::t!("action-install-program", program = program.as_str()))
    })?;
    if c.background {
        let display = ctx.spawn_background(&path, args)?;
        return Ok(Done::summary(crate::t!("action-background", command = display)));
    }
    let display = process::display_command(&path, args);
    ctx.output(&format!("$ {display}"));
    let timeout = ctx.scaled(ctx.step.timeout.map_or(Duration::from_secs(300), |t| t.as_std()));
    let cmd = ctx.lab_program(&path, args)?;
    let result = process::run_command(cmd, &path, args, timeout, ctx.cancel(), |l| ctx.answer(l)).await;
    let finished = match result {
        Ok(f) => f,
        Err(ProcessError::Failed { code, tail, .. }) if code == c.expect.exit => process::Finished {
            code,
            stdout: tail.join("\n"),
            lines: tail,
        },
        Err(ProcessError::Failed { command, code, tail }) => {
            let tail = if ctx.answer_is_secret() {
                tail.iter().map(|_| crate::redact::MASK.to_owned()).collect()
            } else {
                tail
            };
            return Err(StepError::new(crate::t!(
                "action-exit-code-unexpected",
                command = command,
                code = code.to_string(),
                want = c.expect.exit.to_string()
            ))
            .detail(tail));
        }
        Err(e) => return Err(StepError::new(e.message())),
    };
    if finished.code != c.expect.exit {
        return Err(StepError::new(crate::t!(
            "action-exit-code-unexpected",
            command = display.as_str(),
            code = finished.code.to_string(),
            want = c.expect.exit.to_string()
        )));
    }
    if let Some(want) = ctx.render_opt(c.expect.stdout_contains.as_ref())?
        && !finished.stdout.contains(&want)
    {
        return Err(StepError::new(crate::t!(
            "action-output-lacks",
            command = display.as_str(),
            want = format!("{want:?}")
        )));
    }
    Ok(Done {
        summary: crate::t!(
            "action-exited",
            command = display.as_str(),
            code = finished.code.to_string()
        ),
        response: Some(finished.stdout),
    })
}
