//! `pod.pss.capabilities-restricted` — capabilities not dropped (Pod Security Standards, restricted: `capabilities_restricted`).
//!
//! Checks that every container drops `ALL` capabilities and adds back at most `NET_BIND_SERVICE`
//! (PSS restricted, from policy v1.22; Windows pods exempt from v1.25). Matching is exact and
//! case-sensitive.
//!
//! ## Why
//! Even the runtime's default capabilities (`NET_RAW`, `DAC_OVERRIDE`, `SETUID`, …) are more than
//! almost any service needs, and each is a tool for an attacker inside the container.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   capabilities:
//!     add: ["CHOWN"]
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   capabilities:
//!     drop: ["ALL"]
//! ```
//!
//! ## Fix
//! Set `capabilities: {drop: ["ALL"]}` on every container, adding `NET_BIND_SERVICE` only if the
//! process binds a port below 1024.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.capabilities-restricted",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Capabilities not dropped",
    source: include_str!("capabilities_restricted.rs"),
    remediation: "Drop ALL capabilities; add back only NET_BIND_SERVICE if needed.",
    references: &[
        Reference::Pss("Capabilities"),
        Reference::CisAks("4.2.9"),
        Reference::Checkov("CKV_K8S_28"),
    ],
    pss: Some(rampart_pss::Check::CapabilitiesRestricted),
    check: Check::Pss,
};
