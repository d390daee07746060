//! `cluster.aks.addon.azure-policy` — Azure Policy add-on is not enabled.
//!
//! Checks `addonProfiles.azurepolicy.enabled` (any key case; azurerm `azure_policy_enabled`).
//!
//! CIS AKS 4.3. Azure Policy: "Azure Policy Add-on for Kubernetes service (AKS) should be
//! installed and enabled on your clusters" (0a15ec92-a229-4763-bb14-0ea34a568f8d). Checkov
//! CKV_AZURE_116.
//!
//! ## Why
//! The add-on installs Gatekeeper and turns Azure Policy assignments into admission control:
//! without it, none of the workload policies (privileged containers, host paths, allowed images)
//! are enforced.
//!
//! ## Fails
//! ```json
//! {"addonProfiles": {"azurepolicy": {"enabled": false}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"addonProfiles": {"azurepolicy": {"enabled": true}}}
//! ```
//!
//! ## Fix
//! `az aks enable-addons --addons azure-policy`; Terraform `azure_policy_enabled = true`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.addon.azure-policy",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "Azure Policy add-on is not enabled",
    source: include_str!("addon_azure_policy.rs"),
    remediation: "Enable the Azure Policy add-on (az aks enable-addons --addons azure-policy).",
    references: &[
        Reference::CisAks("4.3"),
        Reference::AzurePolicy("0a15ec92-a229-4763-bb14-0ea34a568f8d"),
        Reference::Checkov("CKV_AZURE_116"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.azure_policy,
            "addonProfiles.azurepolicy.enabled",
            false,
            "Azure Policy assignments are not enforced in the cluster",
        )
    });
}
