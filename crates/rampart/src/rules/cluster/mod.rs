//! Cluster layer: identity and RBAC, network segmentation, secrets and the supply chain.

pub mod aks;
pub mod network;
pub mod rbac;
pub mod secrets;
pub mod supply_chain;
