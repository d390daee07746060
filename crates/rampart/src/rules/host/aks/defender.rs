//! `host.aks.defender` — Microsoft Defender for Containers is not enabled on the cluster.
//!
//! Checks `securityProfile.defender.securityMonitoring.enabled` (azurerm `microsoft_defender {}`)
//! and its Log Analytics workspace. Defender also needs the subscription plan
//! (`Microsoft.Security/pricings` `Containers` at `Standard`, `az security pricing show -n
//! Containers`), which is not part of the cluster definition.
//!
//! CIS AKS 5.1.1. Azure Policy: "Azure Kubernetes Service clusters should have Defender
//! profile enabled" (a1840de2-8088-4ea8-b153-b4c723e9cb01). Checkov CKV_AZURE_85 tests only the
//! retired `KubernetesService` plan.
//!
//! ## Why
//! The Defender sensor is the only runtime threat detection on AKS nodes (container escapes,
//! crypto miners, suspicious processes) and feeds image vulnerability assessment.
//!
//! ## Fails
//! ```json
//! {"securityProfile": {"defender": {"securityMonitoring": {"enabled": false}}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"securityProfile": {"defender": {"logAnalyticsWorkspaceResourceId": "/subscriptions/.../workspaces/sec",
//!   "securityMonitoring": {"enabled": true}}}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-defender --defender-config defender.json` and `az security pricing create
//! -n Containers --tier Standard`; Terraform `microsoft_defender { log_analytics_workspace_id = ... }`
//! plus `azurerm_security_center_subscription_pricing`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.defender",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::High,
    title: "Microsoft Defender for Containers is not enabled on the cluster",
    source: include_str!("defender.rs"),
    remediation: "Enable the Defender profile (az aks update --enable-defender) and the Containers plan at Standard.",
    references: &[Reference::CisAks("5.1.1"), Reference::AzurePolicy("a1840de2-8088-4ea8-b153-b4c723e9cb01")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.defender_enabled;
        let verdict = match p.bool() {
            Ok(Some(true)) => match c.defender_workspace.is_set() {
                Ok(true) => Verdict::Pass,
                Ok(false) => Verdict::Fail(
                    "Defender is enabled without a Log Analytics workspace: its findings have nowhere to go".into(),
                ),
                Err(r) => Verdict::unknown("the Defender workspace", &r),
            },
            Ok(Some(false)) => Verdict::Fail(
                "Defender security monitoring is disabled: no runtime threat detection on the nodes".into(),
            ),
            Ok(None) => Verdict::Fail(
                "no Defender profile: no runtime threat detection on the nodes".into(),
            ),
            Err(r) => Verdict::unknown("securityProfile.defender", &r),
        };
        (p.at().clone(), verdict)
    });
}
