//! `cluster.rbac.*`: least-privilege RBAC, read through the RBAC engine (`rampart_rbac`):
//! aggregated ClusterRoles resolved, RoleBindings scoped to their namespace, built-in roles known.
//! The stock `system:` objects are skipped unless `--include-system` (see
//! `rampart_rbac::is_system_binding` for the list).

pub mod admission_webhook_write;
pub mod broad_group_binding;
pub mod cluster_admin_binding;
pub mod csr_approval;
pub mod default_service_account;
pub mod escalate_or_bind;
pub mod impersonate;
pub mod missing_role;
pub mod missing_service_account;
pub mod namespace_wildcard;
pub mod nodes_proxy;
pub mod persistent_volume_create;
pub mod pod_create;
pub mod pod_exec;
pub mod pod_token_risky;
pub mod secrets_read_cluster_wide;
pub mod token_request;
pub mod unknown_entra_group;
pub mod unused_role;
pub mod user_subject;
pub mod wildcard_resources;
pub mod wildcard_verbs;

use rampart_rbac::{
    is_system_binding, is_system_role, Binding, BindingKind, PolicyRule, Role, Subject,
    SubjectKind, Technique,
};

use crate::context::Context;
use crate::finding::{Location, Resource};
use crate::inventory::Inventory;
use crate::rules::{Emit, Rule};

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &cluster_admin_binding::RULE,
    &namespace_wildcard::RULE,
    &broad_group_binding::RULE,
    &escalate_or_bind::RULE,
    &impersonate::RULE,
    &nodes_proxy::RULE,
    &csr_approval::RULE,
    &secrets_read_cluster_wide::RULE,
    &token_request::RULE,
    &pod_create::RULE,
    &pod_exec::RULE,
    &admission_webhook_write::RULE,
    &persistent_volume_create::RULE,
    &pod_token_risky::RULE,
    &default_service_account::RULE,
    &wildcard_verbs::RULE,
    &wildcard_resources::RULE,
    &user_subject::RULE,
    &missing_role::RULE,
    &missing_service_account::RULE,
    &unused_role::RULE,
    &unknown_entra_group::RULE,
];

/// Bindings the rules report on: all of them with `--include-system`, else the user's own.
pub fn reported_bindings<'a>(
    inv: &'a Inventory,
    ctx: &'a Context,
) -> impl Iterator<Item = &'a Binding> + 'a {
    inv.rbac()
        .bindings
        .iter()
        .filter(move |b| ctx.config.include_system || !is_system_binding(b))
}

/// Roles defined in the input that the rules report on.
pub fn reported_roles<'a>(
    inv: &'a Inventory,
    ctx: &'a Context,
) -> impl Iterator<Item = &'a Role> + 'a {
    inv.rbac()
        .roles
        .values()
        .filter(|r| r.source != rampart_rbac::BUILTIN)
        .filter(move |r| ctx.config.include_system || !is_system_role(r))
}

/// Where a finding on a binding points: a subject entry, or the roleRef.
pub fn binding_location(
    inv: &Inventory,
    b: &Binding,
    subject: Option<usize>,
) -> Option<(std::sync::Arc<Resource>, Location)> {
    let o = inv.source_object(b.source)?;
    let location = match subject {
        Some(i) => o.location(format!("subjects[{i}]"), b.subject_pos.get(i).copied()),
        None => o.location("roleRef", Some(b.role_ref_pos)),
    };
    Some((o.resource(), location))
}

/// Where a finding on a role points: one of its rules, or the role.
pub fn role_location(
    inv: &Inventory,
    role: &Role,
    rule: Option<usize>,
) -> Option<(std::sync::Arc<Resource>, Location)> {
    let o = inv.source_object(role.source)?;
    let location = match rule {
        Some(i) => o.location(format!("rules[{i}]"), role.rules.get(i).map(|r| r.pos)),
        None => o.location("", Some(role.pos)),
    };
    Some((o.resource(), location))
}

