//! `pod.pss.seccomp-profile-restricted` — no seccomp profile (Pod Security Standards, restricted: `seccompProfile_restricted`).
//!
//! Checks that `RuntimeDefault` or `Localhost` seccomp is in effect for every container — set on
//! the pod, or on each container — and that no level sets another type (PSS restricted, from
//! policy v1.19; Windows pods exempt from v1.25).
//!
//! ## Why
//! Without a profile, containerd on AKS runs the container unconfined: every system call is
//! available to an attacker, including those behind most kernel privilege-escalation bugs.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   containers:
//!   - name: app
//!     image: myacr.azurecr.io/app:1.4.2
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   securityContext:
//!     seccompProfile:
//!       type: RuntimeDefault
//! ```
//!
//! ## Fix
//! Set `securityContext.seccompProfile.type: RuntimeDefault` at the pod level.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.seccomp-profile-restricted",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "No seccomp profile",
    source: include_str!("seccomp_profile_restricted.rs"),
    remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault.",
    references: &[
        Reference::Pss("Seccomp"),
        Reference::CisAks("4.6.2"),
        Reference::Checkov("CKV_K8S_31"),
    ],
    pss: Some(rampart_pss::Check::SeccompProfileRestricted),
    check: Check::Pss,
};
