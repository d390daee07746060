//! `cluster.network.*`: zero-trust network policies and exposure.

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[];
