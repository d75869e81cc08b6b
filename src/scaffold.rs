//! `workshop new NAME`: a commented starter scenario (`NAME.toml`) and its template
//! (`templates/NAME.yaml.j2`) that validate as written and run on the rehearsal cluster.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::exit_code;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The lab's name: writes NAME.toml (NAME may include a folder, e.g. labs/day60).
    pub name: PathBuf,
}

/// Why `workshop new` wrote nothing (shown in the learner's language).
#[derive(Debug)]
pub enum NewError {
    /// A file the scaffold would write is already there.
    Exists(PathBuf),
    /// The name gives no usable lab id.
    BadName(String),
    /// A file or folder could not be written.
    Write { path: PathBuf, source: std::io::Error },
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            NewError::Exists(p) => crate::t!("new-exists", path = p.display().to_string()),
            NewError::BadName(name) => crate::t!("new-bad-name", name = name.as_str()),
            NewError::Write { path, source } => crate::t!(
                "new-cannot-write",
                path = path.display().to_string(),
                error = crate::os_error::io(source)
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for NewError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NewError::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl NewError {
    fn hint(&self) -> Option<String> {
        match self {
            NewError::Exists(_) => Some(crate::t!("new-exists-hint")),
            _ => None,
        }
    }
}

/// The files `new` writes, relative to the current folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffold {
    pub scenario: PathBuf,
    pub template: PathBuf,
    pub id: String,
}

impl Scaffold {
    pub fn plan(name: &Path) -> Result<Scaffold, NewError> {
        let raw = name.to_string_lossy().to_string();
        let name = name.with_extension("");
        let stem = name
            .file_name()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let id: String = stem
            .to_ascii_lowercase()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let id = id.trim_matches('-').to_owned();
        if id.is_empty() {
            return Err(NewError::BadName(raw));
        }
        let dir = name.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Scaffold {
            scenario: dir.join(format!("{stem}.toml")),
            template: dir.join("templates").join(format!("{id}.yaml.j2")),
            id,
        })
    }

