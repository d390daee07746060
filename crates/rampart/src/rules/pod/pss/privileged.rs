//! `pod.pss.privileged` — privileged container (Pod Security Standards, baseline: `privileged`).
//!
//! Checks that no container (init, regular or ephemeral) sets `securityContext.privileged: true`
//! (PSS baseline, from policy v1.0).
//!
//! ## Why
//! A privileged container has every Linux capability and access to every host device: it is root
//! on the node, and escaping it takes one command.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: app
//!   image: myacr.azurecr.io/app:1.4.2
//!   securityContext:
//!     privileged: true
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: app
//!   image: myacr.azurecr.io/app:1.4.2
//!   securityContext:
//!     privileged: false
//! ```
//!
//! ## Fix
//! Remove `privileged: true`. If the workload needs one kernel feature, add that one capability;
//! node agents that really need privilege belong in a dedicated, exempted namespace.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.privileged",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Critical,
    title: "Privileged container",
    source: include_str!("privileged.rs"),
    remediation:
        "Remove securityContext.privileged: true; grant only the capability the workload needs.",
    references: &[
        Reference::Pss("Privileged Containers"),
        Reference::CisAks("4.2.1"),
        Reference::MitreAttack("T1611"),
        Reference::Checkov("CKV_K8S_16"),
    ],
    pss: Some(rampart_pss::Check::Privileged),
    check: Check::Pss,
};
