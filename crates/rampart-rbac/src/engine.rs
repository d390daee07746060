//! Effective permissions: roles with aggregation resolved, bindings indexed by subject, and the
//! queries `who-can` and `explain` answer.

use std::collections::{BTreeMap, HashMap, HashSet};

use rampart_document::Node;

use crate::model::{
    read_binding, read_role, Binding, BindingKind, ReadProblem, Role, RoleId, RoleKind,
    ServiceAccount, Source, SourcedRule, Subject, SubjectKind,
};
use crate::request::{Names, Request};

/// Where a grant applies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// A ClusterRoleBinding: every namespace, cluster-scoped resources, non-resource URLs.
    Cluster,
    /// A RoleBinding: namespaced resources of this namespace (and the Namespace object itself).
    Namespace(String),
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scope::Cluster => f.write_str("cluster-wide"),
            Scope::Namespace(ns) => write!(f, "namespace {ns}"),
        }
    }
}

/// One rule granted to a subject through one binding.
#[derive(Clone, Debug)]
pub struct Grant<'a> {
    pub binding: &'a Binding,
    pub role: RoleId,
    pub rule: &'a SourcedRule,
    pub scope: Scope,
}

/// Who a request is made as: a user name and the groups the authenticator attaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub user: Option<String>,
    pub groups: Vec<String>,
}

impl Identity {
    /// A service account: user `system:serviceaccount:NS:NAME` in the groups
    /// `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`.
    pub fn service_account(namespace: &str, name: &str) -> Identity {
        Identity {
            user: Some(format!("system:serviceaccount:{namespace}:{name}")),
            groups: vec![
                "system:serviceaccounts".into(),
                format!("system:serviceaccounts:{namespace}"),
                "system:authenticated".into(),
            ],
        }
    }

    /// An authenticated user; other groups it may carry are unknown to a static analysis.
    pub fn user(name: &str) -> Identity {
        Identity {
            user: Some(name.into()),
            groups: vec!["system:authenticated".into()],
        }
    }

    /// Whatever a member of `group` holds through that group alone.
    pub fn group(name: &str) -> Identity {
        Identity {
            user: None,
            groups: vec![name.into()],
        }
    }

    /// Parses `user:NAME`, `group:NAME` or `sa:NS/NAME`.
    pub fn parse(text: &str) -> Result<Identity, String> {
        let (kind, rest) = text.split_once(':').ok_or_else(|| {
            format!("{text:?}: expected user:NAME, group:NAME or sa:NAMESPACE/NAME")
        })?;
        match kind {
            "user" if !rest.is_empty() => Ok(
                match rest
                    .strip_prefix("system:serviceaccount:")
                    .and_then(|r| r.split_once(':'))
                {
                    Some((ns, name)) => Identity::service_account(ns, name),
                    None => Identity::user(rest),
                },
            ),
            "group" if !rest.is_empty() => Ok(Identity::group(rest)),
            "sa" | "serviceaccount" => match rest.split_once('/') {
                Some((ns, name)) if !ns.is_empty() && !name.is_empty() => {
                    Ok(Identity::service_account(ns, name))
                }
                _ => Err(format!("{text:?}: expected sa:NAMESPACE/NAME")),
            },
            _ => Err(format!(
                "{text:?}: expected user:NAME, group:NAME or sa:NAMESPACE/NAME"
            )),
        }
    }

    pub fn matches(&self, subject: &Subject) -> bool {
        match subject.kind {
            SubjectKind::Group => self.groups.contains(&subject.name),
            SubjectKind::User => self.user.as_deref() == Some(subject.name.as_str()),
            SubjectKind::ServiceAccount => match (&self.user, subject.as_service_account()) {
                (Some(user), Some((ns, name))) => {
                    user.strip_prefix("system:serviceaccount:")
                        .and_then(|r| r.split_once(':'))
                        == Some((ns, name))
                }
                _ => false,
            },
        }
    }
}

