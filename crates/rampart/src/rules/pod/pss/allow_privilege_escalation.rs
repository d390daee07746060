//! `pod.pss.allow-privilege-escalation` — privilege escalation not disabled (Pod Security Standards, restricted: `allowPrivilegeEscalation`).
//!
//! Checks that every container sets `securityContext.allowPrivilegeEscalation: false` explicitly
//! (PSS restricted, from policy v1.8; Windows pods exempt from v1.25). Unset fails.
//!
//! ## Why
//! Without `no_new_privs`, a process in the container can gain privileges through setuid binaries
//! or file capabilities, undoing `runAsNonRoot` and dropped capabilities.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: app
//!   image: myacr.azurecr.io/app:1.4.2
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: app
//!   image: myacr.azurecr.io/app:1.4.2
//!   securityContext:
//!     allowPrivilegeEscalation: false
//! ```
//!
//! ## Fix
//! Add `allowPrivilegeEscalation: false` to each container's `securityContext`.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.allow-privilege-escalation",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Privilege escalation not disabled",
    source: include_str!("allow_privilege_escalation.rs"),
    remediation: "Set securityContext.allowPrivilegeEscalation: false on every container.",
    references: &[
        Reference::Pss("Privilege Escalation"),
        Reference::CisAks("4.2.5"),
        Reference::Checkov("CKV_K8S_20"),
    ],
    pss: Some(rampart_pss::Check::AllowPrivilegeEscalation),
    check: Check::Pss,
};
