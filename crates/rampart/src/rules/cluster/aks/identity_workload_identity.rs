//! `cluster.aks.identity.workload-identity` — Workload identity is not enabled.
//!
//! Checks `securityProfile.workloadIdentity.enabled` and `oidcIssuerProfile.enabled` (azurerm
//! `workload_identity_enabled`, `oidc_issuer_enabled`), and that the deprecated pod-managed identity
//! (`podIdentityProfile.enabled`) is off.
//!
//! Azure Policy: "Azure Kubernetes Service Clusters should enable workload identity"
//! (2cc2e023-0dac-4046-875b-178f683929d5).
//!
//! ## Why
//! Without workload identity, pods reach Azure with the node-wide kubelet identity (shared by
//! every pod on the node) or with static secrets. Pod-managed identity intercepts IMDS traffic and
//! is deprecated.
//!
//! ## Fails
//! ```json
//! {"podIdentityProfile": {"enabled": true}}
//! ```
//!
//! ## Passes
//! ```json
//! {"oidcIssuerProfile": {"enabled": true}, "securityProfile": {"workloadIdentity": {"enabled": true}}}
//! ```
//!
//! ## Fix
//! `az aks update --enable-oidc-issuer --enable-workload-identity` (and `az aks pod-identity`
//! removal); Terraform `oidc_issuer_enabled = true`, `workload_identity_enabled = true`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.identity.workload-identity",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "Workload identity is not enabled",
    source: include_str!("identity_workload_identity.rs"),
    remediation: "Enable the OIDC issuer and workload identity (az aks update --enable-oidc-issuer --enable-workload-identity).",
    references: &[Reference::AzurePolicy("2cc2e023-0dac-4046-875b-178f683929d5")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        if let Ok(Some(true)) = c.pod_identity.bool() {
            return (
                c.pod_identity.at().clone(),
                Verdict::Fail(
                    "pod-managed identity (deprecated) is enabled: use workload identity".into(),
                ),
            );
        }
        for (p, what) in [
            (
                &c.workload_identity,
                "securityProfile.workloadIdentity.enabled",
            ),
            (&c.oidc_issuer, "oidcIssuerProfile.enabled"),
        ] {
            match p.bool() {
                Ok(Some(true)) => {}
                Ok(_) => {
                    return (
                        p.at().clone(),
                        Verdict::Fail(format!(
                            "{what} is not true: pods fall back to the node's kubelet identity or static secrets"
                        )),
                    )
                }
                Err(r) => return (p.at().clone(), Verdict::unknown(what, &r)),
            }
        }
        (c.workload_identity.at().clone(), Verdict::Pass)
    });
}
