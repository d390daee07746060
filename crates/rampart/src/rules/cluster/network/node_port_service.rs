//! `cluster.network.node-port-service` — Service of type NodePort.
//!
//! Checks Services of `type: NodePort`.
//!
//! ## Why
//! A NodePort Service opens its port (30000–32767) on every node of the cluster, bypassing
//! load balancer rules and often the intended entry point; anyone who can reach a node's
//! address reaches the workload. On AKS the nodes' network security group and subnet decide
//! who that is, which is easy to get wrong. Traffic arriving through a node port is usually
//! source-NATed to the node's address, which also defeats `ipBlock` ingress rules.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   type: NodePort
//!   selector: {app: api}
//!   ports:
//!   - port: 80
//!     nodePort: 30080
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   type: ClusterIP
//!   selector: {app: api}
//!   ports:
//!   - port: 80
//! ```
//!
//! ## Fix
//! Use a ClusterIP Service behind an Ingress controller, or an internal LoadBalancer.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::netpol::is_service;
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.network.node-port-service",
    layer: Layer::Cluster,
    domain: "network",
    severity: Severity::Low,
    title: "Service of type NodePort",
    source: include_str!("node_port_service.rs"),
    remediation: "Use a ClusterIP Service behind an Ingress controller, or an internal LoadBalancer, instead of NodePort.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport",
    )],
    pss: None,
    check: Check::Object(check),
};

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_service(o) {
        return;
    }
    if let Some(t) = o
        .node
        .path(&["spec", "type"])
        .filter(|t| t.as_str() == Some("NodePort"))
    {
        out.at(
            o,
            "spec.type",
            Some(t.pos),
            format!(
                "Service {} is of type NodePort: its ports are open on every node of the cluster",
                o.name
            ),
        );
    }
}
