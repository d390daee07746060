//! `pod.psa.rejected-by-enforce` — workload that its own namespace's enforce label would reject.
//!
//! Evaluates each workload against the Pod Security Admission level and version that its
//! namespace enforces (labels `pod-security.kubernetes.io/enforce` and `-enforce-version`), the
//! way the API server would after the manifests are applied.
//!
//! ## Why
//! This is a deployment that will break, not a hardening hint: a Pod is refused by the API
//! server; a Deployment, StatefulSet, Job or other controller is accepted with a warning, but
//! every pod it creates is refused, so the workload never runs. Catching it in review is cheaper
//! than finding a ReplicaSet stuck at zero replicas.
//!
//! ## Fails
//! ```yaml
//! apiVersion: v1
//! kind: Namespace
//! metadata:
//!   name: shop
//!   labels: {pod-security.kubernetes.io/enforce: restricted}
//! ---
//! apiVersion: v1
//! kind: Pod
//! metadata: {name: web, namespace: shop}
//! spec:
//!   containers: [{name: web, image: myacr.azurecr.io/web:1.0}]
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: v1
//! kind: Pod
//! metadata: {name: web, namespace: shop}
//! spec:
//!   securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
//!   containers:
//!   - name: web
//!     image: myacr.azurecr.io/web:1.0
//!     securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
//! ```
//!
//! ## Fix
//! Fix the pod spec as the named checks ask (see the matching `pod.pss.*` findings), or move the
//! workload to a namespace whose level it is meant to run at.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::inventory::NamespaceInfo;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.psa.rejected-by-enforce",
    layer: Layer::Pod,
    domain: "pod-security",
    severity: Severity::High,
    title: "Workload would be rejected by its namespace's Pod Security Admission level",
    source: include_str!("rejected_by_enforce.rs"),
    remediation: "Make the pod spec meet the namespace's enforced level, or deploy it elsewhere.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/concepts/security/pod-security-admission/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for w in &inv.workloads {
        let Some(ns) = inv.namespaces.get(&w.namespace) else {
            continue;
        };
        let enforce = &ns.policy.enforce;
        let failing = w.rejected_by(enforce.level, enforce.version);
        if failing.is_empty() {
            continue;
        }
        let checks: Vec<&str> = failing.iter().map(|c| c.upstream_id()).collect();
        let what = if w.resource.kind == "Pod" {
            "the API server would reject this pod"
        } else {
            "every pod this workload creates would be rejected"
        };
        out.finding(
            w.resource.clone(),
            w.location.clone(),
            format!(
                "namespace \"{}\" enforces {}:{}; {what} ({})",
                ns.name,
                enforce.level.as_str(),
                version_label(ns),
                checks.join(", ")
            ),
        );
    }
}

/// The enforce version as the namespace states it: `latest` when the label is absent or says so,
/// so messages do not change when a newer policy version becomes the latest.
fn version_label(ns: &NamespaceInfo) -> String {
    let label = ns
        .object
        .as_ref()
        .and_then(|o| o.metadata())
        .and_then(|m| m.get("labels"))
        .and_then(|l| l.get("pod-security.kubernetes.io/enforce-version"))
        .and_then(|v| v.as_str());
    match label {
        Some(v) if rampart_pss::Version::parse_label(v).is_some() && v != "latest" => v.to_string(),
        _ => "latest".to_string(),
    }
}
