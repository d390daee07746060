//! `cluster.rbac.escalate-or-bind` — role grants escalate or bind.
//!
//! Checks bindings whose role allows the `escalate` or `bind` verb on `roles` or `clusterroles`
//! (`rbac.authorization.k8s.io`), wildcards included.
//!
//! ## Why
//! The API server normally refuses to let anyone write a role with permissions they do not hold,
//! or bind a role they do not hold. `escalate` lifts the first check and `bind` the second: with
//! them and write access to bindings, a subject binds `cluster-admin` to itself.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: ["clusterroles"]
//!   verbs: ["bind", "escalate"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: ["rbac.authorization.k8s.io"]
//!   resources: ["rolebindings"]
//!   verbs: ["get", "list"]
//! ```
//!
//! ## Fix
//! Remove `escalate` and `bind`. Platform automation that must delegate roles should use
//! `bind` limited by `resourceNames` to the exact roles it hands out.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.escalate-or-bind",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Critical,
    title: "Role grants escalate or bind",
    source: include_str!("escalate_or_bind.rs"),
    remediation: "Remove the escalate and bind verbs (or limit bind with resourceNames).",
    references: &[
        Reference::MitreAttack("T1078"),
        Reference::Url("https://kubernetes.io/docs/concepts/security/rbac-good-practices/"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::EscalateOrBind, false);
}
