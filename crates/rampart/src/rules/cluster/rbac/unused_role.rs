//! `cluster.rbac.unused-role` — role that nothing binds.
//!
//! Checks Roles and ClusterRoles of the input that no binding refers to and that no aggregated
//! ClusterRole pulls in (by its `aggregationRule`).
//!
//! ## Why
//! Unbound roles are clutter that reviews must still read, and a ready-made grant that anyone who
//! can write bindings may attach to a subject later. Removing them keeps the RBAC surface what is
//! actually in use.
//!
//! ## Fails
//! ```yaml
//! kind: Role
//! metadata: {name: legacy-deployer, namespace: shop}   # no binding refers to it
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: Role
//! metadata: {name: deployer, namespace: shop}          # bound by RoleBinding shop/deployer
//! ```
//!
//! ## Fix
//! Delete the role, or bind it where it is meant to be used.

use std::collections::HashSet;

use rampart_rbac::{RoleId, RoleKind};

use super::{reported_roles, role_location};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.unused-role",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Info,
    title: "Role bound by nothing",
    source: include_str!("unused_role.rs"),
    remediation: "Delete unused roles.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    let bound: HashSet<RoleId> = rbac.bindings.iter().map(|b| b.role_id()).collect();
    let aggregators: Vec<_> = rbac
        .roles
        .values()
        .filter_map(|r| Some((&r.id, r.aggregation.as_ref()?)))
        .collect();
    for role in reported_roles(inv, ctx) {
        if bound.contains(&role.id) {
            continue;
        }
        let aggregated = role.id.kind == RoleKind::ClusterRole
            && aggregators.iter().any(|(id, selectors)| {
                **id != role.id && selectors.iter().any(|s| s.matches(&role.labels))
            });
        if aggregated {
            continue;
        }
        let Some((resource, location)) = role_location(inv, role, None) else {
            continue;
        };
        out.finding(
            resource,
            location,
            format!(
                "{} is bound by no RoleBinding or ClusterRoleBinding",
                role.id
            ),
        );
    }
}
