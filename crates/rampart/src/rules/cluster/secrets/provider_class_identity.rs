//! `cluster.secrets.provider-class-identity` — a SecretProviderClass reads Key Vault without
//! workload identity.
//!
//! Checks SecretProviderClasses of provider `azure` for the identity they authenticate with:
//!
//! - `usePodIdentity: "true"` — Azure AD pod-managed identity, deprecated (replaced by
//!   Microsoft Entra Workload ID) and no longer supported on new AKS versions;
//! - `useVMManagedIdentity: "true"` — the managed identity of the node pool's virtual machine
//!   scale set (the add-on's identity, the kubelet identity or one named by
//!   `userAssignedIdentityID`);
//! - neither, and no `clientID` — a service principal whose client secret the pod supplies in a
//!   Kubernetes Secret (`nodePublishSecretRef`).
//!
//! A class with `clientID` (workload identity: the pod's service account is federated with that
//! Entra application or managed identity) passes.
//!
//! ## Why
//! A node's identity is shared by every pod scheduled on the node: any workload that can create
//! a SecretProviderClass or mount one reads every Key Vault that identity can read. A service
//! principal secret is a long-lived credential stored as a Kubernetes Secret, which is what Key
//! Vault was meant to remove. Pod-managed identity intercepted IMDS traffic with a privileged
//! DaemonSet and is retired. Workload identity scopes access to one service account.
//!
//! ## Fails
//! ```yaml
//! spec:
//!   provider: azure
//!   parameters:
//!     useVMManagedIdentity: "true"
//!     userAssignedIdentityID: 0c2f8a51-4b3e-4d6f-8a9c-71e2d5b3f4a6
//!     keyvaultName: shop-kv
//! ```
//!
//! ## Passes
//! ```yaml
//! spec:
//!   provider: azure
//!   parameters:
//!     clientID: 4a1c2f9e-0b7d-4e3a-9c58-2d6f1e8b7a90
//!     keyvaultName: shop-kv
//! ```
//!
//! ## Fix
//! Enable the OIDC issuer and workload identity on the cluster, federate a user-assigned managed
//! identity with the workload's service account, grant it `Key Vault Secrets User` on the vault
//! and set its client id as `parameters.clientID`; label the pod `azure.workload.identity/use:
//! "true"`.

use super::provider_class::{
    flag, is_provider_class, non_empty_parameter, parameter, parameters_pos,
};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};
use rampart_document::Node;

pub static RULE: Rule = Rule {
    id: "cluster.secrets.provider-class-identity",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::Medium,
    title: "SecretProviderClass does not use workload identity",
    source: include_str!("provider_class_identity.rs"),
    remediation: "Use Microsoft Entra Workload ID: set parameters.clientID to a managed identity federated with the pod's service account.",
    references: &[
        Reference::Url("https://learn.microsoft.com/azure/aks/csi-secrets-store-identity-access"),
        Reference::MitreAttack("T1552"),
    ],
    pss: None,
    check: Check::Object(check),
};

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_provider_class(o)
        || o.node.path(&["spec", "provider"]).and_then(Node::as_str) != Some("azure")
    {
        return;
    }
    let at = |name: &str| parameter(o, name).map_or(parameters_pos(o), |(_, n)| n.pos);
    if flag(o, "usePodIdentity") {
        out.at(
            o,
            "spec.parameters.usePodIdentity",
            Some(at("usePodIdentity")),
            "uses Azure AD pod-managed identity (usePodIdentity), which is deprecated; use workload identity (clientID)",
        );
        return;
    }
    if flag(o, "useVMManagedIdentity") {
        let which = match non_empty_parameter(o, "userAssignedIdentityID") {
            Some((id, _)) => format!("user-assigned identity {id} of the node pool"),
            None => "the node pool's system-assigned identity".to_string(),
        };
        out.at(
            o,
            "spec.parameters.useVMManagedIdentity",
            Some(at("useVMManagedIdentity")),
            format!("reads Key Vault as {which} (useVMManagedIdentity): every pod on those nodes can use it; use workload identity (clientID)"),
        );
        return;
    }
    if non_empty_parameter(o, "clientID").is_none() {
        out.at(
            o,
            "spec.parameters.clientID",
            Some(at("clientID")),
            "sets no identity (clientID): the driver then needs a service principal secret from the pod's nodePublishSecretRef; use workload identity",
        );
    }
}
