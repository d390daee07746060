//! `cluster.aks.identity.managed` — Cluster uses a service principal instead of a managed identity.
//!
//! Checks `identity.type` (azurerm `identity { type }`): `SystemAssigned` or `UserAssigned`
//! pass; a `servicePrincipalProfile.clientId` other than `msi` (azurerm `service_principal {}`)
//! fails.
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should use managed identities"
//! (da6e2401-19da-4532-9141-fb8fbde08431).
//!
//! ## Why
//! A service principal's secret is copied to every node (`/etc/kubernetes/azure.json`), expires
//! and leaks; a managed identity has no secret to steal or rotate.
//!
//! ## Fails
//! ```json
//! {"servicePrincipalProfile": {"clientId": "4f0e5a2c-0000-0000-0000-000000000000", "secret": "..."}}
//! ```
//!
//! ## Passes
//! ```json
//! {"identity": {"type": "SystemAssigned"}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-managed-identity`; Terraform `identity { type = "SystemAssigned" }`
//! instead of `service_principal {}`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.identity.managed",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "Cluster uses a service principal instead of a managed identity",
    source: include_str!("identity_managed.rs"),
    remediation:
        "Use a managed identity for the cluster (az aks update --enable-managed-identity).",
    references: &[Reference::AzurePolicy(
        "da6e2401-19da-4532-9141-fb8fbde08431",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let identity = &c.identity_type;
        let sp = &c.service_principal_client_id;
        let verdict = match identity.text() {
            Err(r) => Verdict::unknown("identity.type", &r),
            Ok(Some(t)) if t.to_ascii_lowercase().contains("assigned") => Verdict::Pass,
            Ok(Some(t)) => Verdict::Fail(format!(
                "identity.type is {t}: the cluster authenticates with a service principal"
            )),
            Ok(None) => match sp.text() {
                Err(r) => Verdict::unknown("servicePrincipalProfile.clientId", &r),
                Ok(Some(id)) if id.eq_ignore_ascii_case("msi") => Verdict::Pass,
                Ok(Some(_)) => return (
                    sp.at().clone(),
                    Verdict::Fail(
                        "the cluster uses a service principal: its secret is copied to every node"
                            .into(),
                    ),
                ),
                Ok(None) => Verdict::Fail("no managed identity is declared (identity.type)".into()),
            },
        };
        (identity.at().clone(), verdict)
    });
}
