//! `cluster.aks.addon.kv-secrets-rotation` — Key Vault secrets provider does not rotate secrets.
//!
//! When the Key Vault secrets provider add-on is enabled
//! (`addonProfiles.azureKeyvaultSecretsProvider.enabled`; azurerm `key_vault_secrets_provider {}`),
//! checks that `config.enableSecretRotation` is `"true"` (a string; azurerm
//! `secret_rotation_enabled = true`).
//!
//! CIS AKS 4.5.2 (external secret store). Checkov CKV_AZURE_172.
//!
//! ## Why
//! Without rotation, a secret rotated in Key Vault stays stale in every pod that mounted it
//! until the pod restarts: a revoked credential keeps working.
//!
//! ## Fails
//! ```json
//! {"addonProfiles": {"azureKeyvaultSecretsProvider": {"enabled": true, "config": {"enableSecretRotation": "false"}}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"addonProfiles": {"azureKeyvaultSecretsProvider": {"enabled": true,
//!   "config": {"enableSecretRotation": "true", "rotationPollInterval": "2m"}}}}
//! ```
//!
//! ## Fix
//! `az aks addon update --addon azure-keyvault-secrets-provider --enable-secret-rotation`;
//! Terraform `key_vault_secrets_provider { secret_rotation_enabled = true }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.addon.kv-secrets-rotation",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Low,
    title: "Key Vault secrets provider does not rotate secrets",
    source: include_str!("addon_kv_secrets_rotation.rs"),
    remediation: "Enable secret rotation on the Key Vault secrets provider (az aks addon update --enable-secret-rotation).",
    references: &[Reference::CisAks("4.5.2"), Reference::Checkov("CKV_AZURE_172")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        match c.kv_secrets_provider.bool() {
            Ok(Some(true)) => {}
            Ok(_) => return (c.kv_secrets_provider.at().clone(), Verdict::Pass),
            Err(r) => {
                return (
                    c.kv_secrets_provider.at().clone(),
                    Verdict::unknown("azureKeyvaultSecretsProvider.enabled", &r),
                )
            }
        }
        aks::boolean(
            &c.kv_secret_rotation,
            "enableSecretRotation",
            false,
            "secrets rotated in Key Vault stay stale in pods",
        )
    });
}
