//! `host.aks.defender` — Microsoft Defender for Containers is not enabled on the cluster.
//!
//! Checks `securityProfile.defender.securityMonitoring.enabled` (azurerm `microsoft_defender {}`)
//! and its Log Analytics workspace, and the subscription plan Defender also needs: the
//! `Containers` plan at `Standard` (ARM `Microsoft.Security/pricings`, `az security pricing show
//! -n Containers` output, azurerm `azurerm_security_center_subscription_pricing` with
//! `resource_type = "Containers"`). The plan is not part of the cluster definition: when the
//! input does not hold it, a cluster with the profile on is reported as unverifiable.
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

use std::sync::Arc;

use rampart_aks::{At, DefenderPlan};

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
    let plan = plan_verdict(&inv.aks.defender_plans);
    for c in &inv.aks.clusters {
        let p = &c.defender_enabled;
        let verdict = match p.bool() {
            Ok(Some(true)) => match c.defender_workspace.is_set() {
                Ok(true) => None,
                Ok(false) => Some(Verdict::Fail(
                    "Defender is enabled without a Log Analytics workspace: its findings have nowhere to go".into(),
                )),
                Err(r) => Some(Verdict::unknown("the Defender workspace", &r)),
            },
            Ok(Some(false)) => Some(Verdict::Fail(
                "Defender security monitoring is disabled: no runtime threat detection on the nodes".into(),
            )),
            Ok(None) => Some(Verdict::Fail(
                "no Defender profile: no runtime threat detection on the nodes".into(),
            )),
            Err(r) => Some(Verdict::unknown("securityProfile.defender", &r)),
        };
        match verdict {
            Some(v) => aks::on_cluster(out, c, p.at(), v),
            // The profile is on: the subscription plan decides.
            None => match &plan {
                PlanVerdict::On => {}
                PlanVerdict::Missing => aks::on_cluster(
                    out,
                    c,
                    p.at(),
                    Verdict::Unknown(
                        "the Defender profile is on, but the subscription's Containers plan is not in the input (az security pricing show -n Containers)".into(),
                    ),
                ),
                PlanVerdict::Off(file, at, tier) => aks::on_cluster_in(
                    out,
                    c,
                    file,
                    at,
                    Verdict::Fail(format!(
                        "the subscription's Containers plan is {tier}: the Defender profile alone gives no coverage"
                    )),
                ),
                PlanVerdict::Unknown(file, at, why) => {
                    aks::on_cluster_in(out, c, file, at, Verdict::unknown("the Containers plan tier", why))
                }
            },
        }
    }
}

/// What the Defender for Containers plans in the input say.
enum PlanVerdict {
    On,
    Missing,
    Off(Arc<str>, At, String),
    Unknown(Arc<str>, At, String),
}

fn plan_verdict(plans: &[DefenderPlan]) -> PlanVerdict {
    let mut verdict = PlanVerdict::Missing;
    for plan in plans {
        match plan.tier.text() {
            Ok(Some(t)) if t.eq_ignore_ascii_case("standard") => return PlanVerdict::On,
            Ok(Some(t)) => {
                verdict = PlanVerdict::Off(plan.file.clone(), plan.tier.at().clone(), t.to_string())
            }
            Ok(None) => {
                verdict = PlanVerdict::Off(
                    plan.file.clone(),
                    plan.tier.at().clone(),
                    "not set (Free)".into(),
                )
            }
            Err(r) => {
                if matches!(verdict, PlanVerdict::Missing) {
                    verdict = PlanVerdict::Unknown(plan.file.clone(), plan.tier.at().clone(), r);
                }
            }
        }
    }
    verdict
}
