//! `cluster.aks.net.egress` — Cluster egress is not filtered.
//!
//! Checks `networkProfile.outboundType` (azurerm `network_profile { outbound_type }`):
//! `userDefinedRouting` (a route table sending 0.0.0.0/0 to a firewall) and `none` (network-isolated
//! clusters) pass; `loadBalancer` and unset (the default) fail. NAT gateway types are reported as
//! unverifiable: they filter only if a firewall sits behind them.
//!
//! ## Why
//! Unfiltered egress is how a compromised pod downloads tooling, reaches command-and-control and
//! exfiltrates data.
//!
//! ## Fails
//! ```json
//! {"networkProfile": {"outboundType": "loadBalancer"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"networkProfile": {"outboundType": "userDefinedRouting"}}
//! ```
//!
//! ## Fix
//! Route egress through Azure Firewall or an NVA: `az aks update --outbound-type
//! userDefinedRouting` with a route table on the node subnet; Terraform `network_profile {
//! outbound_type = "userDefinedRouting" }`. Verify the route table itself separately.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.net.egress",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "Cluster egress is not filtered",
    source: include_str!("net_egress.rs"),
    remediation: "Send cluster egress through a firewall (outboundType userDefinedRouting).",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/limit-egress-traffic",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.outbound_type;
        let verdict = match p.text() {
            Err(r) => Verdict::unknown("outboundType", &r),
            Ok(None) => Verdict::Fail(
                "outboundType is not set (default loadBalancer): egress to the internet is unfiltered".into(),
            ),
            Ok(Some(v)) => match v.to_ascii_lowercase().as_str() {
                "userdefinedrouting" | "none" => Verdict::Pass,
                "loadbalancer" => Verdict::Fail("outboundType is loadBalancer: egress to the internet is unfiltered".into()),
                "managednatgateway" | "userassignednatgateway" => Verdict::Unknown(format!(
                    "outboundType is {v}: egress is filtered only if a firewall sits behind the NAT gateway"
                )),
                other => Verdict::Fail(format!("outboundType {other:?} is not a known type")),
            },
        };
        (p.at().clone(), verdict)
    });
}
