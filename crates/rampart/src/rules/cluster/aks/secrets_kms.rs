//! `cluster.aks.secrets.kms` — Kubernetes Secrets are not encrypted with a Key Vault key.
//!
//! Checks `securityProfile.azureKeyVaultKms.enabled` (azurerm `key_management_service {}`) and
//! that the key vault is reached privately (`keyVaultNetworkAccess: Private`; the default is
//! `Public`, a low finding).
//!
//! CIS AKS 5.3.1. Azure Policy: "Azure Kubernetes Clusters should enable Key Management
//! Service (KMS)" (dbbdc317-9734-4dd8-9074-993b29c69008).
//!
//! ## Why
//! KMS encrypts Secrets in etcd under a key you hold and can revoke, instead of platform keys
//! only.
//!
//! ## Fails
//! ```json
//! {"securityProfile": {"azureKeyVaultKms": {"enabled": false}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"securityProfile": {"azureKeyVaultKms": {"enabled": true, "keyId": "https://kv.vault.azure.net/keys/k/1",
//!   "keyVaultNetworkAccess": "Private", "keyVaultResourceId": "/subscriptions/.../vaults/kv"}}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-azure-keyvault-kms --azure-keyvault-kms-key-id <key-id>
//! --azure-keyvault-kms-key-vault-network-access Private --azure-keyvault-kms-key-vault-resource-id
//! <id>`; Terraform `key_management_service { key_vault_key_id = ..., key_vault_network_access =
//! "Private" }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.secrets.kms",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "Kubernetes Secrets are not encrypted with a Key Vault key",
    source: include_str!("secrets_kms.rs"),
    remediation: "Enable KMS etcd encryption with a private Key Vault (az aks update --enable-azure-keyvault-kms).",
    references: &[Reference::CisAks("5.3.1"), Reference::AzurePolicy("dbbdc317-9734-4dd8-9074-993b29c69008")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.kms_enabled;
        match p.bool() {
            Err(r) => (
                p.at().clone(),
                Verdict::unknown("azureKeyVaultKms.enabled", &r),
            ),
            Ok(Some(true)) => {
                let access = &c.kms_network_access;
                let verdict = match access.text() {
                    Ok(Some(a)) if a.eq_ignore_ascii_case("private") => Verdict::Pass,
                    Ok(_) => Verdict::FailAt(
                        Severity::Low,
                        "the KMS key vault is reached over its public endpoint (keyVaultNetworkAccess Public)".into(),
                    ),
                    Err(r) => Verdict::unknown("keyVaultNetworkAccess", &r),
                };
                (access.at().clone(), verdict)
            }
            Ok(_) => (
                p.at().clone(),
                Verdict::Fail(
                    "KMS is not enabled: Secrets in etcd are encrypted with platform keys only"
                        .into(),
                ),
            ),
        }
    });
}
