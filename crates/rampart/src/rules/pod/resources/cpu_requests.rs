//! `pod.resources.cpu-requests` — container sets no cpu request (`resources.requests.cpu`).
//!
//! Checks that every init and regular container sets `resources.requests.cpu` (a limit
//! alone also counts: Kubernetes copies it into the request).
//!
//! ## Why
//! Without a CPU request the scheduler places the pod as if it used no CPU and the kernel gives
//! it the smallest share under contention; noisy neighbours then slow it down, and the cluster
//! autoscaler cannot plan capacity.
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
//!       cpu: 250m
//! ```
//!
//! ## Fix
//! Set `resources.requests.cpu` to the container's typical use.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.resources.cpu-requests",
    layer: Layer::Pod,
    domain: "resources",
    severity: Severity::Low,
    title: "CPU request not set",
    source: include_str!("cpu_requests.rs"),
    remediation: "Set resources.requests.cpu on every container.",
    references: &[Reference::Checkov("CKV_K8S_10")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    super::require(w, out, "requests", "cpu");
}