/// The RBAC state of the input.
#[derive(Debug, Default)]
pub struct Rbac {
    pub roles: BTreeMap<RoleId, Role>,
    /// Rules each role grants, with ClusterRole aggregation resolved to a fixpoint.
    effective: HashMap<RoleId, Vec<SourcedRule>>,
    pub bindings: Vec<Binding>,
    pub service_accounts: Vec<ServiceAccount>,
    pub problems: Vec<ReadProblem>,
    /// Subject → indexes of the bindings naming it (ServiceAccounts keyed by their user name).
    by_subject: HashMap<(SubjectKind, String), Vec<usize>>,
}

/// Collects RBAC objects, then [`RbacBuilder::build`] resolves aggregation and indexes.
#[derive(Default)]
pub struct RbacBuilder {
    rbac: Rbac,
}

impl RbacBuilder {
    /// Adds an object if it is an RBAC object or a ServiceAccount; `source` is the caller's
    /// handle for it (findings point back through it).
    pub fn add(
        &mut self,
        api_group: &str,
        kind: &str,
        namespace: Option<&str>,
        node: &Node,
        source: Source,
    ) {
        let rbac = &mut self.rbac;
        match (api_group, kind) {
            ("rbac.authorization.k8s.io", "Role") => {
                let role = read_role(RoleKind::Role, namespace, node, source);
                rbac.roles.insert(role.id.clone(), role);
            }
            ("rbac.authorization.k8s.io", "ClusterRole") => {
                let role = read_role(RoleKind::ClusterRole, None, node, source);
                rbac.roles.insert(role.id.clone(), role);
            }
            ("rbac.authorization.k8s.io", "RoleBinding")
            | ("rbac.authorization.k8s.io", "ClusterRoleBinding") => {
                let kind = if kind == "RoleBinding" {
                    BindingKind::RoleBinding
                } else {
                    BindingKind::ClusterRoleBinding
                };
                match read_binding(kind, namespace, node, source) {
                    Ok(b) => rbac.bindings.push(b),
                    Err(p) => rbac.problems.push(p),
                }
            }
            ("", "ServiceAccount") => rbac.service_accounts.push(ServiceAccount {
                namespace: namespace.unwrap_or("default").to_string(),
                name: node
                    .path(&["metadata", "name"])
                    .and_then(Node::as_str)
                    .unwrap_or("")
                    .to_string(),
                source,
                pos: node.pos,
            }),
            _ => {}
        }
    }

    pub fn build(mut self) -> Rbac {
        // Bindings to the default user-facing ClusterRoles work without the input defining them.
        let referenced: Vec<String> = self
            .rbac
            .bindings
            .iter()
            .filter(|b| b.role_ref.kind == RoleKind::ClusterRole)
            .map(|b| b.role_ref.name.clone())
            .collect();
        for name in referenced {
            let id = RoleId {
                kind: RoleKind::ClusterRole,
                namespace: None,
                name: name.clone(),
            };
            if let std::collections::btree_map::Entry::Vacant(slot) = self.rbac.roles.entry(id) {
                if let Some(role) = crate::builtin::builtin_role(&name) {
                    slot.insert(role);
                }
            }
        }
        self.rbac.effective = aggregate(&self.rbac.roles);
        for (i, b) in self.rbac.bindings.iter().enumerate() {
            for s in &b.subjects {
                self.rbac
                    .by_subject
                    .entry(subject_key(s))
                    .or_default()
                    .push(i);
            }
        }
        for list in self.rbac.by_subject.values_mut() {
            list.dedup();
        }
        self.rbac
    }
}

/// ServiceAccount subjects are keyed as the user they authenticate as, so both spellings meet.
fn subject_key(s: &Subject) -> (SubjectKind, String) {
    match s.as_service_account() {
        Some((ns, name)) => (
            SubjectKind::User,
            format!("system:serviceaccount:{ns}:{name}"),
        ),
        None => (s.kind, s.name.clone()),
    }
}

