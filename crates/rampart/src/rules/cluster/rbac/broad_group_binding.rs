//! `cluster.rbac.broad-group-binding` — role bound to everyone.
//!
//! Checks bindings to `system:anonymous`, `system:unauthenticated`, `system:authenticated`,
//! `system:serviceaccounts` and `system:serviceaccounts:<namespace>`.
//!
//! ## Why
//! These subjects are not teams: `system:unauthenticated` and `system:anonymous` are anyone who
//! reaches the API server; on AKS `system:authenticated` is every identity of the Entra tenant the
//! cluster accepts; `system:serviceaccounts` is every pod of the cluster. Whatever the role
//! grants, everyone holds.
//!
//! ## Fails
//! ```yaml
//! kind: ClusterRoleBinding
//! subjects: [{kind: Group, name: "system:authenticated"}]
//! roleRef: {kind: ClusterRole, name: view}
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: RoleBinding
//! metadata: {namespace: shop}
//! subjects: [{kind: Group, name: 3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44}]
//! roleRef: {kind: ClusterRole, name: view}
//! ```
//!
//! ## Fix
//! Bind the role to the Entra group (or service account) that needs it.

use rampart_rbac::is_broad_group;

use super::{binding_location, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.broad-group-binding",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Critical,
    title: "Role bound to anonymous, all authenticated users or all service accounts",
    source: include_str!("broad_group_binding.rs"),
    remediation: "Bind the role to the specific group or service account that needs it.",
    references: &[
        Reference::CisAks("4.1.1"),
        Reference::MitreAttack("T1078.001"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    for b in reported_bindings(inv, ctx) {
        for (i, s) in b.subjects.iter().enumerate() {
            if !is_broad_group(s) {
                continue;
            }
            let Some((resource, location)) = binding_location(inv, b, Some(i)) else {
                continue;
            };
            out.finding(
                resource,
                location,
                format!(
                    "{} grants {} to {s}: everyone in it holds the role",
                    b.display(),
                    b.role_id()
                ),
            );
        }
    }
}
