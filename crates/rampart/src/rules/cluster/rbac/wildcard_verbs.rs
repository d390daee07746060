//! `cluster.rbac.wildcard-verbs` — role rule with wildcard verbs.
//!
//! Checks every rule of the roles in the input for `verbs: ["*"]`.
//!
//! ## Why
//! A `*` verb includes the special verbs — `escalate`, `bind`, `impersonate`, `approve` — and any
//! verb added in the future, far beyond the reads and writes the author had in mind.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: ["apps"]
//!   resources: ["deployments"]
//!   verbs: ["*"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: ["apps"]
//!   resources: ["deployments"]
//!   verbs: ["get", "list", "watch", "update", "patch"]
//! ```
//!
//! ## Fix
//! List the verbs the subject uses.

use super::report_rules;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.wildcard-verbs",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Medium,
    title: "Role rule with wildcard verbs",
    source: include_str!("wildcard_verbs.rs"),
    remediation: "List the verbs the subject uses.",
    references: &[Reference::CisAks("4.1.3")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_rules(inv, ctx, out, rampart_rbac::wildcard_verbs);
}
