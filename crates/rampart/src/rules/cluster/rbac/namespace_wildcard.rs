//! `cluster.rbac.namespace-wildcard` — every verb on every resource of a namespace.
//!
//! Checks RoleBindings whose role (a Role, or a ClusterRole such as `cluster-admin` bound in one
//! namespace) grants `*` verbs on `*` resources in `*` API groups.
//!
//! ## Why
//! Full control of a namespace includes its secrets, its pods (and so every service account of
//! the namespace), and its roles and bindings: the subject can hand the same power to anyone.
//! In a namespace that hosts privileged add-ons, it is cluster-admin in all but name.
//!
//! ## Fails
//! ```yaml
//! kind: RoleBinding
//! metadata: {name: team-admin, namespace: shop}
//! roleRef: {kind: ClusterRole, name: cluster-admin}
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: RoleBinding
//! metadata: {name: team-edit, namespace: shop}
//! roleRef: {kind: ClusterRole, name: edit}
//! ```
//!
//! ## Fix
//! Bind `edit` or a custom Role listing the resources and verbs the team uses.

use rampart_rbac::{BindingKind, Technique};

use super::{binding_location, describe_grant, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.namespace-wildcard",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Every verb on every resource of a namespace",
    source: include_str!("namespace_wildcard.rs"),
    remediation: "Bind edit or a Role listing the needed resources and verbs.",
    references: &[Reference::CisAks("4.1.3")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    for b in reported_bindings(inv, ctx).filter(|b| b.kind == BindingKind::RoleBinding) {
        let Some(rules) = rbac.role_rules(&b.role_id()) else {
            continue;
        };
        if !Technique::FullWildcard.held_by(rules.iter().map(|r| &r.rule), false) {
            continue;
        }
        let Some((resource, location)) = binding_location(inv, b, None) else {
            continue;
        };
        out.finding(
            resource,
            location,
            format!("{}: every verb on every resource", describe_grant(ctx, b)),
        );
    }
}
