//! `host.aks.upgrade.k8s-channel` — Cluster auto-upgrade channel is off.
//!
//! Checks `autoUpgradeProfile.upgradeChannel` (azurerm `automatic_upgrade_channel`, 3.x
//! `automatic_channel_upgrade`): `patch`, `stable` or `rapid` pass; `none`, `node-image` and an
//! unset channel (default `none`) fail.
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should enable cluster auto-upgrade"
//! (5c345cdf-2049-47e0-b8fe-b0e96bc2df35). Checkov CKV_AZURE_171 (which also passes `node-image`).
//!
//! ## Why
//! Without a channel, control-plane and kubelet CVE fixes wait for someone to run an upgrade by
//! hand. `node-image` only refreshes node images and leaves the Kubernetes version where it is.
//!
//! ## Fails
//! ```json
//! {"autoUpgradeProfile": {"upgradeChannel": "none"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"autoUpgradeProfile": {"upgradeChannel": "patch"}}
//! ```
//!
//! ## Fix
//! `az aks update --auto-upgrade-channel patch` (or `stable`); Terraform
//! `automatic_upgrade_channel = "patch"`. Gate it with an `aksManagedAutoUpgradeSchedule`
//! maintenance window.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.upgrade.k8s-channel",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Cluster auto-upgrade channel is off",
    source: include_str!("upgrade_k8s_channel.rs"),
    remediation: "Set autoUpgradeProfile.upgradeChannel to patch or stable (az aks update --auto-upgrade-channel patch).",
    references: &[Reference::AzurePolicy("5c345cdf-2049-47e0-b8fe-b0e96bc2df35"), Reference::Checkov("CKV_AZURE_171")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.upgrade_channel;
        let verdict = match p.text() {
            Err(r) => Verdict::unknown("upgradeChannel", &r),
            Ok(None) => Verdict::Fail(
                "no auto-upgrade channel is set (default none): Kubernetes patches need a manual upgrade".into(),
            ),
            Ok(Some(ch)) => match ch.to_ascii_lowercase().as_str() {
                "patch" | "stable" | "rapid" => Verdict::Pass,
                "node-image" => Verdict::Fail(
                    "upgradeChannel node-image upgrades node images only: the control plane and kubelet are never patched automatically".into(),
                ),
                "none" => Verdict::Fail(
                    "upgradeChannel is none: Kubernetes patches need a manual upgrade".into(),
                ),
                other => Verdict::Fail(format!("upgradeChannel {other:?} is not a known channel")),
            },
        };
        (p.at().clone(), verdict)
    });
}
