//! `pod.pss.proc-mount` — unmasked /proc mount (Pod Security Standards, baseline: `procMount`).
//!
//! Checks that containers leave `securityContext.procMount` unset or `Default` (PSS baseline).
//! From policy v1.35 a pod with `hostUsers: false` (a user namespace) may use any value.
//!
//! ## Why
//! The default proc mount masks paths such as `/proc/kcore` and `/proc/sys` that leak host
//! information or allow kernel tuning; `Unmasked` exposes them.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   procMount: Unmasked
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   procMount: Default
//! ```
//!
//! ## Fix
//! Remove `procMount` or set it to `Default`.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.proc-mount",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Unmasked /proc mount",
    source: include_str!("proc_mount.rs"),
    remediation: "Remove procMount or set it to Default.",
    references: &[Reference::Pss("/proc Mount Type")],
    pss: Some(rampart_pss::Check::ProcMount),
    check: Check::Pss,
};
