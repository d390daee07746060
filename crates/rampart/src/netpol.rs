//! The inventory as the NetworkPolicy engine sees it: namespaces with their labels, workloads
//! (pods collapsed to their owner) as endpoints, the NetworkPolicies the API server would
//! accept, Services and Ingresses.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::{Arc, OnceLock};

use rampart_netpol::{
    labels::labels_of, Analysis, ContainerPort, Direction, Ingress, Labels, Level, Network,
    NetworkPolicy, Problem, Service, Workload,
};

use crate::finding::Location;
use crate::inventory::Inventory;
use crate::object::Object;
use crate::source::LoadError;

/// A problem in an input object, where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectProblem {
    pub level: Level,
    pub location: Location,
    pub message: String,
}

impl ObjectProblem {
    fn new(object: &Object, p: &Problem) -> ObjectProblem {
        ObjectProblem {
            level: p.level,
            location: object.location(&p.path, Some(p.pos)),
            message: format!(
                "{} {}: {}: {}",
                object.kind,
                object_id(object),
                p.path,
                p.message
            ),
        }
    }

    /// As a load error (for the same printing and exit code as unreadable input).
    pub fn to_load_error(&self) -> LoadError {
        LoadError {
            file: self.location.file.clone(),
            line: self.location.line,
            column: self.location.column,
            message: self.message.clone(),
        }
    }
}

/// `namespace/name` of a namespaced object.
pub fn object_id(o: &Object) -> String {
    format!("{}/{}", namespace_of(o), o.name)
}

/// The engine's input built from an inventory, with the way back to the inventory.
pub struct NetworkInput<'i> {
    pub network: &'i Network,
    /// For each `network.workloads[i]`: its index in `Inventory::workloads`.
    pub workload_facts: &'i [usize],
    /// For each `network.policies[i]`: its object.
    pub policy_objects: Vec<&'i Object>,
    /// For each `network.services[i]`: its object.
    pub service_objects: Vec<&'i Object>,
    /// Policies the API server would reject (left out), and warnings.
    pub problems: &'i [ObjectProblem],
}

pub fn is_network_policy(o: &Object) -> bool {
    o.kind == "NetworkPolicy" && o.group() == "networking.k8s.io"
}

pub fn is_service(o: &Object) -> bool {
    o.kind == "Service" && o.group().is_empty()
}

pub fn is_ingress(o: &Object) -> bool {
    o.kind == "Ingress" && matches!(o.group(), "networking.k8s.io" | "extensions")
}

fn namespace_of(o: &Object) -> &str {
    o.effective_namespace().unwrap_or("default")
}

/// The network view of an inventory, built once per scan and shared by every network rule
/// and command (objects are referred to by their index in `Inventory::objects`).
pub struct NetworkCore {
    network: Arc<Network>,
    workload_facts: Vec<usize>,
    policy_objects: Vec<usize>,
    service_objects: Vec<usize>,
    problems: Vec<ObjectProblem>,
    analysis: OnceLock<Analysis>,
}

impl std::fmt::Debug for NetworkCore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NetworkCore")
            .field("workloads", &self.network.workloads.len())
            .field("policies", &self.network.policies.len())
            .finish_non_exhaustive()
    }
}

/// A workload endpoint's identity: namespace, kind and name (borrowed from the inventory).
type Identity<'i> = (&'i str, &'i str, &'i str);

/// For pods that no owner groups, their labels and ports: two endpoints with one identity stay
/// apart when these differ.
type Shape<'i> = Option<(&'i Labels, &'i [ContainerPort])>;

impl NetworkCore {
    /// The reachability analysis of this network (built on first use).
    pub fn analysis(&self) -> &Analysis {
        self.analysis
            .get_or_init(|| Analysis::new(Arc::clone(&self.network)))
    }
}