/// A subject as people know it: Entra group ids get their display name.
pub fn describe_subject(ctx: &Context, s: &Subject) -> String {
    match s.kind {
        SubjectKind::Group => format!("Group {}", ctx.config.entra.describe_group(&s.name)),
        _ => s.to_string(),
    }
}

pub fn describe_subjects(ctx: &Context, b: &Binding) -> String {
    if b.subjects.is_empty() {
        return "no subjects".into();
    }
    b.subjects
        .iter()
        .map(|s| describe_subject(ctx, s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ClusterRoleBinding x grants ClusterRole/y to Group devs cluster-wide`.
pub fn describe_grant(ctx: &Context, b: &Binding) -> String {
    let scope = match (&b.kind, &b.namespace) {
        (BindingKind::RoleBinding, Some(ns)) => format!("in namespace {ns}"),
        _ => "cluster-wide".to_string(),
    };
    format!(
        "{} grants {} to {} {scope}",
        b.display(),
        b.role_id(),
        describe_subjects(ctx, b)
    )
}

/// Whether the binding grants every permission: such bindings are reported once, by
/// `cluster-admin-binding` or `namespace-wildcard`, not again for each technique.
pub fn grants_everything(inv: &Inventory, b: &Binding) -> bool {
    inv.rbac()
        .role_rules(&b.role_id())
        .is_some_and(|rules| Technique::FullWildcard.held_by(rules.iter().map(|r| &r.rule), true))
}

/// Reports every reported binding whose role holds `technique` at the binding's scope.
/// `cluster_only`: only ClusterRoleBindings count (cluster-wide reach is the risk).
pub fn report_technique(
    inv: &Inventory,
    ctx: &Context,
    out: &mut Emit,
    technique: Technique,
    cluster_only: bool,
) {
    let rbac = inv.rbac();
    for b in reported_bindings(inv, ctx) {
        let cluster = b.kind == BindingKind::ClusterRoleBinding;
        if (cluster_only && !cluster) || grants_everything(inv, b) {
            continue;
        }
        let Some(rules) = rbac.role_rules(&b.role_id()) else {
            continue;
        };
        if !technique.held_by(rules.iter().map(|r| &r.rule), cluster) {
            continue;
        }
        let Some((resource, location)) = binding_location(inv, b, None) else {
            continue;
        };
        out.finding(
            resource,
            location,
            format!("{}: {}", describe_grant(ctx, b), technique.describe()),
        );
    }
}

/// Groups allowed cluster-admin: `entra.breakGlassGroups` from the settings, plus the Entra admin
/// groups (`aadProfile.adminGroupObjectIDs`) of any AKS cluster definition scanned alongside.
pub fn break_glass_groups(inv: &Inventory, ctx: &Context) -> Vec<String> {
    let mut groups = ctx.config.entra.break_glass_groups.clone();
    groups.extend(
        crate::aks::entra_admin_groups(inv)
            .into_iter()
            .map(|g| g.object_id),
    );
    groups.sort();
    groups.dedup();
    groups
}

/// Reports every rule of the reported roles for which `matches` holds (wildcard checks).
pub fn report_rules(
    inv: &Inventory,
    ctx: &Context,
    out: &mut Emit,
    matches: fn(&PolicyRule) -> bool,
) {
    for role in reported_roles(inv, ctx) {
        for (i, r) in role.rules.iter().enumerate() {
            if !matches(&r.rule) {
                continue;
            }
            let Some((resource, location)) = role_location(inv, role, Some(i)) else {
                continue;
            };
            let rule = &r.rule;
            let what = if rule.non_resource_urls.is_empty() {
                format!(
                    "apiGroups {:?}, resources {:?}, verbs {:?}",
                    rule.api_groups, rule.resources, rule.verbs
                )
            } else {
                format!(
                    "nonResourceURLs {:?}, verbs {:?}",
                    rule.non_resource_urls, rule.verbs
                )
            };
            out.finding(
                resource,
                location,
                format!("{} rule {i} uses a wildcard ({what})", role.id),
            );
        }
    }
}

/// Whether `name` looks like an Entra object id (a GUID).
pub fn is_guid(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() == 5
        && [8, 4, 4, 4, 12]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_hexdigit()))
}
