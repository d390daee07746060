//! `cluster.aks.addon.dashboard` — Kubernetes dashboard add-on is enabled.
//!
//! Checks `addonProfiles.kubeDashboard.enabled` (azurerm 2.x `addon_profile { kube_dashboard }`).
//! An absent add-on passes.
//!
//! Checkov CKV_AZURE_8 (whose ARM check also fails when the add-on is absent).
//!
//! ## Why
//! The dashboard add-on ran with broad privileges and has been a classic entry point
//! (cryptojacking on exposed dashboards); it is unavailable from Kubernetes 1.19.
//!
//! ## Fails
//! ```json
//! {"addonProfiles": {"kubeDashboard": {"enabled": true}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"addonProfiles": {"kubeDashboard": {"enabled": false}}}
//! ```
//!
//! ## Fix
//! `az aks disable-addons --addons kube-dashboard`; remove the `kube_dashboard` block.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.addon.dashboard",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "Kubernetes dashboard add-on is enabled",
    source: include_str!("addon_dashboard.rs"),
    remediation:
        "Disable the kube-dashboard add-on (az aks disable-addons --addons kube-dashboard).",
    references: &[Reference::Checkov("CKV_AZURE_8")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.kube_dashboard;
        let verdict = match p.bool() {
            Ok(Some(true)) => Verdict::Fail("the Kubernetes dashboard add-on is enabled".into()),
            Ok(_) => Verdict::Pass,
            Err(r) => Verdict::unknown("kubeDashboard.enabled", &r),
        };
        (p.at().clone(), verdict)
    });
}
