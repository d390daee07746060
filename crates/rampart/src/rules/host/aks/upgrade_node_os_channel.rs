//! `host.aks.upgrade.node-os-channel` — Node OS auto-upgrade channel does not patch nodes.
//!
//! Checks `autoUpgradeProfile.nodeOSUpgradeChannel` (azurerm `node_os_upgrade_channel`, 3.x
//! `node_os_channel_upgrade`): `NodeImage` or `SecurityPatch` pass (as does cluster
//! `upgradeChannel: node-image`); `None` fails; `Unmanaged` fails at medium. When unset, the API
//! default is `Unmanaged` and azurerm 4.x's default is `NodeImage`.
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should enable node os auto-upgrade"
//! (04408ca5-aa10-42ce-8536-98955cdddd4c).
//!
//! ## Why
//! This channel is the only automated route for kernel and OS package fixes on the nodes.
//! `Unmanaged` leaves Linux nodes to the distribution's unattended upgrades with no reimage (and
//! Windows nodes to nothing); `None` stops OS patching entirely.
//!
//! ## Fails
//! ```json
//! {"autoUpgradeProfile": {"nodeOSUpgradeChannel": "None"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"autoUpgradeProfile": {"nodeOSUpgradeChannel": "NodeImage"}}
//! ```
//!
//! ## Fix
//! `az aks update --node-os-upgrade-channel NodeImage` (or `SecurityPatch`); Terraform
//! `node_os_upgrade_channel = "NodeImage"`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.upgrade.node-os-channel",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::High,
    title: "Node OS auto-upgrade channel does not patch nodes",
    source: include_str!("upgrade_node_os_channel.rs"),
    remediation: "Set autoUpgradeProfile.nodeOSUpgradeChannel to NodeImage or SecurityPatch (az aks update --node-os-upgrade-channel NodeImage).",
    references: &[Reference::AzurePolicy("04408ca5-aa10-42ce-8536-98955cdddd4c")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.node_os_upgrade_channel;
        let node_image_channel = matches!(
            c.upgrade_channel.text(),
            Ok(Some(ch)) if ch.eq_ignore_ascii_case("node-image")
        );
        let verdict = match p.text() {
            Err(r) => Verdict::unknown("nodeOSUpgradeChannel", &r),
            _ if node_image_channel => Verdict::Pass,
            Ok(None) if c.dialect.is_terraform() => Verdict::Pass,
            Ok(None) => Verdict::FailAt(
                Severity::Medium,
                "nodeOSUpgradeChannel is not set (API default Unmanaged): nodes get distribution updates without reimage, Windows nodes none".into(),
            ),
            Ok(Some(ch)) => match ch.to_ascii_lowercase().as_str() {
                "nodeimage" | "securitypatch" => Verdict::Pass,
                "unmanaged" => Verdict::FailAt(
                    Severity::Medium,
                    "nodeOSUpgradeChannel is Unmanaged: nodes get distribution updates without reimage, Windows nodes none".into(),
                ),
                "none" => Verdict::Fail(
                    "nodeOSUpgradeChannel is None: node kernels and OS packages are never patched automatically".into(),
                ),
                other => Verdict::Fail(format!("nodeOSUpgradeChannel {other:?} is not a known channel")),
            },
        };
        (p.at().clone(), verdict)
    });
}
