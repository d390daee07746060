//! `pod.pss.windows-host-process` — windows HostProcess container (Pod Security Standards, baseline: `windowsHostProcess`).
//!
//! Checks that neither the pod nor any container sets `windowsOptions.hostProcess: true`
//! (PSS baseline, from policy v1.0).
//!
//! ## Why
//! A Windows HostProcess container runs directly on the node as a host process, with the node's
//! network and file system: the Windows equivalent of a privileged container.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   windowsOptions:
//!     hostProcess: true
//!     runAsUserName: "NT AUTHORITY\\SYSTEM"
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   windowsOptions:
//!     runAsUserName: "ContainerUser"
//! ```
//!
//! ## Fix
//! Remove `hostProcess: true`; run node agents from a dedicated, exempted namespace only.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.windows-host-process",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Critical,
    title: "Windows HostProcess container",
    source: include_str!("windows_host_process.rs"),
    remediation: "Remove windowsOptions.hostProcess: true.",
    references: &[Reference::Pss("HostProcess")],
    pss: Some(rampart_pss::Check::WindowsHostProcess),
    check: Check::Pss,
};