impl<'i> NetworkInput<'i> {
    /// The inventory's network, with its objects.
    pub fn from_inventory(inv: &'i Inventory) -> NetworkInput<'i> {
        let core = inv.network_core();
        NetworkInput {
            network: &core.network,
            workload_facts: &core.workload_facts,
            policy_objects: core
                .policy_objects
                .iter()
                .map(|&i| &inv.objects[i])
                .collect(),
            service_objects: core
                .service_objects
                .iter()
                .map(|&i| &inv.objects[i])
                .collect(),
            problems: &core.problems,
        }
    }
}

impl NetworkCore {
    pub fn build(inv: &Inventory) -> NetworkCore {
        let mut network = Network::default();
        let mut problems = Vec::new();
        for ns in inv.namespaces.values() {
            let labels = labels_of(
                ns.object
                    .as_ref()
                    .and_then(|o| o.metadata())
                    .and_then(|m| m.get("labels")),
            );
            network.namespaces.insert(ns.name.clone(), labels);
        }

        // Pods are collapsed to their owner: an object whose owner is in the input is
        // represented by it; one whose owner is not (pods of a dump) takes the owner's name.
        // Only objects from a cluster dump have owners: manifests need no set of them.
        let present: HashSet<Identity> = if inv.workloads.iter().any(|w| w.owner.is_some()) {
            inv.workloads
                .iter()
                .map(|w| {
                    (
                        w.namespace.as_str(),
                        w.resource.kind.as_str(),
                        w.resource.name.as_str(),
                    )
                })
                .collect()
        } else {
            HashSet::default()
        };
        // The same workload read twice (overlapping inputs, pods of one owner) is one endpoint;
        // workloads that share a name but not their pods' labels and ports stay apart. Keyed by
        // identity alone (cheap to hash), with the shapes seen under it.
        let mut seen: HashMap<Identity, Vec<Shape>> = HashMap::with_capacity(inv.workloads.len());
        let mut workload_facts = Vec::with_capacity(inv.workloads.len());
        network.workloads.reserve_exact(inv.workloads.len());
        for (i, w) in inv.workloads.iter().enumerate() {
            let (kind, name) = match &w.owner {
                Some((k, n)) if present.contains(&(w.namespace.as_str(), k, n)) => continue,
                Some((k, n)) => (k.as_str(), n.as_str()),
                None => (w.resource.kind.as_str(), w.resource.name.as_str()),
            };
            // Pods of one owner are one endpoint even when per-pod labels (a StatefulSet pod's
            // name label) differ.
            let shape = w.owner.is_none().then(|| (&*w.pod_labels, &*w.ports));
            let shapes = seen.entry((w.namespace.as_str(), kind, name)).or_default();
            if shapes.contains(&shape) {
                continue;
            }
            shapes.push(shape);
            network.workloads.push(Workload {
                namespace: w.namespace.clone(),
                name: name.to_string(),
                kind: kind.to_string(),
                labels: Arc::clone(&w.pod_labels),
                ports: w.ports.to_vec(),
                host_network: w.host_network,
            });
            workload_facts.push(i);
        }
        drop(seen);
        drop(present);
        network.workloads.shrink_to_fit();

        let mut policy_objects = Vec::new();
        let mut service_objects = Vec::new();
        for (index, o) in inv.objects.iter().enumerate() {
            if is_network_policy(o) {
                let (policy, found) = NetworkPolicy::parse(namespace_of(o), &o.name, &o.node);
                problems.extend(found.iter().map(|p| ObjectProblem::new(o, p)));
                if let Some(p) = policy {
                    network.policies.push(p);
                    policy_objects.push(index);
                }
            } else if is_service(o) {
                let (svc, found) = Service::parse(namespace_of(o), &o.name, &o.node);
                problems.extend(found.iter().map(|p| ObjectProblem::new(o, p)));
                network.services.push(svc);
                service_objects.push(index);
            } else if is_ingress(o) {
                network
                    .ingresses
                    .push(Ingress::parse(namespace_of(o), &o.name, &o.node));
            }
        }
        NetworkCore {
            network: Arc::new(network),
            workload_facts,
            policy_objects,
            service_objects,
            problems,
            analysis: OnceLock::new(),
        }
    }
}

impl NetworkInput<'_> {
    /// Policies by namespace.
    pub fn policies_by_namespace(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut out: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in self.network.policies.iter().enumerate() {
            out.entry(p.namespace.as_str()).or_default().push(i);
        }
        out
    }

    /// The first policy of `namespace` that denies `direction` by default: it applies to
    /// every pod of the namespace (`podSelector: {}`, so pods added later too), isolates that
    /// direction, and none of its rules opens it to every peer on every port.
    pub fn default_deny(&self, namespace: &str, direction: Direction) -> Option<usize> {
        self.network.policies.iter().position(|p| {
            p.namespace == namespace
                && p.pod_selector.is_empty()
                && p.rules(direction).is_some_and(|rules| {
                    !rules.iter().any(|r| r.peers.is_none() && r.ports.is_none())
                })
        })
    }
}
