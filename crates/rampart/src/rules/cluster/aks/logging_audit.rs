//! `cluster.aks.logging.audit` — API server audit logs are not collected.
//!
//! Checks the diagnostic settings scoped to the cluster (ARM `Microsoft.Insights/diagnosticSettings`
//! with the cluster as `scope`, `az monitor diagnostic-settings list` output, azurerm
//! `azurerm_monitor_diagnostic_setting` targeting the cluster): one must enable `kube-audit` or
//! `kube-audit-admin` (or the `allLogs`/`audit` category group) and send it to a workspace,
//! storage account or event hub. Clusters with Entra ID or Azure RBAC also need `guard` (a medium
//! finding otherwise). `az aks show` output does not contain diagnostic settings: the control is
//! then reported as unverifiable.
//!
//! CIS AKS 2.1.1. Azure Policy: "Resource logs in Azure Kubernetes Service should be enabled"
//! (245fc9df-fa96-4414-9a0b-3738c2f7341c).
//!
//! ## Why
//! Without the audit log there is no record of who read which Secret, exec'd into which pod or
//! changed which role binding: incident response starts blind.
//!
//! ## Fails
//! ```json
//! {"type": "Microsoft.Insights/diagnosticSettings", "name": "aks-logs",
//!   "scope": "Microsoft.ContainerService/managedClusters/aks1",
//!   "properties": {"workspaceId": "/subscriptions/.../workspaces/sec",
//!     "logs": [{"category": "kube-apiserver", "enabled": true}]}}
//! ```
//!
//! ## Passes
//! ```json
//! {"type": "Microsoft.Insights/diagnosticSettings", "name": "aks-logs",
//!   "scope": "Microsoft.ContainerService/managedClusters/aks1",
//!   "properties": {"workspaceId": "/subscriptions/.../workspaces/sec",
//!     "logs": [{"category": "kube-audit-admin", "enabled": true}, {"category": "guard", "enabled": true}]}}
//! ```
//!
//! ## Fix
//! `az monitor diagnostic-settings create --resource <cluster-id> --name aks-audit --workspace <id>
//! --logs '[{"category":"kube-audit-admin","enabled":true},{"category":"guard","enabled":true}]'`;
//! Terraform `azurerm_monitor_diagnostic_setting { enabled_log { category = "kube-audit-admin" } }`.

use rampart_aks::{Collected, DiagnosticSetting};

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.logging.audit",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "API server audit logs are not collected",
    source: include_str!("logging_audit.rs"),
    remediation: "Send kube-audit-admin (and guard) logs to a workspace with a diagnostic setting on the cluster.",
    references: &[Reference::CisAks("2.1.1"), Reference::AzurePolicy("245fc9df-fa96-4414-9a0b-3738c2f7341c")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let settings = match &c.diagnostics {
            Collected::NotInInput(why) => {
                return (
                    c.at.clone(),
                    Verdict::Unknown(format!(
                        "diagnostic settings: {why}; list them with az monitor diagnostic-settings list --resource <cluster id>"
                    )),
                )
            }
            Collected::Found(list) => list,
        };
        let entra = matches!(c.aad_profile.is_set(), Ok(true));
        let mut audit = Ok(false);
        let mut guard = Ok(false);
        for s in settings {
            match s.destination.is_set() {
                Ok(true) => {}
                Ok(false) => continue,
                Err(r) => {
                    audit = audit.and(Err(r.clone()));
                    continue;
                }
            }
            merge(&mut audit, ships(s, &["kube-audit", "kube-audit-admin"]));
            merge(&mut guard, ships(s, &["guard"]));
        }
        let at = settings
            .first()
            .map_or_else(|| c.at.clone(), |s| s.at.clone());
        let verdict = match (audit, guard) {
            (Err(r), _) => Verdict::unknown("a diagnostic setting", &r),
            (Ok(false), _) if settings.is_empty() => Verdict::Fail(
                "no diagnostic setting targets the cluster: API server audit logs are not kept".into(),
            ),
            (Ok(false), _) => Verdict::Fail(
                "no diagnostic setting ships kube-audit or kube-audit-admin to a destination".into(),
            ),
            (Ok(true), Err(r)) if entra => Verdict::unknown("the guard log category", &r),
            (Ok(true), Ok(false)) if entra => Verdict::FailAt(
                Severity::Medium,
                "audit logs are kept but the guard category (Entra ID / Azure RBAC decisions) is not".into(),
            ),
            (Ok(true), _) => Verdict::Pass,
        };
        (at, verdict)
    });
}

fn merge(acc: &mut Result<bool, String>, next: Result<bool, String>) {
    *acc = match (acc.clone(), next) {
        (Ok(true), _) | (_, Ok(true)) => Ok(true),
        (Err(r), _) | (_, Err(r)) => Err(r),
        _ => Ok(false),
    };
}

/// Whether the setting enables one of `categories` (or a group that covers them).
fn ships(s: &DiagnosticSetting, categories: &[&str]) -> Result<bool, String> {
    let mut unknown = None;
    for log in &s.logs {
        let on = match log.enabled.bool() {
            Ok(Some(b)) => b,
            Ok(None) => true,
            Err(r) => {
                unknown = Some(r);
                continue;
            }
        };
        if !on {
            continue;
        }
        let named = match (log.category.text(), log.category_group.text()) {
            (Ok(Some(cat)), _) => categories.iter().any(|c| c.eq_ignore_ascii_case(&cat)),
            (_, Ok(Some(group))) => ["allLogs", "audit"]
                .iter()
                .any(|g| g.eq_ignore_ascii_case(&group)),
            (Err(r), _) | (_, Err(r)) => {
                unknown = Some(r);
                false
            }
            _ => false,
        };
        if named {
            return Ok(true);
        }
    }
    match unknown {
        Some(r) => Err(r),
        None => Ok(false),
    }
}
