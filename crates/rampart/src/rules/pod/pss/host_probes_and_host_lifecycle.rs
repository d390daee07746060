//! `pod.pss.host-probes-and-host-lifecycle` — probe or lifecycle hook targets another host (Pod Security Standards, baseline: `hostProbesAndHostLifecycle`).
//!
//! Checks that liveness, readiness and startup probes and `postStart`/`preStop` hooks do not set
//! `httpGet.host` or `tcpSocket.host` (PSS baseline, from policy v1.34). Any non-empty host fails,
//! loopback addresses included.
//!
//! ## Why
//! The kubelet performs probes and hooks from the node. A `host` field turns them into requests
//! from the node to any address — a server-side request forgery that reaches what the pod
//! network cannot.
//!
//! ## Fails
//! ```yaml
//! livenessProbe:
//!   httpGet:
//!     host: 169.254.169.254
//!     path: /metadata/instance
//!     port: 80
//! ```
//!
//! ## Passes
//! ```yaml
//! livenessProbe:
//!   httpGet:
//!     path: /healthz
//!     port: 8080
//! ```
//!
//! ## Fix
//! Remove `host` from probes and hooks; they then target the pod's own IP.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.host-probes-and-host-lifecycle",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Probe or lifecycle hook targets another host",
    source: include_str!("host_probes_and_host_lifecycle.rs"),
    remediation: "Remove the host field from probes and lifecycle handlers.",
    references: &[Reference::Pss("Probes / Lifecycle Hooks")],
    pss: Some(rampart_pss::Check::HostProbesAndHostLifecycle),
    check: Check::Pss,
};
