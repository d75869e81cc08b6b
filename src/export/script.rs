//! `export --format sh`: the lab as a bash script of the equivalent minikube/kubectl/curl
//! commands, in order.
//!
//! Safe by construction: every argument is a [`Word`] (literal text quoted by the one quoting
//! function, captures as `"$NAME"`), comments are kept on one line, manifests are written with
//! a quoted heredoc whose delimiter appears nowhere in them. Captures are shell variables set
//! from the real command output (`MONGO_UID=$(kubectl get pod …)`); `allow-existing` creates
//! are idempotent; the script waits where the lab waits (rollouts, bound claims, conditions,
//! Ingress addresses, HTTP answers).

use std::fmt::Write as _;

use crate::kinds;
use crate::plan::{Plan, command, describe};
use crate::redact::{MASK, Secrets, is_secret_name};
use crate::scenario::field_path::{FieldPath, Segment};
use crate::scenario::{Action, Capture, CaptureSource, CaptureWhen, Check, CheckKind, Expr, Step};

use super::pause_text;
use super::words::{self, CaptureVars, Piece, Word, WordError, line};

/// The shell function that creates a manifest's objects, leaving those that exist alone (a
/// create step with `allow-existing = true`).
const CREATE_ALLOWING_EXISTING: &str = r#"create_allowing_existing() {
  local errors status=0
  { errors=$(kubectl create -f "$1" 2>&1 1>&3 3>&-); } 3>&1 || status=$?
  [[ -n "$errors" ]] && printf '%s\n' "$errors" >&2
  if [[ $status -ne 0 ]] && grep -qv 'AlreadyExists' <<<"$errors"; then
    return "$status"
  fi
  return 0
}
"#;

/// The shell function that stops the script before a captured value that JSON would have to
/// escape goes into a JSON document (workshop itself encodes it; a script cannot without jq).
/// `{message}` is the quoted printf format of the refusal, `%s` the capture's name.
const JSON_PLAIN: &str = r#"json_plain() {
  case "$2" in
    *[\"\\]* | *[[:cntrl:]]*)
      printf {message} "$1" >&2
      return 1 ;;
  esac
}
"#;

/// The script's own comments come from the catalogue (a Spanish handout has Spanish comments);
/// each line of the message becomes a `# ` line.
fn comment_lines(text: &str) -> String {
    text.lines().map(|l| format!("# {}\n", words::comment(l))).collect()
}

