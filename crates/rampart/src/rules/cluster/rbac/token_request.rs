//! `cluster.rbac.token-request` — role can mint service account tokens.
//!
//! Checks bindings whose role allows `create` on `serviceaccounts/token`.
//!
//! ## Why
//! The TokenRequest API issues a token for any service account in the namespaces covered: the
//! holder becomes each of those accounts, whatever they may do.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["serviceaccounts/token"]
//!   verbs: ["create"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: [""]
//!   resources: ["serviceaccounts"]
//!   verbs: ["get"]
//! ```
//!
//! ## Fix
//! Remove `serviceaccounts/token`; workloads get their own tokens through projected volumes.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.token-request",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Role can mint service account tokens",
    source: include_str!("token_request.rs"),
    remediation: "Remove create on serviceaccounts/token.",
    references: &[Reference::MitreAttack("T1528")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::TokenRequest, false);
}
