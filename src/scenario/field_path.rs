//! `FieldPath`: a path into an object or a JSON response, such as
//! `status.readyReplicas`, `metadata.annotations["storageclass.kubernetes.io/is-default-class"]`,
//! `spec.containers[0].image`, `[*].name` or `spec.containers[name=nginx].image`.

use serde_json::Value;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
    /// `[*]`: every element of an array (or every value of an object).
    All,
    /// `[key=value]`: the elements of an array that are objects whose `key` is `value`
    /// (`containers[name=nginx]`; the value may be quoted: `[name="my app"]`).
    Filter {
        key: String,
        value: String,
    },
}

/// A parsed path. Written with dots between keys, `[N]` for an index, `["key.with.dots"]`
/// for a key holding dots or slashes, `[*]` for every element and `[key=value]` for the
/// elements whose `key` is `value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    pub text: String,
    pub segments: Vec<Segment>,
}

impl FieldPath {
    pub fn parse(text: &str) -> Result<FieldPath, String> {
        let mut segments = Vec::new();
        let bytes: Vec<char> = text.trim_start_matches('.').chars().collect();
        let mut i = 0;
        let mut key = String::new();
        let flush = |key: &mut String, segments: &mut Vec<Segment>| {
            if !key.is_empty() {
                segments.push(Segment::Key(std::mem::take(key)));
            }
        };
        while i < bytes.len() {
            match bytes[i] {
                '.' => {
                    let after_bracket = i > 0 && bytes[i - 1] == ']';
                    if key.is_empty() && !after_bracket {
                        return Err(crate::t!("path-empty-key", path = text, position = i));
                    }
                    flush(&mut key, &mut segments);
                    i += 1;
                }
                '[' => {
                    flush(&mut key, &mut segments);
                    let close = bytes[i..]
                        .iter()
                        .position(|c| *c == ']')
                        .map(|p| p + i)
                        .ok_or_else(|| crate::t!("path-unclosed", path = text))?;
                    let inner: String = bytes[i + 1..close].iter().collect();
                    let inner = inner.trim();
                    if inner == "*" {
                        segments.push(Segment::All);
                    } else if let Ok(n) = inner.parse::<usize>() {
                        segments.push(Segment::Index(n));
                    } else if let Some(key) = unquote(inner) {
                        segments.push(Segment::Key(key.to_owned()));
                    } else if let Some((key, value)) = inner.split_once('=') {
                        let (key, value) = (key.trim(), value.trim());
                        let value = unquote(value).unwrap_or(value);
                        let plain = |s: &str| {
                            !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                        };
                        if !plain(key) || value.is_empty() {
                            return Err(crate::t!("path-bad-filter", inner = inner, path = text));
                        }
                        segments.push(Segment::Filter {
                            key: key.to_owned(),
                            value: value.to_owned(),
                        });
                    } else {
                        return Err(crate::t!("path-bad-bracket", inner = inner, path = text));
                    }
                    i = close + 1;
                }
                c => {
                    key.push(c);
                    i += 1;
                }
            }
        }
        flush(&mut key, &mut segments);
        if segments.is_empty() {
            return Err(crate::t!("path-empty"));
        }
        Ok(FieldPath {
            text: text.to_owned(),
            segments,
        })
    }

    /// True when the path can select several values (it holds `[*]` or `[key=value]`).
    pub fn can_select_several(&self) -> bool {
        self.segments
            .iter()
            .any(|s| matches!(s, Segment::All | Segment::Filter { .. }))
    }

    /// How to name the values of a path that selects several, for a learner: `containers'
    /// image` for `spec.containers[*].image`, `finalizers` for `metadata.finalizers[*]`.
    pub fn plural(&self) -> String {
        let Some(last) = self
            .segments
            .iter()
            .rposition(|s| matches!(s, Segment::All | Segment::Filter { .. }))
        else {
            return self.text.clone();
        };
        let noun = match last.checked_sub(1).map(|i| &self.segments[i]) {
            Some(Segment::Key(k)) => k.clone(),
            _ => crate::t!("path-items-default"),
        };
        let rest: Vec<String> = self.segments[last + 1..]
            .iter()
            .map(|s| match s {
                Segment::Key(k) => k.clone(),
                Segment::Index(n) => format!("[{n}]"),
                Segment::All => "[*]".into(),
                Segment::Filter { key, value } => format!("[{key}={value}]"),
            })
            .collect();
        if rest.is_empty() {
            noun
        } else {
            crate::t!("path-items", noun = noun, rest = rest.join("."))
        }
    }

