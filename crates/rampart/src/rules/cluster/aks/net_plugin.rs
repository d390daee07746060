//! `cluster.aks.net.plugin` — Network plugin is not Azure CNI.
//!
//! Checks `networkProfile.networkPlugin` (azurerm `network_profile { network_plugin }`): `azure`
//! (Azure CNI, with Overlay or a pod subnet) passes; `kubenet` (being retired) fails; `none`
//! (bring-your-own CNI) fails for review. azurerm defaults to kubenet when there is no
//! `network_profile` block.
//!
//! Azure Policy: "Azure Kubernetes Clusters should use Azure CNI"
//! (46238e2f-3f6f-4589-9f3f-77bed4116e67). Checkov CKV2_AZURE_29.
//!
//! ## Why
//! The plugin decides which policy engines are possible (Azure NPM and Cilium need Azure CNI)
//! and how pod traffic appears on the network; kubenet is being retired.
//!
//! ## Fails
//! ```json
//! {"networkProfile": {"networkPlugin": "kubenet"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"networkProfile": {"networkPlugin": "azure", "networkPluginMode": "overlay", "networkDataplane": "cilium"}}
//! ```
//!
//! ## Fix
//! `az aks update --network-plugin azure --network-plugin-mode overlay` (kubenet to Overlay
//! migration); Terraform `network_profile { network_plugin = "azure", network_plugin_mode =
//! "overlay" }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.net.plugin",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Low,
    title: "Network plugin is not Azure CNI",
    source: include_str!("net_plugin.rs"),
    remediation: "Use Azure CNI (networkPlugin azure, Overlay mode) (az aks update --network-plugin-mode overlay).",
    references: &[Reference::AzurePolicy("46238e2f-3f6f-4589-9f3f-77bed4116e67"), Reference::Checkov("CKV2_AZURE_29")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.network_plugin;
        let verdict = match p.text() {
            Err(r) => Verdict::unknown("networkPlugin", &r),
            Ok(Some(v)) => match v.to_ascii_lowercase().as_str() {
                "azure" => Verdict::Pass,
                "kubenet" => Verdict::Fail("networkPlugin is kubenet (being retired): move to Azure CNI Overlay".into()),
                "none" => Verdict::Fail("networkPlugin is none: a bring-your-own CNI must be reviewed by hand".into()),
                other => Verdict::Fail(format!("networkPlugin {other:?} is not a known plugin")),
            },
            Ok(None) if c.dialect.is_terraform() => Verdict::Fail(
                "no network_plugin: azurerm defaults to kubenet (being retired)".into(),
            ),
            Ok(None) => Verdict::Fail(
                "networkPlugin is not set: the API default (kubenet in older API versions) applies; set azure with overlay".into(),
            ),
        };
        (p.at().clone(), verdict)
    });
}
