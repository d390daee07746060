//! Label selectors as NetworkPolicies use them: `matchLabels` and `matchExpressions`, ANDed.

use rampart_document::{join_key, Node, Value};

use crate::Problem;

/// An object's labels: key/value pairs sorted by key, one per key. A pod has a handful, and a
/// sorted list of them takes a fraction of a map's memory (a scan keeps one per workload).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Labels(Box<[(Box<str>, Box<str>)]>);

impl Labels {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| (**k).cmp(key))
            .ok()
            .map(|i| &*self.0[i].1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (&**k, &**v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// These labels with `key` set to `value`.
    pub fn with(&self, key: &str, value: &str) -> Labels {
        self.iter()
            .filter(|(k, _)| *k != key)
            .chain([(key, value)])
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
}

/// Later pairs win over earlier ones with the same key, as in a map.
impl<K: Into<Box<str>>, V: Into<Box<str>>> FromIterator<(K, V)> for Labels {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut pairs: Vec<(Box<str>, Box<str>)> = iter
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        // Stable sort keeps input order among equal keys; keep the last of each run.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(Box<str>, Box<str>)> = Vec::with_capacity(pairs.len());
        for pair in pairs {
            match out.last_mut() {
                Some(last) if last.0 == pair.0 => *last = pair,
                _ => out.push(pair),
            }
        }
        Labels(out.into_boxed_slice())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// One `matchExpressions` entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Requirement {
    pub key: String,
    pub operator: Operator,
    pub values: Vec<String>,
}

impl Requirement {
    fn matches(&self, labels: &Labels) -> bool {
        let value = labels.get(&self.key);
        match self.operator {
            Operator::In => value.is_some_and(|v| self.values.iter().any(|x| x == v)),
            // Objects without the key match NotIn and DoesNotExist.
            Operator::NotIn => value.is_none_or(|v| !self.values.iter().any(|x| x == v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
        }
    }
}

/// A label selector. The empty selector matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Selector {
    pub match_labels: Vec<(String, String)>,
    pub match_expressions: Vec<Requirement>,
}

/// A label value: text, also when YAML read it as a number or boolean.
pub fn label_text(node: &Node) -> Option<String> {
    match &node.value {
        // `String::from`, not `to_string`: a `Box<str>` would go through `Display`.
        Value::Str(s) => Some(String::from(&**s)),
        Value::Bool(b) => Some(b.to_string()),
        Value::Int(i) => Some(i.to_string()),
        Value::Float(f) => Some(f.to_string()),
        _ => None,
    }
}

/// A `key: value` mapping of labels (Service selectors, namespace labels).
pub fn labels_of(node: Option<&Node>) -> Labels {
    node.map(Node::entries)
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| Some((String::from(&*e.key), label_text(&e.value)?)))
        .collect()
}

impl Selector {
    /// Only `matchLabels` (what Services select with).
    pub fn from_labels(labels: &Labels) -> Selector {
        Selector {
            match_labels: labels
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            match_expressions: Vec::new(),
        }
    }

    /// Matches every object: `{}`.
    pub fn is_empty(&self) -> bool {
        self.match_labels.is_empty() && self.match_expressions.is_empty()
    }

    pub fn matches(&self, labels: &Labels) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v.as_str()))
            && self.match_expressions.iter().all(|r| r.matches(labels))
    }

    /// Reads a `LabelSelector` at `path` (object-relative). Invalid parts are problems; the
    /// selector is returned only when it is valid, as the API server would accept it.
    pub fn parse(node: &Node, path: &str, problems: &mut Vec<Problem>) -> Option<Selector> {
        if !node.is_map() {
            problems.push(Problem::error(
                node.pos,
                path,
                "a label selector must be a mapping (matchLabels / matchExpressions)",
            ));
            return None;
        }
        let before = problems.len();
        let mut selector = Selector::default();
        if let Some(labels) = node.get("matchLabels") {
            let labels_path = join_key(path, "matchLabels");
            if !labels.is_map() {
                problems.push(Problem::error(
                    labels.pos,
                    &labels_path,
                    "matchLabels must be a mapping of label keys to values",
                ));
            }
            for e in labels.entries() {
                match label_text(&e.value) {
                    Some(v) => selector.match_labels.push((String::from(&*e.key), v)),
                    None => problems.push(Problem::error(
                        e.value.pos,
                        &join_key(&labels_path, &e.key),
                        "a matchLabels value must be a string",
                    )),
                }
            }
        }
        if let Some(exprs) = node.get("matchExpressions") {
            let exprs_path = join_key(path, "matchExpressions");
            if !exprs.is_seq() {
                problems.push(Problem::error(
                    exprs.pos,
                    &exprs_path,
                    "matchExpressions must be a list",
                ));
            }
            for (i, expr) in exprs.items().iter().enumerate() {
                let p = format!("{exprs_path}[{i}]");
                if let Some(r) = parse_requirement(expr, &p, problems) {
                    selector.match_expressions.push(r);
                }
            }
        }
        (problems.len() == before).then_some(selector)
    }
}

