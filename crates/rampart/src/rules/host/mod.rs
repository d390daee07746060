//! Host layer: the AKS cluster definition's node settings and node hardening.

pub mod aks;
pub mod node;
