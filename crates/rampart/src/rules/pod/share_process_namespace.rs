//! `pod.share-process-namespace` — containers of the pod share one process namespace.
//!
//! Checks that the pod does not set `shareProcessNamespace: true`.
//!
//! ## Why
//! With a shared process namespace every container sees the others' processes, can signal them
//! and can read their environment and file systems through `/proc/<pid>/root` — including the
//! secrets a sidecar holds. One compromised container then has them all.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   shareProcessNamespace: true
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   shareProcessNamespace: false
//! ```
//!
//! ## Fix
//! Remove `shareProcessNamespace`; debug with an ephemeral container targeting one container
//! (`kubectl debug --target`) instead.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.share-process-namespace",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Low,
    title: "Containers share a process namespace",
    source: include_str!("share_process_namespace.rs"),
    remediation: "Remove shareProcessNamespace: true.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/",
    )],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    if let Some(node) = w.spec.get("shareProcessNamespace") {
        if node.as_bool() == Some(true) {
            out.at(
                w.object,
                w.spec_field("shareProcessNamespace"),
                Some(node.pos),
                "the pod's containers share one process namespace and can read each other's processes and secrets",
            );
        }
    }
}
