//! The document tree: every node keeps where it was written.

use std::fmt;

/// A 1-based line and column in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One value of a YAML or JSON document and its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

/// Scalars are resolved the way Kubernetes' YAML decoder resolves them (YAML 1.1 booleans such
/// as `yes`/`off`, leading-zero octal), because a manifest means what the API server reads.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Box<str>),
    Seq(Box<[Node]>),
    Map(Box<[Entry]>),
}

/// A mapping entry. Keys are always text: Kubernetes objects only have string keys.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Box<str>,
    pub key_pos: Pos,
    pub value: Node,
}

impl Node {
    pub fn new(value: Value, pos: Pos) -> Node {
        Node { value, pos }
    }

    /// The value under `key`, treating an explicit `null` as absent, as the API server does.
    /// With duplicate keys the last one wins, as in Kubernetes' decoder.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries
                .iter()
                .rev()
                .find(|e| &*e.key == key)
                .map(|e| &e.value)
                .filter(|n| !n.is_null()),
            _ => None,
        }
    }

    /// The entry under `key`, with its key position (for findings that point at a key).
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        match &self.value {
            Value::Map(entries) => entries.iter().rev().find(|e| &*e.key == key),
            _ => None,
        }
    }

    /// Follows a chain of keys.
    pub fn path(&self, keys: &[&str]) -> Option<&Node> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.value {
            Value::Int(i) => Some(i),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Some(f as i64),
            _ => None,
        }
    }

    /// Items of a sequence; an absent or non-sequence value has none.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    /// Entries of a mapping; an absent or non-mapping value has none.
    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }

    pub fn is_seq(&self) -> bool {
        matches!(self.value, Value::Seq(_))
    }

    /// How many nodes this subtree holds (itself included).
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(entries) => entries.iter().map(|e| e.value.count()).sum(),
            _ => 0,
        }
    }

    /// Walks `path` (`spec.containers[0].securityContext`) as far as it exists and returns the
    /// deepest node reached, so a finding about an absent field can point at its parent.
    pub fn deepest<'a>(&'a self, path: &str) -> &'a Node {
        let mut node = self;
        for step in PathSteps::new(path) {
            let next = match step {
                Step::Key(k) => node.get(k),
                Step::Index(i) => node.items().get(i),
            };
            match next {
                Some(n) => node = n,
                None => break,
            }
        }
        node
    }

    /// Where a finding about `path` should point: the key of the deepest field on the path that
    /// exists (a block mapping's own position is that of its first child key, one line too
    /// deep), or the item itself for sequence steps.
    pub fn locate(&self, path: &str) -> Pos {
        let mut node = self;
        let mut pos = self.pos;
        for step in PathSteps::new(path) {
            match step {
                Step::Key(k) => match node.entry(k).filter(|e| !e.value.is_null()) {
                    Some(e) => {
                        pos = e.key_pos;
                        node = &e.value;
                    }
                    None => break,
                },
                Step::Index(i) => match node.items().get(i) {
                    Some(n) => {
                        pos = n.pos;
                        node = n;
                    }
                    None => break,
                },
            }
        }
        pos
    }

    /// Renders the value as compact JSON (for messages and debugging).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match &self.value {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&f.to_string()),
            Value::Str(s) => write_json_string(s, out),
            Value::Seq(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, e) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(&e.key, out);
                    out.push(':');
                    e.value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One step of a field path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits `a.b[2].c` into steps. Keys holding dots or brackets are written `a["x.y/z"]`.
pub struct PathSteps<'a> {
    rest: &'a str,
}

impl<'a> PathSteps<'a> {
    pub fn new(path: &'a str) -> Self {
        PathSteps { rest: path }
    }
}

impl<'a> Iterator for PathSteps<'a> {
    type Item = Step<'a>;

