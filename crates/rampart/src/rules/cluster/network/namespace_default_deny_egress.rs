//! `cluster.network.namespace-default-deny-egress` — namespace without a default-deny egress policy.
//!
//! Checks every namespace the input defines or deploys into (except `kube-system`,
//! `kube-public` and `kube-node-lease`) for a NetworkPolicy that selects all its pods
//! (`podSelector: {}`), lists `Egress` in its effective `policyTypes` and has no egress rule
//! open to every destination on every port. Note that a policy without `policyTypes` and
//! without egress rules never restricts egress.
//!
//! ## Why
//! Egress control is what stops a compromised pod from downloading tools, reaching the
//! instance metadata endpoint for the node's managed identity, scanning the cluster, or sending
//! data out. Most policy sets only restrict ingress.
//!
//! ## Fails
//! ```yaml
//! apiVersion: networking.k8s.io/v1
//! kind: NetworkPolicy
//! metadata:
//!   name: deny-ingress
//!   namespace: shop
//! spec:
//!   podSelector: {}        # policyTypes defaults to [Ingress] only
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
//! Add `Egress` to the default-deny policy's `policyTypes`, and allow DNS (UDP and TCP 53 to
//! kube-dns in kube-system) plus the destinations each workload needs.

use rampart_netpol::Direction;

use super::namespaces_without_default_deny;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.namespace-default-deny-egress",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Low,
    title: "Namespace without a default-deny egress NetworkPolicy",
    source: include_str!("namespace_default_deny_egress.rs"),
    remediation: "Add a NetworkPolicy with podSelector: {} and policyTypes [Egress] to the namespace; allow DNS and the destinations each workload needs.",
    references: &[
        Reference::CisAks("4.4.2"),
        Reference::MitreAttack("T1041"),
        Reference::Url("https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    namespaces_without_default_deny(inv, Direction::Egress, out);
}
