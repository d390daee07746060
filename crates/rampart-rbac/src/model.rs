//! RBAC objects as the authorizer sees them, read from positioned documents.

use std::collections::BTreeMap;

use rampart_document::{Node, Pos, Value};

use crate::selector::LabelSelector;

/// Where an RBAC object came from: the caller's index for it, and positions inside it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Source(pub usize);

/// One entry of a role's `rules`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PolicyRule {
    pub api_groups: Vec<String>,
    pub resources: Vec<String>,
    pub verbs: Vec<String>,
    pub resource_names: Vec<String>,
    pub non_resource_urls: Vec<String>,
}

/// A rule together with where it is written (its role and index), so aggregated rules still
/// point at their origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcedRule {
    pub rule: PolicyRule,
    /// The role that declares the rule (for aggregated roles: the aggregated-from role).
    pub declared_in: RoleId,
    pub index: usize,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoleKind {
    Role,
    ClusterRole,
}

impl RoleKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoleKind::Role => "Role",
            RoleKind::ClusterRole => "ClusterRole",
        }
    }
}

/// A role's identity: kind, namespace (Roles only) and name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleId {
    pub kind: RoleKind,
    pub namespace: Option<String>,
    pub name: String,
}

impl std::fmt::Display for RoleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.kind.as_str(), self.name)
    }
}

#[derive(Clone, Debug)]
pub struct Role {
    pub id: RoleId,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
    /// Rules as written.
    pub rules: Vec<SourcedRule>,
    /// `aggregationRule.clusterRoleSelectors`, for aggregated ClusterRoles.
    pub aggregation: Option<Vec<LabelSelector>>,
    pub source: Source,
    pub pos: Pos,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BindingKind {
    RoleBinding,
    ClusterRoleBinding,
}

impl BindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BindingKind::RoleBinding => "RoleBinding",
            BindingKind::ClusterRoleBinding => "ClusterRoleBinding",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SubjectKind {
    User,
    Group,
    ServiceAccount,
}

impl SubjectKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SubjectKind::User => "User",
            SubjectKind::Group => "Group",
            SubjectKind::ServiceAccount => "ServiceAccount",
        }
    }
}

/// A subject of a binding. A ServiceAccount subject of a RoleBinding without a namespace takes
/// the binding's namespace, as the authorizer does.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Subject {
    pub kind: SubjectKind,
    pub name: String,
    pub namespace: Option<String>,
}

impl std::fmt::Display for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.kind, &self.namespace) {
            (SubjectKind::ServiceAccount, Some(ns)) => {
                write!(f, "ServiceAccount {ns}/{}", self.name)
            }
            (k, _) => write!(f, "{} {}", k.as_str(), self.name),
        }
    }
}

impl Subject {
    pub fn user(name: &str) -> Subject {
        Subject {
            kind: SubjectKind::User,
            name: name.into(),
            namespace: None,
        }
    }

    pub fn group(name: &str) -> Subject {
        Subject {
            kind: SubjectKind::Group,
            name: name.into(),
            namespace: None,
        }
    }

    pub fn service_account(namespace: &str, name: &str) -> Subject {
        Subject {
            kind: SubjectKind::ServiceAccount,
            name: name.into(),
            namespace: Some(namespace.into()),
        }
    }

