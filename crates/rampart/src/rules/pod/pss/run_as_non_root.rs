//! `pod.pss.run-as-non-root` — containers may run as root (Pod Security Standards, restricted: `runAsNonRoot`).
//!
//! Checks that `runAsNonRoot: true` is in effect for every container, set on the pod or on each
//! container, and that no level sets it to `false` (PSS restricted, from policy v1.0). A non-zero
//! `runAsUser` does not count. From policy v1.35, pods with `hostUsers: false` pass.
//!
//! ## Why
//! Root in a container is root on the node's kernel: any escape, writable hostPath or mounted
//! socket is then exploited with full privileges. `runAsNonRoot` makes the kubelet refuse to start
//! a container whose user is 0.
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
//!     runAsNonRoot: true
//!     runAsUser: 10001
//!   containers:
//!   - name: app
//!     image: myacr.azurecr.io/app:1.4.2
//! ```
//!
//! ## Fix
//! Set `securityContext.runAsNonRoot: true` on the pod (and a non-zero `runAsUser` if the image
//! does not declare a numeric non-root USER).

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.run-as-non-root",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Containers may run as root",
    source: include_str!("run_as_non_root.rs"),
    remediation: "Set spec.securityContext.runAsNonRoot: true.",
    references: &[
        Reference::Pss("Running as Non-root"),
        Reference::CisAks("4.2.6"),
        Reference::Checkov("CKV_K8S_23"),
    ],
    pss: Some(rampart_pss::Check::RunAsNonRoot),
    check: Check::Pss,
};
