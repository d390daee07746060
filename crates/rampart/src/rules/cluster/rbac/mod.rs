//! `cluster.rbac.*`: least-privilege RBAC.

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[];
