//! `pod.pss.apparmor-profile` — appArmor profile disabled or overridden (Pod Security Standards, baseline: `appArmorProfile`).
//!
//! Checks AppArmor settings (PSS baseline, every policy version): the beta annotations
//! `container.apparmor.security.beta.kubernetes.io/*` must be empty, `runtime/default` or
//! `localhost/*`; the `appArmorProfile` fields (pod and containers) must have type `RuntimeDefault`
//! or `Localhost`.
//!
//! ## Why
//! `unconfined` removes the mandatory access control that the runtime applies by default, which
//! blocks writes to `/proc` and `/sys` and mounts that escapes rely on.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   appArmorProfile:
//!     type: Unconfined
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   appArmorProfile:
//!     type: RuntimeDefault
//! ```
//!
//! ## Fix
//! Remove the override or set `appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile
//! loaded on the nodes).

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.apparmor-profile",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "AppArmor profile disabled or overridden",
    source: include_str!("apparmor_profile.rs"),
    remediation: "Use the RuntimeDefault AppArmor profile (or a Localhost profile).",
    references: &[Reference::Pss("AppArmor")],
    pss: Some(rampart_pss::Check::AppArmorProfile),
    check: Check::Pss,
};
