//! `cluster.rbac.unknown-entra-group` — binding to an Entra group id not in the known list.
//!
//! Checks Group subjects that are Entra ID object ids (GUIDs) against `entra.groups` in
//! `.rampart.yaml`, which maps the groups the team manages to their display names.
//!
//! ## Why
//! On AKS a Group subject is an Entra group's object id, not its name. An id nobody recognises is
//! often a deleted or renamed-away group whose binding lingers — or a group someone added outside
//! review. Listing known groups makes both visible, and gives every report readable names.
//!
//! ## Fails
//! ```yaml
//! subjects:
//! - kind: Group
//!   name: 0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f   # not in entra.groups
//! ```
//!
//! ## Passes
//! ```yaml
//! # .rampart.yaml: entra: {groups: {3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44: shop-developers}}
//! subjects:
//! - kind: Group
//!   name: 3f2a6c1e-8d4b-4c7a-9e21-5b0f7d9a1c44
//! ```
//!
//! ## Fix
//! Add the group to `entra.groups` if it is known, or remove the stale binding.

use rampart_rbac::SubjectKind;

use super::{binding_location, break_glass_groups, is_guid, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.unknown-entra-group",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Info,
    title: "Binding names an Entra group id that is not known",
    source: include_str!("unknown_entra_group.rs"),
    remediation: "Add the group to entra.groups in .rampart.yaml, or remove the stale binding.",
    references: &[Reference::Url(
        "https://learn.microsoft.com/azure/aks/azure-ad-rbac",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let known = &ctx.config.entra.groups;
    let break_glass = break_glass_groups(inv, ctx);
    for b in reported_bindings(inv, ctx) {
        for (i, s) in b.subjects.iter().enumerate() {
            if s.kind != SubjectKind::Group || !is_guid(&s.name) {
                continue;
            }
            if known.contains_key(&s.name) || break_glass.contains(&s.name) {
                continue;
            }
            let Some((resource, location)) = binding_location(inv, b, Some(i)) else {
                continue;
            };
            out.finding(
                resource,
                location,
                format!(
                    "{} names Entra group {}, which is not in entra.groups",
                    b.display(),
                    s.name
                ),
            );
        }
    }
}
