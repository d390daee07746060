//! `cluster.aks.net.policy` — No network policy engine.
//!
//! Checks `networkProfile.networkPolicy` (azurerm `network_profile { network_policy }`): `azure`,
//! `calico` or `cilium` pass, as long as they fit the plugin (`azure` needs plugin `azure`,
//! `cilium` needs `networkDataplane: cilium`); `none` and unset fail.
//!
//! CIS AKS 5.4.4. Checkov CKV_AZURE_7.
//!
//! ## Why
//! With no engine, NetworkPolicy objects are accepted by the API server and enforced by
//! nothing: every pod can reach every other pod and namespace.
//!
//! ## Fails
//! ```json
//! {"networkProfile": {"networkPlugin": "kubenet"}}
//! ```
//!
//! ## Passes
//! ```json
//! {"networkProfile": {"networkPlugin": "azure", "networkDataplane": "cilium", "networkPolicy": "cilium"}}
//! ```
//!
//! ## Fix
//! `az aks update --network-policy cilium` (with `--network-dataplane cilium`) or
//! `--network-policy azure`; Terraform `network_profile { network_policy = "cilium" }`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.net.policy",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::High,
    title: "No network policy engine",
    source: include_str!("net_policy.rs"),
    remediation:
        "Enable a network policy engine (az aks update --network-policy cilium|azure|calico).",
    references: &[
        Reference::CisAks("5.4.4"),
        Reference::Checkov("CKV_AZURE_7"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.network_policy;
        let verdict = match p.text() {
            Err(r) => Verdict::unknown("networkPolicy", &r),
            Ok(None) => Verdict::Fail(
                "networkPolicy is not set (default none): NetworkPolicy objects are not enforced"
                    .into(),
            ),
            Ok(Some(v)) => match v.to_ascii_lowercase().as_str() {
                "none" => Verdict::Fail(
                    "networkPolicy is none: NetworkPolicy objects are not enforced".into(),
                ),
                "azure" => match c.network_plugin.text() {
                    Ok(Some(pl)) if !pl.eq_ignore_ascii_case("azure") => Verdict::Fail(format!(
                        "networkPolicy azure needs networkPlugin azure, not {pl}"
                    )),
                    Err(r) => Verdict::unknown("networkPlugin", &r),
                    _ => Verdict::Pass,
                },
                "cilium" => match c.network_dataplane.text() {
                    Ok(Some(d)) if d.eq_ignore_ascii_case("cilium") => Verdict::Pass,
                    Ok(_) => {
                        Verdict::Fail("networkPolicy cilium needs networkDataplane cilium".into())
                    }
                    Err(r) => Verdict::unknown("networkDataplane", &r),
                },
                "calico" => Verdict::Pass,
                other => Verdict::Fail(format!("networkPolicy {other:?} is not a known engine")),
            },
        };
        (p.at().clone(), verdict)
    });
}
