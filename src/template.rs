//! Templates: minijinja with strict undefined, loading only from the scenario's templates
//! folder. Renders manifest files and the `{{ … }}` expressions inside scenario strings.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, Value};

use crate::diagnostic::{Diagnostic, Location};
use crate::source::Source;

/// A template problem, with the template's name and line when known.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct TemplateError {
    /// The template file, or `None` for an expression in the scenario.
    pub name: Option<String>,
    pub line: Option<usize>,
    /// The byte range of the error in the template's source, when minijinja knows it.
    pub range: Option<std::ops::Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

impl TemplateError {
    fn from_minijinja(e: &minijinja::Error, name: Option<&str>) -> TemplateError {
        let detail = e.detail().map(str::to_owned);
        let (message, hint) = match e.kind() {
            ErrorKind::UndefinedError => (
                match detail {
                    Some(d) => crate::t!("tpl-undefined-detail", detail = d),
                    None => crate::t!("tpl-undefined"),
                },
                Some(crate::t!("tpl-undefined-hint")),
            ),
            ErrorKind::SyntaxError => (
                crate::t!("tpl-syntax", detail = syntax_detail(&detail.unwrap_or_default())),
                Some(crate::t!("tpl-syntax-hint")),
            ),
            ErrorKind::TemplateNotFound => (
                detail.unwrap_or_else(|| crate::t!("tpl-not-found")),
                Some(crate::t!("tpl-not-found-hint")),
            ),
            // The location is shown beside the message, so say only what is wrong
            // (minijinja's own text adds `invalid operation:` and `(in file:line)`).
            _ => (detail.unwrap_or_else(|| e.kind().to_string()), None),
        };
        TemplateError {
            name: e.name().map(str::to_owned).or_else(|| name.map(str::to_owned)),
            line: e.line(),
            range: e.range(),
            message,
            hint,
        }
    }
}

/// minijinja's "unexpected X, expected Y" in the learner's language, its usual tokens by name;
/// any other detail as minijinja says it.
fn syntax_detail(detail: &str) -> String {
    let token = |t: &str| match t {
        "start of variable block" => crate::t!("tpl-token-variable-start"),
        "end of variable block" => crate::t!("tpl-token-variable-end"),
        "start of block" => crate::t!("tpl-token-block-start"),
        "end of block" => crate::t!("tpl-token-block-end"),
        "end of input" => crate::t!("tpl-token-end-of-input"),
        "identifier" => crate::t!("tpl-token-identifier"),
        "identifier or integer" => crate::t!("tpl-token-identifier-or-integer"),
        "expression" => crate::t!("tpl-token-expression"),
        "string" => crate::t!("tpl-token-string"),
        "integer" => crate::t!("tpl-token-integer"),
        "float" => crate::t!("tpl-token-float"),
        "template-data" => crate::t!("tpl-token-text"),
        other => other.to_owned(),
    };
    let Some(rest) = detail.strip_prefix("unexpected ") else {
        return detail.to_owned();
    };
    match rest.split_once(", expected ") {
        Some((found, expected)) => crate::t!(
            "tpl-unexpected-expected",
            found = token(found),
            expected = token(expected)
        ),
        None => crate::t!("tpl-unexpected", found = token(rest)),
    }
}

/// The auto-escape format of manifest templates.
const YAML: &str = "yaml";

/// The strings a render wrote through `{{ … }}` (a render-local minijinja extension).
#[derive(Debug, Default)]
struct Written(Vec<String>);

/// A rendered manifest template.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub text: String,
    /// Every string `{{ … }}` wrote, in order, before YAML quoting (not those marked `| safe`):
    /// each must come through the parsed documents intact ([`crate::plan::manifest::check_written`]).
    pub written: Vec<String>,
}

