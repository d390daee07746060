//! `cluster.network.policy-selects-nothing` — NetworkPolicy whose podSelector matches no workload.
//!
//! Checks each NetworkPolicy's `spec.podSelector` against the pod labels of the workloads of its
//! own namespace. Reported only when the input holds workloads in that namespace, so a policy
//! scanned without its application is not flagged.
//!
//! ## Why
//! A policy that selects nothing protects nothing: usually a label typo (`app: frontend` vs
//! `app: front-end`), a selector written for another namespace (a policy only ever applies to
//! its own), or a leftover from a removed workload. The pods meant to be protected stay open.
//!
//! ## Fails
//! ```yaml
//! # Deployment pods are labelled app: frontend
//! spec:
//!   podSelector:
//!     matchLabels: {app: front-end}
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   podSelector:
//!     matchLabels: {app: frontend}
//! ```
//!
//! ## Fix
//! Correct the selector to the pod template's labels (not the Deployment's own labels), or move
//! the policy to the namespace of the pods it is meant for.

use std::collections::HashMap;

use super::with_analysis;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.policy-selects-nothing",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Low,
    title: "NetworkPolicy selects no workload",
    source: include_str!("policy_selects_nothing.rs"),
    remediation: "Fix spec.podSelector to match the pod template labels of the workloads in the policy's namespace.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    with_analysis(inv, |input, analysis| {
        // Counted once: a count per policy would compare every workload with every policy.
        let mut per_namespace: HashMap<&str, usize> = HashMap::new();
        for w in input.network.workloads.iter().filter(|w| !w.host_network) {
            *per_namespace.entry(w.namespace.as_str()).or_default() += 1;
        }
        for (p, policy) in input.network.policies.iter().enumerate() {
            let in_namespace = per_namespace
                .get(policy.namespace.as_str())
                .copied()
                .unwrap_or(0);
            if in_namespace == 0 || analysis.selects_any(p) {
                continue;
            }
            out.at(
                input.policy_objects[p],
                "spec.podSelector",
                Some(policy.pod_selector_pos),
                format!(
                    "NetworkPolicy {} selects none of the {in_namespace} workload{} of namespace \"{}\": it protects nothing (check the labels against the pod templates)",
                    policy.id(),
                    if in_namespace == 1 { "" } else { "s" },
                    policy.namespace
                ),
            );
        }
    });
}