/// The bash script, or why a value cannot be written into one.
///
/// Secret values ([`Secrets`]) appear only where the script recreates a Secret: in the
/// documents of kind Secret of its manifests and in patches of Secrets. Everywhere else
/// (comments, other manifests, other commands) they are [`MASK`], and the script says so.
pub fn shell(plan: &Plan, lang: &str, source: &str, secrets: &Secrets) -> Result<String, WordError> {
    let s = &plan.scenario;
    let vars = CaptureVars::new(plan).masking(secrets.clone());
    let mut out = String::new();
    let c = |t: &str| words::comment(&vars.mask(t));
    let _ = writeln!(out, "#!/usr/bin/env bash");
    let _ = writeln!(out, "# {}", c(&plan.text(&s.lab.title, lang, &vars.tokens())));
    out.push_str(&comment_lines(&crate::t!("sh-intro", lab = c(&s.lab.id))));
    out.push_str(&comment_lines(&crate::t!("sh-generated", source = c(source))));
    if !plan.vars.is_empty() {
        let list: Vec<String> = (plan.vars.iter())
            .map(|(k, v)| match is_secret_name(k) {
                true => format!("{k}={MASK}"),
                false => format!("{k}={v}"),
            })
            .collect();
        out.push_str(&comment_lines(&crate::t!("sh-variables", vars = c(&list.join(" ")))));
    }
    let uses = crate::trust::Capabilities::of(plan, source).use_lines();
    if !uses.is_empty() {
        out.push_str(&comment_lines(&crate::t!("sh-capabilities")));
        for l in &uses {
            let _ = writeln!(out, "#   {}", c(l));
        }
    }
    let _ = writeln!(out, "set -euo pipefail\n");
    let all_steps = || s.steps.iter().chain(&s.cleanup);
    if all_steps().any(|st| matches!(&st.action, Action::Create(m) if m.allow_existing)) {
        out.push_str(&comment_lines(&crate::t!("sh-create-allowing-existing")));
        let _ = writeln!(out, "{CREATE_ALLOWING_EXISTING}");
    }
    let mut uses_json_guard = false;
    for st in all_steps() {
        for cmd in step_commands(plan, st, &vars)? {
            uses_json_guard |= !json_vars(&cmd).is_empty();
        }
        for check in &st.checks {
            uses_json_guard |= wait_for(plan, check, &vars)?.is_some_and(|w| !json_vars(&w).is_empty());
        }
    }
    if uses_json_guard {
        out.push_str(&comment_lines(&crate::t!("sh-json-plain")));
        let refusal = Word::text(format!("{}\\n", crate::t!("sh-json-plain-refusal"))).shell();
        let _ = writeln!(out, "{}", JSON_PLAIN.replace("{message}", &refusal));
    }
    if !s.cleanup.is_empty() {
        let script = source.rsplit('/').next().unwrap_or(source).replace(".toml", ".sh");
        out.push_str(&comment_lines(&crate::t!("sh-reset", script = c(&script))));
        let _ = writeln!(out, "reset_lab() {{");
        for step in &s.cleanup {
            let title = vars.plain(&plan.text(&step.title, lang, &vars.tokens()));
            let _ = writeln!(out, "  # {}: {}", step.id, c(&title));
            for cmd in step_commands(plan, step, &vars)? {
                for guard in json_guards(&cmd) {
                    let _ = writeln!(out, "  {guard} || true");
                }
                let _ = writeln!(out, "  {} || true", line(&cmd));
            }
        }
        let _ = writeln!(out, "}}");
        let _ = writeln!(out, "if [[ \"${{1:-}}\" == reset ]]; then\n  reset_lab\n  exit 0\nfi\n");
    }
    let has_background = s.steps.iter().any(|st| is_background(&st.action));
    if has_background {
        out.push_str(&comment_lines(&crate::t!("sh-background-stopped")));
        let _ = writeln!(out, "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n");
    }
    for (i, step) in s.steps.iter().enumerate() {
        sh_step(&mut out, plan, step, i + 1, lang, &vars)?;
    }
    if has_background {
        let prompt = Word::text(format!("{} ", crate::t!("sh-background-still-running"))).shell();
        let _ = writeln!(out, "read -r -p {prompt} _ || true");
    }
    if vars.masked_any() {
        out = out.replacen(
            "set -euo pipefail\n",
            &format!(
                "{}set -euo pipefail\n",
                comment_lines(&crate::t!("sh-secrets", mask = MASK))
            ),
            1,
        );
    }
    Ok(out)
}

/// The commands of a step as words; an allow-existing create calls the idempotent function.
fn step_commands(plan: &Plan, step: &Step, vars: &CaptureVars) -> Result<Vec<Vec<Word>>, WordError> {
    let what = crate::t!("export-what-step", step = step.id.as_str());
    // A patch of a Secret carries the values it writes: the script recreates the Secret.
    let keeps_secrets = matches!(&step.action, Action::Patch(p) if crate::redact::is_secret_kind(p.kind.get_ref()));
    let mut cmds = Vec::new();
    for argv in command::equivalent_argv(plan, step, &vars.tokens()) {
        cmds.push(if keeps_secrets {
            vars.words_kept(&what, &argv)?
        } else {
            vars.words(&what, &argv)?
        });
    }
    if let Action::Create(m) = &step.action
        && m.allow_existing
    {
        let file = command::rendered_file_name(m.template.get_ref());
        cmds = vec![vec![Word::text("create_allowing_existing"), Word::text(file)]];
    }
    Ok(cmds)
}

