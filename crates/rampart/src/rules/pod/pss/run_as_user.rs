//! `pod.pss.run-as-user` — runAsUser is 0 (root) (Pod Security Standards, restricted: `runAsUser`).
//!
//! Checks that neither the pod nor any container sets `runAsUser: 0` (PSS restricted, from policy
//! v1.23). From policy v1.35, pods with `hostUsers: false` pass.
//!
//! ## Why
//! `runAsUser: 0` runs the process as root whatever the image declares.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   runAsUser: 0
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   runAsUser: 10001
//! ```
//!
//! ## Fix
//! Set a non-zero `runAsUser` (and `runAsNonRoot: true`).

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.run-as-user",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "runAsUser is 0 (root)",
    source: include_str!("run_as_user.rs"),
    remediation: "Use a non-zero runAsUser.",
    references: &[
        Reference::Pss("Running as Non-root user"),
        Reference::Checkov("CKV_K8S_40"),
    ],
    pss: Some(rampart_pss::Check::RunAsUser),
    check: Check::Pss,
};
