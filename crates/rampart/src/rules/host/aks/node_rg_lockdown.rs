//! `host.aks.node.rg-lockdown` — Node resource group is not locked down.
//!
//! Checks `nodeResourceGroupProfile.restrictionLevel`: `ReadOnly` passes; `Unrestricted` and
//! unset (the default) fail. azurerm has no argument for it.
//!
//! ## Why
//! With an unrestricted node resource group, anyone with rights on it can edit the node scale
//! sets, NICs and disks directly, outside AKS and its audit trail.
//!
//! ## Fails
//! ```json
//! {"nodeResourceGroupProfile": {"restrictionLevel": "Unrestricted"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"nodeResourceGroupProfile": {"restrictionLevel": "ReadOnly"}}
//! ```
//!
//! ## Fix
//! `az aks update --nrg-lockdown-restriction-level ReadOnly`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.rg-lockdown",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Low,
    title: "Node resource group is not locked down",
    source: include_str!("node_rg_lockdown.rs"),
    remediation: "Set nodeResourceGroupProfile.restrictionLevel to ReadOnly (az aks update --nrg-lockdown-restriction-level ReadOnly).",
    references: &[Reference::Url("https://learn.microsoft.com/azure/aks/node-resource-group-lockdown")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.node_rg_restriction;
        let verdict = match p.text() {
            Ok(Some(v)) if v.eq_ignore_ascii_case("readonly") => Verdict::Pass,
            Ok(Some(v)) => Verdict::Fail(format!("node resource group restrictionLevel is {v}: node VMs, NICs and disks can be edited outside AKS")),
            Ok(None) => Verdict::Fail(
                "node resource group restrictionLevel is not set (default Unrestricted): node VMs, NICs and disks can be edited outside AKS".into(),
            ),
            Err(r) => Verdict::unknown("restrictionLevel", &r),
        };
        (p.at().clone(), verdict)
    });
}
