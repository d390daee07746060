//! `pod.pss.proc-mount-restricted` — unmasked /proc mount (restricted) (Pod Security Standards, restricted: `procMount_restricted`).
//!
//! Checks that containers leave `procMount` unset or `Default`, even in user-namespace pods
//! (PSS restricted, from policy v1.35, where it replaces the baseline procMount check).
//!
//! ## Why
//! An unmasked `/proc` exposes kernel interfaces; at the restricted level a user namespace is not
//! accepted as a reason to expose them.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   hostUsers: false
//!   containers:
//!   - name: app
//!     securityContext:
//!       procMount: Unmasked
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   hostUsers: false
//!   containers:
//!   - name: app
//!     securityContext:
//!       procMount: Default
//! ```
//!
//! ## Fix
//! Remove `procMount` or set it to `Default`.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.proc-mount-restricted",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Unmasked /proc mount (restricted)",
    source: include_str!("proc_mount_restricted.rs"),
    remediation: "Remove procMount or set it to Default.",
    references: &[Reference::Pss("/proc Mount Type")],
    pss: Some(rampart_pss::Check::ProcMountRestricted),
    check: Check::Pss,
};
