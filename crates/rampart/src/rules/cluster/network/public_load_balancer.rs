//! `cluster.network.public-load-balancer` — LoadBalancer Service open to the internet.
//!
//! Checks Services of `type: LoadBalancer` that are not internal (no annotation
//! `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`) and do not restrict
//! clients: no `spec.loadBalancerSourceRanges` (nor the older annotation
//! `service.beta.kubernetes.io/load-balancer-source-ranges`), or a range of `0.0.0.0/0` or
//! `::/0`.
//!
//! ## Why
//! On AKS such a Service gets a public IP on the cluster's Azure Load Balancer, and the
//! network security group rule AKS writes lets the whole internet in. Anything behind it —
//! often an admin UI or an API meant for internal callers — is scanned within minutes.
//!
//! ## Fails
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: api
//! spec:
//!   type: LoadBalancer
//!   selector: {app: api}
//!   ports:
//!   - port: 443
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: v1
//! kind: Service
//! metadata:
//!   name: api
//!   annotations:
//!     service.beta.kubernetes.io/azure-load-balancer-internal: "true"
//! spec:
//!   type: LoadBalancer
//!   selector: {app: api}
//!   ports:
//!   - port: 443
//! ```
//!
//! ## Fix
//! Make the load balancer internal, or list the client ranges in `loadBalancerSourceRanges`;
//! for web traffic, prefer one Ingress controller or Application Gateway with TLS and a WAF.

use rampart_document::Node;

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::netpol::is_service;
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

const INTERNAL: &str = "service.beta.kubernetes.io/azure-load-balancer-internal";
const SOURCE_RANGES: &str = "service.beta.kubernetes.io/load-balancer-source-ranges";

pub static RULE: Rule = Rule {
    id: "cluster.network.public-load-balancer",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Medium,
    title: "Public LoadBalancer Service without source ranges",
    source: include_str!("public_load_balancer.rs"),
    remediation: "Annotate the Service azure-load-balancer-internal: \"true\" or set spec.loadBalancerSourceRanges to the clients' ranges.",
    references: &[
        Reference::AzurePolicy("3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e"),
        Reference::MitreAttack("T1190"),
        Reference::Url("https://learn.microsoft.com/azure/aks/internal-lb"),
    ],
    pss: None,
    check: Check::Object(check),
};

fn is_open(range: &str) -> bool {
    matches!(range.trim(), "0.0.0.0/0" | "::/0")
}

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_service(o) {
        return;
    }
    let Some(kind) = o
        .node
        .path(&["spec", "type"])
        .filter(|t| t.as_str() == Some("LoadBalancer"))
    else {
        return;
    };
    let internal = o
        .metadata()
        .and_then(|m| m.get("annotations"))
        .and_then(|a| a.get(INTERNAL))
        .is_some_and(|v| v.as_str() == Some("true") || v.as_bool() == Some(true));
    if internal {
        return;
    }
    let field: Vec<&str> = o
        .node
        .path(&["spec", "loadBalancerSourceRanges"])
        .map(Node::items)
        .unwrap_or(&[])
        .iter()
        .filter_map(Node::as_str)
        .collect();
    let annotation: Vec<&str> = o
        .annotation(SOURCE_RANGES)
        .map(|a| a.split(',').filter(|s| !s.trim().is_empty()).collect())
        .unwrap_or_default();
    // The field wins over the annotation when both are set, as in the cloud provider.
    let ranges = if field.is_empty() { annotation } else { field };
    if ranges.is_empty() {
        out.at(
            o,
            "spec.type",
            Some(kind.pos),
            format!(
                "Service {} is a public LoadBalancer (no {INTERNAL}: \"true\") with no loadBalancerSourceRanges: it is open to the internet",
                o.name
            ),
        );
    } else if let Some(open) = ranges.iter().find(|r| is_open(r)) {
        out.at(
            o,
            "spec.loadBalancerSourceRanges",
            None,
            format!(
                "Service {} is a public LoadBalancer whose source ranges include {}: it is open to the internet",
                o.name,
                open.trim()
            ),
        );
    }
}
