//! `cluster.secrets.*`: credentials outside a secret store.

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[];
