//! `cluster.network.*`: zero-trust network policies and exposure.

pub mod allow_all_peers;
pub mod ingress_without_tls;
pub mod instance_metadata_egress;
pub mod named_port_unresolved;
pub mod namespace_default_deny_egress;
pub mod namespace_default_deny_ingress;
pub mod node_port_service;
pub mod policy_selects_nothing;
pub mod public_load_balancer;
pub mod service_external_ips;
pub mod workload_not_selected;

use rampart_netpol::{Analysis, Direction};

use crate::inventory::Inventory;
use crate::netpol::NetworkInput;
use crate::rules::pod::psa::namespace_location;
use crate::rules::{Emit, Rule};

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &namespace_default_deny_ingress::RULE,
    &namespace_default_deny_egress::RULE,
    &workload_not_selected::RULE,
    &allow_all_peers::RULE,
    &instance_metadata_egress::RULE,
    &policy_selects_nothing::RULE,
    &named_port_unresolved::RULE,
    &public_load_balancer::RULE,
    &node_port_service::RULE,
    &service_external_ips::RULE,
    &ingress_without_tls::RULE,
];

/// Namespaces of the control plane, where a default deny would cut system components off;
/// their policies are the platform's business.
pub fn is_system_namespace(ns: &str) -> bool {
    matches!(ns, "kube-system" | "kube-public" | "kube-node-lease")
}

/// Runs `f` over the input as the NetworkPolicy engine sees it.
pub fn with_analysis(inv: &Inventory, f: impl FnOnce(&NetworkInput, &Analysis)) {
    let input = NetworkInput::from_inventory(inv);
    f(&input, inv.network_core().analysis());
}

/// A finding per namespace (defined in the input or deployed into) that no policy denies
/// `direction` to by default.
pub fn namespaces_without_default_deny(inv: &Inventory, direction: Direction, out: &mut Emit) {
    let input = NetworkInput::from_inventory(inv);
    let policies = input.policies_by_namespace();
    for ns in inv.namespaces.values() {
        if is_system_namespace(&ns.name) || input.default_deny(&ns.name, direction).is_some() {
            continue;
        }
        let Some((resource, location)) = namespace_location(inv, ns, "metadata") else {
            continue;
        };
        let count = policies.get(ns.name.as_str()).map_or(0, Vec::len);
        let message = match (count, direction) {
            (0, Direction::Ingress) => format!(
                "namespace \"{}\" has no NetworkPolicy: every pod accepts connections from anywhere",
                ns.name
            ),
            (0, Direction::Egress) => format!(
                "namespace \"{}\" has no NetworkPolicy: every pod may connect anywhere",
                ns.name
            ),
            _ => format!(
                "namespace \"{}\" has {count} NetworkPolic{} but none denies {} by default (podSelector: {{}} with {} in policyTypes): pods they do not select, and pods added later, are open",
                ns.name,
                if count == 1 { "y" } else { "ies" },
                direction.as_str(),
                if direction == Direction::Ingress { "Ingress" } else { "Egress" }
            ),
        };
        out.finding(resource, location, message);
    }
}
