//! `pod.pss.host-ports` — container binds a host port (Pod Security Standards, baseline: `hostPorts`).
//!
//! Checks that no container sets a non-zero `ports[*].hostPort` (PSS baseline, from policy v1.0).
//! There is no allowed port or range; `hostPort` equal to `containerPort` fails too.
//!
//! ## Why
//! A host port opens the workload on every address of the node, around Services, network policies
//! that select pods, and the node's network security group rules meant for the load balancer.
//!
//! ## Fails
//! ```yaml
//! ports:
//! - containerPort: 8080
//!   hostPort: 8080
//! ```
//!
//! ## Passes
//! ```yaml
//! ports:
//! - containerPort: 8080
//! ```
//!
//! ## Fix
//! Remove `hostPort`; publish the workload with a Service (ClusterIP behind an Ingress, or an
//! internal LoadBalancer).

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.host-ports",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Container binds a host port",
    source: include_str!("host_ports.rs"),
    remediation: "Remove hostPort and expose the workload through a Service.",
    references: &[
        Reference::Pss("Host Ports"),
        Reference::Checkov("CKV_K8S_26"),
    ],
    pss: Some(rampart_pss::Check::HostPorts),
    check: Check::Pss,
};
