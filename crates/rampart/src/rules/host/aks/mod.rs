//! `host.aks.*` and `cluster.aks.*`: controls read from the AKS cluster definition.

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[];
