//! `cluster.network.namespace-default-deny-ingress` — namespace without a default-deny ingress policy.
//!
//! Checks every namespace the input defines or deploys into (except `kube-system`,
//! `kube-public` and `kube-node-lease`) for a NetworkPolicy that selects all its pods
//! (`podSelector: {}`), lists `Ingress` in its effective `policyTypes` and has no rule open to
//! every source on every port. Such a policy isolates every pod, including pods added later, so
//! only what other policies allow gets in.
//!
//! ## Why
//! Without a NetworkPolicy, a pod accepts connections from every pod in the cluster: one
//! compromised workload can reach every database, admin endpoint and internal API. Policies
//! that select only some pods leave the others (and every new deployment) open. A default
//! deny makes allows explicit: the zero-trust starting point.
//!
//! ## Fails
//! ```yaml
//! apiVersion: v1
//! kind: Namespace
//! metadata:
//!   name: shop
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: default-deny
//!   namespace: shop
//! spec:
//!   podSelector: {}
//!   policyTypes: [Ingress, Egress]
//! ```
//!
//! ## Fix
//! Add a default-deny policy to the namespace, then allow what each workload needs
//! (`rampart netpol generate` writes a starting set; `rampart netpol reach` shows the result).

use rampart_netpol::Direction;

use super::namespaces_without_default_deny;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.namespace-default-deny-ingress",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Medium,
    title: "Namespace without a default-deny ingress NetworkPolicy",
    source: include_str!("namespace_default_deny_ingress.rs"),
    remediation: "Add a NetworkPolicy with podSelector: {} and policyTypes [Ingress] to the namespace, then allow the traffic each workload needs.",
    references: &[
        Reference::CisAks("4.4.2"),
        Reference::Url("https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    namespaces_without_default_deny(inv, Direction::Ingress, out);
}
