//! `pod.resources.memory-requests` — container sets no memory request (`resources.requests.memory`).
//!
//! Checks that every init and regular container sets `resources.requests.memory` (a limit
//! alone also counts: Kubernetes copies it into the request).
//!
//! ## Why
//! Without a memory request the scheduler may pack the pod onto a node that cannot hold it, and
//! under memory pressure the pod is among the first evicted.
//!
//! ## Fails
//! ```yaml
//! containers:
//! - name: web
//!   image: myacr.azurecr.io/web:2.3.1
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: web
//!   image: myacr.azurecr.io/web:2.3.1
//!   resources:
//!     requests:
//!       memory: 256Mi
//! ```
//!
//! ## Fix
//! Set `resources.requests.memory` to the container's typical use.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.resources.memory-requests",
    layer: Layer::Pod,
    domain: "resources",
    severity: Severity::Low,
    title: "Memory request not set",
    source: include_str!("memory_requests.rs"),
    remediation: "Set resources.requests.memory on every container.",
    references: &[Reference::Checkov("CKV_K8S_12")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    super::require(w, out, "requests", "memory");
}
