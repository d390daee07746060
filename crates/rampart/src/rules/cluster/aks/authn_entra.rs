//! `cluster.aks.authn.entra` — Cluster is not integrated with Entra ID.
//!
//! Checks `aadProfile` (azurerm `azure_active_directory_role_based_access_control {}`): the
//! managed Entra ID integration (`managed: true`) must be configured; the legacy integration with
//! `serverAppID`/`clientAppID` fails.
//!
//! CIS AKS 5.5.1. Azure Policy: "Azure Kubernetes Service Clusters should enable Azure Active
//! Directory integration" (450d2877-ebea-41e8-b00c-e286317d21bf).
//!
//! ## Why
//! Entra ID gives kubectl users central identities, MFA, conditional access and revocation;
//! without it access rests on long-lived certificates and tokens.
//!
//! ## Fails
//! ```json
//! {"properties": {"kubernetesVersion": "1.33"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"aadProfile": {"managed": true, "enableAzureRBAC": true}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-aad --aad-admin-group-object-ids <group-id>`; Terraform
//! `azure_active_directory_role_based_access_control { azure_rbac_enabled = true }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.authn.entra",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "Cluster is not integrated with Entra ID",
    source: include_str!("authn_entra.rs"),
    remediation: "Enable the managed Entra ID integration (az aks update --enable-aad).",
    references: &[
        Reference::CisAks("5.5.1"),
        Reference::AzurePolicy("450d2877-ebea-41e8-b00c-e286317d21bf"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let profile = &c.aad_profile;
        let verdict = match profile.is_set() {
            Err(r) => Verdict::unknown("aadProfile", &r),
            Ok(false) => Verdict::Fail(
                "no aadProfile: kubectl access is not tied to Entra ID identities, MFA or conditional access".into(),
            ),
            Ok(true) => match c.aad_managed.bool() {
                Ok(Some(true)) => Verdict::Pass,
                Ok(_) => Verdict::Fail(
                    "aadProfile uses the legacy (unmanaged) Entra integration: migrate to managed: true".into(),
                ),
                Err(r) => Verdict::unknown("aadProfile.managed", &r),
            },
        };
        let at = match &verdict {
            Verdict::Fail(_) if !profile.is_absent() => c.aad_managed.at().clone(),
            _ => profile.at().clone(),
        };
        (at, verdict)
    });
}
