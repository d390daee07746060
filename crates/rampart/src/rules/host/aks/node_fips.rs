//! `host.aks.node.fips` — Node pool without FIPS-validated crypto.
//!
//! Checks `enableFIPS` (azurerm `fips_enabled`) on every agent pool. Informational: raise its
//! severity in `.rampart.yaml` when the estate is in FIPS 140 scope.
//!
//! ## Why
//! FIPS-enabled node images use FIPS 140 validated cryptographic modules; regulated workloads
//! (FedRAMP, some government contracts) require them.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "enableFIPS": true}]}
//! ```
//!
//! ## Fix
//! `az aks nodepool add --enable-fips-image` (or `az aks nodepool update --enable-fips-image`
//! on recent CLI versions); Terraform `fips_enabled = true`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.fips",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Info,
    title: "Node pool without FIPS-validated crypto",
    source: include_str!("node_fips.rs"),
    remediation:
        "Enable FIPS images (enableFIPS: true) on node pools that handle FIPS-scoped data.",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/enable-fips-nodes",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        aks::boolean(
            &p.fips,
            "enableFIPS",
            false,
            "node crypto modules are not FIPS 140 validated",
        )
    });
}