    fn next(&mut self) -> Option<Step<'a>> {
        let rest = self.rest.strip_prefix('.').unwrap_or(self.rest);
        if rest.is_empty() {
            return None;
        }
        if let Some(quoted) = rest.strip_prefix("[\"") {
            let end = quoted.find("\"]")?;
            self.rest = &quoted[end + 2..];
            return Some(Step::Key(&quoted[..end]));
        }
        if let Some(idx) = rest.strip_prefix('[') {
            let end = idx.find(']')?;
            self.rest = &idx[end + 1..];
            return idx[..end].parse().ok().map(Step::Index);
        }
        let end = rest
            .bytes()
            .position(|b| b == b'.' || b == b'[')
            .unwrap_or(rest.len());
        self.rest = &rest[end..];
        Some(Step::Key(&rest[..end]))
    }
}

/// The keys of a dotted path (`spec.template.spec`), as `path.split('.')` gives them. These
/// paths are short and walked for every object: a byte scan beats the general char searcher.
pub fn dotted_keys(path: &str) -> DottedKeys<'_> {
    DottedKeys(Some(path))
}

/// See [`dotted_keys`].
pub struct DottedKeys<'a>(Option<&'a str>);

impl<'a> Iterator for DottedKeys<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.0?;
        match rest.bytes().position(|b| b == b'.') {
            Some(i) => {
                self.0 = Some(&rest[i + 1..]);
                Some(&rest[..i])
            }
            None => {
                self.0 = None;
                Some(rest)
            }
        }
    }
}

/// Appends `key` to a field path, quoting it when it holds characters that delimit steps.
pub fn push_key(path: &mut String, key: &str) {
    if key.bytes().any(|b| matches!(b, b'.' | b'[' | b']' | b'/')) {
        path.push_str("[\"");
        path.push_str(key);
        path.push_str("\"]");
    } else {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    }
}

/// Appends the steps of the relative path `rel` (`volumeMounts[1].readOnly`) to a field path,
/// each key quoted as [`push_key`] quotes it.
pub fn push_path(path: &mut String, rel: &str) {
    for step in PathSteps::new(rel) {
        match step {
            Step::Key(key) => push_key(path, key),
            Step::Index(i) => push_index(path, i),
        }
    }
}

/// Appends the list index `[i]` to a field path.
pub fn push_index(path: &mut String, i: usize) {
    path.push('[');
    path.push_str(itoa::Buffer::new().format(i));
    path.push(']');
}

/// `path` + `.key` as a new string.
pub fn join_key(path: &str, key: &str) -> String {
    let mut p = String::with_capacity(path.len() + key.len() + 1);
    p.push_str(path);
    push_key(&mut p, key);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_keys_split_as_str_split_does() {
        for path in [
            "",
            ".",
            "a",
            "a.b",
            "spec.template.spec",
            ".a..b.",
            "ключ.b",
        ] {
            assert_eq!(
                dotted_keys(path).collect::<Vec<_>>(),
                path.split('.').collect::<Vec<_>>(),
                "{path:?}"
            );
        }
    }

    #[test]
    fn path_steps_split_keys_indexes_and_quoted_keys() {
        let steps: Vec<_> = PathSteps::new("metadata.annotations[\"a.b/c\"].x[3].y").collect();
        assert_eq!(
            steps,
            vec![
                Step::Key("metadata"),
                Step::Key("annotations"),
                Step::Key("a.b/c"),
                Step::Key("x"),
                Step::Index(3),
                Step::Key("y")
            ]
        );
    }

    #[test]
    fn locate_points_at_the_deepest_existing_key() {
        let doc = crate::parse_str(
            "spec:\n  containers:\n  - name: a\n    resources:\n      requests: {cpu: 1}\n",
            &crate::Limits::default(),
        );
        let root = &doc[0].as_ref().unwrap().root;
        assert_eq!(
            root.locate("spec.containers[0].resources.limits.memory"),
            Pos::new(4, 5)
        );
        assert_eq!(
            root.locate("spec.containers[0].securityContext"),
            Pos::new(3, 5)
        );
        assert_eq!(root.locate("spec.volumes"), Pos::new(1, 1));
        assert_eq!(root.locate(""), root.pos);
    }

    #[test]
    fn push_key_quotes_keys_with_dots() {
        let mut p = String::from("metadata.labels");
        push_key(&mut p, "pod-security.kubernetes.io/enforce");
        assert_eq!(p, "metadata.labels[\"pod-security.kubernetes.io/enforce\"]");
        assert_eq!(join_key("", "spec"), "spec");
    }
}
