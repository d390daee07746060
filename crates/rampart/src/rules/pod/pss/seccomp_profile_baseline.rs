//! `pod.pss.seccomp-profile-baseline` — seccomp explicitly disabled (Pod Security Standards, baseline: `seccompProfile_baseline`).
//!
//! Checks that no seccomp profile is explicitly set to something other than `RuntimeDefault` or
//! `Localhost` (PSS baseline). Policy v1.0–v1.18 read the alpha annotations
//! (`seccomp.security.alpha.kubernetes.io/pod`, `container.seccomp.security.alpha.kubernetes.io/*`);
//! from v1.19 the `seccompProfile` fields of the pod and its containers.
//!
//! ## Why
//! `Unconfined` lets the container make every system call, including the rarely used ones that
//! most kernel exploits go through.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   seccompProfile:
//!     type: Unconfined
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   seccompProfile:
//!     type: RuntimeDefault
//! ```
//!
//! ## Fix
//! Set `seccompProfile.type: RuntimeDefault` at the pod level, or remove the `Unconfined` setting.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.seccomp-profile-baseline",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Seccomp explicitly disabled",
    source: include_str!("seccomp_profile_baseline.rs"),
    remediation: "Remove Unconfined seccomp settings; use RuntimeDefault.",
    references: &[
        Reference::Pss("Seccomp"),
        Reference::CisAks("4.6.2"),
        Reference::Checkov("CKV_K8S_31"),
    ],
    pss: Some(rampart_pss::Check::SeccompProfileBaseline),
    check: Check::Pss,
};
