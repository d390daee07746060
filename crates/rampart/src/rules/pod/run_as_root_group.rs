//! `pod.run-as-root-group` — processes run with group 0 (root).
//!
//! Checks `runAsGroup` on the pod and on each container, and the pod's `fsGroup` and
//! `supplementalGroups`, for an explicit group id 0. (An explicit `runAsUser: 0` is reported by
//! `pod.pss.run-as-user`.)
//!
//! ## Why
//! Group 0 owns many files on the node and in images (`/etc`, sockets, device nodes). A process
//! with gid 0 that escapes, or that reaches a host mount, reads and writes what root's group may,
//! even when its user id is not 0.
//!
//! ## Fails
//! ```yaml
//! securityContext:
//!   runAsUser: 10001
//!   runAsGroup: 0
//! ```
//!
//! ## Passes
//! ```yaml
//! securityContext:
//!   runAsUser: 10001
//!   runAsGroup: 10001
//!   fsGroup: 10001
//! ```
//!
//! ## Fix
//! Use a non-zero `runAsGroup` and `fsGroup`, and drop 0 from `supplementalGroups`.

use rampart_document::Node;

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::rules::{Check, Emit, Reference, Rule};
use crate::workload::Workload;

pub static RULE: Rule = Rule {
    id: "pod.run-as-root-group",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::Medium,
    title: "Runs with the root group (gid 0)",
    source: include_str!("run_as_root_group.rs"),
    remediation: "Use non-zero runAsGroup and fsGroup; remove 0 from supplementalGroups.",
    references: &[Reference::Checkov("CKV_K8S_40")],
    pss: None,
    check: Check::Workload(check),
};

fn is_zero(n: &Node) -> bool {
    n.as_i64() == Some(0)
}

fn check(w: &Workload, _ctx: &Context, out: &mut Emit) {
    if let Some(sc) = w.spec.get("securityContext") {
        for field in ["runAsGroup", "fsGroup"] {
            if let Some(n) = sc.get(field).filter(|n| is_zero(n)) {
                out.at(
                    w.object,
                    w.spec_field(&format!("securityContext.{field}")),
                    Some(n.pos),
                    format!("the pod sets securityContext.{field}=0 (the root group)"),
                );
            }
        }
        if let Some(groups) = sc.get("supplementalGroups") {
            for (i, g) in groups.items().iter().enumerate() {
                if is_zero(g) {
                    out.at(
                        w.object,
                        w.spec_field(&format!("securityContext.supplementalGroups[{i}]")),
                        Some(g.pos),
                        "the pod adds supplemental group 0 (the root group)",
                    );
                }
            }
        }
    }
    for c in w.containers() {
        if let Some(n) = c
            .security_context()
            .and_then(|s| s.get("runAsGroup"))
            .filter(|n| is_zero(n))
        {
            out.at(
                w.object,
                c.field("securityContext.runAsGroup"),
                Some(n.pos),
                format!(
                    "{} sets securityContext.runAsGroup=0 (the root group)",
                    c.describe()
                ),
            );
        }
    }
}
