//! `host.aks.monitor.insights` — Container Insights is not enabled.
//!
//! Checks the monitoring add-on: `addonProfiles.omsagent.enabled` (azurerm `oms_agent {}`) with
//! a Log Analytics workspace, and that it does not use shared-key auth (`config.useAADAuth:
//! "false"`, azurerm `msi_auth_for_monitoring_enabled = false`).
//!
//! Checkov CKV_AZURE_4.
//!
//! ## Why
//! Node and container logs are what an investigation starts from; they are not the control-plane
//! audit log (`cluster.aks.logging.audit`) and do not replace it.
//!
//! ## Fails
//! ```json
//! {"addonProfiles": {"omsagent": {"enabled": false}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"addonProfiles": {"omsagent": {"enabled": true,
//!   "config": {"logAnalyticsWorkspaceResourceID": "/subscriptions/.../workspaces/ops", "useAADAuth": "true"}}}}
//! ```
//!
//! ## Fix
//! `az aks enable-addons --addons monitoring --workspace-resource-id <id>` (managed identity auth
//! is the default on current CLI versions); Terraform `oms_agent { log_analytics_workspace_id = ...,
//! msi_auth_for_monitoring_enabled = true }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "host.aks.monitor.insights",
    layer: Layer::Host,
    domain: "aks",
    severity: Severity::Medium,
    title: "Container Insights is not enabled",
    source: include_str!("monitor_insights.rs"),
    remediation:
        "Enable the monitoring add-on with a Log Analytics workspace and managed-identity auth.",
    references: &[Reference::Checkov("CKV_AZURE_4")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.oms_agent;
        let verdict = match p.bool() {
            Ok(Some(true)) => match (c.oms_workspace.is_set(), c.oms_aad_auth.bool()) {
                (Err(r), _) => Verdict::unknown("the monitoring workspace", &r),
                (Ok(false), _) if !c.dialect.is_terraform() => {
                    Verdict::Fail("the monitoring add-on has no Log Analytics workspace".into())
                }
                (_, Err(r)) => Verdict::unknown("the monitoring add-on's auth mode", &r),
                (_, Ok(Some(false))) => Verdict::FailAt(
                    Severity::Low,
                    "the monitoring add-on uses shared-key auth (useAADAuth false)".into(),
                ),
                _ => Verdict::Pass,
            },
            Ok(Some(false)) => Verdict::Fail(
                "the monitoring add-on (omsagent) is disabled: no node or container logs".into(),
            ),
            Ok(None) => Verdict::Fail(
                "the monitoring add-on (omsagent) is not enabled: no node or container logs".into(),
            ),
            Err(r) => Verdict::unknown("addonProfiles.omsagent.enabled", &r),
        };
        (p.at().clone(), verdict)
    });
}
