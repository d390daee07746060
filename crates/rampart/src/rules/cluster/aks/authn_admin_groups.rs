//! `cluster.aks.authn.admin-groups` — No Entra ID admin group.
//!
//! For Entra-integrated clusters, checks `aadProfile.adminGroupObjectIDs` (azurerm
//! `admin_group_object_ids`): at least one group should hold cluster-admin, the break-glass path
//! once local accounts are disabled. Membership still needs review.
//!
//! ## Why
//! With local accounts disabled and no admin group, nobody can recover the cluster when RBAC is
//! broken; with an admin group, that group is the set of people who own the cluster.
//!
//! ## Fails
//! ```json
//! {"aadProfile": {"managed": true, "adminGroupObjectIDs": []}}
//! ```
//!
//! ## Passes
//! ```json
//! {"aadProfile": {"managed": true, "adminGroupObjectIDs": ["6d1e0c2a-5b7f-4f4e-9f1d-3c2b1a0e9d8c"]}}
//! ```
//!
//! ## Fix
//! `az aks update --aad-admin-group-object-ids <group-id>`; Terraform `admin_group_object_ids`.

use crate::aks::{self, Verdict};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.aks.authn.admin-groups",
    layer: Layer::Cluster,
    domain: "aks",
    severity: Severity::Low,
    title: "No Entra ID admin group",
    source: include_str!("authn_admin_groups.rs"),
    remediation: "Name an Entra ID admin group (az aks update --aad-admin-group-object-ids) and review its members.",
    references: &[Reference::Url("https://learn.microsoft.com/azure/aks/enable-authentication-microsoft-entra-id")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    aks::each_cluster(inv, out, |c| {
        let groups = &c.aad_admin_groups;
        let verdict = match c.aad_profile.is_set() {
            Ok(false) => Verdict::Pass,
            Err(r) => Verdict::unknown("aadProfile", &r),
            Ok(true) => match groups.is_set() {
                Ok(true) => Verdict::Pass,
                Ok(false) => Verdict::Fail(
                    "no Entra admin group: once local accounts are disabled nobody has a break-glass path".into(),
                ),
                Err(r) => Verdict::unknown("adminGroupObjectIDs", &r),
            },
        };
        (groups.at().clone(), verdict)
    });
}
