//! `cluster.rbac.cluster-admin-binding` — cluster-admin (or `*` on `*`) bound outside break-glass groups.
//!
//! Checks ClusterRoleBindings whose role grants every verb on every resource (`cluster-admin`, or
//! any role with `apiGroups: ["*"]`, `resources: ["*"]`, `verbs: ["*"]`), and reports each subject
//! that is not one of the break-glass groups declared in `.rampart.yaml`
//! (`entra.breakGlassGroups`) or, when a cluster definition is scanned with the manifests, the
//! Entra admin groups it configures.
//!
//! ## Why
//! Least privilege on AKS means cluster-admin is for emergencies: one Entra group, empty in
//! normal times, whose use is audited. Every standing cluster-admin subject is a credential whose
//! theft hands over the cluster.
//!
//! ## Fails
//! ```yaml
//! kind: ClusterRoleBinding
//! metadata: {name: platform}
//! subjects: [{kind: Group, name: 8a9b1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d}]
//! roleRef: {kind: ClusterRole, name: cluster-admin}
//! ```
//!
//! ## Passes
//! ```yaml
//! # .rampart.yaml: entra: {breakGlassGroups: [8a9b1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d]}
//! kind: ClusterRoleBinding
//! metadata: {name: break-glass}
//! subjects: [{kind: Group, name: 8a9b1c2d-3e4f-4a5b-9c6d-7e8f9a0b1c2d}]
//! roleRef: {kind: ClusterRole, name: cluster-admin}
//! ```
//!
//! ## Fix
//! Bind a narrower ClusterRole (or namespace Roles) to the team's group, and keep cluster-admin
//! for a declared break-glass group (`az aks update --aad-admin-group-object-ids`).

use rampart_rbac::{BindingKind, SubjectKind, Technique};

use super::{binding_location, break_glass_groups, describe_subject, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.cluster-admin-binding",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Critical,
    title: "cluster-admin bound outside break-glass groups",
    source: include_str!("cluster_admin_binding.rs"),
    remediation:
        "Bind a least-privilege role instead; keep cluster-admin for declared break-glass groups.",
    references: &[Reference::CisAks("4.1.1"), Reference::MitreAttack("T1078")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    let break_glass = break_glass_groups(inv, ctx);
    for b in reported_bindings(inv, ctx).filter(|b| b.kind == BindingKind::ClusterRoleBinding) {
        let Some(rules) = rbac.role_rules(&b.role_id()) else {
            continue;
        };
        if !Technique::FullWildcard.held_by(rules.iter().map(|r| &r.rule), true) {
            continue;
        }
        for (i, s) in b.subjects.iter().enumerate() {
            if s.kind == SubjectKind::Group && break_glass.contains(&s.name) {
                continue;
            }
            let Some((resource, location)) = binding_location(inv, b, Some(i)) else {
                continue;
            };
            out.finding(
                resource,
                location,
                format!(
                    "{} binds {} (every verb on every resource) to {}, which is not a break-glass group",
                    b.display(),
                    b.role_id(),
                    describe_subject(ctx, s)
                ),
            );
        }
    }
}
