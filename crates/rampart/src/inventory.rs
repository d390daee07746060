//! Everything read, indexed for the rules that join objects: namespaces and their Pod Security
//! Admission labels, service accounts, and a compact record of every workload.
//!
//! Workload trees are not kept: per-workload rules run while each file is read, and what later
//! joins need is recorded in [`WorkloadFacts`]. That keeps memory flat on large inputs.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use rampart_rbac::{PodIdentity, Rbac, RbacBuilder, Source};

use rampart_document::{Node, Pos};
use rampart_netpol::{labels::labels_of, ContainerPort, Labels, Protocol};
use rampart_pss::{Check, Level, NamespacePolicy, Version};

use crate::finding::{Location, Resource};
use crate::object::Object;
use crate::rules::cluster::secrets::references::{secret_references, SecretReference};
use crate::source::RawDocument;
use crate::workload::Workload;

/// What the inventory keeps of a workload.
#[derive(Clone, Debug)]
pub struct WorkloadFacts {
    pub resource: Arc<Resource>,
    /// Where the object starts.
    pub location: Location,
    /// Namespace the pods run in (`default` when the manifest sets none).
    pub namespace: String,
    pub service_account: String,
    /// `automountServiceAccountToken` on the pod spec, if set.
    pub automount: Option<bool>,
    /// Where `automountServiceAccountToken` is, or the deepest part of its path that exists
    /// (see [`WorkloadFacts::automount_location`]).
    automount_pos: Pos,
    /// Each Pod Security Standards check the pod fails, with bit N set when it fails at policy
    /// version v1.N. Enough to answer "would this namespace's enforce label reject it?" for any
    /// label, without keeping the pod.
    pub pss_failures: Box<[(Check, u64)]>,
    /// The pod's labels (what Services and NetworkPolicies select on), shared with the
    /// NetworkPolicy model.
    pub pod_labels: Arc<Labels>,
    /// The ports its containers declare (for named ports), with a known protocol.
    pub ports: Box<[ContainerPort]>,
    /// Secrets and SecretProviderClasses the pod reads, with where each is named.
    pub secret_references: Box<[SecretReference]>,
    /// Where the pod spec sits in the object (`spec.template.spec`, …).
    pub spec_path: &'static str,
    /// `hostNetwork: true`: the pods use the node's network, which NetworkPolicies neither
    /// isolate nor select.
    pub host_network: bool,
    /// The controller that owns the object (`metadata.ownerReferences` with `controller:
    /// true`, else the first): `(kind, name)`. Set on objects from a cluster dump.
    pub owner: Option<(String, String)>,
}

/// Declared container ports with a protocol the API accepts (`TCP` when none is given).
fn container_ports(container: &Node) -> impl Iterator<Item = ContainerPort> + '_ {
    container
        .get("ports")
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(|p| {
            Some(ContainerPort {
                name: p.get("name").and_then(Node::as_str).map(str::to_string),
                port: u16::try_from(p.get("containerPort")?.as_i64()?).ok()?,
                protocol: Protocol::parse(
                    p.get("protocol").and_then(Node::as_str).unwrap_or("TCP"),
                )?,
            })
        })
}

fn owner(o: &Object) -> Option<(String, String)> {
    let refs = o.metadata()?.get("ownerReferences")?.items();
    let chosen = refs
        .iter()
        .find(|r| r.get("controller").and_then(Node::as_bool) == Some(true))
        .or(refs.first())?;
    Some((
        chosen.get("kind")?.as_str()?.to_string(),
        chosen.get("name")?.as_str()?.to_string(),
    ))
}

impl WorkloadFacts {
    pub fn from_workload(w: &Workload) -> WorkloadFacts {
        let o = w.object;
        let pod = w.pod_view();
        let automount_node = w.spec.get("automountServiceAccountToken");
        WorkloadFacts {
            resource: o.resource(),
            location: o.location("", Some(o.node.pos)),
            namespace: o.effective_namespace().unwrap_or("default").to_string(),
            service_account: w.service_account().to_string(),
            automount: automount_node.and_then(Node::as_bool),
            automount_pos: automount_node.map_or_else(
                || o.node.locate(&w.spec_field("automountServiceAccountToken")),
                |n| n.pos,
            ),
            pss_failures: Check::ALL
                .into_iter()
                .map(|c| (c, c.failing_versions(&pod)))
                .filter(|(_, mask)| *mask != 0)
                .collect(),
            pod_labels: Arc::new(labels_of(w.pod_metadata.and_then(|m| m.get("labels")))),
            ports: w
                .containers()
                .flat_map(|c| container_ports(c.node))
                .collect(),
            secret_references: secret_references(w).into_boxed_slice(),
            spec_path: w.spec_path,
            host_network: w.spec.get("hostNetwork").and_then(Node::as_bool) == Some(true),
            owner: owner(o),
        }
    }

    /// Where `automountServiceAccountToken` is (or would be) written. Built for a finding, not
    /// kept: every workload has one.
    pub fn automount_location(&self) -> Location {
        let mut path = self.spec_path_in_document(32);
        path.push_str(".automountServiceAccountToken");
        Location {
            file: self.location.file.clone(),
            line: self.automount_pos.line,
            column: self.automount_pos.column,
            path,
        }
    }

    /// The pod spec's path in its document (after a list item's `items[3].`, when the workload
    /// is one), with room for `more` bytes of the field path that follows.
    pub fn spec_path_in_document(&self, more: usize) -> String {
        let base = &self.location.path;
        let mut path = String::with_capacity(base.len() + self.spec_path.len() + more + 1);
        if !base.is_empty() {
            path.push_str(base);
            path.push('.');
        }
        path.push_str(self.spec_path);
        path
    }

