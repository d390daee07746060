//! `cluster.aks.authn.local-accounts` — Local accounts are enabled.
//!
//! Checks `disableLocalAccounts` (azurerm `local_account_disabled`); unset means local accounts
//! are enabled.
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should have local authentication methods
//! disabled" (993c2fcd-2b29-49d2-9eb0-df2c3a730c32). Checkov CKV_AZURE_141.
//!
//! ## Why
//! With local accounts, anyone with `listClusterAdminCredential` on the resource gets a
//! long-lived cluster-admin certificate that bypasses Entra ID, MFA and conditional access and
//! cannot be revoked short of rotating the cluster CA.
//!
//! ## Fails
//! ```json
//! {"disableLocalAccounts": false}
//! ```
//!
//! ## Passes
//! ```json
//! {"disableLocalAccounts": true, "aadProfile": {"managed": true}}
//! ```
//!
//! ## Fix
//! `az aks update --disable-local-accounts` (needs the managed Entra integration); Terraform
//! `local_account_disabled = true`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.authn.local-accounts",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "Local accounts are enabled",
    source: include_str!("authn_local_accounts.rs"),
    remediation: "Disable local accounts (az aks update --disable-local-accounts).",
    references: &[
        Reference::AzurePolicy("993c2fcd-2b29-49d2-9eb0-df2c3a730c32"),
        Reference::Checkov("CKV_AZURE_141"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.disable_local_accounts,
            "disableLocalAccounts",
            false,
            "a cluster-admin certificate can be fetched through ARM, bypassing Entra ID",
        )
    });
}
