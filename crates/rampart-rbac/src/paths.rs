//! Escalation paths: from each identity, the shortest chains of techniques that reach
//! cluster-admin-equivalent power or every secret.
//!
//! The graph has a node per identity, a hub per namespace for "any service account there"
//! (pod creation, token requests, token secrets) and one for "service accounts of the pods
//! running there" (exec, attach, pod patching), and the two goals. One backward breadth-first
//! search from the goals gives every identity its shortest path, so the cost is linear in the
//! graph, not in identities × graph.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::engine::{Rbac, Scope};
use crate::model::{PolicyRule, Subject};
use crate::request::{Names, Request};
use crate::risk::Technique;
use crate::system::is_system_subject;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Goal {
    ClusterAdmin,
    AllSecrets,
}

impl Goal {
    pub fn id(self) -> &'static str {
        match self {
            Goal::ClusterAdmin => "cluster-admin",
            Goal::AllSecrets => "all-secrets",
        }
    }
}

/// A pod's identity, for exec/attach/patch edges: whose token it mounts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodIdentity {
    pub namespace: String,
    pub service_account: String,
    /// Whether the pod mounts its service account token.
    pub mounts_token: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum NodeId {
    Identity(Subject),
    AnyServiceAccount(String),
    PodServiceAccounts(String),
    Goal(Goal),
}

/// One step of a path: `from` uses `technique` (with `detail`) and becomes `to`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub from: String,
    pub technique: String,
    pub detail: String,
    pub to: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EscalationPath {
    pub start: Subject,
    pub goal: Goal,
    pub steps: Vec<Step>,
}

struct Edge {
    to: NodeId,
    technique: &'static str,
    detail: String,
}

fn node_label(n: &NodeId) -> String {
    match n {
        NodeId::Identity(s) => s.to_string(),
        NodeId::AnyServiceAccount(ns) => format!("any service account in {ns}"),
        NodeId::PodServiceAccounts(ns) => format!("service accounts of pods in {ns}"),
        NodeId::Goal(g) => g.id().to_string(),
    }
}

/// Rules an identity holds, grouped by where they apply.
fn rules_by_scope<'a>(rbac: &'a Rbac, subject: &Subject) -> BTreeMap<Scope, Vec<&'a PolicyRule>> {
    let mut by_scope: BTreeMap<Scope, Vec<&PolicyRule>> = BTreeMap::new();
    for g in rbac.grants(&subject.identity()) {
        by_scope.entry(g.scope).or_default().push(&g.rule.rule);
    }
    by_scope
}

fn allows_any(rules: &[&PolicyRule], request: &Request) -> bool {
    rules.iter().any(|r| r.allows(request, Names::Any))
}

/// Outgoing edges of one identity.
fn edges_of(rbac: &Rbac, subject: &Subject, namespaces: &BTreeSet<String>) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (scope, rules) in rules_by_scope(rbac, subject) {
        let cluster = scope == Scope::Cluster;
        let held = |t: Technique| t.held_by(rules.iter().copied(), cluster);
        let scoped_namespaces: Vec<String> = match &scope {
            Scope::Cluster => namespaces.iter().cloned().collect(),
            Scope::Namespace(ns) => vec![ns.clone()],
        };
        let mut goal = |g: Goal, technique: &'static str, detail: String| {
            edges.push(Edge {
                to: NodeId::Goal(g),
                technique,
                detail,
            })
        };
        if cluster {
            if held(Technique::FullWildcard) {
                goal(
                    Goal::ClusterAdmin,
                    "full-wildcard",
                    "holds * on * cluster-wide".into(),
                );
            }
            if held(Technique::SecretsRead) {
                goal(
                    Goal::AllSecrets,
                    "secrets-read",
                    "reads secrets in every namespace".into(),
                );
            }
            let create_crb = Request::resource(
                "create",
                "rbac.authorization.k8s.io",
                "clusterrolebindings",
                None,
            );
            if held(Technique::EscalateOrBind) && allows_any(&rules, &create_crb) {
                goal(
                    Goal::ClusterAdmin,
                    "escalate-or-bind",
                    "binds cluster-admin to itself with a new ClusterRoleBinding".into(),
                );
            }
            let impersonate =
                |res: &str| allows_any(&rules, &Request::resource("impersonate", "", res, None));
            if impersonate("users") && impersonate("groups") {
                goal(
                    Goal::ClusterAdmin,
                    "impersonate",
                    "impersonates a user in group system:masters".into(),
                );
            }
            let create_csr = Request::resource(
                "create",
                "certificates.k8s.io",
                "certificatesigningrequests",
                None,
            );
            if held(Technique::CsrApprove) && allows_any(&rules, &create_csr) {
                goal(
                    Goal::ClusterAdmin,
                    "csr-approve",
                    "requests and approves a client certificate for group system:masters".into(),
                );
            }
            if held(Technique::NodesProxy) {
                goal(Goal::ClusterAdmin, "nodes-proxy", "uses the kubelet API (nodes/proxy) to exec into control-plane add-on pods on any node".into());
            }
            if held(Technique::AdmissionWebhooks) {
                goal(
                    Goal::ClusterAdmin,
                    "admission-webhooks",
                    "registers a mutating webhook that receives and rewrites every admitted object"
                        .into(),
                );
            }
        }
        for ns in &scoped_namespaces {
            let where_ = match &scope {
                Scope::Cluster => format!("{ns} (cluster-wide grant)"),
                Scope::Namespace(_) => ns.clone(),
            };
            for (technique, verb) in [
                (Technique::PodCreate, "creates a pod in"),
                (
                    Technique::TokenRequest,
                    "requests a token for a service account in",
                ),
                (
                    Technique::SecretsCreate,
                    "creates a service-account token secret in",
                ),
            ] {
                if held(technique) {
                    edges.push(Edge {
                        to: NodeId::AnyServiceAccount(ns.clone()),
                        technique: technique.id(),
                        detail: format!("{verb} {where_}"),
                    });
                }
            }
            if rules
                .iter()
                .any(|r| rbac_allows_serviceaccount_impersonation(r))
            {
                edges.push(Edge {
                    to: NodeId::AnyServiceAccount(ns.clone()),
                    technique: "impersonate",
                    detail: format!("impersonates a service account in {where_}"),
                });
            }
            for (technique, verb) in [
                (Technique::PodExec, "execs into a pod in"),
                (Technique::PodPatch, "patches a running pod's image in"),
            ] {
                if held(technique) {
                    edges.push(Edge {
                        to: NodeId::PodServiceAccounts(ns.clone()),
                        technique: technique.id(),
                        detail: format!("{verb} {where_}"),
                    });
                }
            }
        }
    }
    edges
}

