//! `cluster.rbac.admission-webhook-write` — role can change admission webhooks or policies.
//!
//! Checks ClusterRoleBindings whose role can create, update or patch mutating or validating webhook
//! configurations, or admission policies and their bindings (`admissionregistration.k8s.io`).
//!
//! ## Why
//! Admission control is where Pod Security, Gatekeeper, Kyverno and image verification are
//! enforced. Editing it switches those checks off, and a mutating webhook receives — and can
//! rewrite — every object the cluster admits, secrets included.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: ["admissionregistration.k8s.io"]
//!   resources: ["mutatingwebhookconfigurations"]
//!   verbs: ["create", "patch"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: ["admissionregistration.k8s.io"]
//!   resources: ["validatingwebhookconfigurations"]
//!   verbs: ["get", "list"]
//! ```
//!
//! ## Fix
//! Keep admission configuration with the platform team's deployment identity; give operators that
//! manage their own webhook `resourceNames` limited to it.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.admission-webhook-write",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Role can change admission webhooks or policies",
    source: include_str!("admission_webhook_write.rs"),
    remediation:
        "Limit webhook and admission-policy writes to the platform pipeline, by resourceNames.",
    references: &[Reference::MitreAttack("T1562.001")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::AdmissionWebhooks, false);
}
