//! `pod.pss.sysctls` — unsafe sysctl (Pod Security Standards, baseline: `sysctls`).
//!
//! Checks that `spec.securityContext.sysctls` names only sysctls on the safe list of the policy
//! version (PSS baseline): `kernel.shm_rmid_forced`, `net.ipv4.ip_local_port_range`,
//! `net.ipv4.tcp_syncookies`, `net.ipv4.ping_group_range`, `net.ipv4.ip_unprivileged_port_start`,
//! plus `net.ipv4.ip_local_reserved_ports` (v1.27), the TCP keepalive and fin-timeout sysctls (v1.29),
//! `net.ipv4.tcp_rmem`/`tcp_wmem` (v1.32) and `tcp_slow_start_after_idle`/`tcp_notsent_lowat` (v1.37).
//!
//! ## Why
//! Sysctls outside the namespaced safe set change kernel behaviour for the whole node and every
//! other pod on it.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   sysctls:
//!   - name: kernel.msgmax
//!     value: "65536"
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   sysctls:
//!   - name: net.ipv4.ip_local_port_range
//!     value: "1024 65535"
//! ```
//!
//! ## Fix
//! Remove the sysctl, or tune it on a dedicated node pool (AKS custom node configuration) instead
//! of from the pod.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.sysctls",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Unsafe sysctl",
    source: include_str!("sysctls.rs"),
    remediation: "Use only sysctls from the safe list, or tune the node pool instead.",
    references: &[Reference::Pss("Sysctls")],
    pss: Some(rampart_pss::Check::Sysctls),
    check: Check::Pss,
};