fn rbac_allows_serviceaccount_impersonation(rule: &PolicyRule) -> bool {
    rule.allows(
        &Request::resource("impersonate", "", "serviceaccounts", None),
        Names::Any,
    )
}

/// Shortest escalation paths from every identity outside the stock system ones (unless
/// `include_system`) to each goal it can reach.
pub fn escalation_paths(
    rbac: &Rbac,
    pods: &[PodIdentity],
    include_system: bool,
) -> Vec<EscalationPath> {
    let mut namespaces: BTreeSet<String> = rbac
        .service_accounts
        .iter()
        .map(|sa| sa.namespace.clone())
        .collect();
    namespaces.extend(rbac.bindings.iter().filter_map(|b| b.namespace.clone()));
    namespaces.extend(pods.iter().map(|p| p.namespace.clone()));

    let mut identities: BTreeSet<Subject> = rbac.subjects().into_iter().collect();
    for ns in &namespaces {
        for name in rbac.service_accounts_in(ns) {
            identities.insert(Subject::service_account(ns, &name));
        }
    }
    for p in pods {
        identities.insert(Subject::service_account(&p.namespace, &p.service_account));
    }

    // Forward edges, then reversed for the search from the goals.
    let mut reverse: HashMap<NodeId, Vec<(NodeId, usize)>> = HashMap::new();
    let mut edge_list: Vec<(NodeId, Edge)> = Vec::new();
    let mut add =
        |from: NodeId, edge: Edge, reverse: &mut HashMap<NodeId, Vec<(NodeId, usize)>>| {
            let i = edge_list.len();
            reverse
                .entry(edge.to.clone())
                .or_default()
                .push((from.clone(), i));
            edge_list.push((from, edge));
        };
    for subject in &identities {
        for edge in edges_of(rbac, subject, &namespaces) {
            add(NodeId::Identity(subject.clone()), edge, &mut reverse);
        }
    }
    for ns in &namespaces {
        for name in rbac.service_accounts_in(ns) {
            let to = NodeId::Identity(Subject::service_account(ns, &name));
            add(
                NodeId::AnyServiceAccount(ns.clone()),
                Edge {
                    to,
                    technique: "",
                    detail: String::new(),
                },
                &mut reverse,
            );
        }
    }
    let mut pod_sas: BTreeSet<(&str, &str)> = BTreeSet::new();
    for p in pods.iter().filter(|p| p.mounts_token) {
        pod_sas.insert((&p.namespace, &p.service_account));
    }
    for (ns, sa) in pod_sas {
        let to = NodeId::Identity(Subject::service_account(ns, sa));
        add(
            NodeId::PodServiceAccounts(ns.to_string()),
            Edge {
                to,
                technique: "",
                detail: String::new(),
            },
            &mut reverse,
        );
    }

    let mut paths = Vec::new();
    for goal in [Goal::ClusterAdmin, Goal::AllSecrets] {
        // next[node] = index of the edge to follow towards the goal.
        let mut next: HashMap<NodeId, usize> = HashMap::new();
        let start = NodeId::Goal(goal);
        let mut queue = VecDeque::from([start.clone()]);
        let mut seen: BTreeSet<NodeId> = BTreeSet::from([start]);
        while let Some(node) = queue.pop_front() {
            for (from, edge) in reverse.get(&node).into_iter().flatten() {
                if seen.insert(from.clone()) {
                    next.insert(from.clone(), *edge);
                    queue.push_back(from.clone());
                }
            }
        }
        for subject in &identities {
            if !include_system && is_system_subject(subject) {
                continue;
            }
            let mut node = NodeId::Identity(subject.clone());
            if !next.contains_key(&node) {
                continue;
            }
            let mut steps: Vec<Step> = Vec::new();
            while let Some(&i) = next.get(&node) {
                let (from, edge) = &edge_list[i];
                if edge.technique.is_empty() {
                    // Leaving a hub: the previous step lands on the concrete identity.
                    if let Some(last) = steps.last_mut() {
                        last.to = node_label(&edge.to);
                    }
                } else {
                    steps.push(Step {
                        from: node_label(from),
                        technique: edge.technique.to_string(),
                        detail: edge.detail.clone(),
                        to: node_label(&edge.to),
                    });
                }
                node = edge.to.clone();
            }
            paths.push(EscalationPath {
                start: subject.clone(),
                goal,
                steps,
            });
        }
    }
    paths.sort_by(|a, b| (a.goal, &a.start, a.steps.len()).cmp(&(b.goal, &b.start, b.steps.len())));
    paths
}
