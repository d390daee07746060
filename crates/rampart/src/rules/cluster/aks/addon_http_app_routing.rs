//! `cluster.aks.addon.http-app-routing` — HTTP application routing add-on is enabled.
//!
//! Checks `addonProfiles.httpApplicationRouting.enabled` (azurerm
//! `http_application_routing_enabled`).
//!
//! ## Why
//! The retired dev-only add-on publishes a public DNS zone entry for every ingress, with no TLS
//! by default; the application routing add-on (`ingressProfile.webAppRouting`) replaces it.
//!
//! ## Fails
//! ```json
//! {"addonProfiles": {"httpApplicationRouting": {"enabled": true}}}
//! ```
//!
//! ## Passes
//! ```json
//! {"ingressProfile": {"webAppRouting": {"enabled": true}}}
//! ```
//!
//! ## Fix
//! `az aks disable-addons --addons http_application_routing` and `az aks approuting enable`;
//! Terraform `http_application_routing_enabled = false`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.addon.http-app-routing",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Medium,
    title: "HTTP application routing add-on is enabled",
    source: include_str!("addon_http_app_routing.rs"),
    remediation: "Disable HTTP application routing (az aks disable-addons --addons http_application_routing).",
    references: &[Reference::Url("https://learn.microsoft.com/azure/aks/http-application-routing")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let p = &c.http_application_routing;
        let verdict = match p.bool() {
            Ok(Some(true)) => Verdict::Fail(
                "the HTTP application routing add-on (retired, dev only) publishes ingresses under a public DNS zone".into(),
            ),
            Ok(_) => Verdict::Pass,
            Err(r) => Verdict::unknown("httpApplicationRouting.enabled", &r),
        };
        (p.at().clone(), verdict)
    });
}
