//! `cluster.supply-chain.*`: trusted registries, immutable images, admission control.

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[];
