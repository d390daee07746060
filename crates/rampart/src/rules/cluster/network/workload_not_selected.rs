//! `cluster.network.workload-not-selected` — workload that no NetworkPolicy applies to.
//!
//! Checks every workload (pods collapsed to their owner) for a NetworkPolicy in its namespace
//! whose `podSelector` matches its pod labels. Pods on the host network are left out: policies
//! cannot select them.
//!
//! ## Why
//! A pod that no policy selects is isolated in neither direction: it accepts connections from
//! every pod in the cluster and may connect anywhere, whatever the policies around it say.
//! This is often a label typo or a new workload nobody wrote a policy for.
//!
//! ## Fails
//! ```yaml
//! # The policy selects app: web; the Deployment's pods are labelled app: frontend.
//! spec:
//!   podSelector:
//!     matchLabels: {app: web}
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
//! Add a default-deny policy (`podSelector: {}`) to the namespace, or a policy selecting the
//! workload's pod labels.

use super::{is_system_namespace, with_analysis};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.workload-not-selected",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Low,
    title: "Workload selected by no NetworkPolicy",
    source: include_str!("workload_not_selected.rs"),
    remediation: "Select the workload's pods with a NetworkPolicy (a namespace default-deny selects them all).",
    references: &[Reference::CisAks("4.4.2")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    with_analysis(inv, |input, analysis| {
        let policies = input.policies_by_namespace();
        for (i, w) in input.network.workloads.iter().enumerate() {
            if w.host_network
                || is_system_namespace(&w.namespace)
                || !analysis.policies_for(i).is_empty()
            {
                continue;
            }
            let facts = &inv.workloads[input.workload_facts[i]];
            let count = policies.get(w.namespace.as_str()).map_or(0, Vec::len);
            let message = if count == 0 {
                format!(
                    "{} is selected by no NetworkPolicy (namespace \"{}\" has none): its pods accept and open connections to and from anywhere",
                    w.display_name(),
                    w.namespace
                )
            } else {
                format!(
                    "{} is selected by none of the {count} NetworkPolic{} of namespace \"{}\": its pods accept and open connections to and from anywhere",
                    w.display_name(),
                    if count == 1 { "y" } else { "ies" },
                    w.namespace
                )
            };
            out.finding(facts.resource.clone(), facts.location.clone(), message);
        }
    });
}
