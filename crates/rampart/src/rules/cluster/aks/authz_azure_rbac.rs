//! `cluster.aks.authz.azure-rbac` — Azure RBAC for Kubernetes authorization is off.
//!
//! Checks `aadProfile.enableAzureRBAC` (`enableAzureRbac` in `az` output; azurerm
//! `azure_rbac_enabled`).
//!
//! CIS AKS 5.5.2.
//!
//! ## Why
//! With Azure RBAC, Kubernetes authorization decisions are Azure role assignments: managed,
//! reviewed and audited in one place with the rest of the estate, and removed when a person
//! leaves.
//!
//! ## Fails
//! ```json
//! {"aadProfile": {"managed": true, "enableAzureRBAC": false}}
//! ```
//!
//! ## Passes
//! ```json
//! {"aadProfile": {"managed": true, "enableAzureRBAC": true}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-azure-rbac`; Terraform `azure_active_directory_role_based_access_control
//! { azure_rbac_enabled = true }`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.authz.azure-rbac",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "Azure RBAC for Kubernetes authorization is off",
    source: include_str!("authz_azure_rbac.rs"),
    remediation:
        "Enable Azure RBAC for Kubernetes authorization (az aks update --enable-azure-rbac).",
    references: &[Reference::CisAks("5.5.2")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.aad_azure_rbac,
            "aadProfile.enableAzureRBAC",
            false,
            "Kubernetes authorization is not managed and audited as Azure role assignments",
        )
    });
}
