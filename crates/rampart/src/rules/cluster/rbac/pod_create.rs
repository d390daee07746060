//! `cluster.rbac.pod-create` — role can create pods (and run them as any service account).
//!
//! Checks bindings whose role can create pods, directly or through a controller (Deployments,
//! DaemonSets, StatefulSets, ReplicaSets, Jobs, CronJobs, ReplicationControllers: create, update or
//! patch).
//!
//! ## Why
//! Whoever creates a pod chooses its service account: every account of the namespace, and all its
//! permissions, is one `serviceAccountName` away. Unless Pod Security Admission blocks it, the pod
//! can also be privileged and mount the node. This is the most common RBAC escalation path.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods"]
//!   verbs: ["get", "list", "create", "delete"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods", "pods/log"]
//!   verbs: ["get", "list"]
//! ```
//!
//! ## Fix
//! Deploy through a pipeline identity rather than people; keep the namespace's service accounts
//! low-privilege, enforce `restricted` Pod Security Admission there, and review who holds this.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.pod-create",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Role can create pods (and run them as any service account)",
    source: include_str!("pod_create.rs"),
    remediation: "Limit pod creation to deployment pipelines; keep the namespace's service accounts unprivileged.",
    references: &[Reference::MitreAttack("T1610"), Reference::Url("https://kubernetes.io/docs/concepts/security/rbac-good-practices/")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::PodCreate, false);
}