fn sh_step(
    out: &mut String,
    plan: &Plan,
    step: &Step,
    number: usize,
    lang: &str,
    vars: &CaptureVars,
) -> Result<(), WordError> {
    let _ = writeln!(
        out,
        "# --- {number}. {}: {}",
        step.id,
        words::comment(&vars.plain(&plan.text(&step.title, lang, &vars.tokens())))
    );
    let or_true = if step.optional {
        format!(" || echo {}", Word::text(crate::t!("sh-optional-failed")).shell())
    } else {
        String::new()
    };
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::Before) {
        sh_capture(out, plan, step, cap, vars)?;
    }
    if let Some(p) = &step.pause {
        let text = pause_text(plan, p, lang, &vars.tokens());
        let prompt = vars.word(
            &crate::t!("export-what-pause", step = step.id.as_str()),
            &format!("{text} "),
        )?;
        let _ = writeln!(out, "read -r -p {} _ || true", prompt.shell());
    }
    if let Action::Create(m) | Action::Apply(m) = &step.action {
        write_manifest(out, plan, m.template.get_ref(), vars)?;
    }
    let answers = step
        .captures
        .iter()
        .any(|c| matches!(c.source, CaptureSource::Response { .. }));
    for cmd in step_commands(plan, step, vars)? {
        for guard in json_guards(&cmd) {
            let _ = writeln!(out, "{guard}{or_true}");
        }
        if is_background(&step.action) {
            let _ = writeln!(out, "{} &", line(&cmd));
        } else if answers {
            // The answer is kept for the captures that read it, and shown as the lab shows it.
            let _ = writeln!(out, "STEP_OUTPUT=$({}){or_true}", line(&cmd));
            let _ = writeln!(out, "printf '%s\\n' \"$STEP_OUTPUT\"");
        } else {
            let _ = writeln!(out, "{}{or_true}", line(&cmd));
        }
    }
    for check in &step.checks {
        let _ = writeln!(
            out,
            "# {}",
            vars.comment(&crate::t!(
                "sh-check",
                check = describe::check(plan, check, &vars.tokens())
            ))
        );
        if let Some(wait) = wait_for(plan, check, vars)? {
            for guard in json_guards(&wait) {
                let _ = writeln!(out, "{guard}{or_true}");
            }
            let _ = writeln!(out, "{}{or_true}", line(&wait));
        }
    }
    for cap in step.captures.iter().filter(|c| c.when == CaptureWhen::After) {
        sh_capture(out, plan, step, cap, vars)?;
    }
    out.push('\n');
    Ok(())
}

/// The shell variables that a command puts inside a JSON document (an argument that starts
/// with `{` or `[`: a patch body, a JSON request body).
fn json_vars(cmd: &[Word]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in cmd {
        let json = matches!(w.0.first(), Some(Piece::Text(t)) if t.starts_with(['{', '[']));
        if !json {
            continue;
        }
        for p in &w.0 {
            if let Piece::Var(v) = p
                && !out.contains(v)
            {
                out.push(v.clone());
            }
        }
    }
    out
}

/// `json_plain NAME "$NAME"` for every variable a command puts inside JSON.
fn json_guards(cmd: &[Word]) -> Vec<String> {
    json_vars(cmd)
        .into_iter()
        .map(|v| format!("json_plain {v} \"${v}\""))
        .collect()
}

/// Actions that leave a process running: port-forward, tunnel, a background command.
fn is_background(a: &Action) -> bool {
    a.is_background() || matches!(a, Action::Command(c) if c.background)
}