    /// Every value the path reaches (more than one only through `[*]` or `[key=value]`).
    pub fn select<'v>(&self, root: &'v Value) -> Vec<&'v Value> {
        let mut current = vec![root];
        for seg in &self.segments {
            let mut next = Vec::new();
            for v in current {
                match (seg, v) {
                    (Segment::Key(k), Value::Object(map)) => next.extend(map.get(k)),
                    (Segment::Index(n), Value::Array(items)) => next.extend(items.get(*n)),
                    (Segment::All, Value::Array(items)) => next.extend(items.iter()),
                    (Segment::All, Value::Object(map)) => next.extend(map.values()),
                    (Segment::Filter { key, value }, Value::Array(items)) => {
                        next.extend(items.iter().filter(|i| i.get(key).is_some_and(|v| scalar_is(v, value))))
                    }
                    _ => {}
                }
            }
            current = next;
        }
        current
    }
}

/// `"my app"` or `'my app'` → `my app`.
fn unquote(s: &str) -> Option<&str> {
    let quoted =
        s.len() >= 2 && ((s.starts_with('"') && s.ends_with('"')) || (s.starts_with('\'') && s.ends_with('\'')));
    quoted.then(|| &s[1..s.len() - 1])
}

/// A scalar written as `text` in a filter: `[name=nginx]`, `[containerPort=80]`, `[ready=true]`.
fn scalar_is(v: &Value, text: &str) -> bool {
    match v {
        Value::String(s) => s == text,
        Value::Number(n) => n.to_string() == text,
        Value::Bool(b) => b.to_string() == text,
        _ => false,
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_dotted_indexed_and_quoted() {
        let p = FieldPath::parse(r#"metadata.annotations["storageclass.kubernetes.io/is-default-class"]"#).unwrap();
        assert_eq!(
            p.segments,
            vec![
                Segment::Key("metadata".into()),
                Segment::Key("annotations".into()),
                Segment::Key("storageclass.kubernetes.io/is-default-class".into())
            ]
        );
        let p = FieldPath::parse("spec.containers[0].image").unwrap();
        assert_eq!(p.segments[2], Segment::Index(0));
        assert!(FieldPath::parse("[*].name").unwrap().segments.contains(&Segment::All));
    }

    #[test]
    fn parses_filters() {
        let p = FieldPath::parse(r#"spec.containers[name="my app"].image"#).unwrap();
        assert_eq!(
            p.segments[2],
            Segment::Filter {
                key: "name".into(),
                value: "my app".into()
            }
        );
        assert!(p.can_select_several());
        assert!(
            !FieldPath::parse("spec.containers[0].image")
                .unwrap()
                .can_select_several()
        );
        assert!(FieldPath::parse("a[=x]").is_err());
        assert!(FieldPath::parse("a[name=]").is_err());
    }

    #[test]
    fn names_several_values_for_a_learner() {
        let p = |t: &str| FieldPath::parse(t).unwrap().plural();
        assert_eq!(p("spec.template.spec.containers[*].image"), "containers' image");
        assert_eq!(p("metadata.finalizers[*]"), "finalizers");
        assert_eq!(p("[*].name"), "items' name");
        assert_eq!(
            p("spec.containers[name=web].ports[*].containerPort"),
            "ports' containerPort"
        );
    }

    #[test]
    fn rejects_malformed() {
        assert!(FieldPath::parse("a[0").is_err());
        assert!(FieldPath::parse("a[x]").is_err());
        assert!(FieldPath::parse("").is_err());
        assert!(FieldPath::parse("a..b").is_err());
    }

    #[test]
    fn selects_values() {
        let v = json!({"status": {"readyReplicas": 3}, "items": [{"name": "a"}, {"name": "b"}]});
        assert_eq!(
            FieldPath::parse("status.readyReplicas").unwrap().select(&v),
            vec![&json!(3)]
        );
        assert_eq!(
            FieldPath::parse("items[*].name").unwrap().select(&v),
            vec![&json!("a"), &json!("b")]
        );
        assert!(FieldPath::parse("status.missing").unwrap().select(&v).is_empty());
        let pod = json!({"containers": [{"name": "web", "port": 80}, {"name": "side", "port": 81}]});
        assert_eq!(
            FieldPath::parse("containers[name=side].port").unwrap().select(&pod),
            vec![&json!(81)]
        );
        assert_eq!(
            FieldPath::parse("containers[port=80].name").unwrap().select(&pod),
            vec![&json!("web")]
        );
        assert!(FieldPath::parse("containers[name=db]").unwrap().select(&pod).is_empty());
    }
}
