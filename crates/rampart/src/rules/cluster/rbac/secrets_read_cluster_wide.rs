//! `cluster.rbac.secrets-read-cluster-wide` — secrets readable cluster-wide.
//!
//! Checks ClusterRoleBindings whose role allows `get`, `list` or `watch` on `secrets`.
//!
//! ## Why
//! `list` and `watch` return every secret's data, so either is as strong as reading them all: every
//! application credential and every legacy service account token in the cluster, including those
//! of kube-system controllers.
//!
//! ## Fails
//! ```yaml
//! kind: ClusterRoleBinding
//! roleRef: {kind: ClusterRole, name: secret-reader}
//! # secret-reader: get/list on secrets
//! ```
//!
//! ## Passes
//! ```yaml
//! kind: RoleBinding
//! metadata: {namespace: shop}
//! roleRef: {kind: Role, name: read-app-secret}
//! # read-app-secret: get on secrets, resourceNames: [shop-db]
//! ```
//!
//! ## Fix
//! Bind the role with RoleBindings in the namespaces that need it, limited by `resourceNames`;
//! better, mount secrets from Key Vault with the Secrets Store CSI driver.

use rampart_rbac::Technique;

use super::report_technique;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.rbac.secrets-read-cluster-wide",
    layer: Layer::Cluster,
    domain: "rbac",
    severity: Severity::High,
    title: "Secrets readable cluster-wide",
    source: include_str!("secrets_read_cluster_wide.rs"),
    remediation: "Grant secret reads per namespace (RoleBinding) and per name (resourceNames).",
    references: &[
        Reference::CisAks("4.1.2"),
        Reference::MitreAttack("T1552.007"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, ctx: &Context, out: &mut Emit) {
    report_technique(inv, ctx, out, Technique::SecretsRead, true);
}