/// A command that waits for what a check verifies, where kubectl or curl can wait for it.
fn wait_for(plan: &Plan, check: &Check, vars: &CaptureVars) -> Result<Option<Vec<Word>>, WordError> {
    let caps = vars.tokens();
    let r = |e: &Expr| plan.render(e, &caps).unwrap_or_else(|_| e.text.clone());
    let ns = |e: Option<&Expr>| command::namespace_args(e.map(r));
    let timeout = format!("{}s", check.timeout.as_std().as_secs().max(1));
    let wait = |condition: String, object: String, namespace: Option<&Expr>| {
        let mut argv = vec![
            "kubectl".to_owned(),
            "wait".to_owned(),
            "--for".to_owned(),
            condition,
            object,
        ];
        argv.extend(ns(namespace));
        argv.extend(["--timeout".to_owned(), timeout.clone()]);
        argv
    };
    let argv = match &check.kind {
        CheckKind::Rollout(ro) => {
            let mut argv = vec![
                "kubectl".to_owned(),
                "rollout".to_owned(),
                "status".to_owned(),
                format!("{}/{}", kinds::kubectl_name(ro.kind.get_ref()), r(&ro.name)),
            ];
            argv.extend(ns(ro.namespace.as_ref()));
            argv.extend(["--timeout".to_owned(), timeout.clone()]);
            argv
        }
        CheckKind::PvcBound(p) => wait(
            "jsonpath={.status.phase}=Bound".to_owned(),
            format!("pvc/{}", r(&p.name)),
            p.namespace.as_ref(),
        ),
        CheckKind::Condition(c) => wait(
            format!("condition={}={}", c.condition_type, c.status),
            format!("{}/{}", kinds::kubectl_name(c.kind.get_ref()), r(&c.name)),
            c.namespace.as_ref(),
        ),
        CheckKind::IngressAddress(i) => wait(
            "jsonpath={.status.loadBalancer.ingress}".to_owned(),
            format!("ingress/{}", r(&i.name)),
            i.namespace.as_ref(),
        ),
        CheckKind::Http(h) => {
            let secs = check.timeout.as_std().as_secs().max(1);
            let tries = (secs / 2).clamp(1, 120);
            let mut argv = command::curl_argv(plan, h, &caps);
            let at = argv.iter().position(|a| a == "-s").map_or(1, |i| i + 1);
            let retry = [
                "-f",
                "--retry",
                &tries.to_string(),
                "--retry-delay",
                "2",
                "--retry-all-errors",
                "-o",
                "/dev/null",
            ]
            .map(str::to_owned);
            argv.splice(at..at, retry);
            argv
        }
        _ => return Ok(None),
    };
    vars.words(&crate::t!("export-what-check"), &argv).map(Some)
}

fn sh_capture(out: &mut String, plan: &Plan, step: &Step, cap: &Capture, vars: &CaptureVars) -> Result<(), WordError> {
    let var = vars.var(&cap.name);
    let what = crate::t!("export-what-capture", capture = cap.name.as_str());
    let mut secret = is_secret_name(&cap.name);
    match &cap.source {
        CaptureSource::Generate { prefix } => {
            let _ = writeln!(
                out,
                "{var}={}\"$RANDOM\"",
                vars.word(&what, &format!("{prefix}-"))?.shell()
            );
        }
        CaptureSource::Object { object, path } => {
            let caps = vars.tokens();
            let r = |e: &Expr| plan.render(e, &caps).unwrap_or_else(|_| e.text.clone());
            secret |= crate::redact::is_secret_field(object.kind.get_ref(), &path.text);
            let mut argv = vec![
                "kubectl".to_owned(),
                "get".to_owned(),
                kinds::kubectl_name(object.kind.get_ref()),
                r(&object.name),
            ];
            argv.extend(command::namespace_args(object.namespace.as_ref().map(r)));
            argv.extend(["-o".to_owned(), format!("jsonpath={{{}}}", jsonpath(path))]);
            let _ = writeln!(out, "{var}=$({})", line(&vars.words(&what, &argv)?));
        }
        CaptureSource::Response { path } => {
            if is_background(&step.action) {
                out.push_str(&comment_lines(&crate::t!("sh-capture-background", var = var.as_str())));
                return Ok(());
            }
            match path {
                None => {
                    let _ = writeln!(out, "{var}=$STEP_OUTPUT");
                }
                Some(p) => {
                    let filter = format!("first({})", jq_path(p));
                    let _ = writeln!(
                        out,
                        "{var}=$(printf '%s' \"$STEP_OUTPUT\" | jq -r -c {})",
                        command::shell_quote(&filter)
                    );
                }
            }
        }
    }
    let format = command::shell_quote(&format!("{}\\n", crate::t!("sh-captured")));
    let value = if secret {
        command::shell_quote(MASK)
    } else {
        format!("\"${var}\"")
    };
    let _ = writeln!(out, "printf {format} {} {value}", command::shell_quote(&cap.name));
    Ok(())
}

