//! `cluster.rbac.impersonate` — role grants impersonation.
//!
//! Checks bindings whose role allows `impersonate` on `users`, `groups` or `serviceaccounts` (or
//! `uids` in `authentication.k8s.io`).
//!
//! ## Why
//! Impersonation lets a subject send requests as another identity. Impersonating groups reaches
//! `system:masters`, which the authorizer allows before RBAC is even consulted.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["users", "groups"]
//!   verbs: ["impersonate"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods"]
//!   verbs: ["get"]
//! ```
//!
//! ## Fix
//! Remove impersonation; where a tool needs it, limit it with `resourceNames` to named,
//! low-privilege identities.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.impersonate",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Critical,
    title: "Role grants impersonation",
    source: include_str!("impersonate.rs"),
    remediation: "Remove the impersonate verb or restrict it with resourceNames.",
    references: &[
        Reference::MitreAttack("T1078"),
        Reference::Url("https://kubernetes.io/docs/concepts/security/rbac-good-practices/"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::Impersonate, false);
}
