//! `host.aks.node.ephemeral-os` — Node pool uses a managed OS disk.
//!
//! Checks `osDiskType` (azurerm `os_disk_type`) on every agent pool: `Ephemeral` is preferred;
//! an explicit `Managed` is reported for information. When unset, AKS picks `Ephemeral` if the VM
//! size allows it, else `Managed`; both are acceptable.
//!
//! Checkov CKV_AZURE_226.
//!
//! ## Why
//! An ephemeral OS disk lives on the host and is not replicated to remote storage, so node
//! state does not outlive the VM and reimages (the node OS patch route) are faster.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "osDiskType": "Managed"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "osDiskType": "Ephemeral"}]}
//! ```
//!
//! ## Fix
//! Add a pool with `az aks nodepool add --node-osdisk-type Ephemeral` on a VM size with enough
//! cache or temp disk; Terraform `os_disk_type = "Ephemeral"`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.ephemeral-os",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Info,
    title: "Node pool uses a managed OS disk",
    source: include_str!("node_ephemeral_os.rs"),
    remediation: "Use osDiskType Ephemeral on VM sizes that support it.",
    references: &[Reference::Checkov("CKV_AZURE_226")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let verdict = match p.os_disk_type.text() {
            Ok(Some(t)) if t.eq_ignore_ascii_case("managed") => Verdict::Fail(
                "osDiskType is Managed: node OS state is kept in remote storage; Ephemeral is preferred".into(),
            ),
            Ok(_) => Verdict::Pass,
            Err(r) => Verdict::unknown("osDiskType", &r),
        };
        (p.os_disk_type.at().clone(), verdict)
    });
}
