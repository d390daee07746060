//! `cluster.aks.api.run-command` — Command invoke (run command) is enabled.
//!
//! Checks `apiServerAccessProfile.disableRunCommand` (azurerm `run_command_enabled`, default
//! true): `az aks command invoke` should be disabled.
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should disable Command Invoke"
//! (89f2d532-c53c-4f8f-9afa-4927b1114a0d).
//!
//! ## Why
//! Command invoke runs kubectl inside the cluster through the ARM API: it sidesteps private
//! endpoints and authorized IP ranges, so whoever holds the Azure role reaches a private cluster
//! from anywhere.
//!
//! ## Fails
//! ```json
//! {"apiServerAccessProfile": {"enablePrivateCluster": true}}
//! ```
//!
//! ## Passes
//! ```json
//! {"apiServerAccessProfile": {"enablePrivateCluster": true, "disableRunCommand": true}}
//! ```
//!
//! ## Fix
//! `az aks command update --disable-run-command` (older CLI: `az aks update
//! --disable-run-command`); Terraform `run_command_enabled = false`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.api.run-command",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "Command invoke (run command) is enabled",
    source: include_str!("api_run_command.rs"),
    remediation: "Disable command invoke (apiServerAccessProfile.disableRunCommand: true).",
    references: &[Reference::AzurePolicy(
        "89f2d532-c53c-4f8f-9afa-4927b1114a0d",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.disable_run_command,
            "disableRunCommand",
            false,
            "az aks command invoke can run kubectl through ARM, bypassing private endpoints and IP allow-lists",
        )
    });
}
