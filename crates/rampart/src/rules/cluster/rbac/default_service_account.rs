//! `cluster.rbac.default-service-account` — permissions granted to a `default` service account.
//!
//! Checks bindings whose subjects include the ServiceAccount `default` of a namespace.
//!
//! ## Why
//! Every pod that names no service account runs as `default`. A permission given to it is given
//! to every such pod in the namespace, now and later — including ones that never needed it.
//!
//! ## Fails
//! ```yaml
//! kind: RoleBinding
//! metadata: {namespace: shop}
//! subjects: [{kind: ServiceAccount, name: default}]
//! roleRef: {kind: Role, name: config-reader}
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: RoleBinding
//! metadata: {namespace: shop}
//! subjects: [{kind: ServiceAccount, name: backend}]
//! roleRef: {kind: Role, name: config-reader}
//! ```
//!
//! ## Fix
//! Create a dedicated service account for the workload that needs the role and bind that.

use super::{binding_location, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.default-service-account",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Medium,
    title: "Permissions granted to a default service account",
    source: include_str!("default_service_account.rs"),
    remediation: "Bind a dedicated service account instead of default.",
    references: &[Reference::CisAks("4.1.5")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    for b in reported_bindings(inv, ctx) {
        for (i, s) in b.subjects.iter().enumerate() {
            let Some((ns, "default")) = s.as_service_account() else {
                continue;
            };
            let Some((resource, location)) = binding_location(inv, b, Some(i)) else {
                continue;
            };
            out.finding(
                resource,
                location,
                format!(
                    "{} grants {} to the default service account of {ns}: every pod there without its own account holds it",
                    b.display(),
                    b.role_id()
                ),
            );
        }
    }
}