    /// The checks for which Pod Security Admission at `level` and `version` rejects this
    /// workload's pods (none: admitted).
    pub fn rejected_by(&self, level: Level, version: Version) -> Vec<Check> {
        if self.pss_failures.is_empty() {
            return Vec::new();
        }
        let bit = 1u64 << version.0.min(63);
        rampart_pss::active_checks(level, version)
            .into_iter()
            .filter(|c| {
                self.pss_failures
                    .iter()
                    .any(|(failing, mask)| failing == c && mask & bit != 0)
            })
            .collect()
    }
}

/// A namespace: defined in the input, or only named by the objects in it.
#[derive(Clone, Debug)]
pub struct NamespaceInfo {
    pub name: String,
    /// The Namespace object, when the input defines it.
    pub object: Option<Object>,
    pub policy: NamespacePolicy,
}

#[derive(Debug, Default)]
pub struct Inventory {
    /// Objects other than workloads, in input order.
    pub objects: Vec<Object>,
    pub workloads: Vec<WorkloadFacts>,
    /// Documents that are not Kubernetes objects but may matter to an engine (cluster
    /// definitions, templates), in input order.
    pub documents: Vec<RawDocument>,
    pub namespaces: BTreeMap<String, NamespaceInfo>,
    /// `(namespace, name)` of each ServiceAccount → its index in `objects`.
    service_accounts: HashMap<(String, String), usize>,
    /// AKS cluster definitions read from `documents` (see [`crate::aks`]).
    pub aks: rampart_aks::Definitions,
    /// What `rampart node` collected on a node (see [`crate::kubelet`]).
    pub node: Option<crate::kubelet::NodeFacts>,
    /// RBAC state, built on first use; sources are indexes into `objects`.
    rbac: OnceLock<Rbac>,
    /// The NetworkPolicy view, built on first use.
    network: OnceLock<crate::netpol::NetworkCore>,
    /// The kubelets described (see [`crate::kubelet`]), read on first use.
    kubelets: OnceLock<Vec<crate::kubelet::Kubelet>>,
}

impl Inventory {
    /// Indexes namespaces: every Namespace object, plus every namespace a workload runs in.
    pub fn index(&mut self) {
        for (i, o) in self.objects.iter().enumerate() {
            if o.kind == "ServiceAccount" && o.group().is_empty() {
                let ns = o.effective_namespace().unwrap_or("default").to_string();
                self.service_accounts.insert((ns, o.name.clone()), i);
            }
            if o.kind == "Namespace" && o.group().is_empty() {
                let labels = o.metadata().and_then(|m| m.get("labels"));
                self.namespaces
                    .entry(o.name.clone())
                    .or_insert_with(|| NamespaceInfo {
                        name: o.name.clone(),
                        object: Some(o.clone()),
                        policy: NamespacePolicy::from_labels(labels),
                    });
            }
        }
        for w in &self.workloads {
            self.namespaces
                .entry(w.namespace.clone())
                .or_insert_with(|| NamespaceInfo {
                    name: w.namespace.clone(),
                    object: None,
                    policy: NamespacePolicy::from_labels(None),
                });
        }
    }

    pub fn objects_of<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.objects.iter().filter(move |o| o.kind == kind)
    }

    /// The ServiceAccount object `namespace/name`, when the input defines it.
    pub fn service_account(&self, namespace: &str, name: &str) -> Option<&Object> {
        let i = self
            .service_accounts
            .get(&(namespace.to_string(), name.to_string()))?;
        self.objects.get(*i)
    }

    /// RBAC roles, bindings and service accounts with aggregation resolved (built once).
    /// Frees the RBAC and NetworkPolicy engines (built again if asked for later): rules run
    /// domain by domain, and no domain needs another's engine kept.
    pub fn release_engines(&mut self) {
        self.rbac.take();
        self.network.take();
    }

    pub fn rbac(&self) -> &Rbac {
        self.rbac.get_or_init(|| {
            let mut builder = RbacBuilder::default();
            for (i, o) in self.objects.iter().enumerate() {
                builder.add(
                    o.group(),
                    &o.kind,
                    o.effective_namespace(),
                    &o.node,
                    Source(i),
                );
            }
            builder.build()
        })
    }

    /// Every kubelet the input describes, read once for all the kubelet rules.
    pub fn kubelets(&self) -> &[crate::kubelet::Kubelet] {
        self.kubelets
            .get_or_init(|| crate::kubelet::read_kubelets(self))
    }

    /// Workloads, policies, Services and Ingresses as the NetworkPolicy engine sees them (built
    /// once: several rules and commands ask).
    pub fn network_core(&self) -> &crate::netpol::NetworkCore {
        self.network
            .get_or_init(|| crate::netpol::NetworkCore::build(self))
    }

    /// The object an RBAC source points at (`None` for built-in roles).
    pub fn source_object(&self, source: Source) -> Option<&Object> {
        self.objects.get(source.0)
    }

    /// Whether the workload's pods get a service account token mounted: the pod's own
    /// `automountServiceAccountToken` wins, then its ServiceAccount's, else yes.
    pub fn mounts_token(&self, w: &WorkloadFacts) -> bool {
        w.automount.unwrap_or_else(|| {
            self.service_account(&w.namespace, &w.service_account)
                .and_then(|sa| sa.node.get("automountServiceAccountToken"))
                .and_then(Node::as_bool)
                .unwrap_or(true)
        })
    }

    /// Which service account each workload runs as, for escalation paths.
    pub fn pod_identities(&self) -> Vec<PodIdentity> {
        self.workloads
            .iter()
            .map(|w| PodIdentity {
                namespace: w.namespace.clone(),
                service_account: w.service_account.clone(),
                mounts_token: self.mounts_token(w),
            })
            .collect()
    }
}