/// Resolves `aggregationRule`s: an aggregated ClusterRole gets the rules of every ClusterRole
/// matching one of its selectors, transitively (aggregated roles feed other aggregators). Its own
/// `rules` are kept too: in a live cluster they are the materialised result, which may come from
/// roles the input does not hold.
fn aggregate(roles: &BTreeMap<RoleId, Role>) -> HashMap<RoleId, Vec<SourcedRule>> {
    let mut effective: HashMap<RoleId, Vec<SourcedRule>> = roles
        .iter()
        .map(|(id, r)| (id.clone(), r.rules.clone()))
        .collect();
    let aggregators: Vec<&Role> = roles.values().filter(|r| r.aggregation.is_some()).collect();
    if aggregators.is_empty() {
        return effective;
    }
    // Which ClusterRoles each aggregator selects (fixed: labels do not change).
    let selected: Vec<(RoleId, Vec<RoleId>)> = aggregators
        .iter()
        .map(|agg| {
            let selectors = agg.aggregation.as_deref().unwrap_or(&[]);
            let members = roles
                .values()
                .filter(|r| r.id.kind == RoleKind::ClusterRole && r.id != agg.id)
                .filter(|r| selectors.iter().any(|s| s.matches(&r.labels)))
                .map(|r| r.id.clone())
                .collect();
            (agg.id.clone(), members)
        })
        .collect();
    // Iterate to a fixpoint; each round can only add rules, so it ends.
    loop {
        let mut changed = false;
        for (agg, members) in &selected {
            let mut seen: HashSet<crate::model::PolicyRule> =
                effective[agg].iter().map(|r| r.rule.clone()).collect();
            let mut added = Vec::new();
            for m in members {
                for r in &effective[m] {
                    if seen.insert(r.rule.clone()) {
                        added.push(r.clone());
                    }
                }
            }
            if !added.is_empty() {
                changed = true;
                effective.get_mut(agg).expect("aggregator").extend(added);
            }
        }
        if !changed {
            return effective;
        }
    }
}

/// One subject that may perform a request, and through which bindings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Allowed {
    pub subject: Subject,
    pub via: Vec<Via>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Via {
    /// `<Kind>/<ns>/<name>` of the binding.
    pub binding: String,
    /// `<Kind>/<name>` of the role.
    pub role: String,
    /// Where the access holds: `None` cluster-wide, else the RoleBinding's namespace.
    pub namespace: Option<String>,
}

impl Rbac {
    /// The rules a role grants (aggregation resolved); `None` when the input lacks the role.
    pub fn role_rules(&self, id: &RoleId) -> Option<&[SourcedRule]> {
        self.effective.get(id).map(Vec::as_slice)
    }

    /// Whether a binding's grant covers `request`, given its scope and the namespace asked about
    /// (`None` = any namespace).
    fn scope_allows(
        binding: &Binding,
        request: &Request,
        namespace: Option<&str>,
    ) -> Option<Scope> {
        match (&binding.kind, &binding.namespace) {
            (BindingKind::ClusterRoleBinding, _) => Some(Scope::Cluster),
            (BindingKind::RoleBinding, Some(ns)) => {
                if namespace.is_some_and(|asked| asked != ns) {
                    return None;
                }
                if request.is_cluster_scoped() {
                    // The one twist: the Namespace object X counts as namespaced to X.
                    match request {
                        Request::Resource {
                            group,
                            resource,
                            name: Some(name),
                            ..
                        } if group.is_empty() && resource == "namespaces" && name == ns => {}
                        _ => return None,
                    }
                }
                Some(Scope::Namespace(ns.clone()))
            }
            (BindingKind::RoleBinding, None) => None,
        }
    }

