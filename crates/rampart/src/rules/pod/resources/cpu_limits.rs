//! `pod.resources.cpu-limits` — container sets no cpu limit (`resources.limits.cpu`).
//!
//! Checks that every init and regular container sets `resources.limits.cpu`.
//!
//! ## Why
//! A container without a CPU limit can use every idle core of the node. Under load, or when an
//! attacker runs a cryptominer in it, it starves its neighbours and the node's own daemons of
//! CPU time.
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
//!       cpu: "1"
//! ```
//!
//! ## Fix
//! Set `resources.limits.cpu` to what the container needs at peak.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.resources.cpu-limits",
    layer: Layer::Pod,
    domain: "resources",
    severity: Severity::Low,
    title: "CPU limit not set",
    source: include_str!("cpu_limits.rs"),
    remediation: "Set resources.limits.cpu on every container.",
    references: &[Reference::Checkov("CKV_K8S_11")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    super::require(w, out, "limits", "cpu");
}
