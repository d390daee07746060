//! `cluster.rbac.csr-approval` — role can approve or sign certificate signing requests.
//!
//! Checks ClusterRoleBindings whose role holds both halves of certificate approval
//! (`update`/`patch` on `certificatesigningrequests/approval` and `approve` on `signers`) or of
//! signing (`update`/`patch` on `certificatesigningrequests/status` and `sign` on `signers`), in
//! `certificates.k8s.io`. Rules in namespaced Roles never count: these resources are
//! cluster-scoped.
//!
//! ## Why
//! Approving a request for the `kubernetes.io/kube-apiserver-client` signer issues a client
//! certificate for any user and any group — `system:masters` included, which no RBAC change can
//! revoke until the certificate expires.
//!
//! ## Fails
//! ```yaml
//! rules:
//! - apiGroups: ["certificates.k8s.io"]
//!   resources: ["certificatesigningrequests/approval"]
//!   verbs: ["update"]
//! - apiGroups: ["certificates.k8s.io"]
//!   resources: ["signers"]
//!   verbs: ["approve"]
//! ```
//!
//! ## Passes
//! ```yaml
//! rules:
//! - apiGroups: ["certificates.k8s.io"]
//!   resources: ["certificatesigningrequests"]
//!   verbs: ["get", "list"]
//! ```
//!
//! ## Fix
//! Leave CSR approval to the control plane; if a controller must approve, restrict `approve` with
//! `resourceNames` to its own signer name.

use rampart_rbac::{BindingKind, Technique};

use super::{binding_location, describe_grant, grants_everything, reported_bindings};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.csr-approval",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::Critical,
    title: "Role can approve or sign certificate signing requests",
    source: include_str!("csr_approval.rs"),
    remediation:
        "Remove CSR approval and signing, or restrict them with resourceNames to one signer.",
    references: &[Reference::Url(
        "https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/",
    )],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    let rbac = inv.rbac();
    for b in reported_bindings(inv, ctx).filter(|b| b.kind == BindingKind::ClusterRoleBinding) {
        if grants_everything(inv, b) {
            continue;
        }
        let Some(rules) = rbac.role_rules(&b.role_id()) else {
            continue;
        };
        let rules = || rules.iter().map(|r| &r.rule);
        let held: Vec<Technique> = [Technique::CsrApprove, Technique::CsrSign]
            .into_iter()
            .filter(|t| t.held_by(rules(), true))
            .collect();
        if held.is_empty() {
            continue;
        }
        let Some((resource, location)) = binding_location(inv, b, None) else {
            continue;
        };
        let what: Vec<&str> = held.iter().map(|t| t.describe()).collect();
        out.finding(
            resource,
            location,
            format!("{}: {}", describe_grant(ctx, b), what.join("; ")),
        );
    }
}
