//! `cluster.secrets.*`: credentials outside a secret store.

pub mod configmap_credential;
pub mod detect;
pub mod env_literal_credential;
pub mod plain_secret_manifest;
pub mod prefer_key_vault;
pub mod provider_class;
pub mod provider_class_identity;
pub mod provider_class_invalid;
pub mod provider_class_missing;
pub mod references;

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &configmap_credential::RULE,
    &env_literal_credential::RULE,
    &plain_secret_manifest::RULE,
    &prefer_key_vault::RULE,
    &provider_class_invalid::RULE,
    &provider_class_identity::RULE,
    &provider_class_missing::RULE,
];
