//! `cluster.aks.sku-tier` — Cluster is on the Free tier.
//!
//! Checks `sku.tier` (azurerm `sku_tier`): `Standard` or `Premium` (`Paid` in API versions before
//! 2023-02-01) pass; `Free` and unset (the default) fail.
//!
//! Checkov CKV_AZURE_170.
//!
//! ## Why
//! The Free tier has no uptime SLA and a control plane sized for small clusters; it also rules
//! out long-term support.
//!
//! ## Fails
//! ```json
//! {"sku": {"name": "Base", "tier": "Free"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"sku": {"name": "Base", "tier": "Standard"}}
//! ```
//!
//! ## Fix
//! `az aks update --tier standard`; Terraform `sku_tier = "Standard"`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.sku-tier",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Low,
    title: "Cluster is on the Free tier",
    source: include_str!("sku_tier.rs"),
    remediation: "Use the Standard or Premium tier (az aks update --tier standard).",
    references: &[Reference::Checkov("CKV_AZURE_170")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.sku_tier;
        let verdict = match p.text() {
            Ok(Some(t))
                if ["standard", "premium", "paid"].contains(&t.to_ascii_lowercase().as_str()) =>
            {
                Verdict::Pass
            }
            Ok(Some(t)) => Verdict::Fail(format!("sku.tier is {t}: no uptime SLA")),
            Ok(None) => Verdict::Fail("sku.tier is not set (default Free): no uptime SLA".into()),
            Err(r) => Verdict::unknown("sku.tier", &r),
        };
        (p.at().clone(), verdict)
    });
}
