//! `pod.pss.capabilities-baseline` — capabilities beyond the default set (Pod Security Standards, baseline: `capabilities_baseline`).
//!
//! Checks that containers add only capabilities from the container runtime's default set
//! (`AUDIT_WRITE`, `CHOWN`, `DAC_OVERRIDE`, `FOWNER`, `FSETID`, `KILL`, `MKNOD`, `NET_BIND_SERVICE`,
//! `SETFCAP`, `SETGID`, `SETPCAP`, `SETUID`, `SYS_CHROOT`) — PSS baseline, from policy v1.0.
//! Names are matched exactly: `CAP_SYS_ADMIN` and `sys_admin` are not default names and fail.
//!
//! ## Why
//! Capabilities such as `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE` or `NET_RAW` give a container kernel
//! powers that are the usual first step of a container escape or of spoofing traffic on the node.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   capabilities:
//!     add: ["NET_ADMIN", "SYS_TIME"]
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   capabilities:
//!     drop: ["ALL"]
//!     add: ["NET_BIND_SERVICE"]
//! ```
//!
//! ## Fix
//! Remove the added capability. Most workloads need none; drop `ALL` and add back only
//! `NET_BIND_SERVICE` if the process binds a port below 1024.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.capabilities-baseline",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::High,
    title: "Capabilities beyond the default set",
    source: include_str!("capabilities_baseline.rs"),
    remediation: "Add only capabilities from the runtime default set; better, drop ALL.",
    references: &[
        Reference::Pss("Capabilities"),
        Reference::CisAks("4.2.8"),
        Reference::CisAks("4.2.9"),
        Reference::Checkov("CKV_K8S_39"),
    ],
    pss: Some(rampart_pss::Check::CapabilitiesBaseline),
    check: Check::Pss,
};