fn parse_requirement(node: &Node, path: &str, problems: &mut Vec<Problem>) -> Option<Requirement> {
    let Some(key) = node.get("key").and_then(Node::as_str) else {
        problems.push(Problem::error(
            node.pos,
            path,
            "a matchExpressions entry needs a string `key`",
        ));
        return None;
    };
    let op_node = node.get("operator");
    let operator = match op_node.and_then(Node::as_str) {
        Some("In") => Operator::In,
        Some("NotIn") => Operator::NotIn,
        Some("Exists") => Operator::Exists,
        Some("DoesNotExist") => Operator::DoesNotExist,
        other => {
            problems.push(Problem::error(
                op_node.map_or(node.pos, |n| n.pos),
                &join_key(path, "operator"),
                format!(
                    "operator {}: expected In, NotIn, Exists or DoesNotExist",
                    other.map_or_else(|| "missing".to_string(), |o| format!("{o:?}"))
                ),
            ));
            return None;
        }
    };
    let values_node = node.get("values");
    let values: Vec<String> = values_node
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(label_text)
        .collect();
    let values_pos = values_node.map_or(node.pos, |n| n.pos);
    let values_path = join_key(path, "values");
    match operator {
        Operator::In | Operator::NotIn if values.is_empty() => {
            problems.push(Problem::error(
                values_pos,
                &values_path,
                format!("operator {operator:?} needs at least one value"),
            ));
            None
        }
        Operator::Exists | Operator::DoesNotExist if !values.is_empty() => {
            problems.push(Problem::error(
                values_pos,
                &values_path,
                format!("operator {operator:?} takes no values"),
            ));
            None
        }
        _ => Some(Requirement {
            key: key.to_string(),
            operator,
            values,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> Labels {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn labels_are_sorted_one_per_key_and_the_last_value_wins() {
        let l = labels(&[("tier", "web"), ("app", "a"), ("tier", "api"), ("b", "")]);
        assert_eq!(
            l.iter().collect::<Vec<_>>(),
            vec![("app", "a"), ("b", ""), ("tier", "api")]
        );
        assert_eq!(l.get("tier"), Some("api"));
        assert_eq!(l.get("b"), Some(""));
        assert_eq!(l.get("zzz"), None);
        assert_eq!(l.len(), 3);
        let named = l
            .with("kubernetes.io/metadata.name", "shop")
            .with("app", "b");
        assert_eq!(named.get("kubernetes.io/metadata.name"), Some("shop"));
        assert_eq!(named.get("app"), Some("b"));
        assert_eq!(named.len(), 4);
        assert!(Labels::default().is_empty());
    }

    fn parse(yaml: &str) -> (Option<Selector>, Vec<Problem>) {
        let docs = rampart_document::parse_str(yaml, &Default::default());
        let node = docs.into_iter().next().unwrap().unwrap().root;
        let mut problems = Vec::new();
        (Selector::parse(&node, "sel", &mut problems), problems)
    }

    #[test]
    fn operators_and_missing_keys() {
        let (s, _) = parse(
            "matchExpressions:\n- {key: tier, operator: NotIn, values: [db]}\n- {key: legacy, operator: DoesNotExist}\n",
        );
        let s = s.unwrap();
        assert!(s.matches(&labels(&[])));
        assert!(s.matches(&labels(&[("tier", "web")])));
        assert!(!s.matches(&labels(&[("tier", "db")])));
        assert!(!s.matches(&labels(&[("legacy", "")])));
        let (s, _) = parse(
            "matchLabels: {app: web}\nmatchExpressions:\n- {key: env, operator: In, values: [prod, stage]}\n- {key: team, operator: Exists}\n",
        );
        let s = s.unwrap();
        assert!(s.matches(&labels(&[("app", "web"), ("env", "prod"), ("team", "a")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("env", "dev"), ("team", "a")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("env", "prod")])));
        assert!(Selector::default().matches(&labels(&[("x", "y")])));
    }

    #[test]
    fn invalid_selectors_are_problems() {
        for bad in [
            "matchExpressions:\n- {key: a, operator: Equals, values: [x]}\n",
            "matchExpressions:\n- {key: a, operator: In}\n",
            "matchExpressions:\n- {key: a, operator: Exists, values: [x]}\n",
            "matchExpressions:\n- {operator: Exists}\n",
        ] {
            let (s, problems) = parse(bad);
            assert!(s.is_none(), "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
            assert_eq!(problems[0].pos.line, 2, "{bad}");
        }
    }
}
