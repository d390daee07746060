//! `cluster.supply-chain.*`: trusted registries, immutable images, admission control.

pub mod admission;
pub mod mutable_tag_pull_policy;
pub mod no_registry_admission;
pub mod no_signature_verification;
pub mod registry;
pub mod untrusted_registry;

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[
    &untrusted_registry::RULE,
    &mutable_tag_pull_policy::RULE,
    &no_registry_admission::RULE,
    &no_signature_verification::RULE,
];
