//! Tri-state property values: what a cluster definition says, what it says through an
//! expression that could not be resolved, and what it leaves out.
//!
//! A rule must never pass a control on an unresolved expression, and must know where a missing
//! property would go. Every value therefore carries its state and a position.

use std::borrow::Cow;

use rampart_document::{join_key, Entry, Node, Pos, Value as NodeValue};

/// Where a value is (or would be) written: a 1-based position and the field path inside the
/// document (`resources[2].properties.networkProfile.networkPolicy`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct At {
    pub pos: Pos,
    pub path: String,
}

impl At {
    pub fn new(pos: Pos, path: impl Into<String>) -> At {
        At {
            pos,
            path: path.into(),
        }
    }

    /// The path of `key` below this one, at the same position (for absent keys).
    pub fn child(&self, key: &str) -> At {
        At {
            pos: self.pos,
            path: join_key(&self.path, key),
        }
    }

    fn index(&self, i: usize) -> At {
        At {
            pos: self.pos,
            path: format!("{}[{i}]", self.path),
        }
    }
}

/// A property of a cluster definition.
#[derive(Clone, Debug, PartialEq)]
pub enum Prop {
    /// Written with this value (literal, or resolved from a default or a parameters file).
    Known(Value, At),
    /// Written, but its value depends on something the input does not say: an expression that
    /// cannot be evaluated offline, a variable without a default, a computed attribute.
    Unknown(String, At),
    /// Not written (or written as null): the platform default applies. `At` points at the
    /// nearest enclosing value that exists.
    Absent(At),
}

/// A resolved value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Prop>),
    Map(Vec<(String, Prop)>),
}

/// What a typed accessor returns: `Ok(Some(v))` known, `Ok(None)` absent, `Err(reason)` unknown.
pub type Read<T> = Result<Option<T>, String>;

impl Prop {
    pub fn absent(at: At) -> Prop {
        Prop::Absent(at)
    }

    pub fn unknown(reason: impl Into<String>, at: At) -> Prop {
        Prop::Unknown(reason.into(), at)
    }

    pub fn str_at(s: impl Into<String>, at: At) -> Prop {
        Prop::Known(Value::Str(s.into()), at)
    }

    /// A literal document tree, with no expressions.
    pub fn from_node(node: &Node, path: &str) -> Prop {
        Prop::convert(node, path, None, &Literal)
    }

