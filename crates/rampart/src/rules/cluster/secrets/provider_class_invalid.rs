//! `cluster.secrets.provider-class-invalid` — a SecretProviderClass the Azure Key Vault
//! provider cannot use.
//!
//! Checks SecretProviderClasses (`secrets-store.csi.x-k8s.io`): `spec.provider` must be set;
//! for provider `azure`, `parameters.keyvaultName` and `parameters.tenantId` must be non-empty,
//! and `parameters.objects` — YAML inside a string — must parse the way the provider parses it:
//! a mapping with an `array` of strings, each a YAML mapping with an `objectName` and an
//! `objectType` of `secret`, `key` or `cert`. Every `secretObjects[].data[].objectName` must
//! name one of those objects (by `objectName` or `objectAlias`). Other providers (Vault, AWS,
//! GCP) are only checked for `spec.provider`.
//!
//! ## Why
//! The driver reads the class only when a pod mounts it: a class that does not parse fails every
//! pod that uses it (`FailedMount`), typically during a rollout, and a `secretObjects` entry
//! naming an unknown object leaves the synced Kubernetes Secret without that key.
//!
//! ## Fails
//! ```yaml
//! apiVersion: secrets-store.csi.x-k8s.io/v1
//! kind: SecretProviderClass
//! metadata: { name: api-kv, namespace: shop }
//! spec:
//!   provider: azure
//!   parameters:
//!     keyvaultName: shop-kv
//!     objects: |
//!       array:
//!         - objectName: db-password
//!           objectType: secret
//! ```
//!
//! ## Passes
//! ```yaml
//! apiVersion: secrets-store.csi.x-k8s.io/v1
//! kind: SecretProviderClass
//! metadata: { name: api-kv, namespace: shop }
//! spec:
//!   provider: azure
//!   parameters:
//!     clientID: 4a1c2f9e-0b7d-4e3a-9c58-2d6f1e8b7a90
//!     keyvaultName: shop-kv
//!     tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
//!     objects: |
//!       array:
//!         - |
//!           objectName: db-password
//!           objectType: secret
//! ```
//!
//! ## Fix
//! Set `keyvaultName` and `tenantId`, and write each object as a YAML string under `array`
//! (`- |`), with `objectName` and `objectType`.

use std::collections::HashSet;

use rampart_document::Node;

use super::provider_class::{
    is_provider_class, key_vault_objects, non_empty_parameter, parameter, parameters_pos,
};
use crate::context::Context;
use crate::finding::{Layer, Severity};
use crate::object::Object;
use crate::rules::{Check, Emit, Reference, Rule};

pub static RULE: Rule = Rule {
    id: "cluster.secrets.provider-class-invalid",
    layer: Layer::Cluster,
    domain: "secrets",
    severity: Severity::Medium,
    title: "SecretProviderClass the provider cannot use",
    source: include_str!("provider_class_invalid.rs"),
    remediation: "Set provider, keyvaultName and tenantId, and write parameters.objects as an `array` of YAML strings with objectName and objectType.",
    references: &[Reference::Url(
        "https://azure.github.io/secrets-store-csi-driver-provider-azure/docs/getting-started/usage/",
    )],
    pss: None,
    check: Check::Object(check),
};

fn check(o: &Object, _ctx: &Context, out: &mut Emit) {
    if !is_provider_class(o) {
        return;
    }
    let spec = o.node.get("spec");
    let provider = spec.and_then(|s| s.get("provider")).and_then(Node::as_str);
    let Some(provider) = provider.filter(|p| !p.is_empty()) else {
        out.at(
            o,
            "spec.provider",
            None,
            "spec.provider is not set: the driver does not know which provider to call",
        );
        return;
    };
    if provider != "azure" {
        return;
    }
    let params = parameters_pos(o);
    for (name, why) in [
        ("keyvaultName", "the Key Vault to read"),
        ("tenantId", "the Entra ID tenant of the Key Vault"),
    ] {
        let set = non_empty_parameter(o, name).is_some()
            || (name == "tenantId" && non_empty_parameter(o, "tenantID").is_some());
        if !set {
            let pos = parameter(o, name).map_or(params, |(_, n)| n.pos);
            out.at(
                o,
                format!("spec.parameters.{name}"),
                Some(pos),
                format!("parameters.{name} is not set ({why}): pods mounting this class fail"),
            );
        }
    }
    let Some((objects, node)) = non_empty_parameter(o, "objects") else {
        out.at(
            o,
            "spec.parameters.objects",
            Some(params),
            "parameters.objects is not set: the class fetches nothing",
        );
        return;
    };
    let parsed = match key_vault_objects(&objects) {
        Ok(parsed) => parsed,
        Err(e) => {
            out.at(o, "spec.parameters.objects", Some(node.pos), e.0);
            return;
        }
    };
    let known: HashSet<&str> = parsed
        .iter()
        .flat_map(|k| std::iter::once(k.name.as_str()).chain(k.alias.as_deref()))
        .collect();
    let synced = spec
        .and_then(|s| s.get("secretObjects"))
        .map(Node::items)
        .unwrap_or(&[]);
    for (i, secret) in synced.iter().enumerate() {
        for (j, item) in secret
            .get("data")
            .map(Node::items)
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let Some(name_node) = item.get("objectName") else {
                continue;
            };
            let Some(name) = name_node.as_str() else {
                continue;
            };
            if known.contains(name) {
                continue;
            }
            let secret_name = secret
                .get("secretName")
                .and_then(Node::as_str)
                .unwrap_or("?");
            out.at(
                o,
                format!("spec.secretObjects[{i}].data[{j}].objectName"),
                Some(name_node.pos),
                format!(
                    "secretObjects entry for Secret \"{secret_name}\" names object \"{name}\", which parameters.objects does not fetch"
                ),
            );
        }
    }
}
