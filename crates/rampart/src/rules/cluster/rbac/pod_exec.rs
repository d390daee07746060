//! `cluster.rbac.pod-exec` — role can exec, attach or port-forward into pods.
//!
//! Checks bindings whose role allows `create` or `get` on `pods/exec`, `pods/attach` or
//! `pods/portforward`.
//!
//! ## Why
//! A shell in a pod is that pod's identity: its mounted service account token, its cloud workload
//! identity and its network reach.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods/exec"]
//!   verbs: ["create"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods/log"]
//!   verbs: ["get"]
//! ```
//!
//! ## Fix
//! Grant exec only for break-glass or in development namespaces; use logs and ephemeral debug
//! containers under review elsewhere.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.pod-exec",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Role can exec, attach or port-forward into pods",
    source: include_str!("pod_exec.rs"),
    remediation: "Remove pods/exec, pods/attach and pods/portforward outside break-glass roles.",
    references: &[Reference::MitreAttack("T1609")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::PodExec, false);
}
