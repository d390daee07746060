//! `host.aks.node.encryption-at-host` — Node pool without encryption at host.
//!
//! Checks `enableEncryptionAtHost` (azurerm `host_encryption_enabled`, 3.x
//! `enable_host_encryption`) on every agent pool; unset means off.
//!
//! Azure Policy: "Temp disks and cache for agent node pools in Azure Kubernetes Service
//! clusters should be encrypted at host" (41425d9f-d1a5-499a-9932-f8ed8453932c). Checkov
//! CKV_AZURE_227.
//!
//! ## Why
//! Server-side encryption covers managed disks only: the temp disk, disk caches and ephemeral
//! OS disks of a node are unencrypted unless encryption at host is on.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "enableEncryptionAtHost": false}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "enableEncryptionAtHost": true}]}
//! ```
//!
//! ## Fix
//! `az aks nodepool update --enable-encryption-at-host` is not supported in place: add a pool with
//! `az aks nodepool add --enable-encryption-at-host` and move workloads (the subscription needs the
//! `EncryptionAtHost` feature). Terraform `host_encryption_enabled = true`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.encryption-at-host",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Node pool without encryption at host",
    source: include_str!("node_encryption_at_host.rs"),
    remediation: "Create node pools with enableEncryptionAtHost: true (az aks nodepool add --enable-encryption-at-host).",
    references: &[Reference::AzurePolicy("41425d9f-d1a5-499a-9932-f8ed8453932c"), Reference::Checkov("CKV_AZURE_227")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        aks::boolean(
            &p.encryption_at_host,
            "enableEncryptionAtHost",
            false,
            "temp disks, caches and ephemeral OS disks are not encrypted",
        )
    });
}
