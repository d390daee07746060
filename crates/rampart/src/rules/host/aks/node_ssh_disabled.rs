//! `host.aks.node.ssh-disabled` — SSH to nodes is enabled.
//!
//! Checks `securityProfile.sshAccess` on every agent pool: `Disabled` passes; `LocalUser` and
//! unset (the default, `LocalUser`) fail. azurerm 4.x has no argument for it, so Terraform pools
//! fail unless the setting is applied another way (azapi).
//!
//! Azure Policy: "Azure Kubernetes Clusters should disable SSH"
//! (28257686-e9db-403e-b9e2-a5eecbe03da9).
//!
//! ## Why
//! SSH to a node bypasses Kubernetes RBAC and the API audit log: whoever holds the key is root
//! on the node and on every pod scheduled there.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "securityProfile": {"sshAccess": "LocalUser"}}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "securityProfile": {"sshAccess": "Disabled"}}]}
//! ```
//!
//! ## Fix
//! `az aks update --ssh-access disabled` (cluster-wide) or `az aks nodepool update --ssh-access
//! disabled`; use `kubectl debug node/...` for break-glass access instead.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.ssh-disabled",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "SSH to nodes is enabled",
    source: include_str!("node_ssh_disabled.rs"),
    remediation: "Disable SSH on node pools (az aks nodepool update --ssh-access disabled).",
    references: &[Reference::AzurePolicy(
        "28257686-e9db-403e-b9e2-a5eecbe03da9",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        let verdict = match p.ssh_access.text() {
            Ok(Some(v)) if v.eq_ignore_ascii_case("disabled") => Verdict::Pass,
            Ok(Some(v)) => Verdict::Fail(format!("sshAccess is {v}: SSH to nodes bypasses Kubernetes RBAC and audit")),
            Ok(None) => Verdict::Fail(
                "sshAccess is not set (default LocalUser): SSH to nodes bypasses Kubernetes RBAC and audit".into(),
            ),
            Err(r) => Verdict::unknown("sshAccess", &r),
        };
        (p.ssh_access.at().clone(), verdict)
    });
}
