//! `cluster.aks.authz.k8s-rbac` — Kubernetes RBAC is disabled.
//!
//! Checks `enableRBAC` (azurerm `role_based_access_control_enabled`, 2.x
//! `role_based_access_control { enabled }`). Unset means enabled.
//!
//! Azure Policy: "Role-Based Access Control (RBAC) should be used on Kubernetes Services".
//! Checkov CKV_AZURE_5.
//!
//! ## Why
//! Without RBAC every authenticated identity, service accounts included, has full control of
//! the cluster. It cannot be turned on after creation.
//!
//! ## Fails
//! ```json
//! {"enableRBAC": false}
//! ```
//!
//! ## Passes
//! ```json
//! {"enableRBAC": true}
//! ```
//!
//! ## Fix
//! Recreate the cluster with RBAC (the default: do not pass `--disable-rbac`); Terraform
//! `role_based_access_control_enabled = true`.

use crate::aks;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.authz.k8s-rbac",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Critical,
    title: "Kubernetes RBAC is disabled",
    source: include_str!("authz_k8s_rbac.rs"),
    remediation: "Recreate the cluster with Kubernetes RBAC enabled (enableRBAC: true).",
    references: &[Reference::Checkov("CKV_AZURE_5")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        aks::boolean(
            &c.enable_rbac,
            "enableRBAC",
            true,
            "every authenticated identity has full control of the cluster",
        )
    });
}
