//! `host.aks.node.system-pool-taint` — System node pool accepts application pods.
//!
//! Checks that every `mode: System` pool carries the taint `CriticalAddonsOnly=true:NoSchedule`
//! (`nodeTaints`; azurerm `only_critical_addons_enabled = true` on the default pool).
//!
//! Checkov CKV_AZURE_232.
//!
//! ## Why
//! The system pool runs CoreDNS, konnectivity, the CSI drivers and other cluster-critical pods;
//! application pods scheduled beside them share the node and can starve or attack them.
//!
//! ## Fails
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "mode": "System"}]}
//! ```
//!
//! ## Passes
//! ```json
//! {"agentPoolProfiles": [{"name": "system", "mode": "System",
//!   "nodeTaints": ["CriticalAddonsOnly=true:NoSchedule"]}]}
//! ```
//!
//! ## Fix
//! `az aks nodepool update --node-taints CriticalAddonsOnly=true:NoSchedule` on the system pool
//! (keep a user pool for applications); Terraform `only_critical_addons_enabled = true`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.node.system-pool-taint",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Low,
    title: "System node pool accepts application pods",
    source: include_str!("node_system_pool_taint.rs"),
    remediation: "Taint system pools with CriticalAddonsOnly=true:NoSchedule and run applications in user pools.",
    references: &[Reference::Checkov("CKV_AZURE_232")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_pool(inv, out, |p| {
        match p.is_system() {
            Ok(false) => return (p.at.clone(), Verdict::Pass),
            Err(r) => return (p.mode.at().clone(), Verdict::unknown("mode", &r)),
            Ok(true) => {}
        }
        if let Ok(Some(true)) = p.only_critical_addons.bool() {
            return (p.at.clone(), Verdict::Pass);
        }
        let verdict = match p.node_taints.list() {
            Err(r) => Verdict::unknown("nodeTaints", &r),
            Ok(taints) => {
                let taints = taints.unwrap_or_default();
                let mut unknown = None;
                let mut tainted = false;
                for t in taints.iter() {
                    match t.text() {
                        Ok(Some(t))
                            if t.replace(' ', "")
                                .eq_ignore_ascii_case("CriticalAddonsOnly=true:NoSchedule") =>
                        {
                            tainted = true
                        }
                        Err(r) => unknown = Some(r),
                        _ => {}
                    }
                }
                match (tainted, unknown) {
                    (true, _) => Verdict::Pass,
                    (false, Some(r)) => Verdict::unknown("a node taint", &r),
                    (false, None) => Verdict::Fail(
                        "system pool has no CriticalAddonsOnly=true:NoSchedule taint: application pods can run beside cluster-critical pods".into(),
                    ),
                }
            }
        };
        (p.node_taints.at().clone(), verdict)
    });
}
