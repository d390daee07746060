//! `cluster.rbac.nodes-proxy` — role grants the kubelet API through nodes/proxy.
//!
//! Checks ClusterRoleBindings whose role allows `get` or `create` on `nodes/proxy` (a RoleBinding
//! cannot grant this cluster-scoped subresource).
//!
//! ## Why
//! `nodes/proxy` forwards requests to the kubelet API of any node: exec, attach and port-forward
//! into any pod on that node, bypassing admission control and the API server's audit of the exec.
//! A plain `get` is enough, because WebSocket upgrades arrive as GET requests. Monitoring agents
//! often hold it.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["nodes/proxy"]
//!   verbs: ["get"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["nodes/metrics", "nodes/stats"]
//!   verbs: ["get"]
//! ```
//!
//! ## Fix
//! Grant `nodes/metrics` or `nodes/stats` for metrics collection instead of `nodes/proxy`.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.nodes-proxy",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Critical,
    title: "Role grants the kubelet API through nodes/proxy",
    source: include_str!("nodes_proxy.rs"),
    remediation: "Replace nodes/proxy with nodes/metrics or nodes/stats.",
    references: &[
        Reference::MitreAttack("T1609"),
        Reference::Url("https://kubernetes.io/docs/concepts/security/rbac-good-practices/"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::NodesProxy, false);
}