/// A field path as a kubectl JSONPath: `metadata.annotations["a.b/c"]` → `.metadata.annotations.a\.b/c`.
fn jsonpath(path: &FieldPath) -> String {
    path.segments
        .iter()
        .map(|s| match s {
            Segment::Key(k) => format!(".{}", k.replace('.', "\\.")),
            Segment::Index(i) => format!("[{i}]"),
            Segment::All => "[*]".to_owned(),
            Segment::Filter { key, value } => format!("[?(@.{key}=={})]", serde_json::Value::String(value.clone())),
        })
        .collect()
}

/// A field path as a jq path: `[*].name` → `.[]["name"]`.
fn jq_path(path: &FieldPath) -> String {
    let body: String = path
        .segments
        .iter()
        .map(|s| match s {
            Segment::Key(k) => format!("[{}]", serde_json::Value::String(k.clone())),
            Segment::Index(i) => format!("[{i}]"),
            Segment::All => "[]".to_owned(),
            Segment::Filter { key, value } => format!(
                "[] | select((.[{}] | tostring) == {}) | .",
                serde_json::Value::String(key.clone()),
                serde_json::Value::String(value.clone())
            ),
        })
        .collect();
    format!(".{body}")
}

/// The rendered manifest, written with a quoted heredoc (nothing in it expands) whose
/// delimiter is a line the manifest does not hold, so the `kubectl create -f FILE` that follows
/// finds it.
fn write_manifest(out: &mut String, plan: &Plan, template: &str, vars: &CaptureVars) -> Result<(), WordError> {
    let file = command::shell_quote(&command::rendered_file_name(template));
    let text = match plan
        .templates
        .render_file(template, &plan.context(&Default::default(), false))
    {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(
                out,
                "# cannot render {}: {}",
                words::comment(template),
                words::comment(&e.message)
            );
            return Ok(());
        }
    };
    if text.contains('\0') {
        return Err(WordError::Nul(format!("template `{template}`")));
    }
    let text = secrets_only_in_secrets(text.trim_end(), vars);
    let text = text.as_str();
    let mut delimiter = "WORKSHOP_EOF".to_owned();
    while text.lines().any(|l| l == delimiter) {
        delimiter.push('_');
    }
    let _ = writeln!(out, "cat > {file} <<'{delimiter}'\n{text}\n{delimiter}");
    Ok(())
}

/// A manifest with the secret values of every document but the Secrets masked: a Secret's
/// document keeps what recreates it, a ConfigMap that copied a password does not.
fn secrets_only_in_secrets(text: &str, vars: &CaptureVars) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut doc: Vec<&str> = Vec::new();
    let flush = |doc: &mut Vec<&str>, out: &mut Vec<String>| {
        if doc.is_empty() {
            return;
        }
        let chunk = doc.join("\n");
        let is_secret = serde_norway::from_str::<serde_json::Value>(&chunk)
            .ok()
            .is_some_and(|v| v.get("kind").and_then(serde_json::Value::as_str) == Some("Secret"));
        out.push(if is_secret { chunk } else { vars.mask(&chunk) });
        doc.clear();
    };
    for line in text.lines() {
        if line.trim_end() == "---" || line.starts_with("--- ") {
            flush(&mut doc, &mut out);
            out.push(line.to_owned());
        } else {
            doc.push(line);
        }
    }
    flush(&mut doc, &mut out);
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_paths_become_jsonpaths_and_jq_paths() {
        let p = |s: &str| FieldPath::parse(s).unwrap();
        assert_eq!(jsonpath(&p("metadata.uid")), ".metadata.uid");
        assert_eq!(
            jsonpath(&p("status.loadBalancer.ingress[0].ip")),
            ".status.loadBalancer.ingress[0].ip"
        );
        assert_eq!(
            jsonpath(&p(r#"metadata.annotations["a.b/c"]"#)),
            r".metadata.annotations.a\.b/c"
        );
        assert_eq!(jq_path(&p("[*].name")), r#".[]["name"]"#);
        assert_eq!(jq_path(&p("items[0].id")), r#".["items"][0]["id"]"#);
    }
}
