//! `cluster.rbac.pod-token-risky` — pod mounts a token that carries risky permissions.
//!
//! Joins the pod layer with RBAC: for each workload whose pods mount their service account token
//! (`automountServiceAccountToken` not `false` on the pod or its ServiceAccount), checks what that
//! account may do — through its own bindings and the groups every service account is in — and
//! reports any technique of the risk catalog it holds (cluster-admin power, reading secrets,
//! creating pods, exec, impersonation, token minting, escalate/bind, nodes/proxy, CSR approval,
//! admission changes, PersistentVolume creation).
//!
//! ## Why
//! A compromised application is an attacker holding its token. If the token can create pods or
//! read secrets, one remote-code-execution bug in the application becomes a cluster compromise.
//!
//! ## Fails
//! ```yaml
//! kind: Deployment
//! spec:
//!   template:
//!     spec:
//!       serviceAccountName: deployer   # bound to a role that can create pods
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: Deployment
//! spec:
//!   template:
//!     spec:
//!       serviceAccountName: deployer
//!       automountServiceAccountToken: false
//! ```
//!
//! ## Fix
//! Give the workload its own service account with only what it calls, and set
//! `automountServiceAccountToken: false` where it calls nothing.

use rampart_rbac::{techniques_of_grants, Identity, Technique};

use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.pod-token-risky",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Pod mounts a service account token with risky permissions",
    source: include_str!("pod_token_risky.rs"),
    remediation: "Use a least-privilege service account, or automountServiceAccountToken: false.",
    references: &[Reference::CisAks("4.1.6"), Reference::MitreAttack("T1528")],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    let mut cache: foldhash::HashMap<(&str, &str), Vec<Technique>> = Default::default();
    for w in &inv.workloads {
        if !inv.mounts_token(w) {
            continue;
        }
        let key = (w.namespace.as_str(), w.service_account.as_str());
        let held = cache.entry(key).or_insert_with(|| {
            techniques_of_grants(
                &rbac.grants(&Identity::service_account(&w.namespace, &w.service_account)),
            )
        });
        if held.is_empty() {
            continue;
        }
        let names: Vec<&str> = held.iter().map(|t| t.id()).collect();
        out.finding(
            w.resource.clone(),
            w.automount_location(),
            format!(
                "pods mount the token of service account {}/{}, which can: {}",
                w.namespace,
                w.service_account,
                names.join(", ")
            ),
        );
    }
}