    /// Writes both files; writes nothing if either exists.
    pub fn write(&self) -> Result<(), NewError> {
        for p in [&self.scenario, &self.template] {
            if p.exists() {
                return Err(NewError::Exists(p.clone()));
            }
        }
        if let Some(dir) = self.template.parent() {
            std::fs::create_dir_all(dir).map_err(|source| NewError::Write {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        create_new(&self.template, &template_text(&self.id))?;
        if let Err(e) = create_new(&self.scenario, &scenario_text(&self.id)) {
            let _ = std::fs::remove_file(&self.template);
            return Err(e);
        }
        Ok(())
    }
}

fn create_new(path: &Path, text: &str) -> Result<(), NewError> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|source| match source.kind() {
            std::io::ErrorKind::AlreadyExists => NewError::Exists(path.to_path_buf()),
            _ => NewError::Write {
                path: path.to_path_buf(),
                source,
            },
        })?;
    f.write_all(text.as_bytes()).map_err(|source| NewError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// `workshop new`: returns the exit code.
pub fn new_command(args: &NewArgs) -> i32 {
    let result = Scaffold::plan(&args.name).and_then(|s| s.write().map(|()| s));
    match result {
        Ok(s) => {
            println!(
                "{}",
                crate::t!(
                    "new-wrote",
                    scenario = s.scenario.display().to_string(),
                    template = s.template.display().to_string()
                )
            );
            println!("{}", crate::t!("new-next"));
            println!("  workshop validate {}", s.scenario.display());
            println!("  workshop run {} --cluster rehearsal", s.scenario.display());
            exit_code::SUCCESS
        }
        Err(e) => {
            eprintln!("{} {e}", crate::t_builtin!("diag-error"));
            if let Some(h) = e.hint() {
                eprintln!("{} {h}", crate::t_builtin!("diag-hint"));
            }
            exit_code::INVALID
        }
    }
}

fn scenario_text(id: &str) -> String {
    SCENARIO.replace("@ID@", id)
}

fn template_text(id: &str) -> String {
    TEMPLATE.replace("@ID@", id)
}

const SCENARIO: &str = r##"# A workshop lab. Check it with `workshop validate @ID@.toml`, show it with `workshop plan @ID@.toml`,
# and run it with `workshop run @ID@.toml` (add `--cluster rehearsal` to try it without
# minikube). The format is described in docs/scenario-format.md. For completion and checks
# while typing, save `workshop schema > scenario.schema.json` and make the first line of this
# file `#:schema ./scenario.schema.json` (taplo / Even Better TOML; see docs/editors.md).

[lab]
id = "@ID@"
title = "Hello, Deployment: create, scale and label a small web app"
summary = "Create a namespace with a Deployment and a Service, scale it, and label it."
languages = ["en"]
# Templates live in this folder, next to the scenario.
templates = "templates"

[cluster]
# minikube starts a real cluster; `existing` uses a kube context; `rehearsal` is the embedded
# cluster that speaks the Kubernetes API but runs no containers (good for trying a lab out).
provider = "minikube"
profile = "@ID@"
kubernetes-version = "1.31.0"

# Variables: used in templates and in `{{ … }}` expressions; override with --var name=value.
[vars]
namespace = { default = "@ID@", description = "Namespace for everything the lab creates." }
image = { default = "docker.io/nginxinc/nginx-unprivileged:1.27", description = "The web server image." }
replicas = { default = 1, description = "Replicas at the start." }
scaled_replicas = { default = 3, description = "Replicas after the scale step." }

# Each step does one thing (one action key) and proves it with checks.

[[steps]]
id = "start-cluster"
title = "Start the cluster"
start-cluster = {}
timeout = "10m"

[[steps]]
id = "create-app"
title = "Create the namespace, the Deployment and the Service"
explain = "Everything is in one template; `apply` is server-side apply, so running it twice is fine."
apply = { template = "@ID@.yaml.j2" }

[[steps.checks]]
exists = { kind = "Namespace", name = "{{ namespace }}" }

[[steps.checks]]
rollout = { kind = "Deployment", name = "web", namespace = "{{ namespace }}" }
timeout = "3m"
hint = "`kubectl -n {{ namespace }} describe deployment web` shows why its pods are not ready."

[[steps]]
id = "scale-up"
title = "Scale the Deployment up"
scale = { kind = "Deployment", name = "web", namespace = "{{ namespace }}", replicas = "{{ scaled_replicas }}" }

[[steps.checks]]
count = { kind = "Pod", namespace = "{{ namespace }}", selector = "app=web", ready = true, equals = "{{ scaled_replicas }}" }
timeout = "3m"

[[steps]]
id = "label-app"
title = "Label the Deployment with its owner"
patch = { kind = "Deployment", name = "web", namespace = "{{ namespace }}", type = "merge", patch = { metadata = { labels = { owner = "workshop" } } } }

[[steps.checks]]
field = { kind = "Deployment", name = "web", namespace = "{{ namespace }}", path = "metadata.labels.owner", equals = "workshop" }

[[steps]]
id = "show-pods"
title = "Look at the pods"
get = { resources = "pods", namespace = "{{ namespace }}" }

# `workshop reset` runs these to undo the lab.
[[cleanup]]
id = "delete-namespace"
title = "Delete the namespace and everything in it"
delete = { kind = "Namespace", name = "{{ namespace }}" }
"##;

const TEMPLATE: &str = r#"{#-
  The objects of the @ID@ lab, rendered with minijinja: `{{ namespace }}` and the other [vars]
  of the scenario are available, and so is `cluster` (its version and served APIs).
-#}
apiVersion: v1
kind: Namespace
metadata:
  name: {{ namespace }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: {{ namespace }}
  labels:
    app: web
spec:
  replicas: {{ replicas }}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: {{ image }}
          ports:
            - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: {{ namespace }}
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 8080
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_paths_and_ids() {
        let s = Scaffold::plan(Path::new("labs/Day 60.toml")).unwrap();
        assert_eq!(s.scenario, PathBuf::from("labs/Day 60.toml"));
        assert_eq!(s.template, PathBuf::from("labs/templates/day-60.yaml.j2"));
        assert_eq!(s.id, "day-60");
        assert!(matches!(Scaffold::plan(Path::new("--")), Err(NewError::BadName(_))));
    }
}
