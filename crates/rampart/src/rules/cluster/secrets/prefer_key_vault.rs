//! `cluster.secrets.prefer-key-vault` — a workload reads Kubernetes Secrets instead of Key Vault.
//!
//! Applies when the input uses Azure Key Vault through the Secrets Store CSI driver — it defines
//! at least one SecretProviderClass — so Key Vault is where credentials are expected. Then
//! checks every workload for Kubernetes Secrets it consumes: env `valueFrom.secretKeyRef`,
//! `envFrom[].secretRef`, `secret` volumes and `secret` sources of projected volumes. Secrets
//! that a SecretProviderClass of the same namespace keeps in sync from Key Vault
//! (`spec.secretObjects[].secretName`) are Key Vault content and pass, and so does the
//! `nodePublishSecretRef` of a Secrets Store CSI volume (see
//! `cluster.secrets.provider-class-identity` for that). One finding per workload lists the
//! Secrets it reads. Informational: some Secrets are rightly generated in the cluster (webhook
//! certificates, tokens written by operators); the finding asks whether each one belongs in Key
//! Vault. Inputs without any SecretProviderClass are not checked, so projects that do not use
//! the add-on (`azureKeyvaultSecretsProvider`) are not flooded with it.
//!
//! ## Why
//! A Kubernetes Secret is readable by everyone with `get secrets` in its namespace (and every
//! pod that can mount it), is copied into etcd, backups and often Git, and has no access log,
//! versioning or expiry. Key Vault adds per-secret access control through Entra ID, audit logs,
//! rotation and expiry, and keeps the value out of the cluster's API.
//!
//! ## Fails
//! ```yaml
//! # with a SecretProviderClass elsewhere in the input
//! containers:
//! - name: api
//!   image: myacr.azurecr.io/api:1.4.2
//!   env:
//!   - name: DB_PASSWORD
//!     valueFrom:
//!       secretKeyRef: { name: api-db, key: password }
//! ```
//!
//! ## Passes
//! ```yaml
//! containers:
//! - name: api
//!   image: myacr.azurecr.io/api:1.4.2
//!   volumeMounts:
//!   - { name: kv, mountPath: /mnt/secrets-store, readOnly: true }
//! volumes:
//! - name: kv
//!   csi:
//!     driver: secrets-store.csi.k8s.io
//!     readOnly: true
//!     volumeAttributes: { secretProviderClass: api-kv }
//! ```
//!
//! ## Fix
//! Store the value in Azure Key Vault, describe it in a SecretProviderClass (provider `azure`,
//! workload identity `clientID`) and mount it as a CSI volume; if the application needs an
//! environment variable, sync it with `secretObjects` and keep the `secretKeyRef`.

use std::collections::HashSet;

use super::provider_class::{is_provider_class, synced_secrets};
use super::references::ReferenceTarget;
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::inventory::Inventory;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.secrets.prefer-key-vault",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::Info,
    title: "Workload reads Kubernetes Secrets rather than Key Vault",
    source: include_str!("prefer_key_vault.rs"),
    remediation: "Keep the values in Azure Key Vault and mount them with a SecretProviderClass (Secrets Store CSI driver).",
    references: &[
        Reference::CisAks("4.5.2"),
        Reference::Url("https://learn.microsoft.com/azure/aks/csi-secrets-store-driver"),
    ],
    pss: None,
    check: Check::Inventory(check),
};

fn check(inv: &Inventory, _ctx: &Context, out: &mut Emit) {
    if !inv.objects.iter().any(is_provider_class) {
        return;
    }
    let synced: HashSet<(&str, &str)> = inv
        .objects
        .iter()
        .filter(|o| is_provider_class(o))
        .flat_map(|o| {
            let ns = o.effective_namespace().unwrap_or("default");
            synced_secrets(o).map(move |name| (ns, name))
        })
        .collect();
    for w in &inv.workloads {
        let mut names: Vec<String> = Vec::new();
        let mut first = None;
        for r in &w.secret_references {
            if r.target != ReferenceTarget::Secret
                || synced.contains(&(w.namespace.as_str(), &*r.name))
            {
                continue;
            }
            first.get_or_insert(r);
            let entry = format!("\"{}\" ({})", r.name, r.via());
            if !names.contains(&entry) {
                names.push(entry);
            }
        }
        let Some(first) = first else { continue };
        out.finding(
            w.resource.clone(),
            first.location(w),
            format!(
                "reads Kubernetes Secrets rather than Key Vault: {}",
                names.join(", ")
            ),
        );
    }
}
