//! `cluster.rbac.user-subject` — role bound to an individual user instead of a group.
//!
//! Checks bindings for `User` subjects (other than service accounts written as users and the
//! control plane's `system:` users).
//!
//! ## Why
//! Access granted person by person outlives role changes and departures, and nobody reviews it as
//! a whole. Mapping Entra ID groups to roles keeps membership where joiners and leavers are
//! handled, and keeps the cluster's bindings few and reviewable.
//!
//! ## Fails
//! ```yaml
//! subjects:
//! - kind: User
//!   name: alice@contoso.com
//! ```
//!
//! ## Passes
//! ```yaml
//! subjects:
//! - kind: Group
//!   name: 3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44   # Entra group "shop-developers"
//! ```
//!
//! ## Fix
//! Bind an Entra ID group and manage membership there.

use rampart_rbac::SubjectKind;

use super::{binding_location, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.user-subject",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Low,
    title: "Role bound to an individual user",
    source: include_str!("user_subject.rs"),
    remediation: "Bind an Entra ID group instead of individual users.",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/azure-ad-rbac",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    for b in reported_bindings(inv, ctx) {
        for (i, s) in b.subjects.iter().enumerate() {
            if s.kind != SubjectKind::User
                || s.as_service_account().is_some()
                || s.name.starts_with("system:")
            {
                continue;
            }
            let Some((resource, location)) = binding_location(inv, b, Some(i)) else {
                continue;
            };
            out.finding(
                resource,
                location,
                format!(
                    "{} grants {} directly to user {}",
                    b.display(),
                    b.role_id(),
                    s.name
                ),
            );
        }
    }
}
