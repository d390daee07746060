//! `pod.automount-service-account-token` — the pod gets an API token it may not need.
//!
//! Checks that each workload either sets `automountServiceAccountToken: false` on its pod spec,
//! or runs as a ServiceAccount (defined in the input) that sets it to `false`. The pod's own
//! setting wins over the account's, as in Kubernetes.
//!
//! ## Why
//! Every pod gets a token for its service account mounted at
//! `/var/run/secrets/kubernetes.io/serviceaccount` unless told otherwise. Most applications never
//! call the Kubernetes API, but anyone who compromises them can — with whatever RBAC the account
//! holds. Not mounting the token removes the first step of lateral movement.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   containers:
//!   - name: web
//!     image: myacr.azurecr.io/web:2.3.1
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   automountServiceAccountToken: false
//!   containers:
//!   - name: web
//!     image: myacr.azurecr.io/web:2.3.1
//! ```
//!
//! ## Fix
//! Set `automountServiceAccountToken: false` on the pod spec (or on its ServiceAccount); mount a
//! projected token only in pods that call the API.

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "pod.automount-service-account-token",
    layer: Layer::Pod,
    domain: "identity",
    severity: Severity::Low,
    title: "Service account token mounted automatically",
    source: include_str!("automount_service_account_token.rs"),
    remediation: "Set automountServiceAccountToken: false on the pod spec or its ServiceAccount.",
    references: &[Reference::CisAks("4.1.6"), Reference::Checkov("CKV_K8S_38")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    for w in &inv.workloads {
        let account = inv.service_account(&w.namespace, &w.service_account);
        let account_setting = account
            .and_then(|a| a.node.get("automountServiceAccountToken"))
            .and_then(|n| n.as_bool());
        let message = match (w.automount, account_setting) {
            (Some(false), _) | (None, Some(false)) => continue,
            (Some(true), _) => "the pod sets automountServiceAccountToken: true".to_string(),
            (None, Some(true)) => format!(
                "service account \"{}\" sets automountServiceAccountToken: true and the pod does not opt out",
                w.service_account
            ),
            (None, None) => format!(
                "the pod mounts a token for service account \"{}\" (automountServiceAccountToken is not false)",
                w.service_account
            ),
        };
        out.finding(w.resource.clone(), w.automount_location(), message);
    }
}
