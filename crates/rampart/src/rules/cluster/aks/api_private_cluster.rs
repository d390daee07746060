//! `cluster.aks.api.private-cluster` — API server has a public endpoint.
//!
//! Checks `apiServerAccessProfile.enablePrivateCluster` (azurerm `private_cluster_enabled`): the
//! API server should only be reachable through a private endpoint. A private cluster that also
//! publishes a public FQDN (`enablePrivateClusterPublicFQDN`) is a low finding.
//!
//! CIS AKS 5.4.2. Azure Policy: "Azure Kubernetes Service Private Clusters should be enabled"
//! (040732e8-d947-40b8-95d6-854c95024bf8). Checkov CKV_AZURE_115.
//!
//! ## Why
//! A public API endpoint is reachable from the internet: every credential leak, authentication
//! bug or brute-force attempt against it is one step from the cluster.
//!
//! ## Fails
//! ```json
//! {"apiServerAccessProfile": {"enablePrivateCluster": false}}
//! ```
//!
//! ## Passes
//! ```json
//! {"apiServerAccessProfile": {"enablePrivateCluster": true, "enablePrivateClusterPublicFQDN": false}}
//! ```
//!
//! ## Fix
//! Create the cluster private (`az aks create --enable-private-cluster`; existing clusters with
//! API server VNet integration: `az aks update --enable-private-cluster`); `az aks update
//! --disable-public-fqdn`. Terraform `private_cluster_enabled = true` (forces a new cluster).

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.api.private-cluster",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "API server has a public endpoint",
    source: include_str!("api_private_cluster.rs"),
    remediation: "Make the cluster private (enablePrivateCluster: true) without a public FQDN.",
    references: &[
        Reference::CisAks("5.4.2"),
        Reference::AzurePolicy("040732e8-d947-40b8-95d6-854c95024bf8"),
        Reference::Checkov("CKV_AZURE_115"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.private_cluster;
        match p.bool() {
            Ok(Some(true)) => {
                let fqdn = &c.private_cluster_public_fqdn;
                let verdict = match fqdn.bool() {
                    Ok(Some(true)) => Verdict::FailAt(
                        Severity::Low,
                        "the private cluster also publishes a public FQDN for its API server".into(),
                    ),
                    Ok(_) => Verdict::Pass,
                    Err(r) => Verdict::unknown("enablePrivateClusterPublicFQDN", &r),
                };
                (fqdn.at().clone(), verdict)
            }
            Ok(Some(false)) => (
                p.at().clone(),
                Verdict::Fail("enablePrivateCluster is false: the API server has a public endpoint".into()),
            ),
            Ok(None) => (
                p.at().clone(),
                Verdict::Fail("enablePrivateCluster is not set (default false): the API server has a public endpoint".into()),
            ),
            Err(r) => (p.at().clone(), Verdict::unknown("enablePrivateCluster", &r)),
        }
    });
}
