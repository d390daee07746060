//! `cluster.aks.net.policy-engine-not-enforcing` — NetworkPolicies will not be enforced on this cluster.
//!
//! A cross-layer join: when a cluster definition with no network policy engine
//! (`networkProfile.networkPolicy` unset or `none`) is scanned together with manifests that define
//! NetworkPolicies, every one of those policies is accepted by the API server and enforced by
//! nothing. The finding names them.
//!
//! CIS AKS 5.4.4 and 4.4.2.
//!
//! ## Why
//! Teams write NetworkPolicies and believe their namespaces are segmented; on a cluster without
//! an engine the policies are inert and every pod can still reach every other.
//!
//! ## Fails
//! ```json
//! {"networkProfile": {"networkPlugin": "azure"}}
//!  (scanned with a NetworkPolicy manifest)
//! ```
//!
//! ## Passes
//! ```json
//! {"networkProfile": {"networkPlugin": "azure", "networkPolicy": "azure"}}
//!  (scanned with a NetworkPolicy manifest)
//! ```
//!
//! ## Fix
//! Enable an engine: `az aks update --network-policy cilium` (with `--network-dataplane cilium`)
//! or `--network-policy azure`; Terraform `network_profile { network_policy = "cilium" }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{first_joined, Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.net.policy-engine-not-enforcing",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "NetworkPolicies will not be enforced on this cluster",
    source: include_str!("net_policy_engine_not_enforcing.rs"),
    remediation:
        "Enable a network policy engine so the NetworkPolicies in the manifests take effect.",
    references: &[Reference::CisAks("5.4.4"), Reference::CisAks("4.4.2")],
    pss: None,
    check: Check::Inventory(check),
};

/// How many policy names a message lists before summarising.
const NAMED: usize = 5;

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    let policies: Vec<String> = inv
        .objects_of("NetworkPolicy")
        .filter(|o| o.group() == "networking.k8s.io")
        .map(|o| {
            format!(
                "{}/{}",
                o.effective_namespace().unwrap_or("default"),
                o.name
            )
        })
        .collect();
    if policies.is_empty() {
        return;
    }
    let mut named = first_joined(&policies, NAMED);
    if policies.len() > NAMED {
        named.push_str(&format!(" and {} more", policies.len() - NAMED));
    }
    aks::each_cluster(inv, out, |c| {
        let p = &c.network_policy;
        let verdict = match aks::network_policy_engine(c) {
            Ok(Some(_)) => Verdict::Pass,
            Ok(None) => Verdict::Fail(format!(
                "cluster {} has no network policy engine: the {} NetworkPolicies scanned with it ({named}) are not enforced",
                c.name,
                policies.len()
            )),
            Err(r) => Verdict::unknown("networkPolicy", &r),
        };
        (p.at().clone(), verdict)
    });
}
