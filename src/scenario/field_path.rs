//! `FieldPath`: a path into an object or a JSON response, such as
//! `status.readyReplicas`, `metadata.annotations["storageclass.kubernetes.io/is-default-class"]`,
//! `spec.containers[0].image` or `[*].name`.

use serde_json::Value;

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
    /// `[*]`: every element of an array (or every value of an object).
    All,
}

/// A parsed path. Written with dots between keys, `[N]` for an index, `["key.with.dots"]`
/// for a key holding dots or slashes, and `[*]` for every element.
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
                        return Err(format!("`{text}` has an empty key before position {i}"));
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
                        .ok_or_else(|| format!("`{text}` opens `[` without a closing `]`"))?;
                    let inner: String = bytes[i + 1..close].iter().collect();
                    let inner = inner.trim();
                    if inner == "*" {
                        segments.push(Segment::All);
                    } else if let Ok(n) = inner.parse::<usize>() {
                        segments.push(Segment::Index(n));
                    } else if inner.len() >= 2
                        && ((inner.starts_with('"') && inner.ends_with('"'))
                            || (inner.starts_with('\'') && inner.ends_with('\'')))
                    {
                        segments.push(Segment::Key(inner[1..inner.len() - 1].to_owned()));
                    } else {
                        return Err(format!(
                            "`[{inner}]` in `{text}` must be an index like [0], [*], or a quoted key like [\"app.kubernetes.io/name\"]"
                        ));
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
            return Err("the path is empty; write one such as `status.readyReplicas`".into());
        }
        Ok(FieldPath {
            text: text.to_owned(),
            segments,
        })
    }

    /// Every value the path reaches (more than one only through `[*]`).
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
                    _ => {}
                }
            }
            current = next;
        }
        current
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
    }
}
