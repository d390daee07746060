//! Label selectors (`matchLabels` and `matchExpressions`), as aggregation rules use them.

use std::collections::BTreeMap;

use rampart_document::Node;

use crate::model::string_map;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
    /// An operator the API would reject: matches nothing, so it never widens access.
    Invalid,
}

/// Requirements are ANDed; an empty selector matches every object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSelector {
    pub requirements: Vec<Requirement>,
}

impl LabelSelector {
    pub fn read(node: &Node) -> LabelSelector {
        let mut requirements: Vec<Requirement> = string_map(node.get("matchLabels"))
            .into_iter()
            .map(|(k, v)| Requirement::In(k, vec![v]))
            .collect();
        for e in node.get("matchExpressions").map(Node::items).unwrap_or(&[]) {
            let key = e
                .get("key")
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string();
            let values: Vec<String> = e
                .get("values")
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            requirements.push(match e.get("operator").and_then(Node::as_str) {
                Some("In") => Requirement::In(key, values),
                Some("NotIn") => Requirement::NotIn(key, values),
                Some("Exists") => Requirement::Exists(key),
                Some("DoesNotExist") => Requirement::DoesNotExist(key),
                _ => Requirement::Invalid,
            });
        }
        LabelSelector { requirements }
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.requirements.iter().all(|r| match r {
            Requirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            Requirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            Requirement::Exists(k) => labels.contains_key(k),
            Requirement::DoesNotExist(k) => !labels.contains_key(k),
            Requirement::Invalid => false,
        })
    }
}
