//! `host.node.*`: kubelet and node file hardening (`rampart node`).

use crate::rules::Rule;

/// This domain's rules, in catalog order.
pub static RULES: &[&Rule] = &[];