    /// `ns/name` of a ServiceAccount subject, also when written as the User
    /// `system:serviceaccount:ns:name`, which the authorizer treats the same.
    pub fn as_service_account(&self) -> Option<(&str, &str)> {
        match self.kind {
            SubjectKind::ServiceAccount => Some((self.namespace.as_deref()?, &self.name)),
            SubjectKind::User => {
                let rest = self.name.strip_prefix("system:serviceaccount:")?;
                rest.split_once(':')
            }
            SubjectKind::Group => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleRef {
    pub kind: RoleKind,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Binding {
    pub kind: BindingKind,
    pub namespace: Option<String>,
    pub name: String,
    pub role_ref: RoleRef,
    pub subjects: Vec<Subject>,
    /// Position of each subject (same order).
    pub subject_pos: Vec<Pos>,
    pub labels: BTreeMap<String, String>,
    pub source: Source,
    pub pos: Pos,
    pub role_ref_pos: Pos,
}

impl Binding {
    /// `<Kind>/<ns>/<name>` (no namespace part for ClusterRoleBindings).
    pub fn display(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{}/{}/{}", self.kind.as_str(), ns, self.name),
            None => format!("{}/{}", self.kind.as_str(), self.name),
        }
    }

    /// The role this binding grants: a Role in the binding's namespace or a ClusterRole.
    pub fn role_id(&self) -> RoleId {
        RoleId {
            kind: self.role_ref.kind,
            namespace: match self.role_ref.kind {
                RoleKind::Role => self.namespace.clone(),
                RoleKind::ClusterRole => None,
            },
            name: self.role_ref.name.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct ServiceAccount {
    pub namespace: String,
    pub name: String,
    pub source: Source,
    pub pos: Pos,
}

/// Problems found while reading an object; the object is skipped or read partly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadProblem {
    pub source: Source,
    pub pos: Pos,
    pub message: String,
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(|n| match &n.value {
            // `String::from`, not `to_string`: a `Box<str>` would go through `Display`.
            Value::Str(s) => Some(String::from(&**s)),
            Value::Int(i) => Some(i.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
        .collect()
}

pub(crate) fn string_map(node: Option<&Node>) -> BTreeMap<String, String> {
    node.map(Node::entries)
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| {
            let v = match &e.value.value {
                Value::Str(s) => String::from(&**s),
                Value::Bool(b) => b.to_string(),
                Value::Int(i) => i.to_string(),
                _ => return None,
            };
            Some((String::from(&*e.key), v))
        })
        .collect()
}

fn text<'a>(node: &'a Node, keys: &[&str]) -> Option<&'a str> {
    node.path(keys).and_then(Node::as_str)
}

/// Reads a Role or ClusterRole.
pub fn read_role(kind: RoleKind, namespace: Option<&str>, node: &Node, source: Source) -> Role {
    let name = text(node, &["metadata", "name"]).unwrap_or("").to_string();
    let id = RoleId {
        kind,
        namespace: match kind {
            RoleKind::Role => Some(namespace.unwrap_or("default").to_string()),
            RoleKind::ClusterRole => None,
        },
        name,
    };
    let rules = node
        .get("rules")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(index, r)| SourcedRule {
            rule: PolicyRule {
                api_groups: strings(r.get("apiGroups")),
                resources: strings(r.get("resources")),
                verbs: strings(r.get("verbs")),
                resource_names: strings(r.get("resourceNames")),
                non_resource_urls: strings(r.get("nonResourceURLs")),
            },
            declared_in: id.clone(),
            index,
            pos: r.pos,
        })
        .collect();
    let aggregation = match kind {
        RoleKind::ClusterRole => node
            .path(&["aggregationRule", "clusterRoleSelectors"])
            .map(|s| s.items().iter().map(LabelSelector::read).collect()),
        RoleKind::Role => None,
    };
    Role {
        labels: string_map(node.path(&["metadata", "labels"])),
        annotations: string_map(node.path(&["metadata", "annotations"])),
        id,
        rules,
        aggregation,
        source,
        pos: node.pos,
    }
}

/// Reads a RoleBinding or ClusterRoleBinding. A binding without a usable roleRef cannot grant
/// anything and is reported as a problem instead.
pub fn read_binding(
    kind: BindingKind,
    namespace: Option<&str>,
    node: &Node,
    source: Source,
) -> Result<Binding, ReadProblem> {
    let name = text(node, &["metadata", "name"]).unwrap_or("").to_string();
    let namespace = match kind {
        BindingKind::RoleBinding => Some(namespace.unwrap_or("default").to_string()),
        BindingKind::ClusterRoleBinding => None,
    };
    let role_ref_node = node.get("roleRef");
    let role_kind = match role_ref_node.and_then(|r| text(r, &["kind"])) {
        Some("Role") if kind == BindingKind::RoleBinding => RoleKind::Role,
        Some("ClusterRole") => RoleKind::ClusterRole,
        other => {
            return Err(ReadProblem {
                source,
                pos: role_ref_node.map_or(node.pos, |r| r.pos),
                message: format!(
                    "{} {name}: roleRef.kind {:?} is not valid here (expected {})",
                    kind.as_str(),
                    other.unwrap_or(""),
                    if kind == BindingKind::RoleBinding {
                        "Role or ClusterRole"
                    } else {
                        "ClusterRole"
                    }
                ),
            })
        }
    };
    let role_name = role_ref_node
        .and_then(|r| text(r, &["name"]))
        .unwrap_or("")
        .to_string();
    let mut subjects = Vec::new();
    let mut subject_pos = Vec::new();
    for s in node.get("subjects").map(Node::items).unwrap_or(&[]) {
        let subject_kind = match text(s, &["kind"]) {
            Some("User") => SubjectKind::User,
            Some("Group") => SubjectKind::Group,
            Some("ServiceAccount") => SubjectKind::ServiceAccount,
            _ => continue,
        };
        let subject_ns = match subject_kind {
            SubjectKind::ServiceAccount => text(s, &["namespace"])
                .map(str::to_string)
                .or_else(|| namespace.clone()),
            _ => None,
        };
        subjects.push(Subject {
            kind: subject_kind,
            name: text(s, &["name"]).unwrap_or("").to_string(),
            namespace: subject_ns,
        });
        subject_pos.push(s.pos);
    }
    Ok(Binding {
        kind,
        namespace,
        name,
        role_ref: RoleRef {
            kind: role_kind,
            name: role_name,
        },
        subjects,
        subject_pos,
        labels: string_map(node.path(&["metadata", "labels"])),
        source,
        pos: node.pos,
        role_ref_pos: node.entry("roleRef").map_or(node.pos, |e| e.key_pos),
    })
}
