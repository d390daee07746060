//! `cluster.rbac.missing-role` — binding to a role that does not exist.
//!
//! Checks that each binding's `roleRef` names a Role (in the binding's namespace) or ClusterRole
//! that the input defines, or one of the built-in ClusterRoles (`cluster-admin`, `admin`, `edit`,
//! `view`, the `system:` roles of a stock cluster, and the Role
//! `kube-system/extension-apiserver-authentication-reader` that API extensions bind).
//!
//! ## Why
//! A dangling binding grants nothing today, but it is armed: whoever later creates a role with
//! that name — by mistake, or on purpose with write access to roles — instantly grants it to the
//! binding's subjects, without touching a binding anyone reviews.
//!
//! ## Fails
//! ```yaml
//! kind: RoleBinding
//! metadata: {name: readers, namespace: shop}
//! roleRef: {kind: Role, name: reader-old}
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: RoleBinding
//! metadata: {name: readers, namespace: shop}
//! roleRef: {kind: ClusterRole, name: view}
//! ```
//!
//! ## Fix
//! Delete the binding, or fix its `roleRef` (it is immutable: recreate the binding).

use rampart_rbac::RoleKind;

use super::{binding_location, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.missing-role",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Low,
    title: "Binding refers to a role that does not exist",
    source: include_str!("missing_role.rs"),
    remediation: "Delete the dangling binding or recreate it with an existing role.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    for b in reported_bindings(inv, ctx) {
        let id = b.role_id();
        if rbac.role_rules(&id).is_some() || is_stock(&id) {
            continue;
        }
        let Some((resource, location)) = binding_location(inv, b, None) else {
            continue;
        };
        let place = match (&id.kind, &id.namespace) {
            (RoleKind::Role, Some(ns)) => format!(" in namespace {ns}"),
            _ => String::new(),
        };
        out.finding(
            resource,
            location,
            format!("{} refers to {id}{place}, which the input does not define: it grants nothing until someone creates it", b.display()),
        );
    }
}

/// Roles every cluster has without the input defining them.
fn is_stock(id: &rampart_rbac::RoleId) -> bool {
    id.name.starts_with("system:")
        || (id.kind == RoleKind::Role
            && id.namespace.as_deref() == Some("kube-system")
            && id.name == "extension-apiserver-authentication-reader")
}
