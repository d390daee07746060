//! `cluster.rbac.wildcard-resources` — role rule with wildcard resources or API groups.
//!
//! Checks every rule of the roles in the input for `resources: ["*"]` or `apiGroups: ["*"]`.
//!
//! ## Why
//! `*` resources cover every subresource (`pods/exec`, `nodes/proxy`, `serviceaccounts/token`) and
//! every custom resource installed later; `*` groups extend the rule to every API group.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["*"]
//!   verbs: ["get", "list"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["pods", "services", "configmaps"]
//!   verbs: ["get", "list"]
//! ```
//!
//! ## Fix
//! List the resources and API groups the subject uses.

use super::report_rules;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.wildcard-resources",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Medium,
    title: "Role rule with wildcard resources or API groups",
    source: include_str!("wildcard_resources.rs"),
    remediation: "List the resources and API groups the subject uses.",
    references: &[Reference::CisAks("4.1.3")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_rules(inv, ctx, out, rampart_rbac::wildcard_resources);
}