/// A string as a YAML scalar that reads back as exactly that string, wherever a plain value
/// may stand: as it is when it is plain text that YAML reads as the same string (`pacman`,
/// `docker.io/bitnamilegacy/mongodb:4.4.8`, `1Gi`), else double-quoted with JSON's escapes
/// (serde_json), which YAML shares; the few characters JSON leaves raw but YAML reads as line
/// breaks or refuses (C1 controls, DEL, U+2028, U+2029, U+FEFF) are escaped too. A quoted scalar
/// never holds a raw line break, so no value can start a key or a document.
pub fn yaml_scalar(s: &str) -> String {
    let plain_chars = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "._/:@+-".contains(c));
    let reads_back =
        || matches!(serde_norway::from_str::<serde_norway::Value>(s), Ok(serde_norway::Value::String(v)) if v == s);
    if plain_chars && reads_back() {
        return s.to_owned();
    }
    let json = serde_json::to_string(s).expect("a string always serializes to JSON");
    json.chars()
        .map(|c| {
            let raw_in_json_not_yaml = c == '\u{7f}'
                || ('\u{80}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}');
            if raw_in_json_not_yaml {
                format!("\\u{:04X}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The template environment of one scenario.
pub struct Templates {
    env: Environment<'static>,
    dir: PathBuf,
    /// Every template file read so far, included ones too (what a lab reads, docs/security.md).
    read: std::sync::Arc<std::sync::Mutex<std::collections::BTreeSet<String>>>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("dir", &self.dir).finish()
    }
}

impl Templates {
    pub fn new(dir: impl Into<PathBuf>) -> Templates {
        let dir: PathBuf = dir.into();
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Manifest templates write string values as YAML scalars ([`yaml_scalar`]); strings of
        // the scenario itself (`"{{ namespace }}"`, rendered with `render_str`) stay verbatim.
        env.set_auto_escape_callback(|name| {
            if name == "<string>" {
                AutoEscape::None
            } else {
                AutoEscape::Custom(YAML.into())
            }
        });
        env.set_formatter(|out, state, value| {
            if !matches!(state.auto_escape(), AutoEscape::Custom(f) if f == YAML) {
                return minijinja::escape_formatter(out, state, value);
            }
            match value.as_str() {
                // `| safe` (and `| tojson`) is the author's own YAML: written as it is, unchecked.
                Some(s) if value.is_safe() => out.write_str(s).map_err(minijinja::Error::from),
                Some(s) => {
                    state.get_or_insert_extension(Written::default()).0.push(s.to_owned());
                    out.write_str(&yaml_scalar(s)).map_err(minijinja::Error::from)
                }
                None => write!(out, "{value}").map_err(minijinja::Error::from),
            }
        });
        let root = dir.clone();
        let read = std::sync::Arc::new(std::sync::Mutex::new(std::collections::BTreeSet::new()));
        let reads = read.clone();
        env.set_loader(move |name| match resolve_in(&root, name) {
            Ok(path) => match crate::source::read_text(&path) {
                Ok(text) => {
                    if let Ok(mut r) = reads.lock() {
                        r.insert(name.to_owned());
                    }
                    Ok(Some(text))
                }
                Err(e) if e.is_not_found() => Ok(None),
                Err(e) => Err(minijinja::Error::new(
                    ErrorKind::InvalidOperation,
                    crate::t!("tpl-unreadable", problem = e.to_string(), hint = e.hint()),
                )),
            },
            Err(why) => Err(minijinja::Error::new(ErrorKind::InvalidOperation, why)),
        });
        Templates { env, dir, read }
    }

    /// The names of the template files read so far (rendered or included), sorted.
    pub fn read_so_far(&self) -> Vec<String> {
        self.read
            .lock()
            .map(|r| r.iter().cloned().collect())
            .unwrap_or_default()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of a template file, refusing anything outside the templates folder.
    pub fn path_of(&self, name: &str) -> Result<PathBuf, String> {
        resolve_in(&self.dir, name)
    }

    /// Renders a template file.
    pub fn render_file(&self, name: &str, ctx: &Value) -> Result<String, TemplateError> {
        self.render_manifest(name, ctx).map(|r| r.text)
    }

    /// Renders a manifest template, with the strings its `{{ … }}` wrote.
    pub fn render_manifest(&self, name: &str, ctx: &Value) -> Result<Rendered, TemplateError> {
        let tpl = self.env.get_template(name).map_err(|e| {
            if e.kind() == ErrorKind::TemplateNotFound {
                TemplateError {
                    name: Some(name.to_owned()),
                    line: None,
                    range: None,
                    message: crate::t!(
                        "sc-template-not-found",
                        name = name,
                        dir = self.dir.display().to_string()
                    ),
                    hint: Some(crate::t!("tpl-file-not-found-hint")),
                }
            } else {
                TemplateError::from_minijinja(&e, Some(name))
            }
        })?;
        let captured = tpl
            .render_captured(ctx)
            .map_err(|e| TemplateError::from_minijinja(&e, Some(name)))?;
        let written = captured
            .state()
            .get_extension::<Written>()
            .map(|w| w.0.clone())
            .unwrap_or_default();
        Ok(Rendered {
            text: captured.output().to_owned(),
            written,
        })
    }

    /// Renders a string from the scenario (`"{{ namespace }}"`); plain text is returned as is.
    pub fn render_str(&self, text: &str, ctx: &Value) -> Result<String, TemplateError> {
        if !(text.contains("{{") || text.contains("{%") || text.contains("{#")) {
            return Ok(text.to_owned());
        }
        self.env
            .render_str(text, ctx)
            .map_err(|e| TemplateError::from_minijinja(&e, None))
    }

    /// The top-level names a string's expressions use, or its syntax error.
    pub fn names_used(&self, text: &str) -> Result<HashSet<String>, TemplateError> {
        if !(text.contains("{{") || text.contains("{%")) {
            return Ok(HashSet::new());
        }
        let tpl = self
            .env
            .template_from_str(text)
            .map_err(|e| TemplateError::from_minijinja(&e, None))?;
        Ok(tpl.undeclared_variables(false))
    }

    /// Where a template file first uses `var` inside `{{ … }}` or `{% … %}`: 1-based line and
    /// column. A plain text search, for pointing authors at a name the analysis rejected.
    pub fn first_use(&self, name: &str, var: &str) -> Option<(usize, usize)> {
        let text = crate::source::read_text(&self.path_of(name).ok()?).ok()?;
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let mut in_tag = false;
        for (i, line) in text.lines().enumerate() {
            let mut col = 0;
            while col < line.len() {
                let rest = &line[col..];
                if rest.starts_with("{{") || rest.starts_with("{%") {
                    in_tag = true;
                } else if rest.starts_with("}}") || rest.starts_with("%}") {
                    in_tag = false;
                } else if in_tag
                    && rest.starts_with(var)
                    && !line[..col].ends_with(|c: char| ident(c) || c == '.')
                    && !rest[var.len()..].starts_with(ident)
                {
                    return Some((i + 1, line[..col].chars().count() + 1));
                }
                col += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        None
    }

    /// The top-level names a template file uses (with those of the templates it includes).
    pub fn names_used_by_file(&self, name: &str) -> Result<HashSet<String>, TemplateError> {
        let tpl = self
            .env
            .get_template(name)
            .map_err(|e| TemplateError::from_minijinja(&e, Some(name)))?;
        Ok(tpl.undeclared_variables(false))
    }
}

/// A template error as a diagnostic pointing into the template file: its path, line and column,
/// with the template line as the snippet.
pub fn template_diagnostic(e: &TemplateError, templates: &Templates, name: &str) -> Diagnostic {
    let file = e.name.clone().unwrap_or_else(|| name.to_owned());
    let path = templates.path_of(&file).ok();
    let origin = path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| file.clone());
    let text = match path.map(|p| crate::source::read_text(&p)) {
        Some(Ok(text)) => Some(text),
        // A template that cannot be read as text: say so, at the bad byte for non-UTF-8.
        Some(Err(read)) if !read.is_not_found() => return read.diagnostic("template"),
        _ => None,
    };
    let mut location = Location {
        origin: origin.clone(),
        line: e.line.unwrap_or(1),
        col: 1,
        snippet: None,
        detail: None,
    };
    if let (Some(text), Some(line)) = (text, e.line) {
        let source = Source::new(origin, text);
        let range = e
            .range
            .clone()
            .filter(|r| r.end <= source.text.len() && source.line_col(r.start).0 == line);
        match range {
            // minijinja knows the exact place: underline it.
            Some(r) => location = Location::in_source(&source, &crate::scenario::Span(r)),
            // Only the line: underline the line from its first non-blank character.
            None => {
                let line_text = source.line_text(line).to_owned();
                let indent = line_text.chars().take_while(|c| c.is_whitespace()).count();
                let width = line_text.trim().chars().count().max(1);
                if !line_text.is_empty() {
                    location.col = indent + 1;
                    location.snippet = Some((line_text, width));
                }
            }
        }
    }
    let mut d = Diagnostic::new(crate::t!(
        "tpl-in-template",
        file = file.as_str(),
        why = e.message.as_str()
    ))
    .with_location(location);
    if let Some(h) = &e.hint {
        d = d.hint(h.clone());
    }
    d
}

/// Why a scenario's templates folder cannot be used (shown in the learner's language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FolderError {
    Missing(PathBuf),
    NotAFolder(PathBuf),
    /// Outside the folder that holds the scenario (after following links).
    Outside {
        folder: PathBuf,
        root: PathBuf,
    },
}

impl std::fmt::Display for FolderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            FolderError::Missing(p) => crate::t!("tpl-folder-missing", folder = p.display().to_string()),
            FolderError::NotAFolder(p) => crate::t!("tpl-folder-not-folder", folder = p.display().to_string()),
            FolderError::Outside { folder, root } => crate::t!(
                "tpl-folder-outside",
                folder = folder.display().to_string(),
                root = root.display().to_string()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for FolderError {}

/// The templates folder `rel` of the scenario at `scenario`: it must be the scenario's own
/// folder or inside it, after links are followed, so a downloaded lab can only read its own
/// files. `given` says whether the scenario named it (a missing default folder is fine: a lab
/// without templates does not need one).
pub fn templates_folder(scenario: &Path, rel: &str, given: bool) -> Result<PathBuf, FolderError> {
    let base = match scenario.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let dir = base.join(rel);
    let shown = normalize(&dir);
    let real = match dir.canonicalize() {
        Ok(real) => real,
        Err(_) if given => return Err(FolderError::Missing(shown)),
        Err(_) => return Ok(shown),
    };
    if !real.is_dir() {
        return Err(FolderError::NotAFolder(shown));
    }
    let root = base.canonicalize().unwrap_or(base);
    if !real.starts_with(&root) {
        return Err(FolderError::Outside { folder: shown, root });
    }
    Ok(shown)
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        out
    }
}

/// `name` inside `root`, refusing absolute paths, `..` and links that lead outside.
fn resolve_in(root: &Path, name: &str) -> Result<PathBuf, String> {
    let rel = Path::new(name);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(crate::t!(
            "tpl-outside",
            name = name,
            folder = root.display().to_string()
        ));
    }
    let path = root.join(rel);
    if let (Ok(real), Ok(real_root)) = (path.canonicalize(), root.canonicalize())
        && !real.starts_with(&real_root)
    {
        return Err(crate::t!(
            "tpl-links-outside",
            name = name,
            folder = root.display().to_string()
        ));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    #[test]
    fn strict_undefined_is_an_error() {
        let t = Templates::new("/nonexistent");
        let err = t
            .render_str("ns: {{ namespce }}", &context! { namespace => "pacman" })
            .unwrap_err();
        assert!(err.message.contains("undefined"), "{}", err.message);
        assert_eq!(
            t.render_str("{{ namespace }}", &context! { namespace => "pacman" })
                .unwrap(),
            "pacman"
        );
    }

    #[test]
    fn syntax_errors_are_said_in_the_learners_language() {
        let t = Templates::new("/nonexistent");
        let message = |lang: &str, text: &str| {
            let _lang = crate::i18n::scoped(lang);
            t.names_used(text).unwrap_err().message
        };
        assert_eq!(
            message("en", "{{ 1 + }}"),
            "template syntax error: unexpected end of variable block"
        );
        assert_eq!(
            message("es", "{{ 1 + }}"),
            "error de sintaxis en la plantilla: no se esperaba el final del bloque de variable"
        );
        assert_eq!(
            message("es", "{{ x.( }}"),
            "error de sintaxis en la plantilla: no se esperaba `(`, sino un identificador o un entero"
        );
    }

    #[test]
    fn refuses_paths_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.j2"), "{% include '../secret' %}").unwrap();
        let t = Templates::new(dir.path());
        let err = t.render_file("a.j2", &context! {}).unwrap_err();
        assert!(err.message.contains("outside the templates folder"), "{}", err.message);
        assert!(t.path_of("/etc/passwd").is_err());
    }

    #[test]
    fn the_templates_folder_stays_inside_the_scenario_folder() {
        let dir = tempfile::tempdir().unwrap();
        let lab = dir.path().join("labs");
        std::fs::create_dir_all(lab.join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("elsewhere")).unwrap();
        let scenario = lab.join("lab.toml");
        assert_eq!(
            templates_folder(&scenario, "templates", true).unwrap(),
            lab.join("templates")
        );
        assert_eq!(templates_folder(&scenario, ".", true).unwrap(), lab);
        for outside in ["/etc", "../elsewhere", "templates/../../elsewhere"] {
            assert!(
                matches!(
                    templates_folder(&scenario, outside, true),
                    Err(FolderError::Outside { .. })
                ),
                "{outside}"
            );
        }
        std::os::unix::fs::symlink("/etc", lab.join("etc")).unwrap();
        assert!(matches!(
            templates_folder(&scenario, "etc", true),
            Err(FolderError::Outside { .. })
        ));
        assert!(matches!(
            templates_folder(&scenario, "nope", true),
            Err(FolderError::Missing(_))
        ));
        assert!(templates_folder(&scenario, "nope", false).is_ok());
    }

    #[test]
    fn a_template_that_is_a_device_or_not_utf8_is_refused_without_its_content() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.j2")).unwrap();
        std::fs::write(dir.path().join("latin1.j2"), b"kind: ConfigMap\nx: caf\xE9\n").unwrap();
        let t = Templates::new(dir.path());
        let err = t.render_file("zero.j2", &context! {}).unwrap_err();
        assert!(err.message.contains("outside the templates folder"), "{}", err.message);
        let err = t.render_file("latin1.j2", &context! {}).unwrap_err();
        assert!(
            err.message.contains("not valid UTF-8: byte 0xE9 at line 2, column 7"),
            "{}",
            err.message
        );
        assert!(err.message.contains("save the file as UTF-8"), "{}", err.message);
    }

    #[test]
    fn yaml_scalars_read_back_as_the_same_string_in_every_position() {
        for plain in [
            "pacman",
            "1Gi",
            "docker.io/bitnamilegacy/mongodb:4.4.8",
            "pacman.com",
            "a-b_c",
        ] {
            assert_eq!(yaml_scalar(plain), plain);
        }
        let hostile = [
            "true",
            "123",
            "1e3",
            "null",
            "~",
            "",
            " x",
            "a b",
            "pacman # comment",
            "pacman\n  evil: 1",
            "a\n---\nkind: Secret",
            "x: y",
            "- a",
            "[a]",
            "{a: b}",
            "@x",
            "`x`",
            "'",
            "\"",
            "\\",
            "a\u{2028}b",
            "\u{85}",
            "\u{7f}",
            "\u{feff}x",
            "\t",
            "\r\n",
            "é",
            "*a",
            "&a",
            "!tag",
            "%x",
            "|",
            ">",
            "a, b",
            "#",
        ];
        for s in hostile {
            let q = yaml_scalar(s);
            assert!(!q.contains('\n') && !q.contains('\r'), "{s:?} → {q}");
            for doc in [
                format!("k: {q}\n"),
                format!("k: [{q}]\n"),
                format!("{q}: v\n"),
                format!("k:\n  - {q}\n"),
            ] {
                let v: serde_json::Value = serde_norway::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
                let got = match &v {
                    serde_json::Value::Object(m) if m.contains_key("k") => match &m["k"] {
                        serde_json::Value::Array(a) => a[0].clone(),
                        other => other.clone(),
                    },
                    serde_json::Value::Object(m) => serde_json::Value::String(m.keys().next().unwrap().clone()),
                    other => other.clone(),
                };
                assert_eq!(got, serde_json::Value::String(s.to_owned()), "{doc}");
            }
        }
    }

    #[test]
    fn manifest_templates_record_what_they_write_and_scenario_strings_stay_verbatim() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cm.j2"), "a: {{ x }}\nb: {{ n }}\nc: {{ y | safe }}\n").unwrap();
        let t = Templates::new(dir.path());
        let r = t
            .render_manifest("cm.j2", &context! { x => "a # b", n => 3, y => "raw: yes" })
            .unwrap();
        assert_eq!(r.text, "a: \"a # b\"\nb: 3\nc: raw: yes");
        assert_eq!(r.written, vec!["a # b".to_owned()]);
        assert_eq!(t.render_str("{{ x }}", &context! { x => "a # b" }).unwrap(), "a # b");
    }

    #[test]
    fn finds_where_a_template_uses_a_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("a.j2"),
            "namespace: x\nkind: {{ kind }}\nmetadata:\n  name: {{ cluster.namespace }}-{{ namespace }}\n",
        )
        .unwrap();
        let t = Templates::new(dir.path());
        assert_eq!(t.first_use("a.j2", "namespace"), Some((4, 36)));
        assert_eq!(t.first_use("a.j2", "nothing"), None);
    }

    #[test]
    fn other_errors_say_what_is_wrong_without_repeating_the_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("l.j2"), "{% for x in 3 %}{{ x }}{% endfor %}").unwrap();
        let err = Templates::new(dir.path())
            .render_file("l.j2", &context! {})
            .unwrap_err();
        assert_eq!(err.message, "number is not iterable");
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn lists_names_used() {
        let t = Templates::new("/nonexistent");
        let names = t
            .names_used("{{ a }}-{{ cluster.minor }}{% if b %}{% endif %}")
            .unwrap();
        assert_eq!(
            names,
            HashSet::from(["a".to_owned(), "cluster".to_owned(), "b".to_owned()])
        );
    }
}
