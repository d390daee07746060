//! `cluster.network.instance-metadata-egress` — pods can reach the Azure instance metadata endpoint.
//!
//! Checks, for every workload (hostNetwork pods aside), whether its egress side allows TCP port
//! 80 to `169.254.169.254`, the Azure Instance Metadata Service (IMDS): either because no
//! NetworkPolicy isolates its egress, or because an egress rule allows that address (a rule
//! without `to`, or an `ipBlock` holding it and not excepting it).
//!
//! ## Why
//! On AKS, IMDS hands out tokens for the managed identities assigned to the node pool,
//! including the kubelet identity, which usually can pull from the cluster's registries and
//! often more. Any pod that can reach 169.254.169.254 can ask for them: a classic path from a
//! compromised container to the cloud account. Workloads that need an Azure identity should use
//! Microsoft Entra Workload ID instead.
//!
//! ## Fails
//! ```yaml
//! egress:
//! - to:
//!   - ipBlock: {cidr: 0.0.0.0/0}
//! ```
//!
//! ## Passes
//! ```yaml
//! egress:
//! - to:
//!   - ipBlock:
//!       cidr: 0.0.0.0/0
//!       except: [169.254.169.254/32]
//! ```
//!
//! ## Fix
//! Isolate egress (a default-deny egress policy) and, where outside access is needed, except
//! `169.254.169.254/32` from the `ipBlock`. Use Workload ID for Azure access from pods.

use std::net::{IpAddr, Ipv4Addr};

use rampart_netpol::Protocol;

use super::{is_system_namespace, with_analysis};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

/// The Azure Instance Metadata Service.
const IMDS: IpAddr = IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254));

pub static RULE: Rule = Rule {
    id: "cluster.network.instance-metadata-egress",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::High,
    title: "Pods can reach the instance metadata endpoint 169.254.169.254",
    source: include_str!("instance_metadata_egress.rs"),
    remediation: "Isolate egress with a NetworkPolicy and except 169.254.169.254/32 from ipBlocks; use Workload ID for Azure access.",
    references: &[
        Reference::MitreAttack("T1552.005"),
        Reference::Url("https://learn.microsoft.com/azure/aks/operator-best-practices-cluster-security"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    with_analysis(inv, |input, analysis| {
        for (i, w) in input.network.workloads.iter().enumerate() {
            if w.host_network || is_system_namespace(&w.namespace) {
                continue;
            }
            let (conns, by) = analysis.egress_to_address(i, IMDS);
            if !conns.allows(Protocol::Tcp, 80) {
                continue;
            }
            let facts = &inv.workloads[input.workload_facts[i]];
            let message = if by.is_empty() {
                format!(
                    "{}: no NetworkPolicy isolates its egress, so its pods can reach the instance metadata endpoint {IMDS} and ask for the node's managed identity tokens",
                    w.display_name()
                )
            } else {
                let rules: Vec<String> = by
                    .iter()
                    .map(|(p, r)| format!("{} egress[{r}]", input.network.policies[*p].id()))
                    .collect();
                format!(
                    "{}: NetworkPolicy {} allows its pods to reach the instance metadata endpoint {IMDS} (TCP 80) and ask for the node's managed identity tokens",
                    w.display_name(),
                    rules.join(", ")
                )
            };
            out.finding(facts.resource.clone(), facts.location.clone(), message);
        }
    });
}
