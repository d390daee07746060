//! `pod.psa.namespace-no-enforce` — namespace without a Pod Security Admission enforce label.
//!
//! Checks every namespace the input defines or deploys into for the label
//! `pod-security.kubernetes.io/enforce`. A namespace that workloads use but that the input does
//! not define is reported too: nothing in the input sets its level.
//!
//! ## Why
//! Without the label, Pod Security Admission applies the cluster default, which on AKS (as on
//! upstream Kubernetes) is `privileged`: any pod is admitted, privileged and hostPath included.
//! The label is the built-in, per-namespace switch that turns the Pod Security Standards from
//! advice into enforcement.
//!
//! ## Fails
//! ```yaml
//! apiVersion: v1
//! kind: Namespace
//! metadata:
//!   name: shop
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: v1
//! kind: Namespace
//! metadata:
//!   name: shop
//!   labels:
//!     pod-security.kubernetes.io/enforce: restricted
//!     pod-security.kubernetes.io/enforce-version: v1.33
//! ```
//!
//! ## Fix
//! Label the namespace: `kubectl label ns shop pod-security.kubernetes.io/enforce=restricted`
//! (start with `warn`/`audit` labels to see what would break; `rampart namespaces` shows it).

use super::{namespace_location, ENFORCE};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.psa.namespace-no-enforce",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Namespace has no Pod Security Admission enforce label",
    source: include_str!("namespace_no_enforce.rs"),
    remediation: "Label the namespace pod-security.kubernetes.io/enforce=restricted (or baseline).",
    references: &[
        Reference::CisAks("4.2"),
        Reference::Url("https://kubernetes.io/docs/concepts/security/pod-security-admission/"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for ns in inv.namespaces.values() {
        if ns.policy.enforce.labeled {
            continue;
        }
        let Some((resource, location)) = namespace_location(inv, ns, "metadata.labels") else {
            continue;
        };
        let message = if ns.object.is_some() {
            format!(
                "namespace \"{}\" has no {ENFORCE} label: pods are admitted at the cluster default (privileged)",
                ns.name
            )
        } else {
            format!(
                "namespace \"{}\" is used but not defined in the input, so nothing sets its {ENFORCE} label: pods are admitted at the cluster default (privileged)",
                ns.name
            )
        };
        out.finding(resource, location, message);
    }
}
