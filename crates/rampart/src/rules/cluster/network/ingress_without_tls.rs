//! `cluster.network.ingress-without-tls` — Ingress serving plain HTTP.
//!
//! Checks Ingresses (`networking.k8s.io` and the older `extensions` group) for `spec.tls`.
//! Without any TLS entry, the Ingress serves HTTP only. When the TLS entries all list hosts,
//! each host of `spec.rules` must be covered by one of them (exactly, or by a `*.` wildcard
//! one level up).
//!
//! ## Why
//! Plain HTTP exposes credentials, session cookies and data to anyone on the path, and lets
//! them be altered in transit. An Ingress is where traffic enters from outside the cluster:
//! the one place TLS must not be missing.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   rules:
//!   - host: shop.example.com
//!     http:
//!       paths:
//!       - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   tls:
//!   - hosts: [shop.example.com]
//!     secretName: shop-tls
//!   rules:
//!   - host: shop.example.com
//!     http:
//!       paths:
//!       - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
//! ```
//!
//! ## Fix
//! Add a `tls` entry for every host (cert-manager or the Key Vault-backed certificates of the
//! application routing add-on can issue them), and redirect HTTP to HTTPS.

use rampart_document::Node;

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::netpol::is_ingress;
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.ingress-without-tls",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Medium,
    title: "Ingress without TLS",
    source: include_str!("ingress_without_tls.rs"),
    remediation:
        "Add spec.tls entries covering every host of the Ingress, with a certificate Secret.",
    references: &[
        Reference::AzurePolicy("1a5b4dca-0b6f-4cf5-907c-56316bc1bf3d"),
        Reference::Url("https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"),
    ],
    pss: None,
    check: Check::Object(check),
};

fn covered(host: &str, tls_host: &str) -> bool {
    if host.eq_ignore_ascii_case(tls_host) {
        return true;
    }
    match (tls_host.strip_prefix("*."), host.split_once('.')) {
        (Some(domain), Some((_, rest))) => rest.eq_ignore_ascii_case(domain),
        _ => false,
    }
}

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_ingress(o) {
        return;
    }
    let tls = o
        .node
        .path(&["spec", "tls"])
        .map(Node::items)
        .unwrap_or(&[]);
    if tls.is_empty() {
        out.at(
            o,
            "spec",
            None,
            format!(
                "Ingress {} has no tls section: it serves plain HTTP",
                o.name
            ),
        );
        return;
    }
    // An entry without hosts serves the controller's default certificate for any host.
    let hosts: Option<Vec<&str>> = tls
        .iter()
        .map(|t| {
            let hosts: Vec<&str> = t
                .get("hosts")
                .map(Node::items)
                .unwrap_or(&[])
                .iter()
                .filter_map(Node::as_str)
                .collect();
            (!hosts.is_empty()).then_some(hosts)
        })
        .collect::<Option<Vec<_>>>()
        .map(|v| v.into_iter().flatten().collect());
    let Some(tls_hosts) = hosts else {
        return;
    };
    for (i, rule) in o
        .node
        .path(&["spec", "rules"])
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let Some(host_node) = rule.get("host") else {
            continue;
        };
        let Some(host) = host_node.as_str() else {
            continue;
        };
        if !tls_hosts.iter().any(|t| covered(host, t)) {
            out.at(
                o,
                format!("spec.rules[{i}].host"),
                Some(host_node.pos),
                format!(
                    "Ingress {}: host {host} is not covered by any tls entry: it is served over plain HTTP",
                    o.name
                ),
            );
        }
    }
}
