//! `host.aks.node.vmss` — Node pool uses availability sets.
//!
//! Checks agent pool `type` (azurerm `default_node_pool.type`): `VirtualMachineScaleSets` (the
//! default) or `VirtualMachines` pass; `AvailabilitySet` fails.
//!
//! Checkov CKV_AZURE_169.
//!
//! ## Why
//! Availability-set pools are a legacy type: no multiple node pools, no availability zones,
//! and no node OS upgrade channel or node image upgrades as scale sets get them.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "type": "AvailabilitySet"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "type": "VirtualMachineScaleSets"}]}
//! ```
//!
//! ## Fix
//! The type cannot change in place: recreate the cluster with scale-set pools (`az aks create
//! --vm-set-type VirtualMachineScaleSets`); Terraform `type = "VirtualMachineScaleSets"`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.vmss",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Low,
    title: "Node pool uses availability sets",
    source: include_str!("node_vmss.rs"),
    remediation: "Use VirtualMachineScaleSets node pools.",
    references: &[Reference::Checkov("CKV_AZURE_169")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let verdict = match p.pool_type.text() {
            Ok(Some(t)) if t.eq_ignore_ascii_case("availabilityset") => Verdict::Fail(
                "pool type is AvailabilitySet: a legacy pool type without zones, multiple pools or node image upgrades".into(),
            ),
            Ok(_) => Verdict::Pass,
            Err(r) => Verdict::unknown("type", &r),
        };
        (p.pool_type.at().clone(), verdict)
    });
}
