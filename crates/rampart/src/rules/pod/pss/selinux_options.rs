//! `pod.pss.selinux-options` — custom SELinux user, role or type (Pod Security Standards, baseline: `seLinuxOptions`).
//!
//! Checks `seLinuxOptions` on the pod and each container (PSS baseline): `type` must be empty,
//! `container_t`, `container_init_t`, `container_kvm_t` (or `container_engine_t` from policy
//! v1.31); `user` and `role` must be empty.
//!
//! ## Why
//! Setting an SELinux user, role or a type such as `spc_t` lifts the label confinement that
//! separates containers from the host and from each other.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   seLinuxOptions:
//!     type: spc_t
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   seLinuxOptions:
//!     level: "s0:c123,c456"
//! ```
//!
//! ## Fix
//! Remove `user`, `role` and custom `type` values; set only `level` if you need MCS separation.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.selinux-options",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Custom SELinux user, role or type",
    source: include_str!("selinux_options.rs"),
    remediation: "Remove custom SELinux user, role and type settings.",
    references: &[Reference::Pss("SELinux")],
    pss: Some(rampart_pss::Check::SeLinuxOptions),
    check: Check::Pss,
};