    /// Every subject named in a binding that grants `request` in `namespace` (any namespace when
    /// `None`), sorted by kind (`Group`, `ServiceAccount`, `User`), namespace, name.
    pub fn who_can(&self, request: &Request, namespace: Option<&str>) -> Vec<Allowed> {
        let mut found: BTreeMap<(&str, Option<String>, String, SubjectKind), Vec<Via>> =
            BTreeMap::new();
        for binding in &self.bindings {
            let Some(scope) = Self::scope_allows(binding, request, namespace) else {
                continue;
            };
            let role = binding.role_id();
            let Some(rules) = self.role_rules(&role) else {
                continue;
            };
            if !rules.iter().any(|r| r.rule.allows(request, Names::Exact)) {
                continue;
            }
            let via = Via {
                binding: binding.display(),
                role: role.to_string(),
                namespace: match scope {
                    Scope::Cluster => None,
                    Scope::Namespace(ns) => Some(ns),
                },
            };
            for s in &binding.subjects {
                let key = (s.kind.as_str(), s.namespace.clone(), s.name.clone(), s.kind);
                let entry = found.entry(key).or_default();
                if !entry.contains(&via) {
                    entry.push(via.clone());
                }
            }
        }
        found
            .into_iter()
            .map(|((_, namespace, name, kind), mut via)| {
                via.sort();
                Allowed {
                    subject: Subject {
                        kind,
                        name,
                        namespace,
                    },
                    via,
                }
            })
            .collect()
    }

    /// Indexes of the bindings that apply to `identity` (directly, as its service account in
    /// either spelling, or through its groups).
    pub fn bindings_of(&self, identity: &Identity) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        if let Some(user) = &identity.user {
            out.extend(
                self.by_subject
                    .get(&(SubjectKind::User, user.clone()))
                    .into_iter()
                    .flatten(),
            );
        }
        for g in &identity.groups {
            out.extend(
                self.by_subject
                    .get(&(SubjectKind::Group, g.clone()))
                    .into_iter()
                    .flatten(),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Every rule `identity` holds, with the binding and role that grant it.
    pub fn grants(&self, identity: &Identity) -> Vec<Grant<'_>> {
        let mut out = Vec::new();
        for i in self.bindings_of(identity) {
            let binding = &self.bindings[i];
            let role = binding.role_id();
            let scope = match (&binding.kind, &binding.namespace) {
                (BindingKind::ClusterRoleBinding, _) => Scope::Cluster,
                (BindingKind::RoleBinding, Some(ns)) => Scope::Namespace(ns.clone()),
                (BindingKind::RoleBinding, None) => continue,
            };
            for rule in self.role_rules(&role).unwrap_or(&[]) {
                out.push(Grant {
                    binding,
                    role: role.clone(),
                    rule,
                    scope: scope.clone(),
                });
            }
        }
        out
    }

    /// Whether `identity` may perform `request` in `namespace` (`None`: cluster-wide only for
    /// cluster-scoped requests, any namespace otherwise).
    pub fn can(
        &self,
        identity: &Identity,
        request: &Request,
        namespace: Option<&str>,
        names: Names,
    ) -> bool {
        self.bindings_of(identity).into_iter().any(|i| {
            let binding = &self.bindings[i];
            Self::scope_allows(binding, request, namespace).is_some()
                && self
                    .role_rules(&binding.role_id())
                    .is_some_and(|rules| rules.iter().any(|r| r.rule.allows(request, names)))
        })
    }

    /// Service accounts of a namespace that the input defines, plus `default`, which every
    /// namespace has.
    pub fn service_accounts_in(&self, namespace: &str) -> Vec<String> {
        let mut names: Vec<String> = self
            .service_accounts
            .iter()
            .filter(|sa| sa.namespace == namespace)
            .map(|sa| sa.name.clone())
            .collect();
        names.push("default".into());
        names.sort();
        names.dedup();
        names
    }

    /// Every identity named anywhere: subjects of bindings and defined service accounts.
    pub fn subjects(&self) -> Vec<Subject> {
        let mut out: Vec<Subject> = self
            .bindings
            .iter()
            .flat_map(|b| b.subjects.iter().cloned())
            .map(|s| match s.as_service_account() {
                Some((ns, name)) => Subject::service_account(ns, name),
                None => s,
            })
            .chain(
                self.service_accounts
                    .iter()
                    .map(|sa| Subject::service_account(&sa.namespace, &sa.name)),
            )
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

impl Subject {
    /// The identity this subject authenticates as.
    pub fn identity(&self) -> Identity {
        match (self.kind, self.as_service_account()) {
            (_, Some((ns, name))) => Identity::service_account(ns, name),
            (SubjectKind::Group, _) => Identity::group(&self.name),
            _ => Identity::user(&self.name),
        }
    }
}
