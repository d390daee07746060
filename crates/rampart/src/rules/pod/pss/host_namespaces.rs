//! `pod.pss.host-namespaces` — pod shares host namespaces (Pod Security Standards, baseline: `hostNamespaces`).
//!
//! Checks that the pod does not set `hostNetwork`, `hostPID` or `hostIPC` (PSS baseline, from policy v1.0).
//!
//! ## Why
//! A pod in the host's network namespace sees every node interface, can bind node ports and reach
//! services listening on localhost, such as the kubelet; `hostPID` lets it see and signal every
//! process on the node; `hostIPC` opens the node's shared memory. Each one breaks the isolation that
//! keeps a compromised container from becoming a compromised node.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   hostNetwork: true
//!   containers:
//!   - name: app
//!     image: myacr.azurecr.io/app:1.4.2
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   containers:
//!   - name: app
//!     image: myacr.azurecr.io/app:1.4.2
//! ```
//!
//! ## Fix
//! Remove `hostNetwork`, `hostPID` and `hostIPC` (or set them to `false`). Expose the workload
//! through a Service instead of the node's network.

use crate::finding::{Layer, Severity};
use crate::rules::{Check, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.pss.host-namespaces",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::High,
    title: "Pod shares host namespaces",
    source: include_str!("host_namespaces.rs"),
    remediation: "Remove hostNetwork, hostPID and hostIPC from the pod spec.",
    references: &[
        Reference::Pss("Host Namespaces"),
        Reference::CisAks("4.2.2"),
        Reference::CisAks("4.2.3"),
        Reference::CisAks("4.2.4"),
        Reference::Checkov("CKV_K8S_19"),
    ],
    pss: Some(rampart_pss::Check::HostNamespaces),
    check: Check::Pss,
};
