//! `cluster.aks.api.authorized-ips` — Public API server open to any address.
//!
//! For clusters that are not private, checks `apiServerAccessProfile.authorizedIPRanges`
//! (`authorizedIpRanges` in `az` output; azurerm `api_server_access_profile { authorized_ip_ranges
//! }`, older `api_server_authorized_ip_ranges`): it must be non-empty and must not contain
//! `0.0.0.0/0`. Private clusters pass: authorized ranges do not apply to them.
//!
//! CIS AKS 5.4.1. Azure Policy: "Authorized IP ranges should be defined on Kubernetes
//! Services". Checkov CKV_AZURE_6 (which also fails private clusters).
//!
//! ## Why
//! A public API server with no allow-list answers every address on the internet: it is the
//! cluster's front door, exposed to credential stuffing and any pre-auth vulnerability.
//!
//! ## Fails
//! ```json
//! {"apiServerAccessProfile": {"enablePrivateCluster": false, "authorizedIPRanges": []}}
//! ```
//!
//! ## Passes
//! ```json
//! {"apiServerAccessProfile": {"authorizedIPRanges": ["203.0.113.0/24"]}}
//! ```
//!
//! ## Fix
//! `az aks update --api-server-authorized-ip-ranges 203.0.113.0/24,...` (or make the cluster
//! private); Terraform `api_server_access_profile { authorized_ip_ranges = [...] }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.api.authorized-ips",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Critical,
    title: "Public API server open to any address",
    source: include_str!("api_authorized_ips.rs"),
    remediation: "Restrict the public API server to known ranges (az aks update --api-server-authorized-ip-ranges) or make it private.",
    references: &[Reference::CisAks("5.4.1"), Reference::Checkov("CKV_AZURE_6")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let ranges = &c.authorized_ip_ranges;
        match c.private_cluster.bool() {
            Ok(Some(true)) => return (ranges.at().clone(), Verdict::Pass),
            Err(r) => {
                return (
                    c.private_cluster.at().clone(),
                    Verdict::unknown("enablePrivateCluster", &r),
                )
            }
            Ok(_) => {}
        }
        let verdict = match ranges.list() {
            Err(r) => Verdict::unknown("authorizedIPRanges", &r),
            Ok(None) => Verdict::Fail(
                "the API server is public and authorizedIPRanges is not set: any address on the internet can reach it".into(),
            ),
            Ok(Some(items)) if items.is_empty() => Verdict::Fail(
                "the API server is public and authorizedIPRanges is empty: any address on the internet can reach it".into(),
            ),
            Ok(Some(items)) => {
                let mut verdict = Verdict::Pass;
                for item in items.iter() {
                    match item.text() {
                        Ok(Some(r)) if matches!(r.trim(), "0.0.0.0/0" | "0.0.0.0" | "*" | "::/0") => {
                            verdict = Verdict::Fail(format!(
                                "authorizedIPRanges contains {r}: the public API server accepts any address"
                            ));
                            break;
                        }
                        Err(r) => verdict = Verdict::unknown("an authorized IP range", &r),
                        _ => {}
                    }
                }
                verdict
            }
        };
        (ranges.at().clone(), verdict)
    });
}
