//! `pod.default-namespace` — workload in the `default` namespace.
//!
//! Checks that a workload names a namespace other than `default`. A manifest without
//! `metadata.namespace` is reported too: applied without `-n`, it lands in `default`.
//!
//! ## Why
//! `default` exists in every cluster, is rarely labelled for Pod Security Admission, is where
//! network policies and RBAC are least thought through, and mixes unrelated workloads. A
//! namespace per application is the unit that least-privilege RBAC, network policies and PSA
//! labels all apply to.
//!
//! ## Fails
//! ```yaml
//! metadata:
//!   name: web
//!   namespace: default
//! ```
//!
//! ## Passes
//! ```yaml
//! metadata:
//!   name: web
//!   namespace: shop
//! ```
//!
//! ## Fix
//! Create a namespace for the application and set `metadata.namespace` in its manifests.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.default-namespace",
    layer: Layer::Pod,
    domain: "isolation",
    severity: Severity::Low,
    title: "Workload runs in the default namespace",
    source: include_str!("default_namespace.rs"),
    remediation: "Deploy the workload into its own namespace.",
    references: &[Reference::CisAks("4.7.3"), Reference::Checkov("CKV_K8S_21")],
    pss: None,
    check: Check::Workload(check),
};

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    let o = w.object;
    let ns_node = o.metadata().and_then(|m| m.get("namespace"));
    match o.namespace.as_deref() {
        Some("default") => out.at(
            o,
            "metadata.namespace",
            ns_node.map(|n| n.pos),
            format!("{} {} runs in the default namespace", o.kind, o.name),
        ),
        None => out.at(
            o,
            "metadata.namespace",
            None,
            format!(
                "{} {} sets no namespace: applied without -n it runs in the default namespace",
                o.kind, o.name
            ),
        ),
        Some(_) => {}
    }
}