    /// A document subtree as a property tree. `syntax` decides what each string becomes (ARM
    /// expressions and Terraform templates are evaluated there) and may add entries to a
    /// mapping; `pin` places every value at one position (values substituted from parameters
    /// and variables are reported where the expression using them is written).
    pub fn convert(node: &Node, path: &str, pin: Option<Pos>, syntax: &dyn Syntax) -> Prop {
        let at = At::new(pin.unwrap_or(node.pos), path);
        let value = match &node.value {
            NodeValue::Null => return Prop::Absent(at),
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Int(i) => Value::Int(*i),
            NodeValue::Float(f) => Value::Float(*f),
            NodeValue::Str(s) => return syntax.string(s, at),
            NodeValue::Seq(items) => Value::List(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, n)| Prop::convert(n, &format!("{path}[{i}]"), pin, syntax))
                    .collect(),
            ),
            NodeValue::Map(entries) => {
                let mut map: Vec<(String, Prop)> = entries
                    .iter()
                    .map(|e| {
                        let value = Prop::convert(&e.value, &join_key(path, &e.key), pin, syntax);
                        (e.key.to_string(), value)
                    })
                    .collect();
                syntax.more_entries(entries, path, &mut map);
                Value::Map(map)
            }
        };
        Prop::Known(value, at)
    }

    pub fn at(&self) -> &At {
        match self {
            Prop::Known(_, at) | Prop::Unknown(_, at) | Prop::Absent(at) => at,
        }
    }

    pub fn pos(&self) -> Pos {
        self.at().pos
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Prop::Absent(_))
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Prop::Unknown(..))
    }

    /// The value under `key`, matched case-insensitively (ARM and `az` spell acronyms
    /// differently: `authorizedIPRanges` / `authorizedIpRanges`). The last matching key wins.
    pub fn get(&self, key: &str) -> Cow<'_, Prop> {
        match self {
            Prop::Known(Value::Map(entries), at) => {
                match entries
                    .iter()
                    .rev()
                    .find(|(k, _)| k.eq_ignore_ascii_case(key))
                {
                    Some((_, p)) => Cow::Borrowed(p),
                    None => Cow::Owned(Prop::Absent(at.child(key))),
                }
            }
            Prop::Known(_, at) => Cow::Owned(Prop::Absent(at.child(key))),
            Prop::Unknown(reason, at) => Cow::Owned(Prop::Unknown(reason.clone(), at.child(key))),
            Prop::Absent(at) => Cow::Owned(Prop::Absent(at.child(key))),
        }
    }

    /// Follows a chain of keys (case-insensitively).
    pub fn path(&self, keys: &[&str]) -> Prop {
        let mut cur: Cow<'_, Prop> = Cow::Borrowed(self);
        for key in keys {
            cur = match cur {
                Cow::Borrowed(p) => p.get(key),
                Cow::Owned(p) => Cow::Owned(p.get(key).into_owned()),
            };
        }
        cur.into_owned()
    }

    /// Item `i` of a list.
    pub fn item(&self, i: usize) -> Prop {
        match self {
            Prop::Known(Value::List(items), at) => items
                .get(i)
                .cloned()
                .unwrap_or_else(|| Prop::Absent(at.index(i))),
            Prop::Unknown(r, at) => Prop::Unknown(r.clone(), at.index(i)),
            other => Prop::Absent(other.at().index(i)),
        }
    }

    /// The first of several spellings that is present (azurerm 3.x and 4.x names), else the
    /// absence of the first.
    pub fn first_of(&self, keys: &[&str]) -> Prop {
        let mut first = None;
        for key in keys {
            let p = self.get(key);
            if !p.is_absent() {
                return p.into_owned();
            }
            first.get_or_insert_with(|| p.into_owned());
        }
        first.unwrap_or_else(|| Prop::Absent(self.at().clone()))
    }

    /// A boolean. String `"true"`/`"false"` (any case) count: add-on `config` values are
    /// strings.
    pub fn bool(&self) -> Read<bool> {
        match self {
            Prop::Known(Value::Bool(b), _) => Ok(Some(*b)),
            Prop::Known(Value::Str(s), _) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
            Prop::Known(Value::Str(s), _) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
            Prop::Known(v, _) => Err(format!("expected true or false, found {}", v.describe())),
            Prop::Unknown(r, _) => Err(r.clone()),
            Prop::Absent(_) => Ok(None),
        }
    }

    /// Text (numbers and booleans rendered, as ARM would coerce them in an enum field).
    pub fn text(&self) -> Read<Cow<'_, str>> {
        match self {
            Prop::Known(Value::Str(s), _) => Ok(Some(Cow::Borrowed(s))),
            Prop::Known(Value::Int(i), _) => Ok(Some(Cow::Owned(i.to_string()))),
            Prop::Known(Value::Bool(b), _) => Ok(Some(Cow::Owned(b.to_string()))),
            Prop::Known(v, _) => Err(format!("expected text, found {}", v.describe())),
            Prop::Unknown(r, _) => Err(r.clone()),
            Prop::Absent(_) => Ok(None),
        }
    }

    pub fn int(&self) -> Read<i64> {
        match self {
            Prop::Known(Value::Int(i), _) => Ok(Some(*i)),
            Prop::Known(Value::Float(f), _) if f.fract() == 0.0 => Ok(Some(*f as i64)),
            Prop::Known(Value::Str(s), _) if s.trim().parse::<i64>().is_ok() => {
                Ok(s.trim().parse().ok())
            }
            Prop::Known(v, _) => Err(format!("expected a number, found {}", v.describe())),
            Prop::Unknown(r, _) => Err(r.clone()),
            Prop::Absent(_) => Ok(None),
        }
    }

    /// Items of a list. A lone scalar counts as a one-item list (Terraform accepts both for
    /// some arguments).
    pub fn list(&self) -> Read<Cow<'_, [Prop]>> {
        match self {
            Prop::Known(Value::List(items), _) => Ok(Some(Cow::Borrowed(items))),
            Prop::Known(Value::Map(_), _) => Err("expected a list, found an object".into()),
            Prop::Known(_, _) => Ok(Some(Cow::Owned(vec![self.clone()]))),
            Prop::Unknown(r, _) => Err(r.clone()),
            Prop::Absent(_) => Ok(None),
        }
    }

    pub fn entries(&self) -> Read<&[(String, Prop)]> {
        match self {
            Prop::Known(Value::Map(e), _) => Ok(Some(e)),
            Prop::Known(v, _) => Err(format!("expected an object, found {}", v.describe())),
            Prop::Unknown(r, _) => Err(r.clone()),
            Prop::Absent(_) => Ok(None),
        }
    }

    /// Whether something non-empty is written (an object, a non-empty string or list).
    pub fn is_set(&self) -> Result<bool, String> {
        match self {
            Prop::Known(Value::Str(s), _) => Ok(!s.trim().is_empty()),
            Prop::Known(Value::List(l), _) => Ok(!l.is_empty()),
            Prop::Known(_, _) => Ok(true),
            Prop::Unknown(r, _) => Err(r.clone()),
            Prop::Absent(_) => Ok(false),
        }
    }

    /// A short rendering for messages.
    pub fn describe(&self) -> String {
        match self {
            Prop::Known(v, _) => v.describe(),
            Prop::Unknown(r, _) => format!("unknown ({r})"),
            Prop::Absent(_) => "not set".into(),
        }
    }
}

