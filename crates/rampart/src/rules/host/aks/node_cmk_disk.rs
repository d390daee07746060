//! `host.aks.node.cmk-disk` — Node disks are not encrypted with a customer-managed key.
//!
//! Checks `diskEncryptionSetID` (azurerm `disk_encryption_set_id`): the cluster's node OS and
//! data disks should be encrypted with a disk encryption set holding a customer-managed key.
//!
//! Azure Policy: "Both operating systems and data disks in Azure Kubernetes Service clusters
//! should be encrypted by customer-managed keys" (7d7be79c-23ba-4033-84dd-45e2a5ccdd67). Checkov
//! CKV_AZURE_117.
//!
//! ## Why
//! Managed disks are always encrypted with platform keys; a customer-managed key adds key
//! custody and the ability to revoke access, which many compliance regimes require.
//!
//! ## Fails
//! ```json
//! {"properties": {"kubernetesVersion": "1.33"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"properties": {"diskEncryptionSetID": "/subscriptions/.../diskEncryptionSets/aks-des"}}
//! ```
//!
//! ## Fix
//! Set `diskEncryptionSetID` when creating the cluster (`az aks create
//! --node-osdisk-diskencryptionset-id <id>`); it cannot be added later, so plan a new cluster.
//! Terraform `disk_encryption_set_id` (forces a new cluster).

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.cmk-disk",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Node disks are not encrypted with a customer-managed key",
    source: include_str!("node_cmk_disk.rs"),
    remediation: "Create the cluster with diskEncryptionSetID pointing at a disk encryption set with a customer-managed key.",
    references: &[Reference::AzurePolicy("7d7be79c-23ba-4033-84dd-45e2a5ccdd67"), Reference::Checkov("CKV_AZURE_117")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.disk_encryption_set;
        let verdict = match p.is_set() {
            Ok(true) => Verdict::Pass,
            Ok(false) => Verdict::Fail(
                "diskEncryptionSetID is not set: node disks use platform-managed keys only".into(),
            ),
            Err(r) => Verdict::unknown("diskEncryptionSetID", &r),
        };
        (p.at().clone(), verdict)
    });
}
