//! `cluster.network.service-external-ips` — Service with `externalIPs`.
//!
//! Checks Services that set `spec.externalIPs`.
//!
//! ## Why
//! Kubernetes routes traffic for every address in `externalIPs` to the Service, on every node,
//! without checking that the address belongs to it. Whoever can create such a Service can
//! intercept traffic meant for any IP, inside the cluster or outside (CVE-2020-8554, a design
//! flaw with no patch). Legitimate uses are rare; admission policies usually forbid the field.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   selector: {app: api}
//!   externalIPs: [203.0.113.10]
//!   ports:
//!   - port: 443
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   type: LoadBalancer
//!   selector: {app: api}
//!   ports:
//!   - port: 443
//! ```
//!
//! ## Fix
//! Remove `externalIPs`; expose the Service through a LoadBalancer or an Ingress, and deny the
//! field cluster-wide with an admission policy (the Azure Policy built-in for allowed external
//! IPs, or the upstream `DenyServiceExternalIPs` admission plug-in).

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::netpol::is_service;
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.service-external-ips",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Medium,
    title: "Service sets externalIPs",
    source: include_str!("service_external_ips.rs"),
    remediation: "Remove spec.externalIPs and deny the field with an admission policy; use a LoadBalancer or Ingress instead.",
    references: &[
        Reference::AzurePolicy("d46c275d-1680-448d-b2ec-e495a3b6cc89"),
        Reference::Url("https://github.com/kubernetes/kubernetes/issues/97076"),
    ],
    pss: None,
    check: Check::Object(check),
};

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_service(o) {
        return;
    }
    let Some(ips) = o
        .node
        .path(&["spec", "externalIPs"])
        .filter(|n| !n.items().is_empty())
    else {
        return;
    };
    let list: Vec<String> = ips
        .items()
        .iter()
        .map(|n| n.as_str().map_or_else(|| n.to_json(), str::to_string))
        .collect();
    out.at(
        o,
        "spec.externalIPs",
        Some(ips.pos),
        format!(
            "Service {} claims externalIPs {}: traffic to these addresses is routed to it on every node (CVE-2020-8554)",
            o.name,
            list.join(", ")
        ),
    );
}