impl Value {
    pub fn describe(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => f.to_string(),
            Value::Str(s) => format!("{s:?}"),
            Value::List(l) => format!("a list of {}", l.len()),
            Value::Map(_) => "an object".into(),
        }
    }
}

/// What the strings of a document mean in one input syntax (ARM, Terraform), for
/// [`Prop::convert`].
pub trait Syntax {
    fn string(&self, s: &str, at: At) -> Prop;

    /// Entries a mapping has beyond those written (ARM property copy loops).
    fn more_entries(&self, _entries: &[Entry], _path: &str, _map: &mut Vec<(String, Prop)>) {}
}

/// Strings are literal text.
struct Literal;

impl Syntax for Literal {
    fn string(&self, s: &str, at: At) -> Prop {
        Prop::Known(Value::Str(s.to_string()), at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_document::{parse_str, Limits};

    fn prop(yaml: &str) -> Prop {
        let doc = parse_str(yaml, &Limits::default()).remove(0).unwrap();
        Prop::from_node(&doc.root, "")
    }

    #[test]
    fn keys_match_case_insensitively_and_absence_keeps_the_parent_position() {
        let p = prop("apiServerAccessProfile:\n  authorizedIpRanges: [1.2.3.4/32]\n");
        let ranges = p.path(&["apiServerAccessProfile", "authorizedIPRanges"]);
        assert_eq!(ranges.list().unwrap().unwrap().len(), 1);
        let missing = p.path(&["apiServerAccessProfile", "enablePrivateCluster"]);
        assert!(missing.is_absent());
        assert_eq!(missing.pos().line, 2);
        assert_eq!(
            missing.at().path,
            "apiServerAccessProfile.enablePrivateCluster"
        );
    }

    #[test]
    fn unknown_propagates_to_children_and_never_reads_as_a_value() {
        let u = Prop::unknown("parameter x has no value", At::new(Pos::new(3, 4), "p"));
        let child = u.path(&["a", "b"]);
        assert!(child.is_unknown());
        assert_eq!(child.at().path, "p.a.b");
        assert!(child.bool().is_err());
        assert!(child.text().is_err());
        assert!(child.is_set().is_err());
    }

    #[test]
    fn string_booleans_and_nulls() {
        let p = prop("config: {enableSecretRotation: \"true\"}\nx: null\n");
        assert_eq!(
            p.path(&["config", "enableSecretRotation"]).bool(),
            Ok(Some(true))
        );
        assert!(p.get("x").is_absent());
    }
}
