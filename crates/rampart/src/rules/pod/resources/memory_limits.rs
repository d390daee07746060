//! `pod.resources.memory-limits` — container sets no memory limit (`resources.limits.memory`).
//!
//! Checks that every init and regular container sets `resources.limits.memory`.
//!
//! ## Why
//! A container without a memory limit can grow until the node runs out of memory; the kernel then
//! kills processes across the node, other tenants' pods and system daemons included. It is the
//! simplest denial of service a compromised or leaking container can cause.
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
//!     limits:
//!       memory: 512Mi
//! ```
//!
//! ## Fix
//! Set `resources.limits.memory` to the container's peak plus headroom.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.resources.memory-limits",
    layer: Layer::Pod,
    domain: "resources",
    severity: Severity::Medium,
    title: "Memory limit not set",
    source: include_str!("memory_limits.rs"),
    remediation: "Set resources.limits.memory on every container.",
    references: &[Reference::Checkov("CKV_K8S_13")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    super::require(w, out, "limits", "memory");
}
