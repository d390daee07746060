//! `cluster.rbac.missing-service-account` — binding to a service account that does not exist.
//!
//! Checks ServiceAccount subjects against the ServiceAccounts the input defines. A namespace is
//! only checked when the input defines ServiceAccounts or the Namespace itself there (otherwise
//! its accounts are simply not part of the input); `default` always exists.
//!
//! ## Why
//! Like a dangling role reference, a binding to a missing account is armed: whoever can create a
//! service account with that name in that namespace — and run a pod as it — inherits the role.
//!
//! ## Fails
//! ```yaml
//! subjects:
//! - kind: ServiceAccount
//!   name: old-deployer
//!   namespace: ci
//! ```
//!
//! ## Passes
//! ```yaml
//! subjects:
//! - kind: ServiceAccount
//!   name: deployer      # defined in namespace ci
//!   namespace: ci
//! ```
//!
//! ## Fix
//! Remove the subject from the binding, or create the account on purpose.

use std::collections::BTreeSet;

use super::{binding_location, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.missing-service-account",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Low,
    title: "Binding refers to a service account that does not exist",
    source: include_str!("missing_service_account.rs"),
    remediation: "Remove the subject or create the service account deliberately.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    let mut known_namespaces: BTreeSet<&str> = rbac
        .service_accounts
        .iter()
        .map(|sa| sa.namespace.as_str())
        .collect();
    known_namespaces.extend(
        inv.namespaces
            .values()
            .filter(|n| n.object.is_some())
            .map(|n| n.name.as_str()),
    );
    // The inventory's index of service accounts: scanning them all for every subject would
    // grow with bindings × service accounts.
    let exists =
        |ns: &str, name: &str| name == "default" || inv.service_account(ns, name).is_some();
    for b in reported_bindings(inv, ctx) {
        for (i, s) in b.subjects.iter().enumerate() {
            let Some((ns, name)) = s.as_service_account() else {
                continue;
            };
            if !known_namespaces.contains(ns) || exists(ns, name) {
                continue;
            }
            let Some((resource, location)) = binding_location(inv, b, Some(i)) else {
                continue;
            };
            out.finding(
                resource,
                location,
                format!(
                    "{} names service account {ns}/{name}, which the input does not define",
                    b.display()
                ),
            );
        }
    }
}
