//! `pod.psa.namespace-enforce-weak` — namespace enforces a level weaker than `restricted`.
//!
//! Checks that a namespace's `pod-security.kubernetes.io/enforce` label, when present, is
//! `restricted`. `privileged` and `baseline` are reported.
//!
//! ## Why
//! `baseline` blocks known privilege escalations but still admits containers running as root,
//! with the default capabilities and no seccomp profile. `restricted` is the hardened profile the
//! Pod Security Standards recommend for application workloads; weaker levels belong only to
//! namespaces of node agents and infrastructure.
//!
//! ## Fails
//! ```yaml
//! metadata:
//!   name: shop
//!   labels:
//!     pod-security.kubernetes.io/enforce: baseline
//! ```
//!
//! ## Passes
//! ```yaml
//! metadata:
//!   name: shop
//!   labels:
//!     pod-security.kubernetes.io/enforce: restricted
//! ```
//!
//! ## Fix
//! Fix the workloads that `rampart namespaces` lists as rejected at `restricted`, then set
//! `pod-security.kubernetes.io/enforce: restricted`.

use super::{label_path, ENFORCE};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};
use rampart_pss::Level;

pub static RULE: Rule = Rule {
    id: "pod.psa.namespace-enforce-weak",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Low,
    title: "Namespace enforces a Pod Security level weaker than restricted",
    source: include_str!("namespace_enforce_weak.rs"),
    remediation: "Raise pod-security.kubernetes.io/enforce to restricted once workloads comply.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for ns in inv.namespaces.values() {
        let enforce = &ns.policy.enforce;
        let Some(object) = &ns.object else { continue };
        if !enforce.labeled || enforce.level == Level::Restricted || enforce.invalid.is_some() {
            continue;
        }
        let path = label_path(ENFORCE);
        let pos = object.node.deepest(&path).pos;
        out.at(
            object,
            path,
            Some(pos),
            format!(
                "namespace \"{}\" enforces the {} level; restricted is the hardened level for workloads",
                ns.name,
                enforce.level.as_str()
            ),
        );
    }
}
